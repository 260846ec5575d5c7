"""The True or False sprint: statements from a pack, judged true or false against the clock.

Statements (:func:`statements_of`, dealt by :class:`Deck`); a statement never depends on
something the sprint does not show:

- a true/false question is said as written; its ``answer`` is the statement's truth;
- a choice question answered by a yes/no reply ("Да" / "Нет", "Yes, it is" / "No, it
  isn't", Y / N, or True / False, maybe beside "Not sure" / "Не знаю") is said the same
  way, its prompt alone, true when its right answer says "yes" (:func:`yes_no_truth`): "Is
  the Moon a star? — No, it isn't" judged true is a double negative; a yes/no reply never
  makes a "question — answer" statement, so a question with one among other choices
  ("Yes" / "Sometimes" / "No") is left out (:func:`yes_no_reply`);
- a choice question is said as the question with ONE proposed choice ("What is the highest
  governing body of the Union State? — Council of Ministers"); a right choice makes it true,
  a wrong one false;
- typed and number questions are left out: a pack holds no wrong answer for them, so they
  could only ever be true, a statement a student learns to call true without knowing it;
  a wrong answer borrowed from another question would be glued together from parts;
- a choice question is left out when one of its choices is not an answer to the question
  as written but points at the other choices ("All of the above", "None of these",
  "Both A and B", "A and C", "Все ответы верны"): proposed alone it reads as nonsense
  (:func:`refers_to_other_choices`); so is one with no wrong choice (it could not be false);
- a question with a picture (``image:``) is left out: the sprint shows no picture (a card
  of text read at a glance, one after another), and "Which country is shown on the map? —
  Belarus" cannot be judged without it;
- a choice question whose prompt points at its choices ("Which of these came first?",
  "Which is the odd one out?", "Which of the two is bigger?", "Назовите один из
  вариантов", "Какие из этих стран...", "Які з пералічаных...") is left out: the sprint
  shows one choice, so "these" points at nothing (:func:`points_at_choices`, a word list
  per language, each word with its reason); so is one whose choices are only labels
  ("Which picture shows a cat? — A": :func:`is_label`);
- a remark about the answers at the end of a prompt ("(There may be several right
  answers.)", "(Choose two.)", "(Выберите все верные.)", "(Можа быць некалькі правільных
  адказаў.)") is dropped from it, since one proposed choice is judged alone; such a remark
  elsewhere in the prompt leaves the question out (:func:`sprint_prompt`).

Each usable question makes one statement a sprint, at most: when they are used up the
sprint ends (a small pack cannot be looped for points, and a streak counts distinct
statements). Right about half the time: the plain statements' truths are fixed by the
pack, so the choice questions' verdicts are dealt to even out the sprint (as many true ones
as bring it nearest half true, which ones at random). A pack whose true/false questions
lean one way makes its choice statements lean the other, and the student meets true about
half the time.

:class:`Sprint` is the state machine: time is passed in as seconds (any monotonic origin),
randomness as a ``random.Random``; the same seed replays the same sprint. Its events
(:class:`SprintAnswered`, :class:`SprintEnded`) go to its observers, for the trophies.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from clarity.core.messages import Message, message
from clarity.core.packs.models import ChoiceQuestion, Pack, TrueFalseQuestion

#: Seconds a sprint lasts before extra time stretches it.
SPRINT_SECONDS = 60.0
#: Seconds a wrong verdict takes off the clock.
WRONG_COSTS_SECONDS = 5.0
#: Statements in an untimed sprint (no time limit: the student answers this many).
UNTIMED_COUNT = 30

# Choices that point at the other choices instead of answering the question. English,
# Russian and Belarusian wordings (the languages the game speaks), and letters or numbers
# joined ("A and B", "1, 3"): a choice of real words joined by "and" ("Belarus and Russia")
# is an answer and is kept.
_REFERRING = re.compile(
    r"""^\s*(
        (all|none|both|neither)\s+of\s+(the\s+|these|those|them)
      | (all|none|both|neither)\s+(answers|options|choices)
      | (both|neither)\s+[a-fа-е1-6]\s+(and|nor)\s+[a-fа-е1-6]\s*$
      | [a-fа-е1-6]\b\s*(,|and|&|or|и|і|или|або)\s*[a-fа-е1-6]\b
            (\s*(,|and|&|и|і)\s*[a-fа-е1-6]\b)*\s*$
      | (все|всё|ни\s+один|ни\s+одно|оба|обе|никакой|ничего\s+из)\b.*(ответ|вариант|
            перечисл|вышеперечисл|выше|из\s+них)
      | (усе|ўсе|усё|ніводзін|ніводны|абодва|абедзве)\b.*(адказ|варыянт|пералічан|
            вышэй|з\s+іх)
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def refers_to_other_choices(choice: str) -> bool:
    """Whether ``choice`` points at the other choices ("All of the above", "Both A and B",
    "A and C", "Все ответы верны", "Ніводзін з іх") rather than answering a question."""
    return _REFERRING.match(choice.strip().rstrip(".!")) is not None


# Prompts that point at the question's choices: the sprint shows one choice, so "these"
# would point at nothing ("Which of these came first? — Community of Belarus and Russia").
# English, Russian and Belarusian, each line a reason:
# - "of these / the following / the options", "какой из", "які з": a set named by the
#   choices ("which of the planets" names its own set and is kept, but Russian "какой из" /
#   Belarusian "які з" is nearly always "which of the (listed) ones"; Belarusian "з" must
#   stand alone: "Што з'яўляецца..." ("What is...") is kept);
# - "which one", "which of the two is...", "... больше из двух?", "... з двух?": a choice
#   among the shown ones ("the community of the two countries" and "состоит из двух частей"
#   name their own two and are kept);
# - "odd one out", "does not belong", "лишнее", "лішняе": only the other choices make the
#   proposed one odd;
# - "choose", "select", "pick", "выберите", "выберыце": an order to pick among the choices;
# - "which answer / option", "вариант", "варыянт": the choices named as such;
# - "which picture", "на рисунке", "на малюнку": a picture the sprint does not show.
_POINTING = re.compile(
    r"""(
        \b(of|from)\s+(these|those|them|the\s+following|the\s+above|the\s+below
            |the\s+(options|choices|answers)|this\s+list)\b
      | \bthe\s+following\b
      | \b(these|those)\s+(options|choices|answers)\b
      | \b(listed|shown|given)\s+(below|above|here)\b
      | \bиз\s+(этих|этого|них|перечисленн|вышеперечисленн|следующ|предложенн
            |приведённ|приведенн|указанн)
      | \b(как(ой|ая|ое|ие|ую|ого|их)|кто|что|котор(ый|ая|ое|ые))\s+из\b
      | (^|\s)з\s+(гэтых|гэтага|іх|пералічан|вышэйпералічан|наступн|прапанаван|прыведзен)
      | \b(як(і|ая|ое|ія|ую|ога|іх)|хто|што)\s+з(?=\s)
      | \bwhich\s+one\b
      | \b(of|from|between)\s+the\s+(two|three|four|pair)\b(?=\s*([^\w\s]|$)|\s+(is|are
            |was|were|has|have|had|does|do|did|will|would|can|could|lives?|weighs?)\b)
      | (?<!\w)(из|между|з|паміж)\s+(двух|трёх|трех|четырёх|четырех|трох|чатырох)
            (?=\s*([^\w\s]|$))
      | \bodd\s+one\b | \b(does\s+not|doesn't)\s+belong\b
      | (?<!\w)(лишн|лішн)\w*
      | \b(choose|select|pick)\b
      | (?<!\w)(выбер(и|ите|ы|ыце)|абяр(ы|ыце)|отметьте|адзначце)(?!\w)
      | \bwhich\s+(answer|option|choice|letter|variant)s?\b
      | (?<!\w)(вариант|варыянт)\w*
      | \b(which|this)\s+(picture|image|photo|photograph|diagram)s?\b
      | (?<!\w)на\s+((этой|этом|гэтым|гэтай)\s+)?(картинке|рисунке|фото|фотографии
            |изображении|снимке|малюнку|здымку|фота|фотаздымку|выяве)(?!\w)
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# An instruction on how to answer, which a pack may write into a choice question's prompt
# ("(More than one answer is right.)", "Выберите все верные"): a sprint proposes one choice
# to judge alone, so the instruction does not belong to its statement. Anywhere in the
# prompt, this leaves the question out.
_INSTRUCTION = re.compile(
    r"""(
        more\s+than\s+one\s+(right\s+|correct\s+)?(answer|choice|option)
      | (select|choose|tick|mark|pick)\s+(all|two|three|every|\d)\b
      | all\s+that\s+apply
      | (несколько|более\s+одного|больше\s+одного)\s+(верн\w*\s+|правильн\w*\s+)?
            (ответ|вариант)
      | (выберите|отметьте|укажите)\s+(все|два|три|несколько)\b
      | (некалькі|больш\s+(за\s+)?(адзін|аднаго))\s+(правільн\w*\s+|верн\w*\s+)?
            (адказ|варыянт)
      | (выберыце|адзначце|пазначце)\s+(усе|ўсе|два|тры|некалькі)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Words that make a bracketed remark (or a sentence after the question) talk about the
# answers ("(There may be several right answers.)", "[one answer]", "(Можа быць некалькі
# правільных адказаў.)"): said with one proposed choice, such a remark means nothing.
_ABOUT_ANSWERS = re.compile(
    r"""(
        \b(answers?|choices?|options?|correct|choose|select|tick|pick|apply)\b
      | (?<!\w)(ответ|вариант|выбер|отмет|правильн|адказ|варыянт|абяр|адзнач|пазнач
            |правільн)\w*
      | (?<!\w)верн(ый|ая|ое|ые|ых|ую|ого|ыя|ае)(?!\w)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# a remark in brackets at the end, or a sentence after the question mark (after a plain
# sentence, "The Volga flows into a sea. Select the sea." is the question itself)
_TRAILING = re.compile(r"(\s*\([^()]*\)|\s*\[[^\[\]]*\]|(?<=\?)\s+[^?]+)[\s.]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")

# Yes/no replies, in English, Russian and Belarusian, compared in lower case: a choice that
# begins with one of these words is a reply "yes" or "no" ("Yes", "No, it isn't", "Y",
# "Да, является", "Не, не з'яўляецца"). The words of _YES_ANY / _NO_ANY begin a reply
# however it goes on; those of _YES_ALONE / _NO_ALONE only alone or before a stop or comma
# ("No, it isn't" is a reply; "No one knows", "Да Винчи" and "Не всегда" are not).
_YES_ANY = frozenset({"yes", "yeah", "yep", "yup", "ага", "угу", "конечно", "вядома"})
_NO_ANY = frozenset({"nope", "нет", "неа"})
_YES_ALONE = frozenset(
    {"y", "true", "sure", "да", "верно", "правда", "так", "праўда", "дакладна", "слушна"}
)
_NO_ALONE = frozenset({"n", "no", "false", "неверно", "ложь", "не", "няпраўда", "няверна"})
_REPLY = re.compile(r"^([^\W\d_]+)(.*)$", re.DOTALL)
# Replies that are neither yes nor no ("Not sure", "Не знаю", "Цяжка сказаць"): beside yes
# and no they leave the question a yes/no one.
_UNSURE = re.compile(
    r"""^(
        (i\s+)?(am\s+|'m\s+)?(not\s+sure|unsure|don'?t\s+know|do\s+not\s+know)
      | (no\s+idea|can'?t\s+say|cannot\s+say|hard\s+to\s+say|maybe|perhaps|it\s+depends)
      | (я\s+)?не\s+(знаю|уверен\w*|могу\s+сказать|ведаю|ўпэўнен\w*|упэўнен\w*
            |магу\s+сказаць)
      | (затрудняюсь|трудно\s+сказать|сложно\s+сказать|может\s+быть|возможно|зависит
            |цяжка\s+сказаць|можа\s+быць|магчыма|залежыць)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A choice that is only a label ("A", "B)", "(c)", "2)"): "Which picture shows a cat? — A"
# means nothing without the choices beside it.
_LABEL = re.compile(r"^\(?[^\W\d_]\)?[.):]?$|^\(?\d\)$")


def points_at_choices(prompt: str) -> bool:
    """Whether a choice question's ``prompt`` points at its choices ("Which of these...",
    "of the following", "Which is the odd one out?", "Which of the two...", "Выберите...",
    "Назовите один из вариантов", "Які з пералічаных..."): said with one choice proposed,
    "these" would point at nothing the sprint shows."""
    return _POINTING.search(prompt) is not None


def sprint_prompt(prompt: str) -> str | None:
    """A choice question's prompt as a sprint says it: trailing remarks about the answers
    ("(More than one answer is right.)", "(Choose two.)", "[one answer]", "(Выберите все
    верные.)", a sentence after the question mark) dropped; None when the prompt holds
    such a remark (in brackets, or a sentence before its last) or an instruction on how to
    answer elsewhere (the question is left out)."""
    while (trailing := _TRAILING.search(prompt)) is not None and (
        _ABOUT_ANSWERS.search(trailing.group(0)) or _INSTRUCTION.search(trailing.group(0))
    ):
        prompt = prompt[: trailing.start()].rstrip()
    if not prompt or _INSTRUCTION.search(prompt):
        return None
    if any(_ABOUT_ANSWERS.search(remark.group(0)) for remark in _BRACKETED.finditer(prompt)):
        return None
    before_last = _SENTENCE_END.split(prompt)[:-1]  # "There may be several answers. Which..."
    if any(_ABOUT_ANSWERS.search(sentence) for sentence in before_last):
        return None
    return prompt


def yes_no_reply(choice: str) -> bool | None:
    """Whether ``choice`` is a reply "yes" (True) or "no" (False), in English, Russian or
    Belarusian: "Yes", "No, it isn't", "Y", "N", "Да.", "Нет, не является", "Так", "Не";
    None for anything else ("No one", "Not sure", "Не всегда", "Minsk")."""
    text = choice.strip().casefold()
    if _UNSURE.match(text):
        return None
    match = _REPLY.match(text)
    if match is None:
        return None
    word, rest = match.group(1), match.group(2)
    alone = not rest.strip() or rest.lstrip()[0] in ",.!;:—–-"
    if word in _YES_ANY or (alone and word in _YES_ALONE):
        return True
    if word in _NO_ANY or (alone and word in _NO_ALONE):
        return False
    return None


def _unsure(choice: str) -> bool:
    return _UNSURE.match(choice.strip().casefold()) is not None


def yes_no_truth(question: ChoiceQuestion) -> bool | None:
    """For a choice question answered by a yes/no reply: whether its right answer says
    "yes", when its right answers all say the same and every other choice is a yes/no
    reply or "not sure" ("Yes, it is" / "No, it isn't"; Y / N; Да / Нет / Не знаю); else
    None. (A question with a yes/no reply among its choices that is not such a question is
    left out of the sprint: :func:`has_yes_no_reply`.)"""
    right = {yes_no_reply(answer) for answer in question.right_answers}
    if len(right) != 1 or None in right:
        return None
    others = [c for c in question.choices if c not in question.right_answers]
    if not all(yes_no_reply(c) is not None or _unsure(c) for c in others):
        return None
    return right.pop()


def has_yes_no_reply(question: ChoiceQuestion) -> bool:
    """Whether one of ``question``'s choices is a yes/no reply ("No, it isn't", "Y"): such
    a choice never makes a "question — answer" statement ("Is the Moon a star? — No, it
    isn't" judged true or false is a double negative)."""
    return any(yes_no_reply(choice) is not None for choice in question.choices)


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement to judge.

    ``text`` is what the student reads (its values are the pack's own text); ``truth`` is
    the right verdict; ``proposed`` is the choice put forward for a choice question (None
    for a true/false one); ``question_index`` indexes the pack's questions.
    """

    text: Message | str
    truth: bool
    question_index: int
    question_id: str | None
    prompt: str
    proposed: str | None = None

    def asked(self) -> Message:
        """The statement with its verdict asked, as read aloud: "The Sun is a star. True or
        false?", "Which planet is closest to the Sun? — Venus: true or false?"."""
        if self.proposed is None:
            # Translators: a True or False sprint's statement (a sentence from the pack),
            # read aloud with the verdict asked.
            return message("{statement} True or false?", statement=self.prompt)
        # Translators: a True or False sprint's statement read aloud: a quiz question and
        # one proposed answer to it (both from the pack), with the verdict asked.
        return message(
            "{question} — {answer}: true or false?", question=self.prompt, answer=self.proposed
        )


def sprint_questions(pack: Pack) -> tuple[list[int], list[int]]:
    """The indexes of the pack's usable questions, in pack order: those said as a plain
    statement (true/false questions and yes/no choice questions, their truth fixed by the
    pack), and the choice questions said with one proposed choice. See the module's rules
    for what is left out."""
    plain: list[int] = []
    choice: list[int] = []
    for index, question in enumerate(pack.questions):
        if question.image is not None:
            continue  # the sprint shows no picture
        if isinstance(question, TrueFalseQuestion):
            plain.append(index)
        elif isinstance(question, ChoiceQuestion):
            prompt = sprint_prompt(question.prompt)
            if prompt is None or points_at_choices(prompt):
                continue
            if has_yes_no_reply(question):
                if yes_no_truth(question) is not None:
                    plain.append(index)
            elif _usable_choice(question):
                choice.append(index)
    return plain, choice


def is_label(choice: str) -> bool:
    """Whether ``choice`` is only a label ("A", "B)", "c.", "(d)", "2)") that means nothing
    without the choices shown beside it."""
    return _LABEL.match(choice.strip()) is not None


def _usable_choice(question: ChoiceQuestion) -> bool:
    if any(refers_to_other_choices(c) or is_label(c) for c in question.choices):
        return False
    return len(question.right_answers) < len(question.choices)


def proposed_statement(index: int, question: ChoiceQuestion, proposed: str) -> Statement:
    """``question`` with ``proposed`` (one of its choices) put forward as its answer (its
    prompt as :func:`sprint_prompt` says it)."""
    if proposed not in question.choices:
        raise ValueError(f"{proposed!r} is not a choice of question {index}")
    prompt = sprint_prompt(question.prompt) or question.prompt
    # Translators: a True or False sprint's statement: a quiz question and one proposed
    # answer to it, which the student judges true or false. Both come from the pack.
    text = message("{question} — {answer}", question=prompt, answer=proposed)
    return Statement(
        text=text,
        truth=proposed in question.right_answers,
        question_index=index,
        question_id=question.id,
        prompt=prompt,
        proposed=proposed,
    )


def truefalse_statement(index: int, question: TrueFalseQuestion | ChoiceQuestion) -> Statement:
    """A true/false question said as written, its answer the statement's truth; or a yes/no
    choice question said the same way, true when "yes" is its answer. Raises ``ValueError``
    for a choice question that is not yes/no."""
    if isinstance(question, TrueFalseQuestion):
        truth = question.answer
    else:
        yes = yes_no_truth(question)
        if yes is None:
            raise ValueError(f"question {index} is not a yes/no question")
        truth = yes
    prompt = question.prompt
    if isinstance(question, ChoiceQuestion):
        prompt = sprint_prompt(prompt) or prompt
    return Statement(
        text=prompt,
        truth=truth,
        question_index=index,
        question_id=question.id,
        prompt=prompt,
    )


class Deck:
    """Deals a pack's statements for one sprint: every usable question once, in a random
    order, the choice verdicts dealt to make them as near half true as the pack allows;
    then no more (:meth:`next` gives None).

    Raises ``ValueError`` when the pack has no question a sprint can use (see
    :func:`sprint_questions`; :func:`can_sprint` asks first).
    """

    def __init__(self, pack: Pack, rng: random.Random) -> None:
        self._pack = pack
        self._rng = rng
        self._plain, self._choice = sprint_questions(pack)
        if not self._plain and not self._choice:
            raise ValueError(f"pack {pack.id} has no true/false or choice question for a sprint")
        self._left = self._deal()
        #: how many statements the deck holds in all (one per usable question)
        self.size = len(self._left)

    @property
    def left(self) -> int:
        """Statements not dealt yet."""
        return len(self._left)

    def next(self) -> Statement | None:
        """The next statement, or None when every one was dealt."""
        return self._left.pop() if self._left else None

    def _deal(self) -> list[Statement]:
        rng = self._rng
        questions = self._pack.questions
        dealt: list[Statement] = []
        for index in self._plain:
            question = questions[index]
            assert isinstance(question, TrueFalseQuestion | ChoiceQuestion)
            dealt.append(truefalse_statement(index, question))
        trues = sum(1 for s in dealt if s.truth)
        falses = len(dealt) - trues
        count = len(self._choice)
        # k true choice statements make it even when trues + k == falses + count - k
        twice = falses + count - trues
        true_choices = twice // 2 + (1 if twice % 2 and rng.random() < 0.5 else 0)
        true_choices = max(0, min(count, true_choices))
        made_true = set(rng.sample(self._choice, true_choices))
        for index in self._choice:
            question = questions[index]
            assert isinstance(question, ChoiceQuestion)
            if index in made_true:
                proposed = rng.choice(question.right_answers)
            else:
                proposed = rng.choice(
                    [c for c in question.choices if c not in question.right_answers]
                )
            dealt.append(proposed_statement(index, question, proposed))
        rng.shuffle(dealt)
        return dealt


def can_sprint(pack: Pack) -> bool:
    """Whether ``pack`` has a question a sprint can say (see :func:`sprint_questions`)."""
    truefalse, choice = sprint_questions(pack)
    return bool(truefalse or choice)


@dataclass(frozen=True, slots=True)
class SprintRules:
    """How long a sprint lasts and what a mistake costs.

    ``seconds`` is the sprint's length before ``time_scale`` (extra time: 1.5 makes 60 s
    into 90 s) stretches it; None is no time limit: the sprint is ``count`` statements.
    ``wrong_costs`` is seconds a wrong verdict takes off the clock (not stretched).
    """

    seconds: float | None = SPRINT_SECONDS
    wrong_costs: float = WRONG_COSTS_SECONDS
    time_scale: float = 1.0
    count: int = UNTIMED_COUNT

    def __post_init__(self) -> None:
        if self.seconds is not None and self.seconds <= 0:
            raise ValueError("seconds must be positive or None")
        if self.time_scale <= 0:
            raise ValueError("time_scale must be positive")
        if self.wrong_costs < 0:
            raise ValueError("wrong_costs must not be negative")
        if self.count < 1:
            raise ValueError("count must be at least 1")

    @property
    def duration(self) -> float | None:
        """Seconds the sprint lasts with extra time, before mistakes; None when untimed."""
        return None if self.seconds is None else self.seconds * self.time_scale


@dataclass(frozen=True, slots=True)
class SprintAnswered:
    """A verdict given: ``number`` is 1-based in the sprint; ``streak`` counts right verdicts
    in a row including this one (0 after a wrong one); ``time_left`` in seconds after any
    cost (None when untimed)."""

    number: int
    question_index: int
    question_id: str | None
    verdict: bool
    truth: bool
    right: bool
    score: int
    streak: int
    time_left: float | None


@dataclass(frozen=True, slots=True)
class SprintEnded:
    """A finished sprint, for the trophies, the history and the personal best."""

    pack_id: str
    score: int
    right: int
    wrong: int
    best_streak: int
    seconds_played: float
    timed: bool


@dataclass(frozen=True, slots=True)
class SprintOutcome:
    """What a verdict did. ``counted`` is False for a verdict that came after time ran out
    (it changes nothing); ``ended`` says the sprint is over with it."""

    counted: bool
    right: bool
    score: int
    streak: int
    best_streak: int
    time_left: float | None
    ended: bool


SprintEvent = SprintAnswered | SprintEnded
SprintObserver = Callable[[SprintEvent], None]


class Sprint:
    """One sprint over ``pack``: :meth:`start`, then :meth:`answer` each :attr:`statement`
    until :attr:`ended`. Times are seconds on one clock the caller reads (``at``).

    A right verdict scores one point and adds to the streak; a wrong one ends the streak
    and costs ``rules.wrong_costs`` seconds. Time runs out at start + duration − costs;
    :meth:`time_left` and :meth:`check` end it then. Each statement is said once: the
    sprint also ends when the last one is answered (:attr:`used_up`; untimed, at
    ``rules.count`` or then, whichever comes first). Raises ``RuntimeError`` for a call out
    of order (answering before the start or after the end), a bug of the caller.
    """

    def __init__(
        self,
        pack: Pack,
        rules: SprintRules,
        rng: random.Random,
        observers: Iterable[SprintObserver] = (),
    ) -> None:
        self.pack = pack
        self.rules = rules
        self._deck = Deck(pack, rng)
        self._observers = list(observers)
        self.statement: Statement | None = None
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.score = 0
        self.right = 0
        self.wrong = 0
        self.streak = 0
        self.best_streak = 0
        self._costs = 0.0
        self.shown: list[Statement] = []
        #: whether the sprint ended because every statement of the pack was answered
        self.used_up = False

    @property
    def total(self) -> int:
        """Statements this sprint can say at most: the pack's usable questions (untimed,
        no more than ``rules.count``)."""
        if self.rules.duration is None:
            return min(self.rules.count, self._deck.size)
        return self._deck.size

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def answered(self) -> int:
        return self.right + self.wrong

    def start(self, at: float) -> Statement:
        """Start the clock at ``at`` and deal the first statement."""
        if self.started_at is not None:
            raise RuntimeError("the sprint has already started")
        self.started_at = at
        return self._deal()

    def deadline(self) -> float | None:
        """When time runs out (on the caller's clock), or None untimed or before the start."""
        duration = self.rules.duration
        if duration is None or self.started_at is None:
            return None
        return self.started_at + duration - self._costs

    def time_left(self, at: float) -> float | None:
        """Seconds left at ``at``, never below 0; None when untimed."""
        deadline = self.deadline()
        if deadline is None:
            return None
        return max(0.0, deadline - at)

    def check(self, at: float) -> bool:
        """End the sprint if its time ran out by ``at``; whether it is over."""
        if self.ended:
            return True
        deadline = self.deadline()
        if deadline is not None and at >= deadline:
            self._end(deadline)
        return self.ended

    def answer(self, verdict: bool, at: float) -> SprintOutcome:
        """Judge the current statement ``verdict`` (True: "true") at ``at``."""
        if self.started_at is None or self.statement is None:
            raise RuntimeError("the sprint has not started")
        if self.ended:
            raise RuntimeError("the sprint is over")
        if self.check(at):
            return self._outcome(counted=False, right=False, at=at)
        statement = self.statement
        right = verdict == statement.truth
        if right:
            self.score += 1
            self.right += 1
            self.streak += 1
            self.best_streak = max(self.best_streak, self.streak)
        else:
            self.wrong += 1
            self.streak = 0
            if self.rules.duration is not None:
                self._costs += self.rules.wrong_costs
        self._emit(
            SprintAnswered(
                number=self.answered,
                question_index=statement.question_index,
                question_id=statement.question_id,
                verdict=verdict,
                truth=statement.truth,
                right=right,
                score=self.score,
                streak=self.streak,
                time_left=self.time_left(at),
            )
        )
        deadline = self.deadline()
        if self.rules.duration is None and self.answered >= self.rules.count:
            self.used_up = self._deck.left == 0
            self._end(at)
        elif deadline is not None and deadline <= at:
            self._end(at)  # a wrong verdict with less than its cost left ends it now
        elif not self.check(at):
            if self._deck.left == 0:
                self.used_up = True  # every statement answered: no statement comes twice
                self._end(at)
            else:
                self._deal()
        return self._outcome(counted=True, right=right, at=at)

    def beats(self, best: int | None) -> bool:
        """Whether this sprint's score is a new personal best over ``best`` (None: no sprint
        played before; any score above 0 beats it)."""
        return self.score > (best if best is not None else 0)

    def _deal(self) -> Statement:
        statement = self._deck.next()
        assert statement is not None  # the caller checked that one is left
        self.statement = statement
        self.shown.append(statement)
        return statement

    def _outcome(self, *, counted: bool, right: bool, at: float) -> SprintOutcome:
        return SprintOutcome(
            counted=counted,
            right=right,
            score=self.score,
            streak=self.streak,
            best_streak=self.best_streak,
            time_left=self.time_left(at),
            ended=self.ended,
        )

    def _end(self, at: float) -> None:
        assert self.started_at is not None
        self.ended_at = at
        self._emit(
            SprintEnded(
                pack_id=self.pack.id,
                score=self.score,
                right=self.right,
                wrong=self.wrong,
                best_streak=self.best_streak,
                seconds_played=max(0.0, at - self.started_at),
                timed=self.rules.duration is not None,
            )
        )

    def _emit(self, event: SprintEvent) -> None:
        for observer in self._observers:
            observer(event)


def statements_of(pack: Pack, rng: random.Random, count: int) -> list[Statement]:
    """The first ``count`` statements a sprint over ``pack`` with ``rng`` would deal (fewer
    when the pack has fewer: each is said once a sprint)."""
    deck = Deck(pack, rng)
    dealt: list[Statement] = []
    while len(dealt) < count and (statement := deck.next()) is not None:
        dealt.append(statement)
    return dealt


__all__: Sequence[str] = (
    "SPRINT_SECONDS",
    "UNTIMED_COUNT",
    "WRONG_COSTS_SECONDS",
    "Deck",
    "Sprint",
    "SprintAnswered",
    "SprintEnded",
    "SprintEvent",
    "SprintObserver",
    "SprintOutcome",
    "SprintRules",
    "Statement",
    "can_sprint",
    "has_yes_no_reply",
    "is_label",
    "points_at_choices",
    "proposed_statement",
    "refers_to_other_choices",
    "sprint_prompt",
    "sprint_questions",
    "statements_of",
    "truefalse_statement",
    "yes_no_reply",
    "yes_no_truth",
)
