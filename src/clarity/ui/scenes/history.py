"""A player's history: their saved rounds, study sessions and True or False sprints,
newest first, in one table, the line under its heading counting each kind.

A study session is a day's flashcard reviews of one pack: the cards reviewed in the Score
column, those remembered (rated Hard, Good or Easy) as right and the rest as wrong. A
sprint shows its score, its right and wrong answers and its best streak.

A class game the player played in as a member of a team is one of them: a history with
one has a Team column beside the score (the team's score; the right and wrong answers
are the player's own share of the team's, see :mod:`clarity.store.class_games`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from clarity.core.messages import N_
from clarity.ui.bindings import Binding
from clarity.ui.keys import Letter
from clarity.ui.menu_screen import BACK
from clarity.ui.services import RoundRecord
from clarity.ui.table import Cell, Column, Row, Table, medal_cell
from clarity.ui.table_screen import TableScreen
from clarity.ui.widgets import Button

if TYPE_CHECKING:
    from clarity.i18n import Translator
    from clarity.ui.app import App
    from clarity.ui.services import SprintRecord, StudyDay  # the store's rows, by name

HISTORY_LIMIT = 200  # a term of rounds; the teacher's CSV export has them all
COLUMNS = (
    # Translators: the heading of the column of when each round was played
    Column(N_("Played")),
    Column(N_("Pack"), flex=True),
    Column(N_("Score"), "right"),
    # the counts of answers give way first when the table is too wide, then the medal
    Column(N_("Medal"), drop=3),
    # Translators: the heading of the column of right answers (a count)
    Column(N_("Right"), "right", drop=2),
    # Translators: the heading of the column of wrong answers (a count)
    Column(N_("Wrong"), "right", drop=1),
)
#: The columns of a history with a class game in it: the team the player played in, beside
#: the score (the team's). It gives way after the medal when the table is too wide.
CLASS_COLUMNS = (
    *COLUMNS[:2],
    # Translators: the heading of the column of the team a player played in (a class game)
    Column(N_("Team"), drop=4),
    *COLUMNS[2:],
)
#: T opens the trophy cabinet in the history's place (the cabinet's H comes back).
TROPHIES = Binding("trophies", (Letter("T"),), N_("trophies"))


def played_when(moment: datetime, today: date, t: Translator, *, short: bool = False) -> str:
    """When a round was played, as ``t``'s language writes it: the day and the time this
    year (23 Nov, 09:00; 23 нояб., 09:00), the date before (23 Nov 2025), since a class
    keeps a year's rounds. The day without its year is CLDR's ``MMMd`` skeleton; ``short``
    writes the month as a number (23/11, 09:00; 23.11, 09:00; 23.11.2025: CLDR's ``Md``
    skeleton and short date), for a table too narrow for the month's name."""
    if moment.year != today.year:
        return t.date(moment, "short" if short else "medium")
    day = t.date_by_skeleton(moment, "Md" if short else "MMMd")
    # Translators: a day this year and a time of day, in the history: "Nov 23, 9:00 AM"
    return t.gettext("{day}, {time}", day=day, time=t.time(moment))


def history_row(
    record: RoundRecord, pack_title: str, today: date, t: Translator, *, teams: bool = False
) -> Row:
    """One round of the history, its numbers and date in ``t``'s language; with ``teams``
    (the columns of :data:`CLASS_COLUMNS`), the team a class game was played in, empty for
    a round played alone."""
    team = () if not teams else (Cell(record.team_name or "", bold=True),)
    return Row(
        (
            Cell(
                played_when(record.played_at, today, t),
                short=played_when(record.played_at, today, t, short=True),
            ),
            Cell(pack_title, bold=True),
            *team,
            Cell(t.number(record.score), bold=True),
            medal_cell(record.medal, t),
            Cell(t.number(record.right), colour="right"),
            Cell(t.number(record.wrong), colour="text_muted"),
        )
    )


def study_day_row(session: StudyDay, pack_title: str, today: date, t: Translator) -> Row:
    """One day's flashcard reviews of a pack: the day, the pack, the cards reviewed, the
    mode ("Study"), the cards remembered and those not."""
    if session.day.year != today.year:
        when, short = t.date(session.day, "medium"), t.date(session.day, "short")
    else:
        when = t.date_by_skeleton(session.day, "MMMd")
        short = t.date_by_skeleton(session.day, "Md")
    return Row(
        (
            Cell(when, short=short),
            Cell(pack_title, bold=True),
            # Translators: the cards reviewed in a day's study of a pack, in the history
            Cell(
                t.ngettext("{count} card", "{count} cards", session.reviewed),
                bold=True,
                short=t.number(session.reviewed),
            ),
            Cell(t.gettext("Study"), colour="text_muted"),
            Cell(t.number(session.remembered), colour="right"),
            Cell(t.number(session.reviewed - session.remembered), colour="text_muted"),
        )
    )


