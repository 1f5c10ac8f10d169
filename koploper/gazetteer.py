"""Every Dutch municipality and the koploper regions it belongs to, found in free text.

The names are figures the rekenmodule already ships: allocation/data/gemeenten.csv (all 342 CBS
municipalities) and regio_leden.csv (the members of the six regions), or the folder in KOPLOPER_DATA_DIR.
This module reads the two files with the csv module only, so the layers that may not import the
allocation engine (the kennisbank's answer gate) know the same places; the engine itself validates them
with its figures. Everyday names from the region registry ('Den Haag' for 's-Gravenhage) count too.

Finding names in a question is structure, not a list of questions: the longest run of words that folds to
a municipality's name ('sittard geleen', 'Alphen aan den Rijn'), not half of a compass compound
('Oost-Groningen', 'Amsterdam-Noord'). Whether a name written in lower case is meant as the place ('best',
'loon op zand' are ordinary words) is for the caller to judge: `Mention.capitalised` says how it was written.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from koploper.env import env_folder
from koploper.regions import registry
from koploper.text import fold

SHIPPED = Path(__file__).resolve().parents[1] / "allocation" / "data"
"""The rekenmodule's data folder, where the two name lists are shipped."""
MUNICIPALITIES_FILE = "gemeenten.csv"
MEMBERS_FILE = "regio_leden.csv"
MAX_WORDS = 5
"""The most words a municipality's name has ('Nuenen, Gerwen en Nederwetten' is 4)."""

_WORD = re.compile(r"[^\W_]+")
_JOINS = re.compile(r"[ \t'’/-]+")
"""What may stand between the words of one name: spaces, hyphens, apostrophes, a slash ('Pijnacker/Nootdorp')."""
_COMPASS = frozenset(["noord", "oost", "zuid", "west", "midden", "noordoost", "noordwest", "zuidoost", "zuidwest", "centraal"])
"""A compass word joined by a hyphen names a part or another area ('Oost-Groningen', 'Amsterdam-Noord')."""


@dataclass(frozen=True)
class Municipality:
    """A municipality as CBS lists it, with the koploper regions it is a member of (mostly none)."""

    code: str
    name: str
    province: str
    regions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """Where a municipality's name stands in a text, as written, and which municipalities it can be
    ('Bergen' is one in Limburg and one in Noord-Holland)."""

    start: int
    end: int
    text: str
    municipalities: tuple[Municipality, ...]
    words: tuple[str, ...]
    """The folded words of the name as matched ('sittard', 'geleen')."""

    @property
    def capitalised(self) -> bool:
        """Written as a name: its first letter is a capital."""
        return self.text[:1].isupper()

    @property
    def regions(self) -> tuple[str, ...]:
        """The koploper regions the named municipality belongs to (empty when none, or when the name is ambiguous)."""
        return self.municipalities[0].regions if len(self.municipalities) == 1 else ()


@dataclass(frozen=True)
class Gazetteer:
    """The municipalities by CBS code and by folded name (official, without its bracketed part, everyday)."""

    municipalities: dict[str, Municipality]
    names: dict[tuple[str, ...], tuple[str, ...]]
    source: str
    """The file the memberships come from, for a reply that says where it knows them from."""

    def mentions(self, text: str) -> list[Mention]:
        """Every municipality named in `text`, left to right, the longest name first."""
        words = [(m.start(), m.end(), fold(m.group(0))) for m in _WORD.finditer(text)]
        found: list[Mention] = []
        i = 0
        while i < len(words):
            mention = self._at(text, words, i)
            if mention is None:
                i += 1
                continue
            found.append(mention)
            i += len(mention.words)
        return found

    def _at(self, text: str, words: list[tuple[int, int, str]], i: int) -> Mention | None:
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            run = words[i : i + n]
            if any(not _JOINS.fullmatch(text[a[1] : b[0]]) for a, b in pairwise(run)):
                continue  # 'Arnhem, Nijmegen' lists two names; 'Arnhem-Nijmegen' is one run
            key = tuple(word for _, _, word in run)
            codes = self.names.get(key)
            if codes is None:
                continue
            start, end = run[0][0], run[-1][1]
            if _compass_part(text, words, i, i + n):
                return None
            return Mention(start, end, text[start:end], tuple(self.municipalities[c] for c in codes), key)
        return None


def _compass_part(text: str, words: list[tuple[int, int, str]], first: int, last: int) -> bool:
    """The name is joined by a hyphen to a compass word: 'Oost-Groningen', 'Den Haag-Zuid' name another area."""
    before = first > 0 and words[first - 1][2] in _COMPASS and text[words[first - 1][1] : words[first][0]] == "-"
    after = last < len(words) and words[last][2] in _COMPASS and text[words[last - 1][1] : words[last][0]] == "-"
    return before or after


def data_folder() -> Path:
    """The folder with the name lists: KOPLOPER_DATA_DIR when set (as for the rekenmodule), else the shipped one."""
    return env_folder("data_dir") or SHIPPED


@cache
def gazetteer(folder: Path | None = None) -> Gazetteer:
    """The municipalities of `folder` (default: `data_folder()`), read once per process; a missing or
    broken file is an installation error, said in Dutch."""
    folder = folder or data_folder()
    try:
        with (folder / MUNICIPALITIES_FILE).open(encoding="utf-8", newline="") as handle:
            rows = [(row["gemeentecode"], row["gemeente"], row["provincie"]) for row in csv.DictReader(handle)]
        with (folder / MEMBERS_FILE).open(encoding="utf-8", newline="") as handle:
            members = [(row["regio"], row["gemeentecode"]) for row in csv.DictReader(handle)]
    except (OSError, KeyError, ValueError, csv.Error) as exc:
        raise RuntimeError(f"De gemeentelijst in {folder} is beschadigd ({exc}); installeer Koploper opnieuw.") from None
    known = registry().regions
    codes = {code for code, _, _ in rows}
    wrong = [f"{region} {code}" for region, code in members if region not in known or code not in codes]
    if wrong:
        raise RuntimeError(f"De ledenlijst in {folder} is beschadigd (onbekend: {', '.join(wrong[:3])}); installeer Koploper opnieuw.")
    regions: dict[str, list[str]] = {}
    for region, code in members:
        regions.setdefault(code, []).append(region)
    municipalities = {code: Municipality(code, name, province, tuple(regions.get(code, ()))) for code, name, province in rows}
    names: dict[tuple[str, ...], list[str]] = {}

    def add(name: str, code: str) -> None:
        key = tuple(fold(name).split())
        if key and code in municipalities and code not in names.setdefault(key, []):
            names[key].append(code)

    for code, municipality in municipalities.items():
        add(municipality.name, code)
        add(re.sub(r"\s*\([^)]*\)", "", municipality.name), code)  # 'Bergen (NH.)' is written 'Bergen'
    for alias, code in registry().municipality_aliases.items():
        add(alias, code)
    return Gazetteer(municipalities, {key: tuple(codes) for key, codes in names.items()}, MEMBERS_FILE)


def mentions(text: str) -> list[Mention]:
    """The municipalities `text` names (see `Gazetteer.mentions`)."""
    return gazetteer().mentions(text)
