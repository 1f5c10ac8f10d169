"""Subcommands `vraag` and `gesprek` (filled in by the assistant work)."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the assistant's subcommands."""
