"""The ``strideback`` command: thin commands that parse input, call the core, print the result.

Exit codes: 0 success, 2 bad input or usage (with a message naming what, where and what is
allowed), 1 anything else. Bad input never shows a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from types import ModuleType
from typing import Annotated, Literal, ParamSpec, TypeVar

import typer

from strideback.core.activities.entry import entry_for, read_watch_run, same_activity
from strideback.core.catalog import DEFAULT_PROTOCOL, Catalog, check_paths, load_catalog
from strideback.core.documents import read_document
from strideback.core.drawing.figures import exercise_figure, pose_reference_markdown
from strideback.core.errors import InputError, Problem
from strideback.core.export import (
    PlanFormat,
    exercise_text,
    plan_pdf,
    readiness_json,
    readiness_text,
    render_plan,
)
from strideback.core.intake import Intake, load_intake
from strideback.core.programme import (
    DISCLAIMER,
    Event,
    PlanInputs,
    event_from,
    load_events,
    parse_events,
    plan_as_of,
)
from strideback.core.programme_templates import load_template
from strideback.core.readiness import assess
from strideback.core.rules import RULES, rules_markdown

app = typer.Typer(
    name="strideback",
    help="Strideback: a postpartum return-to-running coach.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
catalog_app = typer.Typer(
    help="Check exercise, protocol and programme template files.", no_args_is_help=True
)
app.add_typer(catalog_app, name="catalog")
practice_app = typer.Typer(help="Professionals and their practices.", no_args_is_help=True)
app.add_typer(practice_app, name="practice")
tokens_app = typer.Typer(help="API tokens, made by an operator.", no_args_is_help=True)
app.add_typer(tokens_app, name="tokens")

P = ParamSpec("P")
R = TypeVar("R")


VerdictFormat = Literal["text", "json"]
ExerciseFormat = Literal["text", "json", "svg"]


def friendly_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Bad input → its message on stderr and exit 2; anything else → exit 1, no traceback."""

    @wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except InputError as error:
            typer.echo(f"strideback: {error.describe()}", err=True)
            raise typer.Exit(2) from None
        except typer.Exit:
            raise
        except Exception as error:  # the last line of defence: say what, not a traceback
            typer.echo(f"strideback: unexpected error ({type(error).__name__}: {error}).", err=True)
            raise typer.Exit(1) from None

    return run


def _date_option(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(
            option, [Problem("", f"{value!r} should be a date written as YYYY-MM-DD.")]
        ) from None


def _today(value: str | None) -> date:
    return _date_option(value, "--today") or date.today()


def _catalog(extra: list[Path] | None) -> Catalog:
    return load_catalog(extra or [])


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(
            str(output), [Problem("", f"could not be written ({error.strerror}).")]
        ) from None
    typer.echo(f"Wrote {output}", err=True)


def _write_binary(data: bytes, output: Path | None, what: str) -> None:
    """A binary file to ``output``, or to stdout when that is a file or a pipe (never to a
    terminal, where it would be gibberish)."""
    if output is None:
        if sys.stdout.isatty():
            raise InputError(
                "--output",
                [
                    Problem(
                        "",
                        f"{what} is a binary file: give -o FILE to write it, or send the "
                        "output to a file (> FILE) or a program.",
                    )
                ],
            )
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise InputError(
            str(output), [Problem("", f"could not be written ({error.strerror}).")]
        ) from None
    typer.echo(f"Wrote {output}", err=True)


IntakeArg = Annotated[
    Path, typer.Argument(metavar="INTAKE", help="The intake file (YAML or JSON).")
]
CatalogOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--catalog",
        metavar="PATH",
        help="Extra exercise or protocol files or folders (repeatable).",
    ),
]
VerdictFormatOpt = Annotated[VerdictFormat, typer.Option("--format", help="text or json.")]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        help="The day to work it out as of (default: today): events up to it are replayed and "
        "the days from it planned, as the web app does.",
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("-o", "--output", metavar="FILE", help="Write to this file.")
]


