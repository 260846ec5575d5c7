"""The round in the class's language (issue 11): the play screen, the results and the trophy
cabinet speak English, Russian or Belarusian with numbers as the language writes them, and
the pack's language stays the pack's: its answers are matched and read aloud in it, whatever
the interface speaks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml
from babel.dates import get_month_names

from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.packs.models import ChoiceQuestion, NumberQuestion, TrueFalseQuestion
from clarity.core.round import Phase, right_answer_text
from clarity.i18n import translator_for
from clarity.i18n.pseudo import pseudo_translated
from clarity.settings import Settings
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.play.reading import reading_of, spoken_words_for
from clarity.ui.scenes.cabinet import CabinetScene
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.results import ResultsScene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.sound import Sound
from clarity.ui.speech import Speaker
from number_writing import misprinted_numbers

from .conftest import ASSETS, Pilot, write_picture
from .drawn_text import game_settings, recording_drawn_text, untranslated_words
from .saving import MakeApp, answer_right, app_factory, at_title, next_question, start_round
from .test_numbers_shown import record_texts, texts_of
from .test_speech import FakeEngine

#: What each language says on the card's header, the results' heading, the first row of
#: the score and the Play again button, and the cabinet's heading.
WORDS = {
    "en": ("QUESTION 1", "You guessed it!", "Answers (", "Play again", "Trophy cabinet"),
    "ru": ("ВОПРОС 1", "Вы угадали!", "Ответы (", "Ещё раз", "Витрина трофеев"),
    "be": ("ПЫТАННЕ 1", "Вы адгадалі!", "Адказы (", "Яшчэ раз", "Вітрына трафеяў"),
}

#: Keys keep the names printed on them in every language (the glossary's rule).
KEY_NAMES = ("Tab", "Enter", "Esc", "Ctrl", "PgUp", "PgDn")

#: A small pack in Russian: its answers are typed in Russian and read as Russian reads them.
RUSSIAN_PACK: dict[str, Any] = {
    "clarity": 1,
    "id": "russian-test",
    "title": "Города и реки",
    "language": "ru",
    "description": "Набор вопросов, который пишут тесты.",
    "rounds": [{"image": "lighthouse.png", "answer": "Маяк", "grid": "2x2"}],
    "questions": [
        {
            "id": "river",
            "type": "truefalse",
            "prompt": "Волга впадает в Каспийское море.",
            "answer": True,
        },
        {
            "id": "capital",
            "type": "typed",
            "prompt": "Столица Беларуси?",
            "answer": "Минск",
        },
        {
            "id": "half",
            "type": "number",
            "prompt": "Половина от пяти?",
            "answer": "2,5",
        },
        {
            "id": "lake",
            "type": "choice",
            "prompt": "Самое глубокое озеро мира?",
            "choices": ["Байкал", "Ладога", "Нарочь"],
            "answer": "Байкал",
        },
    ],
}


@pytest.fixture
def saving_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


@pytest.fixture
def russian_pack(tmp_path: Path) -> LoadedPack:
    folder = tmp_path / "russian"
    folder.mkdir()
    write_picture(folder / "lighthouse.png")
    path = folder / "russian-test.yaml"
    path.write_text(yaml.safe_dump(RUSSIAN_PACK, allow_unicode=True), encoding="utf-8")
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    return loaded


def pack_words(loaded: LoadedPack) -> list[str]:
    """Every text of the pack (its own language, never translated)."""
    pack = loaded.pack
    assert pack is not None
    words = [pack.title]
    for mystery in pack.rounds:
        words += [mystery.answer, mystery.caption or "", *mystery.accept]
    for question in pack.questions:
        words += [question.prompt, question.explain or ""]
        if isinstance(question, ChoiceQuestion):
            words += question.choices
    return words


def play_to_the_results(pilot: Pilot) -> tuple[PlayScene, str, ResultsScene]:
    """From the title: the pack choice, two right answers, a right guess with most tiles
    hidden, the results with everything in place. Returns the play scene, its card's header
    at the first question, and the results."""
    pilot.key(pygame.K_RETURN)  # Play: the pack choice
    play = start_round(pilot)
    header = play.shown_texts()["header"]
    for _ in range(2):
        answer_right(pilot, play)
        next_question(pilot)
    pilot.key(pygame.K_g)
    pilot.type("Lighthouse")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: isinstance(pilot.top, ResultsScene))
    results = pilot.top
    assert isinstance(results, ResultsScene)
    pilot.settle()
    results.finish_presentation()
    pilot.step()
    return play, header, results


@pytest.mark.parametrize("language", ["en", "ru", "be"])
def test_a_round_played_in_each_language_speaks_it_to_the_results_and_the_cabinet(
    saving_app: MakeApp, language: str
) -> None:
    app = saving_app(player="Ana", settings=game_settings(language))
    assert app.translator.language == language
    seen = record_texts(app)
    pilot = at_title(app)
    _, header, results = play_to_the_results(pilot)
    card, heading, first_row, play_again, cabinet_heading = WORDS[language]

    assert header.startswith(card)
    shown = results.shown_texts()
    assert shown["heading"] == heading
    assert shown["row_0_label"].startswith(first_row)
    assert results.play_again_button.label == play_again
    # the pack's own words stay as the pack wrote them (an English pack here)
    assert shown["answer"] == "Lighthouse"
    # numbers as the language writes them: 1,800 in English, 1 800 in Russian and Belarusian
    summary = results.summary
    assert summary.score >= 1000
    t = translator_for(language)
    assert t.number(summary.score) in texts_of(seen, "results")
    assert any(f"+{t.number(1000 + 4 * 200)}" in words for words in texts_of(seen, "play"))
    wrong = {words: misprinted_numbers(words, language) for _, words in seen}
    assert not {words: found for words, found in wrong.items() if found}

    pilot.key(pygame.K_c)  # the trophy cabinet
    cabinet = pilot.top
    assert isinstance(cabinet, CabinetScene)
    pilot.step()
    assert cabinet._frame.heading == cabinet_heading
    drawn_in_cabinet = texts_of(seen, "cabinet")
    first_light = t.gettext("First light")
    assert any(first_light in words for words in drawn_in_cabinet)


def test_a_round_in_the_pseudo_language_draws_no_word_left_in_english(
    saving_app: MakeApp, loaded: LoadedPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every kind of moment: a wrong answer with its explanation, a typed answer, a wrong
    guess's toast, a trophy's toast, the final guess, the end card, the results and the
    cabinet with its trophies (a player's)."""
    app = saving_app(player="Ana", settings=game_settings("qps-ploc"))
    pilot = at_title(app)
    with recording_drawn_text(monkeypatch) as drawn:
        app.screens.push("play", loaded=loaded)
        pilot.step()
        play = pilot.top
        assert isinstance(play, PlayScene)
        pilot.settle()
        wrong_once = False
        while play.round.phase is Phase.ASKING:
            question = play.round.question
            if not wrong_once and isinstance(question, ChoiceQuestion | TrueFalseQuestion):
                wrong = 1 if isinstance(question, TrueFalseQuestion) and question.answer else 0
                if isinstance(question, ChoiceQuestion) and question.right_index == 0:
                    wrong = 1
                pilot.key((pygame.K_a, pygame.K_b)[wrong])  # the verdict and the explanation
                pilot.settle()
                wrong_once = True
            else:
                answer_right(pilot, play)
            if play.round.phase is Phase.FEEDBACK and play.round.question_number == 2:
                pilot.key(pygame.K_g)  # a wrong guess: its toast
                pilot.type("Windmill")
                pilot.key(pygame.K_RETURN)
                pilot.settle()
            next_question(pilot)
        assert play.round.phase is Phase.FINAL_GUESS
        pilot.type("Lighthouse")
        pilot.key(pygame.K_RETURN)
        pilot.until(lambda: isinstance(pilot.top, ResultsScene))
        results = pilot.top
        assert isinstance(results, ResultsScene)
        pilot.settle()
        results.finish_presentation()
        pilot.step()
        pilot.key(pygame.K_c)  # the cabinet, with the trophies just won
        assert isinstance(pilot.top, CabinetScene)
        pilot.step()
        for _ in range(4):
            pilot.key(pygame.K_RIGHT)  # the detail panel of other trophies
        pilot.step()

    assert any("[Ana  ·" in line for line in drawn)  # the cabinet's, the name as it is
    first_light = pseudo_translated("First light")  # a trophy won, in the cabinet
    assert any(first_light in line for line in drawn)
    allowed = [
        *pack_words(loaded),
        "Ana",  # the player
        "Windmill",  # the wrong guess, as typed
        "Capi",  # the pack's title cut short to fit the top bar: "Rivers and Capi…"
        *KEY_NAMES,
        # the pseudo-language writes dates as CLDR's English does ("Won Nov 30, 2026")
        *get_month_names("abbreviated", locale="en").values(),
    ]
    assert untranslated_words(drawn, allowed) == set()


