"""What every route shares: who is asking (a bearer token or the web session), the rate
limits per token, the JSON errors, cursor pagination and the Idempotency-Key.

Errors are always ``{"detail": "...", "errors": [{"field": "...", "message": "..."}]}``;
the core's ``InputError`` maps onto it one problem per entry. A 404 never says whether
another runner's thing exists."""

from __future__ import annotations

import base64
import binascii
import json
import logging
import math
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Body, Field, Header, Path, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.throttling import BaseThrottle
from ninja.utils import check_csrf

from strideback.accounts.models import User
from strideback.accounts.zones import zone_of
from strideback.api import tokens
from strideback.api.models import ApiToken
from strideback.core import InputError

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


# --- Who is asking -----------------------------------------------------------------------


@dataclass(frozen=True)
class Caller:
    """The account a request acts for, and the token it came with (None: the web session)."""

    user: User
    token: ApiToken | None

    @property
    def by_session(self) -> bool:
        return self.token is None


class Forbidden(Exception):
    """403 with a plain message."""


class Unauthorised(Exception):
    """401 with a plain message."""


READ_ONLY = (
    "This token can only read. Make a token with the write scope (in your settings, Apps "
    "and scripts) to change anything."
)


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``. A token that is unknown, revoked or expired is a
    401 at once (the session is not tried instead); a read token on a write is a 403."""

    def __init__(self, write: bool) -> None:
        self.write = write
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        found = tokens.authenticate(
            token.strip(), timezone.now(), f"{request.method} {request.path}"[:300]
        )
        if found is None:
            raise Unauthorised(
                "This token is not known, has been revoked or has expired. Make a new one in "
                "your settings (Apps and scripts)."
            )
        if self.write and not found.can_write:
            raise Forbidden(READ_ONLY)
        # Her "today" follows her zone, as on the site (the middleware that sets it ran before
        # the token was read, and sets the zone afresh for the next request).
        zone = zone_of(found.owner.time_zone)
        if zone is not None:
            timezone.activate(zone)
        return Caller(found.owner, found)


class WebSession(APIKeyCookie):
    """The web app's session cookie, for the site's own pages and the docs page; an unsafe
    method needs the CSRF token as every form on the site does (``X-CSRFToken``)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Caller | None:
        user = request.user
        if not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise Forbidden(
                "The CSRF check failed: send the csrftoken cookie's value in an X-CSRFToken "
                "header, or use a bearer token."
            )
        return Caller(user, None)  # type: ignore[arg-type]

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return None  # __call__ decides


READ_AUTH = [BearerToken(write=False), WebSession()]
WRITE_AUTH = [BearerToken(write=True), WebSession()]


def caller(request: HttpRequest) -> Caller:
    found: Caller = request.auth  # type: ignore[attr-defined]
    return found


# --- Rate limits -------------------------------------------------------------------------

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    count, period = rate.split("/", 1)
    unit = period.lstrip("0123456789")
    multiple = int(period[: len(period) - len(unit)] or 1)
    return int(count), multiple * PERIODS[unit]


class PerToken(BaseThrottle):
    """Requests per token (or per account on the web session) in a sliding window, reads
    and writes counted apart; rates from ``settings.API_RATES``, counts in the cache."""

    def allow_request(self, request: HttpRequest) -> bool:
        asking = getattr(request, "auth", None)
        if not isinstance(asking, Caller):
            return True
        kind = "read" if request.method in SAFE_METHODS else "write"
        self.count, self.duration = parse_rate(settings.API_RATES[kind])
        who = f"t{asking.token.pk}" if asking.token is not None else f"u{asking.user.pk}"
        key = f"api-rate:{kind}:{who}"
        now = time.time()
        history = [t for t in cache.get(key, []) if t > now - self.duration]
        if len(history) >= self.count:
            self.wait_for = history[0] + self.duration - now
            return False
        history.append(now)
        cache.set(key, history, self.duration)
        return True

    def wait(self) -> float | None:
        return max(1.0, math.ceil(self.wait_for))


# --- Errors ------------------------------------------------------------------------------


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = Field(default_factory=list)


