"""The store under real conditions: a real `chroma run` server shared by two homes and restarted, two
index runs at once (real processes, both store kinds), `kill -9` during embedding, damaged stores.

Homes start from a copy of the session index of the shipped cards (on a server: copied into it with
`copy_store`), so only each test's own files are embedded.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.session import Assistant
from kennisbank.errors import StoreError, StoreUnavailable
from kennisbank.ingest.indexer import build_index
from kennisbank.service import KnowledgeBase
from kennisbank.store.embedded import EmbeddedStore
from kennisbank.store.opening import open_store
from kennisbank.store.records import FILES
from koploper.settings import Settings
from tests.conftest import CLI, ChromaServer
from tests.kennisbank.conftest import MakeHome
from tests.kennisbank.samples import make_docx

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Wat is een woonzorgvisie?"
DOCX_QUESTION = "Hoeveel woningen reserveren Leidschendam-Voorburg en Zoetermeer voor uitstromers?"
WORDS = ["gemeente", "corporatie", "woning", "opvang", "zorg", "wijk", "regio", "afspraak", "plan", "uitstroom", "huur", "budget", "wachtlijst", "begeleiding", "statushouder", "jongeren", "ouderen", "leegstand", "nieuwbouw", "flexwoning", "wethouder", "convenant"]


def _env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), KOPLOPER_HOME=str(settings.home))
    env["KOPLOPER_EMBEDDING_MODEL"] = str(settings.model_path)
    env.pop("KOPLOPER_CHROMA_URL", None)
    if settings.chroma_url:
        env["KOPLOPER_CHROMA_URL"] = settings.chroma_url
    return env


def _cli(settings: Settings, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, *args],
        cwd=ROOT,
        env=_env(settings) | (env or {}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _use(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    for key, value in _env(settings).items():
        if key.startswith("KOPLOPER_"):
            monkeypatch.setenv(key, value)
    if not settings.chroma_url:
        monkeypatch.delenv("KOPLOPER_CHROMA_URL", raising=False)


def _paragraphs(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [
        " ".join(rng.choice(WORDS) for _ in range(45)).capitalize() + f". Afspraak {seed}-{n} geldt tot {2030 + n % 9}."
        for n in range(count)
    ]


# --------------------------------------------------------------------------- a shared server


def test_two_homes_share_one_server_that_restarts(
    chroma_server: ChromaServer,
    make_home: MakeHome,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = make_home("eerste", chroma_server.url)
    second = make_home("tweede", chroma_server.url)
    colleague = KnowledgeBase.open(second)
    assert colleague.search(QUESTION, k=3).answer

    (tmp_path / "gedeeld").mkdir()
    docx = make_docx(tmp_path / "gedeeld" / "uitstroom.docx")
    report = build_index(first, [docx])
    assert [Path(a).name for a in report.added] == ["uitstroom.docx"] and report.chunks_embedded >= 1

    # the colleague's open knowledge base sees the new file at the next question, without a restart
    hit = colleague.search(DOCX_QUESTION, k=1).results[0]
    assert Path(hit.source).name == "uitstroom.docx"
    _use(monkeypatch, second)
    assert main(["bronnen", "--json"]) == 0
    listed = capsys.readouterr().out
    assert "uitstroom.docx" in listed and "bronnen/begrippenlijst.md" in listed

    chroma_server.stop()
    with pytest.raises(StoreUnavailable) as down:
        colleague.search(QUESTION)
    assert "niet bereikbaar" in down.value.message
    reply = Assistant(second, knowledge=colleague).new_conversation().ask(QUESTION)
    assert "niet bereikbaar" in reply.answer and "Verdeelvragen" in reply.answer
    assert main(["zoek", QUESTION]) == 1
    captured = capsys.readouterr()
    assert "niet bereikbaar" in captured.err and "Traceback" not in captured.err + captured.out
    assert main(["bronnen"]) == 1
    assert "niet bereikbaar" in capsys.readouterr().err

    chroma_server.start()
    assert colleague.search(QUESTION, k=3).answer
    assert Path(colleague.search(DOCX_QUESTION, k=1).results[0].source).name == "uitstroom.docx"
    assert {Path(s.source).name for s in KnowledgeBase.open(first).sources()} >= {"uitstroom.docx", "begrippenlijst.md"}


# --------------------------------------------------------------------------- two runs at once


@pytest.mark.parametrize("kind", ["embedded", "server"])
def test_two_index_runs_at_once_both_end_up_in_the_index(
    kind: str, request: pytest.FixtureRequest, make_home: MakeHome, tmp_path: Path
) -> None:
    url = request.getfixturevalue("chroma_server").url if kind == "server" else None
    settings = make_home("home", url)
    folders = []
    for number in (1, 2):
        folder = tmp_path / f"map{number}"
        folder.mkdir()
        (folder / f"notitie{number}.txt").write_text(
            f"Notitie {number}\n\n" + "\n\n".join(_paragraphs(number, 2)), encoding="utf-8"
        )
        folders.append(folder)
    runs = [_cli(settings, "index", str(folder)) for folder in folders]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert not any("Traceback" in out + err for out, err in outputs)
    files = {Path(key).name: entry for key, entry in open_store(settings).files().items()}
    assert files["notitie1.txt"].hash and files["notitie2.txt"].hash
    knowledge_base = KnowledgeBase.open(settings)
    for number in (1, 2):
        hit = knowledge_base.search(f"Afspraak {number}-1 wethouder convenant", k=3, mode="bm25").results
        assert any(Path(h.source).name == f"notitie{number}.txt" for h in hit)


# --------------------------------------------------------------------------- kill -9


def _chunks_of(store_file: Path, folder: Path) -> int:
    connection = sqlite3.connect(f"file:{store_file}?mode=ro", uri=True, timeout=30)
    try:
        row = connection.execute(
            "SELECT count(*) FROM embedding_metadata WHERE key = 'source' AND string_value LIKE ?",
            (f"{folder}%",),
        ).fetchone()
    finally:
        connection.close()
    return int(row[0])


def test_kill_during_embedding_then_rerun_completes(home: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "groot"
    folder.mkdir()
    for number in range(18):
        (folder / f"verslag{number:02d}.txt").write_text(
            f"Verslag {number}\n\n" + "\n\n".join(_paragraphs(100 + number, 10)), encoding="utf-8"
        )
    # without the vector cache, so the run really embeds (and can be killed doing so) whatever it holds
    run = _cli(home, "index", str(folder), env={"KOPLOPER_VECTOR_CACHE_MB": "0"})
    store_file = home.index_dir / "store" / "chroma.sqlite3"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and run.poll() is None and _chunks_of(store_file, folder) == 0:
        time.sleep(0.05)
    assert run.poll() is None, "the run ended before it could be killed mid-embedding"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    partial = _chunks_of(store_file, folder)
    assert partial > 0

    # the index still answers, then a plain rerun completes the work
    assert KnowledgeBase.open(home).search(QUESTION, k=1).results
    rerun = _cli(home, "index")
    _out, err = rerun.communicate(timeout=900)
    assert rerun.returncode == 0, err
    store = open_store(home)
    files = {Path(key).name: entry for key, entry in store.files().items() if key.startswith(str(folder))}
    assert len(files) == 18 and all(entry.hash for entry in files.values())
    expected = {cid for entry in files.values() for cid in entry.chunk_ids}
    assert _chunks_of(store_file, folder) == len(expected) and store.existing(sorted(expected)) == expected
    hit = KnowledgeBase.open(home).search("Afspraak 107-3", k=1, mode="bm25").results[0]
    assert Path(hit.source).name == "verslag07.txt"


# --------------------------------------------------------------------------- damage


def _truncate(settings: Settings) -> None:
    path = settings.index_dir / "store" / "chroma.sqlite3"
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 3)


def _garble(settings: Settings) -> None:
    path = settings.index_dir / "store" / "chroma.sqlite3"
    rng = random.Random(7)
    with open(path, "r+b") as handle:
        handle.seek(4096)
        handle.write(bytes(rng.randrange(256) for _ in range(64 * 1024)))


def _corrupt_file_list(settings: Settings) -> None:
    store = EmbeddedStore(settings.index_dir)
    store.write_raw(FILES, "kapot", "{niet-json")
    store.close()


def _lose_state(settings: Settings) -> None:
    store = EmbeddedStore(settings.index_dir)
    store.forget_state()
    store.close()


@pytest.mark.parametrize("damage", [_truncate, _garble, _corrupt_file_list, _lose_state])
def test_a_damaged_store_is_explained_and_index_opnieuw_repairs_it(
    damage: Callable[[Settings], None],
    home: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    damage(home)
    _use(monkeypatch, home)
    commands = [["bronnen"], ["voorbereiden"], ["index"]]
    if damage is _corrupt_file_list:
        # a search reads no file record (test_a_search_does_not_need_the_list_of_files); the rest do
        assert main(["zoek", QUESTION]) == 0
        capsys.readouterr()
    else:
        commands.insert(0, ["zoek", QUESTION])
    for command in commands:
        assert main(command) == 1, command
        captured = capsys.readouterr()
        assert "koploper index --opnieuw" in captured.err, (command, captured.err)
        assert "Traceback" not in captured.err + captured.out
    assert main(["index", "--opnieuw"]) == 0
    capsys.readouterr()
    assert main(["voorbereiden"]) == 0
    assert "aanwezig" in capsys.readouterr().out
    assert main(["zoek", QUESTION, "--json"]) == 0
    assert "woonzorgvisie" in capsys.readouterr().out.lower()


def test_a_search_does_not_need_the_list_of_files(home: Settings, knowledge_base: KnowledgeBase) -> None:
    """Opening reads no file record (at 100,000 passages, 5,000 of them): a damaged list of files does not
    stop a question; it is reported, in Dutch with the repair, by what lists the sources."""
    _corrupt_file_list(home)
    kb = KnowledgeBase.open(home, embedder=knowledge_base.embedder)
    assert any("woonzorgvisie" in (hit.title + hit.text).lower() for hit in kb.search(QUESTION, k=3).results)
    with pytest.raises(StoreError) as raised:
        kb.sources()
    assert "beschadigd" in raised.value.message and "koploper index --opnieuw" in raised.value.message
    kb.store.close()


def _bytes_read() -> int:
    """Bytes this process has read through read calls, from the page cache or the disk (Linux)."""
    for line in Path("/proc/self/io").read_text(encoding="ascii").splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="reads /proc/self/io (Linux)")
def test_opening_the_store_reads_a_small_part_of_the_database(home: Settings) -> None:
    """After a machine restart every page read comes from the disk (38.7 s at 100,000 passages when the
    whole database was checked): opening reads the header, the schema and the bookkeeping tables, not
    every page; a damaged page elsewhere fails the read that needs it (the tests above)."""
    database = home.index_dir / "store" / "chroma.sqlite3"
    import chromadb  # noqa: F401  # its modules are not what is measured

    before = _bytes_read()
    store = EmbeddedStore(home.index_dir)
    state = store.state()
    read = _bytes_read() - before
    store.close()
    assert state is not None
    # Chroma itself reads its log of recent writes at each start (at most its sync threshold of records):
    # a third of this small card index, a sliver of a large one; checking every page read all of it
    assert read < database.stat().st_size / 2, (read, database.stat().st_size)


def test_the_old_generations_layout_is_rebuilt_once(
    home: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(home.index_dir)
    own = tmp_path / "eigen.txt"
    own.write_text("Eigen notitie\n\n" + _paragraphs(5, 1)[0], encoding="utf-8")
    generation = home.index_dir / "gen-20260101T000000-abcdef"
    (generation / "chroma").mkdir(parents=True)
    (generation / "manifest.json").write_text(
        '{"version": 1, "model_fingerprint": "x", "model_path": "", "dimension": 384, '
        f'"files": {{"{own}": {{"path": "{own}", "hash": "", "chunk_ids": [], "title": "Eigen notitie"}}}}}}',
        encoding="utf-8",
    )
    (home.index_dir / "CURRENT").write_text(generation.name, encoding="utf-8")
    _use(monkeypatch, home)
    assert main(["zoek", QUESTION]) == 1
    assert "koploper voorbereiden" in capsys.readouterr().err
    assert main(["voorbereiden"]) == 0
    assert "oude opbouw" in capsys.readouterr().err
    assert not list(home.index_dir.glob("gen-*")) and not (home.index_dir / "CURRENT").exists()
    assert str(own) in {s.source for s in KnowledgeBase.open(home).sources()}
