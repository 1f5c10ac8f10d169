"""One question's ranking: the store's dense top-k and the word index's own top-k, fused over their union.

Fusion needs a vector for every candidate: the dense ones bring theirs, a lexical-only candidate's vector
comes from the word index's copy (else from the store). Text is fetched only for the k results.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from kennisbank.models import Hit
from kennisbank.search.fusion import normalised_fusion, reciprocal_rank_fusion
from kennisbank.search.own_weight import OWN_REACH, weigh_own
from kennisbank.search.word_cache import Words
from kennisbank.store.base import Store
from koploper.regions import GENERAL

Mode = Literal["hybrid", "dense", "bm25"]
Fusion = Literal["rrf", "normalised"]

DEFAULT_FUSION: Fusion = "normalised"
"""Measured in bench/bench_kennisbank.py on the development sets: normalised score fusion is at least
as good as dense and BM25 alone on top-1, top-3 and answers; RRF lost a top-1 to dense."""
MIN_LEXICAL_COVERAGE = 0.5
"""Below this share of known question words the fusion uses the dense ranking alone."""
DENSE_K = 200
"""Dense candidates asked from the store per question: enough that the fused top-10 matches an exact
ranking over all vectors (bench/bench_scale.py: dense_recall_at_10), few enough to stay fast."""
LEXICAL_K = 200
"""Word-index candidates per question (bm25s's own top-k)."""
REGION_WIDENING = 4
"""With a region filter the dense top-k is widened this much and filtered afterwards; only when too
few of a region's passages are among them does the store filter itself (slower at scale)."""


@dataclass
class Ranking:
    """The hits of one question, with what bench/ measures: the dense candidates and seconds per step."""

    hits: list[Hit] = field(default_factory=list)
    dense: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def region_mask(words: Words, region: str | None, general: bool = True) -> np.ndarray | None:
    """Which passages of the word index a search in `region` may find (None: no filter): the region's own,
    and with `general` the passages of no region (glossary, programme, laws, the user's documents), which a
    region filter narrows nothing of."""
    if region is None:
        return None
    own = (
        words.region_codes == words.region_names.index(region) + 1
        if region in words.region_names
        else np.zeros(len(words.ids), dtype=bool)
    )
    return own | _general(words) if general else own


def _general(words: Words) -> np.ndarray:
    """Passages of no one region: tagged GENERAL (the country, the programme) or without a region."""
    codes = [0] + ([words.region_names.index(GENERAL) + 1] if GENERAL in words.region_names else [])
    return np.isin(words.region_codes, codes)


def _dense(
    store: Store, words: Words, query_vector: np.ndarray, region: str | None, k: int, general: bool = True
) -> dict[str, float]:
    """Cosine similarity of the dense top-k (of one region, and with `general` of no region, when given)."""
    if region is None:
        return dict(store.query(query_vector, DENSE_K))
    pairs = store.query(query_vector, DENSE_K * REGION_WIDENING)
    positions = {cid: words.where(cid) for cid, _ in pairs}
    unknown = [cid for cid, position in positions.items() if position is None]
    regions = {cid: str(meta.get("region") or "") for cid, (_, meta, _) in store.fetch(unknown).items()}
    for cid, position in positions.items():
        if position is not None:
            code = int(words.region_codes[position])
            regions[cid] = words.region_names[code - 1] if code else ""
    kept = {cid: s for cid, s in pairs if regions.get(cid) == region}
    if len(kept) < min(DENSE_K // 4, max(k, 1) * 4) and len(pairs) >= DENSE_K * REGION_WIDENING:
        kept = dict(store.query(query_vector, DENSE_K, region=region))
    if general:
        kept.update({cid: s for cid, s in pairs if regions.get(cid, "") in ("", GENERAL)})
    return kept


def _vectors_of(store: Store, words: Words, ids: list[str]) -> dict[str, np.ndarray]:
    """Vectors of passages the dense top-k did not bring: from the word index's copy, else the store."""
    found: dict[str, np.ndarray] = {}
    unknown = []
    for cid in ids:
        position = words.where(cid)
        vector = words.vector(position) if position is not None else None
        if vector is None:
            unknown.append(cid)
        else:
            found[cid] = vector
    for cid, (_, _, vector) in store.fetch(unknown, vectors=True).items():
        if vector is not None:
            found[cid] = np.asarray(vector, dtype=np.float32)
    return found


def lexical_weight(words: Words, query: str) -> float:
    """How far the word ranking is trusted: by the share of the question's words the material knows,
    and not at all when that is under half (a question in English, or about something absent)."""
    coverage = words.lexical.coverage(query)
    return coverage if coverage >= MIN_LEXICAL_COVERAGE else 0.0


def hit_of(cid: str, stored: tuple[str, dict[str, Any], Any], score: float) -> Hit:
    """A Hit from what the store holds for a passage."""
    text, meta, _ = stored
    page = meta.get("page")
    return Hit(
        id=cid,
        source=str(meta.get("source", "")),
        title=str(meta.get("title", "")),
        section=str(meta.get("section", "")),
        region=meta.get("region"),
        page=int(page) if page is not None else None,
        text=text,
        score=round(score, 6),
        source_url=meta.get("source_url"),
        reference_date=meta.get("reference_date"),
    )


def _fuse(
    union: list[str], dense: dict[str, float], lexical: dict[str, float], mode: Mode, fusion: Fusion, weight: float
) -> np.ndarray:
    dense_scores = np.array([dense.get(cid, -1.0) for cid in union])
    lexical_scores = np.array([lexical.get(cid, 0.0) for cid in union])
    everyone = np.ones(len(union), dtype=bool)
    if mode == "dense":
        return dense_scores
    if mode == "bm25":
        return np.where(lexical_scores > 0, lexical_scores, -np.inf)
    if fusion == "rrf":
        return reciprocal_rank_fusion(dense_scores, lexical_scores, everyone, weight)
    return normalised_fusion(dense_scores, lexical_scores, everyone, weight)


def rank(
    store: Store,
    words: Words,
    query: str,
    query_vector: np.ndarray,
    region: str | None,
    mask: np.ndarray | None,
    k: int,
    mode: Mode,
    fusion: Fusion,
    general: bool = True,
    lexical_query: str | None = None,
) -> Ranking:
    """The k best passages for a question (already capped and embedded), best first. `lexical_query` is
    what the word index is asked (the question with the legal terms of its words, see search.equivalents)."""
    clock = time.perf_counter
    started = clock()
    dense = _dense(store, words, query_vector, region, k, general) if mode != "bm25" else {}
    ranking = Ranking(dense=list(dense))
    densed = clock()
    lexical: dict[str, float] = {}
    if mode != "dense":
        positions, scores = words.lexical.top(lexical_query or query, LEXICAL_K, mask)
        lexical = {words.ids[int(p)]: float(s) for p, s in zip(positions, scores, strict=True)}
    lexicaled = clock()
    ranking.timings = {"dense": densed - started, "lexical": lexicaled - densed}
    union = list(dense) + [cid for cid in lexical if cid not in dense]
    if not union:
        return ranking
    if mode == "hybrid":
        missing = [cid for cid in union if cid not in dense]
        for cid, vector in _vectors_of(store, words, missing).items():
            dense[cid] = float(vector @ query_vector)
    weight = lexical_weight(words, query) if mode == "hybrid" else 0.0
    fused = _fuse(union, dense, lexical, mode, fusion, weight)
    reach = max(k, OWN_REACH) if mode == "hybrid" else k  # a user's passage a little below the cut can come in
    count = min(max(reach, 1), len(union))
    top = np.argpartition(-fused, count - 1)[:count] if count < len(union) else np.arange(len(union))
    best = sorted((int(i) for i in top if np.isfinite(fused[i])), key=lambda i: (-fused[i], i))
    stored = store.fetch([union[i] for i in best])
    hits = [hit_of(union[i], stored[union[i]], float(fused[i])) for i in best if union[i] in stored]
    ranking.hits = weigh_own(hits, k) if mode == "hybrid" else hits
    ranking.timings["fusion"] = clock() - lexicaled
    return ranking