def test_a_russian_interface_plays_an_english_pack_by_its_english_rules(
    saving_app: MakeApp,
) -> None:
    """Typed answers of the English pack are matched in English ('Moscow'), the guess too;
    the words around them are Russian."""
    app = saving_app(player="Ana", settings=game_settings("ru"))
    pilot = at_title(app)
    pilot.key(pygame.K_RETURN)
    play = start_round(pilot)
    assert play.round.pack.language == "en"
    rights = 0
    while play.round.phase is Phase.ASKING:
        answer_right(pilot, play)  # typed in English where the question is typed
        assert play.feedback is not None
        assert play.feedback.event.right
        assert play.shown_texts()["verdict"].startswith("Верно!")
        rights += 1
        next_question(pilot)
    assert rights >= 4  # the tiles or the questions ran out
    pilot.type("lighthouse")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: isinstance(pilot.top, ResultsScene))
    results = pilot.top
    assert isinstance(results, ResultsScene)
    assert results.summary.right == rights
    assert results.shown_texts()["heading"] == "Вы угадали!"


def test_an_english_interface_plays_a_russian_pack_by_its_russian_rules(
    make_app: Any, russian_pack: LoadedPack
) -> None:
    """A typed answer in another case, a number with the decimal comma Russian writes and
    a guess in Russian are right; the words around them are English."""
    app = make_app(settings=game_settings("en"))
    pilot = Pilot(app)
    play = PlayScene(app, russian_pack, seed=1)
    app.push(play)
    pilot.step()
    pilot.settle()
    answers = {"river": "t", "capital": "минск", "half": "2,5", "lake": "a"}
    while play.round.phase is Phase.ASKING:
        question = play.round.question
        assert question is not None
        given = answers[question.id]
        if len(given) == 1:
            pilot.key(getattr(pygame, f"K_{given}"))
        else:
            pilot.type(given)
            pilot.key(pygame.K_RETURN)
        pilot.settle()
        assert play.feedback is not None
        assert play.feedback.event.right, question.id
        assert play.shown_texts()["verdict"].startswith("Right!")
        pilot.key(pygame.K_RETURN)
        pilot.settle()
    pilot.type("маяк")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: isinstance(pilot.top, ResultsScene))
    results = pilot.top
    assert isinstance(results, ResultsScene)
    assert results.summary.right == 4
    shown = results.shown_texts()
    assert shown["heading"] == "You guessed it!"
    assert shown["answer"] == "Маяк"


