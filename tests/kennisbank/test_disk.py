"""A full disk or a read-only home during an index run: a Dutch message and no traceback, the previous index
still answers, no files left behind, and once there is room again the next run completes the work.

Both run the real CLI in a subprocess on a copy of the session's card index. A full disk is a file size
limit (`ulimit -f`, RLIMIT_FSIZE at the size of the largest index file, SIGXFSZ ignored so writes fail
with EFBIG), which works for any user on any Linux machine. A read-only home is `chmod` for an ordinary
user; root ignores file modes, so as root the home is bind-mounted read-only in a private mount namespace.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from koploper.settings import Settings
from tests.conftest import CLI

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Wat is een woonzorgvisie?"
WORDS = ["gemeente", "corporatie", "woning", "opvang", "zorg", "wijk", "regio", "afspraak", "plan", "uitstroom", "huur", "budget", "wachtlijst"]
RO_MOUNT = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'


@pytest.fixture
def home_dir(home: Settings) -> Path:
    """The folder of `home`: these tests only run the CLI on it in a subprocess."""
    return home.home


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    """A file of 60 paragraphs: far more than fits in the free pages of the index database."""
    rng = random.Random(11)
    paragraphs = [
        " ".join(rng.choice(WORDS) for _ in range(45)).capitalize() + f". Afspraak {n} over de wachtlijst geldt tot {2030 + n % 9}."
        for n in range(60)
    ]
    path = tmp_path / "stukken" / "verslag.txt"
    path.parent.mkdir()
    path.write_text("Verslag wachtlijst\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def _run(home: Path, *args: str, prefix: list[str] | None = None, preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), KOPLOPER_HOME=str(home))
    env.pop("KOPLOPER_CHROMA_URL", None)
    env.pop("KOPLOPER_EMBEDDING_MODEL", None)
    return subprocess.run(
        [*(prefix or []), sys.executable, "-c", CLI, *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, preexec_fn=preexec,
    )


def _listing(home: Path) -> set[str]:
    """Every file and folder under the home (the lock file, empty and harmless, excepted)."""
    return {str(path.relative_to(home)) for path in home.rglob("*") if path.name != "index.lock"}


def _without_source_lists(listing: set[str]) -> set[str]:
    """The listing without the user's source lists, which an index run writes whole before it starts."""
    return {path for path in listing if not path.startswith("index/eigen-bronnen-")}


def _still_answers(home: Path, report_file: Path) -> None:
    search = _run(home, "zoek", QUESTION, "--json")
    assert search.returncode == 0, search.stderr
    assert "woonzorgvisie" in (json.loads(search.stdout)["answer"] or "").lower()
    sources = _run(home, "bronnen", "--json")
    assert sources.returncode == 0 and str(report_file) not in sources.stdout


def _completes(home: Path, report_file: Path) -> None:
    """With room again, the next run indexes the file completely."""
    rerun = _run(home, "index", str(report_file), "--json")
    assert rerun.returncode == 0, rerun.stderr
    listed = {item["source"]: item for item in json.loads(_run(home, "bronnen", "--json").stdout)}
    assert listed[str(report_file)]["chunks"] == 60
    found = json.loads(_run(home, "zoek", "Tot wanneer geldt afspraak 17 over de wachtlijst?", "--json", "-k", "10").stdout)
    assert any(hit["source"] == str(report_file) for hit in found["results"])


def _failed_in_dutch(run: subprocess.CompletedProcess[str], words: str) -> None:
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr + run.stdout, run.stderr
    assert words in run.stderr and "KOPLOPER_HOME" in run.stderr, run.stderr


def test_a_full_disk_during_an_index_run(home_dir: Path, report_file: Path) -> None:
    before = _listing(home_dir)
    limit = max(path.stat().st_size for path in (home_dir / "index").rglob("*") if path.is_file())

    def disk_full() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    run = _run(home_dir, "index", str(report_file), preexec=disk_full)
    _failed_in_dutch(run, "de schijf is vol")
    # no temporary files or half-written copies left behind; the list of the user's own sources is
    # written whole (atomically) before the run, so a repair can bring them back (issue 20)
    assert _without_source_lists(_listing(home_dir)) == _without_source_lists(before)
    assert max(path.stat().st_size for path in (home_dir / "index").rglob("*") if path.is_file()) <= limit
    _still_answers(home_dir, report_file)
    _completes(home_dir, report_file)


@pytest.fixture
def read_only(home_dir: Path) -> Iterator[list[str]]:
    """A command prefix under which the home is read-only (see the module docstring)."""
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in [home_dir, *home_dir.rglob("*")] if not path.is_symlink()}
        for path, mode in modes.items():
            path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        try:
            yield []
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    probe = subprocess.run(["unshare", "--mount", "sh", "-c", RO_MOUNT, str(home_dir), "true"], capture_output=True)
    if shutil.which("unshare") is None or probe.returncode != 0:
        pytest.skip("as root chmod does not stop writes, and no private read-only bind mount is allowed here")
    yield ["unshare", "--mount", "sh", "-c", RO_MOUNT, str(home_dir)]


