"""Sign-up. Sign-in, sign-out and password reset are Django's own views (see urls)."""

from __future__ import annotations

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from strideback.accounts import services
from strideback.accounts.forms import SignUpForm
from strideback.core import InputError
from strideback.programmes import drafts
from strideback.programmes import services as programmes


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """Create her account; answers she gave as a visitor are saved to it."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        status = 200 if request.method == "GET" else 400
        context = {"form": form, "has_answers": drafts.has_visitor_answers(request)}
        return render(request, "accounts/signup.html", context, status=status)
    answers, finished = drafts.take_visitor_answers(request)
    user = services.sign_up(form.cleaned_data["email"], form.cleaned_data["password"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if not answers:
        return redirect("programmes:intake")
    if finished:
        try:
            programmes.start_programme(user, answers, timezone.localdate(), timezone.now())
            return redirect("programmes:verdict")
        except InputError:
            pass  # her answers no longer hold together: she reviews them as a draft
    programmes.save_draft(user, answers, timezone.now())
    return redirect("programmes:intake")
