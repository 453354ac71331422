"""Her week changes: move a session, skip one with a reason, undo either, and log a session
done on an earlier day. Each view parses its form and makes one service call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from strideback.core import InputError
from strideback.core.vocabulary import SKIP_REASONS
from strideback.programmes.decorators import programme_required
from strideback.programmes.lookups import event_for
from strideback.programmes.models import Event, Programme
from strideback.tracking import week
from strideback.tracking.forms import SessionLogForm
from strideback.tracking.week_forms import MoveForm, SkipForm, UndoForm


def _session_asked(request: HttpRequest) -> tuple[date, str] | None:
    """The session named in the address (?day=YYYY-MM-DD&kind=...), if it reads."""
    form = MoveForm({"day": request.GET.get("day"), "kind": request.GET.get("kind")})
    form.is_valid()
    if "day" in form.errors or "kind" in form.errors:
        return None
    return form.cleaned_data["day"], form.cleaned_data["kind"]


def _saved(form: Form, act: Callable[[], Event]) -> Event | None:
    """The entry ``act`` saves, or None with what was refused said above the form."""
    try:
        return act()
    except InputError as error:
        for problem in error.problems:
            form.add_error(None, problem.message)
        return None


def _not_found(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "tracking/week_gone.html", {"message": message}, status=404)


@require_http_methods(["GET", "POST"])
@programme_required
def move(request: HttpRequest, programme: Programme) -> HttpResponse:
    today = timezone.localdate()
    if request.method == "POST":
        form = MoveForm(request.POST)
        data = form.cleaned_data if form.is_valid() else None
        event = data and _saved(
            form,
            lambda: week.move_session(
                request.user,  # type: ignore[arg-type]
                programme,
                data["day"],
                data["kind"],
                data["to"],
                today,
                timezone.now(),
                client_key=form.sent_key,
            ),
        )
        if event:
            return redirect(f"{reverse('programmes:programme')}?changed={event.public_id}")
        asked: tuple[date, str] | None = (
            (form.cleaned_data["day"], form.cleaned_data["kind"])
            if "day" in form.cleaned_data and "kind" in form.cleaned_data
            else None
        )
        status = 400
    else:
        asked, form, status = _session_asked(request), None, 200
    if asked is None:
        return _not_found(request, "That session could not be found in your plan.")
    try:
        page = week.move_page(programme, asked[0], asked[1], today)  # type: ignore[arg-type]
    except InputError as error:
        return _not_found(request, error.problems[0].message)
    form = form or MoveForm(initial={"day": asked[0], "kind": asked[1]})
    context: dict[str, Any] = {"page": page, "form": form, "today": today}
    return render(request, "tracking/move.html", context, status=status)


@require_http_methods(["GET", "POST"])
@programme_required
def skip(request: HttpRequest, programme: Programme) -> HttpResponse:
    today = timezone.localdate()
    if request.method == "GET":
        asked = _session_asked(request)
        if asked is None:
            return _not_found(request, "That session could not be found in your plan.")
        form = SkipForm(initial={"day": asked[0], "kind": asked[1]})
        return render(request, "tracking/skip.html", {"form": form, "day": asked[0]})
    form = SkipForm(request.POST)
    data = form.cleaned_data if form.is_valid() else None
    event = data and _saved(
        form,
        lambda: week.skip_session(
            request.user,  # type: ignore[arg-type]
            programme,
            data["day"],
            data["kind"],
            data["reason"],
            today,
            timezone.now(),
            client_key=form.sent_key,
        ),
    )
    if event:
        return redirect(f"{reverse('tracking:today')}?logged={event.public_id}")
    day = form.cleaned_data.get("day", today)
    context = {"form": form, "day": day, "reasons": SKIP_REASONS}
    return render(request, "tracking/skip.html", context, status=400)


@require_POST
@programme_required
def undo(request: HttpRequest, programme: Programme, public_id: str) -> HttpResponse:
    event = event_for(request.user, public_id)
    form = UndoForm(request.POST)
    if form.is_valid():
        try:
            week.undo_entry(
                request.user,  # type: ignore[arg-type]
                event,
                programme,
                timezone.now(),
            )
        except InputError as error:
            return render(
                request,
                "tracking/week_gone.html",
                {"message": error.problems[0].message},
                status=409,
            )
    back = "programmes:programme" if event.type == "move" else "tracking:today"
    return redirect(reverse(back))


@programme_required
def earlier(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Log a session done on an earlier day: pick the day, then log what was due then."""
    today = timezone.localdate()
    days = week.earlier_days(programme, today)
    chosen = request.GET.get("day")
    picked = next((d for d in days if d.day.isoformat() == chosen), None)
    form = None
    if picked is not None and picked.session is not None:
        form = SessionLogForm(today=picked.day)
    context = {"days": days, "picked": picked, "form": form, "today": today}
    return render(request, "tracking/earlier.html", context)
