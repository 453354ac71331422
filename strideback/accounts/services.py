"""Account use cases."""

from __future__ import annotations

from django.db import transaction

from strideback.accounts.models import User


@transaction.atomic
def sign_up(email: str, password: str) -> User:
    return User.objects.create_user(email=email, password=password)
