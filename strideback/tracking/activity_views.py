"""Runs brought in from her watch: files chosen or dropped on Today or History, a file shared
to the installed app from the watch's own app (Android), the session she picks when the match
is not clear, and her answers to the questions a watch cannot. Each view reads the request,
calls one service and renders."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from strideback.core import InputError, Problem
from strideback.core.activities import MAX_FILE_BYTES
from strideback.programmes.decorators import programme_required
from strideback.programmes.models import Event, Programme
from strideback.tracking import activities
from strideback.tracking.forms import WatchAnswersForm

MAX_FILES = 20  # files in one go: a fortnight of runs, and then some


def _files(request: HttpRequest) -> tuple[list[tuple[str, bytes]], list[InputError]]:
    """The files sent, each read up to just past the limit (the core names one too big)."""
    sent = request.FILES.getlist("file")
    if not sent:
        return [], [
            InputError("file", [Problem("file", "Choose a FIT, GPX or TCX file from your watch.")])
        ]
    if len(sent) > MAX_FILES:
        return [], [
            InputError(
                "file",
                [
                    Problem(
                        "file", f"{len(sent)} files at once is too many; send at most {MAX_FILES}."
                    )
                ],
            )
        ]
    return [(f.name or "file", f.read(MAX_FILE_BYTES + 1)) for f in sent], []


@require_POST
@programme_required
def import_files(request: HttpRequest, programme: Programme) -> HttpResponse:
    files, problems = _files(request)
    result = activities.import_files(
        request.user, programme, files, timezone.localdate(), timezone.now()
    )
    problems = problems + result.problems
    return render(
        request,
        "tracking/activities.html",
        {"imported": result.imported, "problems": problems},
        status=400 if problems else 200,
    )


@csrf_exempt  # a share from another app carries no token: nothing is kept until she confirms
@require_POST
@programme_required
def shared(request: HttpRequest, programme: Programme) -> HttpResponse:
    files, problems = _files(request)
    previews = []
    for name, data in files:
        try:
            previews.append(activities.preview(name, data))
        except InputError as problem:
            problems.append(problem)
    return render(
        request,
        "tracking/activities.html",
        {"previews": previews, "problems": problems},
        status=400 if problems else 200,
    )


@require_POST
@programme_required
def confirm(request: HttpRequest, programme: Programme) -> HttpResponse:
    try:
        imported = activities.import_signed(
            request.user,
            programme,
            request.POST.get("watch", ""),
            request.POST.get("session", ""),
            timezone.localdate(),
            timezone.now(),
        )
    except InputError as problem:
        return render(request, "tracking/activities.html", {"problems": [problem]}, status=400)
    return render(request, "tracking/activities.html", {"imported": [imported], "problems": []})


@require_http_methods(["GET", "POST"])
@programme_required
def watch_entry(request: HttpRequest, programme: Programme, public_id: str) -> HttpResponse:
    today = timezone.localdate()
    form = WatchAnswersForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            event = activities.answer_watch_run(
                request.user, programme, public_id, form.answers(), today, timezone.now()
            )
        except Event.DoesNotExist:
            raise Http404("No such entry") from None
        except InputError as problem:
            for item in problem.problems:
                form.add_error(None, item.message)
            status = 400
        else:
            return redirect(reverse("tracking:watch_entry", args=[event.public_id]) + "#result")
    elif request.method == "POST":
        status = 400
    try:
        entry = activities.watch_entry(programme, public_id, today)
    except Event.DoesNotExist:
        raise Http404("No such entry") from None
    return render(
        request, "tracking/watch_entry.html", {"entry": entry, "form": form}, status=status
    )
