"""Reading pages as the runner reads them, for the web tests."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any


def text(response: Any) -> str:
    """The page as she reads it: HTML entities turned back into characters."""
    return html.unescape(response.content.decode())


def visible(response: Any) -> str:
    """The words on the page, without tags, spaces collapsed."""
    words = re.sub(r"<[^>]+>", " ", text(response))
    return re.sub(r"\s+", " ", words)


def field_block(page: str, name: str) -> str:
    """The ``<div class="field">`` that holds the input called ``name``."""
    for chunk in page.split('<div class="field')[1:]:
        if f'name="{name}"' in chunk:
            return chunk
    raise AssertionError(f"no field named {name!r} on the page")


def is_checked(page: str, name: str, value: str) -> bool:
    pattern = rf'<input type="(?:radio|checkbox)" name="{name}" value="{value}"[^>]*\bchecked\b'
    return re.search(pattern, page) is not None


def spoken(day: date) -> str:
    """A date as the pages say it: 'Saturday 21 November 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def decisions(page: str) -> list[str]:
    return re.findall(r'data-decision="([a-z_]+)"', page)
