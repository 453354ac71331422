"""Progress: weekly running and sessions, effort and pain, symptom days, the walk-run stage
and strength test reps, each with a one-line summary that is true for what was logged; and
the SVG charts of them, which must be valid, self-contained and inside their own frame."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.core.catalog import Catalog, load_catalog
from strideback.core.drawing import charts
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS, Intake
from strideback.core.programme import (
    Event,
    PlanInputs,
    SessionEvent,
    classify,
    event_from,
    replay,
)
from strideback.core.progress import (
    EMPTY,
    Progress,
    figures,
    minutes,
    on_day,
    progress,
    progress_page,
    stage_summary,
    summaries,
)
from tests.conftest import TODAY, all_passed, make_intake

CATALOG: Catalog = load_catalog()
STAGES = CATALOG.default_protocol.walk_run.stages
LONGEST_RUN = max(stage.running_seconds for stage in STAGES)
TOTAL = len(STAGES)


def stage_run(number: int) -> int:
    """The running seconds of walk-run stage ``number`` (1-based)."""
    return STAGES[number - 1].running_seconds


SVG = "{http://www.w3.org/2000/svg}"


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def session(offset: int, kind: str = "walk_run", **fields: Any) -> Event:
    data = {"type": "session", "date": day(offset).isoformat(), "kind": kind, "completed": "all"}
    return event_from({**data, "rpe": 4, **fields}, "test")


def event(event_type: str, offset: int, **fields: Any) -> Event:
    return event_from({"type": event_type, "date": day(offset).isoformat(), **fields}, "test")


def inputs_for(intake: Intake) -> PlanInputs:
    return PlanInputs(intake=intake, catalog=CATALOG, start=TODAY)


# Her days: Saturday (TODAY) to Monday, Wednesday and Thursday; runs on Saturday, Monday and
# Wednesday, strength for running on Sunday and Thursday.
HER_DAYS = ["sat", "sun", "mon", "wed", "thu"]


def ready() -> Intake:
    return make_intake(14, delivery="vaginal", tests=all_passed(), training_days=HER_DAYS)


def not_yet(**reps: int) -> Intake:
    """Hop test failed, strength below target: strength work first, then a re-test."""
    tests = {
        "load_impact": {**dict.fromkeys(LOAD_IMPACT_TESTS, "pass"), "hop_in_place": "fail"},
        "strength": {**dict.fromkeys(STRENGTH_TESTS, 12), **reps},
    }
    return make_intake(14, delivery="vaginal", tests=tests, training_days=HER_DAYS)


def retest(offset: int, reps: dict[str, int], passed: bool = True, **fields: Any) -> Event:
    load = dict.fromkeys(LOAD_IMPACT_TESTS, "pass")
    if not passed:
        load["hop_in_place"] = "fail"
    return event("retest", offset, tests={"load_impact": load, "strength": reps}, **fields)


# The first two weeks of a ready runner on her five days: runs on days 0, 2, 4, 7, 9,
# 11 and strength on days 1, 5, 8, 12.
TWO_WEEKS = [
    session(0),  # stage 1, green: up
    session(1, "strength"),
    session(2),  # stage 2, green: up
    session(4, completed="part"),  # stage 3 in part: repeat
    session(7, pain=6, pain_settled=True),  # stage 3 in full, but red: one stage back
    session(9),  # stage 2, green: up
    session(11, pelvic_floor_symptoms=["leaking"]),  # stage 3, red again: see a physio
    session(12, "strength", completed="skipped"),
]


def two_weeks() -> Progress:
    return progress(inputs_for(ready()), TWO_WEEKS, day(13))


# ---------------------------------------------------------------------------------------
# Tables: a runner with known logs.


def test_running_minutes_per_week_planned_as_the_week_began_and_run_in_full() -> None:
    weeks = two_weeks().weeks
    assert [w.number for w in weeks] == [1, 2]
    assert [w.first for w in weeks] == [day(0), day(7)]
    # Week 1 as planned on day 0: stages 1, 2, 3. Week 2 as planned on day 7, after the
    # part-done run kept her at stage 3: stages 3, 4, 5.
    planned = [
        stage_run(1) + stage_run(2) + stage_run(3),
        stage_run(3) + stage_run(4) + stage_run(5),
    ]
    assert [w.planned_seconds for w in weeks] == planned
    assert [w.planned_minutes for w in weeks] == [minutes(x) for x in planned]
    # Run in full: week 1 stages 1 and 2 (the part-done run is counted apart); week 2
    # stages 3, 2 and 3 (a run with pain or symptoms was still run).
    done = [stage_run(1) + stage_run(2), 2 * stage_run(3) + stage_run(2)]
    assert [w.done_seconds for w in weeks] == done
    assert [w.done_minutes for w in weeks] == [minutes(x) for x in done]
    assert [w.part_runs for w in weeks] == [1, 0]


def test_sessions_per_week_done_in_part_and_skipped_against_those_planned() -> None:
    weeks = two_weeks().weeks
    assert [(w.planned_sessions, w.done, w.part, w.skipped) for w in weeks] == [
        (5, 3, 1, 0),
        (5, 3, 0, 1),
    ]


def test_days_with_a_symptom_or_pain_of_four_or_more_are_marked_with_what_was_noticed() -> None:
    events = [
        session(0, pain=3),
        session(2, pain=4, pain_settled=True),
        session(4, completed="skipped", pelvic_floor_symptoms=["heaviness"]),
        event("symptom", 5, symptoms=["urgency", "low_back_pain"]),
    ]
    marked = progress(inputs_for(ready()), events, day(6)).marked
    assert [(m.day, m.why) for m in marked] == [
        (day(2), ("pain 4/10",)),
        (day(4), ("heaviness",)),
        (day(5), ("urgency", "low back pain")),
    ]


def test_symptoms_noticed_at_a_retest_mark_the_day() -> None:
    events = [retest(3, dict.fromkeys(STRENGTH_TESTS, 20), symptoms=["urinary_leakage"])]
    marked = progress(inputs_for(not_yet()), events, day(4)).marked
    assert [(m.day, m.why) for m in marked] == [(day(3), ("urinary leakage",))]


def test_the_stage_of_each_run_and_the_moves_behind_it() -> None:
    p = two_weeks()
    assert [(r.day, r.stage, r.completed) for r in p.runs] == [
        (day(0), 1, "all"),
        (day(2), 2, "all"),
        (day(4), 3, "part"),
        (day(7), 3, "all"),
        (day(9), 2, "all"),
        (day(11), 3, "all"),
    ]
    # Up after days 0, 2 and 9; the same stage after day 4; back after day 7; the second
    # red within two weeks (day 11) pauses running for a physio's review: no next run.
    assert (p.moved_up, p.repeated, p.stepped_back) == (3, 1, 1)
    assert p.next_run is None
    assert p.phase == "gentle"
    assert summaries(p)["stage"] == (
        f"Your last run was stage 3 of {TOTAL}. No running for now: a pelvic health physiotherapist "
        "should see you first. So far you have moved up 3 times, repeated a stage once and "
        "stepped back once."
    )


def test_the_next_run_is_the_stage_she_is_at_now() -> None:
    events = [session(0), session(2), session(4, pain=6, pain_settled=True)]
    p = progress(inputs_for(ready()), events, day(5))
    assert p.next_run is not None
    assert (p.next_run.day, p.next_run.stage) == (day(7), 2)
    assert summaries(p)["stage"] == (
        f"Your next run is stage 2 of {TOTAL}. So far you have moved up twice and stepped back "
        "once."
    )


def test_the_summaries_of_the_two_weeks_say_what_happened() -> None:
    said = summaries(two_weeks())
    week_one, week_two = two_weeks().weeks
    assert said["minutes"] == (
        f"This week (week 2) you have run {week_two.done_minutes} of the "
        f"{week_two.planned_minutes} minutes planned; last week you ran {week_one.done_minutes} "
        f"of {week_one.planned_minutes}."
    )
    assert said["sessions"] == (
        "This week (week 2) you have logged 4 of 5 planned sessions: 3 in full and 1 skipped. "
        "6 sessions done in full since you started."
    )
    assert said["effort"] == (
        "2 days with symptoms or pain of 4 or more in the last 14 days, the latest on "
        "Wednesday 2 December 2026. Your last session: effort 4/10, pain 0/10."
    )


def test_a_missed_week_still_shows_what_was_planned_for_it() -> None:
    """The replayed plan keeps only logged sessions; planned comes from the week's start."""
    p = progress(inputs_for(ready()), [session(7), session(9)], day(10))
    week_one, week_two = p.weeks
    first_three = stage_run(1) + stage_run(2) + stage_run(3)
    assert (week_one.planned_seconds, week_one.done_seconds, week_one.logged) == (first_three, 0, 0)
    assert week_one.planned_sessions == 5
    # Nothing was run in week 1, so week 2 starts again at stage 1.
    assert (week_two.planned_seconds, week_two.done_seconds) == (
        first_three,
        stage_run(1) + stage_run(2),
    )


