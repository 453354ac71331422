"""The gate every practice page passes: signed in, a professional in a practice, with
two-factor sign-in set up. The view gets her membership."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from strideback.practice.access import membership_for, needs_two_factor

PracticeView = Callable[..., HttpResponse]


def professional_required(view: PracticeView) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        membership = membership_for(request.user)  # type: ignore[arg-type]
        if membership is None:
            return redirect("practice:start")
        if needs_two_factor(request.user):  # type: ignore[arg-type]
            messages.info(request, "Set up two-factor sign-in first: then your clients are shown.")
            return redirect("mfa_activate_totp")
        return view(request, membership, *args, **kwargs)

    return gated
