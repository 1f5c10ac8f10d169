"""Subcommands `vraag` and `gesprek`: the assistant on the command line.

`vraag -` answers one question per line, each in a fresh conversation, with one Assistant: the model
is loaded once, and only when a knowledge question needs it.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the assistant's subcommands."""
    vraag = sub.add_parser(
        "vraag",
        help="stel één vraag (kennis of verdeling) en krijg een antwoord",
        description="Stel een vraag in gewone taal: een kennisvraag krijgt een antwoord met bronnen, "
        "een verdeelvraag een tabel met het eerlijk aandeel per gemeente.",
    )
    vraag.add_argument("vraag", metavar="VRAAG", help="de vraag; '-' leest één vraag per regel van standaardinvoer")
    vraag.add_argument("--json", action="store_true", help="antwoord als JSON (één regel per vraag)")
    vraag.set_defaults(func=run_vraag)

    gesprek = sub.add_parser(
        "gesprek",
        help="één doorlopend gesprek over standaardinvoer (vervolgvragen werken)",
        description="Leest regels van standaardinvoer als één gesprek en antwoordt op elke regel.",
    )
    gesprek.add_argument("--jsonl", action="store_true", help="één JSON-regel per antwoord")
    gesprek.set_defaults(func=run_gesprek)


def _emit(reply: object, as_json: bool, out: TextIO) -> None:
    from assistant.models import Reply
    from koploper.inert import screen_text

    assert isinstance(reply, Reply)
    if as_json:
        out.write(json.dumps(reply.to_json(), ensure_ascii=False) + "\n")
    else:
        out.write(screen_text(reply.answer.rstrip(), newlines=True) + "\n\n")
    out.flush()


def run_vraag(args: argparse.Namespace) -> int:
    """One question, or one per line of stdin ('-'), each in a fresh conversation."""
    from assistant.session import Assistant

    assistant = Assistant()
    if args.vraag == "-":
        for line in sys.stdin:
            question = line.strip()
            if not question:
                continue
            _emit(assistant.new_conversation().ask(question), args.json, sys.stdout)
        return 0
    _emit(assistant.new_conversation().ask(args.vraag), args.json, sys.stdout)
    return 0


def run_gesprek(args: argparse.Namespace) -> int:
    """One conversation over stdin: follow-ups refer to the previous lines."""
    from assistant.session import Assistant

    conversation = Assistant().new_conversation()
    interactive = sys.stdin.isatty() and not args.jsonl
    if interactive:
        print("Koploper — stel uw vraag (leeg of Ctrl-D om te stoppen).", flush=True)
    while True:
        if interactive:
            print("> ", end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            break
        question = line.strip()
        if not question:
            if interactive:
                break
            continue
        _emit(conversation.ask(question), args.jsonl, sys.stdout)
    return 0
