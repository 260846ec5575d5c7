"""What read-aloud says for a question: the prompt, and on request its answers with their
letters, as the buttons show them (the same letters the keys answer with).

The voice reads in the pack's language (issue 11, part 4: the pack's language decides its
voice), so the few words the game adds ("True or false?") are said in the pack's language
too, when the game has them in it (English, Russian, Belarusian); for a pack in any other
language only the pack's own text is read, never English words in a French voice.
"""

from __future__ import annotations

from clarity.core.packs.models import (
    ChoiceQuestion,
    NumberQuestion,
    TrueFalseQuestion,
    TypedQuestion,
)
from clarity.core.round import Question
from clarity.i18n import LANGUAGES, Translator, translator_for
from clarity.ui.theme import ANSWER_LETTERS


def spoken_words_for(pack_language: str) -> Translator | None:
    """The game's words in the pack's language (a BCP 47 tag: ``ru``, ``en-GB``), or None
    when the game does not speak it."""
    primary = pack_language.strip().lower().replace("_", "-").split("-")[0]
    return translator_for(primary) if primary in LANGUAGES else None


def reading_of(question: Question, *, with_answers: bool, words: Translator | None) -> str:
    """The text read for ``question``: its prompt; with ``with_answers`` also "A: …. B: …."
    for a choice, and, in ``words``' language, "True or false?" for a true/false one and
    "Type a number." for a number one (a typed one has no answers; without ``words`` the
    game's own words are left out)."""
    parts = [question.prompt.strip()]
    if with_answers:
        if isinstance(question, ChoiceQuestion):
            parts += [
                f"{ANSWER_LETTERS[i]}: {choice.strip()}."
                for i, choice in enumerate(question.choices)
            ]
        elif words is None:
            pass  # the voice speaks only the pack's language: no words of the game
        elif isinstance(question, TrueFalseQuestion):
            parts.append(words.gettext("True or false?"))
        elif isinstance(question, NumberQuestion):
            parts.append(words.gettext("Type a number."))
        elif isinstance(question, TypedQuestion):
            pass  # typed: nothing to choose from
    return " ".join(parts)
