"""Errors for bad input, worded for the person who wrote the input.

Every problem names where it was found (a file and a field path), what was wrong,
and what is allowed. Nothing here raises a traceback at a user: callers catch
``InputError`` and print ``str(error)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from strideback.core.vocabulary import MISSING_WORDS

__all__ = ["InputError", "Problem", "missing_words", "problems_from_validation"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (a dotted field path) and what."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class InputError(Exception):
    """Input that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = list(problems)
        super().__init__(self.describe())

    def describe(self) -> str:
        if len(self.problems) == 1:
            return f"{self.source}: {self.problems[0]}"
        lines = [f"{self.source}: {len(self.problems)} problems:"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def _field_path(location: Iterable[int | str]) -> str:
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path


def _allowed_keys(model: type[BaseModel], location: Sequence[int | str]) -> list[str]:
    """The field names allowed at ``location`` (the parent of an unknown key)."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        fields = (
            current.model_fields
            if isinstance(current, type) and issubclass(current, BaseModel)
            else {}
        )
        field = fields.get(part)
        if field is None:
            return []
        current = _model_inside(field.annotation)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [field.alias or name for name, field in current.model_fields.items()]
    return []


def _model_inside(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_inside(argument)
        if found is not None:
            return found
    return None


def _describe(error: Mapping[str, Any], model: type[BaseModel]) -> str:
    kind = error["type"]
    given = error.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, error["loc"][:-1])
        return "is not a field we know. Allowed here: " + ", ".join(allowed) + "."
    if kind == "missing":
        return missing_words(error["loc"])
    if kind == "union_tag_not_found":
        return missing_words([str(error["ctx"]["discriminator"]).strip("'")])
    if kind == "union_tag_invalid":
        tags = str(error["ctx"]["expected_tags"]).replace("'", "")
        return f"{error['ctx']['tag']!r} is not allowed. Allowed: {tags}."
    message = str(error["msg"])
    # pydantic prefixes custom ValueErrors with "Value error, "; the rest is ours.
    message = message.removeprefix("Value error, ")
    if kind in {"literal_error", "enum"}:
        return f"{given!r} is not allowed. {message}."
    if given is not None and not isinstance(given, Mapping | list):
        return f"{given!r}: {message[0].lower()}{message[1:]}."
    return f"{message}."


def missing_words(location: Sequence[int | str]) -> str:
    """A missing field named in words, with what to give: "Birth date: please give …"."""
    name = next((str(part) for part in reversed(location) if isinstance(part, str)), "")
    if name in MISSING_WORDS:
        return MISSING_WORDS[name]
    label = name.replace("_", " ").capitalize() or "This answer"
    return f"{label}: this is required; please fill it in."


def problems_from_validation(error: ValidationError, model: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into problems that name the field and what is allowed."""
    problems = []
    for item in error.errors(include_url=False):
        location = list(item["loc"])
        if item["type"] in {"union_tag_invalid", "union_tag_not_found"}:
            location.append(str(item["ctx"]["discriminator"]).strip("'"))
        problems.append(Problem(field=_field_path(location), message=_describe(item, model)))
    return problems
