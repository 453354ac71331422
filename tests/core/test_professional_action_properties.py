"""Safety properties of a professional's actions, over generated histories: her logs,
pauses and resumptions mixed with holds, releases, stage moves (with and without
overrides), exercise changes, re-test days, clinic baselines and clearances by every
profession.

The oracles are written from the rules, not from the engine."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.core.errors import InputError
from strideback.core.intake import Intake
from strideback.core.programme import Event, event_from
from strideback.core.programme.model import LIMITS
from strideback.core.readiness import pelvic_floor_signs
from strideback.core.rules import OVERRIDABLE_RULES, PELVIC_FLOOR_CLEARERS
from tests.core.test_referral_properties import future_runs
from tests.core.test_safety_properties import CATALOG, TODAY, intakes, plan_of, session_event

ACTION_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFESSIONS = ["pelvic_health_physio", "physiotherapist", "running_coach", "personal_trainer"]
EXERCISES = sorted(e.id for e in CATALOG.exercises.values() if e.test is None)


def authors() -> st.SearchStrategy[dict[str, str]]:
    return st.builds(
        lambda name, profession: {"name": name, "profession": profession, "practice": "Clinic"},
        st.sampled_from(["Anna Lee", "Kim Fox", "Sam Roe"]),
        st.sampled_from(PROFESSIONS),
    )


def _action(kind: str, when: str, draw: st.DrawFn) -> dict[str, Any]:
    made: dict[str, Any] = {"type": kind, "date": when, "author": draw(authors())}
    match kind:
        case "stage":
            made["direction"] = draw(st.sampled_from(["advance", "advance", "back"]))
            made["overrides"] = draw(st.lists(st.sampled_from(OVERRIDABLE_RULES), unique=True))
        case "dose":
            made["exercise"] = draw(st.sampled_from(EXERCISES))
            made["sets"] = draw(st.integers(1, 10))
        case "swap":
            made["exercise"], made["with"] = (
                draw(st.sampled_from(EXERCISES)),
                draw(st.sampled_from(EXERCISES)),
            )
        case "add":
            made["exercise"] = draw(st.sampled_from(EXERCISES))
            made["session"] = draw(st.sampled_from(["strength", "mobility"]))
        case "retest_due":
            made["on"] = when
        case "baseline":
            made["symptoms"] = draw(
                st.just([]) | st.lists(st.sampled_from(["leaking"]), max_size=1)
            )
        case "clearance":
            made["limits"] = draw(st.lists(st.sampled_from(LIMITS), unique=True, max_size=2))
    return made


@st.composite
def histories(draw: st.DrawFn) -> tuple[Intake, list[Event]]:
    intake = draw(intakes())
    offsets = sorted(draw(st.lists(st.integers(0, 80), max_size=18)))
    made: list[dict[str, Any]] = []
    for n, offset in enumerate(offsets):
        when = (TODAY + timedelta(days=offset)).isoformat()
        kind = draw(
            st.sampled_from(
                ["session"] * 6
                + ["pause", "resume", "hold", "release", "stage", "stage", "stage"]
                + ["dose", "swap", "add", "retest_due", "baseline", "clearance"]
            )
        )
        if kind == "session":
            made.append({**session_event(offset, draw), "id": f"s{n}"})
        elif kind in ("pause", "resume"):
            made.append({"type": kind, "date": when})
        else:
            made.append({**_action(kind, when, draw), "id": f"a{n}"})
    return intake, [event_from(item, "generated") for item in made]


def pelvic_floor_flags_standing(intake: Intake, events: list[Event]) -> list[int]:
    """The pelvic-floor red flags no physiotherapist's clearance (or her own record of one)
    recorded after them has lifted."""
    days = intake.days_since_birth(intake.assessed_on)
    flags = [-1] if pelvic_floor_signs(intake.symptoms, days) else []
    lifted = -2
    for seq, event in enumerate(events):
        match event.type:
            case "session" if event.pelvic_floor_symptoms:
                flags.append(seq)
            case "baseline" if event.symptoms:
                flags.append(seq)
            case "clearance" if (
                event.author is None or event.author.profession in PELVIC_FLOOR_CLEARERS
            ):
                lifted = seq
    return [seq for seq in flags if seq > lifted]


@ACTION_SETTINGS
@given(histories())
def test_no_action_plans_a_run_before_twelve_weeks(history: tuple[Intake, list[Event]]) -> None:
    intake, events = history
    plan = plan_of(intake, events)
    twelve_weeks = intake.birth_date + timedelta(days=84)
    assert all(s.date >= twelve_weeks for s in future_runs(plan))


@ACTION_SETTINGS
@given(histories())
def test_a_coach_or_trainer_never_lifts_a_pelvic_floor_referral(
    history: tuple[Intake, list[Event]],
) -> None:
    intake, events = history
    plan = plan_of(intake, events)
    if pelvic_floor_flags_standing(intake, events):
        assert plan.status == "refer"
        assert plan.referral is not None
        assert not future_runs(plan)


@ACTION_SETTINGS
@given(histories())
def test_an_advance_never_passes_a_red_flag_a_referral_a_hold_or_a_pause(
    history: tuple[Intake, list[Event]],
) -> None:
    intake, events = history
    decisions = {d.event: d for d in plan_of(intake, events).decisions if d.event}
    for index, event in enumerate(events):
        if event.type != "stage" or event.direction != "advance":
            continue
        before = plan_of(intake, events[:index])
        blocked = (
            before.referral is not None
            or before.hold is not None
            or before.pause is not None
            or event.date < intake.birth_date + timedelta(days=84)
        )
        if blocked:
            assert decisions[event.id].decision == "refused"


@ACTION_SETTINGS
@given(histories())
def test_her_own_pause_and_resume_never_lift_a_hold(history: tuple[Intake, list[Event]]) -> None:
    intake, events = history
    held = False
    for event in events:
        if event.type == "hold":
            held = True
        elif event.type == "release":
            held = False
    assert (plan_of(intake, events).hold is not None) == held


@given(authors() | st.none(), st.booleans())
def test_a_runner_release_without_revocation_is_refused(
    author: dict[str, str] | None, after_revocation: bool
) -> None:
    data: dict[str, Any] = {"type": "release", "date": TODAY.isoformat()}
    if author is not None:
        data["author"] = author
    if after_revocation:
        data["after_revocation"] = True
    if author is None and not after_revocation:
        with pytest.raises(InputError) as error:
            event_from(data, "generated")
        assert "after_revocation" in error.value.describe()
    else:
        assert event_from(data, "generated").type == "release"
