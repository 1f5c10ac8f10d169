"""Pathological text: an unbroken 300 KB token in a file and a 1 MB word in a question.

The speed bound itself is measured in bench/bench_long_token.py; here we check the mechanism: such
tokens never reach the compound splitter or the stemmer, and queries are cut before analysis.
"""

from __future__ import annotations

import random

from kennisbank.search.lexical import MAX_QUERY_CHARS, MAX_TOKEN, CompoundSplitter, LexicalIndex, cap_query, words


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
    assert all(len(term) <= MAX_TOKEN for term in index.terms)
    # the words around the token are still found
    assert index.scores("sleutel logboek").argmax() == 1
    # compounds keep working
    assert index.scores("opgave huisvesting").argmax() in (0, 2)


def test_splitter_refuses_overlong_words() -> None:
    splitter = CompoundSplitter(["huisvesting", "opgave", "abcd", "bcde"])
    assert splitter.split("huisvestingsopgave") == ["huisvesting", "opgave"]
    overlong = "abcd" * 50_000
    assert splitter.split(overlong) == [] and splitter.split_known(overlong) == []
    assert not splitter.remembers(overlong)


def test_queries_are_capped_before_analysis() -> None:
    index = LexicalIndex(TEXTS)
    word = "huisvesting" + _hex(1_000_000, 2)
    assert cap_query(word) == "", "a run without spaces longer than any URL is no question"
    assert cap_query("waar wonen statushouders? " * 200) == ("waar wonen statushouders? " * 200)[:MAX_QUERY_CHARS].strip()
    url = "https://www.woningmarktbeleid.nl/documenten/" + "a" * 120
    assert cap_query(f"Wat staat er op {url}?") == f"Wat staat er op {url}?"
    assert index.query_terms(f"sleutel {word}") == index.query_terms("sleutel")
    assert index.coverage(f"sleutel {word}") == 1.0  # the overlong word is no content word
    assert not index.covers(word)
    # a long question keeps its first MAX_QUERY_CHARS characters: the words in it still count
    question = "woonzorgvisie " * (MAX_QUERY_CHARS // 14 + 1) + "logboek"
    assert "logboek" not in " ".join(index.query_terms(question))
    assert index.query_terms(question)


def test_answer_scoring_never_gives_the_model_a_hex_dump() -> None:
    """The candidate sentences are scored by what the model reads: long runs out, long sentences alone."""
    import numpy as np

    from kennisbank.answer.evidence import LONG_SENTENCE, candidates, score_candidates
    from kennisbank.models import Hit

    hex_dump = _hex(300_000, 3)
    text = (
        f"Het logboek bewaart de sleutel {hex_dump} volgens het systeem. "
        "De gemeente Heerlen reserveert tien woningen voor statushouders. "
        + "Een lange zin over de verdeling van woningen in de regio " * 10
        + "."
    )
    hit = Hit(id="a", source="x.txt", title="x", section="", text=text, score=1.0)
    found = candidates([hit])
    batches: list[list[str]] = []

    def encode(texts: list[str]) -> np.ndarray:
        batches.append(texts)
        return np.ones((len(texts), 3), dtype=np.float32)

    score_candidates(found, np.ones(3, dtype=np.float32), encode, set(), lambda s: set())
    assert all(len(t) < 1000 and hex_dump[:50] not in t for batch in batches for t in batch)
    assert all(len(batch) == 1 for batch in batches if any(len(t) > LONG_SENTENCE for t in batch))
    assert found[0].text.count(hex_dump) == 1, "the quote itself stays verbatim"
    assert all(c.semantic == 3.0 for c in found)


def test_sentences_around_a_long_run_are_found() -> None:
    """Finding the word before a full stop once scanned a 300 KB run for every position in it."""
    from kennisbank.ingest.sentences import split_sentences

    hex_dump = _hex(300_000, 4)
    text = f"De sleutel is {hex_dump}. Daarna volgt het verslag. Het gaat om nr. 5 van dhr. Jansen."
    assert split_sentences(text) == [f"De sleutel is {hex_dump}.", "Daarna volgt het verslag.", "Het gaat om nr. 5 van dhr. Jansen."]
