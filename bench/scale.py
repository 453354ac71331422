"""Benchmark: the pages at scale. A PostgreSQL database of 100,000 runners and about 10
million events against one of 100 runners: p50 and p95 of Today, Progress, logging a session
and the caseload, and the queries each makes. The target: within 1.5x of the small database.

    STRIDEBACK_DATABASE_URL=postgresql://... python bench/scale.py [--reseed] [--rounds 5]

Uses two databases next to the one the URL names (its role needs CREATEDB):
``<name>_scale_big`` is seeded once and kept (a later run reuses it; ``--reseed`` makes it
again); ``<name>_scale_small`` is made afresh on each run and dropped at the end.

1. **One runner through the services.** In the small database (migrated), a runner starts
   her programme through ``start_programme`` on a day about 15 weeks ago chosen so that a
   session is due today, logs every session due before today with ``log_session`` on its day
   and changes each entry once with ``edit_event`` within the 48 hours (an edit is a new
   event that replaces the old one), so about 100 events; her summary is then computed as of
   today. A professional's two-factor sign-in is set up with allauth's ``TOTP.activate``.
   These rows are read back as text.
2. **Copies by COPY.** Each database gets copies of her (new ids, emails and event ids; the
   ids an edit names, in its columns and in its data, follow) streamed with psycopg's
   ``cursor.copy()``: 100,000 runners in the big database, 100 in the small one. In the big
   one the indexes and constraints of the copied tables are dropped first and made again
   after, then ``VACUUM ANALYZE``. Caseloads: in the big database one practice of 500
   clients and 199 of 100; in the small one a practice of all 100 runners. Each client
   shares with one practice; every other one has a named clinician.
3. **Measure.** Rounds (``--rounds``, default 5) alternate between the databases, each in a
   fresh process with Django's test client: GET /today/ and GET /progress/ for 50 runners
   (the same ones every round), POST /today/log/ for 10 runners a round who have not logged
   (never the same one twice, across runs too), and GET /practice/ 20 times a round as the
   owner of a 100-client practice (and, in the big database, of the 500-client one). The
   runners measured are clients of a 100-client practice in both databases, so the pages do
   the same work. Prints p50 and p95 per page, the big/small ratio, the queries per request
   (they must be the same), and PASS or FAIL against 1.5x.

Without a PostgreSQL STRIDEBACK_DATABASE_URL (or the server not answering) it says so and
exits 0. Exit status 1 when a page is over 1.5x or its queries differ.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "postgresql://strideback:strideback@127.0.0.1:5432/strideback"
BIG_RUNNERS = 100_000
SMALL_RUNNERS = 100
BIG_CASELOADS = [500] + [100] * 199  # clients per practice, in the big database (at most)
SMALL_CASELOADS = [100]
COMPARED_CASELOAD = 100  # the caseload size measured in both databases
READERS = 50
LOGGERS_PER_ROUND = 10
CASELOAD_PER_ROUND = 20
LIMIT = 1.5
SESSIONS = 50  # logged before today, each changed once: about 100 events a runner
LOG_FIELDS = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []}
SEED_TABLE = "bench_scale_seed"
USED_TABLE = "bench_scale_used"
# The tables copied per runner, in the order they are written.
RUNNER_TABLES = (
    "accounts_user",
    "account_emailaddress",
    "programmes_intakeversion",
    "programmes_programme",
    "programmes_event",
    "programmes_programmesummary",
)


# ---------------------------------------------------------------------------------------
# Databases.


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def recreate(base: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop(base: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def seeded(url: str) -> dict[str, Any] | None:
    """The big database's seed record, or None when it has none (or does not exist)."""
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            row = connection.execute(f"SELECT to_regclass('{SEED_TABLE}') IS NOT NULL").fetchone()
            if not row or not row[0]:
                return None
            found = connection.execute(
                f"SELECT runners, events, seconds, seeded_at, template FROM {SEED_TABLE}"
            ).fetchone()
    except psycopg.OperationalError:
        return None
    if found is None:
        return None
    runners, events, seconds, seeded_at, template = found
    return {
        "runners": runners,
        "events": events,
        "seconds": seconds,
        "seeded_at": seeded_at,
        "template": template,
    }


