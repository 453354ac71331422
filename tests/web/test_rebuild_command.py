"""`strideback rebuild`: the caseload's summaries recomputed from the replay."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from strideback.cli import app
from strideback.core.programme.summary import ENGINE_VERSION
from strideback.programmes.models import ProgrammeSummary
from tests.web.conftest import log, make_user, start

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["rebuild", *args])
    return result.exit_code, result.output


def test_it_rebuilds_the_outdated_and_the_missing_and_says_how_many() -> None:
    first, second, third = (make_user(f"r{n}@example.com") for n in range(3))
    outdated = start(first)
    log(first, outdated)
    start(second)
    missing = start(third)
    ProgrammeSummary.objects.filter(programme=outdated).update(engine_version=0, last_log=None)
    ProgrammeSummary.objects.filter(programme=missing).delete()

    code, output = _run()

    assert code == 0, output
    assert output.strip() == "Rebuilt 2 programme summaries."
    rebuilt = ProgrammeSummary.objects.get(programme=outdated)
    assert rebuilt.engine_version == ENGINE_VERSION
    assert rebuilt.last_log is not None
    assert ProgrammeSummary.objects.filter(programme=missing).exists()


def test_with_all_it_rebuilds_every_one() -> None:
    start(make_user("only@example.com"))
    assert _run("--all") == (0, "Rebuilt 1 programme summary.\n")
    assert _run() == (0, "Rebuilt 0 programme summaries.\n")
