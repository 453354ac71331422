"""The command line as a runner or a professional sees it: verdicts, plans, exercises, checks.

Bad input always exits 2 with a message on stderr naming the file, the field and what is
allowed, and never a traceback.
"""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from icalendar import Calendar
from typer.testing import CliRunner, Result

from strideback.cli import app
from strideback.core.catalog import Catalog
from strideback.core.intake import Intake
from strideback.core.programme import DISCLAIMER
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
READY = EXAMPLES / "intake.yaml"
EARLY = EXAMPLES / "early.yaml"
REFER = EXAMPLES / "refer.yaml"
EVENTS = EXAMPLES / "events.yaml"
PACKAGED_EXERCISES = ROOT / "strideback" / "core" / "data" / "exercises"

# Click 8.2+ keeps stderr apart from stdout on every runner.
runner = CliRunner()


def run(*args: str | Path) -> Result:
    return runner.invoke(app, [str(arg) for arg in args])


def run_pinned(command: str, *args: str | Path) -> Result:
    """Run a command with "today" pinned, so the examples never lie in the future."""
    return run(command, *args, "--today", TODAY.isoformat())


def assert_ok(result: Result) -> None:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def assert_bad_input(result: Result, *words: str) -> None:
    """Exit 2, each of ``words`` on stderr, nothing on stdout and no traceback anywhere."""
    assert result.exit_code == 2, result.output
    for word in words:
        assert word in result.stderr, f"{word!r} not in {result.stderr!r}"
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def plan_json(*args: str | Path) -> dict[str, Any]:
    result = run_pinned("plan", *args, "--format", "json")
    assert_ok(result)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def my_exercise(exercise_id: str) -> str:
    """A packaged exercise under a new id, as a professional would start her own."""
    data = yaml.safe_load((PACKAGED_EXERCISES / "running_man_wall_push.yaml").read_text("utf-8"))
    data["id"] = exercise_id
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


# ---------------------------------------------------------------------------------------
# assess


@pytest.mark.parametrize(
    ("intake", "verdict"),
    [
        (READY, "Verdict: Ready to start running"),
        (EARLY, "Verdict: Not yet"),
        (REFER, "Verdict: See a pelvic health physiotherapist first"),
    ],
)
def test_assess_says_the_verdict_in_plain_words_and_ends_with_the_disclaimer(
    intake: Path, verdict: str
) -> None:
    result = run_pinned("assess", intake)
    assert_ok(result)
    assert verdict in result.stdout
    assert result.stdout.rstrip().endswith(DISCLAIMER)


@pytest.mark.parametrize(
    ("intake", "status", "has_run_date"),
    [(READY, "ready", True), (EARLY, "not_yet", True), (REFER, "refer", False)],
)
def test_assess_as_json_gives_the_status_reasons_with_sources_and_the_disclaimer(
    intake: Path, status: str, has_run_date: bool
) -> None:
    result = run_pinned("assess", intake, "--format", "json")
    assert_ok(result)
    verdict = json.loads(result.stdout)
    assert verdict["status"] == status
    if has_run_date:
        date.fromisoformat(verdict["earliest_run_date"])
    else:
        assert verdict["earliest_run_date"] is None
    assert verdict["reasons"]
    for reason in verdict["reasons"]:
        for key in ("rule", "source", "evidence", "message"):
            assert reason[key], f"reason without {key}: {reason}"
    assert verdict["disclaimer"] == DISCLAIMER


def test_assess_for_a_runner_not_yet_ready_names_the_earliest_day_to_run() -> None:
    verdict = json.loads(run_pinned("assess", EARLY, "--format", "json").stdout)
    text = run_pinned("assess", EARLY).stdout
    earliest = date.fromisoformat(verdict["earliest_run_date"])
    assert earliest > TODAY
    assert f"{earliest:%B} {earliest.year}" in text


# ---------------------------------------------------------------------------------------
# plan


@pytest.mark.parametrize("intake", [READY, EARLY, REFER], ids=["ready", "early", "refer"])
@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_every_plan_format_carries_the_disclaimer(fmt: str, intake: Path) -> None:
    result = run_pinned("plan", intake, "--format", fmt)
    assert_ok(result)
    assert DISCLAIMER in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout)["disclaimer"] == DISCLAIMER


