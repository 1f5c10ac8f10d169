"""Text from documents and users is inert on screen: `koploper.inert.screen_text` and the CLI's console."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from rich.table import Table

from koploper.inert import ESCAPE_SHOWN, screen_text
from koploper.inert_console import InertConsole
from tests.hostile.hostile_text import CLEAR_SCREEN, CLIPBOARD, HOSTILE, MARKUP, TITLE_ESCAPE


def test_escapes_are_shown_not_sent() -> None:
    shown = screen_text(HOSTILE)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.count(ESCAPE_SHOWN) == 3
    assert "␛]0;gekaapt␇" in shown and "␛[2J" in shown and "␛]52;c;" in shown
    assert MARKUP in shown, "markup and emoji codes are left as written"


def test_every_control_is_visible_or_gone() -> None:
    every = "".join(chr(code) for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)])
    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    shown = screen_text("a" + every + bidi + "b")
    assert shown.startswith("a") and shown.endswith("b")
    assert not any(0x00 <= ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown), repr(shown)
    assert not set(bidi) & set(shown)


def test_newlines_only_where_allowed() -> None:
    name = "verslag\nOvergeslagen: alles.md\r\n\u2028x\ty"
    assert "\n" not in screen_text(name) and "\t" not in screen_text(name)
    assert screen_text(name, newlines=True) == "verslag\nOvergeslagen: alles.md\n\nx\ty"
    assert "\r" not in screen_text("a\rb", newlines=True), "a lone CR cannot overwrite the line"


def test_console_prints_markup_and_emoji_codes_as_written() -> None:
    out = io.StringIO()
    console = InertConsole(file=out, force_terminal=True, width=200)
    table = Table(title=f"Titel {TITLE_ESCAPE}")
    table.add_column(MARKUP)
    table.add_row(f"{CLEAR_SCREEN}{CLIPBOARD} cel")
    console.print(table)
    console.print(HOSTILE)
    console.print("[bold]Vraag:[/]", markup=True)
    text = out.getvalue()
    without_styles = text.replace("\x1b[1m", "").replace("\x1b[0m", "").replace("\x1b[3m", "")
    assert "\x1b" not in without_styles, repr(without_styles)
    assert MARKUP in text and "❌" not in text
    assert "Vraag:" in text and "[bold]" not in text, "our own labels keep their style"


def _koploper(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-c", "from tui.launcher import main; main()", *args], capture_output=True, text=True, timeout=120, env=env)


def test_verdeel_shows_the_group_inert_and_json_keeps_it_exact() -> None:
    group = f"statushouders {HOSTILE}"
    shown = _koploper("verdeel", "--regio", "Parkstad", "--totaal", "10", "--groep", group)
    assert shown.returncode == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
    assert "␛]0;gekaapt" in shown.stdout and "[concept]" in shown.stdout and ":x:" in shown.stdout
    exact = _koploper("verdeel", "--regio", "Parkstad", "--totaal", "10", "--groep", group, "--json")
    assert json.loads(exact.stdout)["group"] == group


def test_verdeel_error_with_a_hostile_file_name_is_inert(tmp_path: Path) -> None:
    shown = _koploper("verdeel", "--regio", "Parkstad", "--totaal", "10", "--data", str(tmp_path / f"{CLEAR_SCREEN}x\n.csv"))
    assert shown.returncode == 2
    assert "\x1b" not in shown.stderr and "␛[2J" in shown.stderr


def test_vraag_echoes_user_text_inert() -> None:
    shown = _koploper("vraag", f"Verdeel 100 {TITLE_ESCAPE}{CLEAR_SCREEN} [concept] woningen over Parkstad :x:")
    assert shown.returncode == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
