"""The app's first screen must not wait for the model: the assistant session is light to import and build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = {"torch", "sentence_transformers", "chromadb", "transformers", "textual"}


def _loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_constructing_an_assistant_and_a_conversation_loads_no_model_libraries() -> None:
    loaded = _loaded_after(
        "from assistant.session import Assistant\na = Assistant()\nc = a.new_conversation()\n"
        "assert not a.knowledge_ready and a.knowledge_error is None"
    )
    assert not loaded & HEAVY, loaded & HEAVY
    assert "assistant" in loaded


def test_an_allocation_question_loads_no_model_libraries() -> None:
    loaded = _loaded_after(
        "from assistant.session import Assistant\n"
        "r = Assistant().new_conversation().ask('Verdeel 120 woningen over Parkstad')\nassert r.intent == 'allocation'"
    )
    assert not loaded & HEAVY, loaded & HEAVY
