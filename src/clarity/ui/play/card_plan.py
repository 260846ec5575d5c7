"""Choosing how a question card is laid out: type sizes, columns, heights, the picture.

A card is planned once per question and size, before the answer, so that nothing moves
when the verdict shows: the feedback zone is as tall as the question's explanation needs.
When everything does not fit at the largest sizes, the type and the buttons shrink step
by step (two columns of answers come before smaller type).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

import pygame

from clarity.core.packs.models import TrueFalseQuestion, TypedQuestion
from clarity.core.round import Question, right_answer_text
from clarity.i18n import Translator
from clarity.ui import keys
from clarity.ui.assets import Assets
from clarity.ui.menu_frame import button_width
from clarity.ui.textfit import wrap_lines
from clarity.ui.theme import Metrics
from clarity.ui.widgets import Button

#: the shortest a question's picture may be, in units (more with large text, which lets the
#: card scroll rather than show a thumbnail), before the card shrinks its type
PICTURE_LEAST = 8.0
#: beside the prompt, the picture takes at most this share of the card's width
PICTURE_BESIDE_SHARE = 0.45


@dataclass(frozen=True, slots=True)
class CardPlan:
    """The sizes a question card is laid out with."""

    prompt_size: int
    explain_size: int
    columns: int
    button_h: int
    answers_h: int
    row_h: int  # the verdict and its Next button
    feedback_h: int
    needed: int = 0  # the height the card's contents need at these sizes
    share: float = 1.0  # of the largest buttons' height
    #: each answer button's own height: ``button_h`` or more, as its label needs (a row
    #: of buttons is as tall as its tallest; empty for a typed question)
    heights: tuple[int, ...] = ()
    #: the stakes line is shown under the answers (it gave way to them: see ``help_gives_way``
    #: of :func:`plan_question`)
    stakes_shown: bool = True

    def row_heights(self) -> list[int]:
        """The height of each row of answer buttons, in pixels: its tallest button's."""
        return [
            max(self.heights[start : start + self.columns])
            for start in range(0, len(self.heights), self.columns)
        ]


@dataclass(frozen=True, slots=True)
class PictureSpot:
    """Where a question's picture and its prompt go in the room above the answers."""

    picture: pygame.Rect
    prompt: pygame.Rect  # the prompt's box


def tiny_size(metrics: Metrics) -> int:
    """The smallest type the card falls back to when a long question must fit (it
    follows the text size: a long text scrolls rather than shrink below it)."""
    return metrics.tiny_size


def text_height(assets: Assets, text: str, size: int, width: int, *, bold: bool = False) -> int:
    """The height in pixels of ``text`` at ``size`` wrapped at ``width`` pixels, with a word
    wider than the line (a URL, a long compound) broken between letters as it is drawn.

    The fitter's measure is the quick answer; a word too wide for the line is counted again
    by :func:`~clarity.ui.textfit.wrap_lines`, which breaks it, so a card never plans fewer
    lines than it draws.
    """
    widest, height = assets.fitter.measure(text, size, width, bold)
    if widest <= width:
        return height
    font = assets.font(size, bold)
    lines = wrap_lines(font, text, max(1, width), len(text) + 1)
    return max(height, len(lines) * font.get_linesize())


def label_room(
    assets: Assets, metrics: Metrics, width: int, height: int, key_hint: str
) -> tuple[int, int]:
    """The room an answer button of ``width`` x ``height`` leaves for its label.

    It mirrors :meth:`Button.draw`'s own arithmetic, so the size chosen here is the first
    one the button tries, and the label is rendered once.
    """
    pad = metrics.px(1.2)
    left = pad + round(2 * min(height * 0.28, metrics.px(2.0))) + pad  # the shape
    right = pad
    if key_hint:
        right += assets.fitter.width(key_hint, metrics.small_size, bold=True) + pad
    return max(10, width - left - right), height - metrics.px(0.6)


