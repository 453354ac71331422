"""The plain words the pages use for the intake's choices: the core's vocabulary, where every
code's words live."""

from __future__ import annotations

from strideback.core.vocabulary import (
    DELIVERY,
    EQUIPMENT,
    GOAL,
    PERINEAL_TEAR,
    RUNNING_BACKGROUND,
    SYMPTOMS,
    TEST_RESULT,
    WEEKDAY,
    YES_NO,
)

__all__ = [
    "DELIVERY",
    "EQUIPMENT",
    "GOAL",
    "PERINEAL_TEAR",
    "RUNNING_BACKGROUND",
    "SYMPTOMS",
    "TEST_RESULT",
    "WEEKDAY",
    "YES_NO",
]
