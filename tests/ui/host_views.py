"""Projector views of a class game of thirty, made up, for the layout and language tests
of the host screens (and a link that hands them over as the server's would)."""

from __future__ import annotations

import dataclasses
from typing import Any

from clarity.classroom.views import (
    ChoiceView,
    ProjectorView,
    QuestionResultView,
    QuestionView,
    ResponseLine,
    RosterLine,
    StandingLine,
)

#: Names as a class types them: Cyrillic and Latin, short and long.
NAMES = (
    "Аня", "Борис", "Charlotte", "Dmitry Ivanov", "Ева", "Фёдор", "Galina", "Hugo", "Ирина",
    "Юлия Сергеевна", "Kostya", "Лёша", "Маша", "Nikolai", "Оля", "Pavel", "Рома", "Sasha",
    "Таня", "Ulyana", "Вова", "Wanda", "Ксюша", "Yana", "Зоя", "Артём", "Богдан", "Вика",
    "Гриша", "Даша",
)  # fmt: skip
PROMPT = "Which river flows through Minsk, the capital city of Belarus, on its way south?"
CHOICES = ("The Svislach, through Minsk", "The Volga", "The Thames", "The Seine, in Paris")
EXPLAIN = (
    "The Svislach rises north-west of Minsk and flows through the city, past the old town, "
    "before it joins the Berezina."
)
LOOKS = (("A", "red", "triangle"), ("B", "blue", "diamond"), ("C", "yellow", "circle"))
LOOKS += (("D", "green", "square"),)


def class_of(count: int = 30) -> tuple[RosterLine, ...]:
    return tuple(
        RosterLine(i, NAMES[i % len(NAMES)], i % 7 != 3, False, 100 * (30 - i), i % 3 == 0)
        for i in range(count)
    )


def lobby(count: int = 30) -> ProjectorView:
    standings = tuple(
        StandingLine(line.student, line.name, 300 * (30 - i), i + 1)
        for i, line in enumerate(class_of(count))
    )
    return ProjectorView(
        phase="lobby",
        paused=False,
        pin="482913",
        students_url="http://192.168.100.200:8765/?pin=482913",
        pack_id="play-test",
        mystery_index=0,
        uncovered=((0, 0), (1, 2)),
        rows=2,
        cols=3,
        roster=class_of(count),
        question=None,
        answered=12,
        active=count,
        guessed_right=3,
        result=None,
        leaderboard_on=True,
        standings=standings,
        podium=(),
        first_guesser=None,
        mystery_answer=None,
        notice="Юлия Сергеевна joined",
        version=1,
    )


def question(kind: str = "choice") -> QuestionView:
    choices = tuple(ChoiceView(text, *look) for text, look in zip(CHOICES, LOOKS, strict=True))
    return QuestionView(
        number=3,
        total=8,
        kind=kind,
        prompt=PROMPT,
        image=None,
        choices=choices if kind == "choice" else (),
        seconds_left=14.2,
        time_limit=20.0,
        closes_in=14.2,
    )


def result(kind: str = "choice") -> QuestionResultView:
    responses = (
        ResponseLine("Moscow", 14, True),
        ResponseLine("Москва", 5, True),
        ResponseLine("Mosko", 4, False),
        ResponseLine("St Petersburg", 2, False),
    )
    return QuestionResultView(
        answered=25,
        right=14,
        choice_counts=(14, 6, 3, 2) if kind == "choice" else (),
        truth_counts=(11, 14) if kind == "truefalse" else (0, 0),
        responses=responses if kind == "typed" else (),
        right_choices=(0,) if kind == "choice" else (),
        right_answer=CHOICES[0]
        if kind == "choice"
        else "True"
        if kind == "truefalse"
        else "Moscow",
        explain=EXPLAIN,
        tile_uncovered=kind != "typed",
        refused=("Mosko", "St Petersburg") if kind == "typed" else (),
        right_truth=True if kind == "truefalse" else None,
    )


def every_phase() -> dict[str, ProjectorView]:
    """A view of each screen's state: the lobby, a question of each kind and its reveal,
    the leaderboard, the final guess, paused, the podium."""
    base = lobby()
    views = {"lobby": base}
    for kind in ("choice", "truefalse", "typed"):
        asked = dataclasses.replace(base, phase="question", question=question(kind))
        views[f"question-{kind}"] = asked
        views[f"reveal-{kind}"] = dataclasses.replace(asked, phase="reveal", result=result(kind))
    with_picture = dataclasses.replace(question(), image="windmill.png")
    views["question-picture"] = dataclasses.replace(base, phase="question", question=with_picture)
    views["leaderboard"] = dataclasses.replace(views["reveal-choice"], phase="leaderboard")
    views["final_guess"] = dataclasses.replace(base, phase="final_guess")
    views["paused"] = dataclasses.replace(views["question-choice"], paused=True)
    views["podium"] = dataclasses.replace(
        base,
        phase="ended",
        podium=base.standings,
        first_guesser="Юлия Сергеевна",
        mystery_answer="Lighthouse",
        notice="Saved: the results of 30 students are in the class results.",
    )
    return views


def screen_of(view: ProjectorView) -> str:
    return {"lobby": "host-lobby", "ended": "host-results"}.get(view.phase, "host-play")


class HandingLink:
    """A link whose server is made up: it hands over the views put in ``views`` and keeps
    the commands sent."""

    def __init__(self, view: ProjectorView) -> None:
        self.students_url = view.students_url
        self.teacher_url = "http://192.168.100.200:8765/teacher?token=secret"
        self.pin = view.pin
        self.views: list[ProjectorView] = [view]
        self.sent: list[Any] = []
        self.closed = False

    def latest_view(self) -> ProjectorView | None:
        view = self.views[-1] if self.views else None
        self.views.clear()
        return view

    def send(self, command: Any) -> None:
        self.sent.append(command)

    def close(self) -> None:
        self.closed = True
