"""The teacher's views of the saved data: tables for the terminal, CSV for a spreadsheet.

These take a :class:`Store` and return rows or write text; the command line
(:mod:`clarity.cli`) only parses arguments and prints.

CSV choices, so that the file opens as it is in Excel and LibreOffice:

* UTF-8 **with** a byte-order mark (``utf-8-sig``). Without the BOM, Excel reads a CSV in
  the computer's legacy code page and turns Cyrillic or accented names into mojibake;
  LibreOffice and Python's ``csv`` handle the BOM fine. :func:`write_results_csv` opens
  the file that way; :func:`results_csv` writes to any text stream (no BOM by itself).
* A header row, commas, ``\\r\\n`` line ends. The header's column names and the values a
  formula or a script tests (``on``/``off``, ``none``, the medal ids) are English in every
  interface language: spreadsheets' formulas, scripts and next year's import read them by
  name, and one file must mean the same on every computer of a lab whatever its language.
  The trophies' names are the caller's to give (``trophy_names``), in the teacher's language.
* Dates as local ``YYYY-MM-DD HH:MM:SS`` (the wall-clock time the round was played,
  ISO 8601 with a space for the ``T``): both spreadsheets read that as a date and time,
  whereas a ``T`` or a UTC offset makes Excel keep it as text.
* The file is replaced whole or not at all (:mod:`clarity.atomic_files`): a kill or a full
  disk during an export leaves the previous export as it was.

Cells a spreadsheet must show, never run (OWASP, "CSV Injection",
https://owasp.org/www-community/attacks/CSV_Injection, and ASVS 4.0 requirement 5.3.6 /
5.0 requirement 1.2.10), so that a player called ``=HYPERLINK(...)`` stays a name:

* **Every text cell is quoted** (``"Ana"``), numbers are not.
* Quoting alone does not hold when the spreadsheet splits on another list separator:
  LibreOffice set to ``;`` or tab drops the quoting of a field that does not end at its
  own separator, so ``"a;=1+1;b"`` becomes three cells, the middle one a live formula, and a
  line break inside a quoted cell starts a new row (checked with LibreOffice 7.4). So every
  **segment** a separator could start is protected, not only the cell's start: the cell's
  start, and the place after every ``,``, ``;``, ``|``, line break and space of any kind
  (tab, space and the others: LibreOffice's import offers the space as a separator, and
  its "Trim spaces" would bring a formula after spaces to a cell's start).
  A segment whose first character is ``=``, ``+``, ``-``, ``@`` or NUL gets an apostrophe
  at its start (``a;'=1+1;b``, ``a; '=1``); a cell that starts with a tab, carriage return
  or line feed gets one at its very start too. The full-width ``＝ ＋ － ＠`` count,
  since an East Asian spreadsheet may take them for their ASCII twins. The apostrophe shows
  in the cell: that is the price of a cell that cannot run.
* A segment that already starts with an apostrophe gets another one, so the
  protection can be undone without guessing: remove one apostrophe at the start of every
  segment that has one. ``'=1`` is written ``''=1`` and ``=1`` is written ``'=1``, as a
  spreadsheet itself takes a typed leading apostrophe for "text follows" and keeps only
  what comes after it.
* **A text cell stays text**: a player's name or a pack id that a spreadsheet would read as
  a number (``0012``, ``1e5``, ``-3``, ``+7``, ``1.5``, ``50%``; see :data:`_NUMBER_LIKE`)
  gets an apostrophe too, or the spreadsheet would show ``12``, ``100000`` or ``7``: another
  name. Numbers (a score, a time scale) are written as numbers, unquoted, and stay numbers.

:func:`spreadsheet_row` applies these rules to every row that :func:`results_csv` and
:func:`leaderboard_csv` write.
"""

from __future__ import annotations

import csv
import heapq
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from clarity.atomic_files import replacing
from clarity.core.numbers import format_number
from clarity.core.trophies import TROPHIES, Tier, lasting_progress
from clarity.store.live_games import DEVICES_MODE
from clarity.store.models import LeaderRow, Player, PlayerOverview, RoundRecord, TeamRecord
from clarity.store.store import Store
from clarity.terminal_text import display_width, terminal_safe

