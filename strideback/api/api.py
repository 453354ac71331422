"""The API at /api/v1/: its routers, errors, rate limits, schema and docs page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger

from strideback.api import me, practice
from strideback.api.base import PerToken, install_error_handlers

PRIVATE = "private, no-store"


class Api(NinjaAPI):
    def create_response(
        self, request: HttpRequest, data: Any, *args: Any, **kw: Any
    ) -> HttpResponse:
        """Every answer holds someone's data (or says why not): never kept by a cache."""
        response = super().create_response(request, data, *args, **kw)
        response["Cache-Control"] = PRIVATE
        return response


api = Api(
    title="Strideback API",
    version="1",
    description=(
        "Her return-to-running programme and a practice's clients, through the same services "
        "as the site. Authenticate with `Authorization: Bearer <token>` (made in Settings, "
        "Apps and scripts) or the site's session (with the CSRF token on changes). Errors "
        'are `{"detail": ..., "errors": [{"field": ..., "message": ...}]}`.'
    ),
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[PerToken()],
)
install_error_handlers(api)
api.add_router("/me", me.router)
api.add_router("/practice", practice.router)
