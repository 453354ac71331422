"""PDF: the handout on A4, made with fpdf2, with the same contents as the printable HTML.

A cover with the verdict and why, then each programme week on a new page (a week that does
not fit goes on to a second, marked "continued"); every exercise with its picture, dose and
key cue; the disclaimer and "Page n of N" at the foot of every page. Black ink only, apart
from the pictures, which read in grey on a black-and-white printer.

Text uses the PDF's built-in Helvetica, so nothing is embedded and the file stays small.
Those fonts cover Windows-1252 (which has the dashes, curly quotes, ellipsis and bullet the
catalog uses); any other character is written as its nearest plain equivalent. The same plan
always gives the same bytes: the file's creation date is the handout's day, not the clock;
and the newest few PDFs are kept by a hash of their handout, so the same handout asked for
again is not drawn again.
"""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from functools import lru_cache, partial

from fpdf import FPDF
from fpdf.fonts import CORE_FONTS_CHARWIDTHS

from strideback.core.catalog import Catalog
from strideback.core.drawing.figures import figure_operators
from strideback.core.export.handout import (
    Handout,
    HandoutItem,
    HandoutSession,
    HandoutWeek,
    build_handout,
    short_date,
)
from strideback.core.programme import Plan

__all__ = ["forget_pdfs", "handout_digest", "handout_pdf", "pdf_text", "plan_pdf"]

ENCODING = "windows-1252"
FONT = "helvetica"
PAGE_W = 210.0
LEFT = 12.0
RIGHT = 12.0
TOP = 12.0
BOTTOM = 275.0  # content stops here; the footer sits below
WIDTH = PAGE_W - LEFT - RIGHT
PAD = 3.0  # inside a session's box
GAP = 6.0  # between the two columns of exercises
FIGURE_W = 22.0
FIGURE_H = FIGURE_W * 3 / 4
INK = (0, 0, 0)
GREY = (80, 80, 80)  # 8:1 on white: small print still easy to read
RULE = (170, 170, 170)

_PLAIN = {
    "≥": ">=",
    "≤": "<=",
    "→": "->",
    "←": "<-",
    "−": "-",
    "✓": "v",
    "✔": "v",
    "\u2009": " ",
    "\u202f": " ",
    "\u2011": "-",
}


def pdf_text(text: str) -> str:
    """``text`` in characters the built-in fonts can show: Windows-1252 as it is, a few
    symbols spelt out (≥ as >=), accented letters beyond it without their accents, and
    anything else as '?'."""
    if _encodable(text):
        return text
    out: list[str] = []
    for char in text:
        try:
            char.encode(ENCODING)
        except UnicodeEncodeError:
            plain = _PLAIN.get(char)
            if plain is None:
                stripped = "".join(
                    c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
                )
                plain = stripped if stripped and _encodable(stripped) else "?"
            out.append(plain)
        else:
            out.append(char)
    return "".join(out)


def _encodable(text: str) -> bool:
    try:
        text.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


class _Document(FPDF):
    """A4 pages with the disclaimer and the page number in the footer of every page."""

    def __init__(self, handout: Handout) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.handout = handout
        self.core_fonts_encoding = ENCODING
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(False)  # every break is decided here, before drawing
        self.week_heading = ""
        # Each exercise's picture as drawing operators, made once and drawn wherever it is used.
        self.figures = {
            exercise: figure_operators(drawing, FIGURE_W * self.k)
            for exercise, drawing in handout.drawings.items()
        }

    def footer(self) -> None:
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(LEFT, BOTTOM + 3, PAGE_W - RIGHT, BOTTOM + 3)
        self.set_text_color(*INK)
        _text(self, LEFT, BOTTOM + 4.5, 150, self.handout.disclaimer, size=8.5, line=3.6)
        self.set_font(FONT, "", 8)
        self.set_xy(PAGE_W - RIGHT - 30, BOTTOM + 4.5)
        self.cell(30, 3.3, f"Page {self.page_no()} of {{nb}}", align="R")


# ---------------------------------------------------------------------------------------
# Drawing helpers. Each takes ``dry``: measure only (return the height) or draw as well.


