"""API tokens: make one (the secret is given back once), list, revoke, and check the one a
request carries. A token made by an operator (``strideback tokens create``) for a
professional is trusted as it is, without her two-factor sign-in; every use of it is written
to her practice's access log."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.db import IntegrityError, transaction

from strideback.accounts.models import User
from strideback.api.models import ApiToken
from strideback.core import InputError, Problem
from strideback.practice.access import membership_for, needs_two_factor, record_access

SECRET_START = "sb_"
PREFIX_LENGTH = 10  # "sb_" and 7 characters of the secret
NAME_LENGTH = 80
MAX_DAYS = 366
OPERATOR_DAYS = 90  # an operator's token expires after this many days unless told


@dataclass(frozen=True)
class Made:
    token: ApiToken
    secret: str | None  # None: the same form was sent again, and the secret was shown then


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _checked(name: str, scope: str, days: int | None) -> list[Problem]:
    problems = []
    if not name.strip() or len(name.strip()) > NAME_LENGTH:
        problems.append(Problem("name", f"give the token a name of 1 to {NAME_LENGTH} characters"))
    if scope not in ApiToken.Scope.values:
        problems.append(Problem("scope", f"{scope[:20]!r} is not a scope; use read or write"))
    if days is not None and not 1 <= days <= MAX_DAYS:
        problems.append(
            Problem("days", f"a token lasts 1 to {MAX_DAYS} days, or leave it empty for no end")
        )
    return problems


def create_token(
    owner: User,
    name: str,
    scope: str,
    now: datetime,
    *,
    days: int | None = None,
    by_operator: bool = False,
    client_key: UUID | None = None,
) -> Made:
    """A new token for ``owner``; its secret is in the answer and nowhere else. On the web a
    professional needs two-factor sign-in first (the token reaches her clients' data); an
    operator's token is trusted as it is. The same form sent twice makes one token."""
    if by_operator and days is None:
        days = OPERATOR_DAYS
    problems = _checked(name, scope, days)
    if problems:
        raise InputError("token", problems)
    if not by_operator and owner.is_professional and needs_two_factor(owner):
        raise InputError(
            "token",
            [
                Problem(
                    "",
                    "Set up two-factor sign-in first: a token reaches your clients' data. "
                    "Then make the token here.",
                )
            ],
        )
    if client_key is not None:
        earlier = ApiToken.objects.filter(owner=owner, client_key=client_key).first()
        if earlier is not None:
            return Made(earlier, None)
    secret = SECRET_START + secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(
                owner=owner,
                name=name.strip(),
                scope=scope,
                hashed=_hash(secret),
                prefix=secret[:PREFIX_LENGTH],
                created_at=now,
                expires_at=now + timedelta(days=days) if days is not None else None,
                created_by_operator=by_operator,
                client_key=client_key,
            )
    except IntegrityError:
        earlier = (
            ApiToken.objects.filter(owner=owner, client_key=client_key).first()
            if client_key is not None
            else None
        )
        if earlier is not None:  # the same form, sent at the same moment
            return Made(earlier, None)
        raise InputError(
            "token",
            [
                Problem(
                    "name",
                    f"you already have a token called {name.strip()!r}; choose another name "
                    "or revoke that one first",
                )
            ],
        ) from None
    return Made(token, secret)


def tokens_of(owner: User) -> list[ApiToken]:
    """Her tokens not revoked, newest first (expired ones too, marked by their date)."""
    return list(ApiToken.objects.filter(owner=owner, revoked_at__isnull=True))


def revoke_token(owner: User, token_id: int, now: datetime) -> ApiToken | None:
    """Stop one of her tokens at once; revoking twice is revoking once. None: no such token
    of hers."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(owner=owner, pk=token_id).first()
        if token is not None and token.revoked_at is None:
            token.revoked_at = now
            token.save(update_fields=["revoked_at"])
        return token


def revoke_named(owner: User, name: str, now: datetime) -> ApiToken:
    """Revoke her open token called ``name`` (the command line names tokens)."""
    token = ApiToken.objects.filter(owner=owner, name=name.strip(), revoked_at__isnull=True).first()
    if token is None:
        known = ", ".join(t.name for t in tokens_of(owner)) or "none"
        raise InputError(
            "token", [Problem("name", f"no open token is called {name!r}; hers: {known}")]
        )
    revoked = revoke_token(owner, token.pk, now)
    assert revoked is not None
    return revoked


def authenticate(secret: str, now: datetime, what: str = "") -> ApiToken | None:
    """The token behind ``secret`` while it is open (not revoked, not expired, its owner
    active); None otherwise. Its use is noted; a professional's operator token is written
    to her practice's access log with ``what`` was asked."""
    if not secret.startswith(SECRET_START) or len(secret) > 100:
        return None
    token = ApiToken.objects.select_related("owner").filter(hashed=_hash(secret)).first()
    if (
        token is None
        or token.revoked_at is not None
        or (token.expires_at is not None and token.expires_at <= now)
        or not token.owner.is_active
    ):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    if token.created_by_operator and token.owner.is_professional:
        membership = membership_for(token.owner)
        if membership is not None:
            record_access(token.owner, membership.practice, None, "api_operator_token", what)
    return token


def owner_by_email(email: str) -> User:
    """The account the command line names; bad input if there is none."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise InputError("EMAIL", [Problem("", f"no account has the address {email!r}")])
    return user
