"""One conversation: turns, the last request, follow-ups, the user's own figures, transcript and saving.

`ask()` never raises: every message gets a reply or a clarifying question. Knowledge questions open
the knowledge base on demand (slow once per process); allocation questions never need it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from pathlib import Path
from typing import Any

from assistant.compose_allocation import compose_allocation, describe_request
from assistant.compose_clarify import ask_missing, explain_problem, missing_indicators, need_existing, unknown_indicator
from assistant.compose_help import compose_help
from assistant.compose_knowledge import compose_knowledge
from assistant.compose_profile import APPROACH_QUESTION, build_profile, compose_profile
from assistant.engines import (
    METHOD_LABELS,
    AllocationError,
    AllocationRequest,
    Dataset,
    allocate,
    compare_methods,
    load_dataset,
    merge_user_data,
    read_user_data,
)
from assistant.models import MethodComparison, ParsedRequest, Reply, Turn
from assistant.parsing.message import ParsedMessage, parse_message
from assistant.parsing.places import default_index
from assistant.router import ConversationState, Route, route
from assistant.session import Assistant

log = logging.getLogger(__name__)
EXISTING_COLUMN_HINTS = ("bestaand", "gehuisvest", "huidig", "al_", "inzet", "existing", "gerealiseerd", "geleverd")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Conversation:
    """Turns plus the state follow-ups need; safe to call from one worker thread at a time."""

    def __init__(self, assistant: Assistant | None = None, conversation_id: str | None = None) -> None:
        self.assistant = assistant or Assistant()
        self.id = conversation_id or dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
        self.created_at = _now()
        self.turns: list[Turn] = []
        self.state = ConversationState()
        self.region_filter: str | None = None
        """Region that knowledge searches are limited to (set by `/regio NAAM`, cleared by `/regio`)."""
        self.user_data: Path | None = None
        self._dataset: Dataset | None = None
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ public API

    @property
    def last_request(self) -> ParsedRequest | None:
        """The last allocation request (complete, or pending a clarifying answer)."""
        return self.state.last_request

    @property
    def title(self) -> str:
        return self.turns[0].question[:80] if self.turns else "Nieuw gesprek"

    def ask(self, text: str) -> Reply:
        """Answer one message; never raises."""
        with self._lock:
            try:
                reply = self._answer(text)
            except Exception as exc:  # noqa: BLE001 - the last safety net: the user always gets a Dutch reply
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
            reply = self._load_user_data(str(path), f"/data {path}")
            self.turns.append(Turn(question=f"/data {path}", reply=reply, asked_at=_now()))
            return reply

    def compare_methods(self) -> Reply:
        """The last allocation under Hamilton, Sainte-Laguë and D'Hondt (like `verdeel --vergelijk`)."""
        with self._lock:
            reply = self._compare("/vergelijk")
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
        """Everything needed to continue the conversation later."""
        return {
            "id": self.id,
            "created_at": self.created_at,
            "title": self.title,
            "region_filter": self.region_filter,
            "user_data": str(self.user_data) if self.user_data else None,
            "state": self.state.model_dump(mode="json"),
            "turns": [turn.model_dump(mode="json") for turn in self.turns],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], assistant: Assistant | None = None) -> Conversation:
        """A conversation saved with `to_json`; a user file that has gone missing is dropped."""
        conv = cls(assistant, conversation_id=str(data.get("id") or "") or None)
        conv.created_at = str(data.get("created_at") or conv.created_at)
        conv.region_filter = data.get("region_filter")
        conv.state = ConversationState.model_validate(data.get("state") or {})
        conv.turns = [Turn.model_validate(t) for t in data.get("turns") or []]
        path = data.get("user_data")
        if path and Path(path).exists():
            try:
                conv._use_user_data(Path(path))
            except AllocationError:
                conv.user_data = None
        return conv

    # ------------------------------------------------------------------ routing

    def _answer(self, text: str) -> Reply:
        index = default_index()
        msg = parse_message(text, index)
        decision = route(msg, self.state, index, self.region_filter)
        kind = decision.kind
        if kind == "help":
            return Reply(question=text, intent="help", answer=compose_help())
        if kind == "unknown_command":
            return Reply(question=text, intent="help", answer=compose_help(f"Onbekende opdracht `/{decision.problem}`."))
        if kind == "region_filter":
            return self._region_filter(text, decision)
        if kind == "compare":
            return self._compare(text)
        if kind == "load_data":
            if not decision.query:
                return Reply(question=text, intent="help", answer="Geef het pad van het bestand: `/data gegevens.csv`.")
            return self._load_user_data(decision.query, text)
        if kind == "profile":
            assert decision.region is not None
            if msg.command == "regio":
                self.region_filter = decision.region
            return self._profile(text, decision.region, via_command=msg.command == "regio")
        if kind == "allocation":
            return self._allocation(text, msg, decision)
        return self._knowledge(text, decision)

    # ------------------------------------------------------------------ knowledge

    def _knowledge(self, text: str, decision: Route) -> Reply:
        self.state.last_intent = "knowledge"
        self.state.pending = False
        self.state.last_knowledge_question = decision.query
        self.state.last_knowledge_region = decision.region
        read_as = None
        if decision.follow_up:
            read_as = f"Ik lees dit als: «{decision.query}», gezocht in het materiaal over {decision.region}."
        self.assistant.load_knowledge()
        kb = self.assistant.knowledge
        if kb is None:
            answer = (
                f"De kennisbank is niet beschikbaar: {self.assistant.knowledge_error} "
                "Verdeelvragen kan ik wel beantwoorden."
            )
            return Reply(question=text, intent="knowledge", answer=answer, read_as=read_as)
        from kennisbank.errors import KennisbankError
        from kennisbank.store import StoreError, StoreUnavailable

        try:
            try:
                response = kb.search(decision.query, region=decision.region, k=5)
            except (StoreError, StoreUnavailable):
                raise
            except KennisbankError:
                response = kb.search(decision.query, k=5)
        except (StoreError, StoreUnavailable) as exc:  # server down, store damaged: say so, keep going
            answer = f"De kennisbank is nu niet te doorzoeken: {exc.message} Verdeelvragen kan ik wel beantwoorden."
            return Reply(question=text, intent="knowledge", answer=answer, read_as=read_as)
        answer, hits = compose_knowledge(response, decision.region, read_as)
        return Reply(question=text, intent="knowledge", answer=answer, read_as=read_as, sources=hits)

    def _profile(self, text: str, region: str, via_command: bool) -> Reply:
        profile = build_profile(region)
        self.assistant.load_knowledge()
        kb = self.assistant.knowledge
        response = None
        search_error = None
        if kb is not None:
            from kennisbank.errors import KennisbankError

            try:
                response = kb.search(APPROACH_QUESTION.format(region=region), region=region, k=5)
            except KennisbankError as exc:  # server down, store damaged: the profile still shows
                search_error = exc.message
        answer, hits = compose_profile(profile, response, self.assistant.knowledge_error if kb is None else search_error)
        if via_command:
            answer += (
                f"\n\nKennisvragen zoek ik nu alleen in het materiaal over {region}; "
                "`/regio` zonder naam zoekt weer overal."
            )
        if kb is None:
            profile.knowledge_error = self.assistant.knowledge_error
        return Reply(question=text, intent="knowledge", answer=answer, sources=hits, region_profile=profile)

    def _region_filter(self, text: str, decision: Route) -> Reply:
        if decision.problem:
            regions = ", ".join(default_index().regions())
            return Reply(question=text, intent="help", answer=f"Onbekende regio '{decision.problem}'. Kies uit: {regions}.")
        self.region_filter = None
        return Reply(question=text, intent="help", answer="Kennisvragen zoek ik weer in al het materiaal.")

    # ------------------------------------------------------------------ allocation

    def _dataset_now(self) -> Dataset:
        return self._dataset or load_dataset()

    def _clarify(self, text: str, request: ParsedRequest, answer: str, read_as: str | None) -> Reply:
        self.state.last_request = request
        self.state.pending = True
        self.state.last_intent = "clarify"
        return Reply(question=text, intent="clarify", answer=answer, read_as=read_as, request=request)

    def _codes(self, request: ParsedRequest, ds: Dataset) -> list[str]:
        from allocation.names import resolve_municipality

        if request.region:
            return list(ds.members.get(request.region, ()))
        codes = []
        for name in request.municipalities or []:
            found = resolve_municipality(name, ds)
            if found is not None:
                codes.append(found.code)
        return codes

    def _allocation(self, text: str, msg: ParsedMessage, decision: Route) -> Reply:
        request = decision.request
        assert request is not None
        own_column = self._apply_user_columns(msg, request)
        read_as = "Ik lees dit als: " + describe_request(request) + "."
        if msg.unknown_key and not own_column:
            request.key = {msg.unknown_key: 1.0}
            read_as = "Ik lees dit als: " + describe_request(request) + "."
            ds = self._dataset_now()
            return self._clarify(text, request, unknown_indicator(msg.unknown_key, ds.indicators, read_as), read_as)
        if decision.problem:
            return self._clarify(text, request, explain_problem(decision.problem, read_as), read_as)
        if request.total is None or not (request.region or request.municipalities):
            return self._clarify(text, request, ask_missing(request, read_as), read_as)
        ds = self._dataset_now()
        codes = self._codes(request, ds)
        lacking = ds.missing_indicators(codes)
        missing = {k: lacking[k] for k, w in request.key.items() if w > 0 and k in lacking}
        if missing:
            available = ds.available_indicators(codes)
            return self._clarify(text, request, missing_indicators(request, missing, available, read_as), read_as)
        existing_column = None
        if request.existing:
            existing_column = self._existing_column()
            if existing_column is None:
                return self._clarify(text, request, need_existing(read_as, self.user_data is not None), read_as)
        try:
            engine_request = self._engine_request(request, existing_column)
            result = allocate(engine_request, ds)
        except AllocationError as exc:
            return self._clarify(text, request, explain_problem(exc.message, read_as), read_as)
        data = result.to_json()
        answer = compose_allocation(request, data, read_as, decision.notes)
        self.state.last_request = request
        self.state.pending = False
        self.state.last_intent = "allocation"
        return Reply(question=text, intent="allocation", answer=answer, read_as=read_as, request=request, allocation=data)

    def _engine_request(self, request: ParsedRequest, existing_column: str | None) -> AllocationRequest:
        return AllocationRequest.parse(
            region=request.region,
            municipalities=request.municipalities,
            total=request.total,
            key=request.key,
            method=request.method,
            group=request.group,
            focus=request.focus,
            existing=existing_column,
            years=request.years,
        )

    def _compare(self, text: str) -> Reply:
        request = self.state.last_request
        if request is None or self.state.pending or request.total is None:
            return Reply(
                question=text,
                intent="clarify",
                answer="Er is nog geen verdeling om te vergelijken. Vraag eerst een verdeling, bijvoorbeeld "
                "\"verdeel 120 woningen over Parkstad\", en typ dan `/vergelijk`.",
                request=request,
            )
        try:
            comparison = compare_methods(self._engine_request(request, self._existing_column() if request.existing else None), self._dataset_now())
        except AllocationError as exc:
            return Reply(question=text, intent="clarify", answer=exc.message, request=request)
        methods = list(comparison.results)
        base = comparison.results[request.method]
        rows: list[dict[str, Any]] = []
        for row in base.rows:
            item: dict[str, Any] = {"municipality": row.municipality, "cbs_code": row.cbs_code, "quota": float(row.quota)}
            for method, result in comparison.results.items():
                other = result.row(row.cbs_code)
                item[method] = other.allocated if other else None
            rows.append(item)
        differing = [r["municipality"] for r in rows if r["cbs_code"] in comparison.differing]
        from allocation.fmt import fmt_dec, fmt_int

        header = "| Gemeente | Quotum | " + " | ".join(METHOD_LABELS[m] for m in methods) + " |"
        lines = [header, "|---|---:|" + "---:|" * len(methods)]
        for r in rows:
            mark = " ⚑" if r["municipality"] in differing else ""
            lines.append(f"| {r['municipality']}{mark} | {fmt_dec(r['quota'], 2)} | " + " | ".join(fmt_int(r[m]) for m in methods) + " |")
        summary = (
            "De drie afrondingsmethoden geven hier precies dezelfde uitkomst."
            if not differing
            else f"De methoden verschillen voor {len(differing)} gemeente{'n' if len(differing) != 1 else ''} (⚑): "
            + ", ".join(differing) + "."
        )
        answer = "\n\n".join([f"_Vergelijking voor: {describe_request(request)}._", summary, "\n".join(lines)])
        return Reply(
            question=text,
            intent="allocation",
            answer=answer,
            request=request,
            allocation=base.to_json(),
            comparison=MethodComparison(methods=methods, rows=rows, differences=differing),
        )

    # ------------------------------------------------------------------ user data

    def _use_user_data(self, path: Path) -> list[str]:
        base = load_dataset()
        user = read_user_data(path, base)
        self._dataset = merge_user_data(base, user)
        self.user_data = path
        return list(user.columns)

    def _load_user_data(self, path: str, text: str) -> Reply:
        try:
            columns = self._use_user_data(Path(path).expanduser())
        except AllocationError as exc:
            return Reply(question=text, intent="help", answer=exc.message)
        listed = ", ".join(f"'{c}'" for c in columns)
        answer = (
            f"Bestand `{path}` geladen: kolom{'men' if len(columns) != 1 else ''} {listed}. "
            f"Gebruik een kolom als sleutel, bijvoorbeeld \"verdeel 100 woningen over Haaglanden naar {columns[0].replace('_', ' ')}\"."
        )
        if any(c in ("inwoners", "woningen", "huishoudens", "corporatiewoningen") for c in columns):
            answer += " Een kolom met de naam van een meegeleverde indicator vervangt die indicator helemaal."
        return Reply(question=text, intent="help", answer=answer)

    def _existing_column(self) -> str | None:
        if self._dataset is None or self.user_data is None:
            return None
        shipped = set(load_dataset().indicators)
        for name in self._dataset.indicators:
            if name not in shipped and any(h in name for h in EXISTING_COLUMN_HINTS):
                return name
        return None

    def _apply_user_columns(self, msg: ParsedMessage, request: ParsedRequest) -> bool:
        """A column of the user's file named in the message ('naar vrijkomende woningen') is a key indicator.

        It takes the place of the shipped indicator the parser saw inside its name ('woningen'), keeping
        the weight, so the user's column is never silently swapped for a shipped one.
        """
        if self._dataset is None:
            return False
        shipped = set(load_dataset().indicators)
        for name in self._dataset.indicators:
            if name in shipped or any(h in name for h in EXISTING_COLUMN_HINTS):
                continue
            words = name.replace("_", " ")
            position = f" {msg.norm} ".find(f" {words} ")
            if position < 0:
                continue
            before = msg.norm[:position].split()[-4:]
            if not set(before) & {"naar", "basis", "volgens", "rato", "half", "helft", "sleutel", "gewogen"} and not any(
                w.endswith("%") for w in before
            ):
                continue
            inside = [k for k in (msg.key.weights or {}) if k in words.split(" ") or k.rstrip("s") in words]
            if msg.key.weights and inside:
                request.key = {(name if k == inside[0] else k): w for k, w in msg.key.weights.items()}
                return True
            if not msg.key.weights:
                request.key = {name: 1.0}
                return True
        return False
