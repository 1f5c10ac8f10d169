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
    if argv[0] == "web":
        from tui.web.cli import main as web_main

        sys.exit(web_main(argv[1:]))
    from assistant.api import run_cli

    sys.exit(run_cli(argv))
