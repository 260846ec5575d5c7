"""The pack as one web page that plays the mystery-picture game offline.

:func:`build_web_game` writes a single HTML file: the style, the scripts, the pack, the
scoring figures and every picture are inside it (pictures as ``data:`` URIs), and its
Content-Security-Policy lets it load nothing from anywhere (``default-src 'none'``; the
scripts are allowed by their SHA-256 hashes, the pictures only as ``data:``). It opens from
a USB stick, a shared folder or an LMS upload, and makes no request.

The page plays the desktop's round (:mod:`clarity.core.class_round` with one contestant):
questions in a random order, a tile uncovered for every right answer, a guess at any moment,
the final guess when tiles or questions run out. Its rules are not written twice: the
scoring figures are :class:`~clarity.core.scoring.ScoringRules` as JSON, the points come
from ``scoring.js`` and the judging of answers from ``matching.js`` with the Python matcher's
own tables (``matching_tables.py``); both scripts pass the same shared tables of cases as
the Python code. The page's own words are the game's, in the pack's language (English,
Russian or Belarusian; English for any other).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from collections.abc import Mapping
from pathlib import Path

from PIL import Image, ImageOps

from clarity.core.answers import right_answer_text
from clarity.core.messages import N_, Message, plural_message
from clarity.core.packs.models import Pack
from clarity.core.scoring import TIME_SCALES, ScoringRules
from clarity.formats.web.matching_tables import matching_tables, scoring_rules_data
from clarity.i18n import Translator, translator_for
from clarity.i18n.page_words import page_words, script_json

#: Where the page's template, style and scripts are (beside this module).
WEB_DIR = Path(__file__).parent
#: The class game's student page style: its palette and controls are the web game's too.
CLASS_STYLE = WEB_DIR.parent.parent / "classroom" / "web" / "student.css"
#: A picture longer than this on its long side (pixels) is re-encoded at this size: a
#: projector at 1920 x 1080 shows the picture at most about this big, and a phone's photo
#: of 4000 px would make the page tens of megabytes.
MAX_PICTURE_SIDE = 1600
#: JPEG quality of a re-encoded photo: no artefact a class sees on a projector.
JPEG_QUALITY = 90
#: The game's own scoring figures, used when no others are given.
DEFAULT_RULES = ScoringRules()
#: Languages the page speaks; any other pack's page speaks English.
PAGE_LANGUAGES = ("en", "ru", "be")
#: Scripts of the page, in the order they run: the rules first, the game last.
SCRIPTS = ("scoring.js", "matching.js", "game.js")
#: A slot of the page's template: ``{{name}}``.
SLOT = re.compile(r"\{\{(\w+)\}\}")
#: Formats a browser shows, by Pillow's name, with their MIME type.
MIME_TYPES = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "BMP": "image/bmp",
}

#: Every text of the page by the key the script uses.
TEXTS: dict[str, str] = {
    "play": N_("Play"),
    "rounds": N_("Rounds"),
    # Translators: a button of the web page's list of rounds (one mystery picture each)
    "round_n": N_("Round {number}"),
    "round_of": N_("Round {number} of {total}"),
    # the desktop's words (ui/play/card.py): no total, which would move when a wrong answer
    # leaves a tile hidden and another question is asked
    "question": N_("Question {number}"),
    # the desktop's setting and its words (settings.py, ui/scenes/settings.py)
    "time_per_question": N_("Time per question"),
    "no_limit": N_("No limit"),
    "true": N_("True"),
    "false": N_("False"),
    "answer_label": N_("Your answer"),
    # Translators: the button that sends a typed answer (short)
    "send_answer": N_("Send"),
    "next": N_("Next"),
    "guess_heading": N_("Guess the mystery picture"),
    "guess_label": N_("What is in the picture?"),
    # Translators: the button that sends a guess of the mystery picture (short)
    "guess": N_("Guess"),
    # Translators: what a guess at the picture earns now, and costs when it is wrong
    "guess_stakes": N_("Right now: +{right}; a wrong guess: −{wrong}"),
    # Translators: what a guess at the picture earns now (a wrong one costs nothing yet)
    "guess_worth": N_("Right now: +{right}"),
    "final_guess": N_("The questions are over: one last guess, a wrong one costs nothing."),
    # Translators: gives up the final guess and shows the picture (short)
    "show_picture": N_("Show the picture"),
    "right": N_("Right!"),
    "wrong": N_("Wrong."),
    "no_answer": N_("No answer in time."),
    "right_answer": N_("The right answer: {answer}"),
    "guess_wrong": N_("Wrong guess."),
    "score": N_("Score: {score}"),
    "streak": N_("Streak {count}"),
    "you_guessed": N_("You guessed it!"),
    "not_this_time": N_("Not this time! It was…"),
    "mystery_answer": N_("The picture: {answer}"),
    "best_possible": N_("Best possible: {best}"),
    "total_score": N_("All rounds: {score}"),
    "time_bonus": N_("Time bonus"),
    "streak_bonus": N_("Streak bonus"),
    "image_bonus": N_("Image bonus"),
    "base_points": N_("Right answers"),
    "penalty_points": N_("Wrong guesses"),
    "next_round": N_("Next picture"),
    "play_again": N_("Play again"),
    "to_rounds": N_("Rounds"),
    # Translators: the mystery picture's text for a screen reader, while tiles hide it
    "picture_hidden": N_("The mystery picture, {hidden} of {total} tiles hidden"),
    "keys_help": N_(
        "Keys: 1–6 or A–F choose an answer, T or F true or false, Enter sends, "
        "G guesses the picture."
    ),
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
    "question_count": plural_message("{count} question", "{count} questions", 0),
    "round_count": plural_message("{count} round", "{count} rounds", 0),
}


def build_web_game(
    pack: Pack, images: Mapping[str, Path], *, rules: ScoringRules = DEFAULT_RULES
) -> str:
    """The HTML page (text) that plays ``pack`` in a browser with ``rules``' figures.

    ``images`` maps each picture's text as the pack writes it to its file (``LoadedPack.
    images``); a picture the pack names that is missing from it is left out (its round shows
    only the tiles). A picture over :data:`MAX_PICTURE_SIDE` pixels on its long side is
    re-encoded to that size. Raises OSError when a picture or one of the page's own files
    cannot be read, and PIL.UnidentifiedImageError for a file that is no picture.
    """

    translator = translator_for(page_language(pack.language))
    pictures = _pictures(pack, images)
    data = {
        "pack": {
            "id": pack.id,
            "title": pack.title,
            "description": pack.description,
            "language": pack.language,
            "rounds": [
                {**mystery.model_dump(mode="json"), "picture": pictures.get(mystery.image)}
                for mystery in pack.rounds
            ],
            "questions": [question.model_dump(mode="json") for question in pack.questions],
            # each question's own limit in seconds (the pack's when it has none), or None
            "time_limits": [pack.time_limit_for(question) for question in pack.questions],
            # the right answer as the desktop shows it, the words around it translated
            "right_answers": [
                translator.render(right_answer_text(question)) for question in pack.questions
            ],
            "question_pictures": [
                pictures.get(question.image) if question.image else None
                for question in pack.questions
            ],
        },
        "rules": scoring_rules_data(rules),
        # the times per question the start screen offers (x the limit; None: no limit)
        "time_scales": time_scales(rules),
        "tables": matching_tables(),
        "page": page_texts(translator),
    }
    scripts = [(WEB_DIR / name).read_text(encoding="utf-8") for name in SCRIPTS]
    template = (WEB_DIR / "game.html").read_text(encoding="utf-8")
    # the class pages' palette and controls, then the game's own layout: one look
    style = "\n".join(
        path.read_text(encoding="utf-8") for path in (CLASS_STYLE, WEB_DIR / "game.css")
    )
    slots = {
        # the page's own words' language; every text of the pack carries the pack's own
        "lang": html.escape(translator.language),
        "title": html.escape(pack.title),
        "csp": html.escape(content_security_policy(scripts), quote=False),
        "style": style.replace("</", "<\\/"),
        "data": script_json(data),
        "scripts": "\n".join(f"<script>{_script_text(text)}</script>" for text in scripts),
    }
    return fill_slots(template, slots)


def fill_slots(template: str, slots: Mapping[str, str]) -> str:
    """``template`` with each ``{{name}}`` replaced by ``slots[name]``, in one pass over the
    template only: a value holding ``{{scripts}}`` (a pack's text) stays as it is. Raises
    KeyError for a slot with no value."""
    return SLOT.sub(lambda found: slots[found.group(1)], template)


def time_scales(rules: ScoringRules) -> list[float | None]:
    """The times per question the page's start screen offers, as the desktop's settings do
    (:data:`~clarity.core.scoring.TIME_SCALES`: x1, x1.5, x2, x3, no limit), with
    ``rules.time_scale`` among them when it is another (in its place by size). The page
    starts on ``rules.time_scale``."""
    scales = [scale for scale in TIME_SCALES if scale is not None]
    if rules.time_scale is not None and rules.time_scale not in scales:
        scales = sorted([*scales, rules.time_scale])
    return [*scales, None]


def page_language(language: str) -> str:
    """The language of the page's own words for a pack in ``language`` (a BCP 47 tag)."""
    primary = language.split("-", 1)[0].lower()
    return primary if primary in PAGE_LANGUAGES else "en"


def page_texts(translator: Translator) -> dict[str, object]:
    """The page's words (:data:`TEXTS` and :data:`PLURALS`) in ``translator``'s language, as
    the class pages send theirs (:func:`clarity.i18n.page_words.page_words`)."""
    return page_words(translator, TEXTS, PLURALS)


def content_security_policy(scripts: list[str]) -> str:
    """The page's policy: nothing from anywhere; only its own ``scripts`` (by hash), inline
    style, and pictures as ``data:`` URIs. No form is sent anywhere and no base URL set."""
    hashes = " ".join(f"'sha256-{_digest(_script_text(text))}'" for text in scripts)
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def picture_data_uri(path: Path) -> str:
    """The picture at ``path`` as a ``data:`` URI, its MIME type from its real format (not
    its name). Kept as it is when a browser shows its format and its long side is at most
    :data:`MAX_PICTURE_SIDE`; else re-encoded at most that size (a photo as JPEG at quality
    :data:`JPEG_QUALITY`, a picture with transparency or few colours as PNG)."""
    raw = path.read_bytes()
    with Image.open(io.BytesIO(raw)) as picture:
        kind = picture.format or ""
        if kind in MIME_TYPES and max(picture.size) <= MAX_PICTURE_SIDE:
            return _data_uri(MIME_TYPES[kind], raw)
        upright = ImageOps.exif_transpose(picture)
        upright.thumbnail((MAX_PICTURE_SIDE, MAX_PICTURE_SIDE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if kind == "JPEG" or (upright.mode in ("RGB", "L", "CMYK") and kind != "PNG"):
            upright.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            return _data_uri("image/jpeg", out.getvalue())
        if upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            upright = upright.convert("RGBA")
        upright.save(out, "PNG", optimize=True)
        return _data_uri("image/png", out.getvalue())


def _pictures(pack: Pack, images: Mapping[str, Path]) -> dict[str, str]:
    named = [m.image for m in pack.rounds] + [q.image for q in pack.questions if q.image]
    return {name: picture_data_uri(images[name]) for name in dict.fromkeys(named) if name in images}


def _data_uri(mime: str, raw: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"


def _script_text(text: str) -> str:
    # A script's text as it stands between its tags (the hash is of exactly this).
    return text.replace("</script", "<\\/script")


def _digest(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
