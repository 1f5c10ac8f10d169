"""A colleague's app in `koploper web` (KOPLOPER_USER_DIR set) writes exports only inside their own folder.

The real app via `run_test()`, with an assistant whose settings name bert's folder; no model is needed
(an allocation question), so the knowledge base reports itself unavailable and nothing else changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import SIZE, ask, wait_until
from tui.app import KoploperApp
from tui.screens.path_prompt import PathPrompt


async def export_csv(app: KoploperApp, pilot: Pilot[Any], target: Path) -> None:
    await pilot.press("f8")
    await wait_until(pilot, lambda: isinstance(app.screen, PathPrompt))
    app.screen.query_one("#path-input", Input).value = str(target)
    await pilot.press("enter")


async def test_an_export_goes_only_into_the_colleagues_own_folder(tmp_path: Path) -> None:
    from assistant.api import Assistant, Settings

    anna = tmp_path / "team" / "anna"
    bert = tmp_path / "team" / "bert"
    anna.mkdir(parents=True)
    app = KoploperApp(assistant=Assistant(Settings(home=tmp_path, user_dir=bert)))
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwoners")
        for outside in (anna / "verdeling.csv", bert / ".." / "anna" / "verdeling.csv"):
            await export_csv(app, pilot, outside)
            await wait_until(pilot, lambda: any("buiten uw eigen map" in n.message for n in app._notifications), 10)
        own = bert / "exports" / "verdeling.csv"
        await export_csv(app, pilot, own)
        await wait_until(pilot, lambda: own.exists(), 10)
    assert list(anna.iterdir()) == []
    assert app.settings.exports_dir == bert / "exports"
