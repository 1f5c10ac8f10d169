"""Subcommand `verdeel` (filled in by the allocation work)."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the allocation subcommand."""
