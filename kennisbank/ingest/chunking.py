"""Cut a document into chunks that follow its headings and paragraphs and never cut a sentence.

One paragraph is one chunk; short neighbours under the same heading (list items, one-liners) are
joined; a paragraph longer than the limit is split between sentences. Ids are hashes of the source
and the text, so an unchanged paragraph keeps its id (and its embedding) when the file around it changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from kennisbank.ingest.readers import Block, Document
from kennisbank.ingest.sentences import sentence_spans
from kennisbank.regions import detect_region

MAX_CHARS = 1200
"""Longest chunk before it is split between sentences (e5-small reads 512 tokens, about 2000 characters)."""
MIN_CHARS = 160
"""Shorter paragraphs are joined with the next one under the same heading."""


@dataclass
class Chunk:
    """A piece of a source with everything a hit and its citation need."""

    id: str
    source: str
    title: str
    section: str
    text: str
    start: int
    end: int
    page: int | None
    region: str | None
    source_url: str | None
    reference_date: str | None
    aliases: str = ""
    """The document's other names, comma-separated: read by the model and the word index, never quoted."""

    def embedding_text(self) -> str:
        """What the model reads: title, other names and heading give a short paragraph its context."""
        title = f"{self.title} (ook: {self.aliases})" if self.aliases and self.title else self.title
        heading = " — ".join(part for part in (title, self.section) if part)
        return f"{heading}\n{self.text}" if heading else self.text

    def metadata(self) -> dict[str, str | int]:
        """Chroma metadata (no None values allowed there)."""
        values: dict[str, str | int | None] = {
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "region": self.region,
            "source_url": self.source_url,
            "reference_date": self.reference_date,
            "aliases": self.aliases or None,
        }
        return {key: value for key, value in values.items() if value is not None}


def _split_long(block: Block) -> list[Block]:
    """Split a paragraph longer than MAX_CHARS between sentences."""
    if len(block.text) <= MAX_CHARS:
        return [block]
    pieces: list[Block] = []
    spans = sentence_spans(block.text)
    current: tuple[int, int] | None = None
    for start, end in spans:
        if current is not None and end - current[0] > MAX_CHARS:
            pieces.append(_sub_block(block, *current))
            current = None
        current = (current[0] if current else start, end)
    if current is not None:
        pieces.append(_sub_block(block, *current))
    return pieces


def _sub_block(block: Block, start: int, end: int) -> Block:
    return Block(
        text=block.text[start:end],
        section=block.section,
        start=block.start + start,
        end=block.start + end,
        page=block.page,
    )


def _merge_short(blocks: list[Block]) -> list[Block]:
    """Join short paragraphs with their neighbour under the same heading and on the same page."""
    merged: list[Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.section == block.section
            and previous.page == block.page
            and (len(previous.text) < MIN_CHARS or len(block.text) < MIN_CHARS)
            and len(previous.text) + len(block.text) + 2 <= MAX_CHARS
        ):
            merged[-1] = Block(
                text=f"{previous.text}\n\n{block.text}",
                section=previous.section,
                start=previous.start,
                end=block.end,
                page=previous.page,
            )
        else:
            merged.append(block)
    return merged


def chunk_document(document: Document, source: str) -> list[Chunk]:
    """The document's chunks in reading order, with stable ids and metadata."""
    blocks = [piece for block in _merge_short(document.blocks) for piece in _split_long(block)]
    document_region = document.region or detect_region(
        " ".join([document.title, *(b.text for b in document.blocks)])
    )
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for block in blocks:
        region = document.region or detect_region(f"{block.section} {block.text}") or document_region
        chunk = Chunk(
            id="",
            source=source,
            title=document.title,
            section=block.section,
            text=block.text,
            start=block.start,
            end=block.end,
            page=block.page,
            region=region,
            source_url=document.source_url,
            reference_date=document.reference_date,
            aliases=", ".join(document.aliases),
        )
        key = f"{source}\x00{chunk.embedding_text()}"
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        chunk.id = hashlib.sha256(f"{key}\x00{occurrence}".encode()).hexdigest()[:24]
        chunks.append(chunk)
    return chunks
