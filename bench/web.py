"""Benchmark: the real `strideback serve` under load on loopback, measured with wrk.

Seeds a database with runners four weeks into a programme, each with a session due today (a
temporary SQLite file, or the database STRIDEBACK_DATABASE_URL names), starts
`strideback serve --workers 2`, then runs wrk for each page and prints requests/s, p50 and
p99 latency and error counts (responses other than 2xx/3xx, and socket errors):

- GET /today/ and GET /progress/ cycle through --signed-in runners (default 50) signed in
  over HTTP, as a browser does (login page, CSRF token, credentials, session cookie).
- POST /today/log/ logs today's session. A runner can log one session a day (a second is
  refused with 400), so every POST goes to a different runner from a pool of --log-runners
  (default 500 per second of --seconds) whose sessions the seeding step writes straight
  into the session store. The 302 that follows a log is counted, not followed.

    python bench/web.py [--seconds 10] [--runners 200] [--signed-in 50] [--connections 16]

Needs wrk (`apt-get install wrk`); exits 2 without it. On PostgreSQL each run adds its own
runners (emails bench-<random>-...@example.com) and leaves them there.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import http.client
import os
import queue
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

PASSWORD = "a long walk by the sea"
LOGGED_SESSIONS = 8  # per runner, over the four weeks before today
PROGRAMME_WEEKS = 4
LOG_FIELDS = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []}
HOST = "127.0.0.1"
WRK_THREADS = 2


# ---------------------------------------------------------------------------------------
# Seeding: runs in a subprocess (`bench/web.py --seed`) with the server's settings.


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
    """A start about four weeks ago, and the sessions to log, such that today has a session
    to log once they are logged (checked with the same plan_for the pages use)."""
    from strideback.core.programme import session_due
    from strideback.programmes import services as programmes
    from strideback.programmes.models import Event, IntakeVersion, Programme

    protocol = programmes.catalog().default_protocol
    for shift in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
        start = today - timedelta(weeks=PROGRAMME_WEEKS) + timedelta(days=shift)
        intake = programmes.intake_from(_answers(start), start)
        programme = Programme(
            intake=IntakeVersion(answers=intake.model_dump(mode="json")),
            protocol_id=protocol.id,
            protocol_version=protocol.version,
            start=start,
        )
        events: list[Event] = []
        due = 0
        for offset in range((today - start).days):
            day = start + timedelta(days=offset)
            session = session_due(programmes.plan_for(programme, events, day), day)
            if session is None:
                continue
            if due % 2 == 0 and len(events) < LOGGED_SESSIONS:  # every other one: some missed
                events.append(
                    Event(type="session", day=day, data={**LOG_FIELDS, "kind": session.kind})
                )
            due += 1
        now = session_due(programmes.plan_for(programme, events, today), today)
        if now is not None and now.kind != "retest":
            return start, [(event.day, event.data["kind"]) for event in events]
    raise SystemExit("bench/web.py --seed: no start date near four weeks ago has a session today")


def _clone(template: Any, users: list[Any]) -> None:
    """Give each user a copy of the template runner's intake, programme and events."""
    from strideback.programmes.models import Event, IntakeVersion, Programme

    intake = IntakeVersion.objects.get(owner=template)
    programme = Programme.objects.get(owner=template)
    events = list(Event.objects.filter(programme=programme).order_by("id"))
    intakes = IntakeVersion.objects.bulk_create(
        IntakeVersion(
            owner=user,
            version=intake.version,
            answers=intake.answers,
            created_at=intake.created_at,
            updated_at=intake.updated_at,
            completed_at=intake.completed_at,
        )
        for user in users
    )
    programmes = Programme.objects.bulk_create(
        Programme(
            owner=user,
            intake=copy,
            protocol_id=programme.protocol_id,
            protocol_version=programme.protocol_version,
            start=programme.start,
            created_at=programme.created_at,
        )
        for user, copy in zip(users, intakes, strict=True)
    )
    Event.objects.bulk_create(
        (
            Event(
                programme=copy,
                type=event.type,
                day=event.day,
                data=event.data,
                recorded_at=event.recorded_at,
                recorded_by=user,
            )
            for user, copy in zip(users, programmes, strict=True)
            for event in events
        ),
        batch_size=1000,
    )