# ---------------------------------------------------------------------------------------
# Children: Django runs in a fresh process per database (settings read once per process).


def child(url: str, data_dir: str, *args: str) -> Any:
    env = {
        **os.environ,
        "STRIDEBACK_DATABASE_URL": url,
        "STRIDEBACK_DATA_DIR": data_dir,
        "STRIDEBACK_ALLOWED_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "strideback.web.settings",
    }
    out = Path(data_dir) / "child.json"
    command = [sys.executable, __file__, "--child", *args, "--out", str(out)]
    subprocess.run(command, env=env, check=True)
    return json.loads(out.read_text())


def _django() -> None:
    import django

    django.setup()


def _answers(start: date) -> dict[str, Any]:
    """Intake answers for a runner 14 weeks after birth on ``start``, every test passed."""
    from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS

    return {
        "birth_date": (start - timedelta(weeks=14)).isoformat(),
        "tests": {
            "load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
            "strength": dict.fromkeys(STRENGTH_TESTS, 20),
        },
    }


def _evening(day: date) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=19))


def _pick_start(today: date) -> tuple[date, list[tuple[date, str]]]:
    """A start about 15 weeks ago such that, with every session before today logged, one is
    due today (checked with the plan_for the pages use), and SESSIONS logged (or as near as
    any start comes); the sessions to log."""
    from strideback.core.programme import session_due
    from strideback.programmes import services as programmes
    from strideback.programmes.models import Event, IntakeVersion, Programme

    protocol = programmes.catalog().default_protocol
    best: tuple[date, list[tuple[date, str]]] = (today, [])
    for back in range(105, 150):
        start = today - timedelta(days=back)
        intake = programmes.intake_from(_answers(start), start)
        programme = Programme(
            intake=IntakeVersion(answers=intake.model_dump(mode="json")),
            protocol_id=protocol.id,
            protocol_version=protocol.version,
            start=start,
        )
        events: list[Event] = []
        for offset in range(back):
            day = start + timedelta(days=offset)
            session = session_due(programmes.plan_for(programme, events, day), day)
            if session is not None:
                events.append(
                    Event(type="session", day=day, data={**LOG_FIELDS, "kind": session.kind})
                )
        now = session_due(programmes.plan_for(programme, events, today), today)
        if now is not None and now.kind != "retest" and len(events) > len(best[1]):
            best = start, [(event.day, event.data["kind"]) for event in events]
            if len(events) >= SESSIONS:
                break
    if not best[1]:
        raise SystemExit("bench/scale.py: no start date about 15 weeks ago has a session today")
    return best


def _rows(table: str, where: str, params: tuple[Any, ...]) -> dict[str, Any]:
    """A table's rows as COPY reads them: every value as text (None for NULL)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "ORDER BY ordinal_position",
            [table],
        )
        columns = [row[0] for row in cursor.fetchall()]
        listed = ", ".join(f'"{c}"::text' for c in columns)
        cursor.execute(f"SELECT {listed} FROM {table} WHERE {where} ORDER BY 1", params)
        return {"columns": columns, "rows": [list(row) for row in cursor.fetchall()]}


def build_template() -> dict[str, Any]:
    """Migrate; one runner through the services, and a professional with two-factor sign-in;
    their rows as text."""
    _django()
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from strideback.accounts.models import User
    from strideback.programmes import services as programmes
    from strideback.programmes.lookups import events_for
    from strideback.tracking import services as tracking

    call_command("migrate", interactive=False, verbosity=0)
    today = timezone.localdate()
    start, logs = _pick_start(today)
    password = make_password(None)
    runner = User.objects.create(email="template@scale.example", password=password)
    EmailAddress.objects.create(user=runner, email=runner.email, verified=True, primary=True)
    programme = programmes.start_programme(runner, _answers(start), start, _evening(start))
    for n, (day, kind) in enumerate(logs):
        log = {**LOG_FIELDS, "rpe": 3 + n % 4}
        event = tracking.log_session(runner, programme, kind, log, day, _evening(day))
        tracking.edit_event(
            runner,
            event,
            {"note": "Felt strong today."},
            programme,
            _evening(day) + timedelta(hours=1),
        )
    programmes.refresh_summary(programme, today)
    owner = User.objects.create(
        email="owner@scale.example",
        password=password,
        role=User.Role.PROFESSIONAL,
        profession="pelvic_health_physio",
    )
    TOTP.activate(owner, generate_totp_secret())
    events = list(events_for(programme))
    return {
        "today": today.isoformat(),
        "start": start.isoformat(),
        "sessions": len(logs),
        "public_ids": [e.public_id for e in events],
        "runner": _rows("accounts_user", "id = %s", (runner.pk,)),
        "owner": _rows("accounts_user", "id = %s", (owner.pk,)),
        "mfa_authenticator": _rows("mfa_authenticator", "user_id = %s", (owner.pk,)),
        "account_emailaddress": _rows("account_emailaddress", "user_id = %s", (runner.pk,)),
        "programmes_intakeversion": _rows(
            "programmes_intakeversion", "owner_id = %s", (runner.pk,)
        ),
        "programmes_programme": _rows("programmes_programme", "id = %s", (programme.pk,)),
        "programmes_event": _rows("programmes_event", "programme_id = %s", (programme.pk,)),
        "programmes_programmesummary": _rows(
            "programmes_programmesummary", "programme_id = %s", (programme.pk,)
        ),
    }


def migrate() -> dict[str, Any]:
    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the pages' manifest
    return {}


# ---------------------------------------------------------------------------------------
# Copies, streamed with COPY.


def _escape(value: str | None) -> str:
    """A value in COPY's text format, its braces doubled for str.format."""
    if value is None:
        return "\\N"
    text = (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )
    return text.replace("{", "{{").replace("}", "}}")


