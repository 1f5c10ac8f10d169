"""The assistant's boundary types: what the parser understood and what a reply carries.

`Reply.result` is the allocation engine's full `AllocationResult` (exact fractions, indicator values,
bounds, years): what the app shows and exports, and what a saved conversation keeps, without a
reduced copy to rebuild from. `Reply.allocation` is its documented JSON (`koploper verdeel --json`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.engines import HIT_JSON_KEYS, AllocationResult, Hit, KeyComparison, MethodComparison
from koploper.methods import Method

__all__ = [
    "AllocationResult",
    "Hit",
    "Intent",
    "KeyComparison",
    "MethodComparison",
    "ParsedRequest",
    "ProfileFigureSource",
    "ProfileMember",
    "RegionProfile",
    "Reply",
    "Turn",
]

Intent = Literal["knowledge", "allocation", "clarify", "help"]
REQUEST_JSON_KEYS = ("region", "municipalities", "total", "focus", "key", "method", "group")
UNIT_KINDS = {
    "euro": "euro",
    "plekken": "plekken", "plek": "plekken", "plaatsen": "plekken", "plaats": "plekken", "kamers": "plekken",
    "kamer": "plekken", "bedden": "plekken",
    "personen": "personen", "persoon": "personen", "mensen": "personen", "statushouders": "personen",
    "huishoudens": "personen", "studenten": "personen", "ouderen": "personen", "urgenten": "personen",
    "arbeidsmigranten": "personen", "woonwagenbewoners": "personen",
}
"""The user's unit word → the unit of `--json` ('woningen' for homes and anything not listed)."""


def unit_kind(word: str | None) -> str:
    """'statushouders' → 'personen', 'plaatsen' → 'plekken', '€' → 'euro', 'huizen' → 'woningen'."""
    if not word:
        return "woningen"
    if word in UNIT_KINDS:
        return UNIT_KINDS[word]
    if word.endswith(("plekken", "plaatsen")):
        return "plekken"
    return "woningen"


def _of_total(share: float | None, total: float | None, rounding: Callable[[Fraction], int]) -> int | None:
    """A share of the total in whole units ('20%' of 120 = 24); exact, so a third of 120 is 40, not 39."""
    if share is None or total is None:
        return None
    return rounding(Fraction(share).limit_denominator(10_000) * Fraction(str(total)))


def _key_name(key: dict[str, float]) -> str:
    """'inwoners', or 'inwoners=0.7,huishoudens=0.3' for a mix (as `verdeel --sleutel` takes it)."""
    positive = {k: w for k, w in key.items() if w > 0}
    if len(positive) == 1:
        return next(iter(positive))
    return ",".join(f"{k}={w:g}" for k, w in positive.items())


class ParsedRequest(BaseModel):
    """An allocation request as the parser understood it (possibly incomplete: then the reply asks)."""

    region: str | None = None
    municipalities: list[str] | None = None
    total: int | float | None = None
    """Whole units; a float only for an amount of money with cents (then `cents` is set)."""
    focus: str | None = None
    key: dict[str, float] = Field(default_factory=lambda: {"inwoners": 1.0})
    method: Method = "hamilton"
    group: str | None = None
    unit: str = "woningen"
    """The word the user counted in ('plekken', 'statushouders'); only used in Dutch sentences."""
    existing: bool = False
    """The user asked to account for what municipalities already do (needs a user file)."""
    existing_amounts: dict[str, int | float] = Field(default_factory=dict)
    """'Den Haag heeft al 40 gehuisvest': municipality → what it already did (the engine's existing effort)."""
    compare_keys: list[dict[str, float]] = Field(default_factory=list)
    """Keys to show side by side ('wat scheelt het als we naar huishoudens verdelen?'); empty for one key."""
    changed: list[str] = Field(default_factory=list)
    """Which numbers the last follow-up changed ('total', 'cap', 'floor', 'years'): "maak dat 250.000"
    then means that one."""
    noted: list[str] = Field(default_factory=list)
    """Numbers of the last message that only inform ('2026 als jaartal', '7 als het aantal gemeenten'):
    shown in the read-as line, never used as an amount."""
    years: int = 1
    """Spread over this many years ('in 3 jaar'); the engine divides each year fairly too."""
    cap_absolute: int | None = None
    """'maximaal 50 per gemeente': the most any member gets (in the request's unit)."""
    floor_absolute: int | None = None
    """'minimaal 2 per gemeente': the least any member gets."""
    cap_share: float | None = None
    """'maximaal 20% per gemeente', 'hoogstens een kwart': the most any member gets, as a share of the total."""
    floor_share: float | None = None
    """'minimaal 5% per gemeente': the least any member gets, as a share of the total."""
    caps: dict[str, float] = Field(default_factory=dict)
    """'maximaal 1% van de inwoners per gemeente': indicator → fraction (the engine's `caps`)."""
    floors: dict[str, float] = Field(default_factory=dict)
    """'minimaal 0,1% van de woningvoorraad per gemeente': indicator → fraction (the engine's `floors`)."""
    cents: bool = False
    """Money divided to the cent instead of in whole euros."""

    @property
    def unit_kind(self) -> str:
        """'woningen', 'plekken', 'personen' or 'euro' (the `unit` of `--json`)."""
        return unit_kind(self.unit)

    def max_per_municipality(self) -> int | None:
        """The most any member gets as a number: the fixed cap, or the share of the total rounded down."""
        values = [v for v in (self.cap_absolute, _of_total(self.cap_share, self.total, math.floor)) if v is not None]
        return min(values) if values else None

    def min_per_municipality(self) -> int | None:
        """The least any member gets as a number: the fixed floor, or the share of the total rounded up."""
        values = [v for v in (self.floor_absolute, _of_total(self.floor_share, self.total, math.ceil)) if v is not None]
        return max(values) if values else None

    def to_json(self) -> dict[str, Any]:
        """The `request` object: the seven original keys, the limits, years (null when absent), the unit and
        `existing` ({municipality: amount} named in the conversation, {} when none)."""
        data = self.model_dump(mode="json")
        out = {key: data[key] for key in REQUEST_JSON_KEYS}
        out["max_per_municipality"] = self.max_per_municipality()
        out["min_per_municipality"] = self.min_per_municipality()
        out["years"] = self.years if self.years > 1 else None
        out["unit"] = self.unit_kind
        out["existing"] = dict(self.existing_amounts)
        out["compare_keys"] = [_key_name(key) for key in self.compare_keys] or None
        return out


