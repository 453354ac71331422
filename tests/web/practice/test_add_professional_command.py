"""`strideback practice add-professional`: the first owner of a practice, and operators."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from strideback.accounts.models import User
from strideback.cli import app
from strideback.practice.models import Membership, Practice
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["practice", "add-professional", *args])
    return result.exit_code, result.output


def test_it_creates_the_first_owner_and_her_practice() -> None:
    code, output = _run(
        "Anna@Clinic.example", "--practice", "Pelvic Rehab", "--country", "United Kingdom"
    )
    assert code == 0, output
    assert "Created the account anna@clinic.example" in output
    assert "is its owner" in output
    assert "Forgotten your password?" in output
    membership = Membership.objects.get(user__email="anna@clinic.example")
    assert membership.role == "owner"
    assert membership.user.is_professional
    assert not membership.user.has_usable_password()


def test_it_promotes_a_runner_into_an_existing_practice_with_the_role_given() -> None:
    Practice.objects.create(name="Pelvic Rehab", country="United Kingdom")
    make_user("ben@clinic.example")
    code, output = _run(
        "ben@clinic.example",
        "--practice",
        "pelvic rehab",
        "--role",
        "coach",
        "--profession",
        "running_coach",
    )
    assert code == 0, output
    assert "Found the account" in output
    assert "now a professional" in output
    ben = User.objects.get(email="ben@clinic.example")
    assert ben.profession == "running_coach"
    assert Membership.objects.get(user=ben).role == "coach"
    # Again, as clinician: her role changes, no second membership.
    assert _run("ben@clinic.example", "--practice", "Pelvic Rehab", "--role", "clinician")[0] == 0
    assert list(Membership.objects.filter(user=ben).values_list("role", flat=True)) == ["clinician"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--practice", "New Place"], "--country: the practice 'New Place' is new"),
        (["--practice", "P", "--country", "UK", "--role", "boss"], "'boss' is not a role"),
        (
            ["--practice", "P", "--country", "UK", "--profession", "doctor"],
            "'doctor' is not known; use pelvic_health_physio",
        ),
    ],
)
def test_bad_options_exit_2_saying_what_is_allowed_and_change_nothing(
    args: list[str], said: str
) -> None:
    code, output = _run("anna@clinic.example", *args)
    assert code == 2
    assert said in output
    assert not User.objects.filter(email="anna@clinic.example").exists()
