"""Questions the material answers in pieces: a comparison, a summary, a newcomer's "Waar begin ik?".

These are shapes of a question, recognised by the words that ask for the shape (vergelijk, verschil,
samenvatting, waar begin ik), never by what the question is about; what it is about is searched.
"""

from __future__ import annotations

import re

_COMPARE = re.compile(
    r"\b(?:vergelijk\w*|vergeleken|verschil\w*|anders dan|andere aanpak dan|versus|vs\.?|tegenover|naast elkaar|"
    r"op dezelfde (?:manier|wijze)|hetzelfde|allebei|elk(?:e|ers)? van|"
    r"maakt (?:het|dat) (?:\w+ ){0,3}uit|compare|difference)\b",
    re.IGNORECASE,
)
_COMPARE_FILLER = re.compile(
    r"\b(?:vergelijk(?:ing)?(?: van)?|vergeleken met elkaar|vergeleken|met elkaar|ten opzichte van elkaar|"
    r"(?:(?:wat|welke) (?:zijn|is) (?:nou |nu |eigenlijk |dan )?(?:de |het )?|(?:de |het )?)verschil(?:len)?(?: tussen)?|"
    r"verschil(?:len|t)?|anders dan|versus|vs\.?|tegenover|op dezelfde (?:manier|wijze)|hetzelfde|allebei|qua|naast elkaar|"
    r"maakt (?:het|dat) (?:\w+ ){0,3}uit(?: of)?)\b",
    re.IGNORECASE,
)
_BETWEEN = re.compile(
    r"\btussen\s+(?:de |het )?(?P<a>[^,?]+?)\s+en\s+(?:de |het )?(?P<b>[^,?]+?)(?=\s+(?:als|qua|bij|in|voor|op|wat)\b|[?,.:]|$)",
    re.IGNORECASE,
)
_NEWCOMER = re.compile(
    r"\b(?:waar begin ik|waar moet ik beginnen|nieuw als|nieuw op|nieuw bij|ik ben nieuw|net begonnen|pas begonnen|"
    r"net gestart|pas gestart|zojuist (?:begonnen|gestart|aangenomen)|ik (?:begin|start) (?:volgende|binnenkort|deze|per|als)|"
    r"start volgende|eerste (?:week|werkweek|werkdag|maand) als|sinds (?:vorige|deze) (?:week|maand) werk ik|"
    r"wat moet ik (?:als eerste|eerst) weten|hoe staat (?:het|dat) ervoor|ik ben (?:net |pas )?(?:gestart|begonnen))\b",
    re.IGNORECASE,
)
_SUMMARY = re.compile(
    r"\b(?:samenvatting\w*|samenvatten|samengevat|vat\b.*\bsamen\b|in het kort|in (?:het )?kort bestek|overzicht(?:je)? van|"
    r"(?:kort|beknopt)(?:e|weg)? (?:overzicht\w*|uitleg\w*|vertellen|toelichten|toelichting)|(?:kort|beknopt) overzicht\w*|"
    r"overzichtje|in (?:een paar|enkele|twee|drie|een of twee|een paar korte|(?:een )?paar) zinnen|in (?:grote |hoofd)lijnen|kort graag|"
    r"tl;?dr|in een notendop|de hoofdlijnen|op hoofdlijnen)\b",
    re.IGNORECASE,
)


def asks_comparison(text: str) -> bool:
    return _COMPARE.search(text) is not None


def asks_newcomer(text: str) -> bool:
    return _NEWCOMER.search(text) is not None


_VALUE_OPENER = re.compile(
    r"^\W*(?:[^\W\d_]+ )?(?:hoeveel|wanneer|hoe (?:lang|vaak|oud|hoog|groot)|binnen welke|op welke datum|per wanneer|vanaf wanneer)\b",
    re.IGNORECASE,
)
"""A question that opens by asking a value ('over hoeveel jaar …', 'wanneer …') asks that value, also when it names
'het overzicht van …' (a document) or 'in het kort'."""


