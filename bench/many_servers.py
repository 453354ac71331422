"""The many-server job: two `strideback serve` app servers behind nginx on one PostgreSQL
database, one of them killed (SIGKILL) in the middle of a logging load.

    STRIDEBACK_DATABASE_URL=postgresql://... python bench/many_servers.py [--seconds 20]

Starts both servers at the same moment (same secret key and database, each its own data
directory, as two machines would have; they migrate under the lock, once), writes a
temporary nginx.conf with an upstream of both (`proxy_next_upstream error timeout http_502`)
and runs Debian's nginx as a foreground child with its own prefix, pid and logs. Then checks:

- sessions made on one server work on the other, and a CSRF token from one is good on the
  other (straight to each server's port);
- the limit on wrong passwords counts across both (tries split between the two trip it);
- runners signed in through nginx with the sign-in form (real session, CSRF token);
- a logging load through nginx (Python threads posting the Today log form, each runner
  once), with one app server's whole process group killed part-way: every log a server
  acknowledged (its redirect names the entry) is in the database, none twice; the runners
  signed in before the kill still reach their Today page through nginx; /healthz through
  nginx still answers 200.

Prints a short report and exits 1 when a check fails, 2 without nginx; without a
PostgreSQL STRIDEBACK_DATABASE_URL it says so and exits 0 (nothing to prove on SQLite:
one machine). Each run adds its own runners (bench-<random>-...@example.com) and leaves them.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import queue
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import web as single  # the one-server bench: seeding, start, stop

HOST = "127.0.0.1"
PASSWORD = single.PASSWORD
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WRONG_PASSWORDS_PER_ADDRESS = 5  # ACCOUNT_RATE_LIMITS["login_failed"]: 5/5m/key

NGINX_CONF = """
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
daemon off;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    upstream strideback {{
        server {host}:{first} max_fails=1 fail_timeout=10s;
        server {host}:{second} max_fails=1 fail_timeout=10s;
        keepalive 16;
    }}
    server {{
        listen {host}:{port};
        location / {{
            proxy_pass http://strideback;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # A server that is down (refused, timed out, or a 502): the next one. A POST already
            # sent to a server that dies is not sent again (it may have been saved).
            proxy_next_upstream error timeout http_502;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
            proxy_max_temp_file_size 0;
            proxy_buffers 16 16k;
        }}
    }}
}}
"""


class Failed(Exception):
    """A check that did not hold."""


# ---------------------------------------------------------------------------------------
# A browser: one keep-alive connection, a cookie jar.


@dataclass
class Browser:
    port: int
    jar: dict[str, str] = field(default_factory=dict)
    connection: http.client.HTTPConnection | None = None
    # Its own client address, so that one check's tries never count against another's (nor
    # against an earlier run's: the counts live in the database for their five minutes).
    address: str = field(
        default_factory=lambda: "10." + ".".join(str(b) for b in secrets.token_bytes(3))
    )

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, port: int | None = None
    ) -> tuple[int, dict[str, str], str]:
        """One request (to ``port`` when given, else the browser's own); (status, headers,
        body). Cookies set by the answer go into the jar."""
        target = port or self.port
        if self.connection is None or self.connection.port != target:
            if self.connection is not None:
                self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, target, timeout=30)
        headers = {
            # The same site name to every server, as nginx passes the browser's on: allauth
            # counts the tries at an address per site name (with the port).
            "Host": HOST,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.jar.items()),
            # The servers trust one proxy (STRIDEBACK_BEHIND_PROXY) for the client's address:
            # straight to a server this is it; through nginx, nginx adds its own after it.
            "X-Forwarded-For": self.address,
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies: SimpleCookie = SimpleCookie()
            cookies.load(header)
            self.jar.update({name: morsel.value for name, morsel in cookies.items()})
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def token(self, path: str, port: int | None = None) -> str:
        status, _, page = self.request("GET", path, port=port)
        found = TOKEN.search(page)
        if status != 200 or found is None:
            raise Failed(f"GET {path} gave {status} without a CSRF token")
        return found[1]

    def sign_in(self, email: str, password: str = PASSWORD, port: int | None = None) -> int:
        form = {"csrfmiddlewaretoken": self.token("/accounts/login/", port), "login": email}
        status, _, _ = self.request(
            "POST", "/accounts/login/", {**form, "password": password}, port
        )
        return status

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


# ---------------------------------------------------------------------------------------
# The processes.


def start_nginx(
    nginx: str, work: Path, port: int, upstreams: tuple[int, int]
) -> subprocess.Popen[bytes]:
    conf = work / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(work=work, host=HOST, port=port, first=upstreams[0], second=upstreams[1])
    )
    process = subprocess.Popen(
        [nginx, "-p", str(work), "-e", str(work / "nginx-error.log"), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=(work / "nginx-stderr.log").open("w"),
        start_new_session=True,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {(work / 'nginx-stderr.log').read_text()}")
        with contextlib.suppress(OSError):
            http.client.HTTPConnection(HOST, port, timeout=1).connect()
            return process
        time.sleep(0.1)
    raise RuntimeError("nginx did not start in 10 s")


def start_servers(
    envs: list[dict[str, str]], work: Path
) -> list[tuple[subprocess.Popen[str], int]]:
    """Both servers at the same moment (each migrates under the lock); once both listen."""
    ports = [single._free_port() for _ in envs]
    started: list[tuple[subprocess.Popen[str], int]] = []
    errors: list[BaseException] = []

    def start(env: dict[str, str], port: int, n: int) -> None:
        try:
            started.append((single.start_server(env, port, work / f"server-{n}.log"), port))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [
        threading.Thread(target=start, args=(env, port, n))
        for n, (env, port) in enumerate(zip(envs, ports, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        for server, _ in started:
            single.stop_server(server)
        raise errors[0]
    return sorted(started, key=lambda pair: ports.index(pair[1]))


# ---------------------------------------------------------------------------------------
# The checks.


def check_sessions_and_csrf_across(email: str, first: int, second: int) -> list[str]:
    """Sign in on the first server, use the session and its CSRF token on the second."""
    browser = Browser(first)
    try:
        token = browser.token("/accounts/login/")  # the CSRF cookie and token from the first
        form = {"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD}
        status, _, _ = browser.request("POST", "/accounts/login/", form, port=second)
        if status != 302 or "sessionid" not in browser.jar:
            raise Failed(f"a CSRF token from one server was refused by the other ({status})")
        status, _, page = browser.request("GET", "/today/", port=first)
        if status != 200 or 'action="/today/log/"' not in page:
            raise Failed(f"a session made on one server did not work on the other ({status})")
        return [
            "CSRF token from server 1 signs in on server 2: ok (302)",
            "session made on server 2 opens Today on server 1: ok (200)",
        ]
    finally:
        browser.close()


def wrong_tries_until_limited(email: str, ports: tuple[int, ...]) -> int:
    """Wrong passwords for one address, to each of ``ports`` in turn, until one is answered
    429; how many were answered before it (the form again, 400)."""
    browser = Browser(ports[0])
    try:
        for attempt in range(3 * WRONG_PASSWORDS_PER_ADDRESS):
            status = browser.sign_in(email, "not her password at all", ports[attempt % len(ports)])
            if status == 429:
                return attempt
            if status != 400:
                raise Failed(f"a wrong password gave {status}, not 400 or 429")
    finally:
        browser.close()
    raise Failed(f"{3 * WRONG_PASSWORDS_PER_ADDRESS} wrong passwords were never limited")


def check_throttle_across(one: str, other: str, first: int, second: int) -> str:
    """The limit on wrong passwords for an address trips as soon with the tries split
    between both servers as with every try on one."""
    alone = wrong_tries_until_limited(one, (first,))
    split = wrong_tries_until_limited(other, (first, second))
    if split != alone or alone > WRONG_PASSWORDS_PER_ADDRESS:
        raise Failed(
            f"wrong passwords were limited after {alone} on one server but {split} split "
            "across both: the servers do not share their counts"
        )
    return (
        f"wrong passwords for one address: limited (429) after {alone} on one server, and "
        f"after {split} split across both: ok"
    )


@dataclass
class Load:
    """The outcome of the logging load."""

    latencies: list[float] = field(default_factory=list)
    acknowledged: dict[int, str] = field(default_factory=dict)  # runner -> the entry's id
    failed: dict[int, str] = field(default_factory=dict)  # runner -> what went wrong
    statuses: dict[int, int] = field(default_factory=dict)
    during_kill: int = 0  # failures in the two seconds after the kill
    killed_at: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def logging_load(
    port: int,
    loggers: list[tuple[str, str]],
    seconds: float,
    threads: int,
    kill_after: float,
    kill: Callable[[], None],
) -> Load:
    """Post the Today log form for one runner after another (each once) from ``threads``
    threads through nginx for ``seconds``; ``kill`` is called ``kill_after`` seconds in."""
    load = Load()
    work: queue.Queue[int] = queue.Queue()
    for n in range(len(loggers)):
        work.put(n)
    began = time.monotonic()
    stop = began + seconds

    def post() -> None:
        browser = Browser(port)
        try:
            while time.monotonic() < stop:
                try:
                    n = work.get_nowait()
                except queue.Empty:
                    return
                cookie, token = loggers[n]
                browser.jar = dict(part.split("=", 1) for part in cookie.split("; "))
                form = {**{k: str(v) for k, v in single.LOG_FIELDS.items() if v != []}}
                form["csrfmiddlewaretoken"] = token
                sent = time.monotonic()
                try:
                    status, headers, _ = browser.request("POST", "/today/log/", form)
                except (OSError, http.client.HTTPException) as error:
                    status, headers, problem = 0, {}, type(error).__name__
                else:
                    problem = f"HTTP {status}"
                took = time.monotonic() - sent
                logged = re.search(r"[?&]logged=([A-Za-z0-9_-]+)", headers.get("location", ""))
                with load.lock:
                    load.latencies.append(took)
                    load.statuses[status] = load.statuses.get(status, 0) + 1
                    if status in (301, 302, 303) and logged:
                        load.acknowledged[n] = logged[1]
                    else:
                        load.failed[n] = problem
                        if load.killed_at is not None and sent - load.killed_at < 2:
                            load.during_kill += 1
        finally:
            browser.close()

    def killer() -> None:
        time.sleep(kill_after)
        with load.lock:
            load.killed_at = time.monotonic()
        kill()

    workers = [threading.Thread(target=post) for _ in range(threads)]
    assassin = threading.Thread(target=killer, daemon=True)
    assassin.start()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assassin.join()
    return load


def stored_entries(database_url: str, ids: list[str]) -> tuple[set[str], int]:
    """Which of these entry ids are in the database; and how many runners of this run have
    more than one session logged today (a log saved twice)."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        found = {
            row[0]
            for row in connection.execute(
                "SELECT public_id FROM programmes_event WHERE public_id = ANY(%s)", [ids]
            )
        }
        (twice,) = connection.execute(
            "SELECT COUNT(*) FROM (SELECT e.programme_id FROM programmes_event e "
            "WHERE e.public_id = ANY(%s) GROUP BY e.programme_id, e.day "
            "HAVING COUNT(*) > 1) AS doubled",
            [ids],
        ).fetchone()
    return found, int(twice)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0


# ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def temporary_folder() -> Iterator[Path]:
    work = Path(tempfile.mkdtemp(prefix="strideback-servers-"))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def say(*lines: str) -> None:
    for line in lines:
        print(line, flush=True)


def run(args: argparse.Namespace, database_url: str, nginx: str) -> None:
    """The job, printing its report as it goes. Raises Failed when a check does not hold."""
    began = time.perf_counter()
    processes: list[subprocess.Popen[str]] = []
    proxy: subprocess.Popen[bytes] | None = None
    with temporary_folder() as work:
        try:
            secret = secrets.token_urlsafe(50)
            prefix = f"bench-{secrets.token_hex(4)}"
            base = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "strideback.web.settings",
                "STRIDEBACK_DATABASE_URL": database_url,
                "STRIDEBACK_SECRET_KEY": secret,
                "STRIDEBACK_BEHIND_PROXY": "1",
            }
            seeded = subprocess.run(
                [
                    sys.executable,
                    single.__file__,
                    "--seed",
                    "--runners",
                    str(args.runners),
                    "--log-runners",
                    str(args.log_runners),
                    "--prefix",
                    prefix,
                ],
                env={**base, "STRIDEBACK_DATA_DIR": str(work)},
                capture_output=True,
                text=True,
                check=False,
            )
            if seeded.returncode != 0:
                raise RuntimeError(f"seeding failed:\n{seeded.stdout}{seeded.stderr}")
            say(seeded.stdout.strip())

            step = time.perf_counter()
            envs = []
            for n in (1, 2):
                (work / f"server-{n}").mkdir()
                envs.append({**base, "STRIDEBACK_DATA_DIR": str(work / f"server-{n}")})
            servers = start_servers(envs, work)
            processes = [server for server, _ in servers]
            first, second = (port for _, port in servers)
            port = single._free_port()
            proxy = start_nginx(nginx, work, port, (first, second))
            say(
                f"two app servers (ports {first}, {second}; --workers 2) started together and "
                f"nginx on {port} in front: {time.perf_counter() - step:.1f} s"
            )

            readers = [f"{prefix}-r{n:04d}@example.com" for n in range(args.runners)]
            say(*check_sessions_and_csrf_across(readers[0], first, second))
            say(check_throttle_across(readers[1], readers[2], first, second))

            step = time.perf_counter()
            signed_in: list[Browser] = []
            for email in readers[3 : 3 + args.signed_in]:
                browser = Browser(port)
                status = browser.sign_in(email)
                if status != 302:
                    raise Failed(f"signing in {email} through nginx gave {status}")
                signed_in.append(browser)
            say(
                f"signed in {len(signed_in)} runners through nginx with the sign-in form: "
                f"{time.perf_counter() - step:.1f} s"
            )

            loggers = [
                (cookie, token)
                for cookie, token in (
                    line.split("\t")
                    for line in (work / "log-sessions.tsv").read_text().splitlines()
                )
            ]
            victim = processes[0]

            def kill() -> None:
                os.killpg(victim.pid, signal.SIGKILL)  # the master and its workers at once

            load = logging_load(port, loggers, args.seconds, args.threads, args.seconds * 0.4, kill)
            victim.wait()
            requests = len(load.latencies)
            ids = list(load.acknowledged.values())
            found, twice = stored_entries(database_url, ids)
            lost = len(set(ids) - found)
            codes = ", ".join(
                f"{code or 'no answer'}: {n}" for code, n in sorted(load.statuses.items())
            )
            say(
                f"logging load through nginx: {args.threads} threads, {args.seconds:.0f} s, "
                f"server 1 killed (SIGKILL) at {args.seconds * 0.4:.0f} s",
                f"  requests {requests} ({requests / args.seconds:.0f}/s)  acknowledged "
                f"{len(ids)}  lost {lost}  saved twice {twice}  failed {len(load.failed)} "
                f"({load.during_kill} within 2 s of the kill)   [{codes}]",
                f"  latency p50 {percentile(load.latencies, 0.5):.0f} ms  "
                f"p95 {percentile(load.latencies, 0.95):.0f} ms  "
                f"max {max(load.latencies, default=0) * 1000:.0f} ms",
            )
            if requests == 0 or not ids:
                raise Failed("the load logged nothing")
            if lost:
                raise Failed(f"{lost} acknowledged logs are not in the database")
            if twice:
                raise Failed(f"{twice} logs were saved twice")
            if load.killed_at is None:
                raise Failed("the load ended before the kill: raise --log-runners")
            if len(load.failed) > max(2 * args.threads, requests // 20):
                raise Failed(
                    f"{len(load.failed)} logs failed: more than the few in flight at the kill"
                )

            alive = 0
            for browser in signed_in:
                status, _, page = browser.request("GET", "/today/")
                alive += status == 200 and "<h1" in page
                browser.close()
            if alive != len(signed_in):
                raise Failed(f"only {alive} of {len(signed_in)} sessions work after the kill")
            say(
                f"after the kill: {alive} of {len(signed_in)} signed-in runners open Today "
                "through nginx (sessions made on either server): ok"
            )
            status, _, body = Browser(port).request("GET", "/healthz")
            if status != 200:
                raise Failed(f"/healthz through nginx gave {status} after the kill")
            say(f"/healthz through nginx after the kill: {status} {body.strip()}")
        finally:
            if proxy is not None and proxy.poll() is None:
                proxy.send_signal(signal.SIGQUIT)  # nginx's graceful stop
                try:
                    proxy.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proxy.kill()
                    proxy.wait()
            for server in processes:
                single.stop_server(server)
    say(f"whole run: {time.perf_counter() - began:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20, help="length of the logging load")
    parser.add_argument("--threads", type=int, default=8, help="threads posting logs")
    parser.add_argument("--runners", type=int, default=24, help="runners to sign in with forms")
    parser.add_argument("--log-runners", type=int, default=3000, help="runners who log once")
    args = parser.parse_args()
    args.signed_in = max(0, args.runners - 3)
    url = os.environ.get("STRIDEBACK_DATABASE_URL", "").strip()
    if not url.startswith(("postgresql://", "postgres://")):
        print(
            "bench/many_servers.py: skipped: set STRIDEBACK_DATABASE_URL to a PostgreSQL "
            "database (several app servers share one; SQLite is for one machine)."
        )
        return
    nginx = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )
    if nginx is None:
        print("bench/many_servers.py: install nginx (apt-get install nginx-light)", file=sys.stderr)
        raise SystemExit(2)
    for stop in (signal.SIGTERM, signal.SIGHUP):  # stopped from outside: still clean up
        signal.signal(stop, single._interrupted)
    print(f"database: {single._database_label()}")
    try:
        run(args, url, nginx)
    except Failed as failure:
        print(f"FAILED: {failure}")
        raise SystemExit(1) from None
    print("every check held")


if __name__ == "__main__":
    main()
