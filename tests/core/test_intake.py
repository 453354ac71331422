"""The intake: valid data is accepted with sensible defaults; bad data says what is wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from strideback.core.errors import InputError
from strideback.core.intake import load_intake, parse_intake
from tests.conftest import TODAY, intake_data


def problems_of(data: Any) -> str:
    with pytest.raises(InputError) as caught:
        parse_intake(data, "intake.yaml", TODAY)
    return caught.value.describe()


def test_only_the_birth_date_is_required_and_the_assessment_day_defaults_to_today() -> None:
    intake = parse_intake({"birth_date": "2026-08-01"}, "intake.yaml", TODAY)
    assert intake.assessed_on == TODAY
    assert intake.symptoms == []
    assert intake.days_per_week is None  # any three days, spread out
    assert intake.weekdays(0) == (0, 2, 4)
    assert intake.tests.load_impact.not_done()


def test_repeated_symptoms_and_equipment_count_once() -> None:
    intake = parse_intake(
        intake_data(symptoms=["urgency", "urgency"], equipment=["mini_band", "mini_band"]),
        "intake.yaml",
        TODAY,
    )
    assert intake.symptoms == ["urgency"]
    assert intake.equipment == ["mini_band"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"birth_date": "2026-12-01"}, "birth_date: 2026-12-01 is after the assessment day"),
        (
            {"birth_date": "2026-08-01", "assessed_on": "2026-07-01"},
            "birth_date: 2026-08-01 is after the assessment day (2026-07-01)",
        ),
        (
            {"birth_date": "2026-08-01", "assessed_on": "2026-12-01"},
            "assessed_on: 2026-12-01 is in the future",
        ),
        (
            {"birth_date": "1 August"},
            "birth_date: '1 August': should be a date written as YYYY-MM-DD",
        ),
        ({"birth_date": 20260801}, "should be a date written as YYYY-MM-DD"),
        ({}, "birth_date: Birth date: please give the day your baby was born (YYYY-MM-DD)."),
        (intake_data(delivery="c-section"), "delivery: 'c-section' is not allowed"),
        (intake_data(symptoms=["tired"]), "symptoms[0]: 'tired' is not allowed"),
        (intake_data(days_per_week=8), "days_per_week: 8: input should be less than or equal to 7"),
        (
            intake_data(sleep_hours=-1),
            "sleep_hours: -1: input should be greater than or equal to 0",
        ),
        (
            intake_data(tests={"load_impact": {"walk": "ok"}}),
            "tests.load_impact.walk: 'ok' is not allowed. Input should be 'pass' or 'fail'",
        ),
        (
            intake_data(tests={"strength": {"single_leg_bridge": -3}}),
            "tests.strength.single_leg_bridge: -3: input should be greater than or equal to 0",
        ),
    ],
)
def test_bad_values_are_named_with_what_is_allowed(data: dict[str, Any], expected: str) -> None:
    assert expected in problems_of(data)


def test_an_unknown_key_lists_the_keys_allowed_there() -> None:
    message = problems_of(intake_data(tests={"load_impact": {"plank": "pass"}}, babies=2))
    assert "babies: is not a field we know. Allowed here: birth_date, assessed_on" in message
    assert "tests.load_impact.plank: is not a field we know. Allowed here: walk," in message


def test_a_bad_delivery_lists_every_allowed_value() -> None:
    message = problems_of(intake_data(delivery="c-section"))
    assert "'vaginal', 'assisted_vaginal' or 'caesarean'" in message


def test_every_problem_is_reported_at_once() -> None:
    message = problems_of(intake_data(delivery="x", perineal_tear="fifth", goal="ultra"))
    assert message.startswith("intake.yaml: 3 problems:")


def test_a_document_that_is_not_a_mapping_is_refused() -> None:
    assert "should hold a mapping of fields, but it is a list" in problems_of(["2026-08-01"])
    assert "it is empty" in problems_of(None)


def test_a_yaml_file_is_read_with_its_dates(tmp_path: Path) -> None:
    path = tmp_path / "intake.yaml"
    path.write_text("birth_date: 2026-08-01\nassessed_on: 2026-11-01\n", encoding="utf-8")
    intake = load_intake(path, TODAY)
    assert intake.birth_date == date(2026, 8, 1)
    assert intake.days_since_birth(intake.assessed_on) == 92


def test_a_json_file_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "intake.json"
    path.write_text('{"birth_date": "2026-08-01", "symptoms": ["urgency"]}', encoding="utf-8")
    assert load_intake(path, TODAY).symptoms == ["urgency"]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("intake.yaml", "birth_date: [2026-08-01\n", "is not valid YAML at line 2, column 1"),
        ("intake.json", '{"birth_date": }', "is not valid JSON at line 1, column 16"),
        (
            "intake.yaml",
            "birth_date: 2026-02-30\n",
            "could not be read as YAML: day is out of range",
        ),
    ],
)
def test_unreadable_files_say_where(tmp_path: Path, name: str, text: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_intake(path, TODAY)
    assert caught.value.describe() == f"{path}: {caught.value.problems[0].message}"
    assert expected in caught.value.describe()


def test_a_missing_file_or_a_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_intake(tmp_path / "nope.yaml", TODAY)
    with pytest.raises(InputError, match="is a folder"):
        load_intake(tmp_path, TODAY)