class ProfileMember(BaseModel):
    """One member municipality with its figures, for the `/regio NAAM` panel."""

    municipality: str
    cbs_code: str
    figures: dict[str, float | None]


class ProfileFigureSource(BaseModel):
    """Where a figure in the region profile comes from, and for which date."""

    indicator: str
    label: str
    source: str
    reference_date: str
    derived: bool = False
    precision: str | None = None


class RegionProfile(BaseModel):
    """Structured data for the region panel: members with figures, sources, and what the material says."""

    region: str
    aliases: list[str] = Field(default_factory=list)
    basis: str | None = None
    note: str | None = None
    members: list[ProfileMember]
    totals: dict[str, float | None] = Field(default_factory=dict)
    figure_sources: list[ProfileFigureSource] = Field(default_factory=list)
    partners: list[str] = Field(default_factory=list)
    """Sentences quoted from the knowledge base on who takes part and who coordinates, with [n] citations."""
    approach: list[str] = Field(default_factory=list)
    """Sentences quoted from the knowledge base about the region's approach, with [n] citations."""
    knowledge_error: str | None = None


class SideBySideQuote(BaseModel):
    """A sentence quoted verbatim from the passage `source_id` (a substring of its text)."""

    text: str
    source_id: str


class SideBySideCell(BaseModel):
    """One region's (or thing's) quotes for one aspect; none when the material has nothing on it."""

    column: str
    quotes: list[SideBySideQuote] = Field(default_factory=list)

    @property
    def quote(self) -> str | None:
        return " ".join(q.text for q in self.quotes) or None

    @property
    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(q.source_id for q in self.quotes))


class SideBySideRow(BaseModel):
    aspect: str
    cells: list[SideBySideCell]


class SideBySide(BaseModel):
    """A comparison answered per aspect, each cell quoted from the material with its citation."""

    columns: list[str]
    rows: list[SideBySideRow]

    def to_json(self) -> dict[str, Any]:
        return self.model_dump()


class Reply(BaseModel):
    """One answer of the assistant: Dutch Markdown plus the structured data behind it."""

    question: str
    intent: Intent
    answer: str
    read_as: str | None = None
    request: ParsedRequest | None = None
    sources: list[Hit] = Field(default_factory=list)
    result: AllocationResult | None = None
    """The engine's full allocation result (for a comparison: the result under the request's method)."""
    comparison: MethodComparison | None = None
    """All methods' full results, for `/vergelijk`."""
    key_comparison: KeyComparison | None = None
    """The request under two or more keys side by side (each key's full result)."""
    region_profile: RegionProfile | None = None
    side_by_side: SideBySide | None = None
    """A comparison of regions or things, per aspect (also as the table in `answer`)."""

    @property
    def allocation(self) -> dict[str, Any] | None:
        """The result in the documented JSON shape (`koploper verdeel --json`), or None."""
        if self.key_comparison is not None:
            return self.key_comparison.to_json()
        return self.result.to_json() if self.result is not None else None

    def to_json(self) -> dict[str, Any]:
        """The issue's JSON reply: question, intent, answer, request, sources (as in zoek), allocation."""
        return {
            "question": self.question,
            "intent": self.intent,
            "answer": self.answer,
            "request": self.request.to_json() if self.request else None,
            "sources": [{key: getattr(hit, key) for key in HIT_JSON_KEYS} for hit in self.sources],
            "allocation": self.allocation,
            **({"side_by_side": self.side_by_side.to_json()} if self.side_by_side is not None else {}),
        }


class Turn(BaseModel):
    """A question and the reply it got."""

    question: str
    reply: Reply
    asked_at: str