def test_a_read_only_home_during_an_index_run(home_dir: Path, report_file: Path, read_only: list[str]) -> None:
    before = _listing(home_dir)
    run = _run(home_dir, "index", str(report_file), prefix=read_only)
    _failed_in_dutch(run, "alleen-lezen")
    search = _run(home_dir, "zoek", QUESTION, "--json", prefix=read_only)  # a read-only home: a message, no traceback
    assert "Traceback" not in search.stderr + search.stdout
    assert search.returncode == 0 or "alleen-lezen" in search.stderr
    assert _listing(home_dir) == before
    if not read_only:
        return  # the chmod fixture gives write access back on teardown; checked by the next line there
    _still_answers(home_dir, report_file)
    _completes(home_dir, report_file)


STORE_AGREES = (
    "import sys; from pathlib import Path; from kennisbank.store.embedded import EmbeddedStore; "
    "s = EmbeddedStore(Path(sys.argv[1])); files = s.files(); "
    "print(s.count(), len({c for e in files.values() for c in e.chunk_ids}), sum(not e.hash for e in files.values()))"
)


def test_a_disk_that_fills_up_halfway_through_an_index_run(home_dir: Path, tmp_path: Path) -> None:
    """The disk fills while the run embeds (another program writes to it): lowered from outside with
    prlimit once the first batch is in the store. The files already done stay and answer, the rest is
    rolled back, `bronnen` and search agree, and the next run with room completes the work."""
    rng = random.Random(5)
    folder = tmp_path / "archief"
    folder.mkdir()
    for number in range(30):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(45)).capitalize() + f". Afspraak {number}-{n} geldt tot {2030 + n % 9}."
            for n in range(10)
        ]
        (folder / f"verslag-{number:02d}.txt").write_text(f"Verslag {number}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), KOPLOPER_HOME=str(home_dir))
    env.pop("KOPLOPER_CHROMA_URL", None)
    env.pop("KOPLOPER_EMBEDDING_MODEL", None)

    def sizes() -> dict[Path, int]:
        return {path: path.stat().st_size for path in (home_dir / "index").rglob("*") if path.is_file()}

    start = sizes()
    process = subprocess.Popen(  # the vector cache off: the run really embeds, whatever the cache holds
        [sys.executable, "-c", CLI, "index", str(folder)], cwd=ROOT, env=env | {"KOPLOPER_VECTOR_CACHE_MB": "0"}, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=lambda: signal.signal(signal.SIGXFSZ, signal.SIG_IGN),
    )
    limit, last = 0, start
    while process.poll() is None and not limit:
        now = sizes()
        grown = sum(size - start.get(path, 0) for path, size in now.items())
        if grown > 2**20 and now == last:  # the first batch of passages is written, the next is being embedded
            limit = max(now.values()) + 3 * 2**20  # room to tidy up is left, not enough for the next batch
            resource.prlimit(process.pid, resource.RLIMIT_FSIZE, (limit, limit))
        last = now
        time.sleep(1.0)
    out, err = process.communicate(timeout=600)
    assert limit, "the run ended before its first batch was seen in the store"
    assert process.returncode == 1 and "Traceback" not in err + out, (out, err)
    assert "de schijf is vol" in err and "KOPLOPER_HOME" in err, err
    assert max(sizes().values()) <= limit  # nothing went on filling the disk

    listed = {item["source"]: item for item in json.loads(_run(home_dir, "bronnen", "--json").stdout)}
    done = sorted(key for key in listed if key.startswith(str(folder)))
    assert 0 < len(done) < 30 and all(listed[key]["chunks"] == 10 and not listed[key]["unreachable"] for key in done)
    agrees = subprocess.run([sys.executable, "-c", STORE_AGREES, str(home_dir / "index")], cwd=ROOT, env=env, capture_output=True, text=True)
    passages, expected, unfinished = (int(n) for n in agrees.stdout.split())
    assert passages == expected and unfinished == 0  # no passages without a file, no half-done file
    first_done, first_missing = done[-1], str(folder / f"verslag-{len(done):02d}.txt")
    assert first_missing not in listed
    for path, present in ((first_done, True), (first_missing, False)):
        report_number = Path(path).stem.split("-")[1].lstrip("0") or "0"
        found = _run(home_dir, "zoek", f"Tot wanneer geldt afspraak {report_number}-4?", "--json", "-k", "10")
        assert found.returncode == 0, found.stderr
        assert any(hit["source"] == path for hit in json.loads(found.stdout)["results"]) is present
    search = _run(home_dir, "zoek", QUESTION, "--json")  # what was there before still answers
    assert "woonzorgvisie" in (json.loads(search.stdout)["answer"] or "").lower()

    rerun = _run(home_dir, "index", str(folder), "--json")  # room again: the rest is done
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(json.loads(rerun.stdout)["added"]) == sorted(str(p) for p in folder.iterdir() if str(p) not in done)
    listed = {item["source"]: item for item in json.loads(_run(home_dir, "bronnen", "--json").stdout)}
    assert all(listed[str(folder / f"verslag-{n:02d}.txt")]["chunks"] == 10 for n in range(30))
    found = json.loads(_run(home_dir, "zoek", f"Tot wanneer geldt afspraak {len(done)}-4?", "--json", "-k", "10").stdout)
    assert any(hit["source"] == first_missing for hit in found["results"])
