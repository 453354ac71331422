"""The take-away formats from the core: the handout as printable HTML and as a PDF, and the
calendar in its private (subscribed feed) form.

The handout is what a runner pins to the fridge: a cover with the verdict and why, then a
page per week, each exercise with its picture, dose and key cue, and the disclaimer on every
printed sheet. What she logged shows only as done or skipped.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fpdf import FPDF
from icalendar import Calendar

from strideback.core.catalog import Catalog
from strideback.core.drawing.figures import figure_operators
from strideback.core.export import PLAN_FORMATS, plan_html, plan_ics, plan_pdf, render_plan
from strideback.core.export import pdf as pdf_module
from strideback.core.export.handout import (
    Handout,
    HandoutItem,
    HandoutSession,
    HandoutWeek,
    build_handout,
)
from strideback.core.export.html import handout_html, handout_style
from strideback.core.export.pdf import (
    _lines,
    forget_pdfs,
    handout_digest,
    handout_pdf,
    pdf_text,
)
from strideback.core.export.text import weeks
from strideback.core.intake import Intake
from strideback.core.programme import DISCLAIMER, Event, Plan, PlanInputs, event_from, replay
from tests.conftest import TODAY, make_intake

NOTE = "Ran past the pier, Maisie in the sling at home with Dad"
PAIN_PLACE = "right hip, low down"
PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b(?!s)")
PAGE_NUMBER = re.compile(rb"\(Page (\d+) of \) Tj \((\d+)\) Tj")
DISCLAIMER_START = b"Strideback offers general guidance"


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def plan_of(intake: Intake, catalog: Catalog, events: list[Event] | None = None) -> Plan:
    return replay(PlanInputs(intake=intake, catalog=catalog, start=TODAY), events or [])


def run_log(offset: int, **fields: Any) -> Event:
    data = {"type": "session", "date": day(offset).isoformat(), "kind": "walk_run"}
    return event_from({**data, "completed": "all", **fields}, "test")


def pages_of(pdf: bytes) -> int:
    return len(PAGE_OBJECT.findall(pdf))


# ---------------------------------------------------------------------------------------
# What the handout holds


def test_a_week_shows_sessions_with_the_same_contents_once_with_each_day(
    catalog: Catalog,
) -> None:
    plan = plan_of(make_intake(6, delivery="caesarean", days_per_week=3), catalog)
    handout = build_handout(plan, catalog)
    first = handout.weeks[0]
    days_in_plan = [s.date for s in weeks(plan)[0][1]]
    assert sorted(d for s in first.sessions for d in s.days) == days_in_plan
    repeated = [s for s in first.sessions if len(s.days) > 1]
    assert repeated, "the early runner's week has the same strength session twice"
    assert " and " in repeated[0].when
    assert len(first.sessions) < len(days_in_plan)


def test_every_exercise_in_the_weeks_shown_has_its_picture(
    ready_runner: Intake, catalog: Catalog
) -> None:
    handout = build_handout(plan_of(ready_runner, catalog), catalog)
    shown = {item.exercise_id for w in handout.weeks for s in w.sessions for item in s.items}
    assert shown
    assert set(handout.figures) == shown
    assert all(svg.startswith("<svg") for svg in handout.figures.values())
    assert build_handout(plan_of(ready_runner, catalog)).figures == {}


def test_weeks_that_are_over_are_left_out_and_the_cover_says_so(
    ready_runner: Intake, catalog: Catalog
) -> None:
    plan = plan_of(ready_runner, catalog)
    all_weeks = build_handout(plan, catalog)
    later = build_handout(plan, catalog, since=day(15))
    assert [w.number for w in later.weeks] == [w.number for w in all_weeks.weeks][2:]
    assert later.left_out == "Weeks 1 to 2 are over and left out; your history has them."
    assert later.left_out in plan_html(plan, catalog, since=day(15))
    assert later.left_out.encode() in plan_pdf(plan, catalog, since=day(15), compress=False)
    assert later.subtitle.startswith(f"As of Sunday {day(15).day} December")
    one = build_handout(plan, catalog, since=day(8))
    assert one.left_out == "Week 1 is over and left out; your history has it."
    assert all_weeks.left_out is None
    assert build_handout(plan, catalog, since=TODAY).subtitle.startswith("From ")


def test_what_she_logged_shows_only_as_done_or_skipped(
    ready_runner: Intake, catalog: Catalog
) -> None:
    events = [
        run_log(0, rpe=5, pain=2, pain_where=PAIN_PLACE, note=NOTE),
        run_log(2, completed="skipped"),
    ]
    plan = plan_of(ready_runner, catalog, events)
    html = plan_html(plan, catalog)
    pdf = plan_pdf(plan, catalog, compress=False)
    for text in (html, pdf.decode("latin-1")):
        assert "Logged as done." in text
        assert "Logged as skipped." in text
        assert NOTE not in text
        assert PAIN_PLACE not in text
        assert "pain 2/10" not in text


def test_the_cover_lists_the_newest_changes_and_counts_the_earlier_ones(
    ready_runner: Intake, catalog: Catalog
) -> None:
    events = [run_log(0), run_log(2, pain=7), run_log(4)]
    plan = plan_of(ready_runner, catalog, events)
    many = plan.model_copy(update={"decisions": plan.decisions * 3})
    handout = build_handout(many, catalog)
    assert len(handout.changes) == 5
    assert handout.earlier_changes == len(many.decisions) - 5
    assert all(": " in change and " Because: " in change for change in handout.changes)
    html = handout_html(handout)
    assert f"And {handout.earlier_changes} earlier changes; your history has them." in html
    single = build_handout(plan.model_copy(update={"decisions": plan.decisions[:1] * 6}), catalog)
    assert "And 1 earlier change; your history has it." in handout_html(single)
    pdf = handout_pdf(handout, compress=False)
    assert b"(What changed and why) Tj" in pdf
    assert b"earlier changes; your history has them." in pdf


# ---------------------------------------------------------------------------------------
# Printable HTML


@pytest.mark.parametrize("who", ["ready_runner", "early_runner", "referred_runner"])
def test_the_html_handout_has_a_cover_and_a_section_per_week_each_with_the_disclaimer(
    who: str, catalog: Catalog, request: pytest.FixtureRequest
) -> None:
    plan = plan_of(request.getfixturevalue(who), catalog)
    html = plan_html(plan, catalog)
    assert html.startswith("<!doctype html>")
    assert '<html lang="en-GB">' in html
    assert html.count('<section class="week"') == len(weeks(plan))
    assert html.count('<footer class="week-foot">') == len(weeks(plan))
    assert html.count(DISCLAIMER) == len(weeks(plan)) + 2  # cover, each week, @page
    assert plan.verdict.headline in html
    assert "<script" not in html
    assert ' style="' not in html


def test_the_print_stylesheet_starts_each_week_on_a_new_sheet_of_a4(catalog: Catalog) -> None:
    style = handout_style(DISCLAIMER)
    assert "@page{size:A4" in style
    assert ".week{break-before:page" in style
    assert ".cover{break-after:page}" in style
    assert f'@bottom-left{{content:"{DISCLAIMER}"' in style
    assert 'counter(page) " of " counter(pages)' in style
    assert ".screen-only,.week-foot{display:none}" in style
    tricky = handout_style('Say "stop" \\ now')
    assert 'content:"Say \\"stop\\" \\\\ now"' in tricky


def test_each_picture_is_drawn_once_and_used_where_the_exercise_appears(
    ready_runner: Intake, catalog: Catalog
) -> None:
    plan = plan_of(ready_runner, catalog)
    html = plan_html(plan, catalog)
    handout = build_handout(plan, catalog)
    uses = sum(len(s.items) for w in handout.weeks for s in w.sessions)
    assert html.count("<symbol id=") == len(handout.figures)
    assert html.count("<use href=") == uses
    assert "<title>" not in html.split("<main>")[0].split("</style>")[1]  # none in the sprite
    assert re.search(
        r'<svg class="fig" viewBox="[\d. ]+" role="img" aria-label="[^"]+: the key position">', html
    )


def test_a_picture_without_a_viewbox_is_drawn_where_it_is_used(
    ready_runner: Intake, catalog: Catalog
) -> None:
    handout = build_handout(plan_of(ready_runner, catalog), catalog)
    exercise = next(iter(handout.figures))
    odd = replace(handout, figures={exercise: '<svg width="10" height="10"><circle r="4"/></svg>'})
    html = handout_html(odd)
    assert "<symbol" not in html
    assert '<svg class="fig" width="10" height="10"><circle r="4"/></svg>' in html
    assert html.count('<span class="fig" aria-hidden="true"></span>') > 0  # the others


def test_without_the_catalog_the_handout_has_no_pictures(
    ready_runner: Intake, catalog: Catalog
) -> None:
    html = plan_html(plan_of(ready_runner, catalog))
    assert "<svg" not in html
    assert '<span class="fig" aria-hidden="true"></span>' in html
    assert PLAN_FORMATS["html"](plan_of(ready_runner, catalog)) == html
    assert render_plan(plan_of(ready_runner, catalog), "html", catalog) != html


def test_screen_links_are_escaped_and_kept_off_the_printout(
    ready_runner: Intake, catalog: Catalog
) -> None:
    html = plan_html(plan_of(ready_runner, catalog), links=[("Back & forth", "/a?b=1&c=2")])
    assert '<nav class="links screen-only" aria-label="Handout">' in html
    assert '<a href="/a?b=1&amp;c=2">Back &amp; forth</a>' in html


def test_a_plan_with_no_sessions_says_so(referred_runner: Intake, catalog: Catalog) -> None:
    empty = plan_of(referred_runner, catalog).model_copy(update={"sessions": []})
    assert "No sessions are planned" in plan_html(empty, catalog)
    assert b"No sessions are planned" in plan_pdf(empty, catalog, compress=False)


def test_provisional_sessions_say_they_wait_for_the_retest(
    early_runner: Intake, catalog: Catalog
) -> None:
    html = plan_html(plan_of(early_runner, catalog), catalog)
    assert '<span class="state">Only once every re-test passes.</span>' in html


# ---------------------------------------------------------------------------------------
# PDF


@pytest.mark.parametrize("who", ["ready_runner", "early_runner", "referred_runner"])
def test_the_pdf_has_the_cover_then_each_week_on_its_own_page_with_the_disclaimer_on_every_page(
    who: str, catalog: Catalog, request: pytest.FixtureRequest
) -> None:
    plan = plan_of(request.getfixturevalue(who), catalog)
    pdf = plan_pdf(plan, catalog, compress=False)
    pages = pages_of(pdf)
    assert pdf.startswith(b"%PDF-")
    assert pages >= len(weeks(plan)) + 1
    assert pages <= 2 * len(weeks(plan)) + 2  # a week runs on to a second page at most
    assert pdf.count(DISCLAIMER_START) == pages + 1  # each page's foot, and the cover
    numbers = [(int(n), int(total)) for n, total in PAGE_NUMBER.findall(pdf)]
    assert numbers == [(n, pages) for n in range(1, pages + 1)]
    headings = re.findall(rb"\((Week \d+)\) Tj", pdf)
    assert headings == [f"Week {n}".encode() for n, _ in weeks(plan)]
    assert b"(Can I run yet?) Tj" in pdf


def test_the_same_plan_always_gives_the_same_pdf_dated_by_the_plan(
    ready_runner: Intake, catalog: Catalog
) -> None:
    plan = plan_of(ready_runner, catalog)
    first = plan_pdf(plan, catalog)
    assert first == plan_pdf(plan, catalog)
    assert b"/CreationDate (D:20261121000000Z)" in plan_pdf(plan, catalog, compress=False)
    assert len(first) < len(plan_pdf(plan, catalog, compress=False))
    later = plan_pdf(plan, catalog, since=day(20), compress=False)
    assert f"/CreationDate (D:{day(20):%Y%m%d}000000Z)".encode() in later


def test_the_pdf_pictures_are_drawn_in_the_page(ready_runner: Intake, catalog: Catalog) -> None:
    plan = plan_of(ready_runner, catalog)
    with_pictures = plan_pdf(plan, catalog, compress=False)
    without = plan_pdf(plan, compress=False)
    # Each picture is vector paths (filled circles for heads, stroked limbs).
    assert with_pictures.count(b" re\n") >= without.count(b" re\n")
    assert len(with_pictures) > len(without) * 2


def test_the_same_handout_gives_the_same_bytes_drawn_once(
    ready_runner: Intake, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    handout = build_handout(plan_of(ready_runner, catalog), catalog)
    drawn = pdf_module._handout_pdf(handout, compress=True)
    assert pdf_module._handout_pdf(handout, compress=True) == drawn  # drawn again: the same
    monkeypatch.setattr(pdf_module, "_made", OrderedDict())
    calls: list[Handout] = []

    def counted(handout: Handout, *, compress: bool) -> bytes:
        calls.append(handout)
        return drawn if compress else b"uncompressed"

    monkeypatch.setattr(pdf_module, "_handout_pdf", counted)
    assert handout_pdf(handout) == drawn
    # The same contents, built again, are the same handout: not drawn again.
    again = build_handout(plan_of(ready_runner, catalog), catalog)
    assert handout_pdf(again) is handout_pdf(handout)
    assert len(calls) == 1
    assert handout_pdf(handout, compress=False) == b"uncompressed"
    assert len(calls) == 2
    # Another handout is another PDF; only the newest few are kept.
    others = [replace(handout, title=f"Programme {n}") for n in range(pdf_module.CACHED)]
    for other in others:
        handout_pdf(other)
    assert handout_digest(others[0]) != handout_digest(handout)
    assert len(pdf_module._made) == pdf_module.CACHED
    handout_pdf(handout)  # was dropped for newer ones: drawn again
    assert len(calls) == 2 + pdf_module.CACHED + 1
    forget_pdfs()
    assert not pdf_module._made


FIGURE_AT = re.compile(rb"q 1 0 0 1 [\d.]+ [\d.]+ cm\n")


def test_each_exercise_is_drawn_from_its_own_shapes_wherever_it_is_used(
    ready_runner: Intake, catalog: Catalog
) -> None:
    handout = build_handout(plan_of(ready_runner, catalog), catalog)
    pdf = handout_pdf(handout, compress=False)
    uses = [item.exercise_id for w in handout.weeks for s in w.sessions for item in s.items]
    assert set(handout.drawings) == set(handout.figures) == set(uses)
    assert len(FIGURE_AT.findall(pdf)) == len(uses)  # one picture per exercise shown
    for exercise, drawing in handout.drawings.items():
        operators = figure_operators(drawing, 22 * 72 / 25.4).encode()
        # Paths: moved to, lined to, curved (heads) and painted, in the page itself.
        assert re.search(rb" m .* l .* c ", operators, re.DOTALL)
        assert pdf.count(b"cm\n" + operators + b"\nQ") == uses.count(exercise)
    assert b"/XObject" not in pdf  # no pictures read in from SVG or images


def handout_texts(handout: Handout) -> set[str]:
    texts = {handout.title, handout.subtitle, handout.headline, handout.disclaimer}
    texts |= {*handout.why, *handout.good_to_know, *handout.changes, handout.how_to_use}
    for week in handout.weeks:
        for session in week.sessions:
            texts |= {session.title, session.summary, *session.notes}
            for item in session.items:
                texts |= {item.name, item.dose, f"“{item.cue}”", *item.swaps, *item.cautions}
    return texts


@pytest.mark.parametrize(
    ("style", "size", "width"), [("", 9.5, 186), ("B", 9, 60.5), ("", 7.6, 60.5)]
)
def test_the_pdf_breaks_lines_where_fpdf2_would(
    ready_runner: Intake, catalog: Catalog, style: str, size: float, width: float
) -> None:
    handout = build_handout(plan_of(ready_runner, catalog), catalog)
    awkward = {
        "",
        " ",
        "Two  spaces  between  words " * 6,
        "A" * 120,
        "Supercalifragilisticexpialidocious-and-more-of-the-same-with-no-spaces-at-all " * 2,
        "Eight\u00a0to\u00a0ten minutes, kept together by no-break spaces " * 3,
        "First line\nSecond line\n\nafter an empty one\n",
        "Soft\u00adhyphens are dropped; “quotes”, dashes – and … are kept",
    }
    reference = FPDF(unit="mm", format="A4")
    reference.core_fonts_encoding = "windows-1252"
    reference.add_page()
    reference.set_font("helvetica", style, size)
    for text in sorted(handout_texts(handout) | awkward):
        shown = pdf_text(text).replace("\u00ad", "")
        expected = reference.multi_cell(width, 4, shown, dry_run=True, output="LINES")
        lines = _lines(shown, style, size, width - 2 * reference.c_margin)
        # fpdf2 gives its lines in the PDF's bytes, a no-break space as it is.
        as_bytes = [line.encode("windows-1252").decode("latin-1") for line in lines or [""]]
        assert as_bytes == [line.replace("\u00a0", " ") for line in expected]


def test_a_character_too_wide_for_its_line_is_an_error() -> None:
    with pytest.raises(ValueError, match="too narrow"):
        _lines("W", "", 10, 1.0)


def test_a_week_too_long_for_one_page_continues_on_the_next(
    early_runner: Intake, catalog: Catalog
) -> None:
    handout = build_handout(plan_of(early_runner, catalog), catalog)
    week = handout.weeks[0]
    crowded = replace(week, sessions=week.sessions * 4)
    pdf = handout_pdf(replace(handout, weeks=(crowded,)), compress=False)
    assert b"(Week 1, continued" in pdf
    assert pages_of(pdf) >= 3


def test_a_session_longer_than_a_page_runs_on_between_rows(
    ready_runner: Intake, catalog: Catalog
) -> None:
    handout = build_handout(plan_of(ready_runner, catalog), catalog)
    session = next(s for w in handout.weeks for s in w.sessions if s.items)
    long = replace(
        session,
        title="A session with a title long enough to need a second line on the page " * 2,
        days=(TODAY, day(2), day(4), day(6)),
        items=session.items * 8,
        notes=tuple(f"Note {n}: keep it easy." for n in range(120)),
    )
    week = HandoutWeek(1, TODAY, day(6), (long,))
    pdf = handout_pdf(replace(handout, weeks=(week,)), compress=False)
    assert pdf.count(b"(Week 1, continued") >= 2
    assert b"Note 59: keep it easy.) Tj" in pdf


def test_a_long_cover_runs_on_to_more_pages_and_keeps_each_heading_with_its_list(
    ready_runner: Intake, catalog: Catalog
) -> None:
    handout = build_handout(plan_of(ready_runner, catalog), catalog)
    for reasons in range(14, 21):  # the last reason ends low on the page, then lower
        long = replace(handout, why=handout.why * reasons, weeks=())
        pdf = handout_pdf(long, compress=False)
        pages = pdf.split(b"/Type /Page\n")[1:]
        assert len(pages) == pages_of(pdf)
        assert pdf.count(DISCLAIMER_START) == len(pages) + 1
        # A heading is never the last line above a page's foot.
        for page in pages:
            lines = re.findall(rb"\(([^)]*)\) Tj", page)
            body = [line for line in lines if not line.startswith((b"Page ", b"Strideback offers"))]
            body = [line for line in body if not line.startswith(b"have pain that lingers")]
            assert body[-1] not in (b"Good to know", b"How to use this handout"), reasons


def test_an_item_without_a_picture_leaves_the_space_empty(catalog: Catalog) -> None:
    item = HandoutItem("nowhere", "Made-up move", "1 rep", "beginner", "Breathe.", (), ())
    session = HandoutSession(
        (TODAY,), "strength", "Strength", "Title", "Summary.", (item,), False, None, ()
    )
    handout = Handout(
        title="Your Strideback programme",
        subtitle="From today.",
        headline="Yes.",
        status="Ready",
        verdict="ready",
        earliest="Earliest day to run: today.",
        why=("Because.",),
        good_to_know=(),
        changes=(),
        earlier_changes=0,
        left_out=None,
        weeks=(HandoutWeek(1, TODAY, day(6), (session,)),),
        figures={},
        disclaimer=DISCLAIMER,
        made_on=TODAY,
    )
    pdf = handout_pdf(handout, compress=False)
    assert b"(Made-up move) Tj" in pdf
    assert pages_of(pdf) == 2


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("3 sets of 8–10 reps — “slowly” … • done’s", "3 sets of 8–10 reps — “slowly” … • done’s"),
        ("pain ≥ 6 or ≤ 3 → stop ✓", "pain >= 6 or <= 3 -> stop v"),
        ("Zoë and Ōta, 5 × 2", "Zoë and Ota, 5 × 2"),
        ("a\u2009b\u2011c", "a b-c"),
        ("baby 👶", "baby ?"),
    ],
)
def test_text_the_built_in_fonts_cannot_show_is_written_plainly(text: str, shown: str) -> None:
    assert pdf_text(text) == shown
    shown.encode("windows-1252")


# ---------------------------------------------------------------------------------------
# The calendar, as a private feed


def test_the_private_calendar_leaves_out_what_she_logged(
    ready_runner: Intake, catalog: Catalog
) -> None:
    events = [run_log(0, rpe=6, pain=3, pain_where=PAIN_PLACE, note=NOTE)]
    plan = plan_of(ready_runner, catalog, events)
    full = plan_ics(plan)
    private = plan_ics(plan, private=True)
    assert NOTE in full.replace("\r\n ", "").replace("\\,", ",")
    unfolded = private.replace("\r\n ", "").replace("\\,", ",")
    assert NOTE not in unfolded
    assert "pain 3/10" not in unfolded
    assert "Logged as done." in unfolded
    assert DISCLAIMER in unfolded


def test_the_feed_options_name_neither_her_nor_the_birth_and_ask_for_refreshes(
    ready_runner: Intake, catalog: Catalog
) -> None:
    plan = plan_of(ready_runner, catalog)
    stamp = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
    text = plan_ics(plan, stamp, uid_prefix="abc123", refresh=timedelta(hours=6))
    calendar = Calendar.from_ical(text)
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in text
    assert "X-PUBLISHED-TTL:PT6H" in text
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert all(uid.startswith("abc123-") for uid in uids)
    assert f"{plan.birth_date:%Y%m%d}" not in text
    assert {e.decoded("DTSTAMP") for e in calendar.walk("VEVENT")} == {stamp}
    assert "REFRESH-INTERVAL" not in plan_ics(plan)
