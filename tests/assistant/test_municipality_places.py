"""A municipality in a knowledge question, on the real assistant and index: a member the material does not
discuss is answered from its region's material with the membership said in Dutch; a count asked of a place
outside the material is refused with the place named, and points to a verdeelvraag."""

from __future__ import annotations

import pytest

from assistant.session import Assistant
from koploper.regions import GENERAL

pytestmark = pytest.mark.slow


def test_a_member_is_answered_from_its_region_and_says_so(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask("ik werk bij de gemeente Pekela, met welke partijen werken we samen?")
    assert reply.intent == "knowledge" and reply.sources
    assert {hit.region for hit in reply.sources} <= {"Provincie Groningen", GENERAL}
    assert "staat niets" not in reply.answer and "staat in het materiaal niets" not in reply.answer
    assert "Pekela hoort bij de koploperregio provincie Groningen (ledenlijst regio_leden.csv)" in reply.answer


def test_a_task_of_a_place_outside_the_material_is_refused_and_points_to_a_fair_share(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask("wij zijn gemeente tilburg, hoeveel statushouders moeten wij dit jaar huisvesten?")
    assert reply.intent == "knowledge"
    first = reply.answer.split("\n")[0]
    assert "Tilburg" in first and ("staat in het materiaal niets" in first or "staat niets in het materiaal" in first)
    assert "verdeelvraag" in first
