"""`strideback plan --format html|pdf`: the handout from the command line.

The HTML handout carries each exercise's picture; the PDF goes to a file with -o, or to a
pipe, and never as gibberish onto a terminal (exit 2, with what to do instead).
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.cli.test_cli import (
    EVENTS,
    READY,
    REFER,
    assert_bad_input,
    assert_ok,
    plan_json,
    run_pinned,
)
from tests.conftest import TODAY

STRIDEBACK = Path(sys.executable).parent / "strideback"
PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b(?!s)")


def weeks_in(intake: Path, *extra: str) -> int:
    """How many programme weeks hold a session (week 1 starts on the plan's first day)."""
    plan = plan_json(intake, *extra)
    start = date.fromisoformat(plan["start"])
    return len({(date.fromisoformat(s["date"]) - start).days // 7 for s in plan["sessions"]})


def test_the_html_handout_from_the_command_line_has_the_pictures() -> None:
    result = run_pinned("plan", READY, "--format", "html")
    assert_ok(result)
    assert '<symbol id="fig-single_leg_bridge"' in result.stdout
    assert '<use href="#fig-single_leg_bridge"/>' in result.stdout
    assert result.stdout.count('<section class="week"') == weeks_in(READY)


def test_the_pdf_is_written_to_the_file_named_with_a_page_per_week_and_a_cover(
    tmp_path: Path,
) -> None:
    target = tmp_path / "plan.pdf"
    result = run_pinned("plan", READY, "--events", EVENTS, "--format", "pdf", "-o", target)
    assert_ok(result)
    assert result.stdout == ""
    assert f"Wrote {target}" in result.stderr
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(PAGE_OBJECT.findall(pdf)) >= weeks_in(READY, "--events", EVENTS) + 1


def test_the_pdf_goes_to_a_pipe_byte_for_byte_the_same_as_the_file(tmp_path: Path) -> None:
    target = tmp_path / "refer.pdf"
    assert_ok(run_pinned("plan", REFER, "--format", "pdf", "-o", target))
    piped = run_pinned("plan", REFER, "--format", "pdf")  # stdout is not a terminal here
    assert_ok(piped)
    assert piped.stdout_bytes == target.read_bytes()


def test_the_pdf_is_not_poured_onto_a_terminal() -> None:
    controller, terminal = pty.openpty()
    try:
        finished = subprocess.run(
            [str(STRIDEBACK), "plan", str(READY), "--format", "pdf", "--today", TODAY.isoformat()],
            stdout=terminal,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
            env={**os.environ, "NO_COLOR": "1"},
        )
    finally:
        os.close(terminal)
    os.set_blocking(controller, False)
    try:
        shown = os.read(controller, 65536)
    except (BlockingIOError, OSError):
        shown = b""
    os.close(controller)
    assert finished.returncode == 2
    message = finished.stderr.decode()
    assert "--format pdf is a binary file: give -o FILE" in message
    assert "Traceback" not in message
    assert b"%PDF" not in shown


def test_a_pdf_into_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "plan.pdf"
    assert_bad_input(
        run_pinned("plan", READY, "--format", "pdf", "-o", target),
        str(target),
        "could not be written",
    )
    assert not target.parent.exists()