# Text is laid out here rather than by fpdf2's multi_cell, which is general (fonts, markdown,
# links, page breaks) and so slow: it measured and wrapped every block of the handout several
# times. The lines break where multi_cell breaks them (tests compare the two), and each line
# is written where multi_cell writes it: ``c_margin`` in from the left, on a baseline 0.3 of
# the font size below the middle of its line.

MM = 72 / 25.4  # points per millimetre (fpdf2's scale for unit="mm")


@lru_cache(maxsize=4096)
def _lines(text: str, style: str, size: float, room: float) -> tuple[str, ...]:
    """``text`` (already in the fonts' characters) broken into lines ``room`` mm wide, as
    fpdf2's multi_cell breaks them: at the last space that fits, inside a word only when no
    space does, and at every newline."""
    widths = CORE_FONTS_CHARWIDTHS[FONT + style]
    text = text.replace("\xad", "").replace("\x0c", "\n")  # no soft hyphens or form feeds
    measured = text.encode(ENCODING).decode("latin-1")  # as fpdf2 looks up the widths
    lines: list[str] = []
    index = 0
    end = len(text)
    while index < end:
        start = index
        units = 0
        space: int | None = None  # the last space on the line so far
        while index < end:
            char = measured[index]
            if char == "\n":
                lines.append(text[start:index])
                index += 1
                break
            width = widths[char]
            if units * size * 0.001 / MM + width * size * 0.001 / MM > room + 1e-9:
                if char == " ":  # the line ends at this space
                    lines.append(text[start:index])
                    index += 1
                elif space is not None:  # at the last space: the word goes on to the next
                    lines.append(text[start:space])
                    index = space + 1
                elif index > start:  # a word too long for the line is cut
                    lines.append(text[start:index])
                else:
                    raise ValueError(f"{room} mm is too narrow for a character of {text!r}")
                break
            if char == " ":
                space = index
            units += width
            index += 1
        else:
            lines.append(text[start:index])
    return tuple(line.replace("\xa0", " ") for line in lines)


@lru_cache(maxsize=4096)
def _width(text: str, style: str, size: float) -> float:
    """How wide ``text`` (in the fonts' characters) is in mm, as fpdf2 measures it."""
    widths = CORE_FONTS_CHARWIDTHS[FONT + style]
    measured = text.encode(ENCODING).decode("latin-1")
    return sum(widths[char] for char in measured) * size * 0.001 / MM


def _write(pdf: _Document, x: float, y: float, h: float, text: str, size: float) -> None:
    """One line of text in a cell ``h`` high at (x, y), where fpdf2's cell would put it."""
    if text:
        pdf.text(x + pdf.c_margin, y + 0.5 * h + 0.3 * size / MM, text)


def _text(
    pdf: _Document,
    x: float,
    y: float,
    w: float,
    text: str,
    *,
    size: float,
    style: str = "",
    line: float | None = None,
    colour: tuple[int, int, int] = INK,
    dry: bool = False,
) -> float:
    """A block of wrapped text at (x, y), ``w`` wide; returns its height."""
    height = line or size * 0.45
    lines = _lines(pdf_text(text), style, size, w - 2 * pdf.c_margin)
    if not dry and lines:
        pdf.set_font(FONT, style, size)
        pdf.set_text_color(*colour)
        for number, words in enumerate(lines):
            _write(pdf, x, y + number * height, height, words, size)
        pdf.set_text_color(*INK)
    return height * max(1, len(lines))


def _bullets(pdf: _Document, y: float, lines: tuple[str, ...], *, size: float = 9.5) -> float:
    """A bulleted list from ``y``, breaking the page between bullets; returns the new y."""
    for line in lines:
        height = _text(pdf, LEFT + 4, y, WIDTH - 4, line, size=size, dry=True)
        if y + height > BOTTOM:
            pdf.add_page()
            y = TOP
        _text(pdf, LEFT, y, 4, "•", size=size)
        _text(pdf, LEFT + 4, y, WIDTH - 4, line, size=size)
        y += height + 1.2
    return y


def _heading(pdf: _Document, y: float, words: str, *, need: float = 12.0) -> float:
    """A cover heading, kept with at least ``need`` mm of what follows."""
    if y + 7 + need > BOTTOM:
        pdf.add_page()
        y = TOP
    _text(pdf, LEFT, y + 2, WIDTH, words, size=12.5, style="B")
    return y + 8.5


