"""The progress page: charts of what she has logged, each with its summary and numbers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from strideback.programmes.decorators import programme_required
from strideback.programmes.models import Programme
from strideback.tracking.progress import progress_for


@programme_required
def progress_page(request: HttpRequest, programme: Programme) -> HttpResponse:
    page = progress_for(programme, timezone.localdate())
    return render(request, "tracking/progress.html", {"page": page})
