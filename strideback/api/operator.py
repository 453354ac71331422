"""`strideback tokens ...`: an operator makes, lists and revokes a person's API tokens.
An operator's token is trusted as it is (a professional's works without her two-factor
sign-in) and expires after 90 days unless told; each use of a professional's is written to
her practice's access log."""

from __future__ import annotations

from django.utils import timezone

from strideback.api import tokens


def create(email: str, scope: str, name: str, days: int | None) -> list[str]:
    owner = tokens.owner_by_email(email)
    made = tokens.create_token(owner, name, scope, timezone.now(), days=days, by_operator=True)
    token = made.token
    ends = f"until {token.expires_at:%Y-%m-%d %H:%M %Z}" if token.expires_at else "until revoked"
    return [
        f"Made the {token.scope} token {token.name!r} for {owner.email}, {ends}.",
        "Give it to her safely; it is shown only now:",
        made.secret or "",
    ]


def listing(email: str) -> list[str]:
    owner = tokens.owner_by_email(email)
    found = tokens.tokens_of(owner)
    if not found:
        return [f"{owner.email} has no tokens."]
    return [
        f"{t.name}\t{t.scope}\t{t.prefix}…\tmade {t.created_at:%Y-%m-%d}"
        f"\tlast used {t.last_used_at:%Y-%m-%d %H:%M}"
        if t.last_used_at
        else f"{t.name}\t{t.scope}\t{t.prefix}…\tmade {t.created_at:%Y-%m-%d}\tnever used"
        for t in found
    ]


def revoke(email: str, name: str) -> list[str]:
    owner = tokens.owner_by_email(email)
    token = tokens.revoke_named(owner, name, timezone.now())
    return [f"Revoked the token {token.name!r} of {owner.email}: it has stopped working."]