def asks_summary(text: str) -> bool:
    return _SUMMARY.search(text) is not None and _VALUE_OPENER.search(text) is None


def between(text: str) -> tuple[str, str] | None:
    """The two things compared in '… verschil tussen Hamilton en D'Hondt als afrondingsmethode?'."""
    match = _BETWEEN.search(text)
    if not match:
        return None
    return match.group("a").strip(), match.group("b").strip()


_DIFFERENCE_IN = re.compile(r"\b(?:(?:wat|welke) (?:is|zijn) (?:nou |nu |eigenlijk |dan )?(?:de |het )?)?verschil(?:len)? in (?:de |het )?(?P<aspect>[^\W\d_]+)(?: tussen\b)?", re.IGNORECASE)


def without_comparison(text: str) -> str:
    """The question with the words that ask for a comparison taken out: what is compared stays ('het
    verschil in rol tussen …' keeps 'rol')."""
    stripped = _DIFFERENCE_IN.sub(lambda m: f" {m.group('aspect')} ", text)
    stripped = _COMPARE_FILLER.sub(" ", stripped)
    stripped = re.sub(r"\s+([,.:;?!])", r"\1", stripped)
    return re.sub(r"\s{2,}", " ", stripped).strip(" ,:;")


_REQUEST_FILLER = re.compile(
    r"\b(?:kun je|kunt u|kan je|wil je|wilt u|zou je|graag|even|eens|voor me|voor mij|nou|"
    r"(?:een )?korte?|beknopte?|(?:een )?(?:paar|enkele) zinnen|uitleggen|vertellen)\b",
    re.IGNORECASE,
)


def without_summary(text: str) -> str:
    """The question with the words that ask for a summary taken out ('Vat … even samen', 'in grote lijnen',
    'kun je kort …'): what is to be summarised stays, and is what gets searched. A request word the
    material never uses ('tldr', 'Vat') would otherwise read as a missing name or an unknown word."""
    vat = re.search(r"\bvat\b", text, re.IGNORECASE)  # 'Vat … samen': both halves of the split verb go
    stripped = re.sub(r"\b(?:vat|samen)\b", " ", text, flags=re.IGNORECASE) if vat else text
    stripped = _SUMMARY.sub(" ", stripped)
    stripped = _REQUEST_FILLER.sub(" ", stripped)
    stripped = re.sub(r"\s+([,.:;?!])", r"\1", stripped)
    stripped = re.sub(r"[,:;]+([?!.])", r"\1", stripped)
    stripped = re.sub(r"\s{2,}", " ", stripped).strip(" ,:;")
    stripped = re.sub(r"^(?:[,.:;?!\s]|geef\b|van\b)+", "", stripped, flags=re.IGNORECASE)
    return stripped if len(re.findall(r"\w+", stripped)) >= 2 else text


