"""The words of the Teacher Studio's page, in the game's interface language.

The page (``studio/web/studio.html``) is plain HTML with ``{{name}}`` slots, filled as the
class game's pages are (:mod:`clarity.classroom.page_text`): ``{{lang}}`` with the
language's tag, ``{{text:KEY}}`` with the translated text of :data:`TEXTS` (escaped for
HTML), and ``{{texts}}`` with every text the page's script writes later (a JSON object:
``lang``, ``locale``, ``texts`` and ``plurals``, through
:func:`clarity.i18n.page_words.page_words`; a plural text as its forms by CLDR category,
picked in the browser with ``Intl.PluralRules``).

The texts are marked with ``N_`` and ``plural_message`` here, so Babel extracts them into
the catalog like every other message of the game; a short word whose English the game
also uses with another meaning (the pack's "Title", the results screen's "Title" that
goes back to the title screen) is marked with :func:`pgettext` and a context, so it has
its own translation. What the server sends ready-made (a
problem's text, an error's one line, an import's skipped lines) is translated there. Not
translated: format names (GIFT, Aiken, CSV, Anki), the pack's own texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from clarity.core.messages import N_, Message, plural_message
from clarity.i18n import Translator
from clarity.i18n.page_words import filled_page, page_words

WEB_DIR = Path(__file__).with_name("web")
PAGE_FILE = "studio.html"


@dataclass(frozen=True, slots=True)
class InContext:
    """A page word with the gettext ``context`` that tells its meaning apart from the same
    English ``msgid`` elsewhere in the game."""

    context: str
    msgid: str


def pgettext(context: str, msgid: str, /) -> InContext:
    """Mark ``msgid`` as meant in ``context`` for the catalog (Babel extracts calls named
        ``pgettext`` with their context, :data:`clarity.i18n.catalog_building.KEYWORDS`); it is
        translated when the page is made, with :meth:`clarity.i18n.Translator.pgettext`. Both
    arguments are literal strings where it is called, for Babel to read.

    The contexts used: ``"pack field"`` (the pack's "Title", not the results screen's button
    back to the title screen) and ``"question difficulty"`` (a question's level, not the study
    screen's "Easy" rating of a card)."""
    return InContext(context, msgid)


#: Every text of the page by the key the HTML and the script use.
TEXTS: dict[str, str | InContext] = {
    "studio": N_("Teacher Studio"),
    "loading": N_("Loading…"),
    # -- the packs list
    "own_heading": N_("Your packs"),
    "bundled_heading": N_("Packs that come with the game"),
    "no_own_packs": N_(
        "You have no packs of your own yet: make a new one, import one, or copy one that "
        "comes with the game."
    ),
    "new_heading": N_("New pack"),
    "new_title": pgettext("pack field", "Title"),
    "new_language": N_("Language of the questions"),
    # Translators: the button that makes a new pack (short)
    "create": N_("Create"),
    "import_heading": N_("Import questions"),
    "import_help": N_(
        "From another quiz tool: GIFT (Moodle), Aiken, CSV, Excel (xlsx), Kahoot, Quizlet or "
        "Open Trivia DB."
    ),
    "import_choose": N_("Choose files to import"),
    "import_drop": N_("Or drop the files here."),
    "importing": N_("Importing…"),
    # Translators: over the import's lines: the questions left out (file:line:col: why)
    # and other notes, such as where the rounds' pictures came from
    "skipped_heading": N_("Notes on the import: questions left out and more"),
    # Translators: opens a pack in the editor (short)
    "edit": N_("Edit"),
    "edit_name": N_("Edit {title}"),
    # Translators: copies a pack that comes with the game into the teacher's own packs
    "copy": N_("Copy to edit"),
    "copy_name": N_("Copy {title} to edit"),
    "delete": N_("Delete"),
    "delete_name": N_("Delete {title}"),
    "deleted": N_("Deleted “{title}”."),
    "undo": N_("Undo"),
    "restored": N_("“{title}” is back."),
    "copied": N_("Copied “{title}”: it is now one of your packs."),
    "no_problems": N_("No problems"),
    "untitled": N_("(no title)"),
    # -- the editor's bar
    "back": N_("All packs"),
    "leave_unsaved": N_("Your changes are not saved. Leave without saving them?"),
    "save": N_("Save"),
    "saving": N_("Saving…"),
    "saved": N_("Saved."),
    # Translators: {problems} is a count such as "2 errors, 1 warning"
    "saved_problems": N_("Saved, with problems: {problems}."),
    "unsaved": N_("Unsaved changes"),
    "all_saved": N_("All changes saved"),
    "read_only": N_(
        "This pack comes with the game and cannot be changed here: copy it to your packs to "
        "edit it."
    ),
    "unreadable": N_(
        "This pack's file cannot be read into the form: fix what is listed here in a text "
        "editor, then open the pack again."
    ),
    "try_it": N_("Try it"),
    "print": N_("Print…"),
    "export": N_("Export…"),
    "start_game": N_("Start in the game"),
    "started": N_("The game is starting with this pack."),
    "save_first_heading": N_("Save first?"),
    "save_first": N_(
        "Trying, printing, exporting and starting use the saved pack. Save your changes first?"
    ),
    "save_go_on": N_("Save and go on"),
    "cancel": N_("Cancel"),
    "close": N_("Close"),
    "conflict_heading": N_("Changed on disk"),
    "conflict_text": N_(
        "This pack's file was changed on disk (by another program or window) since you "
        "opened it here."
    ),
    "reload": N_("Reload from disk"),
    "reload_note": N_("Your changes here are lost."),
    "keep_mine": N_("Keep mine"),
    "keep_mine_note": N_("The file is overwritten with what you see here; a backup is kept."),
    "reloaded": N_("Reloaded from disk."),
    "gone_heading": N_("The pack's file is gone"),
    "gone_text": N_(
        "This pack's file is no longer in your packs folder: another program moved, renamed "
        "or deleted it since you opened it here."
    ),
    "save_mine": N_("Save my version"),
    "save_mine_note": N_("The pack's file is written again with what you see here."),
    "close_unsaved": N_("Close without saving"),
    "print_heading": N_("Print"),
    "print_kind": N_("What to print"),
    "flashcards": N_("Flashcards"),
    "worksheet": N_("Worksheet"),
    "exam": N_("Exam"),
    "paper": N_("Paper"),
    "a4": N_("A4"),
    "letter": N_("Letter"),
    "answer_key": N_("With the answer key"),
    "download_pdf": N_("Download the PDF"),
    "export_heading": N_("Export"),
    "export_format": N_("Format"),
    "export_gift": N_("GIFT (Moodle)"),
    "export_anki": N_("Anki"),
    "export_html": N_("HTML game (one file)"),
    "download": N_("Download"),
    "preparing": N_("Making the file…"),
    "downloaded": N_("Downloaded {file}."),
    # -- the outline
    "outline": N_("The pack's parts"),
    "details": N_("Pack details"),
    "rounds_heading": N_("Rounds"),
    "round_n": N_("Round {number}"),
    "add_round": N_("Add a round"),
    "delete_round": N_("Delete this round"),
    "questions_heading": N_("Questions"),
    "question_n": N_("Question {number}"),
    "add_question": N_("Add a question"),
    "reorder_help": N_("Drag a question, or press Alt+Up or Alt+Down on it, to move it."),
    # -- the pack's details
    "pack_id": N_("Pack id"),
    "pack_id_help": N_("Lowercase Latin letters, digits and hyphens; unique among your packs."),
    "title": pgettext("pack field", "Title"),
    "description": N_("Description"),
    "language": N_("Language"),
    "author": N_("Author"),
    "license": N_("Licence"),
    "license_help": N_("For example CC BY 4.0, if others may share it."),
    "time_limit": N_("Seconds per question"),
    "time_limit_help": N_("5 to 300; a question may set its own."),
    # -- a round
    "picture": N_("Picture"),
    "choose_picture": N_("Choose a picture"),
    "drop_picture": N_("Drop a picture here, or choose one."),
    "uploading": N_("Uploading the picture…"),
    "picture_added": N_("Picture added: {image}."),
    "no_picture": N_("No picture yet."),
    "picture_missing": N_("The picture {image} cannot be shown."),
    "remove_picture": N_("Remove the picture"),
    "mystery_answer": N_("What the picture shows (the answer to guess)"),
    "mystery_accept": N_("Other accepted guesses, one per line"),
    "caption": N_("Caption, shown when the picture is uncovered"),
    "tiles": N_("Tiles over the picture"),
    "rows": N_("Rows"),
    "columns": N_("Columns"),
    # -- a question
    "type": N_("Type"),
    "type_choice": N_("Choice"),
    "type_truefalse": N_("True or false"),
    "type_typed": N_("Typed answer"),
    "type_number": N_("Number"),
    "prompt": N_("Question"),
    "choices": N_("Choices: tick the right one (or more)"),
    "choice_n": N_("Choice {number}"),
    "right_n": N_("Choice {number} is right"),
    "add_choice": N_("Add a choice"),
    "remove_choice_n": N_("Remove choice {number}"),
    "shuffle": N_("Deal the choices in a new order each time"),
    "the_answer": N_("The answer"),
    "true": N_("True"),
    "false": N_("False"),
    "accept": N_("Other accepted answers, one per line"),
    "number_answer": N_("The right number"),
    "tolerance": N_("Tolerance: how far off still counts (a number, or a percent: 5%)"),
    "min": N_("Smallest number that counts"),
    "max": N_("Largest number that counts"),
    "explain": N_("Explanation, shown after the answer"),
    "question_picture": N_("Picture (optional)"),
    "question_time": N_("Seconds for this question"),
    "question_time_help": N_("Empty: the pack's time."),
    "difficulty": N_("Difficulty"),
    "difficulty_none": N_("Not set (medium)"),
    "easy": pgettext("question difficulty", "Easy"),
    "medium": pgettext("question difficulty", "Medium"),
    "hard": pgettext("question difficulty", "Hard"),
    "tags": N_("Tags, separated by commas"),
    "question_id": N_("Id (optional)"),
    "question_id_help": N_("Lowercase Latin letters, digits and hyphens; unique in the pack."),
    "move_up": N_("Move up"),
    "move_down": N_("Move down"),
    "duplicate": N_("Duplicate"),
    "delete_question": N_("Delete this question"),
    "moved": N_("Question moved to place {number} of {total}."),
    "question_deleted": N_("Question {number} deleted."),
    "round_deleted": N_("Round {number} deleted."),
    "duplicated": N_("Question {number} duplicated."),
    "question_restored": N_("Question {number} is back."),
    "round_restored": N_("Round {number} is back."),
    # -- problems
    "problems_heading": N_("Problems"),
    "error": N_("Error:"),
    "warning": N_("Warning:"),
    "checking": N_("Checking…"),
    "file_problem": N_("The file"),
    "no_problems_found": N_("No problems found."),
    # Translators: where a problem is, e.g. "Question 4, Choice 2"
    "where_field": N_("{item}, {field}"),
    # Translators: one of a question's other accepted answers, by its place in the list
    "accepted_n": N_("Accepted answer {number}"),
    # Translators: one of a round's other accepted guesses, by its place in the list
    "guess_n": N_("Accepted guess {number}"),
    # Translators: one of the right answers of a question with more than one
    "right_answer_n": N_("Right answer {number}"),
    "tag_n": N_("Tag {number}"),
    # Translators: short names of a question's fields, said before a problem of the field:
    # "Choices: a choice question lists 2 to 8 choices"
    "choices_short": N_("Choices"),
    "accepted_short": N_("Other accepted answers"),
    "guesses_short": N_("Other accepted guesses"),
    "tags_short": N_("Tags"),
    "fix_first": N_(
        "This pack has errors: fix them first. They are listed under Problems, each a link "
        "to its field."
    ),
    # Translators: a problem in the list of problems, e.g. "Question 4, Choice 2: should not
    # be empty"
    "problem_at": N_("{where}: {text}"),
    # -- errors
    "no_answer": N_(
        "The studio does not answer: start it again from the game or with clarity studio."
    ),
    "failed": N_("That did not work: {reason}"),
}

#: Texts whose form follows a number (``{count}``), by key.
PLURALS: dict[str, Message] = {
    "questions_count": plural_message("{count} question", "{count} questions", 0),
    "rounds_count": plural_message("{count} round", "{count} rounds", 0),
    "errors_count": plural_message("{count} error", "{count} errors", 0),
    "warnings_count": plural_message("{count} warning", "{count} warnings", 0),
    "tiles_count": plural_message("{count} tile", "{count} tiles", 0),
    "more_problems": plural_message("…and {count} more", "…and {count} more", 0),
    "imported": plural_message("Imported {count} pack.", "Imported {count} packs.", 0),
}


def render_studio_page(translator: Translator) -> str:
    """The studio page's HTML in ``translator``'s language: every ``{{slot}}`` of
    ``web/studio.html`` filled.

    Raises KeyError for a ``{{text:KEY}}`` slot that :data:`TEXTS` lacks (a bug of the page,
    found by the tests), and OSError when the page's file cannot be read.
    """
    texts = {key: _word(translator, text) for key, text in TEXTS.items()}
    return filled_page(_template(), texts, translator.language, page_data(translator))


def page_data(translator: Translator) -> dict[str, object]:
    """What the page's script reads: ``lang``, ``locale``, ``texts`` and ``plurals`` (see
    :func:`clarity.i18n.page_words.page_words`)."""
    plain = {key: text for key, text in TEXTS.items() if isinstance(text, str)}
    words = page_words(translator, plain, PLURALS)
    texts = words["texts"]
    assert isinstance(texts, dict)
    # the words in context, in TEXTS's order, beside the plain ones
    words["texts"] = {
        key: texts[key] if key in texts else _word(translator, text) for key, text in TEXTS.items()
    }
    return words


def _word(translator: Translator, text: str | InContext) -> str:
    if isinstance(text, InContext):
        return translator.pgettext(text.context, text.msgid)
    return translator.gettext(text)


@cache
def _template() -> str:
    return (WEB_DIR / PAGE_FILE).read_text(encoding="utf-8")


#: The name the studio's server may call, as :func:`clarity.classroom.page_text.render`.
render = render_studio_page
