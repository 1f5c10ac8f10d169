"""Nothing in a conversation (the app, `vraag`, `gesprek`) points at command-line options (issue 12).

The engine's messages may name `--max` or `--data BESTAND`: that is what `koploper verdeel` prints.
Each such message carries a second wording for conversations (AllocationError.words, AdviceError),
and the conversation shows that one. Checked on the source (every raise), on the data notes the app
shows, and through real conversations that reach those messages.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from tests.assistant.helpers import offline_conversation

ROOT = Path(__file__).resolve().parents[2]
OPTION = re.compile(r"(?<![\w-])--[a-z]")
CLI_MODULES = {"assistant/cli.py", "assistant/commands.py", "allocation/cli.py", "tui/web/cli.py", "tui/web/access.py", "tui/web/shared_model.py"}
"""The command lines themselves (incl. `koploper web`, its access file and the command that starts its model process): their texts are about options."""


def _literal_text(node: ast.AST) -> str:
    """The constant text parts of a string expression (literals, f-strings, concatenations)."""
    return " ".join(n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def _raises(path: Path) -> list[tuple[int, str, int, str]]:
    """(line, exception name, number of arguments, text) of every `raise Name(...)` in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and isinstance(node.exc.func, ast.Name):
            text = " ".join(_literal_text(arg) for arg in node.exc.args[:1])
            found.append((node.lineno, node.exc.func.id, len(node.exc.args), text))
    return found


def _engine_modules() -> list[Path]:
    return [p for p in sorted((ROOT / "allocation").glob("*.py")) if str(p.relative_to(ROOT)) not in CLI_MODULES]


def test_every_engine_message_with_an_option_has_a_wording_in_words() -> None:
    lacking = []
    for path in _engine_modules():
        for line, name, count, text in _raises(path):
            if not OPTION.search(text):
                continue
            if not ((name == "AllocationError" and count == 2) or name == "AdviceError"):
                lacking.append(f"{path.relative_to(ROOT)}:{line} {name}: {text[:80]}")
    assert not lacking, lacking


def test_the_engine_module_scan_sees_the_messages_it_checks() -> None:
    """The scan above finds the option-naming messages (else it would pass on nothing)."""
    texts = [text for path in _engine_modules() for _, _, _, text in _raises(path)]
    assert sum(bool(OPTION.search(t)) for t in texts) >= 5


def _user_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module except docstrings and widget ids (`id="--command-palette"`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # attribute docstrings
        if isinstance(node, ast.keyword) and node.arg == "id":
            skip.update(id(n) for n in ast.walk(node.value))
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
    ]


def test_no_option_in_the_assistants_or_the_apps_texts() -> None:
    found = []
    for folder in ("assistant", "tui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if str(path.relative_to(ROOT)) in CLI_MODULES:
                continue
            found += [f"{path.relative_to(ROOT)}:{line}: {text[:80]}" for line, text in _user_strings(path) if OPTION.search(text)]
    assert not found, found


def test_no_option_in_the_notes_the_app_shows() -> None:
    """Region notes ('Let op: …') and indicator notes reach the app's tables and profiles."""
    for path in (ROOT / "koploper/data/regions.json", ROOT / "allocation/data/indicators.json"):
        text = json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
        assert not OPTION.search(text), (path, OPTION.findall(text))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # issue 22: a municipality outside the region gets the ways forward, in words
        ("Verdeel 100 woningen over Delft, Twente", "Delft meetellen (zeg \"regio Enschede plus Delft\""),
        ("Verdeel 120 woningen over Parkstad, maximaal 10 per gemeente", "Verhoog het maximum"),
        ("Verdeel 120 woningen over Parkstad, minimaal 20 per gemeente", "verlaag het minimum"),
        ("Verdeel 120 woningen over Parkstad, minimaal 20 per gemeente en maximaal 10 per gemeente", "minimum"),
        ("Verdeel 100 woningen over Utrecht, Zeist en Houten naar huishoudens", "ontbreken"),
        ("Verdeel 100 woningen over Haaglanden naar inkomen", "inkomen"),
        ("Verdeel 100 woningen over Haaglanden", "Let op"),
    ],
)
def test_engine_messages_reach_the_conversation_in_words(question: str, expected: str) -> None:
    reply = offline_conversation().ask(question)
    assert expected in reply.answer, reply.answer
    assert not OPTION.search(reply.answer), reply.answer
    if reply.result is not None:
        assert not any(OPTION.search(line) for line in reply.result.trace), reply.result.trace
