"""The help reply: what can be asked, with examples per region."""

from __future__ import annotations

EXAMPLES: dict[str, list[str]] = {
    "Metropoolregio Amsterdam": [
        "Verdeel 1000 woningen over de MRA naar inwoners",
        "Wat is de rol van de MRA als koploper?",
    ],
    "Regio Enschede": [
        "Wat is het aandeel van Hengelo als de regio Enschede 200 plekken moet vinden?",
        "Hoe werkt de regio Enschede samen aan beschermd wonen?",
    ],
    "Provincie Groningen": [
        "Verdeel 90 statushouders over de Groninger gemeenten op basis van corporatiebezit",
        "Hoeveel gemeenten werken in de provincie Groningen samen?",
    ],
    "Regio Haaglanden": [
        "Hoeveel moet Zoetermeer doen als Haaglanden 600 woningen moet leveren?",
        "Welke afspraken heeft Haaglanden over uitstroom uit de maatschappelijke opvang?",
    ],
    "Stadsregio Parkstad Limburg": [
        "Verdeel 120 woningen over Parkstad, 70% inwoners en 30% woningen",
        "/regio Parkstad",
    ],
    "Groene Metropoolregio Arnhem-Nijmegen": [
        "Verdeel 400 woningen over de Groene Metropoolregio, half naar inwoners en half naar sociale huurwoningen",
        "Vertel me over Arnhem-Nijmegen",
    ],
}


def compose_help(prefix: str | None = None) -> str:
    """Dutch Markdown: the kinds of questions, follow-ups and commands, with examples per region."""
    parts: list[str] = []
    if prefix:
        parts.append(prefix)
    parts.append(
        "Ik beantwoord twee soorten vragen:\n\n"
        "- **Kennisvragen** over de aanpak van de zes koploperregio's en het programma Een thuis voor iedereen. "
        "Ik antwoord alleen met zinnen uit het materiaal, met bronnummers [1], [2] en een bronnenlijst.\n"
        "- **Verdeelvragen**: het eerlijk aandeel van elke gemeente in een regionale opgave, op CBS-cijfers. "
        "Noem het aantal (\"240 woningen\", \"twaalfhonderd plekken\"), de regio of de gemeenten, en eventueel "
        "een gemeente om op te letten, de sleutel (\"naar inwoners\", \"naar rato van de woningvoorraad\", "
        "\"op basis van corporatiebezit\", \"70% inwoners en 30% woningen\"), de doelgroep en de afronding "
        "(\"met D'Hondt\", \"Sainte-Laguë\")."
    )
    parts.append(
        "**Vervolgvragen** gebruiken de vorige verdeling: \"En als het er 300 zijn?\", \"Doe hetzelfde voor "
        "Groningen\", \"En nu op basis van woningen\", \"En voor Kerkrade?\". Na een kennisvraag zoekt "
        "\"En in Parkstad?\" dezelfde vraag voor een andere regio."
    )
    examples = "\n".join(
        f"- *{region}*: " + " · ".join(f"\"{q}\"" for q in questions) for region, questions in EXAMPLES.items()
    )
    parts.append("**Voorbeelden per regio**\n\n" + examples)
    parts.append(
        "**Opdrachten**: `/regio NAAM` toont de gemeenten van een regio met hun cijfers en wat het materiaal "
        "over de aanpak zegt (en zoekt daarna binnen die regio); `/regio` zonder naam zoekt weer overal; "
        "`/vergelijk` rekent de laatste verdeling met alle drie afrondingsmethoden; `/data PAD` laadt een eigen "
        "CSV- of XLSX-bestand met cijfers per gemeente; `help` toont dit overzicht."
    )
    return "\n\n".join(parts)
