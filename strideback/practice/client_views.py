"""A client's page and what a professional does on it; the runner's messages page. Each view
passes the gate (``professional_required`` and ``client_share``: 404 for anyone not an open
client of her practice), then makes one service call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from strideback.core import InputError
from strideback.practice import client, messages
from strideback.practice.access import client_share
from strideback.practice.client_forms import LicenceForm, ScoreForm, TextForm
from strideback.practice.decorators import professional_required
from strideback.practice.models import Membership, Share
from strideback.practice.team_views import owner_page
from strideback.takeaway.views import handout_response


def show_problems(form: Form, error: InputError) -> None:
    """What the service refused, on the field it names (else above the form)."""
    for problem in error.problems:
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, problem.message[:1].upper() + problem.message[1:] + ".")


def _form_page(request: HttpRequest, share: object, form: Form, what: str) -> HttpResponse:
    context = {"share": share, "form": form, "what": what}
    return render(request, "practice/client/form.html", context, status=400)


@require_safe
@professional_required
def client_page(request: HttpRequest, membership: Membership, runner_id: int) -> HttpResponse:
    share = client_share(membership, runner_id)
    page = client.client_page(membership, share, timezone.localdate(), timezone.now())
    context = {
        "page": page,
        "membership": membership,
        "score_form": ScoreForm(initial={"taken_on": timezone.localdate()}),
    }
    return render(request, "practice/client/page.html", context)


TextAction = Callable[[Membership, Share, str, datetime], object]


def _save_text(
    request: HttpRequest, membership: Membership, runner_id: int, save: TextAction, what: str
) -> HttpResponse:
    """A note or a message: saved, then back to her page at it; refused, shown again."""
    share = client_share(membership, runner_id)
    form = TextForm(request.POST)
    if form.is_valid():
        try:
            save(membership, share, form.cleaned_data["text"], timezone.now())
        except InputError as error:
            show_problems(form, error)
        else:
            return redirect(reverse("practice:client", args=[runner_id]) + f"#{what}s")
    return _form_page(request, share, form, what)


@require_POST
@professional_required
def write_note(request: HttpRequest, membership: Membership, runner_id: int) -> HttpResponse:
    return _save_text(request, membership, runner_id, client.write_note, "note")


@require_POST
@professional_required
def send_message(request: HttpRequest, membership: Membership, runner_id: int) -> HttpResponse:
    return _save_text(request, membership, runner_id, messages.message_client, "message")


@require_POST
@professional_required
def record_score(request: HttpRequest, membership: Membership, runner_id: int) -> HttpResponse:
    share = client_share(membership, runner_id)
    form = ScoreForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        scores = {name: data[name] for name in ("total", *client.SUBSCALES)}
        try:
            client.record_score(
                membership,
                share,
                data["questionnaire"],
                data["taken_on"],
                scores,
                timezone.localdate(),
                timezone.now(),
            )
        except InputError as error:
            show_problems(form, error)
        else:
            return redirect(reverse("practice:client", args=[runner_id]) + "#scores")
    return _form_page(request, share, form, "score")


@require_http_methods(["GET", "POST"])
@owner_page
def licences(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Which questionnaires the practice is licensed for (its owner says)."""
    form = LicenceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            client.set_licences(membership, form.cleaned_data["questionnaires"])
        except InputError as error:
            show_problems(form, error)
        else:
            return redirect("practice:licences")
    if request.method == "GET":
        form = LicenceForm(initial={"questionnaires": client.licences(membership)})
    status = 403 if form.errors else 200
    context = {"form": form, "membership": membership}
    return render(request, "practice/client/licences.html", context, status=status)


@require_safe
@professional_required
def handout(request: HttpRequest, membership: Membership, runner_id: int) -> HttpResponse:
    """Her handout, as she prints it, prepared by the practice."""
    share = client_share(membership, runner_id)
    back = [("Back to her page", reverse("practice:client", args=[runner_id]))]
    page = client.client_handout(membership, share, timezone.localdate(), back)
    if page is None:  # she has not finished her answers: there is no plan yet
        return redirect("practice:client", runner_id)
    return handout_response(page)


# --- The runner's side -------------------------------------------------------------------


@require_safe
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    conversations = messages.inbox(request.user, timezone.now())  # type: ignore[arg-type]
    context = {"conversations": conversations, "form": TextForm()}
    return render(request, "practice/client/inbox.html", context)


@require_POST
@login_required
def reply(request: HttpRequest, share_id: int) -> HttpResponse:
    form = TextForm(request.POST)
    if form.is_valid():
        try:
            messages.message_practice(
                request.user,  # type: ignore[arg-type]
                share_id,
                form.cleaned_data["text"],
                timezone.now(),
            )
        except InputError as error:
            show_problems(form, error)
        else:
            return redirect(reverse("practice:messages") + f"#practice-{share_id}")
    else:
        messages.open_share_of(request.user, share_id)  # type: ignore[arg-type]
    return render(request, "practice/client/reply.html", {"form": form}, status=400)
