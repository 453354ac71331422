"""Working offline: the service worker script, served from the site's root so that it may
look after every page of the app.

The script is the collected ``strideback/sw.js`` with a first line written in: the hashed
addresses of the app shell (the files every page loads), the offline page, and a version
made from all of it, so that a new release installs a new worker and drops the old caches.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.views.decorators.http import require_GET

from strideback.core import DISCLAIMER

# The app shell: what every signed-in page loads. A file not collected (yet) is left out.
SHELL = (
    "strideback/app.css",
    "strideback/htmx.min.js",
    "strideback/icon.svg",
    "strideback/offline.js",
    "strideback/player.js",
    "strideback/player.css",
)


def _shell() -> list[str]:
    urls = []
    for name in SHELL:
        try:
            urls.append(static(name))
        except ValueError:  # not in the static manifest
            continue
    return urls


@cache
def script() -> str:
    """The worker: its settings, then the collected sw.js (made once per process)."""
    with staticfiles_storage.open("strideback/sw.js") as source:
        code = source.read().decode()
    config = {
        "shell": _shell(),
        "static": settings.STATIC_URL,
        "today": reverse("tracking:today"),
        "login": reverse("account_login"),
        "logout": reverse("account_logout"),
        "offlinePage": render_to_string("offline.html", {"disclaimer": DISCLAIMER}),
    }
    version = hashlib.sha256((json.dumps(config, sort_keys=True) + code).encode()).hexdigest()
    config["version"] = version[:12]
    return f"const STRIDEBACK = {json.dumps(config)};\n{code}"


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(script(), content_type="application/javascript; charset=utf-8")
    # The browser checks for a new worker on each visit; it must never get a stale one.
    response["Cache-Control"] = "no-cache"
    return response


WATCH_FILE_TYPES = [
    ".fit",
    ".gpx",
    ".tcx",
    "application/octet-stream",
    "application/vnd.ant.fit",
    "application/gpx+xml",
    "application/vnd.garmin.tcx+xml",
    "application/xml",
    "text/xml",
]


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """The installed app's manifest: its name, icon and first page, and a share target, so
    that on Android a run shared from the watch's own app opens here to be brought in."""
    data = {
        "name": "Strideback",
        "short_name": "Strideback",
        "description": "Back to running after having a baby, one safe step at a time.",
        "start_url": reverse("tracking:today"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#fffaf6",
        "theme_color": "#0b5d57",
        "icons": [
            {
                "src": staticfiles_storage.url("strideback/icon.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
            }
        ],
        "share_target": {
            "action": reverse("tracking:shared"),
            "method": "POST",
            "enctype": "multipart/form-data",
            "params": {"files": [{"name": "file", "accept": WATCH_FILE_TYPES}]},
        },
    }
    return HttpResponse(json.dumps(data, indent=2), content_type="application/manifest+json")


urlpatterns = [
    path("sw.js", service_worker, name="service_worker"),
    path("manifest.webmanifest", manifest, name="manifest"),
]
