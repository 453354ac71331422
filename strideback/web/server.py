"""`strideback serve`: prepare the database and static files, clean up, then serve with
gunicorn; and `strideback cleanup` on its own."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

from strideback.core import InputError, Problem


def setup() -> None:
    """Set Django up; a bad environment variable is bad input (exit 2), said plainly."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise InputError("environment", [Problem("", str(error))]) from None


def cleanup() -> list[str]:
    """Delete expired sessions, stale visitor answers, expired cache entries and unchecked
    sign-ups (see strideback.accounts.cleanup); what went, one line each."""
    setup()
    from django.db import DatabaseError
    from django.utils import timezone

    from strideback.accounts.cleanup import purge

    try:
        return purge(timezone.now()).lines()
    except DatabaseError as error:
        raise RuntimeError(
            f"the database could not be cleaned ({error}); `strideback serve` sets it up."
        ) from None


def rebuild(every: bool) -> int:
    """`strideback rebuild`: the caseload's summaries of another engine version (or every
    one), recomputed from the replay; how many."""
    setup()
    from django.core.management import call_command
    from django.utils import timezone

    from strideback.programmes.services import rebuild_summaries

    call_command("migrate", interactive=False, verbosity=0)
    return rebuild_summaries(timezone.localdate(), every=every)


def practice_add_professional(
    email: str, practice: str, role: str, profession: str, country: str | None
) -> list[str]:
    """`strideback practice add-professional`: what was done, one line each."""
    setup()
    from django.core.management import call_command
    from django.utils import timezone

    from strideback.practice.services import add_professional

    call_command("migrate", interactive=False, verbosity=0)
    added = add_professional(
        email,
        practice_name=practice,
        role=role,
        profession=profession,
        country=country,
        now=timezone.now(),
    )
    membership = added.membership
    lines = [
        f"{'Created' if added.created_account else 'Found'} the account {membership.user.email}"
        + (", now a professional" if added.changed_role else "")
        + ".",
        f"{'Created' if added.created_practice else 'Found'} the practice "
        f"{membership.practice.name} ({membership.practice.country}).",
        f"{membership.user.email} is its {membership.role}.",
    ]
    if added.created_account:
        lines.append(
            "She sets her password with 'Forgotten your password?' on the sign-in page, "
            "then two-factor sign-in."
        )
    return lines


def prepare(announce: Callable[[str], None]) -> Callable[..., Any]:
    """Set Django up, migrate the database, make the cache table, collect static files and
    clean up; return the WSGI app."""
    setup()
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)  # the rate-limit counts (database cache)
    call_command("collectstatic", interactive=False, verbosity=0)
    from strideback.accounts.cleanup import purge
    from strideback.programmes.services import catalog

    purged = purge(timezone.now())
    if purged.total:
        announce("Cleaned up: " + "; ".join(purged.lines(include_zero=False)) + ".")
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
    app = prepare(announce)
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
