"""What the class game's status line and each team's chip say now, from the round.

Pure reading of the :class:`~clarity.core.class_round.ClassRound` and of the screen's own
state (who was asked to guess, a pad pulled out); the words are in the interface's
language, the team names as the class typed them.
"""

from __future__ import annotations

from collections.abc import Sequence

from clarity.core.class_round import ClassRound, Mode, Phase
from clarity.i18n import Translator
from clarity.ui.class_play.scoreboard import TeamChip


def team_note(t: Translator, played: ClassRound, team: int) -> str:
    """What concerns ``team`` now, short (its chip's last line): answering, a steal, a
    lockout, its streak; "" for nothing. Who buzzed is the round's
    (:attr:`ClassRound.buzzed`), so a game resumed mid-buzz says it too."""
    notes: list[str] = []
    answering = played.answering == team and played.phase is Phase.ASKING
    if answering and played.stealing:
        # Translators: a team's chip: it may answer the question another team missed
        notes.append(t.gettext("May steal"))
    elif answering and played.buzzed == team:
        # Translators: a team's chip: its buzz came first, it answers now
        notes.append(t.gettext("Buzzed first"))
    elif answering:
        # Translators: a team's chip: the question is its to answer
        notes.append(t.gettext("Its turn"))
    if played.mode is Mode.BUZZ and team in played.locked_out and played.phase is Phase.OPEN:
        # Translators: a team's chip: it answered this question wrong and may not buzz again
        notes.append(t.gettext("Locked out"))
    locked = played.guess_locked_for(team)
    if locked:
        notes.append(
            # Translators: a team's chip: a wrong guess keeps it from guessing the picture
            t.ngettext("No guessing: {count} question", "No guessing: {count} questions", locked)
        )
    streak = played.contestants[team].streak
    if streak >= 2 and not notes:
        # Translators: a team's chip: right answers in a row
        notes.append(t.gettext("Streak {count}", count=streak))
    return " · ".join(notes)


def team_chips(
    t: Translator,
    played: ClassRound,
    names: Sequence[str],
    emblems: Sequence[int],
    *,
    guesser: int | None,
) -> tuple[TeamChip, ...]:
    """Every team's chip as it is now."""
    chips = []
    for team, (name, emblem) in enumerate(zip(names, emblems, strict=True)):
        answering = played.answering == team and played.phase is Phase.ASKING
        locked = played.mode is Mode.BUZZ and team in played.locked_out
        chips.append(
            TeamChip(
                name,
                emblem,
                team_note(t, played, team),
                active=guesser == team if guesser is not None else answering,
                muted=locked and played.phase is Phase.OPEN,
            )
        )
    return tuple(chips)


def status_line(
    t: Translator,
    played: ClassRound,
    names: Sequence[str],
    *,
    guesser: int | None,
    waiting_for_guesser: bool,
    unplugged: str,
    refused: str,
) -> str:
    """The line over the board and the card: whose move it is and how to make it.
    ``unplugged`` is the message of a pad pulled out ("" for none): it comes first;
    ``refused`` says why a buzz was not taken, after what is awaited."""
    if unplugged:
        return unplugged
    if guesser is not None:
        # Translators: the class game's status line: {team} types its guess at the picture
        line = t.gettext("{team} guesses the picture", team=names[guesser])
    elif played.phase is Phase.FINAL_GUESS:
        line = t.gettext("Last chance: press your buzzer to guess the picture")
    elif waiting_for_guesser:
        # Translators: after "Guess the picture" was pressed: the team that guesses buzzes
        line = t.gettext("Who guesses the picture? Press your buzzer")
    elif played.phase is Phase.ENDED:
        if played.guessed_by is not None:
            line = t.gettext("{team} guessed it!", team=names[played.guessed_by])
        else:
            line = t.gettext("The mystery image was…")
    elif played.phase is Phase.OPEN:
        # Translators: a question open to all teams (buzz in): the first buzz answers it
        line = t.gettext("Buzz in! The first to buzz answers")
    elif played.phase is Phase.FEEDBACK:
        line = _verdict_line(t, played, names)
    elif played.answering is not None and played.stealing:
        # Translators: the class game's status line: the next team may answer the
        # question another team missed (steal it) or let it go (pass)
        line = t.gettext("{team} may steal: answer or pass", team=names[played.answering])
    elif played.answering is not None and played.buzzed == played.answering:
        line = t.gettext("{team} buzzed first: answer!", team=names[played.answering])
    elif played.answering is not None:
        line = t.gettext("Your turn, {team}: answer!", team=names[played.answering])
    else:
        line = ""
    return f"{line}  —  {refused}" if refused else line


def _verdict_line(t: Translator, played: ClassRound, names: Sequence[str]) -> str:
    """After a question: who got it right, or that nobody did."""
    number = played.question_number
    for team, contestant in enumerate(played.contestants):
        for answer in contestant.answers:
            if answer.number == number and answer.right:
                if answer.steal:
                    # Translators: {team} answered right a question another team missed
                    return t.gettext("{team} stole it!", team=names[team])
                return t.gettext("{team} got it right!", team=names[team])
    return t.gettext("Nobody got it this time.")