def _figure(pdf: _Document, operators: str | None, x: float, y: float) -> None:
    """An exercise's picture with its top-left corner at (x, y), in its own graphics state.
    fpdf2 has no reusable vector object, so the operators (made once per exercise) are
    written where the picture goes, moved there by the ``cm`` translation. They go in through
    ``_out``, the content writer fpdf2's own drawing methods use (fpdf2 is pinned; a test
    finds each picture's operators in the page)."""
    if operators is None:
        return
    k = pdf.k
    pdf._out(f"q 1 0 0 1 {x * k:.2f} {(pdf.h - y) * k:.2f} cm\n{operators}\nQ")


# ---------------------------------------------------------------------------------------
# The cover.


def _cover(pdf: _Document, handout: Handout) -> None:
    pdf.add_page()
    y = TOP
    y += _text(pdf, LEFT, y, WIDTH, "Strideback", size=10, style="B") + 1
    y += _text(pdf, LEFT, y, WIDTH, handout.title, size=20, style="B", line=8.5) + 1
    y += _text(pdf, LEFT, y, WIDTH, handout.subtitle, size=10, colour=GREY) + 4
    # The answer, in a box.
    inner = WIDTH - 2 * 4
    parts = [
        ("Can I run yet?", 10, "B", None),
        (handout.headline, 13, "B", 5.6),
        (handout.earliest, 10, "", None),
    ]
    box = (
        4
        + sum(
            _text(pdf, 0, 0, inner, t, size=s, style=st, line=ln, dry=True) + 1
            for t, s, st, ln in parts
        )
        + 3
    )
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.5)
    pdf.rect(LEFT, y, WIDTH, box, style="D", round_corners=True, corner_radius=2.5)
    inner_y = y + 4
    for words, size, style, line in parts:
        inner_y += (
            _text(pdf, LEFT + 4, inner_y, inner, words, size=size, style=style, line=line) + 1
        )
    y += box + 5
    # The disclaimer, with a bar beside it.
    height = _text(pdf, LEFT + 4, y, WIDTH - 4, handout.disclaimer, size=10)
    pdf.set_line_width(1.2)
    pdf.line(LEFT + 0.6, y, LEFT + 0.6, y + height)
    y += height + 3
    y = _heading(pdf, y, "Why")
    y = _bullets(pdf, y, handout.why)
    if handout.good_to_know:
        y = _heading(pdf, y, "Good to know")
        y = _bullets(pdf, y, handout.good_to_know)
    if handout.changes:
        y = _heading(pdf, y, "What changed and why")
        y = _bullets(pdf, y, handout.changes)
        if handout.earlier_changes:
            many = handout.earlier_changes > 1
            more = (
                f"And {handout.earlier_changes} earlier change{'s' if many else ''}; your "
                f"history has {'them' if many else 'it'}."
            )
            y += _text(pdf, LEFT, y, WIDTH, more, size=9, colour=GREY) + 1
    if handout.sources:
        y = _heading(pdf, y, "Sources")
        y = _bullets(
            pdf,
            y,
            tuple(f"{ref} Read it at {link}" if link else ref for ref, link in handout.sources),
            size=8.5,
        )
    y = _heading(pdf, y, "How to use this handout")
    y += _text(pdf, LEFT, y, WIDTH, handout.how_to_use, size=9.5) + 2
    if handout.left_out:
        y += _text(pdf, LEFT, y, WIDTH, handout.left_out, size=9, colour=GREY) + 2
    if not handout.weeks:
        _text(pdf, LEFT, y, WIDTH, "No sessions are planned: see the notes above.", size=9.5)


# ---------------------------------------------------------------------------------------
# The weeks.


def _week_top(pdf: _Document, week: HandoutWeek, *, continued: bool) -> float:
    pdf.add_page()
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.7)
    pdf.line(LEFT, TOP, PAGE_W - RIGHT, TOP)
    if continued:
        _text(
            pdf,
            LEFT,
            TOP + 1.5,
            WIDTH,
            f"{week.heading}, continued ({week.span})",
            size=11,
            style="B",
        )
        return TOP + 8
    pdf.set_font(FONT, "B", 16)
    heading = pdf_text(week.heading)
    _write(pdf, LEFT, TOP + 1.5, 8, heading, 16)
    pdf.set_font(FONT, "", 10.5)
    _write(pdf, LEFT + _width(heading, "B", 16) + 3, TOP + 1.5, 8.6, pdf_text(week.span), 10.5)
    return TOP + 11


