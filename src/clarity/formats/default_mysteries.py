"""The game's own mystery pictures, for a pack imported without any: it plays at once.

A Moodle question bank, a Kahoot, a Quizlet set or a spreadsheet holds questions but no
picture to uncover. :func:`default_rounds` gives such a pack the four pictures bundled in
``assets/mysteries/`` (a lighthouse, a hot-air balloon, a sailing boat and a windmill,
drawn by ``tools/make_default_mysteries.py``; see ``assets/CREDITS.md``), each with its
answer, the other names a class may guess, and a short fact shown when it is uncovered,
in the pack's language.

The answers are written here in English, Russian and Belarusian, the game's languages; a
pack in any other language gets the English ones. The English word is always accepted
too (a class in Minsk may well say "windmill"), a Belarusian pack takes the Russian words
and a Russian pack the Belarusian ones (Belarusian classes speak both), and the teacher
can edit every round in the pack file afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: The folder of the pictures inside the bundled assets, as a pack's ``image:`` names it.
MYSTERIES_FOLDER = "mysteries"
#: Rows x columns of tiles: 20 near-square tiles over a 4:3 picture (the pack default).
DEFAULT_GRID = "4x5"
#: Smaller grids for a pack with fewer questions than tiles (the loader warns when the
#: questions run out before every tile is uncovered), largest first, tiles near square.
SMALLER_GRIDS = (("3x4", 12), ("2x3", 6), ("2x2", 4), ("1x2", 2))
#: The languages the rounds are written in; others take ``en``.
LANGUAGES = ("en", "ru", "be")
#: A language whose class also says the words of another: a Belarusian class speaks
#: Russian as well (and a Russian pack may well be played in Minsk), so each accepts the
#: other's answer and alternatives.
ALSO_SPOKEN = {"ru": "be", "be": "ru"}


@dataclass(frozen=True)
class Wording:
    """One picture's words in one language: the answer, other right guesses, the fact."""

    answer: str
    accept: tuple[str, ...]
    caption: str


@dataclass(frozen=True)
class DefaultMystery:
    """A bundled picture (``mysteries/<name>.png``) and its words by language tag."""

    name: str
    words: Mapping[str, Wording]

    @property
    def image(self) -> str:
        return f"{MYSTERIES_FOLDER}/{self.name}.png"


#: The pictures in the order a pack plays them.
DEFAULT_MYSTERIES: tuple[DefaultMystery, ...] = (
    DefaultMystery(
        "lighthouse",
        {
            "en": Wording(
                "Lighthouse",
                ("light house", "beacon"),
                "The Pharos of Alexandria, a lighthouse built around 280 BC, was one of the "
                "Seven Wonders of the Ancient World. Every lighthouse flashes its own pattern, "
                "so at night sailors can tell which one they see.",
            ),
            "ru": Wording(
                "Маяк",
                (),
                "Александрийский маяк, построенный около 280 года до н. э., был одним из семи "
                "чудес света. У каждого маяка свой рисунок вспышек, и ночью моряки узнают, "
                "какой маяк они видят.",
            ),
            "be": Wording(
                "Маяк",
                (),
                "Александрыйскі маяк, пабудаваны каля 280 года да н. э., быў адным з сямі "
                "цудаў свету. У кожнага маяка свой малюнак успышак, і ноччу маракі пазнаюць, "
                "які маяк яны бачаць.",
            ),
        },
    ),
    DefaultMystery(
        "balloon",
        {
            "en": Wording(
                "Hot-air balloon",
                ("hot air balloon", "balloon", "air balloon"),
                "The first people ever to fly went up in a hot-air balloon made by the "
                "Montgolfier brothers, over Paris in 1783. A balloon rises because warm air "
                "is lighter than the cold air around it.",
            ),
            "ru": Wording(
                "Воздушный шар",
                ("шар", "аэростат", "монгольфьер"),
                "Первые люди поднялись в небо на воздушном шаре братьев Монгольфье над "
                "Парижем в 1783 году. Шар поднимается, потому что тёплый воздух легче "
                "холодного вокруг.",
            ),
            "be": Wording(
                "Паветраны шар",
                ("шар", "аэрастат", "мангальф'ер"),
                "Першыя людзі падняліся ў неба на паветраным шары братоў Мангальф'е над "
                "Парыжам у 1783 годзе. Шар падымаецца, бо цёплае паветра лягчэйшае за "
                "халоднае вакол.",
            ),
        },
    ),
    DefaultMystery(
        "sailboat",
        {
            "en": Wording(
                "Sailing boat",
                ("sailboat", "sail boat", "yacht", "boat", "sailing ship"),
                "A sailing boat can go against the wind by zigzagging (tacking): its sail "
                "works like an aeroplane's wing.",
            ),
            "ru": Wording(
                "Парусник",
                ("парусная лодка", "яхта", "лодка", "парусное судно", "кораблик"),
                "Парусник может идти против ветра зигзагом (лавировать): его парус работает "
                "как крыло самолёта.",
            ),
            "be": Wording(
                "Паруснік",
                ("ветразнік", "човен", "лодка", "яхта", "ветразевая лодка", "караблік"),
                "Паруснік можа ісці супраць ветру зігзагам (лавіраваць): яго ветразь працуе "
                "як крыло самалёта.",
            ),
        },
    ),
    DefaultMystery(
        "windmill",
        {
            "en": Wording(
                "Windmill",
                ("wind mill", "mill"),
                "Windmills ground grain into flour and, in the Netherlands, pumped the water "
                "off low land; the 19 windmills of Kinderdijk, built around 1740, are a UNESCO "
                "World Heritage Site.",
            ),
            "ru": Wording(
                "Ветряная мельница",
                ("мельница", "ветряк"),
                "Ветряные мельницы мололи зерно в муку, а в Нидерландах откачивали воду с "
                "низких земель; 19 мельниц Киндердейка, построенные около 1740 года, — объект "
                "Всемирного наследия ЮНЕСКО.",
            ),
            "be": Wording(
                "Ветраны млын",
                ("млын", "ветрак"),
                "Ветраныя млыны малолі зерне ў муку, а ў Нідэрландах адпампоўвалі ваду з "
                "нізінных зямель; 19 млыноў Кіндэрдэйка, пабудаваныя каля 1740 года, — аб'ект "
                "Сусветнай спадчыны ЮНЕСКА.",
            ),
        },
    ),
)


