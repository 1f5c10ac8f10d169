"""The `koploper` command line: Dutch subcommands that call the engines.

Every engine owns its subcommands (kennisbank.cli, allocation.cli, assistant.commands); this module
only assembles them. Heavy imports (torch, chromadb) happen inside the commands that need them, so
`koploper verdeel` and `koploper --help` stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from koploper.dutch_argparse import dutch_argparse


def build_parser() -> argparse.ArgumentParser:
    """All subcommands, each registered by the package that implements it (messages in Dutch)."""
    with dutch_argparse():
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
        epilog="De app in de browser voor een team: koploper web (zie koploper web --help).",
    )
    sub = parser.add_subparsers(title="opdrachten", dest="command", metavar="OPDRACHT")
    kennisbank_api.add_parsers(sub)
    allocation_cli.add_parsers(sub)
    assistant_commands.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand and return its exit code."""
    with dutch_argparse():
        parser = _build_parser()
        args = parser.parse_args(list(argv) if argv is not None else None)
        if not getattr(args, "func", None):
            parser.print_help()
            return 0
    from koploper.env import SettingsError

    try:
        return int(args.func(args) or 0)
    except SettingsError as exc:  # a KOPLOPER_* variable: the message names it and a valid example
        print(f"Fout in de instellingen: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