def test_runs_that_wait_on_a_retest_are_not_counted_as_planned() -> None:
    """Her re-test is on day 28 (week 5); the runs after it are provisional until it passes."""
    p = progress(inputs_for(not_yet()), [], day(29))
    assert [w.planned_seconds for w in p.weeks] == [0, 0, 0, 0, 0]
    assert p.weeks[4].planned_sessions == 1  # the re-test itself
    assert figures(p)[0].summary == (
        "No running yet: your plan starts with strength work, and your re-test decides when "
        "running starts."
    )
    passed = retest(28, dict.fromkeys(STRENGTH_TESTS, 20))
    after = progress(inputs_for(not_yet()), [passed, session(30)], day(31))
    assert (after.week.planned_seconds, after.week.done_seconds) == (0, stage_run(1))
    assert summaries(after)["minutes"] == (
        f"This week (week 5) you have run {minutes(stage_run(1))} minutes; last week you ran 0."
    )


def test_a_replay_up_to_a_day_projects_the_same_sessions_and_stops_there() -> None:
    """``replay(..., until=)``, the small helper the weekly plans use."""
    inputs = inputs_for(not_yet())
    events = TWO_WEEKS[:3]
    whole = replay(inputs, events, as_of=day(3))
    for last in (day(3), day(10), day(40)):
        cut = replay(inputs, events, as_of=day(3), until=last)
        assert cut.sessions == [s for s in whole.sessions if s.date <= last]
        assert cut.decisions == whole.decisions
    assert len(whole.sessions) > len(replay(inputs, events, as_of=day(3), until=day(40)).sessions)