def _line(
    columns: list[str], row: list[str | None], fields: dict[str, str], swap: dict[str, str]
) -> str:
    """A format string for one row: ``fields`` columns become placeholders; in the others
    each ``swap`` key (a template value) becomes its placeholder."""
    out = []
    for column, value in zip(columns, row, strict=True):
        if column in fields and value is not None:
            out.append(fields[column])
            continue
        text = _escape(value)
        for old, new in swap.items():
            text = text.replace(old, new)
        out.append(text)
    return "\t".join(out) + "\n"


def _copy(cursor: Any, table: str, columns: list[str], lines: Any) -> None:
    listed = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f"COPY {table} ({listed}) FROM STDIN") as copy:
        chunk: list[str] = []
        size = 0
        for line in lines:
            chunk.append(line)
            size += 1
            if size >= 20_000:
                copy.write("".join(chunk))
                chunk, size = [], 0
        if chunk:
            copy.write("".join(chunk))


def _runner_lines(template: dict[str, Any], table: str, runners: int) -> Any:
    """Every runner's copy of the template's rows of ``table``. Runner i: user i+1, intake,
    programme and email address i+1, events i*E+1...; event ids are the runner's number and
    the event's position, in hex (16 characters, as ``new_event_id``)."""
    spec = template["runner"] if table == "accounts_user" else template[table]
    columns = spec["columns"]
    count = len(template["public_ids"])
    if table == "programmes_event":
        position = {pid: j for j, pid in enumerate(template["public_ids"])}
        ids = {row[columns.index("id")]: j for j, row in enumerate(spec["rows"])}
        swap = {pid: "{x}" + f"{j:08x}" for pid, j in position.items()}
        formats = []
        for j, row in enumerate(spec["rows"]):
            fields = {
                "id": "{id}",
                "programme_id": "{p}",
                "recorded_by_id": "{u}",
                "public_id": "{x}" + f"{j:08x}",
                "replaces_id": "{r}",
                "original_id": "{o}",
            }
            replaced = row[columns.index("replaces_id")]
            original = row[columns.index("original_id")]
            formats.append(
                (
                    _line(columns, row, fields, swap).format,
                    j + 1,
                    ids[replaced] + 1 if replaced else 0,
                    ids[original] + 1 if original else 0,
                )
            )
        for i in range(runners):
            base, x = i * count, f"{i:08x}"
            for fmt, own, replaces, original in formats:
                yield fmt(
                    id=base + own, p=i + 1, u=i + 1, x=x, r=base + replaces, o=base + original
                )
        return
    fields = {
        "accounts_user": {
            "id": "{i}",
            "email": "{email}",
            "first_name": "{first}",
            "last_name": "{last}",
        },
        "account_emailaddress": {"id": "{i}", "user_id": "{i}", "email": "{email}"},
        "programmes_intakeversion": {"id": "{i}", "owner_id": "{i}"},
        "programmes_programme": {"id": "{i}", "owner_id": "{i}", "intake_id": "{i}"},
        "programmes_programmesummary": {"programme_id": "{i}"},
    }[table]
    (row,) = spec["rows"]
    fmt = _line(columns, row, fields, {}).format
    for i in range(runners):
        yield fmt(i=i + 1, email=f"runner{i:06d}@scale.example", first="Runner", last=f"{i:06d}")


