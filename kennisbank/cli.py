"""Subcommands `voorbereiden`, `index`, `zoek` and `bronnen` (filled in by the kennisbank work)."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the kennisbank's subcommands."""
