"""Two requests saving the same thing at the same moment (a double tap, two tabs): when the
database refuses the second copy (a unique key), she gets a page saying so, not a server
error. The services handle the clashes they expect; this answers the ones they do not yet."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from strideback.web.security import PRIVATE

log = logging.getLogger(__name__)


class ConflictMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, IntegrityError):
            return None
        # Kept in the log with its traceback: the service should answer this clash itself.
        log.warning("A clash with a save at the same moment: %s", request.path, exc_info=exception)
        response = render(request, "409.html", status=409)
        response["Cache-Control"] = PRIVATE
        return response
