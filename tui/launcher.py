"""Entry point of the `koploper` script: the app without arguments, the command line with them.

Kept free of Textual at import time so that `koploper verdeel ...` never pays for the UI.
"""

from __future__ import annotations

import sys


def main() -> None:
    argv = sys.argv[1:]
    if not argv:
        from tui.app import run_app

        run_app()
        return
    from assistant.api import run_cli

    sys.exit(run_cli(argv))
