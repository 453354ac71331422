"""Benchmark: a professional's caseload page with many clients.

Seeds a temporary SQLite database with one practice and --clients clients (default 500),
each sharing with it and with --events logged sessions (default 200): the events are
bulk-created and each client's summary is computed once per kind of client (a few kinds,
shifted in pain and symptoms) rather than replayed 500 times. Then requests GET /practice/
--requests times (default 50) through Django's test client, as the professional signed in
with two-factor sign-in, and prints p50 and p95; the target is a p95 under 300 ms. (That the
queries per page stay the same for 3 clients and for 30 is a test, not a benchmark.)

    python bench/caseload.py [--clients 500] [--events 200] [--requests 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from typing import Any

KINDS = 8  # kinds of client: each has its own summary, computed once
TARGET_P95_MS = 300


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
        "assessed_on": start.isoformat(),
        "tests": {
            "load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
            "strength": dict.fromkeys(STRENGTH_TESTS, 20),
        },
    }


def _log(kind: int, n: int) -> dict[str, Any]:
    """The n-th session of a client of ``kind``: most go well, some kinds hurt or leak."""
    pain = 5 if kind % 4 == 1 and n % 7 == 0 else 0
    symptoms = ["leaking"] if kind == 2 and n == 150 else []
    return {
        "kind": "strength" if n % 3 == 2 else "walk_run",
        "completed": "all" if n % 9 else "part",
        "rpe": 4,
        "pain": pain,
        "pain_settled": True if pain else None,
        "pelvic_floor_symptoms": symptoms,
    }


def seed(clients: int, events: int, today: date) -> Any:
    """The practice's owner (signed in with two-factor set up) and her clients."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from strideback.accounts.models import User
    from strideback.practice.models import Membership, Practice, Share
    from strideback.programmes import services
    from strideback.programmes.models import Event, IntakeVersion, Programme, ProgrammeSummary

    now = timezone.now()
    practice = Practice.objects.create(name="Bench Physio", country="United Kingdom")
    owner = User.objects.create(
        email="owner@bench.example", role=User.Role.PROFESSIONAL, first_name="Anna"
    )
    TOTP.activate(owner, generate_totp_secret())
    membership = Membership.objects.create(practice=practice, user=owner, role="owner")
    password = make_password(None)
    runners = User.objects.bulk_create(
        User(email=f"client{n}@bench.example", first_name=f"Client{n}", password=password)
        for n in range(clients)
    )
    start = today - timedelta(days=events + 2 * KINDS)
    answers = _answers(start)
    intakes = IntakeVersion.objects.bulk_create(
        IntakeVersion(owner=r, version=1, answers=answers, completed_at=now) for r in runners
    )
    protocol = services.catalog().default_protocol
    programmes = Programme.objects.bulk_create(
        Programme(
            owner=r,
            intake=i,
            protocol_id=protocol.id,
            protocol_version=protocol.version,
            start=start,
            created_at=now,
        )
        for r, i in zip(runners, intakes, strict=True)
    )
    Share.objects.bulk_create(
        Share(practice=practice, runner=r, clinician=membership if n % 2 else None)
        for n, r in enumerate(runners)
    )
    for index, (runner, programme) in enumerate(zip(runners, programmes, strict=True)):
        kind = index % KINDS
        Event.objects.bulk_create(
            (
                Event(
                    programme=programme,
                    type="session",
                    day=start + timedelta(days=n + 2 * kind),
                    data=_log(kind, n),
                    recorded_at=now,
                    recorded_by=runner,
                    public_id=f"b{index:05d}e{n:05d}",
                )
                for n in range(events)
            ),
            batch_size=1000,
        )
    summaries = {}
    for kind in range(min(KINDS, clients)):
        summaries[kind] = services.summary_as_of(programmes[kind], today)
    ProgrammeSummary.objects.bulk_create(
        ProgrammeSummary(
            programme=p,
            **services.summary_fields(summaries[n % KINDS]),
        )
        for n, p in enumerate(programmes)
    )
    return owner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--requests", type=int, default=50)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        _setup(data_dir)
        from django.test import Client
        from django.utils import timezone

        began = time.perf_counter()
        owner = seed(options.clients, options.events, timezone.localdate())
        seeded = time.perf_counter() - began
        print(f"seeded {options.clients} clients of {options.events} events each in {seeded:.1f} s")
        client = Client()
        client.force_login(owner)
        first = client.get("/practice/")  # any summary still to rebuild is rebuilt here
        assert first.status_code == 200, first.status_code
        samples = []
        for _ in range(options.requests):
            began = time.perf_counter()
            response = client.get("/practice/")
            samples.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        ordered = sorted(samples)
        p95 = ordered[max(0, round(len(ordered) * 0.95) - 1)]
        verdict = "within" if p95 < TARGET_P95_MS else "OVER"
        print(
            f"{'GET /practice/ (' + str(options.clients) + ' clients)':<34} "
            f"p50 {statistics.median(samples):8.2f} ms   p95 {p95:8.2f} ms   "
            f"(n={len(samples)}; {verdict} the {TARGET_P95_MS} ms target)"
        )


if __name__ == "__main__":
    main()
