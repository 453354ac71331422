"""The health check for a load balancer: ``GET /healthz``.

200 with ``{"status": "ok", "database": "ok"}`` once a ``SELECT 1`` has gone through; 503
with ``{"status": "unavailable", "database": "unreachable"}`` when it cannot (the reason goes
to the server's log, never to the caller). Public, never stored by anything in between, and
it neither reads nor makes a session: a probe every few seconds leaves nothing behind.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    """True when the default database answers a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # (Django drops a broken connection at the end of the request: the next probe tries
        # a fresh one.)
        logger.warning("health check: the database did not answer (%s)", error)
        return False
    return True


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    if database_answers():
        return JsonResponse({"status": "ok", "database": "ok"})
    return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
