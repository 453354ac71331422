"""The account pages are allauth's views (see urls), with a few changes: a form sent back
with mistakes answers 400, too many tries answer the 429 page, and the code page is for
signing up or in only."""

from __future__ import annotations

from typing import Any

from allauth.account import views as allauth
from allauth.account.internal.flows.email_verification_by_code import EmailVerificationProcess
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse_lazy

from strideback.accounts import throttle
from strideback.programmes import drafts


def _refused(response: HttpResponse) -> HttpResponse:
    response.status_code = 400
    return response


class SignInView(allauth.LoginView):
    def form_invalid(self, form: Form) -> HttpResponse:
        if form.has_error(NON_FIELD_ERRORS, "too_many_login_attempts"):
            return too_many_requests(self.request)
        return _refused(super().form_invalid(form))


class SignUpView(allauth.SignupView):
    def form_invalid(self, form: Form) -> HttpResponse:
        return _refused(super().form_invalid(form))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["has_answers"] = drafts.has_visitor_answers(self.request)
        return context


class CodeView(allauth.ConfirmEmailVerificationCodeView):
    """The code she was emailed, typed on the page after signing up (or signing in before
    her address was checked), or after asking to change her address."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not EmailVerificationProcess.resume(request):
            return redirect("home")  # her address is checked already
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form: Form) -> HttpResponse:
        address = self._process.email
        if self._process.record_invalid_attempt():
            return _refused(self.render_to_response(self.get_context_data(form=form)))
        # A third wrong try ends this code; she signs in again for a new one.
        wait = throttle.seconds_until_allowed(self.request, "confirm_email", address.lower())
        return throttle.too_many(self.request, throttle.CODE_TRIES, wait)


class ResetPasswordView(allauth.PasswordResetView):
    def form_invalid(self, form: Form) -> HttpResponse:
        return _refused(super().form_invalid(form))


class ChangeEmailView(allauth.EmailView):
    """Her address changed from Settings: a code goes to the new address, and the new one
    replaces the old only once she has typed it."""

    def form_invalid(self, form: Form) -> HttpResponse:
        return _refused(super().form_invalid(form))


class ChangePasswordView(allauth.PasswordChangeView):
    """Her password changed from Settings: the current one, then the new one twice. Every
    device signed in (this one too) is signed out, so she signs in again with the new one."""

    success_url = reverse_lazy("account_login")

    def form_invalid(self, form: Form) -> HttpResponse:
        return _refused(super().form_invalid(form))


class NewPasswordView(allauth.PasswordResetFromKeyView):
    def form_invalid(self, form: Form) -> HttpResponse:
        return _refused(super().form_invalid(form))


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """allauth's 429 (``handler429`` in the root urlconf): what held her up, and the wait."""
    return throttle.too_many(request, *throttle.limit_reached(request))
