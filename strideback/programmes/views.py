"""Programme pages: the intake wizard, the verdict, the weeks ahead, the exercise library."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from strideback.core import InputError
from strideback.core.drawing.figures import practice_exercise_figure
from strideback.core.sources import LINKS, SHORT_NAMES, SOURCES
from strideback.programmes import drafts, services
from strideback.programmes.decorators import programme_required
from strideback.programmes.forms import STEP_BY_SLUG, STEPS, Step, StepForm, step_for_field
from strideback.programmes.lookups import current_programme_for
from strideback.programmes.models import Programme
from strideback.programmes.words import SYMPTOMS


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        if current_programme_for(request.user) is not None:
            return redirect("tracking:today")
        return redirect("programmes:intake")
    return render(request, "programmes/home.html")


def intake(request: HttpRequest) -> HttpResponse:
    return redirect("programmes:intake_step", slug=STEPS[0].slug)


@require_http_methods(["GET", "POST"])
def intake_step(request: HttpRequest, slug: str) -> HttpResponse:
    step = STEP_BY_SLUG.get(slug)
    if step is None:
        raise Http404("There is no such step.")
    today = timezone.localdate()
    answers = drafts.answers_of(request)
    if request.method == "GET":
        form = step.form(initial=step.form.initial_from(answers), today=today)
        return _render_step(request, step, form)
    form = step.form(request.POST, today=today)
    if not form.is_valid():
        return _render_step(request, step, form, status=400)
    answers = form.merge(answers)
    drafts.keep_answers(request, answers)
    following = _next_step(step)
    if following is not None:
        return redirect("programmes:intake_step", slug=following.slug)
    return _finish(request, answers, today)


def _next_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def _render_step(
    request: HttpRequest, step: Step, form: StepForm, status: int = 200
) -> HttpResponse:
    index = STEPS.index(step)
    context = {
        "step": step,
        "form": form,
        "number": index + 1,
        "count": len(STEPS),
        "previous": STEPS[index - 1] if index else None,
        "last": index == len(STEPS) - 1,
        "symptom_words": SYMPTOMS,
        "tests": services.readiness_tests() if step.slug == "tests" else None,
    }
    return render(request, f"programmes/intake_{step.slug}.html", context, status=status)


def _finish(request: HttpRequest, answers: dict[str, Any], today: date) -> HttpResponse:
    try:
        if request.user.is_authenticated:
            services.answer_again(request.user, answers, today, timezone.now())  # type: ignore[arg-type]
        else:
            services.intake_from(answers, today)
            drafts.mark_visitor_finished(request)
    except InputError as error:
        return _show_problems(request, error, answers, today)
    return redirect("programmes:verdict")


def _show_problems(
    request: HttpRequest, error: InputError, answers: dict[str, Any], today: date
) -> HttpResponse:
    """Show what the core refused on the step that asks for it, with her answers kept."""
    step = step_for_field(error.problems[0].field)
    form = step.form(_as_form_data(step.form.initial_from(answers)), today=today)
    form.is_valid()
    for problem in error.problems:
        if step_for_field(problem.field) is not step:
            continue
        name = problem.field.split(".")[-1]
        form.add_error(name if name in form.fields else None, problem.message)
    return _render_step(request, step, form, status=400)


def _as_form_data(initial: dict[str, Any]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in initial.items():
        if isinstance(value, list):
            data.setlist(key, [str(item) for item in value])
        elif value is not None:
            data[key] = str(value)
    return data


def verdict(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    if request.user.is_authenticated:
        return _programme_verdict(request)
    answers = drafts.visitor_finished_answers(request)
    if answers is None:
        return redirect("programmes:intake")
    try:
        readiness = services.verdict_for(answers, today)
    except InputError:
        return redirect("programmes:intake")
    return render(
        request,
        "programmes/verdict.html",
        {"readiness": readiness, "visitor": True, "changes": []},
    )


@programme_required
def _programme_verdict(request: HttpRequest, programme: Programme) -> HttpResponse:
    page = services.verdict_page(programme, timezone.localdate(), request.GET.get("changed"))
    plan = page.plan
    return render(
        request,
        "programmes/verdict.html",
        {
            "readiness": plan.readiness,
            "verdict": plan.verdict,
            "plan": plan,
            "changes": page.changes,
            "changed": page.changed,
            "visitor": False,
        },
    )


@programme_required
def programme_page(request: HttpRequest, programme: Programme) -> HttpResponse:
    today = timezone.localdate()
    page = services.plan_page(programme, today)
    return render(
        request,
        "programmes/programme.html",
        {
            "plan": page.plan,
            "programme": programme,
            "weeks": page.weeks,
            "this_week": page.this_week,
            "her_week": page.her_week,
            "moves": page.moves,
            "today": today,
        },
    )


def exercise_list(request: HttpRequest) -> HttpResponse:
    exercises = sorted(services.catalog().exercises.values(), key=lambda e: (e.kind, e.name))
    return render(request, "programmes/exercise_list.html", {"exercises": exercises})


def exercise_detail(request: HttpRequest, exercise_id: str) -> HttpResponse:
    exercise = services.catalog().exercises.get(exercise_id)
    picture = None
    if exercise is None:  # a practice's own, shown only to a runner whose plan has it
        exercise = services.exercise_in_her_plan(request.user, exercise_id)
        if exercise is None:
            raise Http404("There is no exercise with that name.")
        picture = mark_safe(practice_exercise_figure(exercise, exercise_id))  # our own SVG
    known = services.catalog().exercises
    return render(
        request,
        "programmes/exercise_detail.html",
        {
            "exercise": exercise,
            "picture": picture,
            "progresses_to": [known[i] for i in exercise.progresses_to if i in known],
        },
    )


def sources(request: HttpRequest) -> HttpResponse:
    listed = [
        (key, SHORT_NAMES.get(key, key), text, LINKS.get(key)) for key, text in SOURCES.items()
    ]
    return render(request, "programmes/sources.html", {"sources": listed})
