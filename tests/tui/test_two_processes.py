"""The open app keeps answering while `koploper index` runs in another process, and sees its new version.

A real app (App.run_test) and a second assistant session (what `gesprek` or a second app runs) are open
on one home, for the embedded store and for a real Chroma server; a real `koploper index MAP` runs in a
separate process between two questions. Before, every reply after such a run said the index was
damaged (an embedded client kept the vector index it had loaded in memory) until the app restarted.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.session import Assistant
from kennisbank.service import KnowledgeBase
from koploper.settings import Settings
from tests.conftest import CLI
from tests.kennisbank.conftest import MakeHome, make_home  # noqa: F401 - the fixture, used by name
from tests.tui.conftest import SIZE, ask
from tui.app import KoploperApp

ROOT = Path(__file__).resolve().parents[2]
NEW_TEXT = (
    "# Zwaluwstaartregeling\n\n"
    "De zwaluwstaartregeling is een afspraak tussen corporaties over voorrang bij nieuwbouw voor mensen "
    "die uitstromen uit de maatschappelijke opvang.\n"
)
NEW_QUESTION = "Wat is de zwaluwstaartregeling?"


def _index(settings: Settings, folder: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), KOPLOPER_HOME=str(settings.home))
    env["KOPLOPER_EMBEDDING_MODEL"] = str(settings.model_path)
    env.pop("KOPLOPER_CHROMA_URL", None)
    if settings.chroma_url:
        env["KOPLOPER_CHROMA_URL"] = settings.chroma_url
    return subprocess.run(
        [sys.executable, "-c", CLI, "index", str(folder)], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize("kind", ["embedded", "server"])
async def test_app_and_a_second_session_see_an_index_run_of_another_process(
    kind: str,
    make_home: MakeHome,  # noqa: F811 - the fixture imported above
    knowledge_base: KnowledgeBase,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    url = request.getfixturevalue("chroma_server").url if kind == "server" else None
    settings = make_home("shared", url)
    embedder = knowledge_base.embedder  # one model for both sessions
    app = KoploperApp(assistant=Assistant(settings, knowledge=KnowledgeBase.open(settings, embedder=embedder)))
    other = Assistant(settings, knowledge=KnowledgeBase.open(settings, embedder=embedder)).new_conversation()
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "zwaluwstaart.md").write_text(NEW_TEXT, encoding="utf-8")

    async with app.run_test(size=SIZE) as pilot:
        before = (await ask(pilot, "Wat is een woonzorgvisie?")).reply
        assert before.sources and "beschadigd" not in before.answer
        assert other.ask("Wat is een woonzorgvisie?").sources

        run = await asyncio.to_thread(_index, settings, folder)
        assert run.returncode == 0, run.stderr

        after = (await ask(pilot, NEW_QUESTION)).reply
        assert "beschadigd" not in after.answer, after.answer
        assert any(hit.source.endswith("zwaluwstaart.md") for hit in after.sources), after.answer
        second = other.ask(NEW_QUESTION)
        assert "beschadigd" not in second.answer, second.answer
        assert any(hit.source.endswith("zwaluwstaart.md") for hit in second.sources), second.answer
        again = (await ask(pilot, "Wat is een woonzorgvisie?")).reply
        assert again.sources and "beschadigd" not in again.answer
