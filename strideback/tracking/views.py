"""Today, logging, re-tests and history. Each view parses the form, calls one service and
renders what the replayed programme now says."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from strideback.core import InputError, Plan, Session
from strideback.core.drawing.figures import exercise_figure
from strideback.core.player import session_script
from strideback.programmes import services as programmes
from strideback.programmes.decorators import programme_required
from strideback.programmes.lookups import event_for, events_for
from strideback.programmes.models import Event, Programme
from strideback.tracking import services
from strideback.tracking.forms import RetestForm, SessionLogForm


def _show_refusal(form: Form, error: InputError) -> None:
    """What the service refused, shown above the form's fields."""
    for problem in error.problems:
        form.add_error(None, problem.message)


def _today_context(plan: Plan, today: date, early: bool) -> dict[str, Any]:
    to_log = services.session_to_log(plan, today, early)
    return {
        "plan": plan,
        "today": today,
        "session": to_log,
        "early": to_log is not None and to_log is not services.session_now(plan, today),
        "upcoming": services.next_session(plan, today),
        "done": services.logged_today(plan, today),
    }


@programme_required
def today_page(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _render_today(
        request,
        programme,
        early=request.GET.get("early") == "1",
        logged=request.GET.get("logged"),
    )


def _render_today(
    request: HttpRequest,
    programme: Programme,
    *,
    early: bool,
    logged: str | None = None,
    form: SessionLogForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    events = list(events_for(programme).select_related("original"))
    plan = programmes.plan_for(programme, events, today)
    context = _today_context(plan, today, early=early)
    context["form"] = form or SessionLogForm()
    context["result"] = _result(plan, events, logged)
    context["check"] = services.awaiting_next_day_check(events, today, timezone.now())
    context["player"] = _player(programme, context["session"], today)
    return render(request, "tracking/today.html", context, status=status)


def _player(programme: Programme, session: Session | None, today: date) -> dict[str, Any] | None:
    """The session player's script and pictures, for a session she can play (not a re-test).

    The key names the programme, the session's day and kind: the browser keeps her place
    under it, and drops a place kept for any other session or day."""
    if session is None or session.kind == "retest":
        return None
    catalog = programmes.catalog()
    script = session_script(session, catalog)
    ids = list(dict.fromkeys(exercise.id for exercise in script.exercises))
    return {
        "script": script,
        "data": {
            "key": f"{programme.pk}:{session.date.isoformat()}:{session.kind}",
            "today": today.isoformat(),
            "script": script.model_dump(mode="json", exclude_none=True),
        },
        "figures": [
            # SVG the core draws from the catalog's angles; its one text (the name) is escaped.
            {"id": i, "svg": mark_safe(exercise_figure(catalog.exercise(i)))}
            for i in ids
            if i in catalog.exercises
        ],
    }


def _result(plan: Plan, events: list[Event], public_id: str | None) -> dict[str, Any] | None:
    """What changed after the entry she just made, for the page to say so."""
    if not public_id:
        return None
    event = next((e for e in events if e.public_id == public_id), None)
    if event is None:
        return None
    return {"event": event, "decisions": services.decisions_by_event(plan)[public_id]}


@require_POST
@programme_required
def log_session(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Log the session shown on Today. Plain forms get a redirect to the result; HTMX gets
    the result page itself, and the address it would have been redirected to.

    The form names the day it was shown for, so a log saved on her phone while offline
    counts for that day when it arrives; and its key, so a form that arrives twice (a double
    tap, a retry after a lost answer) is logged once and both get the same result."""
    today = timezone.localdate()
    early = request.POST.get("early") == "1"
    form = SessionLogForm(request.POST, today=today)
    valid = form.is_valid()
    # A form sent before (even with changed answers) gets the entry saved the first time.
    event = services.already_logged(programme, form.sent_key)
    if event is None:
        if not valid:
            return _render_today(request, programme, early=early, form=form, status=400)
        try:
            session = services.session_for_log(programme, form.log_day, today, early)
            event = services.log_session(
                request.user,  # type: ignore[arg-type]
                programme,
                session.kind,
                form.log(),
                today,
                timezone.now(),
                day=form.log_day,
                client_key=form.sent_key,
            )
        except InputError as error:
            _show_refusal(form, error)
            return _render_today(request, programme, early=early, form=form, status=400)
    address = f"{reverse('tracking:today')}?logged={event.public_id}"
    if not request.headers.get("HX-Request"):
        return redirect(address)
    response = _render_today(request, programme, early=False, logged=event.public_id)
    response["HX-Push-Url"] = address
    return response


@require_http_methods(["GET", "POST"])
@programme_required
def retest(request: HttpRequest, programme: Programme) -> HttpResponse:
    today = timezone.localdate()
    if request.method == "GET":
        return _render_retest(request, RetestForm(today=today))
    form = RetestForm(request.POST, today=today)
    if form.is_valid():
        try:
            event = services.record_retest(
                request.user,  # type: ignore[arg-type]
                programme,
                form.result(),
                today,
                timezone.now(),
            )
        except InputError as error:
            _show_refusal(form, error)
        else:
            return redirect(f"{reverse('tracking:today')}?logged={event.public_id}")
    return _render_retest(request, form, status=400)


def _render_retest(request: HttpRequest, form: RetestForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "tracking/retest.html",
        {"form": form, "tests": programmes.readiness_tests()},
        status=status,
    )


@programme_required
def history(request: HttpRequest, programme: Programme) -> HttpResponse:
    today = timezone.localdate()
    now = timezone.now()
    events = list(events_for(programme).select_related("original"))
    plan = programmes.plan_for(programme, events, today)
    sessions = {(s.date, s.kind): s for s in plan.sessions if s.log is not None}
    decisions = services.decisions_by_event(plan)
    entries = [
        {
            "event": event,
            "session": sessions.get((event.day, event.data.get("kind"))),
            "decisions": decisions[event.public_id],
            "editable": services.can_edit(event, now),
            "edited": event.replaces_id is not None,
        }
        for event in reversed(services.in_force(events))
    ]
    edited = request.GET.get("edited")
    just_edited = next((e for e in entries if e["event"].public_id == edited), None)
    return render(
        request,
        "tracking/history.html",
        {"entries": entries, "plan": plan, "just_edited": just_edited},
    )


@require_http_methods(["GET", "POST"])
@programme_required
def edit_entry(request: HttpRequest, programme: Programme, public_id: str) -> HttpResponse:
    event = event_for(request.user, public_id)
    now = timezone.now()
    form = _edit_form(event, request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"event": event, "tests": programmes.readiness_tests()}
    if request.method == "GET":
        refusal = services.edit_refusal(event, now)
        context.update(form=form, allowed=refusal is None, refusal=refusal)
        return render(
            request, "tracking/edit.html", context, status=200 if refusal is None else 403
        )
    if form.is_valid():
        changes = form.log() if isinstance(form, SessionLogForm) else form.result()
        try:
            edited = services.edit_event(
                request.user,  # type: ignore[arg-type]
                event,
                changes,
                programme,
                now,
            )
        except InputError as error:
            _show_refusal(form, error)
        else:
            return redirect(f"{reverse('tracking:history')}?edited={edited.public_id}")
    context.update(form=form, allowed=True)
    return render(request, "tracking/edit.html", context, status=400)


def _edit_form(event: Event, data: Any) -> SessionLogForm | RetestForm:
    """The form for an entry: filled in from the entry, or bound to what she sent."""
    if event.type == "session":
        initial = SessionLogForm.initial_from(event.data)
        return SessionLogForm(data, initial=initial)
    initial = RetestForm.initial_from_event(event.data)
    return RetestForm(data, initial=initial, today=timezone.localdate())
