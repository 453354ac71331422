"""A user signs in with her email address; her role decides what she can see."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models

from strideback.core.rules import PELVIC_FLOOR_CLEARERS
from strideback.core.vocabulary import PROFESSION


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractUser):
    class Role(models.TextChoices):
        RUNNER = "runner", "Runner"
        PROFESSIONAL = "professional", "Pelvic health physiotherapist or running coach"

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.RUNNER)
    # What a professional is (the words in the core's vocabulary); only a physiotherapist
    # may lift a pelvic-floor referral (rules.PELVIC_FLOOR_CLEARERS).
    profession = models.CharField(max_length=24, choices=PROFESSION, blank=True)
    # Her own settings: the zone her "today" follows (blank: the server's), the unit her
    # distances show in, and the time of day her calendar reminds her of a session.
    time_zone = models.CharField(max_length=64, blank=True)
    units = models.CharField(
        max_length=2, choices=[("km", "Kilometres"), ("mi", "Miles")], default="km"
    )
    reminder_at = models.TimeField(null=True, blank=True)
    remind_by_email = models.BooleanField(default=False)  # an email at that time, too

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc]

    def __str__(self) -> str:
        return self.email

    @property
    def display_name(self) -> str:
        """Her name as she gave it, else her email address."""
        return f"{self.first_name} {self.last_name}".strip() or self.email

    @property
    def is_professional(self) -> bool:
        return self.role == self.Role.PROFESSIONAL

    @property
    def is_physiotherapist(self) -> bool:
        return self.profession in PELVIC_FLOOR_CLEARERS