def _constraints(cursor: Any, tables: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(table, name, definition) of every constraint but the primary keys, unique and checks
    first, then foreign keys; and every index not made by a constraint."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype "
        "FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) AND contype <> 'p' "
        "ORDER BY contype = 'f', conname",
        [list(tables)],
    )
    constraints = [(t, n, d) for t, n, d, _ in cursor.fetchall()]
    cursor.execute(
        "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
        [list(tables)],
    )
    return [(t, n, f"INDEX {d}") for t, n, d in cursor.fetchall()] + constraints


def seed(url: str, template: dict[str, Any], runners: int, caseloads: list[int], bulk: bool) -> int:
    """Copies of the template's runner and professional; returns the events written."""
    import psycopg

    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        dropped: list[tuple[str, str, str]] = []
        if bulk:
            dropped = _constraints(cursor, RUNNER_TABLES)
            for table, name, definition in reversed(dropped):
                if definition.startswith("INDEX "):
                    cursor.execute(f'DROP INDEX "{name}"')
                else:
                    cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for table in RUNNER_TABLES:
            began = time.perf_counter()
            spec = template["runner"] if table == "accounts_user" else template[table]
            _copy(cursor, table, spec["columns"], _runner_lines(template, table, runners))
            print(f"  {table}: {time.perf_counter() - began:.1f} s", flush=True)
        _professionals(cursor, template, runners, caseloads)
        began = time.perf_counter()
        for table, name, definition in dropped:
            if definition.startswith("INDEX "):
                cursor.execute(definition[len("INDEX ") :])
            else:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        if bulk:
            print(f"  indexes and constraints: {time.perf_counter() - began:.1f} s", flush=True)
        for table in (*RUNNER_TABLES, "mfa_authenticator", "practice_practice"):
            if table == "programmes_programmesummary":
                continue
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        for table in ("practice_membership", "practice_share"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        cursor.execute(f"CREATE TABLE {USED_TABLE} (user_id integer PRIMARY KEY)")
        connection.commit()
    began = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    if bulk:
        print(f"  VACUUM ANALYZE: {time.perf_counter() - began:.1f} s", flush=True)
    return runners * len(template["public_ids"])


def _professionals(
    cursor: Any, template: dict[str, Any], runners: int, caseloads: list[int]
) -> None:
    """A practice per caseload, its owner (two-factor set up) and its clients' shares, in
    runner order; every other client has the owner as her clinician."""
    owner_id = runners + 1
    spec = template["owner"]
    fields = {"id": "{i}", "email": "{email}", "first_name": "{first}", "last_name": "{last}"}
    fmt = _line(spec["columns"], spec["rows"][0], fields, {}).format
    _copy(
        cursor,
        "accounts_user",
        spec["columns"],
        (
            fmt(i=owner_id + p, email=f"owner{p:03d}@scale.example", first="Owner", last=f"{p:03d}")
            for p in range(len(caseloads))
        ),
    )
    spec = template["mfa_authenticator"]
    fmt = _line(spec["columns"], spec["rows"][0], {"id": "{i}", "user_id": "{u}"}, {}).format
    _copy(
        cursor,
        "mfa_authenticator",
        spec["columns"],
        (fmt(i=p + 1, u=owner_id + p) for p in range(len(caseloads))),
    )
    now = datetime.now().astimezone().isoformat()
    _copy(
        cursor,
        "practice_practice",
        ["id", "name", "country", "code", "created_at"],
        (
            f"{p + 1}\tPractice {p:03d}\tUnited Kingdom\tS{p:05d}\t{now}\n"
            for p in range(len(caseloads))
        ),
    )
    _copy(
        cursor,
        "practice_membership",
        ["id", "practice_id", "user_id", "role", "joined_at", "removed_at"],
        (f"{p + 1}\t{p + 1}\t{owner_id + p}\towner\t{now}\t\\N\n" for p in range(len(caseloads))),
    )

    def shares() -> Any:
        runner = 0
        for p, clients in enumerate(caseloads):
            for n in range(clients):
                clinician = p + 1 if n % 2 else "\\N"
                yield (
                    f"{runner + 1}\t{p + 1}\t{runner + 1}\t{now}\t\\N\t\\N\t{clinician}"
                    f"\tactive\t\\N\n"
                )
                runner += 1

    _copy(
        cursor,
        "practice_share",
        [
            "id",
            "practice_id",
            "runner_id",
            "granted_at",
            "revoked_at",
            "invitation_id",
            "clinician_id",
            "status",
            "status_changed_at",
        ],
        shares(),
    )


def record_seed(
    url: str, template: dict[str, Any], runners: int, events: int, seconds: float
) -> None:
    import psycopg
    from psycopg.types.json import Jsonb

    with psycopg.connect(url) as connection:
        connection.execute(
            f"CREATE TABLE {SEED_TABLE} (runners integer, events bigint, seconds float, "
            "seeded_at timestamptz, template jsonb)"
        )
        connection.execute(
            f"INSERT INTO {SEED_TABLE} VALUES (%s, %s, %s, now(), %s)",
            (runners, events, seconds, Jsonb(template)),
        )


# ---------------------------------------------------------------------------------------
# Measuring, in a child per database and round.


def measure(plan_file: str) -> dict[str, Any]:
    _django()
    import uuid

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from strideback.accounts.models import User
    from strideback.core.programme import session_due
    from strideback.programmes import services as programmes
    from strideback.programmes.lookups import current_programme_for

    plan = json.loads(Path(plan_file).read_text())
    results: dict[str, dict[str, list[float]]] = {}

    def timed(page: str, call: Any, expect: int) -> None:
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = call()
            elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == expect, (page, response.status_code)
        found = results.setdefault(page, {"ms": [], "queries": []})
        found["ms"].append(elapsed)
        found["queries"].append(len(queries.captured_queries))

    client = Client()
    users = {
        u.pk: u
        for u in User.objects.filter(
            pk__in=plan["readers"] + plan["loggers"] + list(plan["owners"].values())
        )
    }
    # Warm up this process (templates, catalog, connection) with the first runner, untimed.
    client.force_login(users[plan["readers"][0]])
    client.get("/today/")
    client.get("/progress/")
    for reader in plan["readers"]:
        client.force_login(users[reader])
        timed("GET /today/", lambda: client.get("/today/"), 200)
        timed("GET /progress/", lambda: client.get("/progress/"), 200)
    today = timezone.localdate()
    for logger in plan["loggers"]:
        user = users[logger]
        programme = current_programme_for(user)
        assert programme is not None
        due = session_due(programmes.programme_as_of(programme, today), today)
        form = {
            **{k: str(v) for k, v in LOG_FIELDS.items() if k != "pelvic_floor_symptoms"},
            "note": "Logged by the scale benchmark",
            "client_key": str(uuid.uuid4()),
            **({} if due is not None else {"early": "1"}),
        }
        client.force_login(user)
        timed("POST /today/log/", lambda form=form: client.post("/today/log/", form), 302)
    for size, owner in plan["owners"].items():
        client.force_login(users[owner])
        client.get("/practice/")
        for _ in range(plan["caseload"]):
            timed(f"GET /practice/ ({size} clients)", lambda: client.get("/practice/"), 200)
    return results


# ---------------------------------------------------------------------------------------
# The run.


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(len(ordered) * fraction) - 1)]