@app.command("assess")
@friendly_errors
def assess_command(
    intake: IntakeArg,
    format: VerdictFormatOpt = "text",
    today: TodayOpt = None,
    output: OutputOpt = None,
) -> None:
    """Can I run yet? The readiness verdict with its reasons and sources."""
    verdict = assess(load_intake(intake, _today(today)))
    text = readiness_json(verdict, DISCLAIMER) if format == "json" else readiness_text(verdict)
    _write(text, output)


def _plan_inputs(intake: Intake, start: date | None, catalog: Catalog, protocol: str) -> PlanInputs:
    first = start or intake.assessed_on
    if first < intake.birth_date:
        raise InputError(
            "--start",
            [
                Problem(
                    "",
                    f"{first} is before the birth date ({intake.birth_date}); start on or after it.",
                )
            ],
        )
    catalog.protocol(protocol)  # an unknown id is bad input, said before any work
    return PlanInputs(intake=intake, catalog=catalog, start=first, protocol=protocol)


def _exported_programme(document: object, source: str) -> tuple[date, list[object]] | None:
    """A runner's data export (the site's JSON download, or GET /api/v1/me/export) given as
    ``--events``: her newest programme's start and its entries as events, every version in
    the order recorded (an edit names the entry it ``replaces``). None for an events file."""
    if not isinstance(document, dict) or "programmes" not in document:
        return None
    held = document["programmes"]
    if not isinstance(held, list) or not held or not isinstance(held[-1], dict):
        raise InputError(source, [Problem("programmes", "this export holds no programme yet.")])
    newest = held[-1]
    events = [
        {
            **(entry.get("data") or {}),
            "id": entry.get("id"),
            "type": entry.get("type"),
            "date": entry.get("date"),
            **({"replaces": entry["replaces"]} if entry.get("replaces") else {}),
        }
        for entry in newest.get("entries") or []
        if isinstance(entry, dict)
    ]
    start = _date_option(str(newest.get("start")), "programmes[-1].start")
    assert start is not None  # a text given is a date or bad input
    return start, events


@app.command("plan")
@friendly_errors
def plan_command(
    intake: IntakeArg,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="DATE",
            help="First day of the programme (default: the assessment day).",
        ),
    ] = None,
    events: Annotated[
        Path | None,
        typer.Option(
            "--events", metavar="FILE", help="Logged sessions and other events (YAML or JSON)."
        ),
    ] = None,
    format: Annotated[PlanFormat, typer.Option("--format", help="The output format.")] = "text",
    output: OutputOpt = None,
    catalog: CatalogOpt = None,
    protocol: Annotated[
        str,
        typer.Option(
            "--protocol", metavar="ID", help="The protocol to follow (yours, with --catalog)."
        ),
    ] = DEFAULT_PROTOCOL,
    today: TodayOpt = None,
) -> None:
    """The dated programme, adapted to any logged events, in the format you choose."""
    document = read_document(events) if events else None
    exported = _exported_programme(document, str(events))
    inputs = _plan_inputs(
        load_intake(intake, _today(today)),
        _date_option(start, "--start") or (exported[0] if exported else None),
        _catalog(catalog),
        protocol,
    )
    logged: list[Event] = (
        parse_events(exported[1] if exported else document, str(events), inputs) if events else []
    )
    # The same entry point as every page of the web app: the events replayed, the days from
    # today on projected, so the command and the app show the same next session.
    plan = plan_as_of(inputs, logged, max(_today(today), inputs.start))
    if format == "pdf":
        _write_binary(plan_pdf(plan, inputs.catalog), output, "--format pdf")
        return
    _write(render_plan(plan, format, inputs.catalog), output)


