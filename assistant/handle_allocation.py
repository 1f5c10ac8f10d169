"""Allocation intents: a (follow-up) allocation request, and `/vergelijk` over all rounding methods."""

from __future__ import annotations

from assistant.compose_allocation import compose_allocation, compose_comparison, compose_key_comparison, describe_request
from assistant.compose_clarify import ask_missing, explain_problem, missing_indicators, need_existing, unknown_indicator
from assistant.core import ConversationCore
from assistant.engines import AllocationError, AllocationRequest, Dataset, allocate, compare_keys, compare_methods, resolve_municipality
from assistant.handle_data import apply_user_columns
from assistant.models import ParsedRequest, Reply
from assistant.parsing.message import ParsedMessage
from assistant.router import Route


def _clarify(conv: ConversationCore, text: str, request: ParsedRequest, answer: str, read_as: str | None,
             notes: list[str] | None = None) -> Reply:
    if notes:  # what a follow-up changed is said even when the reply asks something
        answer = "\n\n".join([*notes, answer])
    conv.state.last_request = request
    conv.state.pending = True
    conv.state.last_intent = "clarify"
    return Reply(question=text, intent="clarify", answer=answer, read_as=read_as, request=request)


def _codes(request: ParsedRequest, ds: Dataset) -> list[str]:
    if request.region:
        return list(ds.members.get(request.region, ()))
    codes = []
    for name in request.municipalities or []:
        found = resolve_municipality(name, ds)
        if found is not None:
            codes.append(found.code)
    return codes


def engine_request(request: ParsedRequest, existing_column: str | None) -> AllocationRequest:
    """The engine's request for what the parser understood (the engine validates it again)."""
    return AllocationRequest.parse(
        region=request.region,
        municipalities=request.municipalities,
        total=request.total,
        key=request.key,
        method=request.method,
        group=request.group,
        focus=request.focus,
        existing=existing_column,
        existing_amounts=request.existing_amounts,
        years=request.years,
        cap_absolute=request.max_per_municipality(),
        floor_absolute=request.min_per_municipality(),
        caps=request.caps,
        floors=request.floors,
        unit=request.unit_kind,
        cents=request.cents,
    )


def _question(conv: ConversationCore, msg: ParsedMessage, decision: Route, own_column: bool, read_as: str) -> str | None:
    """The clarifying question this request needs before it can be computed, or None when complete."""
    request = decision.request
    assert request is not None
    ds = conv.dataset()
    if msg.unknown_key and not own_column:
        asked = unknown_indicator(msg.unknown_key, ds.indicators, read_as)
        return asked + (f"\n\n{decision.problem}" if decision.problem else "")  # every question at once
    if decision.problem:
        return explain_problem(decision.problem, read_as)
    if request.total is None or not (request.region or request.municipalities):
        return ask_missing(request, read_as)
    codes = _codes(request, ds)
    lacking = ds.missing_indicators(codes)
    missing = {k: lacking[k] for k, w in request.key.items() if w > 0 and k in lacking}
    if missing:
        return missing_indicators(request, missing, ds.available_indicators(codes), read_as)
    if request.existing and conv.existing_column() is None:
        return need_existing(read_as, conv.user_data is not None)
    return None


def answer_allocation(conv: ConversationCore, text: str, msg: ParsedMessage, decision: Route) -> Reply:
    """Compute the request, or ask for what is missing; the reply carries the engine's full result."""
    request = decision.request
    assert request is not None
    own_column = apply_user_columns(conv, msg, request)
    if msg.unknown_key and not own_column:
        request.key = {msg.unknown_key: 1.0}
    read_as = "Ik lees dit als: " + describe_request(request) + "."
    question = _question(conv, msg, decision, own_column, read_as)
    if question is not None:
        return _clarify(conv, text, request, question, read_as, decision.notes)
    if request.compare_keys:
        return _answer_keys(conv, text, request, read_as, decision.notes)
    try:
        result = allocate(engine_request(request, conv.existing_column() if request.existing else None), conv.dataset())
    except AllocationError as exc:
        return _clarify(conv, text, request, explain_problem(exc.words, read_as), read_as, decision.notes)
    notes = list(decision.notes)
    if msg.member_count is not None and msg.member_count != len(result.rows):
        notes.append(f"U noemt {msg.member_count} gemeenten; de groep waarover ik verdeel telt er {len(result.rows)}.")
    answer = compose_allocation(request, result.to_json(), read_as, notes)
    conv.state.last_request = request
    conv.state.pending = False
    conv.state.last_intent = "allocation"
    return Reply(question=text, intent="allocation", answer=answer, read_as=read_as, request=request, result=result)


def _answer_keys(conv: ConversationCore, text: str, request: ParsedRequest, read_as: str, notes: list[str]) -> Reply:
    """The request under each key side by side; the conversation goes on from the request as it was."""
    try:
        existing = conv.existing_column() if request.existing else None
        comparison = compare_keys(engine_request(request, existing), request.compare_keys, conv.dataset())
    except AllocationError as exc:
        return _clarify(conv, text, request, explain_problem(exc.words, read_as), read_as, notes)
    answer = compose_key_comparison(request, comparison, read_as, notes)
    conv.state.last_request = request.model_copy(update={"compare_keys": []})
    conv.state.pending = False
    conv.state.last_intent = "allocation"
    return Reply(question=text, intent="allocation", answer=answer, read_as=read_as, request=request, key_comparison=comparison)


def answer_compare(conv: ConversationCore, text: str) -> Reply:
    """The last allocation under every rounding method (like `verdeel --vergelijk`)."""
    request = conv.state.last_request
    if request is None or conv.state.pending or request.total is None:
        return Reply(
            question=text,
            intent="clarify",
            answer="Er is nog geen verdeling om te vergelijken. Vraag eerst een verdeling, bijvoorbeeld "
            "\"verdeel 120 woningen over Parkstad\", en typ dan `/vergelijk`.",
            request=request,
        )
    try:
        existing = conv.existing_column() if request.existing else None
        comparison = compare_methods(engine_request(request, existing), conv.dataset())
    except AllocationError as exc:
        return Reply(question=text, intent="clarify", answer=exc.words, request=request)
    answer = compose_comparison(describe_request(request), comparison.methods, comparison.rows, comparison.differences, request)
    return Reply(
        question=text,
        intent="allocation",
        answer=answer,
        request=request,
        result=comparison.results[request.method],
        comparison=comparison,
    )
