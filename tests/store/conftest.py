"""Fixtures for the store tests: a real SQLite file in a temporary folder, nothing mocked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clarity.store import Player, Store, open_store

from .factories import MONDAY_9AM, add_player


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None, opening.notice
    assert opening.notice is None
    yield opening.store
    opening.store.close()


@pytest.fixture
def ana(store: Store) -> Player:
    return add_player(store, "Ana")
