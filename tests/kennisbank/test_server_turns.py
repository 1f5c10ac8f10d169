"""Writers on a real Chroma server take turns safely, and a batch `zoek -` lives through a server restart.

- A writer that paused past its lease lost it to a second writer; resumed, its renewal overwrote the
  second writer's lease and both wrote at once. Now a lease is renewed only by its holder
  (compare-and-set), and the paused writer hears that it lost the lease.
- A server that stopped during `zoek -` ended the whole batch with rc 1, although the message said the
  next question would try again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kennisbank.errors import StoreError
from kennisbank.ingest.indexer import build_index
from kennisbank.store import server
from kennisbank.store.server import ServerStore
from tests.conftest import CLI, ChromaServer
from tests.kennisbank.conftest import MakeHome

if TYPE_CHECKING:
    from kennisbank.model.embedding import Embedder

ROOT = Path(__file__).resolve().parents[2]


def test_a_lease_is_renewed_only_by_its_holder(chroma_server: ChromaServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "LEASE_SECONDS", 4.0)  # a short lease, so the pause below outlasts it
    first, second = ServerStore(chroma_server.url), ServerStore(chroma_server.url)
    heard: list[str] = []
    with first.writer(heard.append):
        time.sleep(4.5)  # the first writer pauses (a slow disk, a suspended laptop) past its lease
        with second.writer(heard.append):  # the lease has expired: the second writer takes it
            with pytest.raises(StoreError) as lost:
                first.renew()  # resumed: it must not take the lease back from under the second writer
            assert "overgenomen" in lost.value.message
            second.renew()  # the holder keeps it
            third = ServerStore(chroma_server.url)
            assert not third.try_take()  # held, not expired: nobody else gets it
    assert not heard


def test_a_batch_zoek_survives_a_server_restart(chroma_server: ChromaServer, make_home: MakeHome) -> None:
    settings = make_home("batch", chroma_server.url)
    env = dict(os.environ, PYTHONPATH=str(ROOT), KOPLOPER_HOME=str(settings.home))
    env["KOPLOPER_EMBEDDING_MODEL"] = str(settings.model_path)
    env["KOPLOPER_CHROMA_URL"] = chroma_server.url
    batch = subprocess.Popen(
        [sys.executable, "-c", CLI, "zoek", "-", "--json"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert batch.stdin and batch.stdout and batch.stderr
    try:
        batch.stdin.write("Wat is een woonzorgvisie?\n")
        batch.stdin.flush()
        assert json.loads(batch.stdout.readline())["results"]

        chroma_server.stop()
        batch.stdin.write("Hoeveel gemeenten doen mee in Parkstad?\n")
        batch.stdin.flush()
        told: list[str] = []
        while not told or ("niet bereikbaar" not in told[-1] and told[-1]):  # library warnings may come first
            told.append(batch.stderr.readline())
        assert "niet bereikbaar" in told[-1], told

        chroma_server.start()
        out, err = batch.communicate("Wat is een woonzorgvisie?\n", timeout=600)
    finally:
        if batch.poll() is None:
            batch.kill()
    assert batch.returncode == 0, err
    answers = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(answers) == 1 and answers[0]["results"], out


def test_the_lease_is_renewed_while_files_are_read(
    chroma_server: ChromaServer, make_home: MakeHome, embedder: Embedder, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = make_home("reading", chroma_server.url)
    monkeypatch.setattr(server, "LEASE_SECONDS", 6.0)  # short, and long enough for a loaded machine
    folder = tmp_path / "groot"
    folder.mkdir()
    for number in range(3):
        (folder / f"notitie{number}.md").write_text(f"# Notitie {number}\n\nOverleg nummer {number} over opvang.\n")
    watcher = ServerStore(chroma_server.url)
    held: list[bool] = []

    def progress(description: str, done: int, total: int) -> None:
        if description.startswith("lezen:"):
            held.append(watcher.lease_holder() is not None)
            if len(held) <= 3:
                time.sleep(7.0)  # reading a large file takes longer than the lease

    build_index(settings, [folder], progress=progress, embedder=embedder)
    assert len(held) >= 3 and all(held), held