@pytest.mark.parametrize("intake", [READY, EARLY, REFER], ids=["ready", "early", "refer"])
def test_the_calendar_holds_one_all_day_event_per_session_each_with_the_disclaimer(
    intake: Path,
) -> None:
    result = run_pinned("plan", intake, "--format", "ics")
    assert_ok(result)
    events = Calendar.from_ical(result.stdout).walk("VEVENT")
    sessions = plan_json(intake)["sessions"]

    assert len(events) == len(sessions)
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    starts = [event.decoded("DTSTART") for event in events]
    assert all(type(start) is date for start in starts)  # a date, not a datetime: all day
    assert sorted(start.isoformat() for start in starts) == sorted(s["date"] for s in sessions)
    for event in events:
        assert DISCLAIMER in str(event["DESCRIPTION"])


@pytest.mark.parametrize("fmt", ["text", "md", "html", "ics", "json"])
def test_plan_with_output_writes_the_file_and_prints_nothing_on_stdout(
    tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"plan.{fmt}"
    result = run_pinned("plan", READY, "--format", fmt, "-o", target)
    assert_ok(result)
    assert result.stdout == ""
    assert str(target) in result.stderr
    assert target.read_text(encoding="utf-8") == run_pinned("plan", READY, "--format", fmt).stdout


def test_a_leaking_session_in_the_events_stops_running_until_the_clearance() -> None:
    logged = yaml.safe_load(EVENTS.read_text("utf-8"))["events"]
    leaking_day = next(e["date"] for e in logged if "leaking" in e.get("pelvic_floor_symptoms", []))

    plan = plan_json(READY, "--events", EVENTS)
    decisions = plan["decisions"]
    refer = [d for d in decisions if d["decision"] == "pause_and_refer"]
    assert [d["date"] for d in refer] == [leaking_day.isoformat()]
    assert "red_pelvic_floor" in [reason["rule"] for reason in refer[0]["reasons"]]
    assert decisions[-2]["decision"] == "clearance"
    assert plan["verdict"]["status"] == "ready"
    assert plan["limits"] == ["walk_run_only"]
    assert {s["kind"] for s in plan["sessions"] if s["log"] is None and s["stage"]} == {"walk_run"}


def test_the_referral_is_explained_in_the_text_plan() -> None:
    result = run_pinned("plan", READY, "--events", EVENTS)
    assert_ok(result)
    assert "What changed and why:" in result.stdout
    assert "Running is paused. Please see a pelvic health physiotherapist" in result.stdout


def test_without_events_the_plan_has_no_step_back() -> None:
    decisions = plan_json(READY)["decisions"]
    assert "step_back" not in [d["decision"] for d in decisions]


@pytest.mark.parametrize("start", ["2026-11-10", "2026-11-12"])
def test_start_moves_the_first_session_to_that_day(start: str) -> None:
    default = json.loads(run("plan", READY, "--format", "json", "--today", "2026-11-07").stdout)
    moved = json.loads(
        run("plan", READY, "--start", start, "--format", "json", "--today", start).stdout
    )
    assert moved["start"] == start
    # Her first session: the first of her training days from the new start.
    first = date.fromisoformat(moved["sessions"][0]["date"])
    her_days = yaml.safe_load(READY.read_text())["training_days"]
    assert first.strftime("%a").lower() in her_days
    assert date.fromisoformat(start) <= first < date.fromisoformat(start) + timedelta(days=7)
    assert default["sessions"][0]["date"] < start


# ---------------------------------------------------------------------------------------
# bad input


def test_a_missing_intake_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert_bad_input(run_pinned("assess", missing), str(missing), "not found")


def test_a_yaml_syntax_error_names_the_file_and_the_line(tmp_path: Path) -> None:
    intake = write(tmp_path / "intake.yaml", "birth_date: 2026-08-01\ndelivery: vaginal: yes\n")
    assert_bad_input(run_pinned("assess", intake), str(intake), "not valid YAML", "line 2")


def test_an_unknown_key_is_named_with_every_key_allowed(tmp_path: Path) -> None:
    intake = write(tmp_path / "intake.yaml", "birth_date: 2026-08-01\ncolour: blue\n")
    assert_bad_input(
        run_pinned("assess", intake),
        str(intake),
        "colour",
        "Allowed here",
        *Intake.model_fields,
    )


def test_an_unknown_delivery_is_named_with_the_deliveries_allowed(tmp_path: Path) -> None:
    intake = write(tmp_path / "intake.yaml", "birth_date: 2026-08-01\ndelivery: natural\n")
    assert_bad_input(
        run_pinned("assess", intake),
        str(intake),
        "delivery",
        "'natural'",
        "'vaginal'",
        "'assisted_vaginal'",
        "'caesarean'",
    )


@pytest.mark.parametrize("command", ["assess", "plan"])
def test_a_birth_date_after_the_assessment_day_is_refused(tmp_path: Path, command: str) -> None:
    intake = write(tmp_path / "intake.yaml", "birth_date: 2026-11-15\nassessed_on: 2026-11-01\n")
    assert_bad_input(
        run_pinned(command, intake),
        str(intake),
        "birth_date",
        "2026-11-15",
        "on or before",
    )


@pytest.mark.parametrize("start", ["2026-13-01", "next monday", "07/11/2026"])
def test_a_start_that_is_not_a_date_says_how_to_write_one(start: str) -> None:
    assert_bad_input(run_pinned("plan", READY, "--start", start), "--start", start, "YYYY-MM-DD")


def test_a_start_before_the_birth_is_refused() -> None:
    birth = yaml.safe_load(READY.read_text("utf-8"))["birth_date"]
    assert_bad_input(
        run_pinned("plan", READY, "--start", "2026-07-01"),
        "--start",
        "2026-07-01",
        f"birth date ({birth})",
        "on or after",
    )


def test_an_event_dated_before_the_programme_starts_is_refused(tmp_path: Path) -> None:
    events = write(
        tmp_path / "events.yaml",
        "events:\n  - {type: session, date: 2026-11-01, kind: walk_run, completed: all}\n",
    )
    assert_bad_input(
        run_pinned("plan", READY, "--events", events),
        str(events),
        "events[0].date",
        "2026-11-01",
        "on or after",
    )


def test_a_professionals_actions_in_the_events_show_in_the_plan(tmp_path: Path) -> None:
    author = "{name: Anna Lee, profession: pelvic_health_physio, practice: Pelvic Care}"
    events = write(
        tmp_path / "events.yaml",
        "events:\n"
        f"  - {{type: hold, date: 2026-11-08, author: {author}, reason: Check her form}}\n"
        f"  - {{type: dose, date: 2026-11-08, author: {author}, exercise: single_leg_bridge,"
        " sets: 4}\n"
        f"  - {{type: clearance, date: 2026-11-09, author: {author}, limits: [no_jumping]}}\n",
    )
    plan = plan_json(READY, "--events", events)
    assert plan["hold"]["by"]["name"] == "Anna Lee"
    assert plan["limits"] == ["no_jumping"]
    assert [d["decision"] for d in plan["decisions"]][-3:] == [
        "hold",
        "exercise_change",
        "clearance",
    ]
    assert plan["decisions"][-1]["author"]["profession"] == "pelvic_health_physio"
    unknown = write(
        tmp_path / "bad.yaml",
        f"events:\n  - {{type: swap, date: 2026-11-08, author: {author}, exercise: single_leg_bridge,"
        " with: no_such_exercise}\n",
    )
    assert_bad_input(run_pinned("plan", READY, "--events", unknown), "events[0].with")


def test_an_event_of_an_unknown_type_is_named_with_the_types_allowed(tmp_path: Path) -> None:
    events = write(
        tmp_path / "events.yaml",
        "events:\n"
        "  - {type: session, date: 2026-11-08, kind: walk_run, completed: all}\n"
        "  - {type: nap, date: 2026-11-09}\n",
    )
    assert_bad_input(
        run_pinned("plan", READY, "--events", events),
        str(events),
        "events[1]",
        "type",
        "'nap'",
        *("session", "retest", "symptom", "pause", "resume", "clearance"),
    )


def test_an_unknown_format_is_refused_with_the_formats_allowed() -> None:
    assert_bad_input(
        run_pinned("plan", READY, "--format", "docx"),
        "--format",
        "docx",
        *("'text'", "'md'", "'html'", "'ics'", "'json'", "'pdf'"),
    )


def test_writing_into_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "plan.md"
    result = run_pinned("plan", READY, "--format", "md", "-o", target)
    assert_bad_input(result, str(target), "could not be written")
    assert not target.parent.exists()


# ---------------------------------------------------------------------------------------
# exercises


def test_exercises_lists_every_exercise_and_test(catalog: Catalog) -> None:
    result = run("exercises")
    assert_ok(result)
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert sorted(listed) == sorted(catalog.exercises)


def test_exercises_as_json_gives_every_entry(catalog: Catalog) -> None:
    result = run("exercises", "--format", "json")
    assert_ok(result)
    assert sorted(entry["id"] for entry in json.loads(result.stdout)) == sorted(catalog.exercises)


def test_one_exercise_shows_its_steps_cues_and_dose(catalog: Catalog) -> None:
    exercise = catalog.exercise("running_man_wall_push")
    result = run("exercises", "running_man_wall_push")
    assert_ok(result)
    for step in exercise.steps:
        assert step in result.stdout
    for cue in exercise.cues:
        assert cue in result.stdout
    assert "hold 5–8 s" in result.stdout
    assert result.stdout.rstrip().endswith(DISCLAIMER)


def test_one_exercise_as_json_holds_its_dose() -> None:
    result = run("exercises", "running_man_wall_push", "--format", "json")
    assert_ok(result)
    exercise = json.loads(result.stdout)
    assert exercise["id"] == "running_man_wall_push"
    assert exercise["dosage"]["hold_seconds"] == {"min": 5, "max": 8}


def test_an_unknown_exercise_is_refused_with_the_known_ids(catalog: Catalog) -> None:
    assert_bad_input(run("exercises", "moon_walk"), "'moon_walk'", *catalog.exercises)


def test_a_professional_sees_the_picture_her_own_pose_draws(tmp_path: Path) -> None:
    """She writes a position as joint angles and gets a picture; other angles, another one."""
    data = yaml.safe_load(my_exercise("my_wall_push"))
    data["name"] = "My wall push"
    pictures = []
    for knee in (105, 45):
        data["pose"]["near_leg"]["knee"] = knee
        mine = write(tmp_path / f"knee{knee}" / "my_push.yaml", yaml.safe_dump(data))
        out = tmp_path / f"knee{knee}.svg"
        result = run("exercises", "my_wall_push", "--catalog", mine, "--format", "svg", "-o", out)
        assert_ok(result)
        svg = ET.fromstring(out.read_text("utf-8"))
        assert svg.get("viewBox")
        title = svg.find("{http://www.w3.org/2000/svg}title")
        assert title is not None
        assert "My wall push" in (title.text or "")
        pictures.append(out.read_text("utf-8"))
    assert pictures[0] != pictures[1]


def test_a_picture_needs_an_exercise_named() -> None:
    assert_bad_input(run("exercises", "--format", "svg"), "svg draws one exercise")


# ---------------------------------------------------------------------------------------
# catalog check


def test_catalog_check_accepts_a_good_file_of_her_own(tmp_path: Path, catalog: Catalog) -> None:
    mine = write(tmp_path / "my_push.yaml", my_exercise("my_wall_push"))
    result = run("catalog", "check", mine)
    assert_ok(result)
    assert result.stdout.startswith("OK")
    assert f"{len(catalog.exercises) + 1} exercises" in result.stdout


def test_catalog_check_names_the_file_and_the_field_of_a_bad_file(tmp_path: Path) -> None:
    text = my_exercise("my_wall_push").replace("position: single_leg_stance", "position: hopping")
    mine = write(tmp_path / "my_push.yaml", text)
    assert_bad_input(
        run("catalog", "check", mine), str(mine), "position", "'hopping'", "'standing'"
    )


def test_catalog_check_names_both_files_that_define_the_same_id(tmp_path: Path) -> None:
    first = write(tmp_path / "mine" / "a.yaml", my_exercise("my_wall_push"))
    second = write(tmp_path / "mine" / "b.yaml", my_exercise("my_wall_push"))
    assert_bad_input(
        run("catalog", "check", tmp_path / "mine"), str(first), str(second), "'my_wall_push'"
    )


def test_catalog_check_refuses_a_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert_bad_input(run("catalog", "check", missing), str(missing), "not found")


# ---------------------------------------------------------------------------------------
# catalog template

TEMPLATES = Path(__file__).resolve().parents[2] / "strideback" / "core" / "data" / "templates"


def test_catalog_template_accepts_the_packaged_examples() -> None:
    result = run("catalog", "template", *sorted(TEMPLATES.glob("*.yaml")))
    assert_ok(result)
    assert "OK: " in result.stdout
    assert "Caesarean, slow return, 5 action(s)." in result.stdout


def test_catalog_template_names_the_file_the_action_and_the_rule(tmp_path: Path) -> None:
    data = yaml.safe_load((TEMPLATES / "pelvic-floor-first.yaml").read_text(encoding="utf-8"))
    data["actions"].append({"type": "stage", "direction": "forward", "reason": "Doing well."})
    mine = write(tmp_path / "mine.yaml", yaml.safe_dump(data))
    assert_bad_input(
        run("catalog", "template", mine), str(mine), "actions[4].direction", "no_lifting_safety"
    )


# ---------------------------------------------------------------------------------------
# rules


def test_the_committed_clinical_rules_page_matches_the_rules() -> None:
    result = run("rules", "--format", "md")
    assert_ok(result)
    assert result.stdout == (ROOT / "docs" / "clinical-rules.md").read_text(encoding="utf-8")


def test_the_committed_pose_reference_matches_the_schema() -> None:
    result = run("catalog", "poses")
    assert_ok(result)
    assert result.stdout == (ROOT / "docs" / "exercise-pictures.md").read_text(encoding="utf-8")
    for field in ("`hip_out`", "`shoulder_out`", "`squeeze_ball`", "`both_ways`", "`lift`"):
        assert field in result.stdout


def test_rules_as_text_give_each_rule_with_its_source() -> None:
    result = run("rules")
    assert_ok(result)
    assert "twelve_weeks [blocks; goom2019, expert-opinion]" in result.stdout


def test_a_professionals_own_protocol_is_followed_with_protocol(tmp_path: Path) -> None:
    protocol_file = ROOT / "strideback" / "core" / "data" / "protocols" / "strideback_return.yaml"
    mine = yaml.safe_load(protocol_file.read_text(encoding="utf-8"))
    mine["id"] = "gentle_clinic"
    mine["name"] = "Our clinic's gentler walk-run"
    mine["walk_run"]["stages"] = [
        {"run_seconds": 30, "walk_seconds": 90, "repeats": 8},
        {"run_seconds": 30, "walk_seconds": 60, "repeats": 8},
    ]
    path = tmp_path / "gentle_clinic.yaml"
    path.write_text(yaml.safe_dump(mine), encoding="utf-8")
    result = run_pinned(
        "plan", READY, "--catalog", path, "--protocol", "gentle_clinic", "--format", "json"
    )
    assert_ok(result)
    plan = json.loads(result.stdout)
    assert plan["protocol"] == "gentle_clinic"
    first_run = next(s for s in plan["sessions"] if s["kind"] == "walk_run")
    assert first_run["intervals"][1] == {"activity": "run", "seconds": 30}


def test_an_unknown_protocol_is_bad_input() -> None:
    assert_bad_input(
        run_pinned("plan", READY, "--protocol", "marathon_in_a_week"),
        "--protocol",
        "'marathon_in_a_week' is not a known protocol",
        "strideback_return",
    )


def test_the_readme_intake_example_plans_on_her_training_days(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## The intake (YAML or JSON)")[1].split("```yaml\n")[1].split("```")[0]
    example = yaml.safe_load(block)
    assert example["training_days"] == ["mon", "wed", "fri", "sat"]
    intake = write(tmp_path / "intake.yaml", block)
    plan = plan_json(intake)
    weekdays = {date.fromisoformat(s["date"]).strftime("%a").lower() for s in plan["sessions"]}
    assert weekdays <= set(example["training_days"])
    run_days = [date.fromisoformat(s["date"]) for s in plan["sessions"] if s["running_seconds"]]
    assert run_days
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(run_days))


def test_a_move_in_an_events_file_reaches_the_plan(tmp_path: Path) -> None:
    intake = write(
        tmp_path / "intake.yaml",
        yaml.safe_dump(
            {
                "birth_date": "2026-08-01",
                "assessed_on": TODAY.isoformat(),
                "training_days": ["mon", "wed", "fri"],
                "tests": yaml.safe_load((EXAMPLES / "intake.yaml").read_text())["tests"],
            }
        ),
    )
    before = plan_json(intake)
    first_run = next(s for s in before["sessions"] if s["running_seconds"])
    day = date.fromisoformat(first_run["date"])
    tuesday = (day + timedelta(days=1)).isoformat()
    events = write(
        tmp_path / "events.yaml",
        yaml.safe_dump(
            {
                "events": [
                    {
                        "type": "move",
                        "date": TODAY.isoformat(),
                        "kind": first_run["kind"],
                        "from_day": first_run["date"],
                        "to": tuesday,
                    }
                ]
            }
        ),
    )
    after = plan_json(intake, "--events", events)
    dates = [s["date"] for s in after["sessions"] if s["running_seconds"]]
    assert first_run["date"] not in dates
    assert tuesday in dates