def test_read_aloud_says_the_games_words_in_the_packs_language_or_not_at_all(
    russian_pack: LoadedPack,
) -> None:
    pack = russian_pack.pack
    assert pack is not None
    true_false = next(q for q in pack.questions if isinstance(q, TrueFalseQuestion))
    number = next(q for q in pack.questions if q.id == "half")
    in_russian = spoken_words_for("ru")
    assert reading_of(true_false, with_answers=True, words=in_russian) == (
        "Волга впадает в Каспийское море. Верно или неверно?"
    )
    assert reading_of(number, with_answers=True, words=spoken_words_for("be-BY")).endswith(
        "Увядзіце адказ лічбамі."
    )
    # a French pack: the voice is French, and the game has no French words to add
    assert spoken_words_for("fr") is None
    assert reading_of(true_false, with_answers=True, words=None) == true_false.prompt


def test_a_russian_pack_is_read_aloud_in_russian_under_an_english_interface(
    russian_pack: LoadedPack, tmp_path: Path
) -> None:
    fake = FakeEngine(tmp_path / "engine")
    saved = Settings().with_values({"read-aloud": "question-and-answers", "language": "en"})
    services = Services(
        assets=Assets(ASSETS),
        sound=Sound(),
        packs=PackCatalog([tmp_path / "russian"], ASSETS),
        settings=GameSettings(seed=1, saved=saved),
        speaker_factory=lambda sound: Speaker(sound, fake.engine),
    )
    app = App(services, WindowOptions(size=(1280, 800)))
    app.open()
    try:
        pilot = Pilot(app)
        play = PlayScene(app, russian_pack, seed=1)
        app.push(play)
        pilot.step()
        question = play.round.question
        assert question is not None
        deadline = time.monotonic() + 10
        while not fake.readings and time.monotonic() < deadline:
            pilot.step()
            time.sleep(0.01)
        voice, text = fake.readings[0]
        assert voice == "ru"
        assert text.startswith(question.prompt)
        # no English in a Russian voice
        assert "True" not in text
        assert "Type" not in text
    finally:
        app.close()


def test_the_right_answers_words_are_the_interfaces_and_its_texts_the_packs() -> None:
    """'or' and 'from … to' are the interface's words; the choices and numbers stay as the
    pack wrote them."""
    several = ChoiceQuestion.model_validate(
        {
            "id": "union",
            "type": "choice",
            "prompt": "Which are in the Union State?",
            "choices": ["Belarus", "Poland", "Russia"],
            "answer": ["Belarus", "Russia"],
        }
    )
    ranged = NumberQuestion.model_validate(
        {
            "id": "n",
            "type": "number",
            "prompt": "How many?",
            "answer": "15",
            "min": "10",
            "max": "20",
        }
    )
    russian = translator_for("ru")
    assert russian.render(right_answer_text(several)) == "Belarus или Russia"
    assert russian.render(right_answer_text(ranged)) == "15 (от 10 до 20)"
    assert translator_for("be").render(right_answer_text(several)) == "Belarus або Russia"
