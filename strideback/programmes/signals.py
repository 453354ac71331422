"""``event_recorded``: sent once the transaction that recorded an event has committed
(sender ``Programme``; ``programme`` and ``event`` as keyword arguments), so the practice can
tell a client's professional. Nothing in the programme itself hangs on it."""

from __future__ import annotations

from django.dispatch import Signal

event_recorded = Signal()
