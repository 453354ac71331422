"""How allauth fits Strideback: plain words in its messages, and a visitor's answers kept
when she signs in to an account that has none yet (ACCOUNT_ADAPTER in the settings)."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from strideback.accounts import services
from strideback.programmes import drafts

WRONG_PASSWORD = (
    "That email and password do not match an account. Check both, or reset the password."
)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {  # noqa: RUF012 - allauth reads this class attribute
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": WRONG_PASSWORD,
        "invalid_login": WRONG_PASSWORD,
        "incorrect_code": (
            "That is not the code we sent. Check the newest email from Strideback and type "
            "its 6 digits."
        ),
        "too_many_login_attempts": "Too many tries just now. Please wait a few minutes, then try again.",
        "rate_limited": "Please wait a little before asking again.",
        "invalid_password_reset": "This link has expired or has been used already.",
    }

    def post_login(
        self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any
    ) -> HttpResponse:
        """Once she is signed in (after typing the code, for a new account), the answers she
        gave as a visitor become her programme, or her draft if she had not finished."""
        response: HttpResponse = super().post_login(request, user, **kwargs)
        if not drafts.has_visitor_answers(request):
            return response
        answers, finished = drafts.take_visitor_answers(request)
        page = services.adopt_visitor_answers(
            user,  # type: ignore[arg-type]
            answers,
            finished,
            timezone.localdate(),
            timezone.now(),
        )
        return redirect(page) if page else response
