"""The Dutch words the parser listens for: groups, methods, indicators, units and cue phrases.

Patterns are matched on the normalised text (lower case, no accents, hyphens as spaces), so
'Sainte-Laguë', 'sainte lague' and 'D'Hondt'/'dhondt' need one entry each.
"""

from __future__ import annotations

import re

from assistant.engines import read_indicators
from koploper.methods import METHOD_INFO, Method

GROUPS: dict[str, str] = {
    "statushouders": r"status ?houders?|vergunning ?houders?|statushouder\w*|vluchtelingen|nieuwkomers",
    "dak- en thuislozen": r"dak en thuislo\w*|dakloze\w*|daklozen|thuisloze\w*|thuislozen|dakloos",
    "uitstromers uit ggz, beschermd wonen en maatschappelijke opvang": (
        r"uitstrom\w*|uitstroom|ggz|beschermd wonen|bw|mo|maatschappelijke opvang|intramura\w*"
    ),
    "urgenten": r"urgent\w*",
    "studenten": r"student\w*",
    "arbeidsmigranten": r"arbeidsmigrant\w*|arbeids migrant\w*",
    "woonwagenbewoners": r"woonwagen\w*|standplaats\w*",
    "ouderen": r"ouderen|senioren",
}

METHODS: dict[Method, str] = {info.name: info.pattern for info in METHOD_INFO.values()}
"""Method words, from the one method vocabulary (koploper.methods)."""

INDICATORS: dict[str, str] = {name: info.words for name, info in read_indicators().items() if info.words}
"""Indicator words, from allocation/data/indicators.json (via the engines): a new indicator there is
heard in questions without a code change. Where two overlap, the earliest and longest mention wins
('sociale huurwoningen' is corporatiewoningen, not woningen)."""

EXISTING = (
    r"al gehuisvest\w*|reeds gehuisvest\w*|al huisvest\w*|al (?:hebben|heeft) gehuisvest|"
    r"bestaande inzet|huidige inzet|eerdere inzet|inzet tot nu toe|wat (?:ze|zij|gemeenten|elke gemeente) al doe\w*|"
    r"rekening (?:houdend|gehouden|houden) met|al gerealiseerd\w*|al geleverd\w*|wat (?:er )?al (?:is )?gedaan\w*"
)

UNIT_WORDS = frozenset(
    ["woningen", "woning", "plekken", "plek", "plaatsen", "plaats", "eenheden", "wooneenheden", "units", "unit", "kamers", "kamer", "huizen", "huis", "personen", "mensen", "huishoudens", "bedden", "adressen", "woonruimten", "woonruimtes", "appartementen", "toewijzingen", "standplaatsen", "statushouders", "daklozen", "thuislozen", "studenten", "arbeidsmigranten", "ouderen", "urgenten", "uitstromers", "woonwagenbewoners", "vergunninghouders", "clienten", "jongeren", "vluchtelingen", "nieuwkomers", "senioren", "woonplekken", "opvangplekken", "huurwoningen", "flexwoningen"]
)
UNIT_SUFFIXES = ("woningen", "plekken", "plaatsen", "eenheden", "ruimten", "ruimtes", "units", "huizen", "kamers")
NOT_UNITS = frozenset(
    ["gemeenten", "gemeente", "jaar", "jaren", "procent", "inwoners", "keer", "euro", "miljoen", "maanden", "weken", "dagen", "regios", "regio", "provincies", "miljard", "uur", "minuten"]
)

TOTAL_LEADS = frozenset(["verdeel", "verdelen", "verdeling", "verdeelt", "om", "totaal", "opgave", "taakstelling", "er", "reken", "bereken"])
YEAR_LEADS = frozenset(
    ["in", "sinds", "vanaf", "tot", "per", "voor", "na", "van", "jaar", "eind", "begin", "medio", "uit", "rond", "tussen", "t", "m", "en", "sedert"]
)

