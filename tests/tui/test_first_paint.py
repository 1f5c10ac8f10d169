"""The first screen appears before anything heavy is imported; the knowledge base loads behind it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = {"torch", "sentence_transformers", "chromadb", "transformers", "pandas"}

PROBE = r"""
import asyncio, json, sys
from tui.app import KoploperApp
from tui.widgets.status_bar import StatusBar

seen = {}

class Probe(KoploperApp):
    def start_loading(self):
        # Called right after the first paint, before the background load starts.
        seen["modules"] = sorted({name.split(".")[0] for name in sys.modules})
        seen["status"] = self.query_one(StatusBar).knowledge
        seen["welcome"] = bool(self.query("#welcome"))

async def main():
    app = Probe()
    async with app.run_test(size=(80, 24)) as pilot:
        while "modules" not in seen:
            await pilot.pause(0.01)
    print(json.dumps(seen))

asyncio.run(main())
"""


def test_first_screen_imports_no_heavy_library() -> None:
    """Fresh interpreter: import the app, run it headless until the first paint, look at sys.modules."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    ).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    loaded = set(seen["modules"])
    assert "textual" in loaded
    assert not loaded & HEAVY, loaded & HEAVY
    assert seen["status"] == "Kennisbank laden…"
    assert seen["welcome"]


def test_launcher_with_arguments_does_not_load_the_app() -> None:
    """`koploper verdeel …` and `koploper --help` go to the command line without importing Textual."""
    probe = (
        "import contextlib, io, json, sys\n"
        "sys.argv = ['koploper', '--help']\n"
        "from tui.launcher import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps({'textual': 'textual' in sys.modules, 'help': 'opdrachten' in out.getvalue()}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    ).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen == {"textual": False, "help": True}