# Later columns come last, so that a sheet made from an older export keeps its columns:
# timer and time_scale, then team and mode (class games), then removed (device games).
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
    "team",
    "mode",
    "removed",
)
#: One row per answer (``clarity results --answers``); see :func:`answers_csv`.
ANSWERS_HEADER = (
    "date",
    "game",
    "mode",
    "pack",
    "player",
    "team",
    "question",
    "question_id",
    "response",
    "right",
    "seconds",
    "points",
    "timed_out",
    "removed",
)
#: the ``mode`` of a round played alone; a class game's is its own: ``turns``, ``buzz`` or
#: ``devices``
SOLO_MODE = "solo"
LEADERBOARD_HEADER = ("pack", "rank", "player", "score", "medal", "date")
# Where a spreadsheet could start a new cell or row when its list separator is not ours:
# the separators LibreOffice's import offers (comma, semicolon, tab, space), '|', line
# breaks, and every other space (an import may trim any of them before it reads a cell).
_SEGMENTS = re.compile(r"([,;|\s])")
_TRIGGERS = frozenset("=+-@\0\uff1d\uff0b\uff0d\uff20'")
# A cell with no trigger where a segment starts, no line break or tab first, and that does
# not start with a digit, sign or point (the cells a number could be): left as it is.
_NOTHING_TO_PROTECT = re.compile(
    "(?![\\t\\r\\n\\s0-9.,=+\\-@\\0\uff1d\uff0b\uff0d\uff20'])"
    "(?:[^,;|\\s]|[,;|\\s](?![=+\\-@\\0\uff1d\uff0b\uff0d\uff20']))*"
)
#: Text a spreadsheet would read as a number: a sign, digits with a decimal point or comma
#: (a German spreadsheet reads ``1,5``) and group signs, an exponent, a percent sign.
_NUMBER_LIKE = re.compile(r"\s*[+-]?(?:[0-9][0-9.,]*|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?\s*%?\s*")


def players_table(store: Store) -> list[PlayerOverview]:
    """Every player, by name, with their rounds, right answers, best score and last game."""
    return store.player_overview()


def leaderboard_rows(store: Store, pack_id: str | None, limit: int = 10) -> list[LeaderRow]:
    """One pack's leaderboard, or every played pack's one after the other (by pack id)."""
    pack_ids = [pack_id] if pack_id is not None else sorted(store.pack_ids())
    return [row for pid in pack_ids for row in store.leaderboard(pid, limit)]


def results_csv(store: Store, out: TextIO, trophy_names: Mapping[str, str] | None = None) -> int:
    """Write one CSV row per saved round played alone and per team member of a class game,
    oldest first; return the number of rows.

    ``trophy_names`` maps trophy ids to the names to show (defaults to the game's own
    trophies); an id it does not know is written as it is. ``timer`` is ``on`` or
    ``off``; ``time_scale`` is what each question's time limit was multiplied by, as a
    number a spreadsheet reads (1, 1.5, 2, 3), or ``none`` for no time limit at all.

    A class game gives one row per team and member: a row for each member who is a player
    (named in ``player``), or one row with ``player`` empty for a team with none; every row
    of a team has the team's name in ``team``, its score, right and wrong answers, medal
    and per-round trophies, and the game's ``mode`` (``turns`` or ``buzz``). A game on the
    students' devices gives one row per student (``mode`` ``devices``, ``team`` empty), named
    in ``player`` as the player they picked from the class list is now called, or by the
    nickname they played under, each with their own ``time_scale`` (the class's times
    their extra time). Every student who took part is there
    (:func:`clarity.store.live_games.took_part`): a student the teacher removed, or who
    left, after answering or guessing at least once has ``removed`` ``yes``; a name removed
    before it answered or guessed anything (as in the lobby) is left out. ``removed`` is
    ``no`` on every other row. A round played alone has ``team`` empty and ``mode``
    ``solo``.
    """
    names = _trophy_names() if trophy_names is None else trophy_names
    writer = spreadsheet_writer(out)
    writer.writerow(RESULTS_HEADER)
    count = 0
    solo = (
        (record.played_at, 0, _solo_row(record, names))
        for record in store.all_rounds()
        if not record.in_class_game  # a member's round is written with their team below
    )
    teams = (
        (team.played_at, 1, row) for team in store.class_teams() for row in _team_rows(team, names)
    )
    for _, _, row in heapq.merge(solo, teams, key=lambda item: (item[0], item[1])):
        writer.writerow(spreadsheet_row(row))
        count += 1
    return count


def _solo_row(
    record: RoundRecord, names: Mapping[str, str]
) -> tuple[str | int | float | None, ...]:
    return (
        record.player_name,
        record.pack_id,
        spreadsheet_date(record.played_at),
        record.score,
        record.right,
        record.wrong,
        record.medal,
        "; ".join(names.get(t, t) for t in record.trophies),
        "on" if record.timer else "off",
        "none" if record.time_scale is None else _plain_number(record.time_scale),
        "",
        SOLO_MODE,
        "no",
    )


def _team_rows(
    team: TeamRecord, names: Mapping[str, str]
) -> Iterator[tuple[str | int | float | None, ...]]:
    if team.mode == DEVICES_MODE:
        yield _student_row(team, names)  # every one who took part (Store.class_teams)
        return
    for member in team.members or ("",):
        yield (
            member,
            team.pack_id,
            spreadsheet_date(team.played_at),
            team.score,
            team.right,
            team.wrong,
            team.medal,
            "; ".join(names.get(t, t) for t in team.trophies),
            "on" if team.timer else "off",
            "none" if team.time_scale is None else _plain_number(team.time_scale),
            team.name,
            team.mode,
            "no",
        )


def _student_row(
    team: TeamRecord, names: Mapping[str, str]
) -> tuple[str | int | float | None, ...]:
    """A student of a game on the devices: a team of at most one member, by their name."""
    return (
        team.members[0] if team.members else team.name,
        team.pack_id,
        spreadsheet_date(team.played_at),
        team.score,
        team.right,
        team.wrong,
        team.medal,
        "; ".join(names.get(t, t) for t in team.trophies),
        "on" if team.timer else "off",
        "none" if team.time_scale is None else _plain_number(team.time_scale),
        "",
        team.mode,
        _yes_no(team.removed),
    )


def write_results_csv(
    store: Store, path: Path, trophy_names: Mapping[str, str] | None = None
) -> int:
    """Write :func:`results_csv` to a file a spreadsheet opens as it is (UTF-8 with BOM).

    The file is replaced whole or not at all (:func:`clarity.atomic_files.replacing`);
    raises :class:`clarity.atomic_files.FileNotWritten`, naming ``path`` and why, when it
    cannot be written (the previous file is then as it was).
    """
    with replacing(path, encoding="utf-8-sig", newline="") as out:
        return results_csv(store, out, trophy_names)


def answers_csv(store: Store, out: TextIO) -> int:
    """Write one CSV row per saved answer of every kind of game that keeps answers (rounds
    played alone, teams of class games, students of games on the devices who took part),
    oldest game first, each game's teams or students in order and their answers in order;
    return the number of rows. The cells follow the same rules as :func:`results_csv`.

    Columns (:data:`ANSWERS_HEADER`): ``date`` the game's; ``game`` its id (the round's, or
    the class game's: a class's answers share it); ``mode`` ``solo``, ``turns``, ``buzz``
    or ``devices``; ``pack``; ``player`` and ``team`` as :func:`results_csv` names them
    (a team's members who are players joined by ``; ``); ``question`` the question's
    number as asked (a team's own count of its answers in a game on one screen);
    ``question_id`` the pack's id of the question (empty when it has none); ``response``
    what was chosen or typed (empty when the time ran out); ``right`` ``yes`` or ``no``;
    ``seconds`` on the question's clock; ``points`` the answer's total; ``timed_out``
    ``yes`` or ``no``; ``removed`` ``yes`` for a student removed (or gone) after they
    took part.
    """
    writer = spreadsheet_writer(out)
    writer.writerow(ANSWERS_HEADER)
    count = 0
    for line in store.every_answer():
        devices = line.mode == DEVICES_MODE
        if devices:  # as the results name a student: the player picked, else the nickname
            player, team = (line.players[0] if line.players else line.team or ""), ""
        else:
            player, team = "; ".join(line.players), line.team or ""
        writer.writerow(
            spreadsheet_row(
                (
                    spreadsheet_date(line.played_at),
                    line.game,
                    line.mode,
                    line.pack_id,
                    player,
                    team,
                    line.question,
                    line.question_id,
                    line.response,
                    _yes_no(line.right),
                    _plain_number(float(line.seconds)),
                    line.points,
                    _yes_no(line.timed_out),
                    _yes_no(line.removed),
                )
            )
        )
        count += 1
    return count


def write_answers_csv(store: Store, path: Path) -> int:
    """Write :func:`answers_csv` to a file as :func:`write_results_csv` writes its own
    (UTF-8 with BOM, replaced whole or not at all; raises the same)."""
    with replacing(path, encoding="utf-8-sig", newline="") as out:
        return answers_csv(store, out)


def leaderboard_csv(
    rows: Iterable[LeaderRow], out: TextIO, *, lineterminator: str = "\r\n"
) -> None:
    """Write leaderboard rows as CSV with a header.

    Give ``lineterminator="\n"`` for a stream that translates newlines itself (the
    terminal on Windows), or every row would end in ``\r\r\n``.
    """
    writer = spreadsheet_writer(out, lineterminator=lineterminator)
    writer.writerow(LEADERBOARD_HEADER)
    for row in rows:
        writer.writerow(
            spreadsheet_row(
                (
                    row.pack_id,
                    row.rank,
                    row.player_name,
                    row.score,
                    row.medal,
                    spreadsheet_date(row.played_at),
                )
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
    #: The numbers ``progress`` says in English, for a caller that writes them in another
    #: language: how far the player has come (or how many times a per-round trophy was
    #: won) and, for a lasting trophy, the target.
    current: int = 0
    target: int | None = None


def trophy_lines(
    store: Store, player: Player, bundled_pack_ids: Collection[str]
) -> list[TrophyLine]:
    """Every trophy of the game for one player: lasting ones with progress, then the rest.

    Lasting trophies are measured now from the player's statistics (by
    :func:`clarity.core.trophies.lasting_progress`); per-round ones come from the rounds.
    """
    earned = store.earned_trophies(player.id)
    lines = []
    for progress in lasting_progress(
        store.player_stats(player.id), bundled_pack_ids, store.study_stats(player.id)
    ):
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
                current=progress.current,
                target=progress.target,
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
                current=times,
            )
        )
    return lines


