"""Her settings page's "Apps and scripts" section: make a token (its secret shown once, on
the page that answers the form) and revoke one. One service call each."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from strideback.api import tokens
from strideback.api.web_forms import TokenForm
from strideback.core import InputError
from strideback.takeaway.views import render_settings

SECTION = "#api-tokens"


def not_found(request: HttpRequest) -> HttpResponse:
    """An address under /api/ that is no operation: the API's 404, in JSON."""
    response = JsonResponse({"detail": "Not found: see /api/v1/docs.", "errors": []}, status=404)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def create_token(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            made = tokens.create_token(
                request.user,  # type: ignore[arg-type]
                form.cleaned_data["name"],
                form.cleaned_data["scope"],
                timezone.now(),
                days=form.cleaned_data["days"],
                client_key=form.sent_key,
            )
        except InputError as error:
            for problem in error.problems:
                field = problem.field if problem.field in form.fields else None
                form.add_error(field, problem.message[:1].upper() + problem.message[1:])
        else:
            # The secret is on this page only: never in a redirect, a message or a log.
            return render_settings(request, {"made": made}, status=201)
    return render_settings(request, {"token_form": form}, status=400)


@require_POST
@login_required
def revoke_token(request: HttpRequest, token_id: str) -> HttpResponse:
    token = tokens.revoke_token(request.user, int(token_id), timezone.now())  # type: ignore[arg-type]
    if token is None:
        raise Http404("No such token.")
    messages.success(request, f"The token “{token.name}” has stopped working.")
    return redirect(reverse("takeaway:settings") + SECTION)
