"""The rounding methods by name: one Literal, their Dutch labels and the words people use for them.

The engine (allocation.rounding) maps each name to its algorithm; the assistant's parser, the
engine's request validation, the tables and the app all read the names and labels from here, so a
new method is one entry here plus its algorithm in the engine's registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from koploper.text import fold

Method = Literal["hamilton", "sainte-lague", "dhondt"]
"""The canonical method names, as they appear in requests, JSON and saved conversations."""


@dataclass(frozen=True)
class MethodInfo:
    """How one method is named: canonical name, labels for sentences and tables, spellings users type."""

    name: Method
    label: str
    """Label in sentences and titles: 'Hamilton (grootste overschot)'."""
    short: str
    """Label in table headers: 'Hamilton'."""
    aliases: tuple[str, ...]
    """Spellings accepted by `--methode` and in requests (compared folded, without spaces)."""
    pattern: str
    """Regular expression the assistant's parser looks for in a folded message."""


METHOD_INFO: dict[Method, MethodInfo] = {
    "hamilton": MethodInfo(
        "hamilton",
        "Hamilton (grootste overschot)",
        "Hamilton",
        ("hamilton", "largest remainder", "grootste overschot", "grootste rest"),
        r"hamilton|grootste (?:overschot|rest\w*)|largest remainder",
    ),
    "sainte-lague": MethodInfo(
        "sainte-lague",
        "Sainte-Laguë",
        "Sainte-Laguë",
        ("sainte-lague", "sinte lague", "webster"),
        r"saint\w* lague|sainte lague|st lague|webster|lague",
    ),
    "dhondt": MethodInfo("dhondt", "D'Hondt", "D'Hondt", ("dhondt", "jefferson"), r"d ?hondt|dhont|d hont"),
}
METHODS: tuple[Method, ...] = get_args(Method)
METHOD_LABELS: dict[str, str] = {name: info.label for name, info in METHOD_INFO.items()}
METHOD_SHORT: dict[str, str] = {name: info.short for name, info in METHOD_INFO.items()}


def _squash(text: str) -> str:
    return fold(text).replace(" ", "")


_ALIASES: dict[str, Method] = {_squash(alias): info.name for info in METHOD_INFO.values() for alias in (info.name, *info.aliases)}


def normalise_method(text: str) -> Method | None:
    """'Sainte-Laguë', "d'hondt", 'grootste overschot' → the canonical method name; None when unknown."""
    return _ALIASES.get(_squash(text))


def method_label(name: str) -> str:
    """The sentence label of a method, or the name itself for one this version does not know."""
    return METHOD_LABELS.get(name, name)
