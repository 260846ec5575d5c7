"""The words of the student and the teacher pages, in the game's language.

The pages (``classroom/web/student.html`` and ``teacher.html``) are plain HTML with
``{{name}}`` slots; :func:`render` fills them for one language: ``{{lang}}`` with the
language's tag, ``{{text:KEY}}`` with the translated text of :data:`TEXTS` (escaped for
HTML), and ``{{texts}}`` with every text the page's script writes later (a JSON object:
``lang``, ``locale``, ``texts`` and ``plurals``). A plural text is sent as its forms by
CLDR plural category (``one``, ``few``, ``many``, ``other``), each form taken from the
language's catalog for a number of that category, so the browser picks the form with
``Intl.PluralRules`` as the catalog's ``Plural-Forms`` would (Russian and Belarusian:
1 очко, 2 очка, 5 очков).

The texts are marked with ``N_`` and ``plural_message`` where they are defined, so Babel
extracts them into the catalog like every other message of the game; the pages never hold
English of their own. Texts the server sends ready-made (an error's one line, the right
answer) are rendered by the host, not here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from clarity.core.messages import N_, Message, plural_message
from clarity.i18n import Translator
from clarity.i18n.page_words import filled_page, page_words

#: The pages :func:`render` knows, each an HTML file of ``web/``.
PAGES = ("student", "teacher")
WEB_DIR = Path(__file__).with_name("web")

#: Every text of the pages by the key the HTML and the scripts use.
TEXTS: dict[str, str] = {
    # both pages
    "connecting": N_("Connecting…"),
    "reconnecting": N_("Connection lost. Reconnecting…"),
    "paused": N_("The game is paused."),
    "game_over": N_("The game is over."),
    "podium": N_("Podium"),
    "leaderboard": N_("Leaderboard"),
    "question_of": N_("Question {number} of {total}"),
    # Translators: a ranking's line: the place, the name and the score, e.g. "2. Anna — 1,200"
    "standing": N_("{place}. {name} — {score}"),
    # the student's page: the lobby
    "join_heading": N_("Join the game"),
    "pin_label": N_("Game PIN"),
    "name_label": N_("Nickname"),
    "class_list_label": N_("Or pick your name from the class list"),
    "class_list_none": N_("(type a nickname instead)"),
    # Translators: the button that joins the game (short)
    "join": N_("Join"),
    # Translators: goes back from the name to the PIN (short)
    "pin_change": N_("Another PIN"),
    # Translators: an answer or a guess tapped while the connection is down: nothing went
    # out, and the student may tap again
    "not_sent": N_("Not sent: reconnecting…"),
    # Translators: under the leaderboard's first five, the student's own place and score
    "own_place": N_("You: place {place}, {score}"),
    "joined": N_("You are in, {name}! Wait for the teacher to start the game."),
    "removed": N_("The teacher has removed you from the game."),
    # the question
    "true": N_("True"),
    "false": N_("False"),
    "answer_label": N_("Your answer"),
    # Translators: the button that sends a typed answer (short)
    "send_answer": N_("Send"),
    "answer_sent": N_("Answer sent. Wait for the others."),
    "wait_next": N_("Wait for the next question."),
    # the picture
    "guess_heading": N_("Guess the mystery picture"),
    "guess_label": N_("What is in the picture?"),
    # Translators: the button that sends a guess of the mystery picture (short)
    "guess": N_("Guess"),
    "guess_used": N_("You have guessed in this question: guess again in the next one."),
    "guessed_right": N_("You have guessed the picture! Keep answering the questions."),
    "guess_wrong": N_("Wrong guess."),
    "final_guess": N_("The questions are over: one last guess each, a wrong one costs nothing."),
    # the reveal
    "right": N_("Right!"),
    "wrong": N_("Wrong."),
    "no_answer": N_("No answer in time."),
    "right_answer": N_("The right answer: {answer}"),
    "score": N_("Score: {score}"),
    "place": N_("Place: {place}"),
    "your_result": N_("Your score: {score}, place {place}"),
    # Translators: at the end: the mystery picture's answer
    "mystery_answer": N_("The picture: {answer}"),
    "first_guesser": N_("First to guess it: {name}"),
    # the teacher's page
    "teacher_heading": N_("Teacher page"),
    "students_heading": N_("Students"),
    "no_students": N_("No student has joined yet."),
    "offline": N_("not connected"),
    # Translators: the button beside a student's name that removes them from the game
    "remove": N_("Remove"),
    "remove_name": N_("Remove {name}"),
    "remove_confirm": N_("Remove {name} from the game? The name can join again."),
    # Translators: confirms removing a student (short)
    "remove_yes": N_("Yes, remove"),
    # Translators: the address the students open, e.g. "Students join at: http://192.168.1.5:8765"
    "students_at": N_("Students join at: {address}"),
    # Translators: at a reveal on the teacher's page, e.g. "Question 3: Capital of Peru?"
    "reveal_question": N_("Question {number}: {prompt}"),
    "start": N_("Start"),
    "next": N_("Next"),
    "pause": N_("Pause"),
    "resume": N_("Resume"),
    # Translators: a switch (pressed or not) on the teacher's page
    "leaderboard_switch": N_("Leaderboard between questions"),
    # Translators: the game's PIN on the teacher's page, e.g. "Game PIN: 482913"
    "pin_line": N_("Game PIN: {pin}"),
    "end_game": N_("End the game"),
    "end_confirm": N_("End the game for everyone?"),
    # Translators: confirms ending the game (short)
    "end_yes": N_("Yes, end it"),
    "cancel": N_("Cancel"),
    "refused_heading": N_("Answers the pack refused"),
    # Translators: the button that counts a refused typed answer as right (short)
    "accept": N_("Accept"),
    "accept_text": N_("Accept “{text}”"),
    "accept_confirm": N_("Count “{text}” as right for everybody who gave it?"),
    "accept_pack_note": N_("It is also written into the pack file, for the next games."),
    # Translators: confirms accepting a refused answer (short)
    "accept_yes": N_("Yes, accept"),
    "phase_lobby": N_("Waiting room"),
    "phase_question": N_("Question open"),
    "phase_reveal": N_("Answers shown"),
    "phase_leaderboard": N_("Leaderboard"),
    "phase_final_guess": N_("Last guesses"),
    "phase_ended": N_("The game is over."),
    "no_token": N_("This link has no teacher's token: open the teacher's link the game printed."),
}

#: Texts whose form follows a number (``{count}``), by key.
PLURALS: dict[str, Message] = {
    "points": plural_message("+{count} point", "+{count} points", 0),
    "penalty": plural_message("−{count} point", "−{count} points", 0),
    "guess_right": plural_message(
        "Right! The picture is yours: +{count} point",
        "Right! The picture is yours: +{count} points",
        0,
    ),
    "seconds_left": plural_message("{count} second left", "{count} seconds left", 0),
    "answered": plural_message("{count} of {total} answered", "{count} of {total} answered", 0),
    "guessers": plural_message(
        "{count} has guessed the picture", "{count} have guessed the picture", 0
    ),
    # Translators: how many students gave a refused answer, beside it on the teacher's page
    "given_by": plural_message("given by {count} student", "given by {count} students", 0),
}


def render(page: str, translator: Translator) -> str:
    """The HTML of ``page`` (one of :data:`PAGES`) in ``translator``'s language.

    Raises KeyError for a page or a ``{{text:KEY}}`` slot that does not exist (a bug of the
    page, found by the tests), and OSError when the page's file cannot be read.
    """
    if page not in PAGES:
        raise KeyError(page)
    template = _template(page)
    texts = {key: translator.gettext(text) for key, text in TEXTS.items()}
    return filled_page(template, texts, translator.language, page_data(translator))


def page_data(translator: Translator) -> dict[str, object]:
    """What the pages' scripts read: ``lang`` (the language's tag), ``locale`` (a BCP 47
    tag for ``Intl``), ``texts`` (key -> text with ``{name}`` slots) and ``plurals`` (key ->
    CLDR category -> text with ``{count}``): :data:`TEXTS` and :data:`PLURALS` through
    :func:`clarity.i18n.page_words.page_words`, as the exported web game sends its own."""
    return page_words(translator, TEXTS, PLURALS)


@cache
def _template(page: str) -> str:
    return (WEB_DIR / f"{page}.html").read_text(encoding="utf-8")