STRONG_CUES = re.compile(
    r"\bverdee?l\w*|\b(?:be)?reken\w*|\buitreken\w*|\baandeel\b|\bfair share\b|\beerlijk deel\b|"
    r"\bhoeveel (?:moet|moeten|krijgt|krijgen|zou|zouden|komt|komen|gaat|gaan|levert|leveren|neemt|nemen|huisvest|draagt)\b|"
    r"\bwat (?:moet|moeten|krijgt|krijgen) \w+(?: \w+)? (?:doen|leveren|huisvesten|opvangen|nemen|bijdragen)\b|"
    r"\bper gemeente\b|\btaakstelling\b|\bover de gemeenten\b|\bwie moet hoeveel\b|\bkrijg(?:t|en)\b"
)
IMPERATIVE = re.compile(
    r"^(?:verdeel|bereken|reken|maak|geef|toon|laat|doe)\b"
    r"|^(?:kun|kan|kunt|kunnen|wil|wilt|willen|zou|zoudt|zouden|mag|mogen) (?:je|jij|u|jullie|we|wij)\b"
    r"(?: (?!hoe\b|waarom\b|wat\b|welke?\b|wanneer\b|of\b|wie\b|waar\w*\b|uitleggen\b|vertellen\b|weten\b|zeggen\b|bepalen\b)[\w']+){0,12}"
    r" (?:verdelen|berekenen|uitrekenen|doorrekenen|uitsplitsen|omslaan)\b"
)
"""An order ('verdeel …') or a polite request for one ('kunnen jullie de flexwoningen voor Parkstad verdelen?',
'zou je willen uitrekenen …'): a modal verb and the one addressed first, the infinitive of sharing out
later, and no question word or verb of telling in between ('kun je uitleggen hoe gemeenten verdelen?'
asks what the material says)."""
QUESTION_WORDS = frozenset(
    ["wat", "welke", "welk", "hoe", "hoeveel", "wie", "waarom", "wanneer", "waar", "is", "zijn", "heeft", "hebben", "kan", "kunnen", "mag", "mogen", "wordt", "worden", "bestaat", "bestaan", "klopt", "waarop", "waarmee", "waaraan", "waarvoor", "noem", "leg", "vertel", "zegt", "zeggen", "doet", "doen", "gaat", "werkt", "wil", "weet", "staat"]
)
FOLLOW_UP = re.compile(
    r"^(?:en|maar|nu|dan|ook|stel|zelfde|hetzelfde|idem)\b|^(?:doe|doen|reken|bereken|verdeel) (?:dat |het |dit )?"
    r"(?:hetzelfde|zelfde|nog eens|opnieuw|ook)\b|^wat als\b|^en als\b|^als het\b|\bin plaats van\b|\bmaar dan\b"
    r"|\bals (?:we|wij)\b"
)
HELP = re.compile(
    r"^(?:help|hulp|h|\?|hoe werkt (?:dit|het|koploper|de assistent)|wat kan (?:ik|je|jij|u)(?: \w+)?(?: vragen| doen)?|"
    r"wat kun (?:je|jij)(?: \w+)?(?: doen)?|voorbeelden|welke vragen(?: kan ik stellen)?|opties|menu)\s*$"
)
PROFILE = re.compile(
    r"^(?:vertel (?:me |mij |ons )?(?:eens |iets |wat |alles |meer )*over|wat weet (?:je|jij|u) (?:over|van)|"
    r"profiel van|regioprofiel(?: van)?|info over|informatie over|overzicht van)\s+(.+)$"
)

COMMON_WORDS = frozenset(
    ["leden", "wonen", "houden", "heren", "regels", "leiden", "lijden", "onder", "binnen", "buiten", "boven", "beneden", "tussen", "samen", "welke", "gemeenten", "gemeente", "woningen", "inwoners", "huishoudens", "verdeel", "verdeling", "regio", "regios", "provincie", "aandeel", "verdelen", "moeten", "zouden", "hebben", "worden", "werken", "gebeurde", "gebeurt", "aantal", "plekken", "plaatsen", "basis", "helft", "huizen", "buren", "putten", "duiven", "beek", "best", "bergen", "houten", "sluis", "hoorn", "stein", "horst", "echt", "goes", "laren"]
)
AMBIGUOUS_NAMES = frozenset(["huizen", "buren", "putten", "duiven", "beek", "best", "bergen", "houten", "sluis", "hoorn", "stein", "horst", "goes", "echt"])
PLACE_SLOT = frozenset(
    ["over", "van", "voor", "in", "bij", "moet", "moeten", "regio", "gemeente", "gemeenten", "provincie", "tussen", "krijgt", "doet", "aan", "en", "met", "stadsregio", "metropoolregio", "dat", "voor"]
)

