"""Every example the app shows works: asked as shown, it gets an answer, never a clarifying question.

The examples are read from what the user sees (the welcome list, the help reply, the quoted
suggestions inside replies, the example after loading a file), not typed in here, so a new example
is checked as soon as it is shown. Runs on the real assistant over the session's knowledge base.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.compose_help import EXAMPLES, compose_help
from assistant.compose_knowledge import suggestions
from assistant.conversation import Conversation
from assistant.models import Reply
from assistant.session import Assistant

pytestmark = pytest.mark.slow

FIRST_ALLOCATION = EXAMPLES["Stadsregio Parkstad Limburg"][0]
"""The help's follow-ups ('En voor Kerkrade?') continue an allocation the user was shown first."""


def quoted(text: str) -> list[str]:
    """The "…"-quoted examples in a reply; a quote with '…' in it is a pattern, not a question."""
    return [q for q in re.findall(r'"([^"\n]+)"', text) if "…" not in q]


def works(reply: Reply) -> bool:
    """An answer: an allocation with a result, a profile, or a knowledge answer that quotes a source."""
    if reply.intent == "allocation":
        return reply.result is not None
    if reply.intent == "knowledge":
        return reply.region_profile is not None or bool(reply.sources)
    return False


def ask_after(assistant: Assistant, setup: list[str], question: str) -> tuple[Conversation, Reply]:
    conv = assistant.new_conversation()
    for text in setup:
        conv.ask(text)
    return conv, conv.ask(question)


def test_every_welcome_and_help_example_is_answered(knowledge_assistant: Assistant) -> None:
    shown = [q for questions in EXAMPLES.values() for q in questions]
    help_text = compose_help()
    assert all(f'"{q}"' in help_text for q in shown)  # the help shows the same examples as the welcome screen
    failing = []
    for question in shown:
        _, reply = ask_after(knowledge_assistant, [], question)
        if not works(reply):
            failing.append((question, reply.intent, reply.answer[:300]))
    assert not failing, failing


def test_every_follow_up_in_the_help_is_answered(knowledge_assistant: Assistant) -> None:
    paragraph = next(p for p in compose_help().split("\n\n") if p.startswith("**Vervolgvragen**"))
    allocation_follow_ups, knowledge_follow_ups = paragraph.split("Na een kennisvraag")
    assert quoted(allocation_follow_ups) and quoted(knowledge_follow_ups)
    failing = []
    for question in quoted(allocation_follow_ups):
        _, reply = ask_after(knowledge_assistant, [FIRST_ALLOCATION], question)
        if not works(reply):
            failing.append((question, reply.answer[:300]))
    knowledge_first = EXAMPLES["Metropoolregio Amsterdam"][1]
    for question in quoted(knowledge_follow_ups):
        _, reply = ask_after(knowledge_assistant, [knowledge_first], question)
        if not works(reply):
            failing.append((question, reply.answer[:300]))
    assert not failing, failing


SUGGESTING = [
    ([], "verdeel woningen"),
    ([], "verdeel over Parkstad"),
    ([], "verdeel 250 woningen"),
    ([], "verdeel een budget over Parkstad"),
    ([], "Verdeel 50 woningen over Utrecht, Zeist en Houten naar huishoudens"),
    ([], "Verdeel 120 woningen over Parkstad, rekening houdend met wat gemeenten al doen"),
    ([], "/vergelijk"),
    ([], "Verdeel 100 woningen over Utrecht"),
    ([FIRST_ALLOCATION], "En voor Utrecht?"),
    ([], "Wat vinden de regio's van de kleur van de voordeur?"),
    (["/regio Twente"], "Wat weet je over de sterrenkunde?"),
]
"""Messages whose replies suggest what to write instead (the suggestions are read from the replies)."""


@pytest.mark.parametrize(("setup", "trigger"), SUGGESTING)
def test_every_suggestion_in_a_reply_is_answered(knowledge_assistant: Assistant, setup: list[str], trigger: str) -> None:
    """A suggestion is the user's next message in the same conversation: it must then work."""
    _, reply = ask_after(knowledge_assistant, setup, trigger)
    suggestions = quoted(reply.answer)
    assert suggestions, reply.answer  # the reply suggests something, else this case tests nothing
    failing = []
    for suggestion in suggestions:
        _, answer = ask_after(knowledge_assistant, [*setup, trigger], suggestion)
        if not works(answer):
            failing.append((suggestion, answer.intent, answer.answer[:300]))
    assert not failing, failing


def test_knowledge_suggestions_are_answered_in_any_region_filter(knowledge_assistant: Assistant) -> None:
    """What a 'niets in het materiaal' reply suggests is answered there: without a filter, and within each
    region's filter (after `/regio Twente` it must not suggest a Parkstad question that the filter blocks)."""
    failing = []
    for region in [None, *EXAMPLES]:  # the six regions
        setup = [f"/regio {region}"] if region else []
        conv, _ = ask_after(knowledge_assistant, setup, "help")
        assert conv.region_filter == region
        for suggestion in quoted(suggestions(region)):
            _, reply = ask_after(knowledge_assistant, setup, suggestion)
            if not works(reply):
                failing.append((region, suggestion, reply.answer[:300]))
    assert not failing, failing


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


TWENTE = (
    "gemeente;vrijkomende_woningen\nAlmelo;300\nBorne;80\nDinkelland;90\nEnschede;900\nHaaksbergen;100\n"
    "Hellendoorn;120\nHengelo;500\nHof van Twente;110\nLosser;70\nOldenzaal;130\nRijssen-Holten;150\n"
    "Tubbergen;80\nTwenterand;100\nWierden;90\n"
)


@pytest.mark.parametrize(
    ("name", "text", "must_not_name"),
    [
        ("twente.csv", TWENTE, "Haaglanden"),
        ("drie.csv", "gemeente;opvangplekken\nDelft;30\nLeiden;40\nGouda;12\n", "Haaglanden"),
        ("bestaand.csv", "gemeente;bestaand\nHeerlen;40\nKerkrade;12\n", "Haaglanden"),
    ],
)
def test_the_example_after_loading_a_file_fits_the_file(
    knowledge_assistant: Assistant, tmp_path: Path, name: str, text: str, must_not_name: str
) -> None:
    """After loading a Twente file the example is about Twente, and it works with the file's own column."""
    path = _write(tmp_path, name, text)
    conv = knowledge_assistant.new_conversation()
    loaded = conv.load_user_data(path)
    suggestions = quoted(loaded.answer)
    assert suggestions and must_not_name not in loaded.answer, loaded.answer
    for suggestion in suggestions:
        reply = conv.ask(suggestion)
        assert works(reply), (suggestion, reply.answer[:300])
        assert reply.result is not None
        used = set(reply.result.key) | ({reply.result.existing} if reply.result.existing else set())
        assert used & set(loaded.answer.split("'")), (used, loaded.answer)  # the file's own column is used


def test_a_file_for_one_municipality_gets_no_example_that_fails(knowledge_assistant: Assistant, tmp_path: Path) -> None:
    path = _write(tmp_path, "een.csv", "gemeente;opvangplekken\nDelft;30\n")
    loaded = knowledge_assistant.new_conversation().load_user_data(path)
    assert not quoted(loaded.answer) and "minstens twee gemeenten" in loaded.answer, loaded.answer
