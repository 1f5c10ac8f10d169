"""Vectors for passages and their sentences, in one model pass per passage (late chunking)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kennisbank.ingest.chunking import Chunk
from kennisbank.ingest.sentences import sentence_spans
from kennisbank.search.lexical import LONG_RUN
from kennisbank.store.upgrades import LATE_CHUNKING

if TYPE_CHECKING:
    import numpy as np

    from kennisbank.model.embedding import Embedder

EMBED_BATCH = 32
EMBED_GROUP = 128
"""Chunks handed to the model per call: large enough for its length sorting to save padding, small
enough for a lively progress bar and bounded memory."""


def _without_long_runs(text: str) -> tuple[str, Callable[[int], int]]:
    """`text` with LONG_RUN runs replaced by a space, and where a position of `text` lands in it."""
    cuts = [(m.start(), m.end()) for m in LONG_RUN.finditer(text)]
    if not cuts:
        return text, lambda position: position

    def where(position: int) -> int:
        shift = 0
        for start, end in cuts:
            if position >= end:
                shift += end - start - 1
            elif position > start:
                return start - shift + 1
            else:
                break
        return position - shift

    return LONG_RUN.sub(" ", text), where


def embed_chunks(
    model: Embedder, chunks: list[Chunk], late_chunking: bool | None = None
) -> tuple[np.ndarray, list[tuple[list[tuple[int, int]], np.ndarray]]]:
    """Vectors of the passages and of each passage's sentences (so answers need no model call later).

    What the model reads loses runs of 300+ characters without a space (a hex dump): tokenizing them
    costs seconds and says nothing; the stored text stays verbatim.
    """
    spans = [sentence_spans(c.text) for c in chunks]
    if LATE_CHUNKING if late_chunking is None else late_chunking:
        texts: list[str] = []
        shifted: list[list[tuple[int, int]]] = []
        for chunk, chunk_spans in zip(chunks, spans, strict=True):
            full = chunk.embedding_text()
            head = len(full) - len(chunk.text)  # the passage text is the end of what the model reads
            clean, where = _without_long_runs(full)
            texts.append(clean)
            shifted.append([(where(a + head), where(b + head)) for a, b in chunk_spans])
        vectors, matrices = model.encode_passages_with_sentences(texts, shifted, batch_size=EMBED_BATCH)
        return vectors, list(zip(spans, matrices, strict=True))
    vectors = model.encode_passages([LONG_RUN.sub(" ", c.embedding_text()) for c in chunks], batch_size=EMBED_BATCH)
    texts = [LONG_RUN.sub(" ", c.text[a:b]) for c, chunk_spans in zip(chunks, spans, strict=True) for a, b in chunk_spans]
    sentence_vectors = model.encode_passages(texts, batch_size=EMBED_BATCH)
    out: list[tuple[list[tuple[int, int]], np.ndarray]] = []
    offset = 0
    for chunk_spans in spans:
        out.append((chunk_spans, sentence_vectors[offset : offset + len(chunk_spans)]))
        offset += len(chunk_spans)
    return vectors, out
