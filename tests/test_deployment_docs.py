"""Every setting the app reads is documented, so nobody has to read the source to deploy it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_environment_variable_the_app_reads_is_in_the_deployment_guide() -> None:
    read = set()
    for module in (ROOT / "strideback" / "web").glob("*.py"):
        read |= set(re.findall(r'"(STRIDEBACK_[A-Z_]+)"', module.read_text()))
    documented = set(
        re.findall(r"`(STRIDEBACK_[A-Z_]+)`", (ROOT / "docs" / "deployment.md").read_text())
    )
    assert read, "no settings found: has the settings module moved?"
    assert read - documented == set()
