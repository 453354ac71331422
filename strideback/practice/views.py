"""The practice's pages. Each makes one service call; the gate is ``professional_required``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from strideback.core import InputError
from strideback.practice import services
from strideback.practice.access import membership_for
from strideback.practice.forms import StartForm


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Set up as a professional; one already in a practice goes to her caseload."""
    if membership_for(request.user) is not None:  # type: ignore[arg-type]
        return redirect("practice:home")
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["how"] == "join":
                services.join_practice(
                    request.user,  # type: ignore[arg-type]
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    profession=data["profession"],
                    code=data["code"],
                    now=timezone.now(),
                )
            else:
                services.start_practice(
                    request.user,  # type: ignore[arg-type]
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    profession=data["profession"],
                    practice_name=data["practice_name"].strip(),
                    country=data["country"].strip(),
                    now=timezone.now(),
                )
        except InputError as error:
            for problem in error.problems:
                field = problem.field if problem.field in form.fields else None
                form.add_error(field, problem.message[:1].upper() + problem.message[1:] + ".")
        else:
            return redirect("practice:home")
    status = 400 if form.errors else 200
    return render(request, "practice/start.html", {"form": form}, status=status)
