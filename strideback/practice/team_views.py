"""The team's pages and the practice's access log. Owner things answer anyone else with
a 403 page that says so."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from strideback.core import InputError
from strideback.practice import team
from strideback.practice.decorators import professional_required
from strideback.practice.models import Membership
from strideback.practice.sharing_forms import AssignForm, InviteMemberForm, StatusForm


def owner_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The service refuses anyone but the owner; she reads why, with a 403."""

    @wraps(view)
    def answered(
        request: HttpRequest, membership: Membership, *args: Any, **kw: Any
    ) -> HttpResponse:
        try:
            return view(request, membership, *args, **kw)
        except PermissionDenied:
            context = {"message": team.OWNER_ONLY, "membership": membership}
            return render(request, "practice/team/owner_only.html", context, status=403)

    return professional_required(answered)


def _refused(request: HttpRequest, problems: list[str]) -> HttpResponse:
    context = {"problems": problems}
    return render(request, "practice/team/refused.html", context, status=400)


@professional_required
@require_safe
def team_page(request: HttpRequest, membership: Membership) -> HttpResponse:
    page = team.team_page(membership, timezone.now())
    context = {"page": page, "membership": membership, "form": InviteMemberForm()}
    return render(request, "practice/team/team.html", context)


@owner_page
@require_POST
def invite_member(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = InviteMemberForm(request.POST)
    if not form.is_valid():
        page = team.team_page(membership, timezone.now())
        context = {"page": page, "membership": membership, "form": form}
        return render(request, "practice/team/team.html", context, status=400)
    invitation = team.invite_member(
        membership,
        **form.cleaned_data,
        now=timezone.now(),
        site=request.build_absolute_uri("/").rstrip("/"),
    )
    return render(request, "practice/team/invited.html", {"invitation": invitation})


@owner_page
@require_POST
def remove_member(request: HttpRequest, membership: Membership, member_id: str) -> HttpResponse:
    try:
        member = team.remove_member(membership, int(member_id), timezone.now())
    except InputError as error:
        return _refused(request, [problem.message for problem in error.problems])
    messages.success(request, f"{member.user.display_name} is no longer in the practice.")
    return redirect("practice:team")


@owner_page
@require_POST
def hand_over(request: HttpRequest, membership: Membership, member_id: str) -> HttpResponse:
    member = team.hand_over(membership, int(member_id))
    messages.success(request, f"{member.user.display_name} is now the practice's owner.")
    return redirect("practice:team")


@owner_page
@require_POST
def assign_clinician(request: HttpRequest, membership: Membership, runner_id: str) -> HttpResponse:
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _refused(request, ["Choose who looks after her from the list."])
    try:
        team.assign_clinician(membership, int(runner_id), form.cleaned_data["clinician"])
    except InputError as error:
        return _refused(request, [problem.message for problem in error.problems])
    messages.success(request, "Saved who looks after her.")
    return redirect("practice:team")


@professional_required
@require_POST
def client_status(request: HttpRequest, membership: Membership, runner_id: str) -> HttpResponse:
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _refused(request, ["Choose active, discharged or archived."])
    share = team.change_client_status(
        membership, int(runner_id), form.cleaned_data["status"], timezone.now()
    )
    messages.success(
        request, f"{share.runner.display_name} is {share.get_status_display().lower()}."
    )
    return redirect("practice:team")


@owner_page
@require_safe
def audit(request: HttpRequest, membership: Membership) -> HttpResponse:
    page = team.audit_page(membership)
    return render(request, "practice/team/audit.html", {"page": page, "membership": membership})
