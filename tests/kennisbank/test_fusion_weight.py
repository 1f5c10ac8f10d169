"""Normalised fusion leans on the model's reading more than on shared words (search.fusion.DENSE_WEIGHT).

A question in everyday words shares few words with the article that answers it and many with a passage that
only repeats its words. When the model reads the article as clearly the closer one, the article must come
first; when the model hardly tells them apart, the shared words still decide. The scores are made up for the
test, not taken from any evaluation question.
"""

from __future__ import annotations

import numpy as np

from kennisbank.search.fusion import DENSE_WEIGHT, normalised_fusion


def _fused(dense: list[float], lexical: list[float]) -> np.ndarray:
    return normalised_fusion(np.array(dense), np.array(lexical), np.ones(len(dense), dtype=bool))


def test_the_model_outweighs_the_words() -> None:
    assert DENSE_WEIGHT > 0.5


def test_an_article_the_model_reads_as_closer_beats_a_passage_that_only_shares_words() -> None:
    # candidates: the answering article, a passage repeating the question's words, two far-off passages
    dense = [0.86, 0.82, 0.78, 0.76]
    lexical = [4.0, 9.0, 1.0, 0.0]
    fused = _fused(dense, lexical)
    assert int(np.argmax(fused)) == 0, fused


def test_shared_words_still_decide_when_the_model_hardly_tells_them_apart() -> None:
    dense = [0.845, 0.84, 0.78, 0.76]
    lexical = [2.0, 9.0, 1.0, 0.0]
    fused = _fused(dense, lexical)
    assert int(np.argmax(fused)) == 1, fused


def test_a_question_whose_words_the_material_does_not_know_is_ranked_by_the_model_alone() -> None:
    dense = [0.80, 0.85, 0.70]
    lexical = [9.0, 0.0, 3.0]
    fused = normalised_fusion(np.array(dense), np.array(lexical), np.ones(3, dtype=bool), lexical_weight=0.0)
    assert list(np.argsort(-fused)) == [1, 0, 2]
