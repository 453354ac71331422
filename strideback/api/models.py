"""Tokens for apps and scripts: the secret is shown once when made and only its hash is
kept (it is 256 random bits, so a plain SHA-256 is enough); a prefix is kept to tell tokens
apart on the settings page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", "Read"
        WRITE = "write", "Read and write"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80)
    scope = models.CharField(max_length=5, choices=Scope.choices)
    hashed = models.CharField(max_length=64, unique=True)  # sha256 of the secret, hex
    prefix = models.CharField(max_length=12)  # the secret's first characters, for display
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by_operator = models.BooleanField(default=False)
    client_key = models.UUIDField(null=True, blank=True)  # the form it was made from

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                condition=Q(revoked_at__isnull=True),
                name="one_open_token_per_name",
            ),
            models.UniqueConstraint(fields=["owner", "client_key"], name="one_token_per_form"),
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"API token {self.name!r} of {self.owner}"

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE
