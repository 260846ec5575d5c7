"""The game feeds the study: a question answered wrong in a saved round becomes due for
that player's flashcards at the round's end, in a real SQLite store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clarity.core.packs.loader import LoadedPack
from clarity.core.packs.models import Pack
from clarity.core.round import Phase, Round
from clarity.core.study import CardState, Rating, new_card, review
from clarity.core.trophies import TrophyTracker
from clarity.progress import Progress, SaveStatus
from clarity.store import Player, Store, open_store
from core.factories import build_pack, right_response, wrong_response

from .factories import MONDAY_9AM, add_player

ROUND_END = MONDAY_9AM + timedelta(minutes=5)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opening = open_store(tmp_path / "data", now=lambda: MONDAY_9AM)
    assert opening.store is not None, opening.notice
    yield opening.store
    opening.store.close()


@pytest.fixture
def ana(store: Store) -> Player:
    return add_player(store, "Ana")


@pytest.fixture
def pack() -> Pack:
    return build_pack(questions=8, grid="2x3", time_limit=None)


def play(
    store: Store, player: Player | None, pack: Pack, rights: list[bool]
) -> tuple[Round, list[str]]:
    """A round answered right/wrong as ``rights`` says, then the image guessed, saved
    through a Progress whose clock reads ROUND_END; the question ids asked, in order."""
    tracker = TrophyTracker()
    played = Round(pack, seed=3, observers=[tracker])
    progress = Progress(store, player, now=lambda: ROUND_END)
    progress.watch(played, tracker, LoadedPack(Path("p.yaml"), pack, (), "ab" * 32, {}))
    asked = []
    for right in rights:
        question = played.question
        asked.append(question.id)
        response = right_response(question) if right else wrong_response(question)
        played.answer(response, 2.0)
        played.next_question()
    played.guess_image(played.mystery.answer, 4.0)
    assert played.phase is Phase.ENDED
    return played, asked


def test_a_wrong_answer_makes_its_question_due_at_the_rounds_end(
    store: Store, ana: Player, pack: Pack
) -> None:
    _, asked = play(store, ana, pack, [True, False, True])
    cards = {card.question_id: card for card in store.study_cards(ana.id, pack.id)}
    assert set(cards) == {asked[1]}  # the right answers leave their questions alone
    assert cards[asked[1]].due == ROUND_END
    state = CardState.from_dict(cards[asked[1]].state)
    assert state.is_due(ROUND_END)
    assert not state.is_due(ROUND_END - timedelta(seconds=1))
    assert [c.question_id for c in store.due_cards(ana.id, ROUND_END, limit=10)] == [asked[1]]
    assert store.review_count(ana.id) == 0  # a mistake is no review


def test_a_card_due_later_is_brought_forward_and_an_overdue_one_keeps_its_place(
    store: Store, ana: Player, pack: Pack
) -> None:
    rehearsal = Round(pack, seed=3)  # the same seed asks in the same order
    ids = []
    for _ in range(2):
        ids.append(rehearsal.question.id)
        rehearsal.answer(wrong_response(rehearsal.question), 2.0)
        rehearsal.next_question()
    studied = MONDAY_9AM - timedelta(days=3)
    later, _ = review(new_card((pack.id, ids[0])), Rating.Easy, studied)
    assert later.due is not None
    assert later.due > ROUND_END
    overdue_at = ROUND_END - timedelta(days=1)
    overdue = CardState(pack.id, ids[1], due=overdue_at)
    for state in (later, overdue):
        assert state.due is not None
        store.save_card(
            ana.id, pack.id, state.question_id, state=state.to_dict(), due=state.due, at=studied
        )
    _, asked = play(store, ana, pack, [False, False])
    assert asked == ids
    cards = {card.question_id: card for card in store.study_cards(ana.id, pack.id)}
    assert cards[ids[0]].due == ROUND_END
    brought = CardState.from_dict(cards[ids[0]].state)
    assert brought.stability == later.stability  # its memory is untouched
    assert cards[ids[1]].due == overdue_at


def test_a_round_of_right_answers_makes_nothing_due(store: Store, ana: Player, pack: Pack) -> None:
    play(store, ana, pack, [True, True, True])
    assert store.study_cards(ana.id, pack.id) == []


def test_a_guests_round_makes_nothing_due(store: Store, ana: Player, pack: Pack) -> None:
    played, _ = play(store, None, pack, [False, False])
    assert played.summary is not None
    assert played.summary.wrong >= 2
    assert store.study_cards(ana.id, pack.id) == []
    assert store.due_cards(ana.id, datetime.now(UTC) + timedelta(days=999), limit=10) == []


def test_the_round_is_saved_even_when_made_due(store: Store, ana: Player, pack: Pack) -> None:
    tracker = TrophyTracker()
    played = Round(pack, seed=3, observers=[tracker])
    played.answer(wrong_response(played.question), 2.0)
    played.next_question()
    played.guess_image(played.mystery.answer, 4.0)
    result = Progress(store, ana, now=lambda: ROUND_END).finish(
        played, tracker, LoadedPack(Path("p.yaml"), pack, (), "ab" * 32, {})
    )
    assert result.status is SaveStatus.SAVED
    assert len(store.history(ana.id, limit=5)) == 1
    assert len(store.study_cards(ana.id, pack.id)) == 1
