"""Take-away pages: the handout to print or download, the calendar feed, her settings (the
feed's address, her data, deleting her account) and the goodbye page."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import (
    condition,
    require_http_methods,
    require_POST,
    require_safe,
)

from strideback.accounts import services as accounts
from strideback.core import InputError
from strideback.programmes.decorators import programme_required
from strideback.programmes.models import Programme
from strideback.takeaway import services
from strideback.takeaway.forms import DeleteAccountForm, FeedForm, PreferencesForm

PDF_NAME = "strideback-programme.pdf"
PRIVATE = "private, no-store"  # her plan and data: no browser, proxy or shared cache keeps a copy
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def _handout_policy(page: str) -> str:
    """The handout is one self-contained page with its own stylesheet: it may use exactly
    that stylesheet (by its hash) and nothing else, not even a script of ours."""
    found = _STYLE.search(page)
    digest = hashlib.sha256(found.group(1).encode("utf-8")).digest() if found else b""
    style = f"'sha256-{base64.b64encode(digest).decode()}'" if found else "'none'"
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {style}",
            "img-src 'self' data:",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


@require_safe
@programme_required
def handout(request: HttpRequest, programme: Programme) -> HttpResponse:
    page = services.handout_html(
        programme,
        timezone.localdate(),
        links=[
            ("Back to your plan", reverse("programmes:programme")),
            ("Download it as a PDF", reverse("takeaway:handout_pdf")),
        ],
    )
    return handout_response(page)


def handout_response(page: str) -> HttpResponse:
    """The handout's page, allowed its own stylesheet and nothing else."""
    response = HttpResponse(page, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = _handout_policy(page)
    return response


@require_safe
@programme_required
def handout_pdf(request: HttpRequest, programme: Programme) -> HttpResponse:
    pdf = services.handout_pdf(programme, timezone.localdate())
    # Bytes, not text: latin-1 reads any byte, so the response can be shown as text in tests.
    response = HttpResponse(pdf, content_type="application/pdf", charset="latin-1")
    response["Content-Disposition"] = f'attachment; filename="{PDF_NAME}"'
    response["Cache-Control"] = PRIVATE
    return response


def _feed_version(request: HttpRequest, token: str) -> str | None:
    return services.feed_version(token, timezone.now())


@require_safe
@condition(etag_func=_feed_version)  # a calendar app that has this version is told so: 304
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """Her calendar, for her calendar app: no sign-in, the secret address is the key. An
    unknown, reset or turned-off address gets the same "not found" page as any other."""
    calendar = services.feed_calendar(token, timezone.now())
    if calendar is None:
        raise Http404("No such page.")
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="strideback.ics"'
    response["Cache-Control"] = PRIVATE
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _settings_context(request: HttpRequest) -> dict[str, Any]:
    feed = services.feed_for(request.user)  # type: ignore[arg-type]
    user = request.user
    prefs = PreferencesForm(
        initial={
            "time_zone": getattr(user, "time_zone", ""),
            "units": getattr(user, "units", "km"),
            "reminder_at": getattr(user, "reminder_at", None),
            "remind_by_email": getattr(user, "remind_by_email", False),
        }
    )
    context: dict[str, Any] = {"feed": feed, "secure": request.is_secure(), "prefs_form": prefs}
    if feed is not None:
        address = request.build_absolute_uri(reverse("takeaway:feed", args=[feed.token]))
        context["feed_url"] = address
        context["webcal_url"] = "webcal://" + address.split("://", 1)[1]
    return context


@require_safe
@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    return render_settings(request)


def render_settings(
    request: HttpRequest, extra: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """The settings page, with what a form on it has just done or refused (``extra``)."""
    context = {**_settings_context(request), **(extra or {})}
    return render(request, "takeaway/settings.html", context, status=status)


FEED_DONE = {
    "on": "Your calendar feed is on. Add its address to your calendar app below.",
    "reset": "Your calendar feed has a new address, and the old one has stopped working. "
    "Remove the old Strideback calendar from your calendar app and add this address.",
    "off": "Your calendar feed is off: its address no longer works. You can remove the "
    "Strideback calendar from your calendar app.",
}


@require_POST
@login_required
def change_preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST)
    if not form.is_valid():
        return render_settings(request, {"prefs_form": form}, status=400)
    accounts.set_preferences(request.user, **form.cleaned_data)  # type: ignore[arg-type]
    messages.success(request, "Your settings are saved.")
    return redirect(reverse("takeaway:settings") + "#preferences")


@require_POST
@login_required
def change_feed(request: HttpRequest) -> HttpResponse:
    form = FeedForm(request.POST)
    if not form.is_valid():
        return render_settings(request, {"feed_form": form}, status=400)
    action = form.cleaned_data["action"]
    services.change_feed(request.user, action, timezone.now())  # type: ignore[arg-type]
    messages.success(request, FEED_DONE[action])
    return redirect(reverse("takeaway:settings") + "#calendar")


def _download(text: str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = PRIVATE
    return response


@require_safe
@login_required
def export_json(request: HttpRequest) -> HttpResponse:
    text = services.export_json(request.user, timezone.now())  # type: ignore[arg-type]
    name = f"strideback-my-data-{timezone.localdate():%Y-%m-%d}.json"
    return _download(text, "application/json; charset=utf-8", name)


@require_safe
@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    # A byte-order mark first, so spreadsheet programs read the text as UTF-8.
    text = "\ufeff" + services.export_csv(request.user)  # type: ignore[arg-type]
    name = f"strideback-my-entries-{timezone.localdate():%Y-%m-%d}.csv"
    return _download(text, "text/csv; charset=utf-8", name)


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = DeleteAccountForm(user, request.POST or None)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(user)  # type: ignore[arg-type]
        except InputError as error:
            for problem in error.problems:
                form.add_error(None, problem.message)
        else:
            logout(request)
            return redirect("takeaway:goodbye")
    status = 400 if request.method == "POST" else 200
    return render(request, "takeaway/delete.html", {"form": form}, status=status)


@require_safe
def goodbye(request: HttpRequest) -> HttpResponse:
    return render(request, "takeaway/goodbye.html")
