"""Safety properties of one story, over generated journeys: logs with and without symptoms,
entries recorded late (dated before others), edits, answers given again, clearances with
limits, pauses and resumptions.

The oracle is written from the rules, not from the engine: a red flag (a pelvic-floor
symptom in any version of a logged session, a reported symptom, a re-test or new answers
with a sign, or the first answers themselves) is lifted only by a clearance recorded after
it. While any flag stands, no run is planned and every surface says "refer".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.core.intake import LOAD_IMPACT_TESTS, PELVIC_FLOOR_SIGNS, Intake
from strideback.core.programme import Event, Plan, event_from
from strideback.core.programme.model import LIMITS
from strideback.core.readiness import pelvic_floor_signs
from tests.core.test_safety_properties import (
    CATALOG,
    RUN_KINDS,
    TODAY,
    intakes,
    plan_of,
    session_event,
)

JOURNEY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SIGNS = [s for s in PELVIC_FLOOR_SIGNS if s != "bleeding"]


@dataclass(frozen=True)
class Journey:
    intake: Intake
    events: list[Event]  # in the order they were recorded


def _answers(offset: int, intake: Intake, draw: st.DrawFn) -> dict[str, Any]:
    data = intake.model_dump(mode="json")
    data["assessed_on"] = (TODAY + timedelta(days=offset)).isoformat()
    data["symptoms"] = draw(st.just([]) | st.lists(st.sampled_from(SIGNS), max_size=1))
    data["days_per_week"] = draw(st.sampled_from([2, 3]))
    if draw(st.booleans()):
        data["tests"] = {"load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass")}
    return {"type": "answers", "date": data["assessed_on"], "intake": data}


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    intake = draw(intakes())
    offsets = sorted(draw(st.lists(st.integers(0, 90), max_size=22)))
    made: list[dict[str, Any]] = []
    for n, offset in enumerate(offsets):
        when = (TODAY + timedelta(days=offset)).isoformat()
        kind = draw(
            st.sampled_from(
                ["session"] * 8
                + ["edit", "edit", "answers", "clearance", "pause", "resume"]
                + ["retest", "symptom"]
            )
        )
        sessions = [e for e in made if e["type"] == "session" and "id" in e]
        if kind == "edit" and sessions:
            old = draw(st.sampled_from(sessions))
            if any(e.get("replaces") == old["id"] for e in made):
                continue
            edited = {**session_event(0, draw), "date": old["date"], "kind": old["kind"]}
            made.append({**edited, "id": f"e{n}", "replaces": old["id"]})
        elif kind in ("session", "edit"):
            made.append({**session_event(offset, draw), "id": f"s{n}"})
        elif kind == "answers":
            made.append(_answers(offset, intake, draw))
        elif kind == "clearance":
            limits = draw(st.lists(st.sampled_from(LIMITS), unique=True, max_size=2))
            made.append({"type": "clearance", "date": when, "by": "A physio", "limits": limits})
        elif kind == "retest":
            result = draw(st.sampled_from(["pass", "pass", "fail"]))
            tests = {"load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, result)}
            symptoms = draw(st.just([]) | st.lists(st.sampled_from(SIGNS), max_size=1))
            made.append({"type": "retest", "date": when, "tests": tests, "symptoms": symptoms})
        elif kind == "symptom":
            made.append(
                {"type": "symptom", "date": when, "symptoms": [draw(st.sampled_from(SIGNS))]}
            )
        else:
            made.append({"type": kind, "date": when})
    # Some entries are recorded late: a few move later in the record, keeping every edit
    # after the entry it replaces (as the app records them).
    order = list(range(len(made)))
    for _ in range(draw(st.integers(0, 4))):
        if len(order) < 2:
            break
        i = draw(st.integers(0, len(order) - 2))
        j = draw(st.integers(i + 1, len(order) - 1))
        order.insert(j, order.pop(i))
    recorded = [made[i] for i in order]
    # An edit may itself be edited: move each edit after the entry it replaces, again until
    # none comes before its entry (the chains of edits have no loops, so this ends).
    while True:
        ids = [e.get("id") for e in recorded]
        early = [
            index
            for index, item in enumerate(recorded)
            if item.get("replaces") and ids.index(item["replaces"]) > index
        ]
        if not early:
            break
        recorded.append(recorded.pop(early[0]))
    return Journey(intake, [event_from(item, "generated") for item in recorded])


def flags_standing(journey: Journey) -> list[str]:
    """The red flags no clearance recorded after them has lifted (the oracle)."""
    intake = journey.intake
    flags: list[tuple[int, str]] = []
    if pelvic_floor_signs(intake.symptoms, intake.days_since_birth(intake.assessed_on)):
        flags.append((-1, "first answers"))
    clearances: list[int] = []
    for seq, event in enumerate(journey.events):
        days = intake.days_since_birth(event.date)
        match event.type:
            case "session" if event.pelvic_floor_symptoms:
                flags.append((seq, f"session {event.id}"))
            case "symptom" | "retest" if pelvic_floor_signs(list(event.symptoms), days):
                flags.append((seq, f"{event.type} on {event.date}"))
            case "answers" if pelvic_floor_signs(event.intake.symptoms, days):
                flags.append((seq, f"answers on {event.date}"))
            case "clearance":
                clearances.append(seq)
    # Every version of an entry that said so is a flag from when it was recorded: a later
    # correction cannot take it back, and only a clearance recorded after it lifts it.
    last_clearance = max(clearances, default=-2)
    return [what for seq, what in flags if seq > last_clearance]


def future_runs(plan: Plan) -> list[Any]:
    return [s for s in plan.sessions if s.log is None and s.kind in RUN_KINDS]


@JOURNEY_SETTINGS
@given(journeys())
def test_a_red_flag_stands_until_a_clearance_recorded_after_it(journey: Journey) -> None:
    plan = plan_of(journey.intake, journey.events)
    standing = flags_standing(journey)
    if standing:
        assert plan.status == "refer", standing
        assert plan.verdict.status in ("refer", "paused")
        assert plan.referral is not None
        assert not future_runs(plan)


@JOURNEY_SETTINGS
@given(journeys())
def test_the_verdict_agrees_with_the_plan(journey: Journey) -> None:
    plan = plan_of(journey.intake, journey.events)
    upcoming = [s for s in plan.sessions if s.log is None]
    if plan.verdict.status == "paused":
        assert plan.pause is not None
        assert not upcoming
    elif plan.verdict.status == "refer":
        assert plan.referral is not None
        assert not future_runs(plan)
        impacts = {CATALOG.exercise(i.exercise_id).impact for s in upcoming for i in s.items}
        assert impacts <= {"none", "low"}
    else:
        assert plan.referral is None
        assert plan.pause is None
    if plan.verdict.status == "not_yet":
        assert not [s for s in future_runs(plan) if not s.provisional]
    assert (plan.referral is None) == (plan.status != "refer")


@JOURNEY_SETTINGS
@given(journeys())
def test_no_journey_plans_a_run_before_twelve_weeks(journey: Journey) -> None:
    plan = plan_of(journey.intake, journey.events)
    twelve_weeks = journey.intake.birth_date + timedelta(days=84)
    assert all(s.date >= twelve_weeks for s in future_runs(plan))


@JOURNEY_SETTINGS
@given(journeys())
def test_walk_run_only_never_plans_continuous_running(journey: Journey) -> None:
    plan = plan_of(journey.intake, journey.events)
    if "walk_run_only" in plan.limits:
        assert all(s.kind == "walk_run" for s in future_runs(plan))
    if "no_running_until_retest" in plan.limits:
        assert all(s.provisional for s in future_runs(plan))


@JOURNEY_SETTINGS
@given(journeys())
def test_every_logged_entry_carries_on_in_the_plan(journey: Journey) -> None:
    plan = plan_of(journey.intake, journey.events)
    replaced = {e.replaces for e in journey.events if e.replaces}
    kept = [
        e
        for e in journey.events
        if e.type in ("session", "retest") and (e.id is None or e.id not in replaced)
    ]
    assert len([s for s in plan.sessions if s.log is not None]) == len(kept)
