"""Too many tries: the page a throttled request gets (429 with Retry-After), saying in plain
words what happened and how long to wait.

allauth counts the tries in the shared cache, by the limits in ACCOUNT_RATE_LIMITS (the
settings say why each is what it is). This module reads the same counts to tell her when
her next try will be let through."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.email_verification_by_code import (
    EMAIL_VERIFICATION_CODE_SESSION_KEY,
)
from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

APP = "allauth.account"
FALLBACK_WAIT = 60  # seconds, when the counts cannot say (two tries racing for the cache)

KeyOf = Callable[[HttpRequest], "str | None"]


def _posted(name: str) -> KeyOf:
    def key(request: HttpRequest) -> str | None:
        return request.POST.get(name, "").strip().lower() or None

    return key


def _sign_in_key(request: HttpRequest) -> str | None:
    email = _posted("login")(request)
    if email is None:
        return None
    return str(get_adapter()._get_login_attempts_cache_key(request, email=email))


def _code_address(request: HttpRequest) -> str | None:
    state = request.session.get(EMAIL_VERIFICATION_CODE_SESSION_KEY) or {}
    email = state.get("email")
    return str(email).lower() if email else None


@dataclass(frozen=True)
class Situation:
    """What held her up, in words, with the links that help."""

    heading: str
    lines: Sequence[str]
    links: Sequence[tuple[str, str]] = ()


SIGN_IN = Situation(
    "Too many tries to sign in",
    [
        "To keep your account safe, signing in pauses for a while after several tries "
        "that did not work.",
        "Forgotten your password? You can reset it now: the link we email you works straight away.",
    ],
    [("Reset my password", "account_reset_password"), ("Back to sign in", "account_login")],
)
SIGN_UP = Situation(
    "Too many new accounts just now",
    [
        "Several accounts were made from your connection in the last few minutes, so new "
        "ones pause for a while. Any answers you gave are kept.",
    ],
    [("Back to creating an account", "account_signup")],
)
RESET = Situation(
    "We have just sent you a link",
    [
        "Several emails to reset a password went out just now. Please look for the newest "
        "one from Strideback, in your spam or junk folder too: its link works.",
    ],
    [("Back to sign in", "account_login")],
)
NEW_PASSWORD = Situation(
    "Too many tries just now",
    ["Please open the link from your email again after the wait."],
    [("Back to sign in", "account_login")],
)
NEW_CODE = Situation(
    "We have just sent you a code",
    [
        "Please look for the newest email from Strideback, in your spam or junk folder "
        "too, and type its code.",
    ],
    [("Back to the code", "account_email_verification_sent")],
)
CODE_TRIES = Situation(
    "That code no longer works",
    [
        "It was typed wrong three times, so to keep your account safe it has stopped working.",
        "Sign in with your email and password and we will email you a new code.",
    ],
    [("Sign in", "account_login")],
)
ANY = Situation("Too many tries just now", ["Please wait a little, then try again."])

# allauth's limits (its actions) and what each means to her.
SITUATIONS = {
    "login_failed": SIGN_IN,
    "login": SIGN_IN,
    "signup": SIGN_UP,
    "reset_password": RESET,
    "reset_password_from_key": NEW_PASSWORD,
    "confirm_email": NEW_CODE,
}
# The limits a page can meet, each with where its key is in the request.
LIMITS_BY_PAGE: dict[str, list[tuple[str, KeyOf | None]]] = {
    "account_login": [
        ("login_failed", _sign_in_key),
        ("login", None),
        ("confirm_email", _posted("login")),  # signing in before the address is checked
    ],
    "account_signup": [("signup", None), ("confirm_email", _posted("email"))],
    "account_reset_password": [("reset_password", _posted("email"))],
    "account_reset_password_from_key": [("reset_password_from_key", None)],
    "account_email_verification_sent": [("confirm_email", _code_address)],
}


def seconds_until_allowed(request: HttpRequest, action: str, key: str | None) -> float:
    """How long until allauth lets the next try of ``action`` through (0 if it would now)."""
    now = time.time()
    wait = 0.0
    for rate in ratelimit.get_rates(app=APP, action=action):
        if rate.per == "user" or (rate.per == "key" and key is None):
            continue
        cache_key = ratelimit.get_cache_key(request, app=APP, action=action, rate=rate, key=key)
        recent = sorted(
            (t for t in cache.get(cache_key, []) if t > now - rate.duration), reverse=True
        )
        if len(recent) >= rate.amount:
            wait = max(wait, recent[rate.amount - 1] + rate.duration - now)
    return wait


def wait_words(seconds: int) -> str:
    """45 → "45 seconds", 61 → "2 minutes", 3600 → "1 hour"."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = math.ceil(minutes / 60)
    return f"{hours} hour{'s' if hours != 1 else ''}"


def limit_reached(request: HttpRequest) -> tuple[Situation, float]:
    """Which limit held up this request (the one with the longest wait), and the wait."""
    match = request.resolver_match
    limits = LIMITS_BY_PAGE.get(match.url_name or "" if match else "", [])
    waits = [
        (seconds_until_allowed(request, action, key_of(request) if key_of else None), action)
        for action, key_of in limits
    ]
    wait, action = max(waits, default=(0.0, ""))
    return SITUATIONS.get(action, ANY), wait or FALLBACK_WAIT


def too_many(request: HttpRequest, situation: Situation, wait: float) -> HttpResponse:
    """The 429 page: what held her up, and how many seconds until she may try again."""
    seconds = max(0, math.ceil(wait))
    context = {
        "heading": situation.heading,
        "lines": situation.lines,
        "links": [(words, reverse(name)) for words, name in situation.links],
        "wait": wait_words(seconds) if seconds else "",
    }
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "private, no-store"
    return response
