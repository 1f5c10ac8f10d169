"""A user's passage that is about the question outranks a shipped card that only touches it (search.own_weight).

The weighting grows with the fused score: a user's passage close behind a card comes first, one far behind
stays behind, and a library of only cards or only the user's documents keeps its order. The passages are
new, not taken from any evaluation set.
"""

from __future__ import annotations

from kennisbank.ingest.discovery import CARD_PREFIX
from kennisbank.models import Hit
from kennisbank.search.own_weight import OWN_WEIGHT, SHIPPED_PREFIX, shipped, weigh_own


def _hit(cid: str, source: str, score: float) -> Hit:
    return Hit(id=cid, source=source, title=cid, section="", text=f"tekst van {cid}", score=score)


def _card(cid: str, score: float) -> Hit:
    return _hit(cid, f"{CARD_PREFIX}{cid}.md", score)


def _own(cid: str, score: float) -> Hit:
    return _hit(cid, f"/home/gebruiker/stukken/{cid}.docx", score)


def test_the_index_names_the_cards_as_the_search_expects() -> None:
    assert CARD_PREFIX == SHIPPED_PREFIX
    assert shipped(_card("kaart", 0.5)) and not shipped(_own("verordening", 0.5))


def test_a_users_article_close_behind_a_card_comes_first() -> None:
    hits = [_card("begrippen", 0.62), _own("verordening-artikel-7", 0.55), _card("regio", 0.40)]
    ranked = weigh_own(hits, 3)
    assert [hit.id for hit in ranked] == ["verordening-artikel-7", "begrippen", "regio"]
    assert ranked[0].score == round(0.55 * (1 + OWN_WEIGHT), 6)


def test_a_users_passage_that_only_touches_the_question_stays_behind() -> None:
    hits = [_card("begrippen", 0.80), _card("regio", 0.70), _own("nota-bijlage", 0.30)]
    assert [hit.id for hit in weigh_own(hits, 3)] == ["begrippen", "regio", "nota-bijlage"]


def test_the_lead_grows_with_the_match() -> None:
    # the same card is beaten by the better of two of the user's passages, not by the weaker one
    hits = [_card("begrippen", 0.60), _own("artikel-3", 0.45), _own("artikel-9", 0.35)]
    assert [hit.id for hit in weigh_own(hits, 3)] == ["artikel-3", "begrippen", "artikel-9"]


def test_only_cards_or_only_own_documents_keep_their_order_and_scores() -> None:
    cards = [_card("a", 0.9), _card("b", 0.5), _card("c", 0.1)]
    own = [_own("x", 0.9), _own("y", 0.5)]
    assert weigh_own(cards, 2) == cards[:2]
    assert weigh_own(own, 5) == own


def test_the_window_is_cut_after_weighting() -> None:
    hits = [_card("a", 0.70), _card("b", 0.65), _own("laag", 0.50)]
    assert [hit.id for hit in weigh_own(hits, 2)] == ["laag", "a"]
