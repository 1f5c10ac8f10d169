"""Clarifying questions: what is missing from an allocation request, and how to supply it."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.compose_allocation import indicator_phrase
from assistant.engines import SHAPE_HINT, IndicatorInfo
from assistant.models import ParsedRequest
from koploper.numbers import counted

REGIONS_LINE = (
    "Metropoolregio Amsterdam (MRA), Regio Enschede (Twente), Provincie Groningen, Regio Haaglanden, "
    "Stadsregio Parkstad Limburg en Groene Metropoolregio Arnhem-Nijmegen"
)
ADD_DATA = (
    "Eigen cijfers voegt u toe met een CSV- of XLSX-bestand met één rij per gemeente: typ `/data PAD` "
    "(in de app kan het ook met F6, *Gegevensbestand laden*)."
)
"""Said in words and slash-commands only: it is a reply in a conversation (app, `vraag`, `gesprek`)."""


def ask_missing(request: ParsedRequest, read_as: str | None) -> str:
    """One question for what is missing (the total, the region, or both)."""
    parts: list[str] = []
    if read_as:
        parts.append(f"_{read_as}_")
    if request.total is None and not (request.region or request.municipalities):
        parts.append(
            "Hoeveel woningen of plekken moeten er verdeeld worden, en over welke regio of gemeenten? "
            f"Bijvoorbeeld: \"verdeel 250 woningen over Parkstad\". De regio's: {REGIONS_LINE}."
        )
    elif request.total is None and request.unit_kind == "euro":
        parts.append("Welk bedrag moet er verdeeld worden? Antwoord bijvoorbeeld: \"het gaat om € 2,5 miljoen\".")
    elif request.total is None and request.unit not in (None, "woningen", "woning"):
        parts.append(f"Hoeveel {request.unit} moeten er verdeeld worden? Antwoord bijvoorbeeld: \"het gaat om 250 {request.unit}\".")
    elif request.total is None:
        parts.append(
            "Hoeveel woningen of plekken moeten er verdeeld worden? Antwoord bijvoorbeeld: "
            "\"het gaat om 250 woningen\"."
        )
    else:
        parts.append(
            "Over welke regio of welke gemeenten moet ik verdelen? Noem een regio of een lijst gemeenten "
            f"(\"over Heerlen, Kerkrade en Landgraaf\"). De regio's: {REGIONS_LINE}."
        )
    return "\n\n".join(parts)


def explain_problem(problem: str, read_as: str | None) -> str:
    """An engine or routing problem, in the engine's own Dutch words."""
    parts = [f"_{read_as}_"] if read_as else []
    parts.append(problem)
    return "\n\n".join(parts)


def missing_indicators(
    request: ParsedRequest,
    missing: dict[str, list[str]],
    available: dict[str, IndicatorInfo],
    read_as: str | None,
) -> str:
    """Say which figures are missing for whom, which are there, and how to add the missing ones."""
    parts = [f"_{read_as}_"] if read_as else []
    for name, municipalities in missing.items():
        shown = ", ".join(municipalities[:10]) + (f" en nog {len(municipalities) - 10}" if len(municipalities) > 10 else "")
        parts.append(
            f"Voor deze sleutel heb ik **{indicator_phrase(name)}** nodig, maar die cijfers ontbreken voor "
            f"{counted(len(municipalities), 'gemeente', 'gemeenten')}: {shown}. Ik vervang ze niet "
            "stilzwijgend door een andere indicator."
        )
    if available:
        listed = "; ".join(f"{info.label} (peildatum {info.reference_date_label})" for info in available.values())
        parts.append(f"Wel beschikbaar voor deze gemeenten: {listed}.")
    name = next(iter(missing), "indicator")
    parts.append(ADD_DATA + " " + SHAPE_HINT.replace("corporatiewoningen", name))
    parts.append("Of kies een andere sleutel, bijvoorbeeld: \"en nu naar inwoners\".")
    return "\n\n".join(parts)


def need_existing(read_as: str | None, has_file: bool) -> str:
    """Existing effort needs the user's own figures; say so and how to add them."""
    parts = [f"_{read_as}_"] if read_as else []
    if has_file:
        parts.append(
            "U wilt rekening houden met wat gemeenten al doen, maar in uw bestand vind ik geen kolom daarvoor. "
            "Noem die kolom bijvoorbeeld 'bestaand' (het aantal al gehuisveste personen of woningen per gemeente)."
        )
    else:
        parts.append(
            "U wilt rekening houden met wat gemeenten al doen. Die cijfers (hoeveel ieder al heeft gehuisvest) "
            "zitten niet in de meegeleverde CBS-gegevens; ik reken niet stilzwijgend zonder."
        )
    parts.append(ADD_DATA + " Zet de al geleverde inzet in een kolom 'bestaand', bijvoorbeeld:\n\n"
                 "    gemeente;bestaand\n    Heerlen;40\n    Kerkrade;12")
    parts.append("Of vraag de verdeling opnieuw zonder de bestaande inzet, bijvoorbeeld: \"verdeel 120 woningen over Parkstad\".")
    return "\n\n".join(parts)


def unknown_indicator(word: str, indicators: Mapping[str, IndicatorInfo], read_as: str | None) -> str:
    """The key names something there are no figures for ('naar inkomen'): say so, never substitute."""
    parts = [f"_{read_as}_"] if read_as else []
    listed = "; ".join(f"{info.label} ({name}, peildatum {info.reference_date_label}, {info.coverage})" for name, info in indicators.items())
    parts.append(
        f"Ik heb geen cijfers voor '{word}' als verdeelsleutel, en ik vervang die niet stilzwijgend door een "
        f"andere. Beschikbaar zijn: {listed}."
    )
    parts.append(ADD_DATA + f" Geef de kolom een naam, bijvoorbeeld '{word}', en vraag dan \"verdeel … naar {word}\".")
    return "\n\n".join(parts)