def _item_height(
    pdf: _Document,
    item: HandoutItem,
    width: float,
    *,
    dry: bool,
    x: float = 0,
    y: float = 0,
    figure: str | None = None,
) -> float:
    text_x = x + FIGURE_W + 2.5
    text_w = width - FIGURE_W - 2.5
    used = 0.0
    used += _text(pdf, text_x, y + used, text_w, item.name, size=9, style="B", line=3.7, dry=dry)
    dose = f"{item.dose} ({item.level})"
    used += _text(pdf, text_x, y + used, text_w, dose, size=8.8, style="B", line=3.7, dry=dry)
    used += _text(pdf, text_x, y + used, text_w, f"“{item.cue}”", size=8.8, line=3.7, dry=dry)
    for label, lines in (("Swap", item.swaps), ("Care", item.cautions)):
        for line in lines:
            used += _text(
                pdf,
                text_x,
                y + used,
                text_w,
                f"{label}: {line}",
                size=8.5,
                line=3.5,
                colour=GREY,
                dry=dry,
            )
    if not dry:
        _figure(pdf, figure, x, y + 0.5)
    return max(used, FIGURE_H + 0.5)


class _Box:
    """A session's frame, drawn a page at a time once its height there is known."""

    def __init__(self, pdf: _Document, top: float) -> None:
        self.pdf = pdf
        self.top = top

    def close(self, bottom: float) -> None:
        self.pdf.set_draw_color(*GREY)
        self.pdf.set_line_width(0.3)
        self.pdf.rect(
            LEFT,
            self.top,
            WIDTH,
            bottom - self.top,
            style="D",
            round_corners=True,
            corner_radius=1.8,
        )


def _session_head(pdf: _Document, session: HandoutSession, y: float, *, dry: bool) -> float:
    x = LEFT + PAD
    if not dry:
        pdf.set_font(FONT, "B", 10)
    for day in session.days:
        words = pdf_text(short_date(day))
        if not dry:
            pdf.set_draw_color(*INK)
            pdf.set_line_width(0.35)
            pdf.rect(x, y + 0.7, 3.2, 3.2, style="D")
            _write(pdf, x + 4.2, y, 4.6, words, 10)
        x += 4.2 + _width(words, "B", 10) + 4
    title_w = LEFT + WIDTH - PAD - x
    title = pdf_text(f"{session.title}  ·  {session.kind_words}")
    states = []
    if session.provisional:
        states.append("Only once every re-test passes.")
    if session.logged:
        states.append(f"Logged as {session.logged}.")
    state = pdf_text(" ".join(states))
    title_len = _width(title, "B", 10.5) + 2
    if title_len + _width(state, "", 9) + 2 <= title_w:  # all on one line
        if not dry:
            pdf.set_font(FONT, "B", 10.5)
            _write(pdf, x, y, 4.6, title, 10.5)
            pdf.set_font(FONT, "", 9)
            _write(pdf, x + title_len, y, 4.7, state, 9)
        used = 4.6
    else:
        used = _text(pdf, x, y, title_w, title, size=10.5, style="B", line=4.6, dry=dry)
        used += _text(pdf, x, y + used, title_w, state, size=9, line=4, dry=dry)
    used += _text(
        pdf,
        LEFT + PAD,
        y + used + 0.3,
        WIDTH - 2 * PAD,
        session.summary,
        size=9.5,
        line=4.1,
        dry=dry,
    )
    return used + 1.2


def _rows(session: HandoutSession) -> list[tuple[HandoutItem, ...]]:
    items = list(session.items)
    return [tuple(items[i : i + 2]) for i in range(0, len(items), 2)]


