"""One column of a comparison quotes what is about its own side (kennisbank.answer.sides). Passages written for
this file, no mocks."""

from __future__ import annotations

import pytest

from kennisbank.answer.evidence import Candidate
from kennisbank.answer.sides import OWN_SIDE_WEIGHT, on_own_side
from kennisbank.ingest.sentences import split_sentences
from kennisbank.models import Hit, Side


def _candidates(text: str, section: str = "Twee regelingen") -> list[Candidate]:
    hit = Hit(id="h1", source="kaart.md", title="Regelingen", section=section, text=text, score=1.0)
    found = []
    for sentence in split_sentences(text):
        start = text.index(sentence)
        found.append(Candidate(0, hit, start, start + len(sentence)))
    return found


TEXT = (
    "De eerste ronde van de subsidie in 2021 leverde 300 plekken op. "
    "De tweede ronde van de subsidie in 2024 leverde 450 plekken op. "
    "Beide rondes samen kostten 20 miljoen euro."
)


def test_a_sentence_about_only_the_other_side_is_left_out() -> None:
    kept = on_own_side(_candidates(TEXT), Side("subsidie ronde 2021", ("subsidie ronde 2024",)))
    texts = [c.text for c in kept]
    assert not any("2024" in t for t in texts) and any("2021" in t for t in texts)
    assert any(t.startswith("Beide") for t in texts)  # about neither: it stays for a region's column


def test_a_sentence_about_its_own_side_is_preferred() -> None:
    kept = on_own_side(_candidates(TEXT), Side("ronde 2024", ("ronde 2021",)))
    by_text = {c.text: c.fit for c in kept}
    assert by_text["De tweede ronde van de subsidie in 2024 leverde 450 plekken op."] == pytest.approx(OWN_SIDE_WEIGHT)
    assert by_text["Beide rondes samen kostten 20 miljoen euro."] == 0.0


def test_a_named_side_keeps_only_the_sentences_that_name_it() -> None:
    kept = on_own_side(_candidates(TEXT), Side("ronde 2024", ("ronde 2021",), named=True))
    assert [c.text for c in kept] == ["De tweede ronde van de subsidie in 2024 leverde 450 plekken op."]


def test_an_inflected_name_is_its_own_side() -> None:
    text = "Het objectieve model kijkt naar kenmerken van gemeenten. Het historische model kijkt naar uitgaven."
    kept = on_own_side(_candidates(text), Side("objectief model", ("historisch model",), named=True))
    assert [c.text for c in kept] == ["Het objectieve model kijkt naar kenmerken van gemeenten."]


def test_an_ordinal_and_an_apostrophe_are_read_as_the_material_writes_them() -> None:
    text = "In de tweede helft van 2025 waren het er 80. In de eerste helft van 2025 waren het er 60. Bij D'Artagnan gaat het anders."
    kept = on_own_side(_candidates(text), Side("2e helft 2025", ("1e helft 2025",)))
    assert [c.text for c in kept if "helft" in c.text] == ["In de tweede helft van 2025 waren het er 80."]
    named = on_own_side(_candidates(text), Side("dartagnan", ("tweede helft",), named=True))
    assert [c.text for c in named] == ["Bij D'Artagnan gaat het anders."]


def test_sides_without_words_of_their_own_leave_the_sentences_alone() -> None:
    found = _candidates(TEXT)
    assert on_own_side(found, Side("de ronde", ("de ronde",))) == found
    assert on_own_side(found, None) == found