@pytest.mark.parametrize(
    ("offset", "words"),
    [(0, "today"), (-1, "yesterday"), (1, "tomorrow"), (2, "on Monday 23 November 2026")],
)
def test_days_near_today_are_said_as_such(offset: int, words: str) -> None:
    assert on_day(day(offset), TODAY) == words


def test_a_run_after_a_long_break_is_said_to_be_gentler() -> None:
    p = progress(inputs_for(ready()), [session(0), session(2), session(4)], day(40))
    assert summaries(p)["stage"] == (
        f"Your next run is stage 1 of {TOTAL}, gentler than before, as it is a while since your last "
        "run. So far you have moved up 3 times."
    )


@pytest.mark.parametrize(
    ("seconds", "whole"), [(0, 0), (29, 0), (30, 1), (420, 7), (450, 8), (870, 15), (1410, 24)]
)
def test_minutes_are_whole_with_halves_rounded_up(seconds: int, whole: int) -> None:
    assert minutes(seconds) == whole


def test_strength_reps_at_the_start_and_at_each_retest_and_an_edit_replaces_its_entry() -> None:
    intake = not_yet(single_leg_bridge=10)
    first = {**dict.fromkeys(STRENGTH_TESTS, 15), "single_leg_bridge": 9}
    events = [
        retest(7, first, passed=False, id="r1"),
        retest(8, {**first, "single_leg_bridge": 11}, passed=False, id="r1b", replaces="r1"),
        retest(21, {**dict.fromkeys(STRENGTH_TESTS, 20), "side_lying_abduction": 12}),
    ]
    p = progress(inputs_for(intake), events, day(22))
    assert [(s.label, s.day, s.reps) for s in p.strength] == [
        ("At the start", TODAY, (12, 10, 12, 12)),
        ("Re-test 29 Nov", day(8), (15, 11, 15, 15)),
        ("Re-test 12 Dec", day(21), (20, 20, 20, 12)),
    ]
    assert summaries(p)["strength"] == (
        "At your re-test on Saturday 12 December 2026: 3 up and 1 the same since the start; "
        "3 of 4 at the 20-rep target."
    )


