"""Readiness: refer for any pelvic-floor sign, not yet before 12 weeks or untested, else ready."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from strideback.core.intake import LOAD_IMPACT_TESTS, PELVIC_FLOOR_SIGNS
from strideback.core.readiness import assess
from strideback.core.rules import RULES
from tests.conftest import TODAY, all_passed, make_intake


def rules_of(reasons: list[Any]) -> list[str]:
    return [reason.rule for reason in reasons]


@pytest.mark.parametrize(
    ("weeks", "fields", "status", "rules"),
    [
        (14, {"tests": all_passed()}, "ready", ["ready_to_run"]),
        (11, {"tests": all_passed()}, "not_yet", ["twelve_weeks"]),
        (6, {}, "not_yet", ["twelve_weeks", "load_impact_not_done"]),
        (20, {}, "not_yet", ["load_impact_not_done"]),
        (
            20,
            {"tests": {"load_impact": {**all_passed()["load_impact"], "hop_in_place": "fail"}}},
            "not_yet",
            ["load_impact_failed"],
        ),
        (
            20,
            {"tests": {"load_impact": {**all_passed()["load_impact"], "walk": None}}},
            "not_yet",
            ["load_impact_not_done"],
        ),
        (
            16,
            {"symptoms": ["urinary_leakage"], "tests": all_passed()},
            "refer",
            ["pelvic_floor_sign"],
        ),
        (
            10,
            {"symptoms": ["pelvic_heaviness"]},
            "refer",
            ["pelvic_floor_sign", "twelve_weeks", "load_impact_not_done"],
        ),
        (
            9,
            {"symptoms": ["bleeding"], "tests": all_passed()},
            "refer",
            ["bleeding_after_8_weeks", "twelve_weeks"],
        ),
        (7, {"symptoms": ["bleeding"], "tests": all_passed()}, "not_yet", ["twelve_weeks"]),
    ],
)
def test_the_verdict_and_its_reasons(
    weeks: float, fields: dict[str, Any], status: str, rules: list[str]
) -> None:
    verdict = assess(make_intake(weeks, **fields))
    assert verdict.status == status
    assert rules_of(verdict.reasons) == rules


@pytest.mark.parametrize("sign", [s for s in PELVIC_FLOOR_SIGNS if s != "bleeding"])
def test_every_pelvic_floor_sign_refers_whatever_the_tests_say(sign: str) -> None:
    verdict = assess(make_intake(30, symptoms=[sign], tests=all_passed()))
    assert verdict.status == "refer"
    assert verdict.earliest_run_date is None
    assert "pelvic health physiotherapist" in verdict.headline


def test_bleeding_counts_as_a_sign_from_the_56th_day_after_birth() -> None:
    before = assess(make_intake(55 / 7, symptoms=["bleeding"]))
    on_the_day = assess(make_intake(8, symptoms=["bleeding"]))
    assert before.status == "not_yet"
    assert "early_bleeding" in rules_of(before.advice)
    assert on_the_day.status == "refer"


def test_the_earliest_run_date_is_the_84th_day_after_birth() -> None:
    intake = make_intake(6)
    verdict = assess(intake)
    assert verdict.earliest_run_date == intake.birth_date + timedelta(days=84)
    assert verdict.earliest_run_date.strftime("%B") in verdict.headline


def test_after_12_weeks_the_earliest_run_date_is_the_assessment_day() -> None:
    assert assess(make_intake(20)).earliest_run_date == TODAY


def test_day_84_is_the_first_day_that_can_be_ready() -> None:
    assert assess(make_intake(83 / 7, tests=all_passed())).status == "not_yet"
    assert assess(make_intake(12, tests=all_passed())).status == "ready"


def test_the_twelve_week_rule_says_it_rests_on_expert_opinion() -> None:
    reason = assess(make_intake(6)).reasons[0]
    assert (reason.rule, reason.source, reason.evidence) == (
        "twelve_weeks",
        "goom2019",
        "expert-opinion",
    )
    assert "expert agreement" in reason.message


@pytest.mark.parametrize(
    ("fields", "note"),
    [
        ({"delivery": "caesarean"}, "caesarean_healing"),
        ({"perineal_tear": "fourth"}, "severe_tear"),
        ({"breastfeeding": True}, "breastfeeding"),
        ({"sleep_hours": 5}, "short_sleep"),
        ({"running_background": "new_to_running"}, "new_runner"),
        ({"tests": {**all_passed(), "strength": {"single_leg_bridge": 12}}}, "strength_shortfall"),
    ],
)
def test_risk_factors_advise_but_never_block(fields: dict[str, Any], note: str) -> None:
    tests = fields.pop("tests", all_passed())
    verdict = assess(make_intake(14, tests=tests, **fields))
    assert verdict.status == "ready"
    assert note in rules_of(verdict.advice)


def test_a_failed_test_is_named_in_plain_words() -> None:
    tests = {"load_impact": {**dict.fromkeys(LOAD_IMPACT_TESTS, "pass"), "forward_bounds": "fail"}}
    message = assess(make_intake(14, tests=tests)).reasons[0].message
    assert message.startswith("The forward bounds did not pass yet")


def test_every_reason_cites_the_source_and_evidence_of_its_rule() -> None:
    intakes = [
        make_intake(
            6, delivery="caesarean", breastfeeding=True, sleep_hours=4, perineal_tear="third"
        ),
        make_intake(20, symptoms=["urgency", "bleeding", "constipation"]),
        make_intake(14, tests=all_passed(), running_background="new_to_running"),
    ]
    for intake in intakes:
        verdict = assess(intake)
        for reason in verdict.reasons + verdict.advice:
            rule = RULES[reason.rule]
            assert (reason.source, reason.evidence) == (rule.source, rule.evidence)
            assert len(reason.message) > 20


def test_a_referred_runner_is_not_promised_a_retest_day() -> None:
    verdict = assess(make_intake(16, symptoms=["urgency"]))
    messages = " ".join(r.message for r in verdict.reasons + verdict.advice)
    assert "re-test day" not in messages
    assert "once a pelvic health physiotherapist has seen you" in messages
