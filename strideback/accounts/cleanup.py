"""Deleting what is no longer needed, by `strideback cleanup` and at every `strideback serve`:

- sessions past their expiry date;
- a visitor's unfinished answers (an anonymous session holding intake answers she has not
  finished) untouched for VISITOR_ANSWERS_DAYS; finished ones stay until the session
  expires, so she can come back to her verdict and sign up;
- the records of sign-ins whose session has ended;
- expired entries of the database cache (the rate-limit counts);
- sign-ups whose address was never checked with the code, after UNVERIFIED_SIGNUP_DAYS:
  never signed in, no answers, no checked address.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction

from strideback.accounts.models import User
from strideback.programmes.drafts import VISITOR_ANSWERS, VISITOR_FINISHED

DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


@dataclass(frozen=True)
class Purged:
    expired_sessions: int = 0
    visitor_answers: int = 0
    ended_sign_ins: int = 0
    cache_entries: int = 0
    unverified_signups: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, item.name) for item in fields(self))

    def lines(self, include_zero: bool = True) -> list[str]:
        """One line per kind: how many went, and what they were."""
        visitor_days, signup_days = settings.VISITOR_ANSWERS_DAYS, settings.UNVERIFIED_SIGNUP_DAYS
        counted = [
            (self.expired_sessions, "expired session", "expired sessions", ""),
            (
                self.visitor_answers,
                "visitor's unfinished answers",
                "visitors' unfinished answers",
                f", untouched for {visitor_days} days",
            ),
            (
                self.ended_sign_ins,
                "record of a sign-in whose session has ended",
                "records of sign-ins whose session has ended",
                "",
            ),
            (self.cache_entries, "expired cache entry", "expired cache entries", ""),
            (
                self.unverified_signups,
                "sign-up never checked by its code",
                "sign-ups never checked by their code",
                f", older than {signup_days} days",
            ),
        ]
        return [
            f"{count} {one if count == 1 else many}{after}"
            for count, one, many, after in counted
            if count or include_zero
        ]


def purge(now: datetime) -> Purged:
    """Delete all of the above as of ``now``; says how many of each went."""
    return Purged(
        expired_sessions=_expired_sessions(now),
        visitor_answers=_stale_visitor_answers(now),
        ended_sign_ins=_ended_sign_ins(),
        cache_entries=_expired_cache_entries(now),
        unverified_signups=_unverified_signups(now),
    )


def _expired_sessions(now: datetime) -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


def _stale_visitor_answers(now: datetime) -> int:
    # A session's expiry is set each time it is saved, so it was last changed one session
    # age before its expiry date.
    changed_before = now - timedelta(days=settings.VISITOR_ANSWERS_DAYS)
    expiring_before = changed_before + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    stale = [
        session.pk
        for session in Session.objects.filter(expire_date__lt=expiring_before).iterator()
        if _holds_unfinished_visitor_answers(session.get_decoded())
    ]
    deleted, _ = Session.objects.filter(pk__in=stale).delete()
    return deleted


def _holds_unfinished_visitor_answers(data: dict[str, object]) -> bool:
    signed_in = "_auth_user_id" in data
    return not signed_in and bool(data.get(VISITOR_ANSWERS)) and not data.get(VISITOR_FINISHED)


def _ended_sign_ins() -> int:
    live = Session.objects.values("session_key")
    deleted, _ = UserSession.objects.exclude(session_key__in=live).delete()
    return deleted


def _expired_cache_entries(now: datetime) -> int:
    cache = settings.CACHES["default"]
    if cache["BACKEND"] != DATABASE_CACHE:
        return 0  # another cache (Redis) drops its own expired entries
    table = connection.ops.quote_name(cache["LOCATION"])
    expires = connection.ops.quote_name("expires")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE {expires} < %s",
            [connection.ops.adapt_datetimefield_value(now)],
        )
        return max(cursor.rowcount, 0)


def _unverified_signups(now: datetime) -> int:
    joined_before = now - timedelta(days=settings.UNVERIFIED_SIGNUP_DAYS)
    unchecked = (
        User.objects.filter(
            date_joined__lt=joined_before,
            last_login__isnull=True,
            emailaddress__verified=False,
            intakes__isnull=True,
        )
        .exclude(emailaddress__verified=True)
        .values_list("pk", flat=True)
        .distinct()
    )
    _, by_model = User.objects.filter(pk__in=list(unchecked)).delete()
    return by_model.get(User._meta.label, 0)