def _mint_sessions(users: list[Any]) -> list[tuple[str, str]]:
    """A signed-in session for each user, made directly in the session store (no Argon2
    check per user): (Cookie header, CSRF token) pairs."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    store = SessionStore()
    expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    rows, pairs = [], []
    for user in users:
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        csrf = get_random_string(32)  # the cookie's secret; Django accepts it unmasked as the token
        pairs.append((f"sessionid={key}; csrftoken={csrf}", csrf))
    Session.objects.bulk_create(rows, batch_size=1000)
    return pairs


def seed(runners: int, log_runners: int, prefix: str) -> None:
    """Migrate; make one runner through the services (a programme started about four weeks
    ago, sessions logged on past days) and copy her to ``runners`` readers
    (``<prefix>-rNNNN@example.com``, signed in later over HTTP) and ``log_runners`` loggers
    (``<prefix>-lNNNN``), whose sessions are written to STRIDEBACK_DATA_DIR/log-sessions.tsv."""
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from strideback.accounts.models import User
    from strideback.core.programme import session_due
    from strideback.programmes import services as programmes
    from strideback.programmes.lookups import current_programme_for, events_for
    from strideback.tracking import services as tracking

    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    today = timezone.localdate()
    start, logs = _pick_start(today)
    hashed = make_password(PASSWORD)  # one Argon2 hash shared by every runner
    readers = [f"{prefix}-r{n:04d}@example.com" for n in range(runners)]
    loggers = [f"{prefix}-l{n:04d}@example.com" for n in range(log_runners)]
    with transaction.atomic():
        User.objects.bulk_create(User(email=email, password=hashed) for email in readers + loggers)
        users = {u.email: u for u in User.objects.filter(email__startswith=f"{prefix}-")}
        # Their addresses checked, as after the code she is mailed at sign-up.
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=email, verified=True, primary=True)
            for email, user in users.items()
        )
        template = users[readers[0]]
        programme = programmes.start_programme(template, _answers(start), start, _evening(start))
        for day, kind in logs:
            tracking.log_session(template, programme, kind, LOG_FIELDS, day, _evening(day))
        _clone(template, [users[e] for e in readers[1:] + loggers])
        pairs = _mint_sessions([users[e] for e in loggers])
    (Path(settings.DATA_DIR) / "log-sessions.tsv").write_text(
        "".join(f"{cookie}\t{token}\n" for cookie, token in pairs)
    )
    # Check the last runner as the today page will see her: a session to log today.
    last = User.objects.get(email=(readers + loggers)[-1])
    found = current_programme_for(last)
    assert found is not None
    session = session_due(programmes.plan_for(found, list(events_for(found)), today), today)
    if session is None:
        raise SystemExit("bench/web.py --seed: the seeded runners have no session to log today")
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"seeded {runners} + {log_runners} runners on {engine} in "
        f"{time.perf_counter() - began:.1f} s: programme from {start}, {len(logs)} sessions "
        f"logged each, today ({today}) {session.kind}"
    )


# ---------------------------------------------------------------------------------------
# The server.


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _serve_command(port: int) -> list[str]:
    script = Path(sys.executable).parent / "strideback"
    command = [str(script)] if script.exists() else [shutil.which("strideback") or ""]
    if not command[0]:
        command = [sys.executable, "-c", "from strideback.cli import main; main()"]
    return [*command, "serve", "--host", HOST, "--port", str(port), "--workers", "2"]


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[str]:
    """Start `strideback serve` in its own process group; return once it accepts connections."""
    server = subprocess.Popen(
        _serve_command(port),
        env=env,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def drain() -> None:
        assert server.stdout is not None
        for line in server.stdout:
            lines.put(line)

    threading.Thread(target=drain, daemon=True).start()
    deadline = time.monotonic() + 120
    announced = False
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"strideback serve exited ({server.returncode}):\n{log.read_text()}")
        if not announced:
            with contextlib.suppress(queue.Empty):
                announced = "running at" in lines.get(timeout=0.2)
            continue
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"strideback serve did not start in 120 s:\n{log.read_text()}")


def stop_server(server: subprocess.Popen[str]) -> None:
    """SIGTERM to the gunicorn master (a graceful stop); SIGKILL its group after 20 s."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    with contextlib.suppress(ProcessLookupError):  # any worker left by a master that died first
        os.killpg(server.pid, signal.SIGKILL)


