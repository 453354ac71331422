"""Sharing pages. The runner's: entering a code, seeing an invitation and answering it,
ending a practice's access, claiming an account started in clinic. The professional's:
inviting a runner, starting one in clinic. One service call each."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from strideback.core import InputError
from strideback.practice import sharing
from strideback.practice.decorators import professional_required
from strideback.practice.models import Membership
from strideback.practice.sharing_forms import (
    ClaimForm,
    CodeForm,
    InviteClientForm,
    RunnerForm,
    answers_from,
    intake_forms,
)


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def show_problems(form: Form, error: InputError) -> None:
    """The service's refusal beside the field it is about, else above the form."""
    for problem in error.problems:
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, problem.message)


# --- The runner ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            code = sharing.check_code(form.cleaned_data["code"])
        except InputError as error:
            show_problems(form, error)
        else:
            return redirect("practice:share_offer", code=code)
    status = 400 if form.errors else 200
    return render(request, "practice/sharing/enter_code.html", {"form": form}, status=status)


@login_required
@require_safe
def offer(request: HttpRequest, code: str) -> HttpResponse:
    found = sharing.offer_for(request.user, code, timezone.now())  # type: ignore[arg-type]
    status = 410 if found.closed_because else 200
    return render(request, "practice/sharing/offer.html", {"offer": found}, status=status)


@login_required
@require_POST
def accept(request: HttpRequest, code: str) -> HttpResponse:
    try:
        share = sharing.accept_share(request.user, code, timezone.now())  # type: ignore[arg-type]
    except InputError as error:
        message = error.problems[0].message
        return render(request, "practice/sharing/closed.html", {"message": message}, status=410)
    messages.success(
        request,
        f"You are sharing your programme with {share.practice.name}. "
        "You can end that at any time in your settings.",
    )
    return redirect("tracking:today")


@login_required
@require_POST
def decline(request: HttpRequest, code: str) -> HttpResponse:
    practice = sharing.decline_share(request.user, code, timezone.now())  # type: ignore[arg-type]
    messages.info(request, f"You declined. Nothing is shared with {practice.name}.")
    return redirect("tracking:today")


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, share_id: str) -> HttpResponse:
    """A confirm step (GET), then the practice's access ends at once (POST)."""
    if request.method == "GET":
        share = sharing.her_share(request.user, int(share_id))  # type: ignore[arg-type]
        return render(request, "practice/sharing/revoke.html", {"share": share})
    practice = sharing.revoke_share(request.user, int(share_id), timezone.now())  # type: ignore[arg-type]
    messages.success(
        request,
        f"{practice.name} can no longer see your programme. Your plan and everything you "
        "logged are unchanged.",
    )
    return redirect(reverse("takeaway:settings") + "#sharing")


@require_http_methods(["GET", "POST"])
def claim(request: HttpRequest, code: str) -> HttpResponse:
    """She sets her password on the account started for her in clinic, and is in."""
    if request.method == "GET":
        invitation = sharing.claim_offer(code, timezone.now())
        closed = sharing.claim_closed_because(invitation, timezone.now())
        context = {"invitation": invitation, "closed": closed, "form": ClaimForm()}
        return render(
            request, "practice/sharing/claim.html", context, status=410 if closed else 200
        )
    form = ClaimForm(request.POST)
    if form.is_valid():
        try:
            runner = sharing.claim_account(code, form.cleaned_data["password"], timezone.now())
        except InputError as error:
            show_problems(form, error)
        else:
            login(request, runner, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Your account is ready. This is your plan for today.")
            return redirect("tracking:today")
    invitation = sharing.claim_offer(code, timezone.now())
    context = {"invitation": invitation, "closed": "", "form": form}
    return render(request, "practice/sharing/claim.html", context, status=400)


# --- The professional ------------------------------------------------------------------


@professional_required
@require_http_methods(["GET", "POST"])
def invite_client(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = InviteClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = sharing.invite_client(
            membership, email=form.cleaned_data["email"], now=timezone.now(), site=_site(request)
        )
        site = _site(request)
        context = {
            "invitation": invitation,
            "link": f"{site}/share/{invitation.code}/",
            "enter": f"{site}/share/",
        }
        return render(request, "practice/sharing/invited.html", context)
    status = 400 if form.errors else 200
    return render(request, "practice/sharing/invite.html", {"form": form}, status=status)


@professional_required
@require_http_methods(["GET", "POST"])
def clinic_start(request: HttpRequest, membership: Membership) -> HttpResponse:
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else None
    runner_form, steps = RunnerForm(data), intake_forms(data, today)
    if data is not None and all([runner_form.is_valid(), *(f.is_valid() for f in steps)]):
        try:
            share = sharing.start_in_clinic(
                membership,
                **runner_form.cleaned_data,
                answers=answers_from(steps),
                today=today,
                now=timezone.now(),
                site=_site(request),
            )
        except InputError as error:
            show_problems(runner_form, error)
        else:
            return render(request, "practice/sharing/started.html", {"share": share})
    context = {"form": runner_form, "steps": steps}
    status = 400 if data is not None else 200
    return render(request, "practice/sharing/clinic_start.html", context, status=status)
