"""The enactment formulae of a Dutch law or decree: never an answer to a question about its content.

A law opens with the King's words that enact it (the 'aanhef': "Wij Willem-Alexander, bij de gratie Gods, Koning
der Nederlanden, … Allen, die deze zullen zien of horen lezen, saluut! doen te weten: Alzo Wij in overweging genomen
hebben, … Zo is het, dat Wij, de Raad van State gehoord, … goedvinden en verstaan bij deze:"), a decree likewise
("Wij … Op de voordracht van Onze Minister …; Gelet op …; Hebben goedgevonden en verstaan:"), and both close with
the command to publish and the signatures ("Lasten en bevelen dat deze in het Staatsblad zal worden geplaatst …
Gegeven te …"). These sentences share the question's words ('verstaan', 'wet', 'regels') and its tone, and so were
quoted for 'wat verstaan ze onder …'. They are recognised by their grammar, not by the words of any one law:

- the royal 'Wij': the King speaks of himself in the plural and writes it with a capital also within the sentence
  ('Zo is het, dat Wij …'); ordinary Dutch writes 'wij' there. A sentence opening with 'Wij' followed by a name
  ('Wij Willem-Alexander, …', 'Wij Beatrix, …') is the King's title;
- the opening runs on until the colon that introduces what is enacted ('doen te weten:', '… verstaan:');
- the closing formula opens with the King's command, without subject ('Lasten en bevelen …'), and what follows it in
  its passage is the place, the date and the signatures.
"""

from __future__ import annotations

import re

from kennisbank.ingest.sentences import sentence_spans

_ROYAL_TITLE = re.compile(r"^\W*Wij [A-Z]")
"""'Wij Willem-Alexander, bij de gratie Gods, …': the King's title opens the law."""
_ROYAL_WE = re.compile(r"(?<=[\w,;)] )Wij\b")
"""'Alzo Wij in overweging genomen hebben', 'Zo is het, dat Wij, …': a capital 'Wij' within the sentence."""
_COMMAND = re.compile(r"^\W*Lasten en bevelen\b")
"""The King's command to publish, which opens the closing formula (its subject 'Wij' left out)."""


def royal(sentence: str) -> bool:
    """The sentence speaks with the King's 'Wij' (his title, or the capital 'Wij' within the sentence)."""
    return bool(_ROYAL_TITLE.match(sentence) or _ROYAL_WE.search(sentence))


def formula_spans(text: str) -> set[tuple[int, int]]:
    """The sentences of `text` (as spans of kennisbank.ingest.sentences.sentence_spans) that belong to an enactment
    formula: from a royal sentence to the colon that ends the opening (or the passage's end), and from the command to
    publish to the passage's end."""
    spans = sentence_spans(text)
    found: set[tuple[int, int]] = set()
    opening = closing = False
    for start, end in spans:
        sentence = text[start:end]
        opening = opening or royal(sentence)
        closing = closing or bool(_COMMAND.match(sentence))
        if opening or closing:
            found.add((start, end))
        if opening and sentence.rstrip().endswith(":") and not closing:
            opening = False  # 'doen te weten:', '… verstaan:': what follows is enacted
    return found


def only_formula(text: str) -> bool:
    """Every sentence of the passage belongs to an enactment formula (the opening of a law, its closing)."""
    spans = sentence_spans(text)
    return bool(spans) and len(formula_spans(text)) == len(spans)
