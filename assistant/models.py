"""The assistant's boundary types: what the parser understood and what a reply carries.

`Reply.allocation` holds the allocation engine's JSON (`AllocationResult.to_json()`, the same shape as
`koploper verdeel --json`) as a plain dict, so that replies save and load without the engine's classes.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from kennisbank.models import HIT_JSON_KEYS, Hit

Intent = Literal["knowledge", "allocation", "clarify", "help"]
Method = Literal["hamilton", "sainte-lague", "dhondt"]
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


class MethodComparison(BaseModel):
    """The same request under each rounding method: municipality → allocated number per method."""

    methods: list[str]
    rows: list[dict[str, Any]]
    differences: list[str] = Field(default_factory=list)


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
    allocation: dict[str, Any] | None = None
    comparison: MethodComparison | None = None
    region_profile: RegionProfile | None = None

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
