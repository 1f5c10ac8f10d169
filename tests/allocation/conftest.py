"""Shared fixtures for the allocation tests: the real shipped data, real files in tmp_path."""

from __future__ import annotations

import pytest

from allocation.data import Dataset, load_dataset


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def all_codes(dataset: Dataset) -> list[str]:
    return sorted(dataset.municipalities)
