"""Every screen writes numbers one way (5 653 with a no-break space), and the medal shown is
the one the round was given: read from every text the screens render, after a real round.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from clarity.core.round import Phase
from clarity.core.trophies import medal_for, medal_percent, medal_yardstick
from clarity.i18n import translator_for
from clarity.store import Player
from clarity.ui.app import App
from clarity.ui.journey import open_high_scores, open_history
from clarity.ui.scenes.dialog import DialogScene
from clarity.ui.scenes.history import HistoryScene
from clarity.ui.scenes.results import ResultsScene
from number_writing import misprinted_numbers
from store.factories import make_summary

from .saving import MakeApp, answer_right, app_factory, at_title, next_question, start_round

PACK = "play-test"
#: numbers as the English interface writes them (5,653): these Apps have no language set
format_number = translator_for("en").number


@pytest.fixture
def saving_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


def record_texts(app: App) -> list[tuple[str, str]]:
    """Every text the App renders from now on, with the name of the top scene then.

    Each screen renders its words through ``Assets.text`` (``fit_text`` too), so this
    sees all of them, the numbers of a counting score included."""
    assets = app.services.assets
    render = assets.text
    seen: list[tuple[str, str]] = []

    def text(words: str, *args: object, **kwargs: object) -> pygame.Surface:
        seen.append((app.top.name if app.top is not None else "", words))
        return render(words, *args, **kwargs)  # type: ignore[arg-type]

    assets.text = text  # type: ignore[method-assign]
    return seen


def texts_of(seen: list[tuple[str, str]], scene: str) -> list[str]:
    return [words for name, words in seen if name == scene]


def assert_written_one_way(seen: list[tuple[str, str]]) -> None:
    wrong = {(name, words): misprinted_numbers(words) for name, words in seen}
    assert not {key: found for key, found in wrong.items() if found}


def test_every_screen_writes_numbers_one_way_after_a_round(saving_app: MakeApp) -> None:
    app = saving_app(player="Ana")
    seen = record_texts(app)
    pilot = at_title(app)
    pilot.key(pygame.K_RETURN)  # Play: the pack choice
    play = start_round(pilot)
    answer_right(pilot, play)
    next_question(pilot)
    answer_right(pilot, play)
    next_question(pilot)
    assert play.round.phase is Phase.ASKING
    pilot.key(pygame.K_g)  # an early guess, four of six tiles still hidden
    pilot.type("Lighthouse")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: isinstance(pilot.top, ResultsScene))
    results = pilot.top
    assert isinstance(results, ResultsScene)
    pilot.settle()  # the score counts up through its numbers, the medal comes in
    summary = results.summary
    assert summary.score >= 1000
    score = format_number(summary.score)
    shown = results.shown_texts()

    # the medal and the share it was given by: the round's best by its end, not the whole's
    assert results.medal is medal_for(summary)
    assert results.medal is not None
    assert shown["medal_name"] == f"{results.medal.value.title()} medal"
    assert shown["medal_detail"] == f"{medal_percent(summary)}% of the best possible"
    assert shown["stats"].endswith(f"best possible {format_number(medal_yardstick(summary))}")
    assert medal_yardstick(summary) < summary.best_possible

    pilot.key(pygame.K_c)  # the trophy cabinet
    assert pilot.top.name == "cabinet"
    pilot.key(pygame.K_h)  # the history
    assert isinstance(pilot.top, HistoryScene)
    pilot.step()
    open_high_scores(app, PACK)
    pilot.step()
    assert pilot.top.name == "highscores"
    app.screens.push("players")
    pilot.step()

    assert score in texts_of(seen, "results")
    assert any(f"+{format_number(1000 + 4 * 200)}" in words for words in texts_of(seen, "play"))
    assert score in texts_of(seen, "history")
    assert score in texts_of(seen, "highscores")
    assert any(f"best {score}" in words for words in texts_of(seen, "players"))
    assert_written_one_way(seen)


def test_the_offer_to_continue_writes_its_points_one_way(saving_app: MakeApp) -> None:
    app = saving_app(player="Ana")
    pilot = at_title(app)
    pilot.key(pygame.K_RETURN)  # Play
    play = start_round(pilot)
    for _ in range(2):
        answer_right(pilot, play)
        next_question(pilot)
    score = play.round.score
    assert score >= 1000
    app.close()  # the round is kept, to be offered back

    again = saving_app(player="Ana")
    seen = record_texts(again)
    pilot = at_title(again)
    pilot.key(pygame.K_RETURN)  # Play: the offer comes first
    offer = pilot.top
    assert isinstance(offer, DialogScene)
    assert offer.name == "resume"
    pilot.step()
    assert any(f"{format_number(score)} points" in words for words in texts_of(seen, "resume"))
    assert_written_one_way(seen)


def test_a_saved_round_keeps_the_medal_it_was_given(saving_app: MakeApp) -> None:
    """The store keeps the medal with the round; no screen works it out again, even where
    today's rule would give another (this round scored its whole best: gold today)."""
    app = saving_app(player="Ana")
    pilot = at_title(app)
    store = app.services.session.store
    assert store is not None
    ana = store.get_or_create_player("Ana")
    assert isinstance(ana, Player)
    summary = make_summary(pack_id=PACK, score=1000)  # best possible 1000: a share of 1
    assert medal_for(summary) is not None
    saved = store.save_round(
        ana.id,
        summary,
        pack_sha256="0" * 64,
        mystery_image="lighthouse.png",
        medal=None,  # as an older rule gave it
        trophies=(),
        played_at=datetime.now().astimezone(),
    )
    assert not hasattr(saved, "message"), saved
    open_history(app)
    pilot.step()
    history = pilot.top
    assert isinstance(history, HistoryScene)
    assert [cell.text for cell in history.rows[0].cells][2:4] == [format_number(1000), "–"]
    assert store.history(ana.id, limit=1)[0].medal is None
    assert store.player_stats(ana.id).best_medal_by_pack == {}
