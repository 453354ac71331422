"""Where the wizard keeps answers between steps: her draft intake when signed in, the
session for a visitor (saved to an account when she signs up)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from strideback.programmes import services
from strideback.programmes.lookups import draft_for

VISITOR_ANSWERS = "visitor_answers"
VISITOR_FINISHED = "visitor_finished"


def answers_of(request: HttpRequest) -> dict[str, Any]:
    """Her answers so far; answering again starts from her answers as they stand."""
    if not request.user.is_authenticated:
        return dict(request.session.get(VISITOR_ANSWERS, {}))
    draft = draft_for(request.user)
    if draft is not None:
        return dict(draft.answers)
    return services.answers_to_change(request.user, timezone.localdate())  # type: ignore[arg-type]


def keep_answers(request: HttpRequest, answers: dict[str, Any]) -> None:
    if request.user.is_authenticated:
        services.save_draft(request.user, answers, timezone.now())  # type: ignore[arg-type]
    else:
        request.session[VISITOR_ANSWERS] = answers
        request.session[VISITOR_FINISHED] = False


def has_visitor_answers(request: HttpRequest) -> bool:
    return bool(request.session.get(VISITOR_ANSWERS))


def visitor_finished_answers(request: HttpRequest) -> dict[str, Any] | None:
    if request.session.get(VISITOR_FINISHED):
        return dict(request.session.get(VISITOR_ANSWERS, {}))
    return None


def mark_visitor_finished(request: HttpRequest) -> None:
    request.session[VISITOR_FINISHED] = True


def take_visitor_answers(request: HttpRequest) -> tuple[dict[str, Any], bool]:
    """The visitor's answers and whether she finished, removed from the session."""
    answers = request.session.pop(VISITOR_ANSWERS, {})
    finished = bool(request.session.pop(VISITOR_FINISHED, False))
    return answers, finished