def error_body(detail: str, errors: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    return {"detail": detail, "errors": [{"field": f, "message": m} for f, m in errors]}


def _field(location: Sequence[Any]) -> str:
    """ninja's location (``["body", "payload", "rpe"]``, ``["query", "from"]``) as the field
    the caller sent."""
    parts = list(location)
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 1 else []
    elif parts and parts[0] in ("query", "path", "header", "cookie", "form"):
        parts = parts[1:]
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _validation_message(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    given = error.get("input")
    if error.get("type") == "missing":
        return "this is required; please give it."
    if error.get("type") == "extra_forbidden":
        return "is not a field we know; see the API's documentation for the fields allowed."
    if isinstance(given, str | int | float | bool) and not isinstance(given, bool | dict):
        return f"{str(given)[:60]!r}: {message[:1].lower()}{message[1:]}."
    return f"{message}."


def install_error_handlers(api: Any) -> None:
    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        response: HttpResponse = api.create_response(request, body, status=status)
        return response

    def input_error(request: HttpRequest, exc: InputError) -> HttpResponse:
        problems = [(p.field, p.message) for p in exc.problems]
        detail = problems[0][1] if len(problems) == 1 else f"{len(problems)} problems: see errors."
        return respond(request, 400, error_body(detail, problems))

    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [(_field(e.get("loc", ())), _validation_message(e)) for e in exc.errors]
        if len(errors) == 1:
            field, message = errors[0]
            detail = f"{field}: {message}" if field else message
        else:
            detail = f"{len(errors)} problems with what was sent: see errors."
        return respond(request, 400, error_body(detail, errors))

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        said = str(exc) if str(exc) and str(exc) != "Not Found" else "Not found."
        return respond(request, 404, error_body(said))

    def unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
        said = (
            str(exc)
            if isinstance(exc, Unauthorised)
            else "Sign in, or send a token: Authorization: Bearer <token>."
        )
        response = respond(request, 401, error_body(said))
        response["WWW-Authenticate"] = 'Bearer realm="strideback"'
        return response

    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 403, error_body(str(exc)))

    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        wait = math.ceil(exc.wait) if exc.wait else 60
        return respond(
            request,
            429,
            error_body(f"Too many requests with this token; try again in {wait} seconds."),
        )

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, error_body(str(exc)))

    def conflict(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.warning("API conflict: %s", exc)
        return respond(
            request, 409, error_body("The same thing was saved at the same moment; send it again.")
        )

    def anything_else(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error", exc_info=exc)
        return respond(request, 500, error_body("Something went wrong on our side."))

    api.add_exception_handler(Exception, anything_else)
    api.add_exception_handler(InputError, input_error)
    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(AuthenticationError, unauthorised)
    api.add_exception_handler(Unauthorised, unauthorised)
    api.add_exception_handler(Forbidden, forbidden)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(IntegrityError, conflict)


ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 403, 404, 409, 429), ErrorOut)


def answers(ok: Any, *codes: int) -> dict[int, Any]:
    """A route's responses for the schema: ``ok`` for each success code (200 unless given),
    the error body for every error."""
    return {**dict.fromkeys(codes or (200,), ok), **ERRORS}


# --- Lists -------------------------------------------------------------------------------

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
T = TypeVar("T")


def _bad_cursor() -> InputError:
    from strideback.core import Problem

    return InputError(
        "list",
        [Problem("cursor", "is not a cursor this list gave; use the 'next' of the page before.")],
    )


def encode_cursor(position: Any) -> str:
    text = json.dumps(position, separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> Any:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError) as error:
        raise _bad_cursor() from error


def page_of(
    items: Sequence[T],
    position: Callable[[T], list[Any]],
    cursor: str | None,
    limit: int,
    *,
    descending: bool = True,
) -> dict[str, Any]:
    """One page of ``items`` (in the list's order, each with a unique ``position`` such as
    [sort key, id], descending unless said): those after the cursor's position, up to
    ``limit``; ``next`` is the cursor of the page after, or None. An item gone since the
    cursor was made does not break it."""
    start = 0
    if cursor:
        after = decode_cursor(cursor)
        if not isinstance(after, list):
            raise _bad_cursor()
        start = len(items)
        try:
            for index, item in enumerate(items):
                here = json.loads(json.dumps(position(item), default=str))
                if (here < after) if descending else (here > after):
                    start = index
                    break
        except TypeError as error:
            raise _bad_cursor() from error
    shown = list(items[start : start + limit])
    more = start + limit < len(items)
    return {"items": shown, "next": encode_cursor(position(shown[-1])) if more and shown else None}


# --- The same request twice ----------------------------------------------------------------

KEY_NAMESPACE = uuid.UUID("6a1b9f4e-52c4-4d55-9d8e-5f0f1a2b3c4d")


def client_key(header: str | None) -> uuid.UUID | None:
    """The Idempotency-Key as the forms' ``client_key``: the UUID itself, or one made from
    the key (the same key always gives the same UUID)."""
    if header is None or not header.strip():
        return None
    try:
        return uuid.UUID(header.strip())
    except ValueError:
        return uuid.uuid5(KEY_NAMESPACE, header.strip())


# --- Path parameters: ids as the database can hold them ----------------------------------

Id = Path(..., ge=1, le=2**62, description="The id the list gave.")
EntryId = Path(
    ..., min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$", description="The entry's id."
)
Key = Header(
    None,
    alias="Idempotency-Key",
    max_length=200,
    description="Send the same key again (a retry): one result, answered 200 the second time.",
)
AnyBody = Body(..., description="A JSON object; its fields are described above.")
