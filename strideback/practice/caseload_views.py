"""The caseload's pages: her clients, who needs attention first, and "mark as seen"."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from strideback.core import InputError, Problem
from strideback.practice import caseload
from strideback.practice.decorators import professional_required
from strideback.practice.models import Membership


def _bad_request(request: HttpRequest, error: InputError) -> HttpResponse:
    reason = "; ".join(f"{p.field}: {p.message}" for p in error.problems) + "."
    return render(request, "400.html", {"reason": reason[:1].upper() + reason[1:]}, status=400)


@require_GET
@professional_required
def home(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Her caseload, who needs attention first; ``?flag=`` and ``?q=`` narrow it."""
    try:
        page = caseload.caseload_page(
            membership,
            timezone.localdate(),
            flag=request.GET.get("flag", ""),
            q=request.GET.get("q", ""),
            page=request.GET.get("page", ""),
        )
    except InputError as error:
        return _bad_request(request, error)
    return render(request, "practice/caseload.html", {"page": page, "membership": membership})


@require_POST
@professional_required
def flag_seen(request: HttpRequest, membership: Membership, runner_id: str) -> HttpResponse:
    """Mark one of a client's flags (its code and day) as seen; back to the caseload."""
    try:
        day = date.fromisoformat(request.POST.get("day", ""))
    except ValueError:
        problem = Problem("day", "give the flag's day as YYYY-MM-DD")
        return _bad_request(request, InputError("seen", [problem]))
    try:
        caseload.mark_seen(
            membership, int(runner_id), request.POST.get("code", ""), day, timezone.now()
        )
    except InputError as error:
        return _bad_request(request, error)
    kept = {k: request.POST[k] for k in ("flag", "q") if request.POST.get(k)}
    return redirect(reverse("practice:home") + (f"?{urlencode(kept)}" if kept else ""))
