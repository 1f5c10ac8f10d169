"""What kind of answer a question asks for, and which specifics the answer must carry.

Meaning and shared words pick sentences that are *about* the question; they do not tell a date
from a member list. "Wanneer …?" wants a date, "Hoeveel …?" a number, "Wie …?" a person or body,
"Welke …?" a list. `kind_fit` scores how well a sentence has that shape, so the answer picks the
sentence that carries the fact over its neighbour that merely shares the words.

`missing_specifics` keeps Koploper honest: a question about 2031, € 5 mln or Leeuwarden is not
answered by a sentence about 2022 or Haaglanden, however close in meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from functools import partial

from koploper.text import english_function_word, english_word, strip_accents


class AnswerKind(StrEnum):
    """The shape of answer a question wants."""

    DATE = "date"
    NUMBER = "number"
    WHO = "who"
    LIST = "list"
    REASON = "reason"
    APPROACH = "approach"
    DEFINITION = "definition"
    PROBLEMS = "problems"


_KIND_PATTERNS: tuple[tuple[AnswerKind, re.Pattern[str]], ...] = (
    (AnswerKind.PROBLEMS, re.compile(r"\b(?:knelpunt\w*|tegenaan|problem\w*|obstakel\w*|belemmering\w*|struikelblok\w*|wat gaat er mis|wat ging er mis|waar wringt)\b")),
    (AnswerKind.DATE, re.compile(r"^(?:wanneer|sinds wanneer|vanaf wanneer|tot wanneer|in welk jaar|in welke maand|per wanneer|op welke datum|when|since when|in which year)\b")),
    (AnswerKind.DATE, re.compile(r"\b(?:in welk jaar|welke datum|in welke periode)\b")),
    (AnswerKind.NUMBER, re.compile(r"^(?:hoeveel|hoe veel|how many|how much)\b|\bhoe(?:veel)? (?:groot|hoog)\b|\bwelk (?:aantal|bedrag|percentage)\b")),
    (AnswerKind.REASON, re.compile(r"^(?:waarom|om welke reden|why)\b")),
    (AnswerKind.APPROACH, re.compile(r"^(?:hoe pakt|hoe pakken|hoe werkt|hoe werken|hoe wil|hoe willen|how does|how do)\b|\b(?:wat doet|wat doen|wat is de aanpak|welke aanpak|wat is de rol|what does|what do)\b")),
    (AnswerKind.WHO, re.compile(r"^(?:wie|door wie|met wie|welke (?:organisatie|partij|partijen|persoon|bureau|adviesbureau|instantie)|met welk (?:adviesbureau|bureau)|who)\b")),
    (AnswerKind.DEFINITION, re.compile(r"^(?:wat is een|wat zijn|wat betekent|wat houdt|waar staat|what is an?)\b")),
    (AnswerKind.LIST, re.compile(r"^(?:welke|noem|langs welke|wat zijn de|which|name)\b")),
)


QUESTION_WORDS = frozenset(["hoeveel", "welke", "welk", "wat", "wie", "wanneer", "waar", "hoe", "waarom"])
"""The Dutch question words (a closed class)."""


def fold(text: str) -> str:
    """Lower case without accents, punctuation kept (the patterns need '?', digits and dots)."""
    return strip_accents(text).lower()


def answer_kind(question: str) -> AnswerKind | None:
    """The kind of answer a question asks for, or None for statements and unclear questions."""
    text = fold(question).strip()
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(text):
            return kind
    return None


_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec", "voorjaar", "najaar", "zomer", "winter"]
_DATE = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)\b|\b\d{1,2}-\d{1,2}-\d{2,4}\b|\b(?:" + "|".join(_MONTHS) + r")\b", re.IGNORECASE
)
_NUMBER_WORDS = ["twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig", "dertig", "veertig", "vijftig", "honderd", "duizend", "miljoen", "miljard"]
_NUMBER = re.compile(r"\d|\b(?:" + "|".join(_NUMBER_WORDS) + r")\w*\b|€|\bprocent\b", re.IGNORECASE)
_WHO = re.compile(
    r"\b(?:[A-Z][a-z]+ [A-Z][a-z]+|[A-Z]{2,}\b|gemeente|provincie|rijk|ministerie|minister|wethouder|"
    r"gedeputeerde|kwartiermaker|aanjager|regisseur|bureau|corporatie\w*|vereniging|stuurgroep|"
    r"werkgroep|bestuurder\w*|voorzitter|coördinator|organisatie|stichting|cebeon|companen|stec)\b",
)
_LIST = re.compile(r"(?:[^,]+,){2,}[^,]+\b(?:en|of)\b|:\s*\S|^\s*[-*•]", re.MULTILINE)
_REASON = re.compile(r"\b(?:omdat|doordat|want|daardoor|vanwege|reden|oorzaak|zodat|om te)\b", re.IGNORECASE)
_APPROACH = re.compile(
    r"\b(?:aanpak|werkt|werken|begint|begon|eerst|analyse|stappen|zet in|inzet|richt zich|kiest|gekozen|"
    r"afspraken|samen|samenwerk\w*|organiseert|ontwikkelt|wil|willen|doel)\b",
    re.IGNORECASE,
)
_DEFINITION = re.compile(r"\b(?:is een|zijn|staat voor|betekent|houdt in|heet|noemt men|afkorting)\b", re.IGNORECASE)

_PROBLEMS = re.compile(
    r"\b(?:probleem|problemen|problematiek|knelpunt\w*|lastig\w*|moeilijk\w*|niet goed|stroef|tekort\w*|achterstand\w*|"
    r"wachtlijst\w*|scheve?|ongelijk\w*|onvoldoende|te weinig|zorgen|kritiek|bezwaar\w*|weiger\w*|niet tekenen|"
    r"concentratie|ophoping|schaarste|krap\w*|druk|onrust|lukt niet|lukte niet|niet gehaald|loopt achter|liep achter)\b",
    re.IGNORECASE,
)

_FITS: dict[AnswerKind, re.Pattern[str]] = {
    AnswerKind.PROBLEMS: _PROBLEMS,
    AnswerKind.DATE: _DATE,
    AnswerKind.NUMBER: _NUMBER,
    AnswerKind.WHO: _WHO,
    AnswerKind.LIST: _LIST,
    AnswerKind.REASON: _REASON,
    AnswerKind.APPROACH: _APPROACH,
    AnswerKind.DEFINITION: _DEFINITION,
}


_ADVERB_WORDS = r"(?:precies|eigenlijk|nou|nu|dan|(?:officieel|wettelijk|formeel|juridisch|strikt)(?: gezien)?)"
"""Sentence adverbs that may stand between the question's verb and the term ('wat is juridisch gezien een
standplaats', 'wat is volgens de wet nou precies een standplaats'): a closed class, never the term's first word."""
_SOURCE = r"(?: (?:volgens|in|onder|bij) (?:de |het |die |deze |dat |dit )?[\w-]+(?: \d{4})?)?(?: " + _ADVERB_WORDS + r")*"
"""Where a question places the definition it asks for, between verb and term: 'Wie telt volgens de Huisvestingswet als …'."""
_BRACKETS = re.compile(r"\s*\([^)]*\)")
_BRACKETED = re.compile(r"\(([^)]*)\)")
_THE = r"(?:" + _ADVERB_WORDS + r" )*(?:een |de |het )?(?!" + _ADVERB_WORDS + r"\b)"
_THAT_ONE = r"(?:een |dat |die |dit |deze )"
"""'wat was dat afstammingsbeginsel': the past tense asks a meaning only of a term pointed at; 'wat was de
taakstelling in 2023' asks a value."""
_PLACE = r"(?: (?:in|bij) (?:de |het )?[^\s,]+(?: [^\s,]+){0,2})"
"""Where the term is placed, a few words at the end ('de G13 in Groningen', 'afstammingsbeginsel bij
woonwagenbewoners'); a longer tail is a question about the term ('de huurgrens in euro's waaronder …')."""
_CLAUSE = r"(?:als|wanneer|zodra|nu|omdat|terwijl|want|zodat)"
"""Conjunctions that open a clause of condition, time, cause or result (a closed class; 'want' is coordinating, but
its clause too says why): after the term it says when or why it is asked ('wat bedoelen ze met taakstelling als het
over statushouders gaat'), not what the term is. A narrower list than asker.SUBORDINATORS, with 'wanneer', 'nu' and
'want', which may stand here because the term is already named before them."""
_END = r"(?:,.*| (?:eigenlijk|precies|nou|volgens|in de|in het|in deze|bij de|bij het|voor de|in de zin van|waar|waarover|" + _CLAUSE + r")\b.*|" + _PLACE + r"| in)?\??$"
"""What may follow the term: a comma opens a remark ('wat is een novelle, zie het steeds …'), a relative
clause on where it is used ('… waar ze het over hebben'; not 'die …', which asks a value: 'de hoogste boete die
we kunnen opleggen') or a place."""
_THAT_TERM = (
    r"(?:wat betekent (?:die|deze|dat|dit) (?:term|begrip|woord|afkorting)\b"
    r"|hoe (?:is|wordt|zijn|worden) (?:dat|dit|die|deze|het) (?:begrip|term|woord)(?: [\w-]+){0,3}? (?:omschreven|gedefinieerd|beschreven)\b"
    r"|hoe (?:omschrijft|omschrijven|definieert|definieren|beschrijft|beschrijven)(?: [\w-]+){0,3}? (?:dat|dit|die|deze|het) (?:begrip|term|woord)\b)"
)
"""A question about a term named before, that calls it a term ('hoe omschrijft de wet dat begrip')."""
_THAT = (
    r"(?:wat (?:is|was|betekent|houdt|wordt) (?:dat|dit|daarmee|hiermee|ermee)\b"
    r"|wat betekent (?:die|deze|dat|dit) (?:term|begrip|woord|afkorting)\b"
    r"|wat (?:[\w-]+ ){0,3}?(?:bedoel\w*|versta\w*)(?: [\w-]+){0,3}? (?:daarmee|hiermee|ermee|daaronder|hieronder|eronder|daar(?: [\w-]+){0,2} (?:mee|onder))\b"
    r"|wat (?:wordt|worden) (?:daar|hier|er)(?: [\w-]+){0,2} (?:onder|mee) (?:verstaan|bedoeld)\b"
    r"|wat (?:wordt|worden) (?:daaronder|hieronder|daarmee|hiermee)(?: [\w-]+){0,2} (?:verstaan|bedoeld)\b"
    r"|hoe (?:is|wordt|zijn|worden) (?:dat|dit|die|deze|het) (?:begrip|term|woord)(?: [\w-]+){0,3}? (?:omschreven|gedefinieerd|beschreven)\b"
    r"|hoe (?:omschrijft|omschrijven|definieert|definieren|beschrijft|beschrijven)(?: [\w-]+){0,3}? (?:dat|dit|die|deze|het)(?: (?:begrip|term|woord)\b|\s*(?:[?.,]|$)))"
)
"""Asking about a term named just before: 'X, wat is dat?', '…, wat wordt daarmee bedoeld?'."""
_NAMED_SOURCE = r"(?: (?:volgens|in|onder|bij) (?:de |het )?(?!(?:de|het|een)\b)[a-z][\w-]*)?"
"""Like _SOURCE, without a year: 'wat is in 2015 de huurgrens' asks a value, not a meaning."""

