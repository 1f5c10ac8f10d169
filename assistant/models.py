"""The assistant's boundary types: what the parser understood and what a reply carries.

`Reply.result` is the allocation engine's full `AllocationResult` (exact fractions, indicator values,
bounds, years): what the app shows and exports, and what a saved conversation keeps, without a
reduced copy to rebuild from. `Reply.allocation` is its documented JSON (`koploper verdeel --json`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.engines import HIT_JSON_KEYS, AllocationResult, Hit, MethodComparison
from koploper.methods import Method

__all__ = [
    "AllocationResult",
    "Hit",
    "Intent",
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


class ParsedRequest(BaseModel):
    """An allocation request as the parser understood it (possibly incomplete: then the reply asks)."""

    region: str | None = None
    municipalities: list[str] | None = None
    total: int | None = None
    focus: str | None = None
    key: dict[str, float] = Field(default_factory=lambda: {"inwoners": 1.0})
    method: Method = "hamilton"
    group: str | None = None
    unit: str = "woningen"
    """The word the user counted in ('plekken', 'statushouders'); only used in Dutch sentences."""
    existing: bool = False
    """The user asked to account for what municipalities already do (needs a user file)."""
    years: int = 1
    """Spread over this many years ('in 3 jaar'); the engine divides each year fairly too."""

    def to_json(self) -> dict[str, Any]:
        """The issue's `request` object: exactly these seven keys."""
        data = self.model_dump(mode="json")
        return {key: data[key] for key in REQUEST_JSON_KEYS}


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
    approach: list[str] = Field(default_factory=list)
    """Sentences quoted from the knowledge base about the region's approach, with [n] citations."""
    knowledge_error: str | None = None


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
    region_profile: RegionProfile | None = None

    @property
    def allocation(self) -> dict[str, Any] | None:
        """The result in the documented JSON shape (`koploper verdeel --json`), or None."""
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
        }


class Turn(BaseModel):
    """A question and the reply it got."""

    question: str
    reply: Reply
    asked_at: str
