"""A region filter never silently blocks a question about another region: the named region wins for
that question, the reply says so, and the filter stays for the next question."""

from __future__ import annotations

from assistant.session import Assistant
from koploper.regions import GENERAL


def test_named_region_wins_over_the_filter(knowledge_assistant: Assistant) -> None:
    conversation = knowledge_assistant.new_conversation()
    conversation.ask("/regio Twente")
    assert conversation.region_filter is not None and "Parkstad" not in conversation.region_filter
    reply = conversation.ask("Hoeveel gemeenten doen mee in Parkstad?")
    assert reply.intent == "knowledge" and reply.sources, reply.answer
    assert all("Parkstad" in (hit.region or "") for hit in reply.sources), [hit.region for hit in reply.sources]
    assert reply.read_as and "Parkstad" in reply.read_as and conversation.region_filter in reply.read_as
    assert reply.read_as in reply.answer
    assert "niets in het materiaal" not in reply.answer
    other = conversation.ask("Welke aanpak kiest de regio voor statushouders?")
    # the filter stays: no other region's material; general material (glossary, programme) may stay in (issue 21)
    assert all(hit.region in (conversation.region_filter, GENERAL, None) for hit in other.sources), "the filter stays"