_DEFINED = (
    re.compile(r"^(?:wat (?:is|zijn|betekent|betekenen)" + _NAMED_SOURCE + " " + _THE + r"|wat (?:was|waren) " + _THAT_ONE + r")"
               r"(?:(?:wettelijke |officiele |juridische )?(?:definitie|omschrijving|betekenis) van (?:een |de |het )?)?(?P<term>[^?]+?)" + _END),
    re.compile(r"^wat houdt (?:" + _THAT_ONE + "|" + _THE + r")(?P<term>[^?]+?)(?: (?:precies|eigenlijk|nou|nu))* in\b"),  # 'wat houdt X in (bij …)'
    re.compile(r"^waar staat (?:de afkorting |de term )?(?P<term>[^\s]+) voor\b"),
    re.compile(r"^waar staat (?:een |de |het )?(?P<term>.+?)" + _END),
    re.compile(r"\b(?:uitleggen|uitleg|leg uit|vertel) wat (?:een |de |het )?(?P<term>.+?) (?:is|zijn|betekent|inhoudt)\b"),
    re.compile(r"\b(?:bedoelen|bedoelt|bedoeld|verstaan|verstaat|versta)(?: [\w-]+){0,4}? (?:met|onder) (?:een |de |het )?(?P<term>[^.?,]+?)(?:[.,].*| (?:eigenlijk|precies|volgens|in de|in het|in deze|" + _CLAUSE + r")\b.*|" + _PLACE + r")?\??$"),
    re.compile(r"^(?:wie|wat) (?:geldt|gelden|telt|tellen|valt|vallen)(?: er)?(?: wettelijk)?" + _SOURCE + r" (?:als|onder) (?:een |de |het )?(?P<term>.+?)(?: (?:eigenlijk|precies|volgens|in de|in het|in deze)\b.*)?\??$"),
    re.compile(r"\bdefinitie van (?:een |de |het )?(?P<term>.+?)(?: (?:volgens|in de|in het)\b.*)?\??$"),
    # a question in key words: 'definitie woonruimte huisvestingswet?' (the document's name is dropped by _clean)
    re.compile(r"^(?:de |een )?(?:wettelijke |officiele |juridische )?(?:definitie|omschrijving|betekenis) (?:een |de |het )?(?P<term>[^?,]+?)(?: (?:volgens|in de|in het)\b.*)?\??$"),
    # the term named first, then asked about with 'dat': 'Iemand noemde de X bij …, wat is dat?', 'X, wat betekent dat?'
    re.compile(r"\b(?:over|noemde|noemt|noemen|term|begrip|woord) (?:een |de |het )?(?P<term>[^\s,.]+)[^,.?]*, " + _THAT),
    # in a sentence of its own only when it names the term as a term: '… over de X gesproken. Hoe omschrijft de wet dat
    # begrip?' ('… over voorrang voor gezinnen? wat houdt dat in' asks about the amendment, not about 'voorrang')
    re.compile(r"\b(?:over|noemde|noemt|noemen|term|begrip|woord) (?:een |de |het )?(?P<term>[^\s,.]+)[^,.?]*[.?] " + _THAT_TERM),
    re.compile(r"^(?:een |de |het )?(?P<term>[^\s,–:]+(?: [^\s,–:]+)?)(?: (?:in|bij) [^\s,–:]+)?\s*[,–:]\s*" + _THAT + r"(?: (?:eigenlijk|precies|nou|juridisch|gezien|voor (?:een )?[a-z]+))*" + _SOURCE + r"\s*\??$"),
    re.compile(r"^wie (?:is|zijn)" + _SOURCE + r" (?:een |eigenlijk een )(?P<term>[^?,]+?)(?:,.*| (?:eigenlijk|precies|volgens|in de|in het|in deze)\b.*)?\??$"),
    re.compile(r"^hoe (?:definieert|definieren|omschrijft|omschrijven) (?:de |het )?(?:wet(?:gever)?|[\w-]+(?:wet|besluit|regeling)|[a-z]{2,5})(?: \d{4})? (?:het begrip |de term )?(?:een |de |het )?(?P<term>[^?]+?)\??$"),
    # 'in de zin van' asks for the law's meaning: 'wie zijn vergunninghouders in de zin van de wet', 'telt X als bewoner in de zin van …'
    re.compile(r"\b(?:als|is|zijn) (?:een |de |het )?(?P<term>[^,?]+?) in de zin van\b"),
)
_SOURCE_AFTER = r" (?:voor|volgens|in de zin van|in|onder|bij) (?:de |het )?[\w-]+(?: \d{4})?"
"""The document a membership question names after the term ('… als bewoner voor de woningwet')."""
_MEMBER = r"(?:(?:het )?begrip |(?:de )?term |(?:het )?woord )?(?P<term>[^\s,?]+(?: [^\s,?]+)?)"
_MEMBERSHIP = (
    # 'telt een inwonende partner als bewoner voor de woningwet?', 'valt een kavel onder standplaats volgens de wet?'
    re.compile(r"^(?:telt|tellen|geldt|gelden|valt|vallen) (?:[^\s,?]+ ){1,8}?(?:ook |wel |nog )?(?:als|onder) (?:een |de |het )?" + _MEMBER + _SOURCE_AFTER + r"\s*(?:[?,].*)?$"),
    # 'is een studentenkamer ook woonruimte in de zin van de huisvestingswet?'
    re.compile(r"^(?:is|zijn) (?:[^\s,?]+ ){1,8}?(?:ook|wel|nog|dan) (?:een |de |het )?" + _MEMBER + _SOURCE_AFTER + r"\s*(?:[?,].*)?$"),
    # 'wanneer ben je officieel mantelzorger volgens de wmo?', 'wanneer telt hulp van een buurvrouw als mantelzorg volgens de wmo?'
    re.compile(r"^wanneer (?:ben|is|zijn|word|wordt|worden) (?:je|u|men|iemand|hij|zij|ze|een [\w-]+) (?:" + _ADVERB_WORDS + r" )*(?:een )?" + _MEMBER + _SOURCE_AFTER + r"\s*(?:[?,].*)?$"),
    re.compile(r"^wanneer (?:telt|tellen|geldt|gelden|valt|vallen) (?:[^\s,?]+ ){1,8}?(?:als|onder) (?:een |de |het )?" + _MEMBER + _SOURCE_AFTER + r"\s*(?:[?,].*)?$"),
)
"""A question whether a case falls under a term, with the document it asks by ('volgens', 'voor', 'in de zin van'): the
term's definition answers it (a question that names no document asks a fact: 'wanneer is de wet ingegaan')."""
DEFINITION_WORDS = 4
"""A term longer than this many words is a question, not a term ('Wat is het maximale bedrag per woning')."""
_QUOTED = re.compile(r"(?:^|\s)['‘“\"]([^'’”\"]{2,40})['’”\"](?=[\s.,:;?!]|$)")
_ASKS_MEANING = re.compile(r"(?:^|[.?!:]\s*)(?:is|betekent) (?:dat|dit|het)\b|" + _THAT)
"""A quoted word followed by 'Is dat …?' or a question about it by a pronoun ('wat betekent dat', 'wat verstaan ze daar
onder', 'hoe omschrijft de wet dat begrip') asks what the quoted word means ("Er staat steeds 'X'. Wat betekent dat?")."""
_DIFFERENCE = re.compile(r"\bverschil (?:met|tegenover) (?:een |de |het )?(?P<term>[^\s,?]+(?: [^\s,?]+)?)(?: (?:eigenlijk|precies|volgens|in de|in het)\b[^?,]*)?\s*(?:[?,.]|$)")
"""'Wat is X, en wat is het verschil met Y?': Y is asked the meaning of too."""
_VALUE = re.compile(r"\bin euro|€|\bhoeveel\b")
_NOT_DEFINITIONS = frozenset({AnswerKind.PROBLEMS, AnswerKind.NUMBER, AnswerKind.DATE})
MAX_TERMS = 3
"""Terms a question asks the meaning of, with an abbreviation's spelled-out form and a compared term."""


