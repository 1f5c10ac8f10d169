"""Example questions for the start screen, per koploper region: onboarding copy, not knowledge.

They are the kind of question a new regional coordinator asks in the first week; each one is sent to
the assistant as typed when it is chosen.
"""

from __future__ import annotations

EXAMPLES: dict[str, list[str]] = {
    "Algemeen": [
        "Wat betekent eerlijk aandeel?",
        "help",
    ],
    "Stadsregio Parkstad Limburg": [
        "Hoeveel gemeenten doen mee in Parkstad?",
        "Verdeel 120 woningen over Parkstad naar inwonertal",
        "/regio Parkstad",
    ],
    "Regio Enschede": [
        "Wat is het eerlijk aandeel van Hengelo als de regio Enschede 200 plekken moet vinden?",
    ],
    "Provincie Groningen": [
        "Verdeel 90 statushouders over de Groninger gemeenten op basis van corporatiebezit",
    ],
    "Regio Haaglanden": [
        "Welke verdeelafspraken heeft Den Haag voor statushouders?",
        "Hoeveel moet Zoetermeer doen als Haaglanden 600 woningen moet leveren?",
    ],
    "Metropoolregio Amsterdam": [
        "Verdeel 50 woonwagenstandplaatsen over de MRA naar huishoudens",
    ],
    "Groene Metropoolregio Arnhem-Nijmegen": [
        "Verdeel 400 woningen over de Groene Metropoolregio, half naar inwoners en half naar sociale huurwoningen",
    ],
}
