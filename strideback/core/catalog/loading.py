"""Loading the catalog: the packaged files and a professional's own, each validated against
the schema, then checked as a whole set (an id defined twice, or one that names nothing).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from strideback.core.catalog.schema import Exercise, Protocol
from strideback.core.documents import read_document, validate
from strideback.core.errors import InputError, Problem, missing_words

__all__ = [
    "DEFAULT_PROTOCOL",
    "MEMO_SIZE",
    "Catalog",
    "CatalogErrors",
    "check_paths",
    "load_catalog",
    "unknown_progressions",
]


@dataclass(frozen=True)
class Catalog:
    """Every exercise, test and protocol known, by id."""

    exercises: dict[str, Exercise]
    protocols: dict[str, Protocol]
    origins: dict[str, str] = field(default_factory=dict)
    # What its users work out from it once and keep (the programme's prescribed items);
    # cleared when it grows past MEMO_SIZE.
    memo: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    def exercise(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def with_exercises(self, exercises: Sequence[Exercise], origin: str = "practice") -> Catalog:
        """A new catalog that also holds ``exercises`` (a practice's own), looked up like the
        packaged ones. An id already known, or a ``progresses_to`` that names nothing in the
        new whole, is bad input named by ``origin``."""
        known = {**self.exercises}
        problems: list[Problem] = []
        for exercise in exercises:
            if exercise.id in known:
                where = self.origins.get(exercise.id, origin)
                problems.append(Problem("id", f"{exercise.id!r} is already defined in {where}."))
            known[exercise.id] = exercise
        for exercise in exercises:
            problems += unknown_progressions(exercise, known)
        if problems:
            raise InputError(origin, problems)
        origins = {**self.origins, **{exercise.id: origin for exercise in exercises}}
        return Catalog(exercises=known, protocols=self.protocols, origins=origins)

    def tests(self, battery: str) -> list[Exercise]:
        return [e for e in self.exercises.values() if e.test and e.test.battery == battery]

    @property
    def default_protocol(self) -> Protocol:
        return self.protocol(DEFAULT_PROTOCOL)

    def protocol(self, protocol_id: str) -> Protocol:
        """The protocol with this id; an unknown id is bad input that lists the known ones."""
        if protocol_id not in self.protocols:
            known = ", ".join(sorted(self.protocols))
            raise InputError(
                "--protocol",
                [Problem("", f"{protocol_id!r} is not a known protocol. Known: {known}.")],
            )
        return self.protocols[protocol_id]


DEFAULT_PROTOCOL = "strideback_return"
MEMO_SIZE = 4096  # the most a catalog's memo keeps (a few hundred runners' items)


# The packaged data folders that hold catalog entries (``data/templates`` holds programme
# templates, which are not).
_CATALOG_FOLDERS = ("exercises", "protocols")


def _packaged_files() -> list[Path]:
    root = Path(str(resources.files("strideback.core") / "data"))
    return sorted(path for folder in _CATALOG_FOLDERS for path in (root / folder).rglob("*.yaml"))


def _entry_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted([*path.rglob("*.yaml"), *path.rglob("*.yml"), *path.rglob("*.json")])
        else:
            files.append(path)
    return files


def _load_entry(path: Path) -> Exercise | Protocol:
    data = read_document(path)
    source = str(path)
    if not isinstance(data, dict):
        return validate(Exercise, data, source)  # reports what the document should hold
    kind = data.get("kind")
    if kind == "protocol":
        return validate(Protocol, data, source)
    if kind in ("exercise", "test"):
        return validate(Exercise, data, source)
    problem = missing_words(["kind"]) if kind is None else f"{kind!r} is not allowed."
    raise InputError(source, [Problem("kind", f"{problem} Allowed: exercise, test, protocol.")])


def _cross_check(catalog: Catalog) -> list[InputError]:
    """Ids that name nothing, and tests the protocol re-tests with that do not exist."""
    errors: list[InputError] = []
    known = catalog.exercises
    for exercise in known.values():
        problems = unknown_progressions(exercise, known)
        if problems:
            errors.append(InputError(catalog.origins[exercise.id], problems))
    for protocol in catalog.protocols.values():
        problems = [
            Problem(where, f"names {item!r}, which is not in the catalog.")
            for where, item in protocol.referenced_ids()
            if item not in known
        ]
        if problems:
            errors.append(InputError(catalog.origins[f"protocol:{protocol.id}"], problems))
    return errors


def unknown_progressions(exercise: Exercise, known: Mapping[str, Exercise]) -> list[Problem]:
    """The problem with an exercise's ``progresses_to`` naming exercises not in ``known``."""
    unknown = [item for item in exercise.progresses_to if item not in known]
    if not unknown:
        return []
    return [Problem("progresses_to", f"names {', '.join(map(repr, unknown))}, not in the catalog.")]


def load_catalog(extra: Sequence[Path] = ()) -> Catalog:
    """The packaged catalog plus any files (or folders of files) given in ``extra``.

    Raises ``InputError`` naming the first file with problems (all of its problems), or
    ``CatalogErrors`` when several files have problems.
    """
    files = _packaged_files() + _entry_files(extra)
    exercises: dict[str, Exercise] = {}
    protocols: dict[str, Protocol] = {}
    origins: dict[str, str] = {}
    errors: list[InputError] = []
    for path in files:
        try:
            entry = _load_entry(path)
        except InputError as error:
            errors.append(error)
            continue
        key = f"protocol:{entry.id}" if isinstance(entry, Protocol) else entry.id
        if key in origins:
            errors.append(
                InputError(
                    str(path),
                    [Problem("id", f"{entry.id!r} is already defined in {origins[key]}.")],
                )
            )
            continue
        origins[key] = str(path)
        if isinstance(entry, Protocol):
            protocols[entry.id] = entry
        else:
            exercises[entry.id] = entry
    catalog = Catalog(exercises=exercises, protocols=protocols, origins=origins)
    if not errors:
        errors = _cross_check(catalog)
    if errors:
        raise CatalogErrors(errors)
    return catalog


class CatalogErrors(InputError):
    """Problems in one or more catalog files, each file named."""

    def __init__(self, errors: Sequence[InputError]) -> None:
        self.errors = list(errors)
        problems = [Problem("", error.describe()) for error in self.errors]
        super().__init__("catalog", problems)

    def describe(self) -> str:
        return "\n".join(error.describe() for error in self.errors)


def check_paths(paths: Sequence[Path]) -> Catalog:
    """Validate professionals' files against the packaged catalog (raises on any problem)."""
    missing = [path for path in paths if not path.exists()]
    if missing:
        raise CatalogErrors(
            [InputError(str(path), [Problem("", "file not found.")]) for path in missing]
        )
    return load_catalog(paths)