def sprint_row(sprint: SprintRecord, pack_title: str, today: date, t: Translator) -> Row:
    """One True or False sprint: when, the pack, its score, the mode with its best streak,
    its right answers (the score: one point each) and wrong ones."""
    played = sprint.played_at.astimezone()
    wrong = max(sprint.statements - sprint.score, 0)
    return Row(
        (
            Cell(played_when(played, today, t), short=played_when(played, today, t, short=True)),
            Cell(pack_title, bold=True),
            Cell(t.number(sprint.score), bold=True),
            Cell(
                # Translators: a True or False sprint in the history, with its longest run
                t.gettext(
                    "True or False  ·  best streak {streak}", streak=t.number(sprint.best_streak)
                ),
                # Translators: a sprint's longest run of right answers, where the history is tight
                short=t.gettext("Streak {streak}", streak=t.number(sprint.best_streak)),
                colour="text_muted",
            ),
            Cell(t.number(sprint.score), colour="right"),
            Cell(t.number(wrong), colour="text_muted"),
        )
    )


def history_said(name: str, rounds: int, study_days: int, sprints: int, t: Translator) -> str:
    """The line under the history's heading: the player and what the list holds, each kind
    counted in ``t``'s plural forms and joined as the language lists ("Ana  ·  12 rounds,
    3 study days and 2 sprints, newest first"); a kind with none is left out, and a
    history of rounds alone (or of nothing) says its rounds as it always has."""
    if not study_days and not sprints:
        # Translators: under the history's heading: "Ana  ·  12 rounds, newest first"
        return t.ngettext(
            "{name}  ·  {count} round, newest first",
            "{name}  ·  {count} rounds, newest first",
            rounds,
            name=name,
        )
    kinds = []
    if rounds:
        kinds.append(t.ngettext("{count} round", "{count} rounds", rounds))
    if study_days:
        # Translators: in the history's line: days with flashcard study ("3 study days")
        kinds.append(t.ngettext("{count} study day", "{count} study days", study_days))
    if sprints:
        # Translators: in the history's line: True or False sprints played ("2 sprints")
        kinds.append(t.ngettext("{count} sprint", "{count} sprints", sprints))
    # Translators: under the history's heading; {what} lists what it holds ("12 rounds,
    # 3 study days and 2 sprints")
    return t.gettext("{name}  ·  {what}, newest first", name=name, what=t.join(kinds))


class _Entry(NamedTuple):
    """A line of the history before it is drawn: when (seconds since the epoch), what."""

    seconds: float
    kind: str  # "round", "study", "sprint"
    item: object


class HistoryScene(TableScreen):
    """The current player's rounds; a guest is told that theirs are not kept."""

    name = "history"

    def __init__(self, app: App) -> None:
        self.back_button = Button(N_("Back"), self.back, BACK.hint_cap)
        self.trophies_button = Button(N_("Trophies"), self.trophies, TROPHIES.hint_cap)
        super().__init__(app, N_("History"), COLUMNS, [self.back_button, self.trophies_button])
        session = app.services.session
        session.open()
        self.player = session.player
        self.records: list[RoundRecord] = []
        self.study_days: list[StudyDay] = []
        self.sprints: list[SprintRecord] = []
        self.has_class_games = False  # then the team column is shown
        self._titles: dict[str, str] = {}
        if self.player is None or not session.has_saved_data:
            self.empty_message = N_("A guest's rounds are not saved. Choose a player to keep them.")
            self.fill()
            return
        self.records = session.rounds(HISTORY_LIMIT)
        self.study_days, self.sprints = app.services.study_history(HISTORY_LIMIT)
        self.has_class_games = any(r.in_class_game for r in self.records)
        if self.has_class_games:
            self.table = Table(CLASS_COLUMNS)
        self._titles = app.services.pack_titles()
        self.empty_message = N_("No rounds yet: play one and it shows here.")
        self.fill()

    def fill(self) -> None:
        t = self.app.translator
        if self.player is None or not self.app.services.session.has_saved_data:
            self._frame.subheading = t.gettext("Playing as a guest")
            return
        today = datetime.now().date()
        titles = self._titles
        teams = self.has_class_games
        entries = [_Entry(r.played_at.timestamp(), "round", r) for r in self.records]
        entries += [_Entry(d.last_review.timestamp(), "study", d) for d in self.study_days]
        entries += [_Entry(s.played_at.timestamp(), "sprint", s) for s in self.sprints]
        entries.sort(key=lambda entry: entry.seconds, reverse=True)  # stable: ties keep order
        rows = []
        for entry in entries:
            item = entry.item
            title = titles.get(item.pack_id, item.pack_id)  # type: ignore[attr-defined]
            if entry.kind == "study":
                row = study_day_row(item, title, today, t)  # type: ignore[arg-type]
                if teams:
                    row = Row((*row.cells[:2], Cell(""), *row.cells[2:]))
            elif entry.kind == "sprint":
                row = sprint_row(item, title, today, t)  # type: ignore[arg-type]
                if teams:
                    row = Row((*row.cells[:2], Cell(""), *row.cells[2:]))
            else:
                row = history_row(item, title, today, t, teams=teams)  # type: ignore[arg-type]
            rows.append(row)
        self.rows = rows
        self._frame.subheading = history_said(
            self.player.name, len(self.records), len(self.study_days), len(self.sprints), t
        )

    def own_keys(self) -> tuple[Binding, ...]:
        return (TROPHIES,)

    def trophies(self) -> None:
        self.visit("cabinet")
