"""A player's history: their saved rounds, newest first."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from clarity.core.numbers import format_number
from clarity.ui.bindings import Binding
from clarity.ui.keys import Letter
from clarity.ui.menu_frame import short_date
from clarity.ui.menu_screen import BACK
from clarity.ui.services import RoundRecord
from clarity.ui.table import Cell, Column, Row, medal_cell
from clarity.ui.table_screen import TableScreen
from clarity.ui.widgets import Button

if TYPE_CHECKING:
    from clarity.ui.app import App

HISTORY_LIMIT = 200  # a term of rounds; the teacher's CSV export has them all
COLUMNS = (
    Column("Played"),
    Column("Pack", flex=True),
    Column("Score", "right"),
    Column("Medal"),
    Column("Right", "right"),
    Column("Wrong", "right"),
)
#: T opens the trophy cabinet in the history's place (the cabinet's H comes back).
TROPHIES = Binding("trophies", (Letter("T"),), "trophies")


def played_when(moment: datetime, today: date) -> str:
    """23 Nov, 09:00 this year; 23 Nov 2025 before (a class keeps a year's rounds)."""
    if moment.year == today.year:
        return f"{moment.day} {moment:%b}, {moment:%H:%M}"
    return short_date(moment)


def history_row(record: RoundRecord, pack_title: str, today: date) -> Row:
    return Row(
        (
            Cell(played_when(record.played_at, today)),
            Cell(pack_title, bold=True),
            Cell(format_number(record.score), bold=True),
            medal_cell(record.medal),
            Cell(str(record.right), colour="right"),
            Cell(str(record.wrong), colour="text_muted"),
        )
    )


class HistoryScene(TableScreen):
    """The current player's rounds; a guest is told that theirs are not kept."""

    name = "history"

    def __init__(self, app: App) -> None:
        self.back_button = Button("Back", self.back, BACK.hint_cap)
        self.trophies_button = Button("Trophies", self.trophies, TROPHIES.hint_cap)
        super().__init__(app, "History", COLUMNS, [self.back_button, self.trophies_button])
        session = app.services.session
        session.open()
        self.player = session.player
        self.records: list[RoundRecord] = []
        if self.player is None or not session.has_saved_data:
            self._frame.subheading = "Playing as a guest"
            self.empty_message = "A guest's rounds are not saved. Choose a player to keep them."
            return
        self.records = session.rounds(HISTORY_LIMIT)
        titles = app.services.pack_titles()
        today = datetime.now().date()
        self.rows = [history_row(r, titles.get(r.pack_id, r.pack_id), today) for r in self.records]
        count = len(self.records)
        self._frame.subheading = (
            f"{self.player.name}  ·  {count} round{'' if count == 1 else 's'}, newest first"
        )
        self.empty_message = "No rounds yet: play one and it shows here."

    def own_keys(self) -> tuple[Binding, ...]:
        return (TROPHIES,)

    def trophies(self) -> None:
        self.visit("cabinet")