def test_strength_reps_down_and_tests_not_done_are_said_as_they_are() -> None:
    intake = not_yet(single_leg_bridge=16)
    reps = {"single_leg_bridge": 14, "single_leg_calf_raise": 12}
    p = progress(inputs_for(intake), [retest(7, reps, passed=False)], day(8))
    assert summaries(p)["strength"] == (
        "At your re-test on Saturday 28 November 2026: 1 the same and 1 down since the start; "
        "0 of 2 at the 20-rep target."
    )
    table = figures(p)[4].table
    assert table is not None
    assert table.rows[2] == ("Sit to stand", "12", "–")


def test_with_strength_at_the_start_only_the_summary_waits_for_a_retest() -> None:
    p = progress(inputs_for(ready()), [], TODAY)
    assert summaries(p)["strength"] == (
        "At the start: 4 of 4 at the 20-rep target. Your re-tests add bars here."
    )


def test_without_reps_at_the_start_the_first_retest_is_the_baseline() -> None:
    intake = make_intake(14, tests={"load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass")})
    p = progress(inputs_for(intake), [], day(1))
    assert p.strength == ()
    assert summaries(p)["strength"] is None
    reps = dict.fromkeys(STRENGTH_TESTS, 18)
    later = progress(
        inputs_for(intake), [retest(2, reps), retest(9, {**reps, "single_leg_bridge": 20})], day(10)
    )
    assert summaries(later)["strength"] == (
        "At your re-test on Monday 30 November 2026: 1 up and 3 the same since Monday 23 "
        "November 2026; 1 of 4 at the 20-rep target."
    )
    only = progress(inputs_for(intake), [retest(2, reps)], day(3))
    assert summaries(only)["strength"] == (
        "At your re-test on Monday 23 November 2026: 0 of 4 at the 20-rep target. "
        "Your re-tests add bars here."
    )


def test_each_figure_without_data_says_what_will_show_there() -> None:
    intake = make_intake(14, tests={"load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass")})
    p = progress(inputs_for(intake), [], TODAY)
    strength = figures(p)[4]
    assert (strength.summary, strength.svg) == (
        "Your strength test reps show here once you record them.",
        None,
    )
    # A plan with no running planned and none logged, between phases.
    quiet = replace(
        p,
        weeks=tuple(replace(w, planned_seconds=0) for w in p.weeks),
        next_run=None,
        phase="walk_run",
    )
    minutes_figure, _, _, stage, _ = figures(quiet)
    assert minutes_figure.summary == "No running planned or logged yet."
    assert stage.summary == "Your first run shows here once you log it."


# ---------------------------------------------------------------------------------------
# Summaries in other situations: each must be true.


def test_before_anything_is_logged_the_page_is_kind_and_shows_only_what_it_can_draw() -> None:
    page = progress_page(inputs_for(ready()), [], TODAY)
    assert page.empty
    assert page.lead == "Week 1 of your programme, which started on Saturday 21 November 2026."
    assert [f.key for f in page.figures] == ["minutes", "stage", "strength"]
    first_three = minutes(stage_run(1) + stage_run(2) + stage_run(3))
    assert page.figures[0].summary == (
        f"This week (week 1) you have run 0 of the {first_three} minutes planned."
    )


def test_before_anything_is_logged_each_figure_says_what_will_show() -> None:
    p = progress(inputs_for(not_yet()), [], TODAY)
    said = {f.key: (f.summary, f.svg) for f in figures(p)}
    assert said["sessions"] == (EMPTY, None)
    assert said["effort"] == ("Effort and pain show here once you log a session you did.", None)
    assert said["stage"][0].startswith("Running starts after your re-test on ")
    assert said["minutes"][1] is None


def test_a_referred_runner_is_told_why_there_is_no_running() -> None:
    intake = make_intake(16, symptoms=["pelvic_heaviness"], tests=all_passed())
    p = progress(inputs_for(intake), [session(0, "strength")], day(1))
    by_key = {f.key: f for f in figures(p)}
    expected = "No running for now: a pelvic health physiotherapist should see you first."
    assert by_key["minutes"].summary == expected
    assert by_key["stage"].summary == expected
    assert by_key["sessions"].summary is not None
    assert by_key["sessions"].summary.startswith("This week (week 1) you have logged 1 of ")


def test_a_paused_plan_says_so() -> None:
    events = [session(0), session(2), event("pause", 3)]
    p = progress(inputs_for(ready()), events, day(10))
    said = summaries(p)
    assert said["minutes"] == (
        "Your plan is paused, so no running is planned. You have run "
        f"{minutes(stage_run(1) + stage_run(2))} minutes since you started."
    )
    assert said["stage"] == (
        f"Your last run was stage 2 of {TOTAL}. Your plan is paused, so no running is planned. "
        "So far you have moved up twice."
    )
    stage = figures(progress(inputs_for(ready()), [event("pause", 0)], day(1)))[3]
    assert stage.summary == "Your plan is paused, so no running is planned."


