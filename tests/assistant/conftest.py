"""The real assistant over the session's real knowledge base (tests/conftest.py: kb_home, knowledge_base)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from assistant.session import Assistant
from koploper.settings import Settings

if TYPE_CHECKING:
    from kennisbank.service import KnowledgeBase


@pytest.fixture(scope="session")
def knowledge_assistant(kb_home: Path, model_dir: Path, knowledge_base: KnowledgeBase) -> Assistant:
    """The real assistant sharing the session's opened knowledge base (the model is loaded once)."""
    assistant = Assistant(Settings(home=kb_home, embedding_model=model_dir), knowledge=knowledge_base)
    assert assistant.knowledge_ready
    return assistant


@pytest.fixture(scope="session")
def cli_env(kb_home: Path, model_dir: Path) -> dict[str, str]:
    """Environment for a `koploper` subprocess that uses the session's home and model."""
    return dict(os.environ, KOPLOPER_HOME=str(kb_home), KOPLOPER_EMBEDDING_MODEL=str(model_dir), HF_HUB_OFFLINE="1")
