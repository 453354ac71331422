"""Sent on commit after each event is recorded: ``sender=Programme, programme=, event=``."""

from django.dispatch import Signal

event_recorded = Signal()