_CLOSED = frozenset(
    [
        "de", "het", "een", "'s", "ik", "je", "jij", "u", "we", "wij", "ze", "zij", "hij", "ons", "onze", "mijn",
        "jouw", "uw", "hun", "jullie", "die", "dat", "deze", "dit", "er", "zelf", "wat", "wie", "hoe", "waar",
        "wanneer", "waarom", "welke", "welk", "hoeveel", "is", "zijn", "was", "waren", "wordt", "worden",
        "heeft", "hebben", "had", "kan", "kunnen", "moet", "moeten", "zal", "zullen", "doet", "doen", "gaat",
        "gaan", "in", "op", "bij", "voor", "van", "met", "om", "tot", "naar", "over", "uit", "aan", "door",
        "tussen", "rond", "daar", "hier", "zich", "en", "of", "als", "maar", "want", "dan", "nou", "nu", "eigenlijk", "toch", "ook",
        "nog", "al", "zo", "elk", "elke", "ieder", "iedere",
    ]
)
"""Closed word classes (articles, pronouns, question words, auxiliaries, prepositions, conjunctions,
particles): the edges of a compared name, never a name themselves."""
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_CONNECT = r"(?:,|\ben\b|\bof\b|\btegenover\b|\bversus\b|\bvs\b\.?|\bvergeleken met\b|\banders dan\b)"
_SIDE_CONNECT = re.compile(r"\s+(?:vs\.?|versus|tegenover|vergeleken met|of)\s+", re.IGNORECASE)
_DIFFERS_FROM = re.compile(r"\bverschil\w*\s+(?P<a>[^,?:;]+?)\s+van\s+(?P<b>[^,?:;]+?)(?=[?,.:;]|$)", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _content(text: str) -> list[str]:
    return [w for w in _words(text) if w.lower() not in _CLOSED]


def has_content(text: str) -> bool:
    """The text has a word outside the closed classes: more than a link between two names."""
    return bool(_content(text))


_ARTICLES = frozenset(["de", "het", "een"])


def edges_trimmed(text: str, keep_article: bool = False) -> str:
    """'de kwartiermaker in' → 'kwartiermaker' (or 'de kwartiermaker' with `keep_article`): closed-class
    words at either edge go, the name stays."""
    spans = list(_WORD.finditer(text))
    named = [i for i, m in enumerate(spans) if m.group(0).lower() not in _CLOSED]
    if not named:
        return ""
    first = named[0]
    if keep_article and first > 0 and spans[first - 1].group(0).lower() in _ARTICLES:
        first -= 1
    return text[spans[first].start() : spans[named[-1]].end()].strip()


def _completed(a: str, b: str) -> tuple[str, str]:
    """Dutch leaves out what two sides share: 'historisch vs objectief verdeelmodel' is the historical
    *verdeelmodel*, 'ronde 2022 tegenover 2023' the *ronde* 2023, '2e helft 2022 vergeleken met 1e helft
    2023' the same series. A short side (up to three words) that shares a word with the longer one, or a
    single word on the left or a number on the right, takes the longer side's remaining words: aligned on
    the shared word, else at the far edge of the long side."""
    wa, wb = a.split(), b.split()
    if len(wa) == len(wb):
        return a, b
    short, long_, left = (wa, wb, True) if len(wa) < len(wb) else (wb, wa, False)
    lowered = [w.lower() for w in long_]
    shared = next(((i, lowered.index(w.lower())) for i, w in enumerate(short) if w.lower() in lowered), None)
    if len(short) > 3 or (shared is None and len(short) > 1):
        return a, b
    if shared is None and not left and not short[0][:1].isdigit():
        return a, b  # 'een voorziening en een maatwerkvoorziening': a noun on the right is a whole name
    # where the short side starts inside the long one
    at = shared[1] - shared[0] if shared is not None else (0 if left else len(long_) - len(short))
    if at < 0 or at + len(short) > len(long_):
        return a, b
    whole = " ".join(long_[:at] + short + long_[at + len(short) :])
    return (whole, b) if left else (a, whole)


def _side_span(text: str, start: int, end: int, leftwards: bool) -> str:
    """The name next to a connector, up to a clause mark and without closed-class words at its edges. 'Of'
    also opens a clause ('maakt het uit of de regio …'), so there the name stops at a closed-class word."""
    part = text[:start] if leftwards else text[end:]
    part = re.split(r"[,;:?!.()]", part)[-1 if leftwards else 0]
    if text[start:end].strip().lower() != "of":
        return edges_trimmed(part)
    words = list(_WORD.finditer(part))
    if leftwards:
        words.reverse()
    kept = []
    for w in words:
        if w.group(0).lower() in _CLOSED:
            break
        kept.append(w)
    if not kept:
        return ""
    first, last = (kept[-1], kept[0]) if leftwards else (kept[0], kept[-1])
    return part[first.start() : last.end()]


_OF_CUE = re.compile(
    r"\b(?:vergelijk\w*|vergeleken|verschil\w*|maakt (?:het|dat) (?:\w+ ){0,3}uit|hetzelfde|op dezelfde (?:manier|wijze)|anders)\b",
    re.IGNORECASE,
)
"""What makes 'A of B' a comparison rather than a choice."""
SIDE_WORDS = 6
"""A compared thing is a name ('landelijke taakstelling statushouders 2e helft 2022'), not a clause."""


_SAME_AS = re.compile(
    r"\b(?:in|bij|voor)\s+(?P<a>[^,?:;]+?)\s+(?:op dezelfde (?:manier|wijze)|hetzelfde|net zo)\s+als\s+(?:in|bij|voor)\s+(?P<b>[^,?:;]+?)(?=[?,.:;]|$)",
    re.IGNORECASE,
)
"""'geldt dat in A op dezelfde manier als in B?': a yes/no question that compares two places."""
_BOTH = re.compile(r"^\W*(?P<a>[^,?:;]+?)\s+en\s+(?P<b>[^,?:;]+?)(?=\s+(?:[^\W\d_]+\s+)?(?:allebei|beide)\b)", re.IGNORECASE)
"""'A en B hebben allebei …, gaat dat over hetzelfde?': the two compared open the question."""


def sides(text: str, loose: bool = True) -> tuple[str, str, str] | None:
    """The two things compared and the rest of the question: 'verschil tussen A en B …', 'hoe verschilt A
    van B', 'A vs B: …', 'A tegenover B', 'A vergeleken met B', 'A of B, wat is het verschil'. A side the
    question shortens ('historisch vs objectief verdeelmodel') is completed from the other. Without `loose`
    (the question names a region: 'hoe verschilt de aanpak in Haaglanden van vroeger') only 'tussen A en B'
    names two things, and so does a yes/no question that compares ('geldt dat in A op dezelfde manier als in
    B?', 'A en B hebben allebei …, is dat hetzelfde?')."""
    for pattern in (_BETWEEN, _DIFFERS_FROM, _SAME_AS, _BOTH) if loose else (_BETWEEN, _SAME_AS, _BOTH):
        match = pattern.search(text)
        if match and (pattern is not _BOTH or _OF_CUE.search(text[match.end() :])):  # 'allebei …, hetzelfde?'
            a, b = edges_trimmed(match.group("a")), edges_trimmed(match.group("b"))
            if a and b and (pattern in (_BETWEEN, _DIFFERS_FROM) or max(len(a.split()), len(b.split())) <= SIDE_WORDS // 2):
                rest = text[: match.start()] + " " + text[match.end() :]
                return (*(_completed(a, b) if pattern is _BETWEEN else (a, b)), rest)
    if not loose or not asks_comparison(text):
        return None
    for connector in _SIDE_CONNECT.finditer(text):
        if connector.group(0).strip().lower() == "of" and not _OF_CUE.search(text):
            continue  # 'positief of negatief?' is a choice; 'A of B, wat is het verschil' a comparison
        before = _words(text[: connector.start()])
        if not before or before[-1].lower() in _CLOSED:
            continue  # 'geldt dat ook tegenover statushouders': a preposition after a verb's clause, no connector
        a = _side_span(text, connector.start(), connector.end(), leftwards=True)
        b = _side_span(text, connector.start(), connector.end(), leftwards=False)
        if a and b and len(a.split()) <= SIDE_WORDS and len(b.split()) <= SIDE_WORDS:
            at, bt = text.rfind(a, 0, connector.start()), text.find(b, connector.end())
            return (*_completed(a, b), text[:at] + " " + text[bt + len(b) :])
    return None


def parallel_parts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """Where each compared region's own words stand ('de kwartiermaker in Haaglanden en de aanjager in
    Arnhem-Nijmegen', 'in Haaglanden een kwartiermaker, in Parkstad een projectleider'), as character spans
    in the order of `spans` (one span per region, in the order they are named); None when the regions are
    simply listed ('Groningen, de MRA en Arnhem-Nijmegen'). The words between two names belong to the name
    after them when they open with a connector ('en', 'of', ',', 'tegenover'), to the name before them when
    they close with one; the outer name's part is as long as its neighbour's."""
    gaps = [(spans[i][1], spans[i + 1][0]) for i in range(len(spans) - 1)]
    if len(spans) < 2 or not all(_content(text[s:e]) and not re.search(r"[()]", text[s:e]) for s, e in gaps):
        return None
    opens = [re.match(rf"\s*{_CONNECT}\s*", text[s:e], re.IGNORECASE) for s, e in gaps]
    closes = [re.search(rf"\s*{_CONNECT}(?:\s+(?:in|bij|voor|van|de|het))*\s*$", text[s:e], re.IGNORECASE) for s, e in gaps]
    parts: list[tuple[int, int]] = []
    if all(opens) and not any(closes):
        parts = [(0, 0)] + [(s + m.end(), e) for (s, e), m in zip(gaps, opens, strict=True) if m]
        count = len(_words(text[parts[1][0] : parts[1][1]]))
        before = re.split(r"[;:?!.]", text[: spans[0][0]])[-1]
        words = list(_WORD.finditer(before))[-count:]
        offset = spans[0][0] - len(before)
        parts[0] = (offset + words[0].start(), spans[0][0]) if words else (spans[0][0], spans[0][0])
    elif all(closes) and not any(opens):
        parts = [(s, s + m.start()) for (s, e), m in zip(gaps, closes, strict=True) if m]
        count = len(_words(text[parts[-1][0] : parts[-1][1]]))
        after = re.split(r"[;:?!.,]", text[spans[-1][1] :])[0]
        words = list(_WORD.finditer(after))[:count]
        end = spans[-1][1] + (words[-1].end() if words else 0)
        parts.append((spans[-1][1], end))
    return parts or None


_GENERIC_START = re.compile(
    r"^\s*(?:(?:en |dus |maar )?(?:waar|hoe|waarmee) (?:begin|start) ik\b|waar moet ik (?:beginnen|starten|mee beginnen)\b"
    r"|wat moet ik (?:als eerste |eerst )?weten\b|hoe staat (?:het|dat) ervoor\b|wat is de stand van zaken\b"
    r"|waar (?:begin|start) ik (?:het )?best\b)",
    re.IGNORECASE,
)
_ASKING = re.compile(r"^\s*(?:en |dus |maar )?(?:(?:over|met|bij|aan|op|voor|van|door|in) )?(?:wat|wie|hoe|hoeveel|welke?|waar\w*|wanneer|waarom|moet|moeten|kan|kunnen|is|zijn|heeft|hebben)\b", re.IGNORECASE)


def newcomer_question(text: str) -> str | None:
    """What a newcomer asks besides where to begin: 'net begonnen in Groningen. wie zijn de partners?' asks
    who the partners are. The clauses that say one is new, and those that only ask where to begin, go; a
    clause that asks something else stays (None when nothing does)."""
    clauses = [c.strip() for c in re.split(r"(?<=[.?!;])\s+|,\s+(?=\w)", text) if c.strip()]
    kept = [
        c for c in clauses
        if not _NEWCOMER.search(c) and not _GENERIC_START.match(c) and (_ASKING.match(c) or c.endswith("?"))
    ]
    return " ".join(kept) if kept else None


_LINK = re.compile(
    r"^\s*[,/&]?\s*(?:(?:en|of|vs\.?|versus|tegenover|vergeleken met|anders dan|naast)\s+)?(?:(?:in|bij|van|voor|rond|met|de|het)\s+)*$",
    re.IGNORECASE,
)
"""The words between two listed names ('Twente, Parkstad en Groningen', 'Groningen vs de MRA', 'Den Haag
of Amsterdam'): a connector, and the preposition or article that opens the next name."""
_LEAD = re.compile(r"(?:\b(?:in|bij|van|voor|rond|de|het)\s+)*$", re.IGNORECASE)


def with_aside(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A name with the aside right after it ('Twente (regio Enschede)', 'Groningen (VGG)'): the aside says
    which one is meant, so it goes where the name goes."""
    aside = re.match(r"\s*\([^()]*\)", text[span[1] :])
    return (span[0], span[1] + aside.end()) if aside else span


def each_own(text: str, names: list[list[tuple[int, int]]]) -> list[str]:
    """Per compared name, the question as if it had named only that one: 'Met hoeveel gemeenten doen Twente
    (regio Enschede), Parkstad en Groningen mee?' asks for Parkstad 'Met hoeveel gemeenten doen Parkstad
    mee?'. `names` holds the character spans of each column's name(s), in column order. A list of names
    ('A, B en C', 'A vs de B', 'A of B') stands as the own name alone; a name outside it goes with its
    preposition and article ('in de MRA'). What is left reads as one question about one thing, so a cell is
    chosen as that question alone would be answered."""
    spans = sorted((with_aside(text, span), column) for column, found in enumerate(names) for span in found)
    merged: list[tuple[tuple[int, int], int]] = []
    for span, column in spans:
        if merged and span[0] <= merged[-1][0][1]:
            (start, end), first = merged[-1]
            merged[-1] = ((start, max(end, span[1])), first)
        else:
            merged.append((span, column))
    runs: list[list[tuple[tuple[int, int], int]]] = []
    for name in merged:
        if runs and _LINK.match(text[runs[-1][-1][0][1] : name[0][0]]):
            runs[-1].append(name)
        else:
            runs.append([name])
    questions = []
    for own in range(len(names)):
        kept = text
        for run in reversed(runs):
            start, end = run[0][0][0], run[-1][0][1]
            mine = [span for span, column in run if column == own]
            if mine:
                kept = kept[:start] + " ".join(text[a:b] for a, b in mine) + kept[end:]
            else:
                lead = _LEAD.search(kept[:start])
                kept = kept[: lead.start() if lead else start] + " " + kept[end:]
        questions.append(asked_sentences(without_comparison(kept)))
    return questions


def asked_sentences(text: str) -> str:
    """The text without its sentences that only ask for a form ('Graag naast elkaar.', 'Kort graag.'): what
    is asked stays; the whole text when every sentence is such a request."""
    kept = [s for s in re.split(r"(?<=[.?!])\s+", text) if has_content(_REQUEST_FILLER.sub(" ", s))]
    return " ".join(kept) or text


_EACH = re.compile(
    r"\b(?:van\s+)?(?:(?:elk(?:e|ers)?|ieder(?:e)?)\s+van\s+(?:die|de|deze|hen|hun)(?:\s+(?:twee|drie))?\b"
    r"|(?:elk(?:e|ers)?|ieder(?:e)?|beide|allebei)\b(?:\s+(?P<noun>[^\W\d_]+))?|die\s+(?:twee|drie)\b)",
    re.IGNORECASE,
)
"""A word that refers to each compared thing at once ('elke ronde', 'van elk', 'allebei', 'die twee')."""


def for_one(question: str, name: str) -> str:
    """The question with its word for every compared thing ('leverde elke ronde op', 'de opdracht van elk',
    'doen X elk mee') made to refer to the one `name`: replaced by the name when the question does not name it
    yet, left out when it does. A noun after the word goes with it when the name has that noun ('elke ronde'
    for 'RHA ronde 2022'); another word stays ('elk mee')."""
    named = name.lower() in question.lower()
    own_words = {w.lower() for w in _words(name)}

    first = [True]

    def replaced(match: re.Match[str]) -> str:
        noun = match.group("noun")
        keep = "" if noun is None or noun.lower() in own_words else " " + noun
        head = "" if named or not first[0] else (("van " if match.group(0).lower().startswith("van ") else "") + name)
        first[0] = False  # 'de taak van elk van die drie' names the one once
        return (head + keep).strip() if head else keep.strip()

    result = _EACH.sub(replaced, question)
    result = re.sub(r"\s+([,.:;?!])", r"\1", result)
    return re.sub(r"\s{2,}", " ", result).strip(" ,:;")
