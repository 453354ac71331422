"""The gate every programme page passes: signed in, with a programme found by a checked lookup."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from strideback.programmes.lookups import current_programme_for
from strideback.programmes.models import Programme

ProgrammeView = Callable[..., HttpResponse]


def programme_required(view: ProgrammeView) -> Callable[..., HttpResponse]:
    """Pass her current programme to the view; without one, send her to the intake."""

    @login_required
    @wraps(view)
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        programme: Programme | None = current_programme_for(request.user)
        if programme is None:
            return redirect("programmes:intake")
        return view(request, programme, *args, **kwargs)

    return gated
