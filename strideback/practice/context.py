"""What the runner's pages may show of her practices: the practices with a message she has
not read (Today says so). Worked out only on a page that shows it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from strideback.practice.messages import unread_from


def unread_messages(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)  # a request refused before sign-in is read has none
    if user is None or not user.is_authenticated or user.is_professional:
        return {}
    return {"unread_from_practices": SimpleLazyObject(lambda: unread_from(user))}  # type: ignore[arg-type]