def _row(pdf: _Document, row: tuple[HandoutItem, ...], y: float, dry: bool) -> float:
    column = (WIDTH - 2 * PAD - GAP) / 2
    height = 0.0
    for index, item in enumerate(row):
        x = LEFT + PAD + index * (column + GAP)
        if not dry:
            pdf.set_draw_color(*RULE)
            pdf.set_line_width(0.2)
            pdf.line(x, y, x + column, y)
        figure = pdf.figures.get(item.exercise_id)
        height = max(
            height, _item_height(pdf, item, column, dry=dry, x=x, y=y + 1.2, figure=figure)
        )
    return height + 1.8


def _note(pdf: _Document, note: str, y: float, dry: bool) -> float:
    return _text(
        pdf,
        LEFT + PAD,
        y,
        WIDTH - 2 * PAD,
        f"• {note}",
        size=7.8,
        line=3.3,
        colour=GREY,
        dry=dry,
    )


def _session_height(pdf: _Document, session: HandoutSession) -> float:
    height = _session_head(pdf, session, 0, dry=True)
    height += sum(_row(pdf, row, 0, True) for row in _rows(session))
    return height + sum(_note(pdf, note, 0, dry=True) for note in session.notes) + PAD + 1


def _session(pdf: _Document, week: HandoutWeek, session: HandoutSession, y: float) -> float:
    """Draw one session from ``y``: on this page if it fits, else on a fresh one; a session
    longer than a page runs on between rows of exercises. Returns the new y."""
    if y + _session_height(pdf, session) > BOTTOM:
        y = _week_top(pdf, week, continued=True)
    box = _Box(pdf, y)
    y += PAD - 0.5
    y += _session_head(pdf, session, y, dry=False)
    parts: list[Callable[[float, bool], float]] = [partial(_row, pdf, r) for r in _rows(session)]
    parts += [partial(_note, pdf, note) for note in session.notes]
    for part in parts:
        if y + part(y, True) > BOTTOM:  # runs on to the next page between rows
            box.close(y + 1)
            y = _week_top(pdf, week, continued=True)
            box = _Box(pdf, y)
            y += PAD
        y += part(y, False)
    box.close(y + PAD - 1)
    return y + PAD + 1


def _week(pdf: _Document, week: HandoutWeek) -> None:
    y = _week_top(pdf, week, continued=False)
    for session in week.sessions:
        y = _session(pdf, week, session, y)


def plan_pdf(
    plan: Plan,
    catalog: Catalog | None = None,
    *,
    since: date | None = None,
    compress: bool = True,
) -> bytes:
    """The handout as a PDF. With ``catalog`` each exercise has its picture; weeks that
    ended before ``since`` are left out. ``compress=False`` leaves the page text readable
    in the file (for checking it)."""
    return handout_pdf(build_handout(plan, catalog, since=since), compress=compress)


def handout_digest(handout: Handout) -> str:
    """A hash of everything the handout says and shows: the same handout, the same hash."""
    return hashlib.sha256(repr(handout).encode("utf-8")).hexdigest()


# The newest few PDFs made, by their handout's hash: the same handout again (a second
# download, a reload) gets the same bytes without drawing them again.
CACHED = 8
_made: OrderedDict[tuple[str, bool], bytes] = OrderedDict()
_made_lock = threading.Lock()


def handout_pdf(handout: Handout, *, compress: bool = True) -> bytes:
    """The handout as a PDF: made once for the same handout, kept for the next few asks."""
    key = (handout_digest(handout), compress)
    with _made_lock:
        if key in _made:
            _made.move_to_end(key)
            return _made[key]
    pdf = _handout_pdf(handout, compress=compress)
    with _made_lock:
        _made[key] = pdf
        while len(_made) > CACHED:
            _made.popitem(last=False)
    return pdf


def forget_pdfs() -> None:
    """Let go of the PDFs kept (for timing a first render)."""
    with _made_lock:
        _made.clear()


def _handout_pdf(handout: Handout, *, compress: bool) -> bytes:
    pdf = _Document(handout)
    pdf.set_compression(compress)
    pdf.set_creation_date(datetime.combine(handout.made_on, time(0), tzinfo=UTC))
    pdf.set_title(pdf_text(handout.title))
    pdf.set_subject(pdf_text(handout.subtitle))
    pdf.set_author("Strideback")
    pdf.set_creator("Strideback")
    pdf.set_lang("en-GB")
    _cover(pdf, handout)
    for week in handout.weeks:
        _week(pdf, week)
    return bytes(pdf.output())