def _first_runner(caseloads: list[int], size: int) -> tuple[int, int]:
    """The first runner (0-based) and the practice (0-based) of the first caseload of ``size``."""
    runner = 0
    for p, clients in enumerate(caseloads):
        if clients == size:
            return runner, p
        runner += clients
    raise ValueError(size)


def _plans(
    url: str, runners: int, caseloads: list[int], rounds: int, rng: random.Random
) -> list[dict[str, Any]]:
    """Per round: the readers (the same each round), fresh loggers, and the owners whose
    caseload is read. Readers and loggers are clients of 100-client practices."""
    import psycopg

    first, practice = _first_runner(caseloads, COMPARED_CASELOAD)
    owners = {str(COMPARED_CASELOAD): runners + 1 + practice}
    if caseloads[0] != COMPARED_CASELOAD:
        owners = {str(caseloads[0]): runners + 1, **owners}
    shared = sum(caseloads)
    candidates = [  # user ids of clients of 100-client practices
        i + 1 for i in range(first, shared) if _practice_size(caseloads, i) == COMPARED_CASELOAD
    ]
    with psycopg.connect(url) as connection:
        used = {row[0] for row in connection.execute(f"SELECT user_id FROM {USED_TABLE}")}
    fresh = [c for c in candidates if c not in used]
    rng.shuffle(fresh)
    readers = fresh[:READERS]
    loggers = fresh[READERS : READERS + LOGGERS_PER_ROUND * rounds]
    if len(loggers) < LOGGERS_PER_ROUND * rounds:
        raise SystemExit(
            f"bench/scale.py: too few runners left to log in {database_name(url)}; --reseed"
        )
    return [
        {
            "readers": readers,
            "loggers": loggers[r * LOGGERS_PER_ROUND : (r + 1) * LOGGERS_PER_ROUND],
            "owners": owners,
            "caseload": CASELOAD_PER_ROUND,
        }
        for r in range(rounds)
    ]


