"""The settings a teacher chooses once, and the file they are kept in.

Five groups, each a frozen dataclass: the rules (timer, time per question, streak bonus),
the display (text size, theme, reduced motion, answer colours), the sound (volume, mute,
read-aloud), the class game on students' devices (the tile rule, the leaderboard) and the
flashcards' study (new cards a day).
:data:`SETTINGS` describes every setting as data (its key as a teacher writes it,
``text-size``; the values allowed, as written and as held; a label and a line of help), and
that one table drives the file, ``clarity settings`` and the Settings screen.

The file is ``settings.ini`` in the config folder (``--config-dir``, else
``$CLARITY_CONFIG_DIR``, else the platform's user config folder): an INI file of
``key = value`` lines, which a teacher can edit by hand and a lab can copy to every
computer. It is read line by line here, not by :mod:`configparser`, because every
problem must name its line (configparser knows no line of a key), and a file broken by
hand must still give every line that is right (configparser stops at a missing section
heading, and glues an indented line onto the value above). Nothing a file can hold stops
the game: each problem is a :class:`Problem` (``FILE:LINE: what is wrong``) and the
setting keeps its default. The file is written whole to a temporary file, synced, and
moved over the old one (:func:`os.replace`), so a kill or a power cut leaves the old file
or the new, never half of one.

No pydantic here, although the pack models use it: plain ``clarity`` reads the settings
before its first frame, and importing pydantic and building a model costs that frame
about 120 ms (more than the whole start-up takes today). The values are a few fixed
choices, which :class:`Setting` checks with messages written for a teacher.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

from clarity.core.messages import N_, Message, Translates, message
from clarity.i18n.languages import LANGUAGES
from clarity.paths import APP_NAME

if TYPE_CHECKING:
    from clarity.core.scoring import ScoringRules

CONFIG_DIR_ENV = "CLARITY_CONFIG_DIR"
SETTINGS_FILE_NAME = "settings.ini"
# Far more than the file ever needs (it is about 2 KB); a larger file is not a settings file.
MAX_FILE_BYTES = 64 * 1024

GroupName: TypeAlias = Literal["rules", "display", "sound", "classroom", "study"]
GROUPS: tuple[GroupName, ...] = ("rules", "display", "sound", "classroom", "study")
Theme: TypeAlias = Literal["standard", "high-contrast"]
AnswerColours: TypeAlias = Literal["standard", "colour-blind-safe"]
ReadAloud: TypeAlias = Literal["off", "question", "question-and-answers"]
SettingValue: TypeAlias = bool | int | float | str | None

# The time per question (x the pack's limit; None: no limit). The same choices as
# clarity.core.scoring.TIME_SCALES (a test says so), not imported from there: the core's
# scoring is not loaded before the first frame.
TIME_SCALES: tuple[float | None, ...] = (1.0, 1.5, 2.0, 3.0, None)
TEXT_SIZES: tuple[int, ...] = (100, 125, 150, 200)  # per cent of the standard size
VOLUME_STEPS: tuple[int, ...] = tuple(range(0, 101, 10))  # the screen's steps; any 0-100 is fine
# The share of the students who answered that must be right for a tile to be uncovered in
# the class game on students' devices, in per cent (issue 13: "at least half", a rule the
# teacher can change).
TILE_SHARES: tuple[int, ...] = (25, 50, 75, 100)
# The new flashcards a student meets in a day, per pack (issue 16: "new ones up to a daily
# limit a student can change"). 20 is Anki's default; 0 studies only the cards due. Any
# whole number up to MAX_NEW_CARDS may be written; the screen steps through these.
MAX_NEW_CARDS = 200
NEW_CARD_STEPS: tuple[int, ...] = (0, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200)


@dataclass(frozen=True, slots=True)
class RulesSettings:
    """How a round is timed and scored (WCAG 2.2 success criterion 2.2.1, timing adjustable).

    ``timer`` off: no countdown and no time bonus (accuracy only). ``time_scale``: each
    question's time limit is multiplied by it (1.0, 1.5, 2.0 or 3.0); None, no limit (see
    :mod:`clarity.core.scoring` for what that earns). ``streaks``: the bonus for right
    answers in a row. Raises ValueError for a value :data:`SETTINGS` does not allow.
    """

    timer: bool = True
    time_scale: float | None = 1.0
    streaks: bool = True

    def __post_init__(self) -> None:
        _check_group(self, "rules")

    def scoring_rules(self, *, timer: bool = True, streaks: bool = True) -> ScoringRules:
        """The core's rules for a round with these settings; ``timer`` or ``streaks`` False
        (``--no-timer``, ``--no-streaks``) take that rule off for this run. The one place
        the settings become scoring rules: the solo game, the class game on every device
        and the exported web page all play by it."""
        from clarity.core.scoring import ScoringRules  # noqa: PLC0415 - only when a round starts

        return ScoringRules(
            timer=timer and self.timer,
            streaks=streaks and self.streaks,
            time_scale=self.time_scale,
        )


@dataclass(frozen=True, slots=True)
class DisplaySettings:
    """How the screens look, and the language they speak.

    ``language`` of the screens and messages: "automatic" (the computer's locale) or a tag
    of ``clarity.i18n.LANGUAGES`` (``CLARITY_LANG`` overrides it for one run);
    ``text_size`` in per cent of the standard size (100, 125, 150 or 200; WCAG 1.4.4);
    ``theme`` "standard" or "high-contrast" (7:1 text, WCAG 1.4.6); ``reduced_motion``:
    nothing flies, flips, shakes or pulses (WCAG 2.3.3); ``answer_colours``
    "colour-blind-safe" for a palette told apart without red and green (Okabe-Ito; the
    shapes and letters are always there too, WCAG 1.4.1). Raises ValueError for a value
    :data:`SETTINGS` does not allow.
    """

    language: str = "automatic"
    text_size: int = 100
    theme: Theme = "standard"
    reduced_motion: bool = False
    answer_colours: AnswerColours = "standard"

    def __post_init__(self) -> None:
        _check_group(self, "display")


@dataclass(frozen=True, slots=True)
class SoundSettings:
    """What is heard (WCAG 1.4.2, audio control).

    ``volume`` of the effects in per cent, 0 to 100 (100: as loud as they are made);
    ``mute`` silences them; ``read_aloud`` speaks "off", the "question", or the
    "question-and-answers". Raises ValueError for a value :data:`SETTINGS` does not allow.
    """

    volume: int = 100
    mute: bool = False
    read_aloud: ReadAloud = "off"

    def __post_init__(self) -> None:
        _check_group(self, "sound")


@dataclass(frozen=True, slots=True)
class ClassroomSettings:
    """The class game on students' devices (``clarity host``; issue 13).

    ``tile_share``: a tile is uncovered when at least this many per cent of the students
    who answered a question were right (25, 50, 75 or 100). ``leaderboard``: the
    leaderboard is shown between questions (the teacher can still switch it during the
    game; off spares the slowest students a public ranking). Raises ValueError for a
    value :data:`SETTINGS` does not allow.
    """

    tile_share: int = 50
    leaderboard: bool = True

    def __post_init__(self) -> None:
        _check_group(self, "classroom")


@dataclass(frozen=True, slots=True)
class StudySettings:
    """The flashcards' study (issue 16).

    ``new_cards``: how many cards never studied a pack brings into a student's day, 0 to
    :data:`MAX_NEW_CARDS` (20, Anki's default; 0: only the cards due). The cards a student
    began earlier the same day count against it, so the study screen opened again the same
    day brings no fresh allowance. Kept with the computer's settings, as every preference
    is (the language, the text size, reduced motion, read-aloud); the one value the store
    keeps per player, the extra time, is an accommodation a teacher grants in the players'
    list, not a preference. On a class computer the teacher sets the pace once; at home the
    computer is the student's own; the count of cards begun today is each player's own.
    Raises ValueError for a value :data:`SETTINGS` does not allow.
    """

    new_cards: int = 20

    def __post_init__(self) -> None:
        _check_group(self, "study")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting: ``rules``, ``display``, ``sound``, ``classroom`` and ``study``; frozen,
    so a change is a new value.

    Read and change them by key (``settings.get("text-size")``,
    ``settings.with_values({"text-size": 150})``) or by attribute
    (``settings.display.text_size``).
    """

    rules: RulesSettings = field(default_factory=RulesSettings)
    display: DisplaySettings = field(default_factory=DisplaySettings)
    sound: SoundSettings = field(default_factory=SoundSettings)
    classroom: ClassroomSettings = field(default_factory=ClassroomSettings)
    study: StudySettings = field(default_factory=StudySettings)

    def get(self, key: str) -> SettingValue:
        """The value of the setting ``key`` (KeyError for a key not in :data:`SETTINGS`)."""
        setting = SETTINGS_BY_KEY[key]
        value: SettingValue = getattr(getattr(self, setting.group), setting.attribute)
        return value

    def text(self, key: str) -> str:
        """The value of ``key`` as the file and the command line write it (``"on"``, ``"x1.5"``)."""
        return SETTINGS_BY_KEY[key].text(self.get(key))

    def with_values(self, values: Mapping[str, SettingValue]) -> Settings:
        """These settings with ``values`` (key: value as held, e.g. ``{"timer": False}``).

        Raises KeyError for an unknown key and ValueError for a value not allowed: a
        value from a person goes through :meth:`Setting.parse` first.
        """
        groups = {name: getattr(self, name) for name in GROUPS}
        for key, value in values.items():
            setting = SETTINGS_BY_KEY[key]
            groups[setting.group] = replace(groups[setting.group], **{setting.attribute: value})
        return Settings(**groups)

    def with_preset(self, name: str) -> Settings:
        """These settings with the rules of the preset ``name`` (KeyError if there is none)."""
        return replace(self, rules=PRESETS_BY_NAME[name].rules)

    def preset(self) -> str | None:
        """The name of the preset whose rules these are, or None."""
        return next((p.name for p in PRESETS if p.matches(self.rules)), None)

    def changed_keys(self, other: Settings) -> list[str]:
        """The keys whose value differs in ``other``, in the order of :data:`SETTINGS`."""
        return [s.key for s in SETTINGS if self.get(s.key) != other.get(s.key)]


@dataclass(frozen=True, slots=True)
class Refused:
    """A value or a command line a person gave that is not allowed; ``message`` says what is
    (a :class:`~clarity.core.messages.Message`: ``str()`` is English, a translator renders
    it in the interface language)."""

    message: Message


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its key, where it is held, the values it allows, and words for people.

    ``choices`` are the values allowed, each as written (``"x1.5"``) and as held (1.5), in
    the order a list or the screen shows them; ``aliases`` are other spellings a person
    may write (``"yes"``, ``"150%"``). ``steps`` are the values the screen steps through
    (every choice, but the volume goes by tens and the new cards a day by
    :data:`NEW_CARD_STEPS`: a number in a range, which stops at its ends). ``allowed``
    says the choices in English, as the file's comments write them; :attr:`allowed_words`
    says them to a person in any language (the values as written are never translated: a
    person types them).
    ``label`` and ``help`` are English message ids, marked with ``N_`` and
    translated where they are shown.
    """

    key: str
    group: GroupName
    attribute: str
    label: str
    help: str
    choices: tuple[tuple[str, SettingValue], ...]
    allowed: str
    aliases: Mapping[str, SettingValue] = field(default_factory=dict)
    screen_steps: tuple[SettingValue, ...] = ()  # when not every choice (a range)
    allowed_message: Message | None = None  # when ``allowed`` holds words to translate

    @property
    def allowed_words(self) -> Message | str:
        """The choices as a person reads them: :attr:`allowed`, or the Message that says it
        in words (``"0 to 100"``); a translator's ``render`` takes either."""
        return self.allowed_message if self.allowed_message is not None else self.allowed

    @property
    def default(self) -> SettingValue:
        return DEFAULTS.get(self.key)

    @property
    def values(self) -> tuple[SettingValue, ...]:
        return tuple(value for _, value in self.choices)

    @property
    def steps(self) -> tuple[SettingValue, ...]:
        return self.screen_steps or self.values

    def stepped(self, value: SettingValue, direction: int) -> SettingValue:
        """The value one of :attr:`steps` on from ``value`` (``direction`` 1) or back (-1),
        as the Settings screen's arrows step: round the list, except a number in a range
        (the volume, the new cards a day), which stops at its ends (a value between the
        steps, as a file may hold, goes to the next step that way)."""
        steps = self.steps
        if self.screen_steps and isinstance(value, int) and not isinstance(value, bool):
            further = [s for s in steps if isinstance(s, int) and (s - value) * direction > 0]
            if not further:
                return value
            return min(further) if direction > 0 else max(further)
        index = next((i for i, step in enumerate(steps) if _same(step, value)), -direction)
        return steps[(index + direction) % len(steps)]

    def text(self, value: SettingValue) -> str:
        """``value`` as written; ValueError if it is not one of the choices."""
        for written, held in self.choices:
            if _same(held, value):
                return written
        raise ValueError(f"{self.key}: {value!r} is not allowed; allowed: {self.allowed}")

    def allows(self, value: object) -> bool:
        return any(_same(held, value) for _, held in self.choices)

    def parse(self, text: str) -> SettingValue | Refused:
        """The value a person wrote as ``text`` (any case, with or without ``%`` or quotes),
        or :class:`Refused` naming the values allowed."""
        wanted = _normal(text)
        for written, held in self.choices:
            if wanted == written:
                return held
        if wanted in self.aliases:
            return self.aliases[wanted]
        return Refused(
            message(
                "{key}={value} is not allowed; {key} may be: {allowed}",
                key=self.key,
                value=text.strip() or message("nothing"),
                allowed=self.allowed_words,
            )
        )


def _same(held: SettingValue, value: object) -> bool:
    """Whether ``value`` is the choice ``held``: True is not 1, and 2 is 2.0."""
    if isinstance(held, bool) or isinstance(value, bool):
        return held is value
    return held == value and (held is None) == (value is None)


def _normal(text: str) -> str:
    """A value or key as compared: lower case, hyphens for spaces and underscores, no quotes,
    no ``%`` (``"High Contrast"`` is ``high-contrast``, ``150%`` is ``150``, ``×2`` is ``x2``,
    ``x1,5`` is ``x1.5``)."""
    plain = text.strip().strip("\"'").strip().lower().removesuffix("%").strip()
    # a decimal comma as Russian and Belarusian write it: x1,5 is x1.5 (no value has a comma)
    plain = plain.replace("×", "x").replace(",", ".")
    return "-".join(plain.replace("_", " ").split())


_ON_OFF = (("on", True), ("off", False))
_SAID_ON = {"yes": True, "true": True, "1": True}
_SAID_OFF = {"no": False, "false": False, "0": False}


def _switch(key: str, group: GroupName, attribute: str, label: str, help: str) -> Setting:
    return Setting(
        key, group, attribute, label, help, _ON_OFF, "on, off", {**_SAID_ON, **_SAID_OFF}
    )


def _time_text(scale: float | None) -> str:
    return "none" if scale is None else f"x{scale:g}"


# The interface languages: a new one is its catalog and its line in LANGUAGES.
LANGUAGE_TAGS: tuple[str, ...] = tuple(LANGUAGES)

SETTINGS: tuple[Setting, ...] = (
    _switch(
        "timer",
        "rules",
        "timer",
        N_("Timer"),
        N_(
            "a countdown on every question, and a bonus for answering fast; without it, "
            "only right answers count"
        ),
    ),
    Setting(
        "time",
        "rules",
        "time_scale",
        N_("Time per question"),
        N_("each question's time limit times this, or no countdown at all"),
        tuple((_time_text(scale), scale) for scale in TIME_SCALES),
        "x1, x1.5, x2, x3, none",
        aliases={
            **{f"{scale:g}": scale for scale in TIME_SCALES if scale is not None},
            **{f"{scale:g}x": scale for scale in TIME_SCALES if scale is not None},
            "no-limit": None,
            "unlimited": None,
        },
    ),
    _switch(
        "streaks",
        "rules",
        "streaks",
        N_("Streak bonus"),
        N_("extra points for right answers in a row"),
    ),
    Setting(
        "language",
        "display",
        "language",
        N_("Language"),
        N_("the language of the screens and messages; automatic follows the computer's"),
        (("automatic", "automatic"), *((tag, tag) for tag in LANGUAGE_TAGS)),
        "automatic, " + ", ".join(LANGUAGE_TAGS),
        aliases={
            "auto": "automatic",
            "english": "en",
            "russian": "ru",
            "belarusian": "be",
            "русский": "ru",
            "беларуская": "be",
        },
    ),
    Setting(
        "text-size",
        "display",
        "text_size",
        N_("Text size"),
        N_("the size of every text, in per cent of the standard size"),
        tuple((str(size), size) for size in TEXT_SIZES),
        "100, 125, 150, 200",
    ),
    Setting(
        "theme",
        "display",
        "theme",
        N_("Theme"),
        N_("high contrast: every text at 7:1 contrast or more, every edge at 3:1"),
        (("standard", "standard"), ("high-contrast", "high-contrast")),
        "standard, high-contrast",
    ),
    _switch(
        "reduced-motion",
        "display",
        "reduced_motion",
        N_("Reduced motion"),
        N_("nothing flies, flips, shakes or pulses: tiles, points and trophies appear at once"),
    ),
    Setting(
        "answer-colours",
        "display",
        "answer_colours",
        N_("Answer colours"),
        N_(
            "colour-blind safe: colours told apart without red and green (shapes and letters "
            "are always shown too)"
        ),
        (("standard", "standard"), ("colour-blind-safe", "colour-blind-safe")),
        "standard, colour-blind-safe",
        aliases={"color-blind-safe": "colour-blind-safe"},
    ),
    Setting(
        "volume",
        "sound",
        "volume",
        N_("Effects volume"),
        N_("how loud the sound effects are, in per cent"),
        tuple((str(level), level) for level in range(101)),
        "0 to 100",
        screen_steps=VOLUME_STEPS,
        allowed_message=message("{low} to {high}", low=0, high=100),
    ),
    _switch(
        "mute", "sound", "mute", N_("Mute"), N_("no sound effects (M switches them during a game)")
    ),
    Setting(
        "read-aloud",
        "sound",
        "read_aloud",
        N_("Read aloud"),
        N_("speak each question (and its answers, with their letters) when it appears"),
        (
            ("off", "off"),
            ("question", "question"),
            ("question-and-answers", "question-and-answers"),
        ),
        "off, question, question-and-answers",
    ),
    Setting(
        "tile-share",
        "classroom",
        "tile_share",
        N_("Tile rule"),
        N_(
            "in the class game on students' devices, a tile is uncovered when at least this "
            "share of the students who answered were right, in per cent"
        ),
        tuple((str(share), share) for share in TILE_SHARES),
        "25, 50, 75, 100",
    ),
    _switch(
        "leaderboard",
        "classroom",
        "leaderboard",
        N_("Leaderboard"),
        N_(
            "in the class game on students' devices, the leaderboard between questions (the "
            "teacher can still switch it during the game)"
        ),
    ),
    Setting(
        "new-cards",
        "study",
        "new_cards",
        N_("New cards a day"),
        N_(
            "how many flashcards never studied each pack brings into a day's study, after the "
            "cards due; the ones begun earlier today count; 0: only the cards due"
        ),
        tuple((str(count), count) for count in range(MAX_NEW_CARDS + 1)),
        f"0 to {MAX_NEW_CARDS}",
        aliases={"none": 0, "off": 0},
        screen_steps=NEW_CARD_STEPS,
        allowed_message=message("{low} to {high}", low=0, high=MAX_NEW_CARDS),
    ),
)
SETTINGS_BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
# Other names a person may use for a key (keys are compared as _normal makes them).
KEY_ALIASES: dict[str, str] = {
    "answer-colors": "answer-colours",
    "time-per-question": "time",
    "streak-bonus": "streaks",
    "read-out-loud": "read-aloud",
    "new-cards-a-day": "new-cards",
    "new-cards-per-day": "new-cards",
    "daily-new-cards": "new-cards",
}


def _check_group(group: object, name: GroupName) -> None:
    for setting in SETTINGS:
        if setting.group == name and not setting.allows(getattr(group, setting.attribute)):
            value = getattr(group, setting.attribute)
            raise ValueError(f"{setting.key}: {value!r} is not allowed; allowed: {setting.allowed}")


DEFAULTS = Settings()


def find_setting(key: str) -> Setting | None:
    """The setting a person means by ``key`` (any case, ``_`` for ``-``, a known alias)."""
    wanted = _normal(key)
    return SETTINGS_BY_KEY.get(KEY_ALIASES.get(wanted, wanted))


def unknown_key(key: str) -> Message:
    """The words that refuse ``key``: a close key if there is one, and every key."""
    import difflib  # noqa: PLC0415 - only for a mistake

    keys = ", ".join(s.key for s in SETTINGS)
    close = difflib.get_close_matches(_normal(key), [*SETTINGS_BY_KEY, *KEY_ALIASES], n=1)
    if close:
        return message(
            '"{key}" is not a setting (did you mean {close}?); the settings are: {keys}',
            key=key.strip(),
            close=KEY_ALIASES.get(close[0], close[0]),
            keys=keys,
        )
    return message('"{key}" is not a setting; the settings are: {keys}', key=key.strip(), keys=keys)


# --- presets -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Preset:
    """A named set of rules a teacher picks in one go (the display and sound stay).

    ``name`` is as written in a file and on the command line; ``label`` and ``help`` are
    English message ids (``N_``), translated where they are shown."""

    name: str
    label: str
    help: str
    rules: RulesSettings

    def matches(self, rules: RulesSettings) -> bool:
        """Whether ``rules`` play as this preset's (with the timer off, the time is no matter)."""
        if not rules.timer and not self.rules.timer:
            return rules.streaks == self.rules.streaks
        return rules == self.rules


PRESETS: tuple[Preset, ...] = (
    Preset(
        "standard",
        N_("Standard"),
        N_("the countdown, its bonus for speed and the streak bonus"),
        RulesSettings(),
    ),
    Preset(
        "accuracy-only",
        N_("Accuracy only"),
        N_("no countdown and no bonus for speed or for answers in a row: only right answers count"),
        RulesSettings(timer=False, streaks=False),
    ),
    # For a class where some read slowly or are new to the language: the countdown keeps
    # the game moving on a projector, but at twice the time, so no student is cut off;
    # speed still earns a little; and without the streak bonus one slip costs only itself
    # rather than the run of bonuses it breaks.
    Preset(
        "relaxed",
        N_("Relaxed"),
        N_("twice the time on every question and no streak bonus"),
        RulesSettings(time_scale=2.0, streaks=False),
    ),
)
PRESETS_BY_NAME: dict[str, Preset] = {p.name: p for p in PRESETS}
PRESET_KEY = "preset"


# --- what a person types: KEY=VALUE ... ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assignments:
    """What ``clarity settings KEY=VALUE …`` asks for: a preset (or None), then values."""

    preset: str | None
    values: dict[str, SettingValue]

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with the preset's rules, then each value (a key beats the preset)."""
        if self.preset is not None:
            settings = settings.with_preset(self.preset)
        return settings.with_values(self.values)


def parse_assignments(words: Sequence[str]) -> Assignments | Refused:
    """``["timer=off", "text-size=150", "preset=relaxed"]`` as :class:`Assignments`; or the
    first word that is wrong, :class:`Refused` with what is allowed (all or nothing)."""
    preset: str | None = None
    values: dict[str, SettingValue] = {}
    for word in words:
        key, equals, text = word.partition("=")
        if _normal(key) == PRESET_KEY:
            if _normal(text) not in PRESETS_BY_NAME:
                return Refused(
                    message(
                        "preset={value} is not a preset; the presets are: {names}",
                        value=text.strip() or message("nothing"),
                        names=", ".join(PRESETS_BY_NAME),
                    )
                )
            if preset is not None:
                return Refused(message("preset is given twice; give one preset"))
            preset = _normal(text)
            continue
        setting = find_setting(key) if key.strip() else None
        if setting is None:
            if key.strip():
                return Refused(unknown_key(key))
            return Refused(message('"{word}" is not KEY=VALUE', word=word))
        if not equals:
            return Refused(
                message(
                    '"{word}" has no value: write {key}=VALUE, where VALUE is one of: {allowed}',
                    word=word,
                    key=setting.key,
                    allowed=setting.allowed_words,
                )
            )
        if setting.key in values:
            return Refused(message("{key} is given twice; give it once", key=setting.key))
        value = setting.parse(text)
        if isinstance(value, Refused):
            return value
        values[setting.key] = value
    return Assignments(preset, values)


# --- where the file is ---------------------------------------------------------------------


def config_dir(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """``--config-dir`` if given, else ``$CLARITY_CONFIG_DIR``, else the platform's user
    config folder (``~/.config/clarity-challenge`` on Linux). Nothing is created."""
    if cli_value:
        return Path(cli_value).expanduser()
    from_env = environ.get(CONFIG_DIR_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # noqa: PLC0415 - as clarity.paths: only when it is needed

    # appauthor=False: on Windows, no extra "clarity-challenge\clarity-challenge" level
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_path(folder: Path) -> Path:
    """The settings file in the config folder ``folder``."""
    return folder / SETTINGS_FILE_NAME


# --- reading the file ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the settings file, at ``line`` (1-based; None: the file as a whole).

    ``message`` says what, as a :class:`~clarity.core.messages.Message`; ``str()`` is the
    whole line in English, :meth:`text` in a translator's language. The ``FILE:LINE:``
    start stays as editors and terminals read it, in every language.
    """

    path: Path
    line: int | None
    message: Message

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else f"{self.path}"

    def text(self, translate: Translates) -> str:
        """``FILE:LINE: what is wrong`` with what is wrong in ``translate``'s language."""
        return f"{self.where}: {translate.render(self.message)}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    """The settings read from a file: the defaults for every key the file does not set right.

    ``from_file`` holds the keys the file set (the rest are defaults); ``problems`` say, one
    line each, what was wrong and that the default is used; ``exists`` is False when
    there is no file yet; ``unreadable`` is True when the file is there but could not be
    read at all (not allowed, not a file, far too large), so that nothing overwrites
    settings nobody has seen.
    """

    settings: Settings
    from_file: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()
    exists: bool = False
    unreadable: bool = False


def read_settings(text: str, path: Path) -> LoadedSettings:
    """The settings in ``text``, the content of the file ``path`` (named in the problems).

    A line is blank, a comment (``#`` or ``;``), a heading (``[rules]``; headings are for
    people: a key is read under any of them) or ``key = value`` (``:`` may stand for
    ``=``; a ``#`` after a space ends the value). Each line that is none of these, names
    no setting, or gives a value not allowed is a :class:`Problem`, and that setting keeps
    its default; a key given twice is one too, and the later line counts.
    """
    values: dict[str, SettingValue] = {}
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in "#;" or (line.startswith("[") and line.endswith("]")):
            continue
        sign = min((i for i in (line.find("="), line.find(":")) if i >= 0), default=-1)
        if sign <= 0:
            shown = line if len(line) <= 40 else line[:39] + "…"
            problems.append(
                Problem(path, number, message('"{line}" is not KEY = VALUE; ignored', line=shown))
            )
            continue
        key, value_text = line[:sign].strip(), _without_comment(line[sign + 1 :])
        setting = find_setting(key)
        if setting is None:
            refused = unknown_key(key)
            problems.append(Problem(path, number, message("{refused}; ignored", refused=refused)))
            continue
        if setting.key in seen:
            problems.append(
                Problem(
                    path,
                    number,
                    message(
                        "{key} is set again (first on line {line}); this line counts",
                        key=setting.key,
                        # a line number as editors write it, never grouped
                        line=str(seen[setting.key]),
                    ),
                )
            )
        seen[setting.key] = number
        value = setting.parse(value_text)
        if isinstance(value, Refused):
            refused_value = message(
                "{key} = {value} is not allowed; {key} may be: {allowed}; "
                "using the default, {default}",
                key=setting.key,
                value=value_text or message("(nothing)"),
                allowed=setting.allowed_words,
                default=setting.text(setting.default),
            )
            problems.append(Problem(path, number, refused_value))
            values.pop(setting.key, None)
            continue
        values[setting.key] = value
    return LoadedSettings(
        Settings().with_values(values), frozenset(values), tuple(problems), exists=True
    )


def _without_comment(text: str) -> str:
    """``text`` up to a ``#`` or ``;`` that follows a space (no value holds either)."""
    for mark in (" #", "\t#", " ;", "\t;"):
        text = text.split(mark, 1)[0]
    return text.strip()


def _decoded(data: bytes, path: Path) -> tuple[str, Problem | None]:
    """``data`` as text (UTF-8, with or without the byte-order mark Notepad writes).

    Bytes that are not UTF-8 become U+FFFD, so their line is refused as it is read; the
    problem names the first such line.
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problem = Problem(path, line, message("is not UTF-8 text; save the file as UTF-8"))
        return data.decode("utf-8-sig", errors="replace"), problem


# --- the store: reading and writing the file -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Saved:
    """What came of saving: ``problem`` is None when the file is written, else one line
    saying why not (the settings still apply for this session), as a Message (``str()``
    is English)."""

    problem: Message | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


class SettingsStore:
    """The settings file at ``path``: :meth:`load` never fails, :meth:`save` says how it went.

    Neither raises for anything a file or a folder can do (missing, read-only, full,
    broken by hand); the folder is made on the first save.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> LoadedSettings:
        """The saved settings; the defaults where there is no file or a line is wrong."""
        try:
            with self.path.open("rb") as file:
                data = file.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            return LoadedSettings(Settings())
        except OSError as error:
            reason = error.strerror or str(error)
            problem = Problem(
                self.path,
                None,
                message("cannot be read ({reason}); using the defaults", reason=reason),
            )
            # a file above it in the path: no settings file there to keep from harm
            there = not isinstance(error, NotADirectoryError)
            return LoadedSettings(Settings(), problems=(problem,), exists=there, unreadable=there)
        if len(data) > MAX_FILE_BYTES:
            too_large = message(
                "is larger than {size} KB, not a settings file; using the defaults",
                size=MAX_FILE_BYTES // 1024,
            )
            problem = Problem(self.path, None, too_large)
            return LoadedSettings(Settings(), problems=(problem,), exists=True, unreadable=True)
        text, not_utf8 = _decoded(data, self.path)
        loaded = read_settings(text, self.path)
        if not_utf8 is None:
            return loaded
        return replace(loaded, problems=(not_utf8, *loaded.problems))

    def save(self, settings: Settings) -> Saved:
        """Write ``settings`` (the folder is made if need be), atomically.

        Returns :class:`Saved` with the one line that says why not, for a folder that
        cannot be made or written (read-only, full, a file in the way).
        """
        # imported here: the writer (secrets, locks) costs the first frame 11 ms
        from clarity.atomic_files import write_replacing  # noqa: PLC0415

        data = settings_text(settings).encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_replacing(self.path, data)
        except OSError as error:
            # the reason only: the file named would be the temporary one, or a folder above
            reason = error.strerror or str(error)
            return Saved(
                message(
                    "the settings could not be saved in {path}: {reason}",
                    path=str(self.path),
                    reason=reason,
                )
            )
        return Saved()


HEADER = """\
# Clarity Challenge settings.
#
# `clarity settings` lists them with the values allowed, and
# `clarity settings KEY=VALUE ...` changes them; the game's Settings screen writes here too.
# You may also edit this file by hand: one `key = value` a line. A line that starts
# with # is not read: the settings left at their default are shown that way, so remove
# the # to change one. A line the game cannot read is reported, and that setting keeps
# its default. Changing settings rewrites this file; comments of your own are not kept.
"""


COMMENT_WIDTH = 86  # the file's comments fit a narrow editor window


def settings_text(settings: Settings) -> str:
    """The file for ``settings``: every key under its group's heading, with a comment of
    what it does and allows; a key at its default is commented out (so it follows the
    default of a later version, and the file says what is set on purpose).

    The comments are English whatever the interface language: the file is shared between
    computers (a lab copies one to every machine) whose languages may differ, and a file
    that changed its comments with the language of the last computer that saved it would
    show up as changed in every copy and every diff; its keys and values are English too.
    """
    lines = [HEADER.rstrip("\n")]
    for group in GROUPS:
        lines += ["", f"[{group}]"]
        for setting in SETTINGS:
            if setting.group != group:
                continue
            about = f"{setting.label}: {setting.help}. Allowed: {setting.allowed}."
            lines += [f"# {part}" for part in textwrap.wrap(about, COMMENT_WIDTH)]
            line = f"{setting.key} = {settings.text(setting.key)}"
            at_default = settings.get(setting.key) == DEFAULTS.get(setting.key)
            lines.append(f"# {line}" if at_default else line)
    return "\n".join(lines) + "\n"


def settings_in(group: GroupName) -> list[Setting]:
    """The settings of ``group``, in the order of :data:`SETTINGS` (for the screen's lists)."""
    return [s for s in SETTINGS if s.group == group]
