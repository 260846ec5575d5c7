"""The teacher's views of the saved data: tables for the terminal, CSV for a spreadsheet.

These take a :class:`Store` and return rows or write text; the command line
(:mod:`clarity.cli`) only parses arguments and prints.

CSV choices, so that the file opens as it is in Excel and LibreOffice:

* UTF-8 **with** a byte-order mark (``utf-8-sig``). Without the BOM, Excel reads a CSV in
  the computer's legacy code page and turns Cyrillic or accented names into mojibake;
  LibreOffice and Python's ``csv`` handle the BOM fine. :func:`write_results_csv` opens
  the file that way; :func:`results_csv` writes to any text stream (no BOM by itself).
* A header row, commas, ``\\r\\n`` line ends, fields quoted only when needed (the
  ``csv`` module's spreadsheet dialect).
* Dates as local ``YYYY-MM-DD HH:MM:SS`` (the wall-clock time the round was played,
  ISO 8601 with a space for the ``T``): both spreadsheets read that as a date and time,
  whereas a ``T`` or a UTC offset makes Excel keep it as text.
* A text cell that begins with ``=``, ``+``, ``-`` or ``@`` gets a leading apostrophe,
  so a player called ``=HYPERLINK(...)`` is shown as text, not run as a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from clarity.core.numbers import GROUP_SEPARATOR, MINUS, format_number
from clarity.core.trophies import TROPHIES, Tier, lasting_progress
from clarity.store.models import LeaderRow, Player, PlayerOverview
from clarity.store.store import Store

# timer and time_scale come last, so that a sheet made from an older export keeps its columns.
RESULTS_HEADER = (
    "player",
    "pack",
    "date",
    "score",
    "right",
    "wrong",
    "medal",
    "trophies",
    "timer",
    "time_scale",
)
LEADERBOARD_HEADER = ("pack", "rank", "player", "score", "medal", "date")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def players_table(store: Store) -> list[PlayerOverview]:
    """Every player, by name, with their rounds, right answers, best score and last game."""
    return store.player_overview()


def leaderboard_rows(store: Store, pack_id: str | None, limit: int = 10) -> list[LeaderRow]:
    """One pack's leaderboard, or every played pack's one after the other (by pack id)."""
    pack_ids = [pack_id] if pack_id is not None else sorted(store.pack_ids())
    return [row for pid in pack_ids for row in store.leaderboard(pid, limit)]


def results_csv(store: Store, out: TextIO, trophy_names: Mapping[str, str] | None = None) -> int:
    """Write one CSV row per saved round, oldest first; return the number of rounds.

    ``trophy_names`` maps trophy ids to the names to show (defaults to the game's own
    trophies); an id it does not know is written as it is. ``timer`` is ``on`` or
    ``off``; ``time_scale`` is what each question's time limit was multiplied by, as a
    number a spreadsheet reads (1, 1.5, 2, 3), or ``none`` for no time limit at all.
    """
    names = _trophy_names() if trophy_names is None else trophy_names
    writer = csv.writer(out, dialect="excel")
    writer.writerow(RESULTS_HEADER)
    count = 0
    for record in store.all_rounds():
        writer.writerow(
            (
                spreadsheet_text(record.player_name),
                spreadsheet_text(record.pack_id),
                spreadsheet_date(record.played_at),
                record.score,
                record.right,
                record.wrong,
                record.medal or "",
                spreadsheet_text("; ".join(names.get(t, t) for t in record.trophies)),
                "on" if record.timer else "off",
                "none" if record.time_scale is None else f"{record.time_scale:g}",
            )
        )
        count += 1
    return count


def write_results_csv(
    store: Store, path: Path, trophy_names: Mapping[str, str] | None = None
) -> int:
    """Write :func:`results_csv` to a file a spreadsheet opens as it is (UTF-8 with BOM)."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        return results_csv(store, out, trophy_names)


def leaderboard_csv(
    rows: Iterable[LeaderRow], out: TextIO, *, lineterminator: str = "\r\n"
) -> None:
    """Write leaderboard rows as CSV with a header.

    Give ``lineterminator="\n"`` for a stream that translates newlines itself (the
    terminal on Windows), or every row would end in ``\r\r\n``.
    """
    writer = csv.writer(out, dialect="excel", lineterminator=lineterminator)
    writer.writerow(LEADERBOARD_HEADER)
    for row in rows:
        writer.writerow(
            (
                spreadsheet_text(row.pack_id),
                row.rank,
                spreadsheet_text(row.player_name),
                row.score,
                row.medal or "",
                spreadsheet_date(row.played_at),
            )
        )


@dataclass(frozen=True)
class TrophyLine:
    """One trophy as the teacher's ``trophies`` command lists it for a player."""

    trophy_id: str
    name: str
    tier: Tier
    lasting: bool
    earned: bool
    progress: str  # "57/100" for a lasting trophy, "3 times" for a per-round one
    first_earned_at: datetime | None


def trophy_lines(
    store: Store, player: Player, bundled_pack_ids: Collection[str]
) -> list[TrophyLine]:
    """Every trophy of the game for one player: lasting ones with progress, then the rest.

    Lasting trophies are measured now from the player's statistics (by
    :func:`clarity.core.trophies.lasting_progress`); per-round ones come from the rounds.
    """
    earned = store.earned_trophies(player.id)
    lines = []
    for progress in lasting_progress(store.player_stats(player.id), bundled_pack_ids):
        trophy = progress.trophy
        first = earned.get(trophy.id)
        lines.append(
            TrophyLine(
                trophy.id,
                trophy.name,
                trophy.tier,
                lasting=True,
                earned=progress.earned,
                progress=f"{format_number(progress.current)}/{format_number(progress.target)}",
                first_earned_at=first.first_earned_at if first else None,
            )
        )
    for trophy in TROPHIES:
        if trophy.lasting:
            continue
        won = earned.get(trophy.id)
        times = won.times if won else 0
        lines.append(
            TrophyLine(
                trophy.id,
                trophy.name,
                trophy.tier,
                lasting=False,
                earned=won is not None,
                progress=f"{format_number(times)} time{'' if times == 1 else 's'}",
                first_earned_at=won.first_earned_at if won else None,
            )
        )
    return lines


def format_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A plain-text table with aligned columns; numbers are right-aligned, and an int is
    written as every screen writes it (:func:`clarity.core.numbers.format_number`)."""
    cells = [list(header)] + [[_cell_text(v) for v in row] for row in rows]
    numeric = [
        len(cells) > 1 and all(_looks_numeric(row[i]) for row in cells[1:])
        for i in range(len(header))
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        parts = [
            row[i].rjust(widths[i]) if numeric[i] else row[i].ljust(widths[i])
            for i in range(len(header))
        ]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def extra_time_text(scale: float | None) -> str:
    """A player's extra time as the teacher reads it: "x1", "x1.5", "x2", "x3", "no limit"."""
    return "no limit" if scale is None else f"x{scale:g}"


def spreadsheet_text(text: str) -> str:
    """Text that a spreadsheet will show, never evaluate."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def spreadsheet_date(moment: datetime) -> str:
    """Local wall-clock time as ``YYYY-MM-DD HH:MM:SS``, which spreadsheets parse."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def short_date(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def _looks_numeric(text: str) -> bool:
    digits = text.replace(GROUP_SEPARATOR, "").removeprefix(MINUS).removeprefix("-")
    return text == "" or digits.isdigit()


def _trophy_names() -> dict[str, str]:
    return {trophy.id: trophy.name for trophy in TROPHIES}