@app.command("exercises")
@friendly_errors
def exercises_command(
    exercise_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="One exercise to show.")
    ] = None,
    format: Annotated[
        ExerciseFormat,
        typer.Option(
            "--format", help="text or json; svg draws one exercise's picture from its pose."
        ),
    ] = "text",
    catalog: CatalogOpt = None,
    output: OutputOpt = None,
) -> None:
    """Browse the exercise library, or show one exercise in full (or its picture)."""
    known = _catalog(catalog).exercises
    if exercise_id is None and format == "svg":
        raise InputError(
            "--format",
            [
                Problem(
                    "",
                    "svg draws one exercise: name it, e.g. `exercises fire_hydrant --format svg`.",
                )
            ],
        )
    if exercise_id is None:
        if format == "json":
            _write(
                json.dumps([e.model_dump(mode="json") for e in known.values()], indent=2) + "\n",
                output,
            )
            return
        width = max(len(key) for key in known)
        lines = [f"{e.id:<{width}}  {e.kind:<8}  {e.name}" for e in known.values()]
        _write("\n".join(lines) + "\n", output)
        return
    if exercise_id not in known:
        raise InputError(
            "ID",
            [
                Problem(
                    "",
                    f"{exercise_id!r} is not in the catalog. Known ids: {', '.join(sorted(known))}.",
                )
            ],
        )
    exercise = known[exercise_id]
    if format == "svg":
        _write(exercise_figure(exercise) + "\n", output)
        return
    text = json.dumps(exercise.model_dump(mode="json"), indent=2) + "\n"
    _write(text if format == "json" else exercise_text(exercise), output)


@catalog_app.command("check")
@friendly_errors
def catalog_check_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders of exercises and protocols.")
    ],
) -> None:
    """Validate your own catalog files against the schema and the packaged catalog."""
    catalog = check_paths(paths)
    typer.echo(
        f"OK: the catalog holds {len(catalog.exercises)} exercises and tests and "
        f"{len(catalog.protocols)} protocol(s), with your files included."
    )


@catalog_app.command("template")
@friendly_errors
def catalog_template_command(
    paths: Annotated[list[Path], typer.Argument(help="Programme template files (YAML or JSON).")],
    catalog: CatalogOpt = None,
) -> None:
    """Check programme templates against the catalog (with your files) and the safety rules."""
    known = _catalog(catalog)
    for path in paths:
        template = load_template(path, known)
        typer.echo(f"OK: {path}: {template.name}, {len(template.actions)} action(s).")


@catalog_app.command("poses")
@friendly_errors
def catalog_poses_command(output: OutputOpt = None) -> None:
    """How to describe an exercise's position (`pose:`) so Strideback draws its picture."""
    _write(pose_reference_markdown(), output)


@app.command("rules")
@friendly_errors
def rules_command(
    format: Annotated[Literal["text", "md"], typer.Option("--format", help="text or md.")] = "text",
    output: OutputOpt = None,
) -> None:
    """The clinical rules the engine applies, each with its source and evidence level."""
    if format == "md":
        _write(rules_markdown(), output)
        return
    lines = [
        f"{r.id} [{r.effect}; {r.source}, {r.evidence}]\n    {r.summary}" for r in RULES.values()
    ]
    _write("\n".join(lines) + "\n", output)


@app.command("serve")
@friendly_errors
def serve_command(
    host: Annotated[str, typer.Option("--host", help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="The port to listen on.")
    ] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=32, help="Worker processes (4 threads each).")
    ] = 2,
    migrate: Annotated[
        bool,
        typer.Option(
            "--migrate/--no-migrate",
            help="Migrate the database first (the default; under a lock, so servers starting "
            "together migrate once), or leave it to `strideback migrate` run before.",
        ),
    ] = True,
) -> None:
    """Start the web app: migrate the database, then serve it and print its address.

    The embedded database is SQLite in your data directory (STRIDEBACK_DATA_DIR to move it);
    STRIDEBACK_DATABASE_URL=postgresql://... uses PostgreSQL instead."""
    from strideback.web.server import serve  # Django loads only for this command

    serve(host, port, workers, announce=typer.echo, migrate=migrate)