def _caseloads(runners: int) -> list[int]:
    """The big database's caseloads: fewer 100-client practices when there are few runners."""
    return BIG_CASELOADS[: 1 + min(len(BIG_CASELOADS) - 1, (runners - 500) // 100)]


def _practice_size(caseloads: list[int], runner: int) -> int:
    for clients in caseloads:
        if runner < clients:
            return clients
        runner -= clients
    return 0


def _mark_used(url: str, users: list[int]) -> None:
    import psycopg

    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {USED_TABLE} VALUES (%s) ON CONFLICT DO NOTHING",
            [(u,) for u in users],
        )


def _size(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as connection:
        row = connection.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()
    return str(row[0]) if row else "?"


def run(options: argparse.Namespace) -> int:
    base = os.environ.get("STRIDEBACK_DATABASE_URL") or DEFAULT_URL
    if not base.startswith(("postgresql://", "postgres://")):
        print("bench/scale.py: STRIDEBACK_DATABASE_URL is not a PostgreSQL database; nothing to do")
        return 0
    try:
        import psycopg

        psycopg.connect(base, connect_timeout=5).close()
    except Exception as error:  # any failure to reach it: say so and pass
        print(f"bench/scale.py: PostgreSQL is not available ({error.__class__.__name__}); skipped")
        return 0
    name = database_name(base)
    big = database_url(base, f"{name}_scale_big")
    small = database_url(base, f"{name}_scale_small")
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory(prefix="strideback-scale-") as data_dir:
        found = None if options.reseed else seeded(big)
        if found is not None and found["runners"] != options.runners:
            found = None
        recreate(base, database_name(small))
        began = time.perf_counter()
        if found is None:
            print(f"building the template runner in {database_name(small)} ...", flush=True)
            template = child(small, data_dir, "template")
            print(
                f"  {time.perf_counter() - began:.1f} s: programme from {template['start']}, "
                f"{template['sessions']} sessions logged and changed once, "
                f"{len(template['public_ids'])} events",
                flush=True,
            )
            recreate(base, database_name(big))
            child(big, data_dir, "migrate")
            print(f"seeding {database_name(big)}: {options.runners:,} runners ...", flush=True)
            seed_began = time.perf_counter()
            events = seed(big, template, options.runners, _caseloads(options.runners), bulk=True)
            seconds = time.perf_counter() - seed_began
            record_seed(big, template, options.runners, events, seconds)
            print(f"seeded {options.runners:,} runners and {events:,} events in {seconds:.0f} s")
            recreate(base, database_name(small))
        else:
            template = found["template"]
            child(big, data_dir, "migrate")  # a migration added since it was seeded
            print(
                f"reusing {database_name(big)}: {found['runners']:,} runners, "
                f"{found['events']:,} events, seeded {found['seeded_at']:%Y-%m-%d %H:%M} "
                f"in {found['seconds']:.0f} s (--reseed to seed again)"
            )
            if template["today"] != date.today().isoformat():
                print(
                    f"  (the seed's today was {template['today']}: runners have missed the days "
                    "since, in both databases alike)"
                )
        child(small, data_dir, "migrate")
        seed(small, template, SMALL_RUNNERS, SMALL_CASELOADS, bulk=False)
        print(f"database sizes: big {_size(big)}, small {_size(small)}", flush=True)
        plans = {
            small: _plans(small, SMALL_RUNNERS, SMALL_CASELOADS, options.rounds, rng),
            big: _plans(big, options.runners, _caseloads(options.runners), options.rounds, rng),
        }
        results: dict[str, dict[str, dict[str, list[float]]]] = {small: {}, big: {}}
        measure_began = time.perf_counter()
        for r in range(options.rounds):
            order = (small, big) if r % 2 == 0 else (big, small)
            for url in order:
                plan_file = Path(data_dir) / "plan.json"
                plan_file.write_text(json.dumps(plans[url][r]))
                found_round = child(url, data_dir, "measure", "--plan", str(plan_file))
                if url == big:
                    _mark_used(big, plans[url][r]["loggers"])
                for page, values in found_round.items():
                    kept = results[url].setdefault(page, {"ms": [], "queries": []})
                    kept["ms"] += values["ms"]
                    kept["queries"] += values["queries"]
            print(f"  round {r + 1} of {options.rounds} done", flush=True)
        print(f"measured in {time.perf_counter() - measure_began:.0f} s")
        drop(base, database_name(small))
    return report(results[small], results[big])


def _queries(values: list[float]) -> str:
    low, high = int(min(values)), int(max(values))
    return str(low) if low == high else f"{low}-{high}"


def report(small: dict[str, Any], big: dict[str, Any]) -> int:
    print(
        f"\n{'page':<30} {'n':>4}  {'small p50':>9} {'p95':>7}  {'big p50':>9} {'p95':>7}"
        f"  {'ratio p50':>9} {'p95':>5}  {'queries small/big':>17}  verdict"
    )
    failed = False
    for page, values in big.items():
        mine = small.get(page)
        if mine is None:  # the 500-client caseload: the big database only
            p50, p95 = statistics.median(values["ms"]), percentile(values["ms"], 0.95)
            print(
                f"{page:<30} {len(values['ms']):>4}  {'':>9} {'':>7}  {p50:>9.1f} {p95:>7.1f}"
                f"  {'':>9} {'':>5}  {'- / ' + _queries(values['queries']):>17}  (big only)"
            )
            continue
        s50, s95 = statistics.median(mine["ms"]), percentile(mine["ms"], 0.95)
        b50, b95 = statistics.median(values["ms"]), percentile(values["ms"], 0.95)
        queries_small, queries_big = _queries(mine["queries"]), _queries(values["queries"])
        same = queries_small == queries_big
        ok = b50 <= LIMIT * s50 and b95 <= LIMIT * s95 and same
        failed |= not ok
        print(
            f"{page:<30} {len(values['ms']):>4}  {s50:>9.1f} {s95:>7.1f}  {b50:>9.1f} {b95:>7.1f}"
            f"  {b50 / s50:>9.2f} {b95 / s95:>5.2f}  {queries_small + ' / ' + queries_big:>17}"
            f"  {'PASS' if ok else 'FAIL'}"
        )
    print(f"(ms; PASS: big within {LIMIT}x of small at p50 and p95, and the same queries)")
    return 1 if failed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reseed", action="store_true", help="seed the big database again")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runners", type=int, default=BIG_RUNNERS, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=1, help="the random sample of runners")
    parser.add_argument(
        "--child", choices=["template", "migrate", "measure"], help=argparse.SUPPRESS
    )
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        result = {"template": build_template, "migrate": migrate}.get(options.child)
        found = result() if result else measure(options.plan)
        Path(options.out).write_text(json.dumps(found))
        return
    sys.exit(run(options))


if __name__ == "__main__":
    main()
