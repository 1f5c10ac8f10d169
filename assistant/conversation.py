"""One conversation: turns, routing each message to its handler, the transcript and saving.

`ask()` never raises: every message gets a reply or a clarifying question. Knowledge questions open
the knowledge base on demand (slow once per process); allocation questions never need it. The work
per intent is in assistant.handle_knowledge, handle_allocation and handle_data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import uuid
from pathlib import Path
from typing import Any

from assistant.compose_help import compose_help
from assistant.core import ConversationCore
from assistant.engines import AllocationError
from assistant.handle_allocation import answer_allocation, answer_compare
from assistant.handle_data import load_user_data
from assistant.handle_knowledge import answer_knowledge, answer_profile, answer_region_filter
from assistant.knowledge import KnowledgeAccess
from assistant.models import ParsedRequest, Reply, Turn
from assistant.parsing.message import parse_message
from assistant.parsing.places import default_index
from assistant.router import ConversationState, Route, knowledge_part, route
from assistant.saved import SAVE_VERSION, upgrade, valid_id

log = logging.getLogger(__name__)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Conversation(ConversationCore):
    """Turns plus the state follow-ups need; safe to call from one worker thread at a time."""

    def __init__(self, assistant: KnowledgeAccess | None = None, conversation_id: str | None = None) -> None:
        super().__init__(assistant)
        self.id = conversation_id or dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
        self.created_at = _now()
        self.turns: list[Turn] = []

    # ------------------------------------------------------------------ public API

    @property
    def last_request(self) -> ParsedRequest | None:
        """The last allocation request (complete, or pending a clarifying answer)."""
        return self.state.last_request

    @property
    def title(self) -> str:
        """The first question, shortened: the name of the conversation in lists."""
        return self.turns[0].question[:80] if self.turns else "Nieuw gesprek"

    def ask(self, text: str) -> Reply:
        """Answer one message; never raises."""
        with self._lock:
            try:
                reply = self._answer(text)
            except Exception as exc:  # the last safety net (logged): the user always gets a Dutch reply
                log.exception("internal error on %r", text)
                reply = Reply(
                    question=text,
                    intent="help",
                    answer=f"Er ging intern iets mis ({type(exc).__name__}). Probeer de vraag anders te formuleren.",
                )
            self.turns.append(Turn(question=text, reply=reply, asked_at=_now()))
            return reply

    def load_user_data(self, path: str | Path) -> Reply:
        """Validate a CSV/XLSX with figures per municipality (through the allocation engine) and use it."""
        with self._lock:
            reply = load_user_data(self, str(path), f"/data {path}")
            self.turns.append(Turn(question=f"/data {path}", reply=reply, asked_at=_now()))
            return reply

    def compare_methods(self) -> Reply:
        """The last allocation under Hamilton, Sainte-Laguë and D'Hondt (like `verdeel --vergelijk`)."""
        with self._lock:
            reply = answer_compare(self, "/vergelijk")
            self.turns.append(Turn(question="/vergelijk", reply=reply, asked_at=_now()))
            return reply

    def to_markdown(self) -> str:
        """The transcript as Markdown, for export."""
        lines = [f"# Gesprek met Koploper — {self.created_at[:10]}", ""]
        if self.user_data:
            lines += [f"Eigen gegevens: `{self.user_data}`", ""]
        for i, turn in enumerate(self.turns, start=1):
            lines += [f"## {i}. {turn.question}", "", turn.reply.answer, ""]
        return "\n".join(lines).rstrip() + "\n"

    def to_json(self) -> dict[str, Any]:
        """Everything needed to continue the conversation later (format version SAVE_VERSION)."""
        return {
            "version": SAVE_VERSION,
            "id": self.id,
            "created_at": self.created_at,
            "title": self.title,
            "region_filter": self.region_filter,
            "user_data": str(self.user_data or self.pending_user_data or "") or None,
            "state": self.state.model_dump(mode="json"),
            "turns": [turn.model_dump(mode="json") for turn in self.turns],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], assistant: KnowledgeAccess | None = None, restore_data: bool = True) -> Conversation:
        """A conversation saved with `to_json` (older formats are upgraded); a user file that has gone
        missing is dropped, and an id that is not a safe file name (`../x`, `/tmp/x`) is replaced by a
        fresh one, so saving never writes outside the conversations folder.

        With `restore_data=False` the data file is not read here but left in `pending_user_data` for
        `restore_user_data`: the app reads it in its worker, as a file on a hung share may take a while."""
        data = upgrade(data)
        saved_id = data.get("id")
        conv = cls(assistant, conversation_id=saved_id if valid_id(saved_id) else None)
        conv.created_at = str(data.get("created_at") or conv.created_at)
        conv.region_filter = data.get("region_filter")
        conv.state = ConversationState.model_validate(data.get("state") or {})
        conv.turns = [Turn.model_validate(t) for t in data.get("turns") or []]
        path = data.get("user_data")
        if path:
            conv.pending_user_data = Path(str(path))
            if restore_data:
                with contextlib.suppress(AllocationError):
                    conv.restore_user_data()
        return conv

    def restore_user_data(self) -> None:
        """Read the saved conversation's data file again; an AllocationError (Dutch) when it cannot be
        used any more, after which the conversation goes on with the shipped figures."""
        with self._lock:
            path, self.pending_user_data = self.pending_user_data, None
            if path is not None:
                try:
                    self.use_user_data(path)
                except AllocationError:
                    self.user_data = None
                    raise

    # ------------------------------------------------------------------ routing

    def _answer(self, text: str) -> Reply:
        index = default_index()
        last = self.state.last_request
        msg = parse_message(
            text, index, euro_context=last is not None and last.unit_kind == "euro", count_context=last is not None and last.unit_kind != "euro"
        )
        decision = route(msg, self.state, index, self.region_filter)
        kind = decision.kind
        if kind in ("help", "unknown_command"):
            prefix = f"Onbekende opdracht `/{decision.problem}`." if kind == "unknown_command" else None
            return Reply(question=text, intent="help", answer=compose_help(prefix))
        if kind == "region_filter":
            return answer_region_filter(self, text, decision)
        if kind == "compare":
            return answer_compare(self, text)
        if kind == "load_data":
            if not decision.query:
                return Reply(question=text, intent="help", answer="Geef het pad van het bestand: `/data gegevens.csv`.")
            return load_user_data(self, decision.query, text)
        if kind == "profile":
            assert decision.region is not None
            if msg.command == "regio":
                self.region_filter = decision.region
            return answer_profile(self, text, decision.region, via_command=msg.command == "regio", asked=decision.query)
        if kind == "allocation":
            part = knowledge_part(text, index)
            known = answer_knowledge(self, part, Route("knowledge", query=part, region=self.region_filter)) if part else None
            reply = answer_allocation(self, text, msg, decision)
            if known is not None:  # a message that asks both gets both
                reply.answer = f"**{part}**\n\n{known.answer}\n\n---\n\n{reply.answer}"
                reply.sources = known.sources
            return reply
        return answer_knowledge(self, text, decision)
