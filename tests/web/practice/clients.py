"""A client who shares with Anna Lee's practice, for the client-page tests."""

from __future__ import annotations

from typing import Any

from strideback.accounts.models import User
from tests.web.conftest import make_user, share_with, start


def client_of(physio: Any, email: str = "maya@example.com") -> User:
    """Maya, who has a programme and shares it with the physio's practice."""
    runner = make_user(email)
    runner.first_name, runner.last_name = "Maya", "Ross"
    runner.save()
    start(runner)
    share_with(runner, physio.practice)
    return runner
