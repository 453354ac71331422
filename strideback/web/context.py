"""What every template can use: the disclaimer every advising page carries."""

from __future__ import annotations

from django.http import HttpRequest

from strideback.core import DISCLAIMER


def site(request: HttpRequest) -> dict[str, str]:
    return {"disclaimer": DISCLAIMER}
