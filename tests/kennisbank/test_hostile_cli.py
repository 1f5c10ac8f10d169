"""A hostile document through the kennisbank's own commands: its escapes, markup and emoji codes are
shown as written by `index`, `bronnen` and `zoek`, and a file name with a newline stays on one line."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.cli import main
from koploper.settings import Settings
from tests.hostile.hostile_text import HOSTILE

TITLE = "Rapport [/bold] 2024 Jaarverslag [concept]"


def _no_escape(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text, repr(text[:400])


def test_hostile_document_is_inert_in_index_bronnen_and_zoek(
    cli_home: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    name = "notulen\nOvergeslagen: alles.md"
    (folder / name).write_text(
        f"---\ntitle: \"{TITLE}\"\n---\n# Woonzorgvisie\n\nDe woonzorgvisie van de gemeente Kerkrade {HOSTILE} "
        "beschrijft hoe ouderen langer zelfstandig thuis wonen.\n",
        encoding="utf-8",
    )
    assert main(["index", str(folder)]) == 0
    report = capsys.readouterr()
    _no_escape(report.out + report.err)
    assert not any(line.startswith("Overgeslagen: alles.md") for line in report.out.splitlines()), "the name stays on one line"

    assert main(["bronnen"]) == 0
    listed = capsys.readouterr().out
    _no_escape(listed)
    assert "[/bold]" in listed and "[concept]" in listed

    assert main(["bronnen", "--json"]) == 0
    assert any(source["title"] == TITLE for source in json.loads(capsys.readouterr().out)), "--json keeps the text exact"

    question = "Hoe wonen ouderen in Kerkrade langer zelfstandig thuis? [bold]x[/] :x:"
    assert main(["zoek", question, "-k", "3", "--json"]) == 0
    exact = capsys.readouterr().out
    assert "gekaapt" in exact, "the hostile passage is among the results"
    assert main(["zoek", question, "-k", "3"]) == 0
    found = capsys.readouterr().out
    _no_escape(found)
    assert "[bold]x[/] :x:" in found and "gekaapt" in found
    if "\\u001b" in exact:  # the index kept the escapes: they are shown, not sent
        assert "␛" in found


def test_chroma_server_on_an_ipv6_address(tmp_path: Path) -> None:
    """`KOPLOPER_CHROMA_URL=http://[::1]:PORT` reaches a real server (it was called a damaged index)."""
    from kennisbank.errors import KennisbankError
    from kennisbank.store.server import ServerStore

    with socket.socket(socket.AF_INET6) as probe:
        probe.bind(("::1", 0))
        port = probe.getsockname()[1]
    executable = Path(sys.executable).with_name("chroma")
    with open(tmp_path / "chroma.log", "ab") as log:
        server = subprocess.Popen([str(executable), "run", "--path", str(tmp_path / "chroma"), "--host", "::1", "--port", str(port)],
                                  stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, ANONYMIZED_TELEMETRY="False"))
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            with socket.socket(socket.AF_INET6) as probe:
                if probe.connect_ex(("::1", port)) == 0:
                    break
            time.sleep(0.2)
        url = f"http://[::1]:{port}"
        assert Settings(home=tmp_path, chroma_url=url).chroma_url == url
        assert ServerStore(url).state() is None, "an empty server, reached: no index yet"
        with pytest.raises(KennisbankError, match="geen geldig adres"):
            ServerStore("http://[::1")
    finally:
        server.terminate()
        server.wait(timeout=15)
