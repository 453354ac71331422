"""Security headers Django does not set itself: a Content-Security-Policy that allows only
the app's own scripts and styles, a Permissions-Policy that switches off what we never use,
and Cache-Control on every private page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


PRIVATE = "private, no-store"


class PrivatePagesMiddleware:
    """A response made for someone with a session (a runner signed in, or a visitor whose
    answers are kept) holds her health data: no browser, proxy or shared computer may keep a
    copy. Pages for a visitor without a session, and static files, keep their caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in = request.user.is_authenticated  # before: signing out ends it
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated or not request.session.is_empty():
            response.headers["Cache-Control"] = PRIVATE
        return response
