"""The user's own figures: loading a CSV/XLSX, and reading its column names in a message as the key."""

from __future__ import annotations

from pathlib import Path

from assistant.core import EXISTING_COLUMN_HINTS, ConversationCore
from assistant.engines import AllocationError, load_dataset
from assistant.models import ParsedRequest, Reply
from assistant.parsing.message import ParsedMessage
from koploper.numbers import plural
from koploper.regions import in_sentence

_KEY_CUES = {"naar", "basis", "volgens", "rato", "half", "helft", "sleutel", "gewogen"}


def load_user_data(conv: ConversationCore, path: str, text: str) -> Reply:
    """Validate the file through the allocation engine and use it; the engine's Dutch message otherwise."""
    try:
        columns = conv.use_user_data(Path(path).expanduser())
    except AllocationError as exc:
        return Reply(question=text, intent="help", answer=exc.words)
    listed = ", ".join(f"'{c}'" for c in columns)
    answer = f"Bestand `{path}` geladen: {plural(len(columns), 'kolom', 'kolommen')} {listed}. " + example_for_file(conv, columns)
    if any(c in load_dataset().indicators for c in columns):
        answer += " Een kolom met de naam van een meegeleverde indicator vervangt die indicator helemaal."
    return Reply(question=text, intent="help", answer=answer)


def _covered_place(conv: ConversationCore, column: str) -> str | None:
    """Where the file has figures: a koploper region it covers whole, else up to three of its municipalities."""
    ds = conv.dataset()
    codes = set(ds.values.get(column, {}))
    for region, members in ds.members.items():
        if members and set(members) <= codes:
            return in_sentence(region)
    names = sorted(ds.municipalities[c].name for c in codes if c in ds.municipalities)[:3]
    if len(names) < 2:  # one municipality alone cannot be divided over
        return None
    return ", ".join(names[:-1]) + " en " + names[-1]


def example_for_file(conv: ConversationCore, columns: list[str]) -> str:
    """A question that works on the loaded file: its own column as the key, a place it has figures for.

    An existing-effort column ('bestaand') is no key: its example takes that effort into account.
    """
    keys = [c for c in columns if not any(h in c for h in EXISTING_COLUMN_HINTS)]
    place = _covered_place(conv, (keys or columns)[0])
    if place is None:
        return "Voor een verdeling zijn cijfers van minstens twee gemeenten nodig; dit bestand heeft er minder."
    if keys:
        return (
            "Gebruik een kolom als sleutel, bijvoorbeeld "
            f"\"verdeel 100 woningen over {place} naar {keys[0].replace('_', ' ')}\"."
        )
    return (
        "Ik houd er rekening mee als u dat vraagt, bijvoorbeeld "
        f"\"verdeel 100 woningen over {place}, rekening houdend met wat gemeenten al doen\"."
    )


def apply_user_columns(conv: ConversationCore, msg: ParsedMessage, request: ParsedRequest) -> bool:
    """A column of the user's file named in the message ('naar vrijkomende woningen') is a key indicator.

    It takes the place of the shipped indicator the parser saw inside its name ('woningen'), keeping
    the weight, so the user's column is never silently swapped for a shipped one.
    """
    for name in conv.user_columns():
        if any(h in name for h in EXISTING_COLUMN_HINTS):
            continue
        words = name.replace("_", " ")
        position = f" {msg.norm} ".find(f" {words} ")
        if position < 0:
            continue
        before = msg.norm[:position].split()[-4:]
        if not set(before) & _KEY_CUES and not any(w.endswith("%") for w in before):
            continue
        weights = msg.key.weights or {}
        inside = [k for k in weights if k in words.split(" ") or k.rstrip("s") in words]
        if weights and inside:
            request.key = {(name if k == inside[0] else k): w for k, w in weights.items()}
            return True
        if not weights:
            request.key = {name: 1.0}
            return True
    return False
