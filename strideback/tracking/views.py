"""Today, logging, re-tests, history, pausing and resuming, and recording an assessment.
Each view parses the form, calls one service and renders what the replayed programme now
says."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from strideback.core import InputError, Session
from strideback.core.drawing.figures import exercise_figure
from strideback.core.player import session_script
from strideback.core.rules import PAUSE_STEP_BACK
from strideback.programmes import services as programmes
from strideback.programmes.decorators import programme_required
from strideback.programmes.lookups import event_for
from strideback.programmes.models import Event, Programme
from strideback.tracking import services
from strideback.tracking.forms import (
    ClearanceForm,
    NextDayCheckForm,
    PauseForm,
    ResumeForm,
    RetestForm,
    SessionLogForm,
)


def _show_refusal(form: Form, error: InputError) -> None:
    """What the service refused, shown above the form's fields."""
    for problem in error.problems:
        form.add_error(None, problem.message)


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
    page = services.today_page(programme, today, timezone.now(), early=early, logged=logged)
    context = {
        "page": page,
        "plan": page.plan,
        "today": today,
        "session": page.session,
        "early": page.early,
        "upcoming": page.upcoming,
        "done": page.done,
        "result": page.result,
        "check": page.check,
        "yesterday": today - timedelta(days=1),
        "form": form or SessionLogForm(),
        "player": _player(programme, page.session, today),
    }
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
            event = services.log_from_today(
                request.user,  # type: ignore[arg-type]
                programme,
                form.log(),
                today,
                timezone.now(),
                day=form.log_day,
                early=early,
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


@require_POST
@programme_required
def next_day_check(request: HttpRequest, programme: Programme, public_id: str) -> HttpResponse:
    """Her answer on Today to "Has yesterday's pain settled?": a new version of that log."""
    form = NextDayCheckForm(request.POST)
    if not form.is_valid():
        return redirect("tracking:today")
    try:
        event = services.answer_next_day_check(
            request.user,  # type: ignore[arg-type]
            programme,
            public_id,
            form.answer,
            timezone.localdate(),
            timezone.now(),
        )
    except InputError:
        return redirect("tracking:today")  # nothing to answer now: Today shows why
    return redirect(f"{reverse('tracking:today')}?logged={event.public_id}")


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
                client_key=form.sent_key,
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
    page = services.history_page(
        programme, timezone.localdate(), timezone.now(), edited=request.GET.get("edited")
    )
    return render(request, "tracking/history.html", {"page": page, "plan": page.plan})


@require_http_methods(["GET", "POST"])
@programme_required
def pause(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Pause her plan (GET shows the page: pause, or resume when paused)."""
    if request.method == "GET":
        return _render_pause(request, programme, PauseForm())
    form = PauseForm(request.POST)
    return _pause_or_resume(
        request,
        programme,
        form,
        lambda: services.pause_plan(
            request.user,  # type: ignore[arg-type]
            programme,
            form.reason(),
            timezone.localdate(),
            timezone.now(),
            client_key=form.sent_key,
        ),
    )


@require_POST
@programme_required
def resume(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ResumeForm(request.POST)
    return _pause_or_resume(
        request,
        programme,
        form,
        lambda: services.resume_plan(
            request.user,  # type: ignore[arg-type]
            programme,
            timezone.localdate(),
            timezone.now(),
            client_key=form.sent_key,
        ),
    )


def _pause_or_resume(
    request: HttpRequest, programme: Programme, form: PauseForm | ResumeForm, act: Any
) -> HttpResponse:
    """Run the one service call ``act`` for a valid form: to the verdict with what changed,
    or the page again with what was refused."""
    if form.is_valid():
        try:
            event = act()
        except InputError as error:
            _show_refusal(form, error)
        else:
            return redirect(f"{reverse('programmes:verdict')}?changed={event.public_id}")
    return _render_pause(request, programme, form, status=400)


def _render_pause(
    request: HttpRequest, programme: Programme, sent: Form, status: int = 200
) -> HttpResponse:
    """The pause page as her plan stands: the pause form, or the resume form when paused;
    what was wrong with the form she sent is said above it."""
    plan = programmes.programme_as_of(programme, timezone.localdate())
    wanted = ResumeForm if plan.pause is not None else PauseForm
    form: Form = sent if isinstance(sent, wanted) else wanted()
    context = {
        "plan": plan,
        "form": form,
        "refusals": [] if form is sent else list(sent.non_field_errors()),
        "steps": PAUSE_STEP_BACK,
    }
    return render(request, "tracking/pause.html", context, status=status)


@require_http_methods(["GET", "POST"])
@programme_required
def clearance(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Record that a pelvic health physiotherapist has assessed her (her own report)."""
    today = timezone.localdate()
    form = ClearanceForm(request.POST if request.method == "POST" else None, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.record_clearance(
                request.user,  # type: ignore[arg-type]
                programme,
                form.assessment(),
                today,
                timezone.now(),
                client_key=form.sent_key,
            )
        except InputError as error:
            _show_refusal(form, error)
        else:
            return redirect(f"{reverse('programmes:verdict')}?changed={event.public_id}")
    plan = programmes.programme_as_of(programme, today)
    context = {"form": form, "referral": plan.referral}
    return render(request, "tracking/clearance.html", context, status=400 if form.is_bound else 200)


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
