"""Reading YAML and JSON documents into validated models, with errors a person can act on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from strideback.core.errors import InputError, Problem, problems_from_validation

__all__ = ["parse_document", "read_document", "validate"]

Model = TypeVar("Model", bound=BaseModel)


def read_document(path: Path) -> Any:
    """The data in a YAML or JSON file (chosen by its ending; anything else is read as YAML)."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(source, [Problem("", "file not found.")]) from None
    except IsADirectoryError:
        raise InputError(
            source, [Problem("", "is a folder; a YAML or JSON file is needed.")]
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(source, [Problem("", f"could not be read ({error}).")]) from None
    return parse_document(text, source, as_json=path.suffix.lower() == ".json")


def parse_document(text: str, source: str, *, as_json: bool = False) -> Any:
    """Parse YAML (or JSON) text; a syntax error names the line and column."""
    if as_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}"
            raise InputError(
                source, [Problem("", f"is not valid JSON at {where}: {error.msg}.")]
            ) from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "an unknown place"
        raise InputError(
            source, [Problem("", f"is not valid YAML at {where}: {error.problem}.")]
        ) from None
    except (yaml.YAMLError, ValueError) as error:
        # PyYAML raises ValueError for impossible dates such as 2026-02-30.
        raise InputError(source, [Problem("", f"could not be read as YAML: {error}.")]) from None


def validate(model: type[Model], data: Any, source: str) -> Model:
    """Validate ``data`` as ``model``; every problem is reported at once, by field."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise InputError(
            source, [Problem("", f"should hold a mapping of fields, but it is {kind}.")]
        )
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InputError(source, problems_from_validation(error, model)) from None
