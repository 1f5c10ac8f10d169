"""Keys side by side in the app (issue 22): the reply shows the table with the difference, and F8/F9
export that comparison (the same file as `koploper verdeel --sleutels`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from assistant.api import run_cli
from tests.tui.conftest import SIZE, ask
from tests.tui.test_export import export_to
from tui.app import KoploperApp


async def test_a_key_comparison_is_shown_and_exported(make_app: Callable[[], KoploperApp], tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, "Verdeel 480 statushouders over Haaglanden naar inwoners")
        message = await ask(pilot, "Wat scheelt het voor Zoetermeer als we naar huishoudens verdelen?")
        reply = message.reply
        assert reply.key_comparison is not None and reply.request is not None
        assert "| Naar inwoners | Naar huishoudens | Verschil |" in reply.answer.replace("| Gemeente ", "")
        zoetermeer = next(r for r in reply.key_comparison.rows if r["municipality"] == "Zoetermeer")
        assert f"**Zoetermeer** krijgt {zoetermeer['allocated']['inwoners']} naar inwoners" in reply.answer
        exported = await export_to(pilot, "f8", tmp_path / "app.csv")
    cli = tmp_path / "cli.csv"
    assert run_cli(["verdeel", "--regio", "Haaglanden", "--totaal", "480", "--focus", "Zoetermeer",
                    "--sleutels", "inwoners,huishoudens", "--export", str(cli)]) == 0
    app_frame = pd.read_csv(exported, sep=";", decimal=",", encoding="utf-8-sig")
    cli_frame = pd.read_csv(cli, sep=";", decimal=",", encoding="utf-8-sig")
    columns = ["Gemeente", "Naar inwoners", "Naar huishoudens", "Verschil"]
    assert app_frame[columns].equals(cli_frame[columns])