# ---------------------------------------------------------------------------------------
# Signing in over HTTP.


@dataclass(frozen=True)
class SignedIn:
    email: str
    cookie: str  # the Cookie header: sessionid and csrftoken
    token: str  # the csrfmiddlewaretoken from her today page


_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _exchange(
    connection: http.client.HTTPConnection,
    method: str,
    path: str,
    jar: dict[str, str],
    form: dict[str, str] | None = None,
) -> tuple[int, str]:
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies = SimpleCookie()
        cookies.load(header)
        jar.update({name: morsel.value for name, morsel in cookies.items()})
    return response.status, text


def sign_in(port: int, email: str) -> SignedIn:
    """Sign in as a browser would, then read her today page for its form's CSRF token."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    jar: dict[str, str] = {}
    try:
        status, page = _exchange(connection, "GET", "/accounts/login/", jar)
        found = _TOKEN.search(page)
        if status != 200 or found is None:
            raise RuntimeError(f"GET /accounts/login/ gave {status} without a CSRF token")
        form = {"csrfmiddlewaretoken": found[1], "login": email, "password": PASSWORD}
        status, _ = _exchange(connection, "POST", "/accounts/login/", jar, form)
        if status != 302 or "sessionid" not in jar:
            raise RuntimeError(f"signing in {email} gave {status}, not a redirect with a session")
        status, page = _exchange(connection, "GET", "/today/", jar)
        found = _TOKEN.search(page)
        if status != 200 or found is None or 'action="/today/log/"' not in page:
            raise RuntimeError(f"{email}: /today/ gave {status} without a session to log")
    finally:
        connection.close()
    cookie = f"sessionid={jar['sessionid']}; csrftoken={jar['csrftoken']}"
    return SignedIn(email, cookie, found[1])


# ---------------------------------------------------------------------------------------
# wrk.

LUA = r"""
local runners = {
%(runners)s
}
local method, path, base = "%(method)s", "%(path)s", "%(base)s"
local step = %(threads)d
local threads = {}
local number = 0

function setup(thread)
  thread:set("first", #threads)
  table.insert(threads, thread)
end

function init(args)
  position = first -- each thread walks its own runners: first, first + step, ...
  statuses = {}
  repeats = 0 -- requests for a runner this thread has had before (after going round)
end

function request()
  if position >= #runners then
    repeats = repeats + 1
  end
  local runner = runners[position %% #runners + 1]
  position = position + step
  local headers = { ["Cookie"] = runner[1] }
  if method == "GET" then
    return wrk.format("GET", path, headers)
  end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Referer"] = base .. "/today/"
  local body = "completed=all&rpe=4&pain=0&csrfmiddlewaretoken=" .. runner[2]
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts, repeats = {}, 0
  for _, thread in ipairs(threads) do
    repeats = repeats + thread:get("repeats")
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format("%%d:%%d", status, n))
  end
  table.sort(parts)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%%d seconds=%%.3f p50_ms=%%.3f p99_ms=%%.3f non2xx3xx=%%d " ..
    "connect=%%d read=%%d write=%%d timeout=%%d repeats=%%d statuses=%%s\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, errors.status, errors.connect, errors.read,
    errors.write, errors.timeout, repeats, table.concat(parts, ",")))