def wording_language(language: str) -> str:
    """The language of :data:`LANGUAGES` a pack in ``language`` (a BCP 47 tag: "ru",
    "be-BY", "pt_BR") gets its rounds in: its primary subtag when written here, else "en"."""
    primary = language.replace("_", "-").split("-", 1)[0].strip().lower()
    return primary if primary in LANGUAGES else "en"


def grid_for(questions: int | None) -> str:
    """The grid for a pack of ``questions`` questions: 4x5, or the largest smaller grid
    with no more tiles than questions (12 questions: 3x4), so that every tile can be
    uncovered; None (not known) and anything under 2 take the extremes of the ladder."""
    if questions is None or questions >= 20:
        return DEFAULT_GRID
    return next((grid for grid, tiles in SMALLER_GRIDS if tiles <= questions), "1x2")


def default_rounds(
    language: str, assets_dir: Path, *, questions: int | None = None
) -> list[dict[str, object]]:
    """Pack rounds over the bundled default pictures, in ``language``'s words.

    Each round is a dict as a pack's YAML holds it: ``{"image": "mysteries/<name>.png",
    "answer": str, "accept": [str, ...], "caption": str, "grid": "4x5"}``; with
    ``questions`` (how many the pack holds) the grid has no more tiles than that
    (:func:`grid_for`), else it is 4x5. The image
    resolves against ``assets_dir`` (the bundled assets) as the pack loader does. The
    English answer and its alternatives are accepted in every language, and a Russian or
    Belarusian pack accepts the other language's words too (:data:`ALSO_SPOKEN`). A picture missing
    from ``assets_dir/mysteries`` (a trimmed install) is left out, so the list may be
    shorter than four, and empty when the folder is gone. Never raises.
    """
    chosen = wording_language(language)
    rounds: list[dict[str, object]] = []
    for mystery in DEFAULT_MYSTERIES:
        if not (assets_dir / mystery.image).is_file():
            continue
        words = mystery.words[chosen]
        english = mystery.words["en"]
        accept = list(words.accept)
        if chosen in ALSO_SPOKEN:
            neighbour = mystery.words[ALSO_SPOKEN[chosen]]
            accept += [neighbour.answer, *neighbour.accept]
        if chosen != "en":
            accept += [english.answer, *english.accept]
        rounds.append(
            {
                "image": mystery.image,
                "answer": words.answer,
                "accept": _distinct(accept, words.answer),
                "caption": words.caption,
                "grid": grid_for(questions),
            }
        )
    return rounds


def _distinct(texts: list[str], answer: str) -> list[str]:
    """``texts`` without the answer or a repeat, compared with case folded, in order."""
    seen = {answer.casefold()}
    kept: list[str] = []
    for text in texts:
        if text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return kept