def test_the_first_run_is_named_with_its_day() -> None:
    p = progress(inputs_for(ready()), [session(1, "strength")], day(1))
    assert summaries(p)["stage"] == f"Your first run is stage 1 of {TOTAL}, tomorrow."


def test_nothing_logged_lately_and_no_running_this_week_are_said_plainly() -> None:
    p = progress(inputs_for(ready()), [session(0, pain=5, pain_settled=True)], day(70))
    said = summaries(p)
    assert said["effort"] == (
        "Nothing logged in the last 14 days. Your last session: effort 4/10, pain 5/10."
    )
    assert p.week.number == 11
    assert (
        said["sessions"]
        == "Nothing logged yet this week (week 11); 5 sessions planned. 1 session done in full since you started."
    )


def test_a_quiet_fortnight_is_said_to_be_quiet() -> None:
    p = progress(inputs_for(ready()), [session(0, pain=5, pain_settled=True), session(20)], day(21))
    assert summaries(p)["effort"] == (
        "No symptoms or pain of 4 or more logged in the last 14 days. "
        "Your last session: effort 4/10, pain 0/10."
    )


def test_more_sessions_than_planned_and_runs_done_in_part_are_counted() -> None:
    events = [
        session(0, completed="part"),
        session(0, "strength"),
        session(1, "mobility"),
        session(1, "strength"),
        session(2, "strength"),
        session(3, "strength"),
        session(5, "strength"),
        session(6, "strength"),
    ]
    p = progress(inputs_for(ready()), events, day(6))
    said = summaries(p)
    assert said["sessions"] == (
        "This week (week 1) you have logged 8 sessions (5 planned): 7 in full and 1 in part."
    )
    assert said["minutes"] == (
        f"This week (week 1) you have run 0 of the {minutes(stage_run(1) + stage_run(2) + stage_run(3))} "
        "minutes planned, plus 1 run done in part."
    )


def test_finishing_the_last_stage_is_said() -> None:
    intake = ready()
    events: list[Event] = []
    offset = 0
    while True:
        p = progress(inputs_for(intake), events, day(offset))
        if p.next_run is None:
            break
        offset = (p.next_run.day - TODAY).days
        events.append(session(offset))
        offset += 1
    assert p.finished
    # Every stage climbed once; the runs eased to stay within the weekly limit count as
    # the same stage again.
    assert summaries(p)["stage"].startswith(
        f"You have finished all {TOTAL} stages. On the way you moved up {TOTAL - 1} times"
    )


def test_the_charts_show_twelve_weeks_and_the_tables_every_week() -> None:
    p = progress(inputs_for(ready()), [session(0), session(100)], day(100))
    assert len(p.weeks) == 15
    minutes_figure = figures(p)[0]
    assert minutes_figure.svg is not None
    assert minutes_figure.table is not None
    assert len(minutes_figure.table.rows) == 15
    assert "The chart shows the last 12 weeks" in minutes_figure.note
    labels = [t.text for t in ET.fromstring(minutes_figure.svg).iter(f"{SVG}text")]
    assert "4" in labels
    assert "15" in labels
    assert "3" not in labels


def test_when_the_plan_has_gone_quiet_the_charts_show_its_last_busy_weeks() -> None:
    # A plan paused in its sixth week and never resumed: nothing planned after it.
    events = [session(0, "strength", pain=4, pain_settled=True), event("pause", 38)]
    p = progress(inputs_for(ready()), events, day(150))
    assert len(p.weeks) == 22
    sessions = figures(p)[1]
    assert sessions.svg is not None
    assert sessions.table is not None
    assert len(sessions.table.rows) == 22
    assert sessions.note == (
        "The chart shows weeks 1 to 6, the last with anything planned or logged; the table "
        "has every week."
    )
    labels = [t.text for t in ET.fromstring(sessions.svg).iter(f"{SVG}text")]
    assert "6" in labels
    assert "7" not in labels


