"""Data that crosses the kennisbank's boundary: search hits, answers, sources and index reports.

Kept free of torch and chromadb so that the CLI, the assistant and the app can import these types
without paying for the model.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import BaseModel, Field

HIT_JSON_KEYS = ("id", "source", "title", "section", "region", "page", "text", "score")


class Hit(BaseModel):
    """One chunk of a source that matched a question, with what a citation needs."""

    id: str
    source: str
    title: str
    section: str
    region: str | None = None
    page: int | None = None
    text: str
    score: float
    source_url: str | None = None
    reference_date: str | None = None


class AnswerSentence(BaseModel):
    """A sentence quoted verbatim from the chunk `hit_id` (it is a substring of that hit's text)."""

    text: str
    hit_id: str


class Side(NamedTuple):
    """One column of a comparison: the thing it names and the things the other columns name, as the user
    wrote them. Its answer quotes what is about its own side (kennisbank.answer.sides)."""

    own: str
    others: tuple[str, ...]
    named: bool = False
    """The quote must name its own side when some sentence does: a method or model is named where it is
    explained, while a region's own material speaks of it without naming it in every sentence."""


class SearchResponse(BaseModel):
    """What `zoek` returns: the quoted answer (None when the material has nothing on it) and the hits."""

    query: str
    answer: str | None = None
    answer_sentences: list[AnswerSentence] = Field(default_factory=list)
    results: list[Hit] = Field(default_factory=list)
    note: str | None = None
    """One Dutch line beside or instead of the answer: what the material does not have ("Over 2031
    staat …"), or that the quotes are Dutch for a question in English."""

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of `koploper zoek --json`, nothing more."""
        return {
            "query": self.query,
            "answer": self.answer,
            "note": self.note,
            "results": [{key: getattr(hit, key) for key in HIT_JSON_KEYS} for hit in self.results],
        }

    def cited_hits(self) -> list[Hit]:
        """The hits the answer quotes, in order of first citation (for numbered citations)."""
        by_id = {hit.id: hit for hit in self.results}
        seen: list[Hit] = []
        for sentence in self.answer_sentences:
            hit = by_id.get(sentence.hit_id)
            if hit is not None and hit not in seen:
                seen.append(hit)
        return seen


class SourceInfo(BaseModel):
    """One indexed file, for `koploper bronnen`."""

    source: str
    title: str
    region: str | None = None
    chunks: int
    reference_date: str | None = None
    source_url: str | None = None
    unreachable: bool = False
    """Not reachable at the last index run; its passages are kept."""


class SkippedFile(BaseModel):
    """A file that was not indexed, with the Dutch reason shown to the user."""

    source: str
    reason: str


class IndexReport(BaseModel):
    """What one indexing run did, per file; `skipped` carries Dutch reasons."""

    added: list[str] = Field(default_factory=list)
    changed: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    skipped: list[SkippedFile] = Field(default_factory=list)
    unreachable: list[str] = Field(default_factory=list)
    """Indexed before, out of reach now (share offline, folder renamed): kept in the index."""
    chunks_embedded: int = 0
    chunks_total: int = 0
    seconds: float = 0.0
