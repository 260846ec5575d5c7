"""Fixtures for the core tests; the packs come from :mod:`factories`, never from files."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from clarity.core.packs.models import Pack

from .factories import build_pack


@pytest.fixture(scope="session")
def make_pack() -> Callable[..., Pack]:
    return build_pack


@pytest.fixture(scope="session")
def pack() -> Pack:
    """Eight typed questions, a 4x5 grid, 20 seconds a question."""
    return build_pack()
