"""The `koploper` command line: Dutch subcommands that call the engines.

Every engine owns its subcommands (kennisbank.cli, allocation.cli, assistant.commands); this module
only assembles them. Heavy imports (torch, chromadb) happen inside the commands that need them, so
`koploper verdeel` and `koploper --help` stay fast.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator, Sequence

_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "one of the arguments %s is required": "een van deze argumenten is verplicht: %s",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
}


def _translate(message: str) -> str:
    return _DUTCH.get(message, message)


@contextlib.contextmanager
def _dutch_argparse() -> Iterator[None]:
    """argparse's own messages in Dutch while our parser is built and used, and only then: argparse looks
    them up through its module's `_`, which other code in the process (the app, libraries) must keep."""
    saved = argparse._  # type: ignore[attr-defined]
    argparse._ = _translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = saved  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    """All subcommands, each registered by the package that implements it (messages in Dutch)."""
    with _dutch_argparse():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    from allocation import cli as allocation_cli
    from assistant import commands as assistant_commands
    from kennisbank import api as kennisbank_api

    parser = argparse.ArgumentParser(
        prog="koploper",
        description=(
            "Koploper: zoek in de kennis van de zes koploperregio's en bereken het eerlijk aandeel "
            "van gemeenten in de huisvesting van aandachtsgroepen. Zonder opdracht opent de app."
        ),
    )
    sub = parser.add_subparsers(title="opdrachten", dest="command", metavar="OPDRACHT")
    kennisbank_api.add_parsers(sub)
    allocation_cli.add_parsers(sub)
    assistant_commands.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand and return its exit code."""
    with _dutch_argparse():
        parser = _build_parser()
        args = parser.parse_args(list(argv) if argv is not None else None)
        if not getattr(args, "func", None):
            parser.print_help()
            return 0
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
