"""`strideback serve`: prepare the database and static files, then serve with gunicorn."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

from strideback.core import InputError, Problem


def prepare() -> Callable[..., Any]:
    """Set Django up, migrate the database, collect static files; return the WSGI app."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command
    from django.db import connections

    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise InputError("environment", [Problem("", str(error))]) from None
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from strideback.programmes.services import catalog

    catalog()  # load once here, so the workers share it and the first page is not slow
    connections.close_all()  # the workers fork from here; each opens its own connections
    from strideback.web.wsgi import application

    return application


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, app: Callable[..., Any], options: dict[str, Any]) -> None:
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Callable[..., Any]:
        return self.application


def serve(host: str, port: int, workers: int, announce: Callable[[str], None]) -> None:
    app = prepare()
    from django.conf import settings

    shown_host = f"[{host}]" if ":" in host else host
    announce(f"Strideback is running at http://{shown_host}:{port}/")
    announce(f"Data: {settings.DATABASES['default']['NAME']}  ·  Stop with Ctrl+C")
    _Gunicorn(
        app,
        {
            "bind": f"{shown_host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": 4,
            "timeout": 30,
            "graceful_timeout": 10,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
        },
    ).run()
