"""The user's own figures: loading a CSV/XLSX, and reading its column names in a message as the key."""

from __future__ import annotations

from pathlib import Path

from assistant.core import EXISTING_COLUMN_HINTS, ConversationCore
from assistant.engines import AllocationError, load_dataset
from assistant.models import ParsedRequest, Reply
from assistant.parsing.message import ParsedMessage
from koploper.numbers import plural

_KEY_CUES = {"naar", "basis", "volgens", "rato", "half", "helft", "sleutel", "gewogen"}


def load_user_data(conv: ConversationCore, path: str, text: str) -> Reply:
    """Validate the file through the allocation engine and use it; the engine's Dutch message otherwise."""
    try:
        columns = conv.use_user_data(Path(path).expanduser())
    except AllocationError as exc:
        return Reply(question=text, intent="help", answer=exc.words)
    listed = ", ".join(f"'{c}'" for c in columns)
    answer = (
        f"Bestand `{path}` geladen: {plural(len(columns), 'kolom', 'kolommen')} {listed}. "
        f"Gebruik een kolom als sleutel, bijvoorbeeld \"verdeel 100 woningen over Haaglanden naar {columns[0].replace('_', ' ')}\"."
    )
    if any(c in load_dataset().indicators for c in columns):
        answer += " Een kolom met de naam van een meegeleverde indicator vervangt die indicator helemaal."
    return Reply(question=text, intent="help", answer=answer)


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