def test_the_strength_chart_shows_the_start_and_the_last_three_retests() -> None:
    events = [
        retest(7 * n, dict.fromkeys(STRENGTH_TESTS, 12 + n), passed=False) for n in range(1, 6)
    ]
    p = progress(inputs_for(not_yet()), events, day(36))
    figure = figures(p)[4]
    assert figure.svg is not None
    assert figure.table is not None
    assert len(figure.table.head) == 7  # the test and six results
    legend = [t.text for t in ET.fromstring(figure.svg).iter(f"{SVG}text")]
    assert "At the start" in legend
    assert "Re-test 26 Dec" in legend
    assert "Re-test 28 Nov" not in legend
    assert "last three re-tests" in figure.note


def test_the_effort_table_lists_each_session_and_each_reported_symptom() -> None:
    events = [
        session(0, pain=4, pain_settled=True, rpe=None),
        session(1, "strength", completed="skipped"),
        event("symptom", 3, symptoms=["constipation"]),
    ]
    figure = figures(progress(inputs_for(ready()), events, day(4)))[2]
    assert figure.table is not None
    assert figure.table.rows == (
        ("21 Nov", "Walk-run (in full)", "–", "4/10", "pain 4/10"),
        ("22 Nov", "Strength (skipped)", "–", "0/10", "–"),
        ("24 Nov", "Reported", "–", "–", "constipation"),
    )


# ---------------------------------------------------------------------------------------
# The charts.


