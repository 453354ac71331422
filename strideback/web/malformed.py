"""Requests the app cannot read are answered with the 400 page before anything reads them.

- A form sent in a character set other than UTF-8 (or plain ASCII, which is UTF-8 too): Django
  refuses to read it, and its own 400 page then fails in the same way, so she would get a
  bare server error without the app's headers.
- A NUL byte (``%00``) in the address, its query string or a form field: no page uses one,
  and PostgreSQL cannot store or even compare text holding one.
- A session cookie that is not a session key (a NUL in it would reach the database too): it
  is dropped, as if she had none, and cleared from her browser.

This sits just below the security-header middleware, so its answers carry every header.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.shortcuts import render

from strideback.web.security import PRIVATE

# UTF-8 under its usual names, and ASCII (a part of it).
READABLE = {"utf-8", "utf8", "us-ascii", "ascii"}
# Django's session keys are 32 lowercase letters and digits; its column holds 40.
SESSION_KEY = re.compile(r"[0-9a-z]{8,40}")
FORMS = {"application/x-www-form-urlencoded", "multipart/form-data"}
NO_BODY = {"GET", "HEAD"}  # Django reads no form from these
NUL = "\x00"

UNREADABLE_CHARSET = "Your browser sent the form in a text encoding the app cannot read."
NUL_IN_ADDRESS = "The address has a hidden character in it (a zero byte) that no page uses."
UNREADABLE_FORM = "The form did not arrive whole, so the app could not read it."
API = "/api/"  # the JSON API: its refusals are JSON too, and it reads no forms
API_READS_JSON = "The API reads JSON: send the body with Content-Type: application/json."
API_UPLOADS = {"/api/v1/me/activities"}  # the one route that takes a file (multipart)
_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 _-]{0,39}")


def nul_in_field(name: str) -> str:
    """The sentence for a NUL in a form field, naming the field when its name is readable."""
    if NUL not in name and _FIELD_NAME.fullmatch(name):
        words = re.sub(r"[\d_-]+", " ", name).strip()
        return (
            f"The “{words}” answer has a hidden character in it (a zero byte) that cannot be "
            "saved. Type that answer again, then send the form."
        )
    return (
        "One of the answers has a hidden character in it (a zero byte) that cannot be saved. "
        "Type your answers again, then send the form."
    )


def bad_request(request: HttpRequest, reason: str) -> HttpResponse:
    """The app's own 400 page, with the reason in plain words (for the API, its JSON error);
    never stored."""
    if request.path_info.startswith(API):
        response: HttpResponse = JsonResponse({"detail": reason, "errors": []}, status=400)
    else:
        response = render(request, "400.html", {"reason": reason}, status=400)
    response["Cache-Control"] = PRIVATE
    return response


class MalformedRequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _drop_broken_session_cookie(request)
        reason = _refusal(request)
        if reason is not None:
            return bad_request(request, reason)
        return self.get_response(request)


def _drop_broken_session_cookie(request: HttpRequest) -> None:
    """A session cookie that cannot be a session key counts as none. Left empty (not
    removed), so the session middleware clears it from her browser."""
    if settings.SESSION_ENGINE.endswith("signed_cookies"):
        return  # the cookie holds the session itself, not a key
    name = settings.SESSION_COOKIE_NAME
    key = request.COOKIES.get(name)
    if key and not SESSION_KEY.fullmatch(key):
        request.COOKIES[name] = ""


def _refusal(request: HttpRequest) -> str | None:
    """Why the request cannot be read, in her words; None when it can."""
    if NUL in request.path_info or _nul_in_query(request.META.get("QUERY_STRING", "")):
        return NUL_IN_ADDRESS
    if request.method in NO_BODY:
        return None
    if (
        request.path_info.startswith(API)
        and request.content_type in FORMS
        and not (request.content_type == "multipart/form-data" and request.path_info in API_UPLOADS)
    ):
        return API_READS_JSON
    charset = (request.content_params or {}).get("charset")
    if charset is not None:
        if charset.strip().lower() not in READABLE:
            return UNREADABLE_CHARSET
        request.encoding = "utf-8"  # Django reads a form only when it is named exactly so
    if request.method != "POST" or request.content_type not in FORMS:
        return None
    try:
        fields = request.POST
    except UnreadablePostError:  # the connection closed part-way
        return UNREADABLE_FORM
    # Other problems with the body (too big, too many fields, broken multipart) raise
    # Django's own errors, answered with the 400 page by Django.
    for name, values in fields.lists():
        if NUL in name or any(NUL in value for value in values):
            return nul_in_field(name)
    return None


def _nul_in_query(query: str) -> bool:
    return NUL in query or "%00" in query
