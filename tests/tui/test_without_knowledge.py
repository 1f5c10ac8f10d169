"""Without a knowledge base (a fresh machine before `koploper voorbereiden`): the app says so in Dutch
and still answers allocation questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import SIZE, ask, wait_until
from tui.app import KoploperApp
from tui.widgets.status_bar import FAILED, StatusBar


async def test_missing_knowledge_base_is_a_dutch_error_and_allocations_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOPLOPER_HOME", str(tmp_path))
    monkeypatch.setenv("KOPLOPER_EMBEDDING_MODEL", str(tmp_path / "geen-model"))
    app = KoploperApp()
    async with app.run_test(size=SIZE) as pilot:
        status = app.query_one(StatusBar)
        await wait_until(pilot, lambda: status.knowledge == FAILED)

        def errors() -> list[str]:
            return [n.message for n in app._notifications if n.severity == "error"]

        await wait_until(pilot, lambda: bool(errors()), timeout=10)
        assert any(m.startswith("De kennisbank kon niet worden geladen") for m in errors()), errors()
        assert app.is_running

        knowledge = await ask(pilot, "Hoeveel gemeenten doen mee in Parkstad?")
        assert "niet beschikbaar" in knowledge.reply.answer and not knowledge.reply.sources
        allocation = await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwonertal")
        assert allocation.reply.allocation is not None and allocation.reply.allocation["total"] == 120
        assert (tmp_path / "gesprekken").is_dir(), "saved under the KOPLOPER_HOME of this run"
