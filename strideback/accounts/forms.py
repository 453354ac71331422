"""The account forms: allauth's, with labels and help in plain words and no placeholders
(every field has its label above it, as on every other page)."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth
from allauth.mfa.base import forms as mfa_base
from allauth.mfa.totp import forms as mfa_totp
from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse

from strideback.accounts.models import User
from strideback.programmes.forms import name_required

PASSWORD_HELP = "At least 10 characters. A short sentence is easy to remember."


def _email(autofocus: bool = True) -> forms.EmailInput:
    return forms.EmailInput(attrs={"autocomplete": "email", "autofocus": autofocus})


def _password(autocomplete: str, autofocus: bool = False) -> forms.PasswordInput:
    attrs: dict[str, Any] = {"autocomplete": autocomplete}
    if autofocus:
        attrs["autofocus"] = True
    return forms.PasswordInput(attrs=attrs)


def _plain(field: forms.Field, label: str, widget: forms.Widget, help_text: str = "") -> None:
    field.label = label
    field.help_text = help_text
    field.widget = widget
    name_required({label: field})


class SignInForm(allauth.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["login"], "Email", _email())
        _plain(self.fields["password"], "Password", _password("current-password"))


class SignUpForm(allauth.SignupForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["email"], "Email", _email())
        _plain(self.fields["password1"], "Password", _password("new-password"), PASSWORD_HELP)

    def try_save(self, request: HttpRequest) -> tuple[AbstractBaseUser | None, HttpResponse | None]:
        """Make her account; when another sign-up with the same address was saved a moment
        earlier, answer exactly as for any address that has an account."""
        if self.account_already_exists:
            return super().try_save(request)  # type: ignore[no-any-return]
        try:  # the whole account or nothing, so a clash leaves no half-made rows
            with transaction.atomic():
                return self.save(request), None
        except IntegrityError:
            email = self.cleaned_data["email"]
            if not User.objects.filter(email__iexact=email).exists():
                raise
            self.account_already_exists = True
            return super().try_save(request)  # type: ignore[no-any-return]


def _one_time_code() -> forms.TextInput:
    return forms.TextInput(
        attrs={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "autofocus": True,
            "spellcheck": "false",
            "class": "code",
        }
    )


class CodeForm(allauth.ConfirmEmailVerificationCodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["code"], "The 6-digit code from the email", _one_time_code())


class ResetPasswordForm(allauth.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["email"], "Email", _email())


class NewPasswordForm(allauth.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        new = _password("new-password", autofocus=True)
        _plain(self.fields["password1"], "New password", new, PASSWORD_HELP)
        _plain(self.fields["password2"], "The new password again", _password("new-password"))


class TwoFactorCodeForm(mfa_base.AuthenticateForm):
    """The second step of signing in: a code from her authenticator app, or a recovery code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(
            self.fields["code"],
            "The 6-digit code from your authenticator app",
            _one_time_code(),
            "Lost your phone? Type one of your recovery codes instead.",
        )


class ActivateTwoFactorForm(mfa_totp.ActivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(
            self.fields["code"],
            "The 6-digit code your authenticator app now shows",
            _one_time_code(),
        )
