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
    from kennisbank.model.vector_cache import VectorCache

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
    model: Embedder | Callable[[], Embedder],
    chunks: list[Chunk],
    late_chunking: bool | None = None,
    cache: VectorCache | None = None,
) -> tuple[np.ndarray, list[tuple[list[tuple[int, int]], np.ndarray]]]:
    """Vectors of the passages and of each passage's sentences (so answers need no model call later).

    What the model reads loses runs of 300+ characters without a space (a hex dump): tokenizing them
    costs seconds and says nothing; the stored text stays verbatim. With a `cache`, what the model
    already made for the same text (and spans, and mode) is taken from it and only the rest is encoded;
    `model` may be a function that loads the model, called only when something is not in the cache.
    """
    load = model if callable(model) else lambda: model
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
        vectors, matrices = _late_cached(load, texts, shifted, cache)
        return vectors, list(zip(spans, matrices, strict=True))
    vectors = _passages_cached(load, [LONG_RUN.sub(" ", c.embedding_text()) for c in chunks], cache)
    texts = [LONG_RUN.sub(" ", c.text[a:b]) for c, chunk_spans in zip(chunks, spans, strict=True) for a, b in chunk_spans]
    sentence_vectors = _passages_cached(load, texts, cache)
    out: list[tuple[list[tuple[int, int]], np.ndarray]] = []
    offset = 0
    for chunk_spans in spans:
        out.append((chunk_spans, sentence_vectors[offset : offset + len(chunk_spans)]))
        offset += len(chunk_spans)
    return vectors, out


def _late_cached(
    load: Callable[[], Embedder], texts: list[str], spans: list[list[tuple[int, int]]], cache: VectorCache | None
) -> tuple[np.ndarray, list[np.ndarray]]:
    """`encode_passages_with_sentences`, with each text's passage vector and sentence matrix kept in
    `cache` as one matrix (the passage vector on top)."""
    if cache is None:
        return load().encode_passages_with_sentences(texts, spans, batch_size=EMBED_BATCH)
    keys = [cache.key("late", text, text_spans) for text, text_spans in zip(texts, spans, strict=True)]

    def encode(missing: list[int]) -> list[np.ndarray]:
        import numpy as np

        vectors, matrices = load().encode_passages_with_sentences(
            [texts[i] for i in missing], [spans[i] for i in missing], batch_size=EMBED_BATCH
        )
        return [np.vstack([vector[None, :], matrix]) for vector, matrix in zip(vectors, matrices, strict=True)]

    matrices = _cached(keys, [1 + len(text_spans) for text_spans in spans], cache, encode)
    return _passage_rows(matrices, load), [matrix[1:] for matrix in matrices]


def _passages_cached(load: Callable[[], Embedder], texts: list[str], cache: VectorCache | None) -> np.ndarray:
    """`encode_passages`, with each text's vector kept in `cache`."""
    if cache is None:
        return load().encode_passages(texts, batch_size=EMBED_BATCH)
    keys = [cache.key("passage", text) for text in texts]

    def encode(missing: list[int]) -> list[np.ndarray]:
        return list(load().encode_passages([texts[i] for i in missing], batch_size=EMBED_BATCH)[:, None, :])

    return _passage_rows(_cached(keys, [1] * len(texts), cache, encode), load)


def _passage_rows(matrices: list[np.ndarray], load: Callable[[], Embedder]) -> np.ndarray:
    import numpy as np

    return np.stack([matrix[0] for matrix in matrices]) if matrices else np.zeros((0, load().dimension), dtype=np.float32)


def _cached(
    keys: list[bytes], rows: list[int], cache: VectorCache, encode: Callable[[list[int]], list[np.ndarray]]
) -> list[np.ndarray]:
    """One matrix per key: from `cache` when it holds one with the expected rows (an entry's columns are
    its model's dimension: the key names the model), else from `encode` (called once, with the positions
    that were missing), whose matrices then go into the cache."""
    import numpy as np

    found = cache.get(keys)
    matrices: list[np.ndarray | None] = [
        found[key] if key in found and found[key].shape[0] == count else None for key, count in zip(keys, rows, strict=True)
    ]
    if len({matrix.shape[1] for matrix in matrices if matrix is not None}) > 1:
        matrices = [None] * len(keys)  # entries of different widths cannot all be this model's
    missing = [index for index, matrix in enumerate(matrices) if matrix is None]
    if missing:
        for index, matrix in zip(missing, encode(missing), strict=True):
            matrices[index] = np.asarray(matrix, dtype=np.float32)
    made = set(missing)
    done = [matrix for matrix in matrices if matrix is not None]
    cache.put({keys[i]: done[i] for i in made}, used=[key for i, key in enumerate(keys) if i not in made])
    return done
