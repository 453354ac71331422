"""Strideback: a postpartum return-to-running coach."""

__version__ = "0.1.0"
