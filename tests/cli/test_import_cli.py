"""`strideback import`: watch files read and matched to her plan as the web app does, the
entries printed in the events format that `strideback plan --events` reads back."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from strideback.core.catalog import load_catalog
from strideback.core.intake import load_intake
from strideback.core.programme import plan_for
from tests.cli.test_cli import READY, assert_bad_input, assert_ok, run
from tests.conftest import TODAY
from tests.support.watchfiles import walk_run_fit

STAGE_ONE = [("walk", 300)] + [("run", 60), ("walk", 90)] * 8 + [("walk", 210)]


def first_run_day() -> datetime:
    intake = load_intake(READY, TODAY)
    plan = plan_for(intake, load_catalog())
    day = next(s.date for s in plan.sessions if s.kind == "walk_run")
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


def test_a_run_is_matched_to_her_plan_and_replays_with_it(tmp_path: Path) -> None:
    started = first_run_day()
    fit = tmp_path / "run.fit"
    fit.write_bytes(walk_run_fit(started, STAGE_ONE))
    today = started.date().isoformat()
    result = run("import", fit, "--intake", READY, "--today", today)
    assert_ok(result)
    [entry] = json.loads(result.stdout)["events"]
    assert (entry["type"], entry["kind"], entry["answered"]) == ("session", "walk_run", False)
    assert [b["activity"] for b in entry["watch"]["bouts"]].count("run") == 8

    events = tmp_path / "events.json"
    events.write_text(result.stdout)
    again = run("import", fit, "--intake", READY, "--events", events, "--today", today)
    assert_ok(again)
    assert json.loads(again.stdout) == {"events": []}
    assert "brought in before" in again.stderr

    plan = run("plan", READY, "--events", events, "--format", "json", "--today", today)
    assert_ok(plan)
    decisions = json.loads(plan.stdout)["decisions"]
    assert decisions[-1]["decision"] == "repeat"
    assert "watch_symptoms_unanswered" in [r["rule"] for r in decisions[-1]["reasons"]]


def test_without_her_intake_each_file_is_kept_matched_to_no_session(tmp_path: Path) -> None:
    fit = tmp_path / "run.fit"
    fit.write_bytes(walk_run_fit(first_run_day(), STAGE_ONE))
    result = run("import", fit)
    assert_ok(result)
    [entry] = json.loads(result.stdout)["events"]
    assert (entry["type"], entry["why"]) == ("activity", "no_session")


def test_a_file_that_cannot_be_read_exits_2_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "ride.fit"
    bad.write_bytes(walk_run_fit(first_run_day(), STAGE_ONE, sport="cycling"))
    assert_bad_input(run("import", bad), "ride.fit", "cycling")
    assert_bad_input(run("import", tmp_path / "missing.fit"), "missing.fit", "could not be read")
    assert_bad_input(run("import", bad, "--events", bad), "--events", "--intake")
