"""The public surface stays honest: what modules export exists, and what the CLI offers is documented."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import strideback.core
from strideback.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
CORE_MODULES = [
    module.name for module in pkgutil.walk_packages(strideback.core.__path__, "strideback.core.")
]


@pytest.mark.parametrize("name", ["strideback.core", *CORE_MODULES])
def test_every_core_module_lists_its_public_names_and_they_exist(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported, f"{name} has no __all__"
    missing = [item for item in exported if not hasattr(module, item)]
    assert not missing, f"{name}.__all__ names what it does not have: {missing}"


def command_names() -> list[str]:
    names = [command.name for command in app.registered_commands]
    for group in app.registered_groups:
        names += [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands]
    return [name for name in names if name]


@pytest.mark.parametrize("command", command_names())
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`strideback {command}" in README
