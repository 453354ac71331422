"""A missing field is named in words, with what to give: never "is required but missing."."""

from __future__ import annotations

from typing import Any

import pytest

from strideback.core import InputError
from strideback.core.errors import missing_words
from strideback.core.programme import event_from


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({}, "type: Type: please say what kind of entry this is."),
        ({"type": "pause"}, "pause.date: Date: please give the day (YYYY-MM-DD)."),
        (
            {"type": "session", "date": "2026-01-01", "kind": "strength"},
            "How much did you do? Please choose all, part or skipped.",
        ),
    ],
    ids=["no type", "no date", "no amount"],
)
def test_a_missing_field_says_its_name_in_words_and_what_to_give(
    data: dict[str, Any], says: str
) -> None:
    with pytest.raises(InputError) as caught:
        event_from(data, "form")
    assert says in str(caught.value)
    assert "is required but missing" not in str(caught.value)


@pytest.mark.parametrize(
    ("location", "says"),
    [
        (["birth_date"], "Birth date: please give the day your baby was born (YYYY-MM-DD)."),
        (["tests", "strength", "single_leg_bridge"], "Single leg bridge: this is required"),
        ([0], "This answer: this is required; please fill it in."),
    ],
)
def test_a_field_without_words_of_its_own_is_named_from_its_key(
    location: list[int | str], says: str
) -> None:
    assert missing_words(location).startswith(says)