_DOCUMENT_NAME = re.compile(r" [\w-]{2,}(?:wet|besluit|regeling|verordening)(?: \d{4})?$")
"""A law or decree named after the term ('woonruimte huisvestingswet 2014'): a compound whose head names the kind of
document, the place of the definition and not part of the term ('flexpool regeling' keeps its 'regeling')."""


def _clean(term: str) -> str | None:
    term = _BRACKETS.sub("", term).strip(" ?.!,")  # 'vergunninghouder (statushouder)'
    term = _DOCUMENT_NAME.sub("", term)
    if not term or len(term.split()) > DEFINITION_WORDS or (re.search(r"\d", term) and not re.fullmatch(r"[a-z]+\d+", term)):
        return None
    if re.search(r"\b(?:en|of)\b", term) or re.match(r"(?:voor|volgens|in|bij|onder|met|van|dat|die|het|de|een|verschil)\b", term):  # 'Haaglanden en Delft': a comparison
        return None
    if re.search(r" (?:van|voor|met|op|aan|over|in|bij|tot|om|naar)$", term):  # 'het kamerstuknummer van (die wet)'
        return None
    if re.search(r" van (?:de|het|een) ", term):  # 'de naam van de kwartiermaker', 'de rol van de provincie': a property asked
        return None
    return term