def format_table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    number: Callable[[int], str] = format_number,
) -> str:
    """A plain-text table for a terminal, its columns lined up by the columns each cell
    takes (:func:`clarity.terminal_text.display_width`: a Chinese name or an emoji takes
    two a character). A column of ints (or empty cells) is right-aligned, and an int is
    written by ``number`` (the interface language's writing of numbers: the command line
    gives ``Translator.number``). Every cell is printed through
    :func:`clarity.terminal_text.terminal_safe`, so a name saved with a control character
    shows it escaped instead of running it."""
    values = [list(row) for row in rows]
    cells = [list(header)] + [[terminal_safe(_cell_text(v, number)) for v in row] for row in values]
    numeric = [
        bool(values) and all(_is_count(row[i]) for row in values) for i in range(len(header))
    ]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        parts = [_padded(row[i], widths[i], right=numeric[i]) for i in range(len(header))]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _padded(text: str, width: int, *, right: bool) -> str:
    padding = " " * (width - display_width(text))
    return padding + text if right else text + padding


def extra_time_text(scale: float | None) -> str:
    """A player's extra time as the teacher reads it: "x1", "x1.5", "x2", "x3", "no limit"."""
    return "no limit" if scale is None else f"x{scale:g}"


def spreadsheet_text(text: str) -> str:
    """Text that a spreadsheet will show as text, never evaluate nor read as a number,
    whatever its list separator: ``text`` with an apostrophe at the start of every segment
    that could start a formula, and at its start when it could be read as a number (the
    rules and their source are in the module docstring)."""
    if _NOTHING_TO_PROTECT.fullmatch(text):
        return text  # most cells: one match in C instead of a split and a join
    return _protected(text)


def _protected(text: str) -> str:
    """:func:`spreadsheet_text` without its shortcut for a cell with nothing to protect."""
    pieces = _SEGMENTS.split(text)  # segments at the even places, separators between
    protected = "".join(
        f"'{piece}" if n % 2 == 0 and piece[:1] in _TRIGGERS else piece
        for n, piece in enumerate(pieces)
    )
    if text and text[0] in "\t\r\n":  # a cell's first character: OWASP counts these too
        protected = f"'{protected}"
    if not protected.lstrip().startswith("'") and _NUMBER_LIKE.fullmatch(text):
        return f"'{text}"
    return protected


def spreadsheet_row(values: Iterable[str | int | float | None]) -> list[str | int | float]:
    """One CSV row's cells as :func:`spreadsheet_writer` must get them: text made safe
    with :func:`spreadsheet_text` (and quoted by the writer), numbers as they are,
    ``None`` as an empty cell."""
    return [
        "" if value is None else spreadsheet_text(value) if isinstance(value, str) else value
        for value in values
    ]


def spreadsheet_writer(out: TextIO, *, lineterminator: str = "\r\n") -> Any:
    """A :func:`csv.writer` that quotes every text cell and no number (``QUOTE_NONNUMERIC``)
    in the spreadsheet dialect; give it rows made by :func:`spreadsheet_row`."""
    return csv.writer(
        out, dialect="excel", quoting=csv.QUOTE_NONNUMERIC, lineterminator=lineterminator
    )


def spreadsheet_date(moment: datetime) -> str:
    """Local wall-clock time as ``YYYY-MM-DD HH:MM:SS``, which spreadsheets parse."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def short_date(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _plain_number(value: float) -> int | float:
    """1.0 as 1, which is how a teacher writes it; 1.5 as it is."""
    return int(value) if value.is_integer() else value


def _cell_text(value: object, number: Callable[[int], str] = format_number) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value)
    return str(value)


def _is_count(value: object) -> bool:
    """Whether a cell holds a number (an int) or nothing, as a right-aligned column's do."""
    return value is None or value == "" or (isinstance(value, int) and not isinstance(value, bool))


def _trophy_names() -> dict[str, str]:
    return {trophy.id: trophy.name for trophy in TROPHIES}