@app.command("migrate")
@friendly_errors
def migrate_command() -> None:
    """Apply the database migrations not applied yet and make the cache table; print what
    was applied. Several servers or deploy steps may run it at once: they take turns (a lock)
    and the migrations run once. Run it before `strideback serve --no-migrate`."""
    from strideback.web.server import migrate  # Django loads only for this command

    for line in migrate():
        typer.echo(line)


@app.command("backup")
@friendly_errors
def backup_command(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="The backup file to write (must not exist).")
    ],
) -> None:
    """Back up the database while the app runs: SQLite with its online backup API (one
    consistent copy, checked), PostgreSQL with pg_dump's custom format (for pg_restore). The
    file is readable by its owner only."""
    from strideback.web.server import backup  # Django loads only for this command

    typer.echo(backup(path))


@app.command("cleanup")
@friendly_errors
def cleanup_command() -> None:
    """Delete what is no longer needed: expired sessions, visitors' unfinished answers after
    7 days, expired cache entries and sign-ups never checked by their code after 7 days.

    `strideback serve` does the same at every start; run this daily (from cron, say) on a
    server that stays up. It uses the same settings as serve (STRIDEBACK_DATA_DIR,
    STRIDEBACK_DATABASE_URL, ...)."""
    from strideback.web.server import cleanup  # Django loads only for this command

    typer.echo("Cleaned up:")
    for line in cleanup():
        typer.echo(f"  {line}")


@app.command("reminders")
@friendly_errors
def reminders_command() -> None:
    """Mail the reminders due now to runners who asked for them (at their time, in their time
    zone): today's session, and a next-day pain check still waiting. Each goes once a day
    however often this runs; run it every 15 minutes from cron. It uses the same settings
    as serve (mail: STRIDEBACK_EMAIL_URL)."""
    from strideback.web.server import reminders  # Django loads only for this command

    typer.echo("Reminders sent:")
    for line in reminders():
        typer.echo(f"  {line}")


@app.command("rebuild")
@friendly_errors
def rebuild_command(
    every: Annotated[
        bool, typer.Option("--all", help="Rebuild every summary, not only the outdated.")
    ] = False,
) -> None:
    """Rebuild the summaries the caseload reads, from a fresh replay of each programme:
    those missing or made by an earlier version of the rules (every one with --all). Run it
    after an upgrade that changes the rules; it uses the same settings as serve."""
    from strideback.web.server import rebuild  # Django loads only for this command

    count = rebuild(every)
    typer.echo(f"Rebuilt {count} programme summar{'y' if count == 1 else 'ies'}.")


@practice_app.command("add-professional")
@friendly_errors
def practice_add_professional_command(
    email: Annotated[str, typer.Argument(help="Her email address (made into an account if new).")],
    practice: Annotated[str, typer.Option("--practice", help="The practice's name.")],
    role: Annotated[str, typer.Option("--role", help="owner, clinician or coach.")] = "owner",
    profession: Annotated[
        str,
        typer.Option(
            "--profession",
            help="pelvic_health_physio, physiotherapist, running_coach or personal_trainer.",
        ),
    ] = "pelvic_health_physio",
    country: Annotated[
        str | None, typer.Option("--country", help="The practice's country, when it is new.")
    ] = None,
) -> None:
    """Create or promote a professional and put her in a practice (made if new): for the
    first owner of a practice, and for operators. A new account has no password: she sets
    one with "Forgotten your password?" on the sign-in page, then two-factor sign-in."""
    from strideback.web.server import practice_add_professional  # Django loads only here

    for line in practice_add_professional(email, practice, role, profession, country):
        typer.echo(line)


EmailArg = Annotated[str, typer.Argument(metavar="EMAIL", help="Her account's email address.")]


def _operator() -> ModuleType:
    """The token commands' module, with Django set up (it loads only for these commands)."""
    from strideback.web.server import setup

    setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from strideback.api import operator

    return operator


