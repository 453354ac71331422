"""What is stored: intake versions, programmes and the append-only event log.

The plan itself is never stored; it is replayed from these by the core on every read."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class IntakeVersion(models.Model):
    """A runner's answers. The newest unfinished one is her draft; finished ones never change."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intakes"
    )
    version = models.PositiveIntegerField()
    answers = models.JSONField(default=dict)  # the core's intake format
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "version"], name="one_number_per_intake")
        ]
        ordering = ["owner", "version"]

    def __str__(self) -> str:
        return f"intake {self.version} of {self.owner}"

    @property
    def is_draft(self) -> bool:
        return self.completed_at is None


class Programme(models.Model):
    """An intake version, a protocol (id and version) and a start date."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programmes"
    )
    intake = models.ForeignKey(IntakeVersion, on_delete=models.PROTECT, related_name="programmes")
    protocol_id = models.CharField(max_length=80)
    protocol_version = models.PositiveIntegerField()
    start = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["owner", "-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="programme_newest_first")]

    def __str__(self) -> str:
        return f"programme from {self.start} for {self.owner}"


def new_event_id() -> str:
    return secrets.token_hex(8)


class AppendOnlyError(RuntimeError):
    """Events are never changed: an edit is a new event that replaces the old one."""


class Event(models.Model):
    """One logged event in the core's event format. Append-only."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="events")
    public_id = models.CharField(max_length=32, unique=True, default=new_event_id)
    type = models.CharField(max_length=20)
    day = models.DateField()
    data: models.JSONField[Any] = models.JSONField()
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    # The first version of an edited entry: the edit window counts from when it was logged.
    original = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Made when the log form is shown: a form sent twice (a double tap, or a log queued on the
    # phone and sent again after a lost answer) is recorded once.
    client_key = models.UUIDField(null=True, blank=True)
    # What the entry is for, where there can be only one: a session on its day, a re-test on
    # its day, a version of her answers, a pause or resumption on its day. Two different
    # forms for the same thing (two devices at the same moment) make one entry. Edits have
    # none: an entry is replaced at most once (``one_edit_per_entry``).
    slot = models.CharField(max_length=80, null=True, blank=True)

    class Meta:
        ordering = ["programme", "recorded_at", "id"]
        indexes = [models.Index(fields=["programme", "day"], name="event_programme_day")]
        constraints = [
            # An entry is replaced at most once: two edits at the same moment cannot both win.
            models.UniqueConstraint(fields=["replaces"], name="one_edit_per_entry"),
            # One entry per form sent, however often it arrives.
            models.UniqueConstraint(
                fields=["programme", "client_key"], name="one_entry_per_form_sent"
            ),
            # One entry per thing it is for.
            models.UniqueConstraint(fields=["programme", "slot"], name="one_entry_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.type} on {self.day}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("An event cannot be changed; record a new one that replaces it.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("An event cannot be deleted; record a new one that replaces it.")

    @property
    def first_recorded_at(self) -> Any:
        return self.original.recorded_at if self.original_id else self.recorded_at

    def as_core(self) -> dict[str, Any]:
        """The event as the core reads it; ``data`` already names any event it replaces."""
        return {**self.data, "id": self.public_id, "type": self.type, "date": self.day.isoformat()}


class ProgrammeSummary(models.Model):
    """What a caseload shows of a programme (the core's ``Summary``), kept up to date in the
    same transaction as each event and rebuilt by ``strideback rebuild``. The replay stays
    the truth; this only makes a list of many clients fast. Days, not yes/no answers: the
    caseload decides what needs attention on the day it reads."""

    programme = models.OneToOneField(
        Programme, primary_key=True, on_delete=models.CASCADE, related_name="summary"
    )
    engine_version = models.PositiveIntegerField()
    computed_on = models.DateField()
    start = models.DateField()
    status = models.CharField(max_length=12)
    last_log = models.DateField(null=True)
    pelvic_floor_day = models.DateField(null=True)
    pelvic_floor: models.JSONField[Any] = models.JSONField(default=list)
    referral_since = models.DateField(null=True)
    red_since = models.DateField(null=True)
    pain_day = models.DateField(null=True)
    pain_rising_day = models.DateField(null=True)
    spike_day = models.DateField(null=True)
    retest_due = models.DateField(null=True)
    hold_since = models.DateField(null=True)
    override_day = models.DateField(null=True)
    upcoming: models.JSONField[Any] = models.JSONField(default=list)  # [[day, kind], ...]
    planned = models.CharField(max_length=64, blank=True)  # a digit a day
    done = models.CharField(max_length=64, blank=True)
    # Today's share of the plan as of ``computed_on`` (the core's ``today_window``), with what
    # made it: Today reads it instead of replaying while both still hold.
    today: models.JSONField[Any] = models.JSONField(null=True)

    def __str__(self) -> str:
        return f"summary of {self.programme_id} on {self.computed_on}"
