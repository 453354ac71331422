"""A practice's own exercises and programme templates. Each page makes one service call;
the gate is ``professional_required``, and a client is reached only through
``access.client_share``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from strideback.core import InputError
from strideback.practice import exercises as services
from strideback.practice.access import client_share
from strideback.practice.decorators import professional_required
from strideback.practice.exercise_forms import ApplyForm, DocumentForm
from strideback.practice.models import Membership

FOLDER = "practice/exercises"


@professional_required
def exercise_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    exercises = services.exercises_page(membership)
    return render(request, f"{FOLDER}/list.html", {"exercises": exercises})


@professional_required
@require_http_methods(["GET", "POST"])
def exercise_new(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Write an exercise (a new one, or a new version of one by its id)."""
    return _author(request, membership, "exercise")


@professional_required
def exercise_detail(request: HttpRequest, membership: Membership, base_id: str) -> HttpResponse:
    page = services.exercise_page(membership, base_id)
    context = {"page": page, "picture": mark_safe(page.picture)}  # our own SVG, title escaped
    return render(request, f"{FOLDER}/detail.html", context)


@professional_required
def template_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    page = services.templates_page(membership)
    return render(request, f"{FOLDER}/templates.html", {"page": page})


@professional_required
@require_http_methods(["GET", "POST"])
def template_new(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _author(request, membership, "template")


@professional_required
def template_detail(request: HttpRequest, membership: Membership, template_id: str) -> HttpResponse:
    page = services.template_page(membership, template_id)
    return render(request, f"{FOLDER}/template.html", {"page": page})


@professional_required
@require_POST
def apply_template(request: HttpRequest, membership: Membership, runner_id: int) -> HttpResponse:
    """Apply a template to one of the practice's clients; the page says what changed."""
    share = client_share(membership, runner_id)
    form = ApplyForm(request.POST)
    if not form.is_valid():
        return render(request, f"{FOLDER}/applied.html", {"form": form}, status=400)
    try:
        applied = services.apply_template_to(
            membership, share, form.cleaned_data["template"], timezone.localdate(), timezone.now()
        )
    except InputError as error:
        return render(request, f"{FOLDER}/applied.html", {"error": error}, status=400)
    return render(request, f"{FOLDER}/applied.html", {"applied": applied})


AUTHORING = {
    "exercise": (services.exercise_example, services.author_exercise, "practice:exercise"),
    "template": (services.template_example, services.author_template, "practice:template"),
}


def _author(request: HttpRequest, membership: Membership, what: str) -> HttpResponse:
    """The page to write an exercise or a template: an example to start from, and on
    saving the new version's page, or each problem beside her text (kept as she typed it)."""
    example, author, page = AUTHORING[what]
    form = DocumentForm(request.POST or None, initial={"text": example(membership.practice)})
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            authored = author(membership, form.cleaned_data["text"], timezone.now())
        except InputError as error:
            problems = error.problems
        else:
            return redirect(page, authored.key)
    context = {"form": form, "what": what, "problems": problems}
    status = 400 if problems or form.errors else 200
    return render(request, f"{FOLDER}/new.html", context, status=status)
