"""A professional's actions for a client: the form, then one service call."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from strideback.core import InputError
from strideback.practice import actions
from strideback.practice.access import client_share
from strideback.practice.action_forms import FORMS, TITLES
from strideback.practice.decorators import professional_required
from strideback.practice.exercises import practice_catalog
from strideback.practice.models import Membership


@professional_required
@require_http_methods(["GET", "POST"])
def act(request: HttpRequest, membership: Membership, runner_id: int, kind: str) -> HttpResponse:
    if kind not in FORMS:
        raise Http404("No such action.")
    share = client_share(membership, runner_id)
    form_class = FORMS[kind]
    form = form_class(request.POST or None, catalog=practice_catalog(membership.practice))
    if request.method == "POST" and form.is_valid():
        try:
            done = actions.act(
                membership,
                share,
                kind,
                form.event_fields(),  # type: ignore[attr-defined]
                timezone.localdate(),
                timezone.now(),
                form.sent_key,  # type: ignore[attr-defined]
            )
        except InputError as error:
            for problem in error.problems:
                field = problem.field.rsplit(".", 1)[-1] if problem.field else ""
                field = {"with": "replacement"}.get(field, field)
                form.add_error(field if field in form.fields else None, problem.message)
        else:
            messages.success(request, done.byline or "Recorded. Her plan shows what it changed.")
            return redirect("practice:client", runner_id=share.runner_id)
    status = 400 if form.errors else 200
    context = {"form": form, "kind": kind, "title": TITLES[kind], "share": share}
    return render(request, "practice/actions/act.html", context, status=status)