end
"""


@dataclass(frozen=True)
class Result:
    page: str
    requests: int
    seconds: float
    p50: float
    p99: float
    bad_status: int
    socket_errors: int
    statuses: dict[int, int]
    repeats: int  # requests for a runner already used in this run (the pool went round)
    cpu_ms: float | None = None  # the server's CPU time (master and workers) per request

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def server_cpu_seconds(group: int) -> float | None:
    """User and system CPU time of the server's process group so far (Linux /proc), so a
    figure survives a busy machine; None where /proc is not there."""
    if not Path("/proc/self/stat").exists():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # gone since the listing
        fields = text[text.rindex(")") + 2 :].split()  # from field 3 (state) on
        if int(fields[2]) == group:  # field 5: the process group
            total += int(fields[11]) + int(fields[12])  # fields 14 and 15: utime, stime
    return total / tick


def run_wrk(
    wrk: str,
    work: Path,
    port: int,
    method: str,
    path: str,
    runners: list[tuple[str, str]],
    seconds: int,
    connections: int,
    verbose: bool,
) -> Result:
    table = ",\n".join(f'  {{ "{cookie}", "{token}" }}' for cookie, token in runners)
    base = f"http://{HOST}:{port}"
    script = work / f"{method.lower()}.lua"
    script.write_text(
        LUA
        % {"runners": table, "method": method, "path": path, "base": base, "threads": WRK_THREADS}
    )
    command = [
        wrk,
        f"-t{WRK_THREADS}",
        f"-c{max(connections, WRK_THREADS)}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        base + path,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if verbose:
        print(done.stdout, done.stderr, sep="")
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    fields = dict(part.split("=", 1) for part in line.split()[1:])
    statuses = {
        int(code): int(n)
        for code, n in (pair.split(":") for pair in fields["statuses"].split(",") if pair)
    }
    return Result(
        page=f"{method} {path}",
        requests=int(fields["requests"]),
        seconds=float(fields["seconds"]),
        p50=float(fields["p50_ms"]),
        p99=float(fields["p99_ms"]),
        bad_status=int(fields["non2xx3xx"]),
        socket_errors=sum(int(fields[k]) for k in ("connect", "read", "write", "timeout")),
        statuses=statuses,
        repeats=int(fields["repeats"]),
    )


def report(results: list[Result]) -> None:
    print(
        f"{'page':<18} {'requests/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'CPU ms/req':>11}   errors"
    )
    for r in results:
        errors = r.bad_status + r.socket_errors
        share = 100 * errors / r.requests if r.requests else 0.0
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(r.statuses.items()))
        cpu = f"{r.cpu_ms:11.2f}" if r.cpu_ms is not None else f"{'-':>11}"
        print(
            f"{r.page:<18} {r.rps:10.1f} {r.p50:9.2f} {r.p99:9.2f} {cpu}   "
            f"{errors} of {r.requests} ({share:.1f}%)   [{codes}]"
        )
    print(
        "CPU ms/req: the server's own CPU time (gunicorn master and workers, not the "
        "database server) per request"
    )


# ---------------------------------------------------------------------------------------


def _database_label() -> str:
    url = os.environ.get("STRIDEBACK_DATABASE_URL", "").strip()
    if not url:
        return "SQLite (temporary file)"
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or ''}{parts.path}"


def _interrupted(number: int, _frame: object) -> None:
    raise SystemExit(128 + number)


def bench(args: argparse.Namespace) -> None:
    wrk = shutil.which("wrk") or ("/usr/bin/wrk" if Path("/usr/bin/wrk").exists() else None)
    if wrk is None:
        print("bench/web.py: install wrk (apt-get install wrk)", file=sys.stderr)
        raise SystemExit(2)
    began = time.perf_counter()
    for stop in (signal.SIGTERM, signal.SIGHUP):  # stopped from outside: still clean up
        signal.signal(stop, _interrupted)
    work = Path(tempfile.mkdtemp(prefix="strideback-bench-"))
    server: subprocess.Popen[str] | None = None
    try:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "strideback.web.settings",
            "STRIDEBACK_DATA_DIR": str(work),
        }
        prefix = f"bench-{secrets.token_hex(4)}"
        print(f"database: {_database_label()}")
        seeded = subprocess.run(
            [
                sys.executable,
                __file__,
                "--seed",
                "--runners",
                str(args.runners),
                "--log-runners",
                str(args.log_runners),
                "--prefix",
                prefix,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if seeded.returncode != 0:
            raise RuntimeError(f"seeding failed:\n{seeded.stdout}{seeded.stderr}")
        print(seeded.stdout.strip())

        step = time.perf_counter()
        port = _free_port()
        server = start_server(env, port, work / "server.log")
        print(
            f"strideback serve --workers 2 on port {port}: up in {time.perf_counter() - step:.1f} s"
        )

        step = time.perf_counter()
        count = min(args.signed_in, args.runners)
        emails = [f"{prefix}-r{n:04d}@example.com" for n in range(count)]
        pool = ThreadPoolExecutor(max_workers=8)
        try:
            signed_in = [(r.cookie, r.token) for r in pool.map(lambda e: sign_in(port, e), emails)]
        finally:
            pool.shutdown(cancel_futures=True)  # on an error, do not sign the rest in first
        loggers = [
            (cookie, token)
            for cookie, token in (
                line.split("\t") for line in (work / "log-sessions.tsv").read_text().splitlines()
            )
        ]
        print(f"signed in {len(signed_in)} runners in {time.perf_counter() - step:.1f} s")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"wrk: {WRK_THREADS} threads, {args.connections} connections, "
            f"{args.seconds} s per page; {os.cpu_count()} CPUs, load average {load:.1f}\n"
        )

        results = []
        for method, path, runners in (
            ("GET", "/today/", signed_in),
            ("GET", "/progress/", signed_in),
            ("POST", "/today/log/", loggers),
        ):
            cpu_before = server_cpu_seconds(server.pid)
            result = run_wrk(
                wrk, work, port, method, path, runners, args.seconds, args.connections, args.verbose
            )
            cpu_after = server_cpu_seconds(server.pid)
            if cpu_before is not None and cpu_after is not None and result.requests:
                cpu_ms = (cpu_after - cpu_before) * 1000 / result.requests
                result = dataclasses.replace(result, cpu_ms=cpu_ms)
            results.append(result)
        report(results)
        posted = results[-1]
        logged = posted.statuses.get(302, 0)
        print(f"\nPOST /today/log/: {logged} sessions logged (302, each runner once)")
        if posted.repeats:
            print(
                f"  the {len(loggers)} log runners ran out and some had a second go: "
                f"{posted.statuses.get(400, 0)} refused (400: already logged today). "
                "Raise --log-runners."
            )
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(work, ignore_errors=True)
    print(f"whole run: {time.perf_counter() - began:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page")
    parser.add_argument("--runners", type=int, default=200, help="runners to seed")
    parser.add_argument("--signed-in", type=int, default=50, help="runners to sign in and cycle")
    parser.add_argument(
        "--log-runners",
        type=int,
        help="runners for POST /today/log/, each logging once (default: 500 x --seconds)",
    )
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("-v", "--verbose", action="store_true", help="print wrk's own output")
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--prefix", default="bench", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.log_runners is None:
        args.log_runners = 500 * args.seconds
    if args.seed:
        seed(args.runners, args.log_runners, args.prefix)
    else:
        bench(args)


if __name__ == "__main__":
    main()
