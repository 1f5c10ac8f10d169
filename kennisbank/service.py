"""The kennisbank as the rest of Koploper sees it: open the index once, then search and list sources.

    kb = KnowledgeBase.open(load_settings())
    response = kb.search("Wat is een woonzorgvisie?", region="MRA", k=5)

Heavy libraries (torch, chromadb, bm25s) are imported when a KnowledgeBase is opened, not before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from kennisbank.answer import as_answer, candidates, choose, score_candidates
from kennisbank.errors import KennisbankError
from kennisbank.fusion import normalised_fusion, reciprocal_rank_fusion
from kennisbank.indexer import build_index, check_model, mismatch_message
from kennisbank.models import Hit, SearchResponse, SourceInfo
from kennisbank.regions import known_regions, resolve_region
from kennisbank.settings import Settings, load_settings
from kennisbank.store import (
    Manifest,
    current_generation,
    list_sources,
    make_embedding_function,
    open_collection,
    read_manifest,
)

if TYPE_CHECKING:
    from kennisbank.embedding import Embedder
    from kennisbank.lexical import LexicalIndex

__all__ = ["KnowledgeBase", "build_index"]

Mode = Literal["hybrid", "dense", "bm25"]
Fusion = Literal["rrf", "normalised"]

DEFAULT_FUSION: Fusion = "normalised"
"""Measured in bench/bench_kennisbank.py on the development sets: normalised score fusion is at least
as good as dense and BM25 alone on top-1, top-3 and answers; RRF lost a top-1 to dense."""
MIN_LEXICAL_COVERAGE = 0.5
"""Below this share of known question words the fusion uses the dense ranking alone."""
ANSWER_MIN_SIMILARITY = 0.83
"""Below this cosine between the question and the closest chosen sentence the material is taken to have
nothing on the question (answer null). Calibrated on the development sets with e5-small: answerable
questions reach 0.837 or more, off-topic ones at most 0.822."""


@dataclass
class _Chunk:
    id: str
    text: str
    meta: dict[str, Any]

    def lexical_text(self) -> str:
        """Title and heading count for the words too: a heading often names what the paragraph answers."""
        return f"{self.meta.get('title', '')} {self.meta.get('section', '')}\n{self.text}"


class KnowledgeBase:
    """An opened index: the model, the Chroma collection and the lexical index, loaded once."""

    def __init__(
        self,
        settings: Settings,
        manifest: Manifest,
        embedder: "Embedder",
        collection: Any,
        chunks: list[_Chunk],
        lexical: "LexicalIndex",
    ) -> None:
        self.settings = settings
        self.manifest = manifest
        self.embedder = embedder
        self.collection = collection
        self.chunks = chunks
        self.lexical = lexical
        self.fusion: Fusion = DEFAULT_FUSION
        self._position = {chunk.id: i for i, chunk in enumerate(chunks)}
        self._regions = np.array([chunk.meta.get("region") or "" for chunk in chunks], dtype=object)

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, settings: Settings | None = None) -> "KnowledgeBase":
        """Load the current index; a Dutch KennisbankError when the model or the index is missing or mismatched."""
        settings = settings or load_settings()
        fingerprint = check_model(settings)
        generation = current_generation(settings.index_dir)
        if generation is None:
            raise KennisbankError(
                f"Er is nog geen kennisindex in {settings.index_dir}. "
                "Bouw die met `koploper voorbereiden` of `koploper index`."
            )
        manifest = read_manifest(generation)
        if manifest.model_fingerprint != fingerprint:
            raise KennisbankError(mismatch_message(manifest, fingerprint))

        from kennisbank.embedding import Embedder
        from kennisbank.lexical import LexicalIndex

        embedder = Embedder(settings.model_path)
        collection = open_collection(generation, make_embedding_function(embedder.encode_passages))
        stored = collection.get(include=["documents", "metadatas"])
        chunks = [
            _Chunk(id=cid, text=text or "", meta=dict(meta or {}))
            for cid, text, meta in zip(stored["ids"], stored["documents"], stored["metadatas"])
        ]
        chunks.sort(key=lambda c: (str(c.meta.get("source", "")), int(c.meta.get("start", 0)), c.id))
        lexical = LexicalIndex([chunk.lexical_text() for chunk in chunks])
        return cls(settings, manifest, embedder, collection, chunks, lexical)

    # ------------------------------------------------------------------ listing

    def sources(self) -> list[SourceInfo]:
        """Every indexed file with its chunk count and reference date, cards first."""
        return list_sources(self.manifest)

    def regions(self) -> list[str]:
        """The regions that occur in the index, in the fixed order of kennisbank.regions."""
        present = {str(r) for r in self._regions if r}
        ordered = [r for r in known_regions() if r in present]
        return ordered + sorted(present - set(ordered))

    # ------------------------------------------------------------------ searching

    def _mask(self, region: str | None) -> np.ndarray:
        if region is None:
            return np.ones(len(self.chunks), dtype=bool)
        return self._regions == region

    def _dense(self, query_vector: np.ndarray, region: str | None) -> np.ndarray:
        """Cosine similarity from Chroma for every chunk (−1 for chunks outside the region or the candidates)."""
        similarities = np.full(len(self.chunks), -1.0)
        count = len(self.chunks)
        if not count:
            return similarities
        result = self.collection.query(
            query_embeddings=[query_vector.tolist()],
            n_results=count,
            where={"region": region} if region else None,
            include=["distances"],
        )
        for cid, distance in zip(result["ids"][0], result["distances"][0]):
            position = self._position.get(cid)
            if position is not None:
                similarities[position] = 1.0 - float(distance)
        return similarities

    def search(self, query: str, region: str | None = None, k: int = 5, mode: Mode = "hybrid") -> SearchResponse:
        """The k best chunks for a question and, when the material covers it, a quoted answer.

        `mode` exists for the benchmark: dense only, BM25 only, or both fused (the default).
        """
        from kennisbank.lexical import cap_query

        query = cap_query(query.strip())  # a pasted file must not cost the model and the analysis seconds
        canonical = resolve_region(region)
        if not query or not self.chunks:
            return SearchResponse(query=query)
        mask = self._mask(canonical)
        if not mask.any():
            return SearchResponse(query=query)
        query_vector = self.embedder.encode_queries([query])[0]
        dense = self._dense(query_vector, canonical) if mode != "bm25" else np.zeros(len(self.chunks))
        lexical = self.lexical.scores(query) if mode != "dense" else np.zeros(len(self.chunks))
        if mode == "dense":
            fused = np.where(mask, dense, -np.inf)
        elif mode == "bm25":
            fused = np.where(mask & (lexical > 0), lexical, -np.inf)
        elif self.fusion == "rrf":
            fused = reciprocal_rank_fusion(dense, lexical, mask, self._lexical_weight(query))
        else:
            fused = normalised_fusion(dense, lexical, mask, self._lexical_weight(query))
        order = [int(i) for i in np.argsort(-fused, kind="stable") if np.isfinite(fused[i])][: max(k, 1)]
        hits = [self._hit(position, float(fused[position])) for position in order]
        response = SearchResponse(query=query, results=hits)
        self._answer(response, query_vector)
        return response

    def _lexical_weight(self, query: str) -> float:
        """How far the word ranking is trusted: by the share of the question's words the material knows,
        and not at all when that is under half (a question in English, or about something absent)."""
        coverage = self.lexical.coverage(query)
        return coverage if coverage >= MIN_LEXICAL_COVERAGE else 0.0

    def _hit(self, position: int, score: float) -> Hit:
        chunk = self.chunks[position]
        meta = chunk.meta
        page = meta.get("page")
        return Hit(
            id=chunk.id,
            source=str(meta.get("source", "")),
            title=str(meta.get("title", "")),
            section=str(meta.get("section", "")),
            region=meta.get("region"),
            page=int(page) if page is not None else None,
            text=chunk.text,
            score=round(score, 6),
            source_url=meta.get("source_url"),
            reference_date=meta.get("reference_date"),
        )

    def unknown_names(self, query: str) -> list[str]:
        """Capitalised words of the question (not its first word) that the material never mentions.

        A question about Vaals or Ajax cannot be answered from material that never names them, however
        close the other words come.
        """
        words = re.findall(r"[^\W\d_][\w'’-]*", query)
        return [w for w in words[1:] if w[0].isupper() and not self.lexical.covers(w)]

    def _answer(self, response: SearchResponse, query_vector: np.ndarray) -> None:
        """Fill in the quoted answer, or leave it None when the material has nothing on the question."""
        if not response.results or self.unknown_names(response.query):
            return
        if self.lexical.coverage(response.query) == 0.0:
            return  # not one word of the question occurs in the material
        found = candidates(response.results)
        query_terms = set(self.lexical.query_terms(response.query))
        score_candidates(found, query_vector, self.embedder.encode_passages, query_terms, self.lexical.text_terms)
        chosen = choose(found)
        if not chosen:
            return
        if max(c.semantic for c in chosen) < ANSWER_MIN_SIMILARITY:
            return
        response.answer, response.answer_sentences = as_answer(chosen)

