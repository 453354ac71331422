"""The catalog: exercises, tests and protocols as data, validated on load.

Each YAML file holds one entry. Exercises and tests (``kind: exercise`` or ``kind: test``)
live in ``data/exercises/``, protocols (``kind: protocol``) in ``data/protocols/``.
Professionals can add files of their own in the same schema; ``load_catalog`` reads them
beside the packaged ones and checks the whole set, so an id that names nothing is caught.

The schema is in ``schema``, the loading and the checks of the whole set in ``loading``;
the names the rest of Strideback uses are imported here.
"""

from strideback.core.catalog.loading import DEFAULT_PROTOCOL, Catalog, check_paths, load_catalog
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
    "OPTIONAL_EQUIPMENT",
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
    "load_catalog",
    "split_ref",
    "stage_changes",
]