@tokens_app.command("create")
@friendly_errors
def tokens_create_command(
    email: EmailArg,
    scope: Annotated[
        Literal["read", "write"], typer.Option("--scope", help="read, or write (and read).")
    ] = "read",
    name: Annotated[str, typer.Option("--name", help="What it is for.")] = "operator",
    days: Annotated[
        int | None,
        typer.Option("--days", min=1, max=366, help="Days it works (default 90)."),
    ] = None,
) -> None:
    """Make an API token for her and print it (shown only now). An operator's token is
    trusted as it is: a professional's works without two-factor sign-in, and each use is in
    her practice's access log."""
    for line in _operator().create(email, scope, name, days):
        typer.echo(line)


@tokens_app.command("list")
@friendly_errors
def tokens_list_command(email: EmailArg) -> None:
    """Her tokens that still work or have expired (not the revoked): name, scope, prefix."""
    for line in _operator().listing(email):
        typer.echo(line)


@tokens_app.command("revoke")
@friendly_errors
def tokens_revoke_command(
    email: EmailArg,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The token's name.")],
) -> None:
    """Stop one of her tokens at once."""
    for line in _operator().revoke(email, name):
        typer.echo(line)


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(
            str(path), [Problem("", f"could not be read ({error.strerror}).")]
        ) from None


@app.command("import")
@friendly_errors
def import_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="FIT, GPX or TCX files from a watch.")
    ],
    intake: Annotated[
        Path | None,
        typer.Option("--intake", metavar="FILE", help="Her intake: match each run to her plan."),
    ] = None,
    events: Annotated[
        Path | None,
        typer.Option("--events", metavar="FILE", help="What she has logged so far (YAML or JSON)."),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option(
            "--session",
            metavar="DATE",
            help="The session a run was for, when two are equally near (one file only).",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", metavar="DATE", help="First day of the programme."),
    ] = None,
    today: TodayOpt = None,
    catalog: CatalogOpt = None,
) -> None:
    """Read runs from watch files and print the entries they make, in the events format
    (append them to an events file for `strideback plan --events`). With --intake, each run
    is matched to the session planned that day, as the web app does; without it, each is
    kept as an activity matched to no session."""
    day_today = _today(today)
    choice = _date_option(session, "--session")
    if choice is not None and len(files) > 1:
        raise InputError("--session", [Problem("", "give --session with one file at a time.")])
    inputs = (
        _plan_inputs(
            load_intake(intake, day_today),
            _date_option(start, "--start"),
            _catalog(catalog),
            DEFAULT_PROTOCOL,
        )
        if intake is not None
        else None
    )
    if events is not None and inputs is None:
        raise InputError("--events", [Problem("", "give --intake too: events belong to a plan.")])
    logged: list[Event] = load_events(events, inputs) if events and inputs else []
    seen = {same_activity(e.watch) for e in logged if getattr(e, "watch", None) is not None}
    made: list[dict[str, object]] = []
    for path in files:
        watch = read_watch_run(path.name, _read_file(path))
        if same_activity(watch) in seen:
            typer.echo(f"{path}: brought in before (the same start and device); skipped.", err=True)
            continue
        seen.add(same_activity(watch))
        day = watch.started_at.astimezone().date()
        if inputs is None:
            data = {"type": "activity", "date": day.isoformat(), "why": "no_session"}
            made.append({**data, "watch": watch.model_dump(mode="json")})
            continue
        entry = entry_for(inputs, logged, watch, day, day_today, choice)
        if entry.data is None:
            days = " or ".join(d.isoformat() for d in entry.candidates)
            raise InputError(
                str(path),
                [
                    Problem(
                        "", f"two sessions are as near to this run; choose with --session {days}."
                    )
                ],
            )
        logged.append(event_from(entry.data, str(path)))
        made.append(entry.data)
    _write(json.dumps({"events": made}, indent=2) + "\n", None)


def main() -> None:
    app()
