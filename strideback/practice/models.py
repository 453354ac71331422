"""What a practice keeps: its members, invitations, the shares its clients consented to,
and the append-only record of every read and action on a client's data.

A share is with a practice, never with one person: every member of the practice sees the
practice's clients; a runner may share with more than one practice, and revoke each at once.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# Codes people type: no 0/O, 1/I/L, so a code read aloud in clinic is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_practice_code() -> str:
    return new_code(6)


class Practice(models.Model):
    name = models.CharField(max_length=120)
    country = models.CharField(max_length=60)
    # A code a runner can enter to share with the practice (she still sees who and accepts).
    code = models.CharField(max_length=12, unique=True, default=new_practice_code)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    CLINICIAN = "clinician", "Clinician"
    COACH = "coach", "Coach"


class Membership(models.Model):
    """A professional in a practice. Removing a member ends it (``removed_at``); the record
    stays, since the audit log names her."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    joined_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["practice", "joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "user"],
                condition=Q(removed_at__isnull=True),
                name="one_active_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.practice} ({self.role})"

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER


class Invitation(models.Model):
    """A single-use code, which expires: a colleague invited to join (``member``), a runner
    invited to share (``client``), or a runner started in clinic who claims her account
    (``claim``: ``runner`` is the account made for her)."""

    class Kind(models.TextChoices):
        MEMBER = "member", "Join the practice"
        CLIENT = "client", "Share with the practice"
        CLAIM = "claim", "Claim the account started in clinic"

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="invitations")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    code = models.CharField(max_length=12, unique=True, default=new_code)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=12, choices=Role.choices, blank=True)  # for members
    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} invitation to {self.practice}"

    def is_open(self, now: Any) -> bool:
        return self.used_at is None and self.declined_at is None and now < self.expires_at


class Share(models.Model):
    """Her consent: the practice may see her programme and act for her, from ``granted_at``
    until she revokes it. A discharged or archived client keeps her plan; the practice keeps
    its view of her until she revokes."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        DISCHARGED = "discharged", "Discharged"
        ARCHIVED = "archived", "Archived"

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="shares")
    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clinician = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="clients"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["practice", "granted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "runner"],
                condition=Q(revoked_at__isnull=True),
                name="one_open_share_per_practice",
            )
        ]
        indexes = [models.Index(fields=["runner", "revoked_at"], name="share_runner_open")]

    def __str__(self) -> str:
        return f"{self.runner} shares with {self.practice}"


class AccessEntry(models.Model):
    """Who read or changed a client's data, what, and when. Append-only: the practice owner
    and the runner read it; nothing changes or deletes it (her account's deletion removes
    her entries with her)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="access_log")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=160)  # kept when the account goes
    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="access_entries",
    )
    action = models.CharField(max_length=40)
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["runner", "-at"], name="access_by_runner"),
            models.Index(fields=["practice", "-at"], name="access_by_practice"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} at {self.at}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("The access log is append-only.")
        super().save(*args, **kwargs)


class AppendOnly(models.Model):
    """A version once stored is never changed or deleted: a plan or a history that names it
    keeps what it named. A change is a new version."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError(f"A stored {self._meta.verbose_name} is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError(f"A stored {self._meta.verbose_name} is never deleted.")


class PracticeVersion(AppendOnly):
    """One version of something a practice writes: the document as checked and stored, and
    the fingerprint of its content (the same content again makes no new version)."""

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    document: models.JSONField[Any] = models.JSONField()
    fingerprint = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class PracticeExercise(PracticeVersion):
    """A version of a practice's own exercise. Each version has its own catalog id
    (``p17_wall_sit``, then ``p17_wall_sit_v2``…), so an event that names a version always
    gets that version, and her history keeps the one she did. ``document`` holds the
    exercise under its catalog id; ``fingerprint`` is of its content under ``base_id``."""

    base_id = models.CharField(max_length=80)  # the id the professional writes
    catalog_id = models.CharField(max_length=90, unique=True)

    class Meta:
        ordering = ["practice", "base_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "base_id", "version"], name="one_exercise_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.catalog_id} (version {self.version})"


class PracticeTemplate(PracticeVersion):
    """A version of a practice's programme template (its id starts with the practice's
    prefix, like its exercises); applying it names the version applied."""

    template_id = models.CharField(max_length=80)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["practice", "template_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "template_id", "version"], name="one_template_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


# ---------------------------------------------------------------------------------------
# Her client's page: clinical notes, messages, outcome scores and the alerts sent.


class ClinicalNote(models.Model):
    """A professional's private note on a client. Never shown in the runner's app; given to
    her in her data export, as a data-protection access request requires."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=160)  # kept when the account goes
    text = models.TextField(max_length=5000)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_at", "-id"]

    def __str__(self) -> str:
        return f"note by {self.author_name} at {self.written_at}"


class Message(models.Model):
    """A message between a runner and the practice she shares with. ``from_practice`` tells
    the side; ``read_at`` is set when the other side opens it."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sender_name = models.CharField(max_length=160)
    from_practice = models.BooleanField()
    text = models.TextField(max_length=5000)
    sent_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [models.Index(fields=["share", "sent_at"], name="message_by_share")]

    def __str__(self) -> str:
        return f"message from {self.sender_name} at {self.sent_at}"


class Questionnaire(models.TextChoices):
    ICIQ_UI_SF = "iciq_ui_sf", "ICIQ-UI SF"
    PFDI_20 = "pfdi_20", "PFDI-20"


class QuestionnaireLicence(models.Model):
    """A questionnaire the practice is licensed to use: only those can be recorded."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="licences")
    questionnaire = models.CharField(max_length=12, choices=Questionnaire.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "questionnaire"], name="one_licence_per_questionnaire"
            )
        ]

    def __str__(self) -> str:
        return f"{self.practice} licensed for {self.questionnaire}"


class OutcomeScore(models.Model):
    """A questionnaire's totals as the professional scored it (never its items or their
    texts): ICIQ-UI SF total 0–21; PFDI-20 total 0–300 with POPDI-6, CRADI-8 and UDI-6."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="scores")
    questionnaire = models.CharField(max_length=12, choices=Questionnaire.choices)
    taken_on = models.DateField()
    total = models.DecimalField(max_digits=5, decimal_places=2)
    popdi_6 = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    cradi_8 = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    udi_6 = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["taken_on", "id"]

    def __str__(self) -> str:
        return f"{self.questionnaire} {self.total} on {self.taken_on}"


class AlertSent(models.Model):
    """A red-flag alert mailed to the practice: once per share, flag and event."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="alerts")
    flag = models.CharField(max_length=40)
    event_id = models.CharField(max_length=32)  # the event's public id
    recipients = models.TextField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["share", "flag", "event_id"], name="one_alert_per_flag_and_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.flag} alert for event {self.event_id}"


class FlagSeen(models.Model):
    """A professional has seen what the caseload flagged for a client: the flag's code and
    the day it happened. A later occurrence (a later day) is new and shows again; the seen
    one stays in the record."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="flags_seen")
    code = models.CharField(max_length=20)
    day = models.DateField()
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    seen_by_name = models.CharField(max_length=160)  # kept when the account goes
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["share", "-seen_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["share", "code", "day"], name="seen_once_per_flag")
        ]

    def __str__(self) -> str:
        return f"{self.code} of {self.day} seen by {self.seen_by_name}"
