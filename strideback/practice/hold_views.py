"""Her page to lift a hold herself, once she no longer shares with its practice."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from strideback.core import InputError
from strideback.practice import hold
from strideback.programmes.decorators import programme_required
from strideback.programmes.models import Programme
from strideback.tracking.forms import ResumeForm


@programme_required
@require_http_methods(["GET", "POST"])
def lift_hold(request: HttpRequest, programme: Programme) -> HttpResponse:
    today = timezone.localdate()
    form = ResumeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hold.lift_hold_myself(
                request.user,  # type: ignore[arg-type]
                programme,
                today,
                timezone.now(),
                form.sent_key,
            )
        except InputError as error:
            for problem in error.problems:
                form.add_error(None, problem.message)
        else:
            messages.success(request, "The hold is lifted: your runs can build up again.")
            return redirect("tracking:today")
    page = hold.hold_page(request.user, programme, today)  # type: ignore[arg-type]
    status = 400 if form.errors else 200
    return render(request, "practice/lift_hold.html", {"page": page, "form": form}, status=status)