def feedback_widths(
    assets: Assets, metrics: Metrics, width: int, next_button: Button
) -> tuple[int, int]:
    """The widths in pixels of the Next button and of the verdict beside it in a feedback
    row ``width`` wide: Next as wide as its label at body size (:func:`button_width`), but
    never less than a third of the row nor more than half."""
    least = button_width(next_button, assets, metrics)
    next_w = max(metrics.px(14), round(width * 0.3), min(least, width // 2))
    return next_w, width - next_w - metrics.px(0.9)


def submit_place(
    assets: Assets, metrics: Metrics, width: int, submit_button: Button
) -> tuple[int, bool]:
    """The width in pixels of a typed answer's Answer button in a card ``width`` wide, and
    whether it goes under the field rather than beside it: beside it, it takes a third of
    the row, or as much as its label needs up to half; a label that needs more than half (a
    longer language at large text) puts it under the field, where the field keeps the
    whole width to type in."""
    least = button_width(submit_button, assets, metrics)  # its label at body size
    if least > width // 2:
        return max(round(width * 0.3), min(least, width)), True
    return max(metrics.px(16), round(width * 0.3), least), False


def feedback_row_least(
    assets: Assets,
    metrics: Metrics,
    width: int,
    verdicts: Sequence[str],
    next_button: Button | None,
) -> int:
    """The least height in pixels of the feedback row (the verdict and Next) ``width``
    wide: each of ``verdicts`` (what the verdict may say) wrapped at the small size beside
    Next, and Next's label at the small size in its button (a longer language or large text
    wraps them; the row grows rather than let them spill over the answers or out of the
    button). 0 without ``next_button``."""
    if next_button is None:
        return 0
    next_w, verdict_w = feedback_widths(assets, metrics, width, next_button)
    small = metrics.small_size
    verdict_h = max(
        (text_height(assets, verdict, small, max(1, verdict_w), bold=True) for verdict in verdicts),
        default=0,
    )
    # the label's room as Button.draw leaves it: a pad each side and the key's badge
    pad = metrics.px(1.2)
    badge = 0
    if next_button.key_hint:
        cap = keys.shown_cap(next_button.key_hint, assets.translator)
        badge = assets.fitter.width(cap, small, bold=True) + pad
    label_w = max(10, next_w - 2 * pad - badge)
    label_h = text_height(assets, next_button.label, small, label_w, bold=True)
    return max(verdict_h, label_h + metrics.px(0.6))


def explanation(
    question: Question, right_answer: str, t: Translator, *, right: bool = False
) -> str:
    """What the feedback zone says under the verdict: the answer to a typed question that
    was missed (a choice shows it on its green button), then the why (the pack's words)."""
    parts = []
    if not right and isinstance(question, TypedQuestion):
        parts.append(t.gettext("The answer: {answer}.", answer=right_answer))
    if question.explain:
        parts.append(question.explain)
    return " ".join(parts)


def place_picture(
    area: pygame.Rect,
    aspect: float,
    prompt_height: Callable[[int], int],
    gap: int,
    least: int,
) -> PictureSpot | None:
    """The picture beside the prompt (on its right) or under it, whichever shows it larger.

    The prompt keeps the top left of ``area``, where every question has it. None when the
    picture cannot be ``least`` pixels tall with the whole prompt in view.
    ``prompt_height(width)`` is the prompt's height wrapped at ``width``.
    """
    spots: list[PictureSpot] = []
    # beside: the prompt on the left, the picture on the right, both from the top
    picture_w = round(area.width * PICTURE_BESIDE_SHARE)
    prompt_w = area.width - picture_w - gap
    if prompt_w > 0 and prompt_height(prompt_w) <= area.height:
        picture = _fit(aspect, picture_w, area.height)
        picture.topright = area.topright
        prompt = pygame.Rect(area.x, area.y, prompt_w, area.height)
        spots.append(PictureSpot(picture, prompt))
    # under: the prompt across the card, the picture centred in the room below it
    prompt_h = prompt_height(area.width)
    below = area.height - prompt_h - gap
    if below > 0:
        picture = _fit(aspect, area.width, below)
        picture.center = (area.centerx, area.bottom - below // 2)
        prompt = pygame.Rect(area.x, area.y, area.width, prompt_h)
        spots.append(PictureSpot(picture, prompt))
    spots = [spot for spot in spots if spot.picture.height >= least]
    return max(spots, key=lambda s: s.picture.width * s.picture.height, default=None)


def _fit(aspect: float, width: int, height: int) -> pygame.Rect:
    """The largest rect of ``aspect`` (width / height) in ``width`` x ``height``."""
    w = min(width, round(height * aspect))
    h = min(height, round(w / aspect))
    return pygame.Rect(0, 0, max(1, w), max(1, h))


def plan_question(
    assets: Assets,
    metrics: Metrics,
    question: Question,
    labels: Sequence[tuple[str, str]],
    *,
    width: int,
    room: int,
    button_h: int,
    picture_aspect: float | None = None,
    stakes: str = "",
    answered: bool = False,
    translator: Translator,
    verdicts: Sequence[str] = (),
    next_button: Button | None = None,
    submit_button: Button | None = None,
    help_gives_way: bool = False,
    stakes_size: int = 0,
) -> CardPlan:
    """Sizes for the card of ``question``: the largest at which it fits ``width`` x ``room``.

    ``labels`` are the answer buttons' (label, key hint); ``button_h`` the height of a
    button at the largest size; ``picture_aspect`` the shape of the question's picture;
    ``stakes`` the line shown under the answers while the question waits; ``answered``:
    the plan for the verdict rather than for the question asked; ``translator`` writes the
    interface's words of the explanation (the right answer of a typed question);
    ``verdicts`` what the verdict may say and ``next_button`` the button beside it: the
    verdict's row is as tall as they need (:func:`feedback_row_least`), planned before the
    answer so that nothing moves when it comes; ``submit_button`` a typed answer's Answer
    button, under the field when its label needs it (:func:`submit_place`). When
    nothing fits, the most compact plan, whose ``needed`` says how tall the card's contents
    are (the card then scrolls).

    The explanation shows only after the answer, so it never shrinks the question asked.
    Its room is kept from the start (nothing moves when the verdict shows) when the card
    holds it with the prompt as large as without it; else, after the answer, the prompt
    gives it room down to the body size, and when that is not enough either, the card
    keeps the question as it was asked and grows under it (it scrolls).

    ``stakes_size``: the stakes line's type size (0: the small size). ``help_gives_way``:
    the stakes line is at the tiny size, and left out when, with it, the question or its
    answers would be smaller than the small size or the card would scroll (a class game's
    card, shorter under the scoreboard: the question and its answers come first).
    """
    if help_gives_way and stakes:
        plan = partial(
            plan_question,
            assets,
            metrics,
            question,
            labels,
            width=width,
            room=room,
            button_h=button_h,
            picture_aspect=picture_aspect,
            answered=answered,
            translator=translator,
            verdicts=verdicts,
            next_button=next_button,
            submit_button=submit_button,
        )
        with_help = plan(stakes=stakes, stakes_size=tiny_size(metrics))
        small = metrics.small_size
        if min(with_help.prompt_size, with_help.explain_size) >= small and with_help.needed <= room:
            return with_help
        alone = plan()
        return replace(alone, stakes_shown=False)
    search = _Search(
        assets=assets,
        metrics=metrics,
        question=question,
        labels=labels,
        width=width,
        room=room,
        button_h=button_h,
        picture_aspect=picture_aspect,
        row_least=feedback_row_least(assets, metrics, width, verdicts, next_button),
        submit_under=submit_button is not None
        and submit_place(assets, metrics, width, submit_button)[1],
    )
    stakes_h = 0
    if stakes:
        stakes_size = stakes_size or metrics.small_size
        stakes_h = max(
            2 * assets.font(stakes_size).get_linesize(),
            assets.fitter.measure(stakes, stakes_size, width)[1],
        )
    asked, _ = search.run("", stakes_h, search.options())
    t = translator
    explain = explanation(question, t.render(right_answer_text(question)), t)
    if not explain:
        return asked
    small, tiny = metrics.small_size, tiny_size(metrics)

    def explained(least_prompt: int) -> list[tuple[tuple[int, int, float], int]]:
        """The options with a prompt of ``least_prompt`` to its size as asked, each with
        the explanation as large as it then fits."""
        return [
            ((prompt_size, size, share), columns)
            for (prompt_size, explain_size, share), columns in search.options()
            if least_prompt <= prompt_size <= asked.prompt_size
            for size in sorted({explain_size, small, tiny}, reverse=True)
            if size <= explain_size
        ]

    # the explanation's room kept from the start: the question as it is asked
    whole, fits = search.run(explain, stakes_h, explained(asked.prompt_size), every_label=True)
    if fits:
        return whole
    if not answered:
        return asked
    # after the answer, the prompt may give the explanation room down to the body size
    least = min(asked.prompt_size, metrics.body_size)
    whole, fits = search.run(explain, stakes_h, explained(least), every_label=True)
    if fits:
        return whole
    # a long explanation at a size to read at length, under the question as it was
    explain_h = text_height(assets, explain, max(tiny, min(small, asked.explain_size)), width)
    feedback_h = asked.row_h + metrics.px(0.9) + max(explain_h, stakes_h)
    grown = feedback_h - asked.feedback_h
    return replace(
        asked,
        explain_size=max(tiny, min(small, asked.explain_size)),
        feedback_h=feedback_h,
        needed=max(asked.needed, room) + grown,
    )


@dataclass(frozen=True, slots=True)
class _Search:
    """The levels of type and button sizes a question card tries, generous first."""

    assets: Assets
    metrics: Metrics
    question: Question
    labels: Sequence[tuple[str, str]]
    width: int
    room: int
    button_h: int
    picture_aspect: float | None
    row_least: int = 0  # the least height of the verdict's row, in pixels
    submit_under: bool = False  # a typed answer's button under its field

    def options(self) -> list[tuple[tuple[int, int, float], int]]:
        """(prompt size, explanation size, button height share) and columns, in order."""
        metrics = self.metrics
        heading, body, small, tiny = (
            metrics.heading_size,
            metrics.body_size,
            metrics.small_size,
            tiny_size(metrics),
        )
        count = len(self.labels)
        if isinstance(self.question, TrueFalseQuestion):
            column_choices: tuple[int, ...] = (2,)
        elif count <= 2 or isinstance(self.question, TypedQuestion):
            column_choices = (1,)
        else:
            column_choices = (1, 2)
        # from generous to tight: (prompt size, explanation size, button height share)
        levels = [
            (heading, body, 1.0),
            (heading, small, 1.0),
            (body, small, 1.0),
            (body, small, 0.85),
            (small, small, 0.8),
            (small, tiny, 0.75),
            (tiny, tiny, 0.7),
        ]
        if metrics.text_scale > 1.0:
            # large text was asked for: the question never shrinks below the body size (it
            # would end smaller than at the standard size); the card scrolls instead
            levels = [level for level in levels if level[0] >= body]
        if len(column_choices) == 1:
            return [(level, column_choices[0]) for level in levels]
        # one column while everything fits at the largest sizes; then two columns
        # rather than smaller type, unless the labels no longer read in a half-width
        options = [(levels[0], 1), (levels[0], 2)]
        return options + [(level, c) for level in levels[1:] for c in (2, 1)]

    def run(
        self,
        explain: str,
        stakes_h: int,
        options: Sequence[tuple[tuple[int, int, float], int]],
        *,
        every_label: bool = False,
    ) -> tuple[CardPlan, bool]:
        """The first of ``options`` (:meth:`options`) that fits with ``explain`` under the
        verdict, and True; else the most compact one, and False. ``every_label``: an option
        where a label's word is wider than its button is never taken (not even the last)."""
        assets, metrics, question, width = self.assets, self.metrics, self.question, self.width
        fit = assets.fitter
        gap = metrics.gap
        small_gap = metrics.px(0.9)
        small, tiny = metrics.small_size, tiny_size(metrics)
        room = self.room
        widest_hint = max(
            (hint for _, hint in self.labels),
            key=lambda hint: fit.width(hint, small, bold=True),
            default="",
        )
        count = len(self.labels)
        plan: CardPlan | None = None
        plan_needed = 0
        pad = metrics.px(1.0)  # above and below an answer's label
        for index, ((prompt_size, explain_size, share), columns) in enumerate(options):
            last = index == len(options) - 1
            answer_h = max(metrics.px(3.0), round(self.button_h * share))
            row_h = max(answer_h, self.row_least)
            heights: tuple[int, ...] = ()
            if isinstance(question, TypedQuestion):
                answers_h = assets.font(metrics.heading_size).get_linesize() + metrics.px(1.2)
                answers_h = round(answers_h * max(share, 0.8))
                if self.submit_under:
                    answers_h = 2 * answers_h + small_gap
            else:
                # the labels must still read: small type at the generous levels, the card's
                # smallest at the tight ones; the buttons grow to hold their lines
                least = small if explain_size >= small else tiny
                col_w = (width - (columns - 1) * small_gap) // columns
                # measured as if the button were tall: its shape then takes the most room
                label_w = label_room(assets, metrics, col_w, 10**6, widest_hint)[0]
                sizes = [fit.measure(label, least, label_w, bold=True) for label, _ in self.labels]
                if any(w > label_w for w, _ in sizes) and (every_label or not last):
                    continue  # a word wider than the button
                heights = tuple(
                    max(answer_h, text_height(assets, label, least, label_w, bold=True) + pad)
                    for label, _ in self.labels
                )
                if max(heights) <= room:
                    heights = (max(heights),) * count  # one height for all: a tidy grid
                # else each row as tall as its own labels: one label of a hundred lines (200
                # wide ligatures) must not make every button as tall, each with its label in
                # the middle of a box taller than the card (an empty box in sight)
                rows = math.ceil(count / columns)
                answers_h = (
                    sum(max(heights[row * columns : (row + 1) * columns]) for row in range(rows))
                    + (rows - 1) * small_gap
                )
            explain_h = text_height(assets, explain, explain_size, width) if explain else 0
            feedback_h = row_h + small_gap + max(explain_h, stakes_h)
            option = CardPlan(
                prompt_size,
                explain_size,
                columns,
                answer_h,
                answers_h,
                row_h,
                feedback_h,
                0,
                share,
                heights,
            )
            prompt_room = room - (gap + answers_h + gap + feedback_h)

            def prompt_height(wrap: int, size: int = prompt_size) -> int:
                return text_height(assets, question.prompt, size, wrap, bold=True)

            if self.picture_aspect is None:
                needed = prompt_height(width)
                fits = needed <= prompt_room
            else:
                area = pygame.Rect(0, 0, width, max(0, prompt_room))
                spot = place_picture(
                    area,
                    self.picture_aspect,
                    prompt_height,
                    gap,
                    metrics.text_px(PICTURE_LEAST),
                )
                fits = spot is not None
                # what an unplaceable picture lacks counts against the option
                needed = prompt_height(width) + gap + metrics.text_px(PICTURE_LEAST)
            needed += room - prompt_room
            if fits:
                return replace(option, needed=min(needed, room)), True
            if plan is None or needed < plan_needed:
                plan, plan_needed = replace(option, needed=needed), needed
        # nothing fits (a pack with very long texts): the most compact, whose ``needed``
        # makes the card taller than the window; its contents scroll
        if plan is None:  # every option's labels break inside a word: the first
            return self.run(explain, stakes_h, options[:1])
        return plan, False
