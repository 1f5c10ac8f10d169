"""Combine the dense and the lexical ranking of the same chunks into one.

Two methods, both measured in bench/bench_kennisbank.py: reciprocal rank fusion (ranks only) and
normalised score fusion (each score scaled to 0..1 over the candidates, then weighted).
"""

from __future__ import annotations

import numpy as np

RRF_K = 60
"""The usual RRF constant: damps the difference between rank 1 and rank 2."""
DENSE_WEIGHT = 0.5
"""Share of the dense score in normalised fusion; the lexical side gets the rest."""


def _ranks(scores: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Rank (0 = best) of every candidate; non-candidates and zero lexical scores get no rank (inf)."""
    ranks = np.full(scores.shape, np.inf)
    order = [i for i in np.argsort(-scores, kind="stable") if mask[i]]
    for position, index in enumerate(order):
        ranks[index] = position
    return ranks


def reciprocal_rank_fusion(
    dense: np.ndarray, lexical: np.ndarray, mask: np.ndarray, lexical_weight: float = 1.0, k: int = RRF_K
) -> np.ndarray:
    """Σ w/(k + rank) over the two rankings; a chunk BM25 does not match at all gets nothing from it.

    `lexical_weight` (0..1) is how much the words of the question can be trusted (see
    LexicalIndex.coverage); the dense ranking always weighs 1.
    """
    dense_ranks = _ranks(dense, mask)
    lexical_ranks = _ranks(lexical, mask & (lexical > 0))
    fused = np.zeros(dense.shape, dtype=np.float64)
    for ranks, weight in ((dense_ranks, 1.0), (lexical_ranks, lexical_weight)):
        finite = np.isfinite(ranks)
        fused[finite] += weight / (k + 1 + ranks[finite])
    fused[~mask] = -np.inf
    return fused


def _unit(scores: np.ndarray, mask: np.ndarray) -> np.ndarray:
    values = scores[mask]
    if values.size == 0:
        return np.zeros(scores.shape)
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.where(mask, 1.0 if high > 0 else 0.0, 0.0)
    return np.clip((scores - low) / (high - low), 0.0, 1.0)


def normalised_fusion(
    dense: np.ndarray,
    lexical: np.ndarray,
    mask: np.ndarray,
    lexical_weight: float = 1.0,
    dense_weight: float = DENSE_WEIGHT,
) -> np.ndarray:
    """dense_weight · minmax(dense) + (1 − dense_weight) · lexical_weight · lexical / max(lexical)."""
    top = float(lexical[mask].max()) if mask.any() else 0.0
    lexical_unit = lexical / top if top > 0 else np.zeros(lexical.shape)
    fused = dense_weight * _unit(dense, mask) + (1 - dense_weight) * lexical_weight * lexical_unit
    return np.where(mask, fused, -np.inf)