def defined_terms(question: str) -> list[str]:
    """The terms a question asks the meaning of, folded: the asked term, the term in brackets beside it
    ('BW (beschermd wonen)') and a term it is contrasted with ('…, en wat is het verschil met opvang?').
    Empty when the question asks something else."""
    quoted = [fold(m.group(1)).strip() for m in _QUOTED.finditer(question)]
    folded = re.sub(r"['\"‘’“”]", "", fold(question)).strip()
    folded = re.sub(r"(?:(?<=\s)|^)n (?=[a-z])", "een ", folded)  # "wat is n novelle": the spoken 'n
    parts = [part.strip() + "?" for part in folded.split("?")[:-1] if part.strip()]
    texts = [folded, *parts]
    # a lead-in before a colon: 'Voor een nieuwe collega: wat is …', 'wmo: wat valt er onder …'
    texts += [text.split(": ", 1)[1] for text in texts if ": " in text]
    # a value asked ('in euro's', 'hoeveel'), a date or a list of problems is not a meaning, whatever the wording
    texts = [text for text in texts if not _VALUE.search(text)]
    members = [match.group("term") for text in texts for pattern in _MEMBERSHIP if (match := pattern.search(text))]
    found: list[str] = [term for term in map(_clean, members) if term][:1]
    texts = [text for text in texts if answer_kind(text) not in _NOT_DEFINITIONS]
    for text in texts if not found else []:
        for pattern in _DEFINED:
            match = pattern.search(text)
            if match:
                term = _clean(match.group("term"))
                if term:
                    found.append(term)
                    found += [t for t in (_clean(b) for b in _BRACKETED.findall(match.group("term"))) if t]
                    break
        if found:
            break
    if not found and len(quoted) == 1 and _ASKS_MEANING.search(folded):
        term = _clean(quoted[0])
        found += [term] if term else []
    if found:
        found += [t for t in (_clean(m.group("term")) for m in _DIFFERENCE.finditer(folded)) if t]
    return list(dict.fromkeys(found))[:MAX_TERMS]