def check_svg(svg: str) -> ET.Element:
    """Well-formed, self-contained, accessible, and every coordinate inside the viewBox."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("width") is None
    assert root.get("height") is None
    left, top, width, height = (float(n) for n in (root.get("viewBox") or "").split())
    assert (left, top) == (0, 0)
    assert root.get("role") == "img"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    for reference in [*(root.get("aria-labelledby") or "").split(), root.get("aria-describedby")]:
        assert reference in ids
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}desc") is not None
    for used in re.findall(r"url\(#([^)]+)\)", svg):
        assert used in ids
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag not in ("style", "script", "foreignObject", "image")
        assert element.get("style") is None
        assert not any(name.startswith("on") for name in element.attrib)

        def inside(attr: str, limit: float, element: ET.Element = element) -> None:
            if element.get(attr) is not None:
                assert 0 <= float(element.get(attr) or 0) <= limit, (attr, element.attrib)

        for attr in ("x", "x1", "x2", "cx"):
            inside(attr, width)
        for attr in ("y", "y1", "y2", "cy"):
            inside(attr, height)
        if tag == "rect":
            assert float(element.get("x", 0)) + float(element.get("width", 0)) <= width + 0.1
            assert float(element.get("y", 0)) + float(element.get("height", 0)) <= height + 0.1
        if tag == "circle":
            r = float(element.get("r", 0))
            assert r <= float(element.get("cx", 0)) <= width - r
            assert r <= float(element.get("cy", 0)) <= height - r
        for pair in (element.get("points") or "").split():
            x, y = (float(n) for n in pair.split(","))
            assert 0 <= x <= width, (tag, pair)
            assert 0 <= y <= height, (tag, pair)
    return root


def test_a_bar_chart_escapes_its_words_and_prefixes_its_ids() -> None:
    svg = charts.grouped_bars(
        "Mine & yours",
        "Reps <b>",
        'She said "go" & went',
        ["A <script>", "B"],
        [charts.Bars("x & y", [3, None], charts.PLANNED), charts.Bars("z", [4, 5], charts.DONE)],
        unit="reps",
        caption="Tests",
        target=20,
        target_label="Target: 20",
        value_labels=True,
    )
    root = check_svg(svg)
    assert "<script>" not in svg
    assert "<b>" not in svg
    assert root.findtext(f"{SVG}title") == "Reps <b>"
    assert root.findtext(f"{SVG}desc") == 'She said "go" & went'
    assert all((e.get("id") or "mine-yours").startswith("mine-yours") for e in root.iter())
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"A <script>", "x & y", "Target: 20", "reps", "Tests", "3", "4", "5"} <= set(texts)
    # Two looks: a hatched pattern and a solid fill, so colour is not the only difference.
    assert len(root.findall(f"{SVG}defs/{SVG}pattern")) == 1


def test_the_same_data_draws_the_same_chart() -> None:
    first = figures(two_weeks())
    again = figures(two_weeks())
    assert [f.svg for f in first] == [f.svg for f in again]


def test_long_labels_wrap_and_crowded_labels_thin_out() -> None:
    wrapped = charts.grouped_bars(
        "c",
        "t",
        "s",
        ["Single leg calf raise", "Bridge", "Sit", "Lift"],
        [charts.Bars("a", [1, 2, 3, 4], charts.DONE)],
        unit="u",
        caption="c",
    )
    texts = [t.text for t in check_svg(wrapped).iter(f"{SVG}text")]
    assert "Bridge" in texts
    assert "Single leg calf raise" not in texts
    assert {"Single leg", "calf raise"} <= set(texts) or {"Single", "leg calf raise"} <= set(texts)
    many = [f"Week {n}" for n in range(1, 31)]
    crowded = charts.stacked_bars(
        "d",
        "t",
        "s",
        many,
        [charts.Bars("a", [1] * 30, charts.DONE)],
        unit="u",
        caption="c",
        marks=[2] * 30,
        marks_label="Planned",
    )
    shown = [
        t.text for t in check_svg(crowded).iter(f"{SVG}text") if (t.text or "").startswith("Week")
    ]
    assert "Week 30" in shown
    assert 3 < len(shown) < 30


def test_empty_and_flat_charts_still_draw_a_frame() -> None:
    svg = charts.grouped_bars("e", "t", "s", [], [], unit="u", caption="c")
    check_svg(svg)
    flat = charts.dated_lines(
        "f",
        "t",
        "s",
        TODAY,
        TODAY,
        [charts.Line("a", [(TODAY, 0)], "#000000")],
        top=10,
        unit="u",
        caption="c",
        marked=[TODAY - timedelta(days=3), TODAY],
        marked_label="m",
    )
    root = check_svg(flat)
    assert len(root.findall(f"{SVG}polygon")) == 2  # the legend's mark and one marked day
    steps = charts.step_chart(
        "g",
        "t",
        "s",
        TODAY,
        day(6),
        [],
        top=1,
        unit="u",
        caption="c",
        colour="#000000",
        names=("a", "b", "c"),
        ahead=charts.Step(day(2), 1),
    )
    assert len(check_svg(steps).findall(f"{SVG}polygon")) == 2  # legend and the next run


# ---------------------------------------------------------------------------------------
# Properties, over generated logs.

PELVIC = ["leaking", "heaviness", "dragging"]

session_events = st.builds(
    lambda offset, kind, completed, rpe, pain, settled, symptoms: session(
        offset,
        kind,
        completed=completed,
        rpe=rpe,
        pain=pain,
        pain_settled=settled,
        pelvic_floor_symptoms=symptoms,
    ),
    st.integers(0, 50),
    st.sampled_from(["walk_run", "walk_run", "run", "strength", "mobility"]),
    st.sampled_from(["all", "all", "all", "part", "skipped"]),
    st.none() | st.integers(0, 10),
    st.integers(0, 3) | st.integers(0, 10),
    st.none() | st.booleans(),
    st.just([]) | st.lists(st.sampled_from(PELVIC), unique=True, max_size=2),
)
other_events = st.one_of(
    st.builds(
        lambda offset, symptoms: event("symptom", offset, symptoms=symptoms),
        st.integers(0, 50),
        st.lists(
            st.sampled_from(["urgency", "pelvic_pain", "constipation"]),
            min_size=1,
            max_size=2,
            unique=True,
        ),
    ),
    st.builds(
        lambda offset, reps, passed: retest(offset, dict.fromkeys(STRENGTH_TESTS, reps), passed),
        st.integers(0, 50),
        st.integers(0, 30),
        st.booleans(),
    ),
    st.builds(lambda offset: event("pause", offset), st.integers(0, 50)),
    st.builds(lambda offset: event("resume", offset), st.integers(0, 50)),
)
histories = st.lists(session_events | other_events, max_size=14)
runners = st.sampled_from(["ready", "not_yet", "referred"])


def runner(kind: str) -> Intake:
    if kind == "ready":
        return ready()
    if kind == "not_yet":
        return not_yet()
    return make_intake(16, symptoms=["pelvic_heaviness"], tests=all_passed())


def expected_marked_days(events: list[Event]) -> set[date]:
    days = set()
    for e in events:
        in_session = isinstance(e, SessionEvent) and (e.pelvic_floor_symptoms or e.pain >= 4)
        reported = e.type in ("symptom", "retest") and getattr(e, "symptoms", [])
        if in_session or reported:
            days.add(e.date)
    return days


PROPERTIES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTIES
@given(runners, histories, st.integers(0, 20))
def test_whatever_she_logs_the_numbers_and_summaries_hold(
    kind: str, events: list[Event], extra: int
) -> None:
    last = max((e.date for e in events), default=TODAY)
    today = last + timedelta(days=extra)
    p = progress(inputs_for(runner(kind)), events, today)
    # Done minutes never exceed what was logged: runs done in full, at the longest stage.
    for week in p.weeks:
        full_runs = [
            e
            for e in events
            if isinstance(e, SessionEvent)
            and e.kind in ("walk_run", "run")
            and e.completed == "all"
            and week.first <= e.date <= week.last
        ]
        assert week.done_seconds <= len(full_runs) * LONGEST_RUN
        assert week.done_minutes <= minutes(len(full_runs) * LONGEST_RUN)
        assert week.logged == sum(
            1
            for e in events
            if e.type in ("session", "retest") and week.first <= e.date <= week.last
        )
    # Every symptom day is marked.
    assert {m.day for m in p.marked} == expected_marked_days(events)
    said = summaries(p)
    # No progress claimed that did not happen.
    green_runs = sum(
        1
        for e in events
        if isinstance(e, SessionEvent)
        and e.kind in ("walk_run", "run")
        and classify(e)[0] == "green"
    )
    moved = re.search(r"moved up (once|twice|(\d+) times)", said["stage"] or "")
    if moved:
        count = {"once": 1, "twice": 2}.get(moved.group(1)) or int(moved.group(2))
        assert count == p.moved_up <= green_runs
    else:
        assert p.moved_up == 0
    if said["minutes"] and "you have run" in said["minutes"] and "This week" in said["minutes"]:
        ran = re.search(r"you have run (\d+)", said["minutes"])
        assert ran is not None
        assert int(ran.group(1)) == p.week.done_minutes
    recent = {d for d in expected_marked_days(events) if today - timedelta(days=13) <= d <= today}
    if said["effort"] and said["effort"].startswith("No symptoms"):
        assert not recent
    if recent:
        assert said["effort"] is not None
        assert said["effort"].startswith(f"{len(recent)} day")
    strength = said["strength"] or ""
    up = re.search(r"(\d+) up", strength)
    if up:
        first, latest = p.strength[0], p.strength[-1]
        assert (
            int(up.group(1))
            == sum(
                1
                for t in STRENGTH_TESTS
                if (first.of(t) is not None and (latest.of(t) or 0) > (first.of(t) or 0))
                and latest.of(t) is not None
            )
            > 0
        )
    # The weekly plans cut short by ``until`` hold the same sessions as the whole plan.
    until = today - timedelta(days=extra // 2)
    whole = replay(inputs_for(runner(kind)), events, as_of=until - timedelta(days=3))
    cut = replay(inputs_for(runner(kind)), events, as_of=until - timedelta(days=3), until=until)
    assert cut.sessions == [s for s in whole.sessions if s.date <= until]
    # Every chart parses, stays in its frame, and its ids are its own.
    page = progress_page(inputs_for(runner(kind)), events, today)
    ids: list[str] = []
    for figure in page.figures:
        assert figure.summary
        if figure.svg is not None:
            root = check_svg(figure.svg)
            assert root.findtext(f"{SVG}desc") == figure.summary
            ids += [e.get("id") or "" for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_after_thirty_minutes_the_stage_summary_speaks_of_her_goal_not_stage_numbers() -> None:
    # A ready runner with a 10 km goal who does every run as planned until the day after her
    # 30 minutes without a break.
    intake = make_intake(
        14, delivery="vaginal", tests=all_passed(), training_days=HER_DAYS, goal="10k"
    )
    inputs = inputs_for(intake)
    thirty = replay(inputs, [], as_of=TODAY).expected_30_min
    assert thirty is not None
    events: list[Event] = []
    while True:
        plan = replay(inputs, events, as_of=TODAY)
        due = [
            s
            for s in plan.sessions
            if s.log is None and s.kind in ("walk_run", "run") and s.date <= thirty
        ]
        if not due:
            break
        events.append(
            event("session", (due[0].date - TODAY).days, kind=due[0].kind, completed="all")
        )
    summary = stage_summary(progress(inputs, events, thirty + timedelta(days=1)))
    assert summary is not None
    assert "towards your goal" in summary
    stages = len(CATALOG.default_protocol.walk_run.stages)
    assert f"of {stages}." not in summary
