"""The class report's figures (``Store.class_report``), from rounds saved in a real SQLite
store through the store's own API, checked against figures worked out by hand."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime, timedelta

import pytest

from clarity.core.events import AnswerGiven, Points
from clarity.store import Player, Store
from clarity.store.question_stats import QuestionFigures, response_key

from .factories import MONDAY_9AM, add_player, make_summary, save_class_game

# (question id, response or None for a time-out, right, seconds)
Answer = tuple[str | None, str | None, bool, float]


def play_round(
    store: Store,
    player: Player,
    answers: Sequence[Answer],
    *,
    pack_id: str = "capitals",
    played_at: datetime = MONDAY_9AM,
) -> None:
    """Save a finished round of ``player`` in which they gave ``answers``, in order."""
    given = tuple(
        AnswerGiven(
            number=n,
            question_index=n - 1,
            question_id=question,
            response=response,
            right=right,
            seconds=seconds,
            points=Points(base=100) if right else Points(),
            streak=1 if right else 0,
            timed_out=response is None,
        )
        for n, (question, response, right, seconds) in enumerate(answers, start=1)
    )
    right = sum(a.right for a in given)
    summary = dataclasses.replace(
        make_summary(pack_id=pack_id, right=right, wrong=len(given) - right),
        answers=given,
    )
    saved = store.save_round(
        player.id,
        summary,
        pack_sha256="0" * 64,
        mystery_image="saturn.png",
        medal=None,
        trophies=(),
        played_at=played_at,
        time_scale=1.0,
    )
    assert not hasattr(saved, "message"), saved


def play_the_class(store: Store) -> dict[str, Player]:
    """Three players, four rounds of the pack "capitals" (the figures the tests expect are
    worked out from these answers by hand in their comments)."""
    ana, bob, cleo = (add_player(store, name) for name in ("Ana", "Боб", "Cleo"))
    hour = timedelta(hours=1)
    play_round(
        store,
        ana,
        [("q-fr", "Paris", True, 4.0), ("q-au", "Sydney", False, 10.0), ("q-by", "Минск", True, 3)],
    )
    play_round(
        store,
        bob,
        [
            ("q-fr", "Lyon", False, 6.0),
            ("q-au", "  sydney ", False, 8.0),
            ("q-by", None, False, 20),
        ],
        played_at=MONDAY_9AM + hour,
    )
    play_round(
        store,
        ana,
        [("q-au", "Canberra", True, 5.0), ("q-fr", "Paris", True, 2.0)],
        played_at=MONDAY_9AM + 2 * hour,
    )
    play_round(
        store,
        cleo,
        [("q-au", "Melbourne", False, 9.0), ("q-by", "Минск", True, 4.0)],
        played_at=MONDAY_9AM + 3 * hour,
    )
    return {"ana": ana, "bob": bob, "cleo": cleo}


def test_each_question_hardest_first_with_its_figures(store: Store) -> None:
    play_the_class(store)
    report = store.class_report()
    assert report.answers == 10
    assert report.unidentified == 0
    # q-au: 4 asked, 1 right, (10 + 8 + 5 + 9) / 4 = 8 s; "Sydney" and "  sydney " are one
    # answer, chosen twice (Melbourne once). q-fr: 3 asked, 2 right, (4 + 6 + 2) / 3 = 4 s.
    # q-by: 3 asked, 2 right, (3 + 20 + 4) / 3 = 9 s; the time-out is no answer chosen.
    # q-by and q-fr tie (2/3 right, 3 asked): by id.
    assert report.questions == (
        QuestionFigures("capitals", "q-au", 4, 1, 8.0, "Sydney", 2),
        QuestionFigures("capitals", "q-by", 3, 2, 9.0, None, 0),
        QuestionFigures("capitals", "q-fr", 3, 2, 4.0, "Lyon", 1),
    )
    assert report.questions[0].share_right == 0.25
    assert report.questions[1].share_right == pytest.approx(2 / 3)


def test_each_player_rounds_accuracy_and_most_missed(store: Store) -> None:
    play_the_class(store)
    players = {p.name: p for p in store.class_report().players}
    # by name, case aside: Latin before Cyrillic
    assert list(players) == ["Ana", "Cleo", "Боб"]
    ana, cleo, bob = players["Ana"], players["Cleo"], players["Боб"]
    assert (ana.rounds, ana.answers, ana.right, ana.accuracy) == (2, 5, 4, 0.8)
    assert ana.missed == (("capitals", "q-au", 1),)
    assert (bob.rounds, bob.answers, bob.right, bob.accuracy) == (1, 3, 0, 0.0)
    assert bob.missed == (("capitals", "q-au", 1), ("capitals", "q-by", 1), ("capitals", "q-fr", 1))
    assert (cleo.rounds, cleo.answers, cleo.right) == (1, 2, 1)


def test_the_questions_a_player_misses_most_come_first(store: Store) -> None:
    dan = add_player(store, "Dan")
    for hour in range(3):
        play_round(
            store,
            dan,
            [
                ("q-fr", "Lyon", False, 3.0),
                ("q-au", "Sydney" if hour else "Canberra", hour == 0, 4),
            ],
            played_at=MONDAY_9AM + timedelta(hours=hour),
        )
    (figures,) = store.class_report().players
    assert figures.missed == (("capitals", "q-fr", 3), ("capitals", "q-au", 2))


def test_a_tie_in_share_goes_to_the_question_asked_most(store: Store) -> None:
    eve = add_player(store, "Eve")
    # q-a: 1 of 2 right; q-z: 2 of 4 right: both half, q-z asked more so first
    play_round(store, eve, [("q-a", "x", False, 1.0), ("q-a", "y", True, 1.0)])
    play_round(store, eve, [("q-z", "x", False, 1.0), ("q-z", "y", True, 1.0)] * 2)
    assert [q.question_id for q in store.class_report().questions] == ["q-z", "q-a"]


def test_one_player_only(store: Store) -> None:
    play_the_class(store)
    report = store.class_report(player="  боб ")  # as a teacher may type it
    assert [p.name for p in report.players] == ["Боб"]
    assert report.answers == 3
    # the questions' figures are Боб's alone
    assert {q.question_id: (q.asked, q.right, q.top_wrong) for q in report.questions} == {
        "q-au": (1, 0, "sydney"),
        "q-by": (1, 0, None),
        "q-fr": (1, 0, "Lyon"),
    }


def test_one_pack_only(store: Store) -> None:
    people = play_the_class(store)
    play_round(store, people["ana"], [("q1", "Mars", False, 2.0)], pack_id="solar-system")
    assert {q.pack_id for q in store.class_report().questions} == {"capitals", "solar-system"}
    report = store.class_report(pack_id="solar-system")
    assert report.questions == (QuestionFigures("solar-system", "q1", 1, 0, 2.0, "Mars", 1),)
    assert [(p.name, p.answers) for p in report.players] == [("Ana", 1)]
    assert store.class_report(pack_id="nothing").answers == 0


def test_an_answer_to_a_question_without_an_id_counts_for_its_player_only(store: Store) -> None:
    ana = add_player(store, "Ana")
    play_round(store, ana, [(None, "Paris", True, 2.0), ("q-au", "Sydney", False, 3.0)])
    report = store.class_report()
    assert report.unidentified == 1
    assert [q.question_id for q in report.questions] == ["q-au"]
    (figures,) = report.players
    assert (figures.answers, figures.right) == (2, 1)


def test_a_teams_answers_count_for_each_member(store: Store) -> None:
    ana, bob = add_player(store, "Ana"), add_player(store, "Bob")
    save_class_game(store, [("Reds", [ana.id, bob.id], 500), ("Blues", [], 300)])
    report = store.class_report()
    # each team answered q1..q4 (3 right, 1 timed out: make_summary); the guests' team counts
    # for the questions, for no player
    assert [(p.name, p.rounds, p.answers, p.right) for p in report.players] == [
        ("Ana", 1, 4, 3),
        ("Bob", 1, 4, 3),
    ]
    assert {q.question_id: (q.asked, q.right) for q in report.questions} == {
        "q1": (2, 2),
        "q2": (2, 2),
        "q3": (2, 2),
        "q4": (2, 0),
    }


def test_an_empty_store_has_no_figures(store: Store) -> None:
    report = store.class_report()
    assert (report.questions, report.players, report.answers) == ((), (), 0)


def test_responses_are_grouped_case_and_spacing_aside() -> None:
    assert response_key("  New   York ") == response_key("new york") == "new york"
    assert response_key("Минск") == response_key("МИНСК")
    assert response_key("Paris") != response_key("Pari s")