PART_LETTERS = 5
"""The shortest word of a term that is looked up on its own: shorter ones ('norm', 'wet') name too much."""


def term_parts(term: str) -> list[str]:
    """The words of a two-word name the material may define on their own, when it never writes the name whole:
    the law defines 'taakstelling', a user asks for the 'taakstelling statushouders'. Empty for one word and for
    a phrase ('fair share bij aandachtsgroepen' is not defined by 'aandachtsgroep'). For one word that names a person
    by '-er' after a noun, the noun: the law defines 'mantelzorg', a user asks when one is a 'mantelzorger'."""
    words = re.split(r"[\s-]+", term)
    if len(words) == 1:
        base = re.sub(r"(?<=[^aeiou\W])ers?$", "", term)
        return [base] if base != term and len(base) >= PART_LETTERS else []
    return [word for word in words if len(word) >= PART_LETTERS] if len(words) == 2 else []


def defined_term(question: str) -> str | None:
    """The term a question asks the meaning of ('Wat betekent woningmarktregio?' -> 'woningmarktregio'),
    folded; None when the question asks something else."""
    terms = defined_terms(question)
    return terms[0] if terms else None


def term_pattern(term: str) -> str:
    """A regular expression for `term` as a text may write it: a space or a hyphen between its words ('Alabama
    paradox' for 'Alabama-paradox'), the last word singular or plural ('vergunninghouders' finds the law's
    'vergunninghouder:')."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", term) if word]
    if not words:
        return re.escape(term)
    last = words[-1]
    stems = [last]
    for ending in ("'s", "en", "s"):
        if last.endswith(ending) and len(last) > len(ending) + 3:
            stems.append(last[: -len(ending)])
    words[-1] = "(?:" + "|".join(stems) + ")"
    return r"[\s-]?".join(words) + r"(?:en|s|'s)?"


def defines(term: str, sentence: str) -> bool:
    """The sentence gives the meaning of `term`: a legal definition ('– woonruimte: besloten ruimte …'),
    'X is/zijn/betekent …' near its start, 'onder X wordt verstaan', or a description that names the term
    in brackets at the end of its clause ('… kwamen in aanmerking voor een verklaring van recht (het
    afstammingsbeginsel)'); with an article in the bracket it names what it follows also when a coordinating 'en'
    or 'of' goes on ('… (het afstammingsbeginsel) en zij die …'; a bare '(fair share) en …' may be a translation). A
    bracket followed by a verb says something about the term ('(het X) geldt niet meer')."""
    text = fold(sentence)
    name = term_pattern(term)
    return defines_formally(term, sentence) or bool(
        re.match(r"^(?:een |de |het )?" + name + r"\b(?: \([^)]*\))?(?: [^.,:;]{0,40})? (?:is|zijn|betekent|staat voor|houdt in|heet)\b", text)
        or re.search(r"\((?:een |de |het )?(?:zogenaamde |zogenoemde )?" + name + r"\)\W*$", text)
        or re.search(r"\((?:een |de |het )(?:zogenaamde |zogenoemde )?" + name + r"\),? (?:en|of)\b", text)
    )


def defines_formally(term: str, sentence: str) -> bool:
    """A definition in the form of a law or a glossary list: '– woonruimte: …', 'c. standplaats, zijnde …',
    'onder X wordt verstaan …'. 'De maatwerkvoorziening is afgestemd op …' uses the term; this defines it."""
    text = fold(sentence)
    name = term_pattern(term)
    item = r"^\W*(?:[a-z0-9]{1,3}[.)]\s*)?(?:[-–•]\s*)?"
    return bool(
        re.match(item + name + r"\s*(?:\([^)]*\)\s*)?:", text)
        or re.search(r"\bonder (?:een |de |het )?" + name + r"\b.{0,60}\bverstaan\b", text)
        or re.match(item + name + r",\s*zijnde\b", text)
    )


_CONDITION_QUESTION = re.compile(
    r"^(?:wanneer (?:kan|kunnen|mag|mogen|moet|moeten|hoeft|hoeven|geldt|gelden|vervalt|eindigt)|in welke gevallen|in welk geval|"
    r"onder welke (?:voorwaarden|omstandigheden)|op welke gronden)\b"
)
_CONDITION = re.compile(r"\b(?:indien|wanneer|zodra|mits|tenzij|voor zover|voorzover|ingeval|in geval van|als(?! bedoeld| zodanig| ook))\b")




def asks_condition(question: str) -> bool:
    """'Wanneer kan de minister … intrekken?', 'In welke gevallen mag …?': the answer is the condition ('indien …')
    at least as often as a date; laws state when something may or must happen as a condition."""
    return bool(_CONDITION_QUESTION.search(fold(question).strip()))


def states_condition(sentence: str) -> bool:
    """The sentence sets a condition ('indien', 'tenzij', 'voor zover', 'als' but not 'als bedoeld in')."""
    return bool(_CONDITION.search(fold(sentence)))


def kind_fit(kind: AnswerKind | None, sentence: str) -> float:
    """1.0 when the sentence has the shape the question wants (a date for 'wanneer'), else 0.0."""
    if kind is None:
        return 0.0
    return 1.0 if _FITS[kind].search(sentence) else 0.0


# -- specifics --------------------------------------------------------------------------------

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_AMOUNT = re.compile(r"(?:€\s*)?\b\d{1,3}(?:\.\d{3})+(?:,\d+)?\b|€\s*\d+(?:,\d+)?|\b\d+(?:,\d+)?\s*(?:mln|miljoen|miljard|mld)\b")
_NAME = re.compile(r"(?<![\w-])([A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]{2,}[a-z]?)(?![\w-])")
_NOT_NAMES = frozenset(
    fold(word)
    for word in ["Wat", "Wie", "Waar", "Wanneer", "Waarom", "Welke", "Welk", "Hoe", "Hoeveel", "Noem", "Kan", "Kun", "Kunt", "Mag", "Moet", "Is", "Zijn", "Heeft", "Hebben", "Sinds", "Vanaf", "Tot", "In", "Op", "Met", "Voor", "Bij", "Van", "Volgens", "Langs", "Onder", "Over", "Door", "Na", "Om", "Als", "Een", "De", "Het", "Dit", "Deze", "Die", "Dat", "Er", "En", "Of", "Ook", "Nog", "Geef", "Vertel", "Leg", "Zeg", "Toon", "Laat", "Rijk", "Kamer", "Tweede", "Eerste"]
)
"""Capitalised Dutch words that start questions or name the state itself: not specifics to look for; nor is an English
function word ('I', 'The', 'Which': koploper.text.english_function_word)."""


def _stem(word: str) -> str:
    """A forgiving prefix, so 'Twentse' finds 'Twente' and 'Haaglandse' finds 'Haaglanden'."""
    word = fold(word)
    return word if len(word) <= 5 else word[: max(5, len(word) - 3)]


def specifics(question: str) -> list[str]:
    """Years, amounts and names that a true answer to `question` has to mention, as written."""
    found: list[str] = []
    for match in _YEAR.finditer(question):
        found.append(match.group(1))
    for match in _AMOUNT.finditer(question):
        if not _YEAR.fullmatch(match.group(0).strip()):
            found.append(match.group(0).strip())
    found += sorted(halves(question))
    starts = _sentence_starts(question)
    for match in _NAME.finditer(question):
        if match.start() in starts:
            continue
        # 'Haaglanden-gemeenten', 'MRA-programma': the name is the capitalised part
        for word in re.split(r"[-'’]", match.group(1)):
            if word[:1].isupper() and fold(word) not in _NOT_NAMES and not english_function_word(word) and len(word) > 1:
                found.append(word)
    return list(dict.fromkeys(found))


_HALF = re.compile(r"\b(?:(?P<first>eerste|1e|1ste)|(?:tweede|2e|2de))\s+(?:helft|halfjaar|half jaar)\b|\bh(?P<h>[12])\b", re.IGNORECASE)


def halves(text: str) -> set[str]:
    """The half-years a text names, as 'eerste helft' or 'tweede helft' ('2e halfjaar', 'H2', 'tweede helft'):
    a question about the second half of 2023 is not answered by the figure for the first half."""
    found = set()
    for match in _HALF.finditer(text):
        first = match.group("first") is not None or match.group("h") == "1"
        found.add("eerste helft" if first else "tweede helft")
    return found


_HALF_OF_YEAR = re.compile(
    r"\b(?:(?P<first>eerste|1e|1ste)|tweede|2e|2de)\s+(?:helft|halfjaar|half jaar)(?:\s+(?:van\s+)?(?:het jaar\s+)?(?P<year>(?:19|20)\d\d))?"
    r"|\bh(?P<h>[12])\s*(?P<hyear>(?:19|20)\d\d)?\b",
    re.IGNORECASE,
)


def periods(text: str) -> set[tuple[int, str]]:
    """The half-years a text names with their year: (2, '2022') for 'de tweede helft van 2022', '2e halfjaar
    2022' or 'H2 2022'. A half without its own year takes the text's only year ('2022: eerste halfjaar
    tegenover tweede halfjaar'); with several years and none beside it, it names no period."""
    years = set(_YEAR.findall(text))
    found: set[tuple[int, str]] = set()
    for match in _HALF_OF_YEAR.finditer(text):
        half = 1 if match.group("first") is not None or match.group("h") == "1" else 2
        year = match.group("year") or match.group("hyear") or (next(iter(years)) if len(years) == 1 else None)
        if year:
            found.add((half, year))
    return found


def _sentence_starts(text: str) -> set[int]:
    """Where the question's sentences open ('Vrouw zit in de opvang. Hoort zij …?'): a capital there is no name."""
    return {match.end() for match in re.finditer(r"(?:^|[.!?:]\s+)\W*", text)}


def _digits(text: str) -> str:
    """'€ 37,1 mln' -> '37,1'; '21.200' -> '21200': Dutch thousands dots dropped, decimals kept."""
    return re.sub(r"[^\d,]", "", text).strip(",")


def _present(specific: str, haystack: str, numbers: set[str]) -> bool:
    if specific in ("eerste helft", "tweede helft"):
        return specific in halves(haystack)
    if specific[:1].isdigit() or specific.startswith("€"):
        return _digits(specific) in numbers
    return _stem(specific) in haystack


def missing_specifics(question: str, texts: Iterable[str], numbers_in: Iterable[str] | None = None) -> list[str]:
    """The specifics of `question` that none of `texts` mentions (years and amounts literally,
    names by a forgiving prefix, ignoring case and accents).

    `numbers_in` narrows where years and amounts count: a sentence that has 2031 but says nothing
    else the question asks about ('vóór 2031 900.000 woningen' for a budget in 2031) does not answer it.
    """
    wanted = specifics(question)
    if not wanted:
        return []
    texts = list(texts)
    haystack = fold(" ".join(texts))
    numbered = " ".join(texts if numbers_in is None else numbers_in)
    numbers = {_digits(part).strip(",") for part in re.findall(r"\d[\d.,]*", numbered)}
    return [s for s in wanted if not _present(s, haystack, numbers)]


REQUEST_WORDS = frozenset(
    ["vertel", "vertellen", "geef", "noem", "beschrijf", "leg", "toon", "zoek", "vind", "weet", "ken", "kun", "kunt", "graag", "alsjeblieft", "aub", "svp", "info", "informatie", "ongeveer", "precies", "eigenlijk", "nou", "even", "allemaal", "zoal", "zoals", "bijvoorbeeld", "concreet", "kort", "uitgebreid", "momenteel", "tegenwoordig", "huidige", "actuele", "samengevat", "samenvatting", "overzicht"]
)
"""Words that shape a request ('Vertel …', 'Geef een overzicht …', 'ongeveer') rather than name what it is
about: the material need not contain them for a question to be answerable."""
PROBLEM_WORDS = frozenset(
    ["knelpunt", "knelpunten", "pijnpunt", "pijnpunten", "struikelblok", "struikelblokken", "obstakel", "obstakels", "belemmering", "belemmeringen"]
)
"""The nouns that ask for problems ('Wat zijn de knelpunten in …?'): like REQUEST_WORDS they name the shape of
the answer (AnswerKind.PROBLEMS), not what it is about; the material says what went wrong in its own words."""
REQUEST_WORDS = REQUEST_WORDS | PROBLEM_WORDS


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def missing_line(missing: list[str]) -> str:
    """One Dutch line that says what the material does not have."""
    return f"Over {_listed(missing)} staat in het materiaal niets dat deze vraag beantwoordt."


NOTHING_IN_MATERIAL = "Daarover staat niets in het materiaal"
"""How a note opens when the material does not touch the question at all (rather than lacking one of its
specifics): the nearest passages are then only the nearest, not related."""


def unknown_line(unknown: list[str]) -> str:
    """One Dutch line for a question with words the material never uses: which ones, so that a typo shows."""
    verb = "komt" if len(unknown) == 1 else "komen"
    return f"{NOTHING_IN_MATERIAL}: {_listed(unknown)} {verb} er nergens in voor."


ENGLISH_NOTE = "Het materiaal is Nederlandstalig; de citaten zijn daarom in het Nederlands."


def english_words(question: str) -> list[str]:
    """The words of the question that are English and not Dutch: English function words that are no Dutch stop
    words ('the', 'which', 'until'; not 'in' or 'is'), and English content words the Dutch dictionary does not know
    ('houses', 'affordable'; koploper.text.english_word), folded, in their order."""
    from bm25s.stopwords import STOPWORDS_DUTCH

    dutch = frozenset(STOPWORDS_DUTCH)
    return [w for w in re.findall(r"[a-z]+", fold(question)) if (english_function_word(w) and w not in dutch) or english_word(w)]


ENGLISH_SHARE = 0.4
"""A question is taken to be written in English when at least this share of its words are English (`english_words`)."""


def looks_english(question: str) -> bool:
    """The question is written (mostly) in English: answer from the Dutch material by meaning (the model is
    multilingual) and say that the quotes are Dutch."""
    words = re.findall(r"[a-z]+", fold(question))
    if len(words) < 3:
        return False
    return len(english_words(question)) >= ENGLISH_SHARE * len(words)


_ENGLISH_ASKING: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(r"(?<![\w'’-])" + english + r"(?![\w'’-])", re.IGNORECASE), dutch)
    for english, dutch in (
        (r"how (?:many|much) time", "hoe lang"),
        (r"how (?:many|much)", "hoeveel"),
        (r"how long", "hoe lang"),
        (r"(?:since|from) when", "sinds wanneer"),
        (r"when", "wanneer"),
        (r"which", "welke"),
        (r"who", "wie"),
        (r"where", "waar"),
        (r"why", "waarom"),
        (r"(?P<first>first|1st|second|2nd) half(?: of)?", "{half} helft van"),
    )
)
"""English's interrogatives and the Dutch ones they ask the same with (a closed class): 'how many' asks a count like
'hoeveel', 'when' a date like 'wanneer', 'which' a list like 'welke'; 'how much time' a period like 'hoe lang'. The
half-years ('first half 2022') are named like the Dutch 'eerste helft'. 'what' and 'how' stay: their Dutch readers
(a definition, an approach) need the Dutch words around them."""


def dutch_reading(question: str) -> str:
    """The question with its English interrogatives in Dutch, for the readers of what it asks (the kind of answer,
    the asked value, the counted thing, the half-year): 'Twente woondeal: how many new houses until 2030?' is read as
    '… hoeveel new houses until 2030?'. The model and the word index read the question as written."""

    def dutch(match: re.Match[str], word: str) -> str:
        if "{half}" in word:
            first = match.group("first").lower() in ("first", "1st")
            word = word.format(half="eerste" if first else "tweede")
        return word.capitalize() if match.group(0)[:1].isupper() else word

    for pattern, word in _ENGLISH_ASKING:
        question = pattern.sub(partial(dutch, word=word), question)
    return question