ALLOCATION_QUESTION = re.compile(
    r"^(?:en )?wat (?:krijgt|krijgen|krijg|ontvangt|ontvangen)\b|\bhoeveel (?:moet|moeten|krijgt|krijgen|ontvangt|ontvangen|zou|zouden|komt|komen|gaat|gaan|levert|leveren|neemt|nemen|huisvest|draagt)\b|"
    r"\b(?:eerlijke? )?aandeel (?:van|voor)\b|\bwat (?:moet|moeten|krijgt|krijgen) \w+(?: \w+)? "
    r"(?:doen|leveren|huisvesten|opvangen|nemen|bijdragen)\b|\bwie moet hoeveel\b"
    r"|\b(?:wat|hoeveel) (?:houdt|houden|hou|houd) (?:\w+ ){1,4}over(?: (?:dan|nog|na|van|aan|bij|als|straks|uiteindelijk|eigenlijk|precies)\b.*)?$"
    r"|\b(?:wat|hoeveel) (?:blijft|blijven|resteert|resteren|rest) (?:er )?(?:(?:dan|nog|straks|uiteindelijk|eigenlijk|precies) )*(?:over )?(?:voor|bij|aan)\b"
    r"|\bwat (?:komt|komen|gaat|gaan) er (?:(?:dan|nog|straks|uiteindelijk) )*(?:naar|bij|voor|op)\b"
    r"|\bwat (?:zou|zouden|gaat|gaan|moet|moeten|kan|kunnen|mag|mogen|zal|zullen) (?:\w+ ){1,3}(?:krijgen|ontvangen|overhouden|huisvesten|leveren|opvangen|bijdragen)\b"
)
"""A question about one municipality's share: what it gets, must do or keeps ('wat houdt Assen daaraan over',
'hoeveel blijft er voor Emmen', 'wat gaat er naar Westland')."""

EXCLUDE_WORDS = frozenset(["zonder", "behalve", "exclusief", "uitgezonderd", "min", "buiten"])
INCLUDE_WORDS = frozenset(["plus", "inclusief", "incl", "ook", "erbij"])
KEY_SLOT = re.compile(
    r"\b(?:naar rato van|naar verhouding van|in verhouding tot|op basis van|gewogen naar|naar|volgens)"
    r"(?: (?:de|het|een|hun|het aantal|aantal))* (?P<word>[a-z]+)"
)
NOT_KEY_WORDS = frozenset(
    ["de", "het", "een", "rato", "verhouding", "methode", "d", "dhondt", "hondt", "sainte", "saint", "st", "webster", "hamilton", "grootste", "keuze", "wens", "mijn", "jouw", "uw", "je", "ons", "elke", "iedere", "alle", "gemeenten", "gemeente", "regio", "regios", "provincie", "boven", "beneden", "buiten", "binnen", "toe", "toekomst", "verwachting", "verhouding", "behoefte", "jaar", "jaren", "helft", "half", "procent", "deel", "derde", "kwart", "rest", "overige", "deze", "dit", "die", "wat", "hoe", "welke", "wie", "verluidt", "mij", "ons", "zich", "buiten", "huidige", "bestaande", "beste", "eerlijk", "eerlijke", "gelijke", "gelijk",
     "van", "voor", "in", "op", "met", "aan", "bij", "om", "over", "tot", "uit", "te", "en", "of"]
)
"""Words in a key slot that name no key: articles, pronouns, quantities and prepositions ('volgens van de
woondeal' once a paragraph number is taken out)."""
YEARS = re.compile(r"\b(?:in|over|verspreid over|gespreid over|binnen) (?P<n>\d+|[a-z]+) jaar\b")

LOOSE_ALLOCATION_QUESTION = re.compile(
    r"^(?:en )?wat (?:krijgt|krijgen|krijg)\b|\bhoeveel (?:woningen|woning|plekken|plaatsen|eenheden|statushouders|personen|mensen|huishoudens|kamers) "
    r"(?:moet|moeten|krijgt|krijgen|zou|zouden|komt|komen|gaat|gaan|levert|leveren|neemt|nemen|huisvest|draagt)\b"
    r"|\bhoeveel (?:van|daarvan|ervan)\b(?: [\w']+){0,10} (?:moet|moeten|krijgt|krijgen|levert|leveren|neemt|nemen|huisvest|huisvesten|draagt|dragen|"
    r"zou|zouden|komt|komen|gaat|gaan|valt|vallen)\b"
    r"|\b(?:het|zijn|haar|hun) (?:deel|part|portie) (?:van|voor)\b|\bwat (?:levert|leveren|brengt|brengen) (?:dat|dit|het) (?:\w+ ){1,3}op\b"
)
"""'Hoeveel plekken moet Enschede leveren …': an allocation question only when a number is in it too."""
