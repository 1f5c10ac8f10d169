"""A run killed after its last passage write and before its state write must not leave a stale word index.

The kill lands at that exact point: the real `koploper index` in a subprocess whose state write ends the
process at once (`os._exit`, no clean-up, like `kill -9`). Before, the word index was keyed on the index
version only: the cached one of the old version was used, the rerun said "0 stukken ingebed" and kept
the version, and the new file's words were "nergens" in the material until some later run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kennisbank.service import KnowledgeBase
from kennisbank.store.embedded import EmbeddedStore
from koploper.settings import Settings
from tests.conftest import CLI

ROOT = Path(__file__).resolve().parents[2]
KILLED_AT_STATE_WRITE = (
    "import os, sys; from kennisbank.store.chroma import ChromaStore; "
    "ChromaStore.write_state = lambda self, state: os._exit(9); "
    "from tui.launcher import main; sys.exit(main())"
)
QUESTION = "Wat regelt de kwartelkoninggarantie?"


def _run(settings: Settings, program: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), KOPLOPER_HOME=str(settings.home))
    env["KOPLOPER_EMBEDDING_MODEL"] = str(settings.model_path)
    env.pop("KOPLOPER_CHROMA_URL", None)
    return subprocess.run([sys.executable, "-c", program, *args], cwd=ROOT, env=env, capture_output=True, text=True)


def _found(kb: KnowledgeBase) -> bool:
    return any(Path(hit.source).name == "kwartel.md" for hit in kb.search(QUESTION, k=3, mode="bm25").results)


def test_a_kill_before_the_state_write_leaves_no_stale_word_index(
    home: Settings, knowledge_base: KnowledgeBase, tmp_path: Path
) -> None:
    embedder = knowledge_base.embedder
    KnowledgeBase.open(home, embedder=embedder)  # the word index of this version is cached now
    version = EmbeddedStore(home.index_dir).version()
    assert version is not None
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "kwartel.md").write_text(
        "# Kwartelkoninggarantie\n\nDe kwartelkoninggarantie regelt dat uitstromers binnen drie maanden een "
        "woning aangeboden krijgen.\n",
        encoding="utf-8",
    )

    killed = _run(home, KILLED_AT_STATE_WRITE, "index", str(folder))
    assert killed.returncode == 9, killed.stderr
    store = EmbeddedStore(home.index_dir)
    assert store.version() == version  # killed before the state write
    assert any(Path(key).name == "kwartel.md" and entry.hash for key, entry in store.files().items())
    store.close()

    # an app opened now uses the cached word index of the old version: it must still know the new words
    assert _found(KnowledgeBase.open(home, embedder=embedder))

    rerun = _run(home, CLI, "index", str(folder))
    assert rerun.returncode == 0, rerun.stderr
    store = EmbeddedStore(home.index_dir)
    assert store.version() != version  # the killed run's writes got a version
    store.close()
    assert _found(KnowledgeBase.open(home, embedder=embedder))
