"""Which municipalities belong to a region: answered from the composition the engine computes with.

"Welke gemeenten horen bij Parkstad?", "Wij (Lingewaard) vallen toch onder de GMR?": the members are
data, not something to search for in the material, so the answer does not depend on the knowledge base
being there; the source of the composition is named as the profile names it.
"""

from __future__ import annotations

import re

from assistant.engines import load_dataset
from assistant.parsing.message import ParsedMessage
from assistant.parsing.places import PlaceIndex

WHICH_MEMBERS = re.compile(
    r"\bwelke (?:\w+ )?gemeenten (?:horen|vallen|zitten|behoren|vormen|maken|zijn|doen)\b"
    r"|\buit welke (?:\w+ )?gemeenten bestaat\b|\b(?:leden|deelnemers|deelnemende gemeenten) van\b"
)
"""'welke (7) gemeenten horen bij …', 'uit welke gemeenten bestaat …', 'de leden van …'."""
BELONGS = re.compile(
    r"\b(?:hoort|horen|valt|vallen|behoort|behoren|zit|zitten)\b(?: \w+){0,6} (?:bij|onder|tot|in)\b"
    r"|\bmaakt\b(?: \w+){0,6} deel uit\b|\b(?:is|zijn) (?:\w+ )?lid van\b"
)
"""'hoort Brunssum bij Parkstad', 'wij vallen toch onder de GMR': asked about a municipality (or 'wij')."""


def membership_answer(msg: ParsedMessage, index: PlaceIndex, own: str | None = None) -> str | None:
    """The members of the one region the question names, and whether the municipalities it names (or
    the user's own, `own`) are among them; None when the message asks no such thing."""
    regions = list(dict.fromkeys(m.region for m in msg.mentions if m.region and not m.municipality))
    words = {t.text for t in msg.tokens}
    named = [m.municipality.name for m in msg.mentions if m.municipality is not None and not m.region]
    about_someone = bool(named) or bool({"wij", "we", "gemeenten"} & words)
    asks = WHICH_MEMBERS.search(msg.norm) is not None or (BELONGS.search(msg.norm) is not None and about_someone)
    if len(regions) != 1 or not asks:
        return None
    region = regions[0]
    ds = load_dataset()
    if region not in ds.regions:
        return None
    members = sorted(index.member_names(region), key=lambda name: name.lower().removeprefix("'s-"))
    info = ds.regions[region]
    parts = [
        f"{region} telt {len(members)} gemeenten: " + ", ".join(members[:-1]) + " en " + members[-1] + ".",
        f"Samenstelling volgens {info.basis}.",
    ]
    if own and own not in named and {"wij", "we", "ons", "onze"} & words:
        named.append(own)
    for name in dict.fromkeys(named):
        parts.append(f"{name} hoort daarbij." if name in members else f"{name} hoort er niet bij.")
    if info.note:
        parts.append(f"Let op: {info.note}")
    return " ".join(parts)
