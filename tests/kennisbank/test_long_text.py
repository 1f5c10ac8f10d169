"""Pathological text: an unbroken 300 KB token in a file and a 1 MB word in a question.

The speed bound itself is measured in bench/bench_long_token.py; here we check the mechanism: such
tokens never reach the compound splitter or the stemmer, and queries are cut before analysis.
"""

from __future__ import annotations

import random

from kennisbank.lexical import MAX_QUERY_CHARS, MAX_TOKEN, CompoundSplitter, LexicalIndex, cap_query, words


def _hex(length: int, seed: int) -> str:
    generator = random.Random(seed)
    return "".join(generator.choice("0123456789abcdef") for _ in range(length))


TEXTS = [
    "De woonzorgvisie van Parkstad beschrijft de huisvestingsopgave voor statushouders.",
    "Het logboek bewaart de sleutel " + _hex(300_000, 1) + " volgens het systeem.",
    "Een opgave voor de huisvesting van dak- en thuislozen in Heerlen.",
]


def test_long_tokens_stay_out_of_the_analysis() -> None:
    long_word = _hex(300_000, 1)
    assert long_word not in words(TEXTS[1])
    assert "logboek" in words(TEXTS[1]) and "sleutel" in words(TEXTS[1])
    index = LexicalIndex(TEXTS)
    assert all(len(word) <= MAX_TOKEN for word in index.splitter.vocabulary)
    assert all(len(term) <= MAX_TOKEN for term in index._known)
    # the words around the token are still found
    assert index.scores("sleutel logboek").argmax() == 1
    # compounds keep working
    assert index.scores("opgave huisvesting").argmax() in (0, 2)


def test_splitter_refuses_overlong_words() -> None:
    splitter = CompoundSplitter(["huisvesting", "opgave", "abcd", "bcde"])
    assert splitter.split("huisvestingsopgave") == ["huisvesting", "opgave"]
    overlong = "abcd" * 50_000
    assert splitter.split(overlong) == [] and splitter.split_known(overlong) == []
    assert overlong not in splitter._cache


def test_queries_are_capped_before_analysis() -> None:
    index = LexicalIndex(TEXTS)
    word = "huisvesting" + _hex(1_000_000, 2)
    assert len(cap_query(word)) == MAX_QUERY_CHARS
    assert index.query_terms(f"sleutel {word}") == index.query_terms("sleutel")
    assert index.coverage(f"sleutel {word}") == 1.0  # the overlong word is no content word
    assert not index.covers(word)
    # a long question keeps its first MAX_QUERY_CHARS characters: the words in it still count
    question = "woonzorgvisie " * (MAX_QUERY_CHARS // 14 + 1) + "logboek"
    assert "logboek" not in " ".join(index.query_terms(question))
    assert index.query_terms(question)
