"""Tracking: today's session, logging it, re-tests and the history of what was logged."""
