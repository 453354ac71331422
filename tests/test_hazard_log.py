"""The hazard log names the tests that guard each hazard; every name must be a real test."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "docs" / "safety" / "hazard-log.md"


def named_tests() -> list[tuple[str, str]]:
    """(file, test) for every `file::test` and `::test` (same file as the one before)."""
    found: list[tuple[str, str]] = []
    for row in LOG.read_text().splitlines():
        if not row.startswith("| H"):
            continue
        current = ""
        for reference in re.findall(r"`([^`]*::[^`]+)`", row):
            path, _, name = reference.partition("::")
            if path:
                current = path if path.startswith("tests/") else f"tests/core/{path}"
            found.append((current, name))
    return found


def test_every_test_the_hazard_log_names_exists() -> None:
    references = named_tests()
    assert len(references) > 30
    missing = [
        f"{path}::{name}"
        for path, name in references
        if f"def {name}(" not in (ROOT / path).read_text()
    ]
    assert missing == []
