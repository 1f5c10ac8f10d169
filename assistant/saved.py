"""The saved-conversation format: its version, and the upgrade of files written by older versions.

Version 1 (no `version` field) kept an allocation reply as the engine's JSON (`allocation`: floats)
and a comparison as a reduced table (`methods`, `rows`, `differences`). Version 2 keeps the engine's
full result (`result`, exact fractions) and full comparison. An old file is upgraded when it is
read: its allocation JSON becomes the result (the figures it had, as exact as they were saved), and
an old comparison table, which has too little to rebuild the results from, is dropped; its Markdown
answer stays in the transcript.
"""

from __future__ import annotations

import re
from typing import Any

SAVE_VERSION = 2
"""Written into every saved conversation as `version`."""

ID_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,79}")
"""A conversation id: letters, digits, `-` and `_` only, so `<id>.json` can never leave `gesprekken/`."""


def valid_id(conversation_id: object) -> bool:
    """True for an id that is safe as a file name (ID_PATTERN, whole string)."""
    return isinstance(conversation_id, str) and ID_PATTERN.fullmatch(conversation_id) is not None


def _upgrade_reply_v1(reply: dict[str, Any]) -> dict[str, Any]:
    reply = dict(reply)
    allocation = reply.pop("allocation", None)
    if isinstance(allocation, dict) and "result" not in reply:
        reply["result"] = allocation
    comparison = reply.get("comparison")
    if isinstance(comparison, dict) and "results" not in comparison:
        reply["comparison"] = None
    return reply


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """A saved conversation in the current format; newer versions than this one are refused in Dutch."""
    version = data.get("version", 1)
    if not isinstance(version, int) or version > SAVE_VERSION:
        raise ValueError(
            f"Dit gesprek is bewaard door een nieuwere versie van Koploper (formaat {version}); werk Koploper bij om het te openen."
        )
    if version < 2:
        data = dict(data)
        data["turns"] = [
            {**turn, "reply": _upgrade_reply_v1(turn["reply"])} if isinstance(turn, dict) and isinstance(turn.get("reply"), dict) else turn
            for turn in data.get("turns") or []
        ]
    data["version"] = SAVE_VERSION
    return data
