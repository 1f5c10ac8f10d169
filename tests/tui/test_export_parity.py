"""The app's CSV/XLSX exports are the CLI's export for the same request (one export path, fed by the
full result); export errors are Dutch (exit code 2 in the CLI); files follow the user's umask."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from textual.widgets import Input

from assistant.api import run_cli
from tests.tui.conftest import SIZE, ask, wait_until
from tests.tui.test_export import export_to
from tui.app import KoploperApp
from tui.screens.path_prompt import PathPrompt

REQUESTS = [
    ("Verdeel 120 woningen over Parkstad naar inwonertal", ["--regio", "Parkstad", "--totaal", "120"]),
    ("Hoeveel moet Zoetermeer doen als Haaglanden 600 woningen moet leveren?",
     ["--regio", "Haaglanden", "--totaal", "600", "--focus", "Zoetermeer"]),
]


def _cells(path: Path) -> list[tuple[str, list[list[tuple[object, str]]]]]:
    """Every sheet's cell values with their number formats."""
    book = openpyxl.load_workbook(path)
    return [(sheet.title, [[(c.value, c.number_format) for c in row] for row in sheet.iter_rows()]) for sheet in book.worksheets]


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize(("question", "cli_args"), REQUESTS)
async def test_app_export_is_the_cli_export(
    make_app: Callable[[], KoploperApp], tmp_path: Path, question: str, cli_args: list[str], umask_022: None
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, question)
        app_csv = await export_to(pilot, "f8", tmp_path / "app.csv")
        app_xlsx = await export_to(pilot, "f9", tmp_path / "app.xlsx")
    cli_csv, cli_xlsx = tmp_path / "cli.csv", tmp_path / "cli.xlsx"
    assert run_cli(["verdeel", *cli_args, "--export", str(cli_csv)]) == 0
    assert run_cli(["verdeel", *cli_args, "--export", str(cli_xlsx)]) == 0
    assert app_csv.read_bytes() == cli_csv.read_bytes()
    assert _cells(app_xlsx) == _cells(cli_xlsx)  # the zip's timestamps differ, the content does not
    header = app_csv.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    assert "inwoners" in header, "the indicator column the calculation used"
    for path in (app_csv, app_xlsx, cli_csv, cli_xlsx):
        assert path.stat().st_mode & 0o777 == 0o644, f"{path.name} follows the umask, not mkstemp's 0600"


def test_xlsx_cells_carry_number_formats(tmp_path: Path) -> None:
    target = tmp_path / "verdeling.xlsx"
    assert run_cli(["verdeel", "--regio", "Parkstad", "--totaal", "120", "--jaren", "3", "--export", str(target)]) == 0
    sheet = openpyxl.load_workbook(target)["Verdeling"]
    header = [c.value for c in sheet[1]]
    row = [c for c in sheet[2]]
    formats = {name: cell.number_format for name, cell in zip(header, row, strict=True)}
    assert formats["Sleutelaandeel"] == "0.00%" and formats["Quotum"] == "#,##0.00"
    assert formats["Toegewezen"] == "#,##0" and formats["inwoners"] == "#,##0" and formats["Jaar 3"] == "#,##0"


def test_exports_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        target = tmp_path / "verdeling.csv"
        assert run_cli(["verdeel", "--regio", "Parkstad", "--totaal", "120", "--export", str(target)]) == 0
        assert target.stat().st_mode & 0o777 == 0o640
        target.chmod(0o664)  # replacing a file keeps its permissions
        assert run_cli(["verdeel", "--regio", "Parkstad", "--totaal", "60", "--export", str(target)]) == 0
        assert target.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old)


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder nobody may write in (root may write anywhere, except on a read-only file system)."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


@pytest.mark.parametrize("case", ["read_only", "missing", "parent_is_file", "is_folder", "suffix"])
def test_cli_export_errors_are_dutch_with_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    (tmp_path / "bestand.txt").write_text("x", encoding="utf-8")
    target = {
        "read_only": _read_only_folder(tmp_path) / "verdeling.xlsx",
        "missing": tmp_path / "geen-map" / "verdeling.csv",
        "parent_is_file": tmp_path / "bestand.txt" / "verdeling.csv",
        "is_folder": tmp_path,
        "suffix": tmp_path / "verdeling.pdf",
    }[case]
    assert run_cli(["verdeel", "--regio", "Parkstad", "--totaal", "120", "--export", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and "Traceback" not in err
    for english in ("Permission", "denied", "No such", "Error", "directory"):
        assert english not in err, err
    assert not any(p.name.startswith(".verdeling") for p in tmp_path.rglob("*")), "no temp file left behind"


async def test_app_export_to_read_only_folder_is_a_dutch_notification(
    make_app: Callable[[], KoploperApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwonertal")
        for key, target in (("f9", _read_only_folder(tmp_path) / "verdeling.xlsx"),
                            ("ctrl+s", _read_only_folder(tmp_path) / "gesprek.md")):
            before = len(app._notifications)
            await pilot.press(key)
            await wait_until(pilot, lambda: isinstance(app.screen, PathPrompt) and app.screen.ready)
            app.screen.query_one("#path-input", Input).value = str(target)
            await pilot.press("enter")
            await wait_until(pilot, lambda: len(app._notifications) > before, timeout=10)  # noqa: B023 (awaited here)
            message = list(app._notifications)[-1]
            assert message.severity == "error" and message.message.startswith("Exporteren mislukt"), message.message
            assert "Permission" not in message.message and "denied" not in message.message
            assert not target.exists() and app.is_running
