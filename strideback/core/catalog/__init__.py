"""The catalog: exercises, tests and protocols as data, validated on load.

Each YAML file holds one entry. Exercises and tests (``kind: exercise`` or ``kind: test``)
live in ``data/exercises/``, protocols (``kind: protocol``) in ``data/protocols/``.
Professionals can add files of their own in the same schema; ``load_catalog`` reads them
beside the packaged ones and checks the whole set, so an id that names nothing is caught.

A practice's own exercises (kept in the database) are checked one at a time by
``practice_exercise`` (in ``practice``) and added with ``Catalog.with_exercises``.

The schema is in ``schema``, the loading and the checks of the whole set in ``loading``;
the names the rest of Strideback uses are imported here.
"""

from strideback.core.catalog.loading import (
    DEFAULT_PROTOCOL,
    MEMO_SIZE,
    Catalog,
    check_paths,
    load_catalog,
)
from strideback.core.catalog.practice import (
    PRACTICE_PREFIX,
    exercise_fingerprint,
    practice_exercise,
    practice_prefix,
)
from strideback.core.catalog.schema import (
    HOUSEHOLD,
    IMPACT_ORDER,
    OPTIONAL_EQUIPMENT,
    Caution,
    Dosage,
    Equipment,
    Exercise,
    Level,
    Position,
    Protocol,
    Range,
    Stage,
    split_ref,
    stage_changes,
)

__all__ = [
    "DEFAULT_PROTOCOL",
    "HOUSEHOLD",
    "IMPACT_ORDER",
    "MEMO_SIZE",
    "OPTIONAL_EQUIPMENT",
    "PRACTICE_PREFIX",
    "Catalog",
    "Caution",
    "Dosage",
    "Equipment",
    "Exercise",
    "Level",
    "Position",
    "Protocol",
    "Range",
    "Stage",
    "check_paths",
    "exercise_fingerprint",
    "load_catalog",
    "practice_exercise",
    "practice_prefix",
    "split_ref",
    "stage_changes",
]
