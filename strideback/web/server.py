"""`strideback serve`: prepare the database and static files, clean up, then serve with
gunicorn; and `strideback migrate`, `strideback backup` and `strideback cleanup` on their own.

Several servers may start at the same moment on one database: each migrates under a lock
(PostgreSQL: an advisory lock on a fixed key; SQLite: a file lock beside the database), so
the first applies the migrations and the others find nothing left to do."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
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


def reminders() -> list[str]:
    """`strideback reminders`: mail the reminders due now; what went, one line each."""
    setup()
    from django.utils import timezone

    from strideback.takeaway.reminders import send_due_reminders

    return send_due_reminders(timezone.now()).lines()


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


# The key of the PostgreSQL advisory lock every `strideback migrate` and `serve` takes while
# migrating ("strd" in ASCII): the same on every server, so only one migrates at a time.
MIGRATION_LOCK_KEY = 0x73747264


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` (made if missing), held until the block ends; a second
    process waits for it. The kernel lets it go if the process dies."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def migration_lock() -> Iterator[None]:
    """Held while migrating, so that servers starting together migrate one after another:
    PostgreSQL's session advisory lock on MIGRATION_LOCK_KEY (on the same connection the
    migrations use; it goes with the connection if the process dies), or on SQLite a file
    lock beside the database file."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK_KEY])
    elif connection.vendor == "sqlite":
        database = Path(str(connection.settings_dict["NAME"]))
        with _file_lock(database.with_name(database.name + ".migrate-lock")):
            yield
    else:  # pragma: no cover - the settings allow PostgreSQL and SQLite only
        yield


@dataclass(frozen=True)
class Migrated:
    applied: list[str]  # "app.migration", in the order applied
    cache_table: str | None  # the cache table, when this run made it

    def lines(self) -> list[str]:
        if not self.applied:
            lines = ["The database is up to date: no migrations to apply."]
        else:
            count = len(self.applied)
            lines = [f"Applied {count} migration{'' if count == 1 else 's'}:"]
            lines += [f"  {name}" for name in self.applied]
        if self.cache_table:
            lines.append(f"Made the cache table {self.cache_table}.")
        return lines


def pending_migrations() -> list[str]:
    """The migrations not applied to the database yet ("app.migration"), in order."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, backwards in plan]


def migrate_locked() -> Migrated:
    """Apply the migrations not applied yet and make the database cache's table, under the
    migration lock; what this process did (nothing, when another server got there first)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    with migration_lock():
        applied = pending_migrations()
        if applied:
            call_command("migrate", interactive=False, verbosity=0)
        made = None
        cache = settings.CACHES["default"]
        if cache["BACKEND"].endswith("DatabaseCache"):
            table = str(cache["LOCATION"])
            if table not in connection.introspection.table_names():
                call_command("createcachetable", verbosity=0)  # the rate-limit counts
                made = table
    return Migrated(applied, made)


def migrate() -> list[str]:
    """`strideback migrate`: what was applied, one line each."""
    setup()
    from django.db import DatabaseError

    try:
        return migrate_locked().lines()
    except DatabaseError as error:
        raise RuntimeError(f"the database could not be migrated ({error}).") from None


def _backup_sqlite(database: Path, target: Path) -> str:
    """Copy a live SQLite database with the online backup API: a consistent copy even while
    the app writes (in WAL mode the writers do not wait for it)."""
    import sqlite3

    if not database.is_file():
        raise RuntimeError(
            f"there is no database at {database} yet; `strideback migrate` or `serve` makes it."
        )
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # hers alone
    source = sqlite3.connect(database, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)  # every page in one step: one consistent snapshot
        (check,) = copy.execute("PRAGMA integrity_check").fetchone()
        tables = copy.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")
        (count,) = tables.fetchone()
    finally:
        copy.close()
        source.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"the copy of {database} failed its integrity check ({check}).")
    partial.rename(target)
    size = target.stat().st_size / 1e6
    return f"Backed up {database} to {target} ({count} tables, {size:.1f} MB, integrity ok)."


def _backup_postgresql(database: dict[str, Any], target: Path) -> str:
    """pg_dump's custom format (restore it with pg_restore), the password passed in the
    environment, never on the command line."""
    import shutil
    import subprocess

    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise InputError(
            "backup",
            [Problem("", "PostgreSQL is backed up with pg_dump: install it (postgresql-client).")],
        )
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    done = subprocess.run(
        [pg_dump, "--format=custom", "--file", str(partial)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"pg_dump failed ({done.returncode}): {done.stderr.strip()}")
    partial.rename(target)
    size = target.stat().st_size / 1e6
    return (
        f"Backed up the PostgreSQL database {database['NAME']} to {target} "
        f"(pg_dump custom format, {size:.1f} MB; restore it with pg_restore)."
    )


def backup(target: Path) -> str:
    """`strideback backup PATH`: a consistent copy of the database while the app runs (SQLite:
    the online backup API; PostgreSQL: pg_dump -Fc); what was written."""
    setup()
    from django.db import connection

    if target.exists():
        raise InputError(str(target), [Problem("", "already exists; give a new file name.")])
    if not target.parent.is_dir():
        raise InputError(str(target), [Problem("", "is in a folder that does not exist.")])
    if connection.vendor == "postgresql":
        return _backup_postgresql(connection.settings_dict, target)
    return _backup_sqlite(Path(str(connection.settings_dict["NAME"])), target)


def prepare(announce: Callable[[str], None], run_migrations: bool = True) -> Callable[..., Any]:
    """Set Django up, migrate the database and make the cache table (unless told another
    step does it: then check that it has), collect static files and clean up; return the
    WSGI app."""
    setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    if run_migrations:
        migrate_locked()
    else:
        waiting = pending_migrations()
        if waiting:
            raise RuntimeError(
                f"{len(waiting)} migration{'s are' if len(waiting) > 1 else ' is'} not applied "
                f"yet ({waiting[0]}{', ...' if len(waiting) > 1 else ''}): run "
                "`strideback migrate` first, or start without --no-migrate."
            )
    # Two servers sharing a data directory collect into it one at a time.
    with _file_lock(Path(settings.DATA_DIR) / "collectstatic.lock"):
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


def serve(
    host: str, port: int, workers: int, announce: Callable[[str], None], migrate: bool = True
) -> None:
    app = prepare(announce, run_migrations=migrate)
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
