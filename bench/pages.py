"""Benchmark: the CPU time of one request to each of the runner's main pages, in process.

Seeds a temporary SQLite database with a runner who has logged 60 sessions (every session
of her programme, about 20 weeks of it) and has one due today, copied to --loggers runners
(each logs today's session once). Then, through Django's test client with the production
settings (DEBUG off), it times with the process's CPU clock, which a busy machine does not
inflate the way it inflates wall time:

- GET /today/ and GET /progress/, --repeats times each, for the first runner;
- POST /today/log/, once per logger: her session of today logged (the 302 not followed).

It prints the median and the spread of each, the queries each request made, and the
targets the issue set: Today ≤ 6 ms, Progress ≤ 8 ms, logging ≤ 10 ms of CPU per request
for a runner with 60 logs (an empty one-view Django project costs about 0.25 ms).

    python bench/pages.py [--repeats 60] [--loggers 60] [--logs 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

TARGETS_MS = {"today": 6.0, "progress": 8.0, "log": 10.0}
LOG_FIELDS = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []}


def _setup(data_dir: str) -> None:
    os.environ["STRIDEBACK_DATA_DIR"] = data_dir
    os.environ["STRIDEBACK_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def _answers(start: date) -> dict[str, Any]:
    from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS

    return {
        "birth_date": (start - timedelta(weeks=14)).isoformat(),
        "tests": {
            "load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
            "strength": dict.fromkeys(STRENGTH_TESTS, 20),
        },
        "days_per_week": 3,
    }


def _evening(day: date) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=19))


def _pick_start(today: date, logs: int) -> tuple[date, list[tuple[date, dict[str, Any]]]]:
    """A start far enough back that ``logs`` sessions, every one due, are logged before today
    and one is due today (found with the same plan the pages use)."""
    from strideback.core.programme import session_due
    from strideback.programmes import services as programmes
    from strideback.programmes.models import Event, IntakeVersion, Programme

    protocol = programmes.catalog().default_protocol
    weeks = logs // 3 + 1
    for shift in range(0, 7 * 6):
        start = today - timedelta(weeks=weeks, days=shift)
        intake = programmes.intake_from(_answers(start), start)
        programme = Programme(
            intake=IntakeVersion(answers=intake.model_dump(mode="json")),
            protocol_id=protocol.id,
            protocol_version=protocol.version,
            start=start,
        )
        events: list[Event] = []
        for offset in range((today - start).days):
            day = start + timedelta(days=offset)
            session = session_due(programmes.plan_for(programme, events, day), day)
            if session is not None and len(events) < logs:
                # Every fourth session felt hard: she stays on that stage a while longer.
                rpe = 8 if len(events) % 4 == 3 else LOG_FIELDS["rpe"]
                data = {**LOG_FIELDS, "kind": session.kind, "rpe": rpe}
                events.append(Event(type="session", day=day, data=data))
        due = session_due(programmes.plan_for(programme, events, today), today)
        if len(events) == logs and due is not None and due.kind != "retest":
            return start, [(event.day, event.data) for event in events]
    raise SystemExit(f"bench/pages.py: no start date has {logs} sessions and one today")


def seed(loggers: int, logs: int) -> tuple[Any, list[Any], str]:
    """The reader (made through the services) and ``loggers`` copies of her."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from strideback.accounts.models import User
    from strideback.programmes import services as programmes
    from strideback.programmes.models import Event, IntakeVersion, Programme, ProgrammeSummary
    from strideback.tracking import services as tracking

    today = timezone.localdate()
    start, days = _pick_start(today, logs)
    hashed = make_password("a long walk by the sea")
    with transaction.atomic():
        reader = User.objects.create(email="reader@example.com", password=hashed)
        programme = programmes.start_programme(reader, _answers(start), start, _evening(start))
        for day, data in days:
            fields = {name: value for name, value in data.items() if name != "kind"}
            tracking.log_session(reader, programme, data["kind"], fields, day, _evening(day))
        copies = User.objects.bulk_create(
            User(email=f"logger{n}@example.com", password=hashed) for n in range(loggers)
        )
        intake = programme.intake
        stored = list(Event.objects.filter(programme=programme).order_by("id"))
        summary = ProgrammeSummary.objects.get(programme=programme)
        for user in copies:
            version = IntakeVersion.objects.create(
                owner=user,
                version=1,
                answers=intake.answers,
                created_at=intake.created_at,
                updated_at=intake.updated_at,
                completed_at=intake.completed_at,
            )
            copy = Programme.objects.create(
                owner=user,
                intake=version,
                protocol_id=programme.protocol_id,
                protocol_version=programme.protocol_version,
                start=programme.start,
                created_at=programme.created_at,
            )
            Event.objects.bulk_create(
                Event(
                    programme=copy,
                    type=e.type,
                    day=e.day,
                    data=e.data,
                    recorded_at=e.recorded_at,
                    recorded_by=user,
                )
                for e in stored
            )
            summary.pk = None
            summary.programme = copy
            summary.save(force_insert=True)
    return reader, copies, f"from {start} to {days[-1][0]}, one due today"


def cpu_ms(request: Callable[[], Any]) -> tuple[float, Any]:
    began = time.process_time()
    response = request()
    return (time.process_time() - began) * 1000, response


def report(name: str, samples: list[float], queries: int) -> bool:
    median = statistics.median(samples)
    low, high = min(samples), max(samples)
    target = TARGETS_MS[name]
    verdict = "within" if median <= target else "OVER"
    print(
        f"{name:<9} {median:6.2f} ms CPU median (min {low:.2f}, max {high:.2f}, "
        f"n={len(samples)}), {queries} queries — target ≤ {target:g} ms: {verdict}"
    )
    return median <= target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--loggers", type=int, default=60)
    parser.add_argument("--logs", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        _setup(data_dir)
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        began = time.perf_counter()
        reader, loggers, story = seed(args.loggers, args.logs)
        print(f"seeded a runner with {args.logs} logs ({story}) and {len(loggers)} copies")
        print(f"  in {time.perf_counter() - began:.1f} s; SQLite, DEBUG off, CPU per request:")

        client = Client()
        client.force_login(reader)
        ok = True
        for name, url in (("today", "/today/"), ("progress", "/progress/")):
            for _ in range(3):  # warm: templates compiled, catalog loaded
                assert client.get(url).status_code == 200
            samples = []
            for _ in range(args.repeats):
                spent, response = cpu_ms(lambda url=url: client.get(url))
                assert response.status_code == 200, response.status_code
                samples.append(spent)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            ok = report(name, samples, len(queries)) and ok

        samples, counts = [], []
        for user in loggers:
            logger = Client()
            logger.force_login(user)
            logger.get("/today/")
            with CaptureQueriesContext(connection) as queries:
                spent, response = cpu_ms(lambda c=logger: c.post("/today/log/", LOG_FIELDS))
            if response.status_code != 302:
                sys.exit(f"logging answered {response.status_code}: {response.content[:300]!r}")
            samples.append(spent)
            counts.append(len(queries))
        ok = report("log", samples[3:], statistics.median_low(counts)) and ok
        if not ok:
            print("  (over a target: see the figures above)")


if __name__ == "__main__":
    main()
