"""The game on saved data that a disk damaged: it says so in one line, repairs, and plays on.

The damage is real (pages of the database overwritten, as a failing disk or a sync tool
leaves them); the App is the real one, driven by keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pygame
import pytest

from clarity.progress import SaveStatus
from clarity.store import open_store
from clarity.store.db import DB_FILENAME
from clarity.ui.scenes.title import TitleScene
from store.damage import overwrite_page, pages_of
from store.factories import MONDAY_9AM, add_player, save

from .saving import MakeApp, app_factory, at_title
from .test_saved_progress import play_to_the_results


@pytest.fixture
def saving_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


def _a_term_of_rounds(data_dir: Path) -> int:
    """Ana and Ben with 300 rounds between them; the number of rounds."""
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        ana, ben = add_player(store, "Ana"), add_player(store, "Ben")
        for n in range(300):
            save(store, (ana, ben)[n % 2].id, score=n, played_at=MONDAY_9AM + timedelta(hours=n))
    return 300


def test_a_damaged_round_table_is_repaired_and_the_round_played_is_saved(
    saving_app: MakeApp, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    rounds = _a_term_of_rounds(data_dir)
    path = data_dir / DB_FILENAME
    leaves = pages_of(path, "round", "leaf")
    overwrite_page(path, leaves[-1])  # where the next round goes: saving meets the damage
    overwrite_page(path, leaves[1])  # and an older page, that the history reads

    pilot = at_title(saving_app(player="Ana"))
    results = play_to_the_results(pilot)

    assert results.saved is not None
    assert results.saved.status is SaveStatus.SAVED
    store = pilot.app.services.session.store
    assert store is not None
    assert store.saving
    kept = list(store.all_rounds())
    assert results.saved.saved is not None
    assert results.saved.saved.round_id in {record.round_id for record in kept}
    # two leaves of about 20 rounds each went with the damage; every other round stayed
    assert rounds - 60 < len(kept) - 1 < rounds
    assert list(data_dir.glob(f"{DB_FILENAME}.corrupt-*"))
    # back at the title, one line says what happened and where the damaged copy is
    pilot.key(pygame.K_ESCAPE)
    pilot.until(lambda: isinstance(pilot.top, TitleScene))
    title = pilot.top
    assert isinstance(title, TitleScene)
    assert "damaged" in title.notice
    assert ".corrupt-" in title.notice
    assert "\n" not in title.notice
