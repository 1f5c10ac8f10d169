"""The architecture, checked: layers enforced by import-linter, heavy libraries off the fast paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "sentence_transformers", "chromadb", "transformers")


def _modules_after(code: str) -> set[str]:
    """Run code in a fresh interpreter and return the top-level modules it ended up importing."""
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_import_contracts_hold() -> None:
    """tui → assistant → (kennisbank | allocation); only tui imports textual; allocation needs no ML."""
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_at_least_six_contracts_all_kept() -> None:
    """The facade is enforced, not promised: protected engines, the app only through assistant.api, no cycles."""
    linter = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=300).stdout
    kept = out.count(" KEPT")
    assert kept >= 6 and "BROKEN" not in out, out
    for kind in ("protected", "acyclic_siblings", "independence", "layers", "forbidden"):
        assert f'type = "{kind}"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8"), kind


def test_the_app_imports_only_the_assistant_api() -> None:
    """Every `assistant` import in tui/ is `assistant.api` (checked on the source, TYPE_CHECKING included)."""
    import ast

    found: set[str] = set()
    for path in (ROOT / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    assistant = {name for name in found if name.split(".")[0] == "assistant"}
    assert assistant == {"assistant.api"}, assistant
    assert not {name for name in found if name.split(".")[0] in ("allocation", "kennisbank")}


def test_engines_and_assistant_do_not_import_textual() -> None:
    loaded = _modules_after("import allocation, kennisbank, assistant, assistant.cli, kennisbank.cli, allocation.cli")
    assert "textual" not in loaded


def test_cli_help_stays_light() -> None:
    loaded = _modules_after(
        "import contextlib, io\nfrom assistant.cli import build_parser\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    build_parser().format_help()"
    )
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
