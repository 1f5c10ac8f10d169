"""Which sentence names the person who holds the role a "who" question asks about?

"Wie is voorzitter van de stuurgroep …?" is near in meaning to every sentence about that stuurgroep, and the
one that lists its members ("… twaalf wethouders, uit Almere (de voorzitter), Amsterdam, …") shares more of
its words than the one that answers ("Voorzitter van de stuurgroep … is Froukje de Jonge, wethouder in
Almere"). What tells them apart is the answer's type: a person's name (a run of capitalised words that is no
place, see kennisbank.answer.shape.carries_name) standing with the role the question names. The role is read
from the question's structure, never from a list of roles:
- an agent noun after 'wie is/was/zijn/waren' ('wie is (de) voorzitter', 'wie zijn de trekkers'), by the
  morphology of Dutch agent nouns (-er, -aar, -eur, -ator, -ist, -aris, -eerde);
- else the verb of 'wie <verb> …' with its separable particle ('wie zit … voor' → voor+zit, 'wie trekt …' →
  trek): a sentence names the role by an agent noun built on that stem ('voorzitter', 'trekker').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kennisbank.answer.answer_type import without_places
from kennisbank.answer.question_kinds import fold
from kennisbank.answer.shape import carries_name

_AGENT = r"[\w-]{2,}(?:er|aar|eur|ator|ist|aris|eerde)"
"""A Dutch agent noun ('voorzitter', 'trekker', 'secretaris', 'gedeputeerde'); at least five letters, so 'er'
('wie is er …') is none."""
_PLURAL = r"(?:s|en|n|sen)?"
_ROLE_ASKED = re.compile(
    r"\bwie (?:is|was|zijn|waren)(?:(?: (?:er|nu|nou|eigenlijk|daar|hier|dan))*(?: (?:de|het))?|(?: [\w-]+){1,4}? (?:de|het))"
    r" (?P<role>" + _AGENT + r")" + _PLURAL + r"\b"
)
_AS_ROLE = re.compile(r"\bals (?:de |het )?(?P<role>" + _AGENT + r")" + _PLURAL + r"\b")
_VERB_ASKED = re.compile(r"\bwie (?P<verb>[a-z]{3,}?)t?\b(?P<rest>[^?.!,;]*)")
_AUXILIARIES = frozenset(
    ["is", "was", "zijn", "waren", "heeft", "hebben", "had", "kan", "kunnen", "mag", "moet", "moeten", "zal", "zou", "wordt", "werd", "doet",
     "doen", "gaat", "gaan"]
)
_PARTICLES = frozenset(["voor", "aan", "op", "uit", "mee", "in", "af", "door", "over", "bij", "toe", "om", "na"])
"""Dutch separable particles (a closed class): 'zit … voor' is 'voorzitten', whose agent is 'voorzitter'."""


@dataclass(frozen=True)
class Role:
    """The role a question asks the holder of, as a pattern of the words that name it."""

    pattern: re.Pattern[str]


_VOWELS = "aeiouy"


def _acts(stem: str) -> str:
    """The pattern of the verb and its agent noun on a stem ('trek': 'trekken', 'trekt', 'trekker'; 'voorzit':
    'voorzitten', 'voorzitter'): Dutch doubles a stem's last consonant after a short vowel before -en and -er."""
    last = stem[-1] if stem[-1] not in _VOWELS else ""
    return r"(?<![\w-])[\w-]*" + re.escape(stem) + (re.escape(last) + "?" if last else "") + r"(?:ers?|sters?|en|t|te|ten|de|den)\b"


def _noun(noun: str) -> str:
    """The pattern of an agent noun in any compound and number ('stuurgroepvoorzitter', 'secretarissen'), and of
    the verb it is made from ('trekker': 'wie de uitvoering trekken: …')."""
    pattern = r"(?<![\w-])[\w-]*" + re.escape(noun) + _PLURAL + r"\b"
    stem = re.sub(r"([^aeiouy])\1$", r"\1", noun[:-2]) if noun.endswith("er") and len(noun) >= 6 else ""
    return pattern + ("|" + _acts(stem) if len(stem) >= 3 else "")


def asked_role(question: str) -> Role | None:
    """The role whose holder the question asks for, or None when it asks no person by role."""
    text = fold(question).strip()
    nouns = [m.group("role") for m in (*_ROLE_ASKED.finditer(text), *_AS_ROLE.finditer(text)) if "wie" in text.split()]
    parts = [_noun(noun) for noun in dict.fromkeys(nouns)]
    for match in _VERB_ASKED.finditer(text):
        stem = match.group("verb")
        if stem in _AUXILIARIES:
            continue
        rest = match.group("rest").split()
        particle = rest[-1] if rest and rest[-1] in _PARTICLES else ""
        parts.append(_acts(particle + stem))  # 'wie zit … voor': 'voorzitter'; 'wie trekt …': 'trekken', 'trekker'
    if not parts:
        return None
    return Role(re.compile("|".join(parts), re.IGNORECASE))


def names_role(role: Role, text: str) -> bool:
    """The text names the role (in any compound: 'stuurgroepvoorzitter', 'projectleider')."""
    return role.pattern.search(fold(text)) is not None


def holds_role(role: Role, text: str, question: str) -> bool:
    """The text names the role and a person who is no place and not named in the question ('Voorzitter … is
    Froukje de Jonge, wethouder in Almere'): the holder of the role, as far as a sentence's structure can say."""
    return names_role(role, text) and carries_name(without_places(text), question)
