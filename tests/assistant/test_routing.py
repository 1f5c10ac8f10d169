"""Routing decisions that need conversation state but no model: knowledge follow-ups, profiles, commands."""

from __future__ import annotations

from assistant.parsing.message import parse_message
from assistant.parsing.places import default_index
from assistant.router import ConversationState
from tests.assistant.helpers import GRONINGEN, HAAGLANDEN, PARKSTAD, decide, offline_conversation

AFTER_KNOWLEDGE = ConversationState(last_intent="knowledge", last_knowledge_question="Hoeveel gemeenten doen mee?")


def test_knowledge_follow_up_reuses_the_question_with_another_region() -> None:
    r = decide("En in Parkstad?", AFTER_KNOWLEDGE)
    assert (r.kind, r.query, r.region, r.follow_up) == ("knowledge", "Hoeveel gemeenten doen mee?", PARKSTAD, True)
    r = decide("en bij haaglanden", AFTER_KNOWLEDGE)
    assert (r.kind, r.region) == ("knowledge", HAAGLANDEN)


def test_a_new_question_after_knowledge_is_not_a_follow_up() -> None:
    r = decide("Wat doet de Vereniging van Groninger Gemeenten?", AFTER_KNOWLEDGE)
    assert r.kind == "knowledge" and r.query.startswith("Wat doet") and not r.follow_up
    assert decide("Verdeel 100 woningen over Parkstad", AFTER_KNOWLEDGE).kind == "allocation"


def test_region_profiles_and_commands() -> None:
    assert (decide("Vertel me over Parkstad").kind, decide("Vertel me over Parkstad").region) == ("profile", PARKSTAD)
    assert decide("vertel me iets over de provincie groningen").region == GRONINGEN
    assert decide("/regio Parkstad").kind == "profile"
    assert decide("/regio GMR").region == "Groene Metropoolregio Arnhem-Nijmegen"
    assert decide("/regio Kerkrade").region == PARKSTAD
    assert decide("/regio").kind == "region_filter"
    assert decide("/regio Atlantis").problem == "Atlantis"
    assert decide("/vergelijk").kind == "compare"
    assert decide("/data eigen.csv").query == "eigen.csv"
    assert decide("/zomaar").kind == "unknown_command"
    assert decide("Vertel me over de woonzorgvisie").kind == "knowledge"


def test_unknown_region_command_lists_the_regions() -> None:
    conv = offline_conversation()
    r = conv.ask("/regio Atlantis")
    assert r.intent == "help" and "Atlantis" in r.answer and PARKSTAD in r.answer
    assert conv.region_filter is None
    assert conv.ask("/zomaar").answer.startswith("Onbekende opdracht `/zomaar`.")


def test_numbers_in_knowledge_questions_do_not_make_totals() -> None:
    for question in ("Wat gebeurde er in 2021?", "Wat staat er in Kamerstuk 36 512?", "Wat is 30% sociale huur?"):
        assert decide(question).kind == "knowledge"


def test_a_number_follow_up_after_a_knowledge_question_goes_back_to_the_last_allocation() -> None:
    conv = offline_conversation()
    conv.ask("Verdeel 120 woningen over Parkstad")
    conv.state.last_intent = "knowledge"  # as after a knowledge question in between
    conv.state.last_knowledge_question = "Wat betekent eerlijk aandeel?"
    r = conv.ask("En als het er 300 zijn?")
    assert r.intent == "allocation" and r.request is not None and (r.request.total, r.request.region) == (300, PARKSTAD)
    assert decide("En in Groningen?", conv.state).kind == "allocation"


def test_region_profile_without_knowledge_base_still_gives_the_figures() -> None:
    conv = offline_conversation()
    reply = conv.ask("Vertel me over de Groene Metropoolregio")
    profile = reply.region_profile
    assert reply.intent == "knowledge" and profile is not None and len(profile.members) == 18
    assert profile.knowledge_error and "kon niet worden doorzocht" in reply.answer
    assert "| Nijmegen |" in reply.answer and "| **Totaal** |" in reply.answer
    montferland = next(m for m in profile.members if m.municipality == "Montferland")
    assert montferland.figures["inwoners"] and montferland.figures["corporatiewoningen"]
    assert profile.note and "Montferland" in profile.note


def test_load_knowledge_from_many_threads_fails_once_in_dutch() -> None:
    import threading

    from tests.assistant.helpers import offline_assistant

    assistant = offline_assistant()
    threads = [threading.Thread(target=assistant.load_knowledge) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    error = assistant.knowledge_error
    assert error and "koploper voorbereiden" in error and not assistant.knowledge_ready
    assistant.load_knowledge()
    assert assistant.knowledge_error == error


def test_knowledge_follow_up_rewrites_stay_grammatical() -> None:
    from assistant.router import with_article

    assert with_article("Wat doet de MRA?", "MRA", "Haaglanden") == "Wat doet de regio Haaglanden?"
    assert with_article("Wat doet de regio Enschede?", "Enschede", "Haaglanden") == "Wat doet de regio Haaglanden?"
    assert with_article("Wat doet de VVG?", "VVG", "GMR") == "Wat doet de GMR?"
    assert with_article("Hoe werkt Parkstad?", "Parkstad", "Haaglanden") == "Hoe werkt Haaglanden?"


def test_a_yes_no_question_about_the_material_is_no_request() -> None:
    """A closing question that opens with its verb asks the material, however many allocation words come before."""
    asked = [
        "Veel cliënten met een indicatie komen in Arnhem terecht. Zijn er cijfers over hoe de statushouders over de regio verdeeld zijn?",
        "Een meisje woont in een gezinshuis van Stichting Horizon. Telt zij mee voor de taakstelling van de gemeente?",
        "Krijgen gemeenten in Twente extra geld voor de opvang?",
    ]
    for question in asked:
        assert decide(question).kind == "knowledge", question
    for request in (
        "Kun je de taakstelling over Twente verdelen?",
        "Verdeel 120 woningen over Parkstad?",
        "taakstelling statushouders Twente?",
    ):
        assert decide(request).kind == "allocation", request


def test_a_verb_after_region_is_no_name() -> None:
    """'over de regio verdeeld': a participle goes on with the sentence; a lower-case name after 'regio' stays a name."""
    assert decide("verdeel 80 woningen over regio foodvalley").problem is not None
    assert parse_message("Ik weet hoe de woningen over de regio verdeeld zijn.", default_index()).unknown_places == []
