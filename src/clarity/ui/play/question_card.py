"""The card while a question is asked and answered: the prompt and its picture, the answer
buttons or the typed field, what a right answer earns, then the verdict and the why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pygame

from clarity.core.events import AnswerGiven
from clarity.core.packs.models import (
    ChoiceQuestion,
    NumberQuestion,
    TrueFalseQuestion,
    TypedQuestion,
)
from clarity.core.round import AnswerResult, Question, Round
from clarity.i18n import Translator
from clarity.ui.assets import Assets
from clarity.ui.play.card_layout import CardLayout
from clarity.ui.play.card_plan import (
    PICTURE_LEAST,
    CardPlan,
    explanation,
    feedback_widths,
    label_room,
    place_picture,
    plan_question,
    submit_place,
    text_height,
    tiny_size,
)
from clarity.ui.theme import ANSWER_LETTERS, ANSWER_SHAPES
from clarity.ui.widgets import Button, TextBlock, TextField, field_limit, lighten, plain_button


def placeholder_for(question: Question | None, t: Translator) -> str:
    """What the empty answer field says in ``t``'s language: a number question asks for a
    number."""
    if isinstance(question, NumberQuestion):
        return t.gettext("Type a number…")
    return t.gettext("Type the answer…")


def verdict_text(
    t: Translator, *, right: bool, timed_out: bool, points: int, answered: bool = True
) -> str:
    """The verdict on an answer in ``t``'s language: right with the ``points`` it earned,
    too late, or wrong; not ``answered``: the question ended with no answer given (a
    class game's: a steal let go, the teacher closed it)."""
    if right:
        # Translators: the verdict on a right answer, with the points it earned: "+1,200"
        return t.gettext("Right!  +{points}", points=points)
    if timed_out:
        return t.gettext("Time's up!")
    if not answered:
        # Translators: the verdict when a class game's question ends with no answer given
        # (the steal was let go, or the teacher closed it); short, beside a button
        return t.gettext("Nobody got it.")
    return t.gettext("Not quite.")


def was_answered(event: AnswerGiven) -> bool:
    """Whether ``event`` is an answer given (chosen, typed, judged or too late), not the
    end of a question nobody answered (a class game's closed question or steal let go)."""
    return event.response is not None or event.timed_out or event.judged or event.right


class QuestionCard:
    """The answer widgets of the question the round asks, and their layout on the card.

    ``on_choice(i)`` answers with the ``i``-th button; ``on_typed(text)`` sends a typed
    answer; ``on_next()`` leaves the verdict.
    """

    def __init__(
        self,
        assets: Assets,
        round_: Round,
        images: Mapping[str, Path],
        *,
        on_choice: Callable[[int], None],
        on_typed: Callable[[str], None],
        on_next: Callable[[], None],
        translator: Callable[[], Translator],
        worth: Callable[[], int] | None = None,
        unanswered: bool = False,
        help_gives_way: bool = False,
    ) -> None:
        self.assets = assets
        #: the question may end with no answer given (a class game): its verdict has room
        self._unanswered = unanswered
        #: the stakes line at the tiny size, and left out rather than shrink the question
        #: and its answers under it (a class game's card, shorter under the scoreboard)
        self._help_gives_way = help_gives_way
        self._stakes_shown = True
        self.round = round_
        self.images = images
        #: the most a right answer earns as the question is asked (default: the round's
        #: answer_worth(); a class game's open question says the most any team may earn)
        self._worth = worth if worth is not None else round_.answer_worth
        self._on_choice = on_choice
        self._translator = translator  # the interface's words now (the language may change)
        self.answer_field = TextField(on_typed)
        self.submit_button = plain_button("", lambda: on_typed(self.answer_field.text), "Enter")
        self.next_button = plain_button("", on_next, "Enter")
        self.answer_buttons: list[Button] = []
        self._plans: dict[tuple[int, int, bool], CardPlan] = {}
        self._missed = False  # the answer shown was wrong (or came too late)
        self._best = 0  # the most a right answer earns, as the question was asked

    @property
    def question(self) -> Question:
        question = self.round.question
        assert question is not None, "no question is asked"
        return question

    def new_question(self) -> None:
        """The widgets for the question the round asks now."""
        question = self.round.question
        self._plans.clear()
        self._best = self._worth()
        self.answer_buttons = []
        if isinstance(question, ChoiceQuestion):
            labels = [(choice, ANSWER_LETTERS[i]) for i, choice in enumerate(question.choices)]
        elif isinstance(question, TrueFalseQuestion):
            # the keys' letters as printed on the keyboard (T, F), whatever the language
            labels = [("", f"{ANSWER_LETTERS[i]} · {key}") for i, key in enumerate("TF")]
        else:
            labels = []
            if isinstance(question, TypedQuestion):
                self.answer_field.max_length = field_limit(question.answer, *question.accept)
            self.answer_field.start()
        for i, (label, keys) in enumerate(labels):
            self.answer_buttons.append(
                Button(
                    label,
                    self._chooser(i),
                    key_hint=keys,
                    tone=f"answer-{i}",  # its colour in the look's answer colours
                    shape=ANSWER_SHAPES[i],
                )
            )
        self.translate()

    def translate(self) -> None:
        """The interface's words on the card in its language now: the buttons, the field's
        placeholder, the true/false answers (a choice's answers are the pack's)."""
        t = self._translator()
        self.submit_button.label = t.gettext("Answer")
        self.next_button.label = t.gettext("Next")
        question = self.round.question
        self.answer_field.placeholder = placeholder_for(question, t)
        if isinstance(question, TrueFalseQuestion) and len(self.answer_buttons) == 2:
            true, false = self.answer_buttons
            true.label, false.label = t.gettext("True"), t.gettext("False")

    def _chooser(self, index: int) -> Callable[[], None]:
        return lambda: self._on_choice(index)

    def mark(self, chosen: int | None) -> None:
        """After the answer: the right buttons green (a choice may have several), the one
        ``chosen`` red, others dim."""
        question = self.question
        right: tuple[int, ...] = ()
        if isinstance(question, ChoiceQuestion):
            right = question.right_indexes
        elif isinstance(question, TrueFalseQuestion):
            right = (0 if question.answer else 1,)
        for i, button in enumerate(self.answer_buttons):
            if i in right:
                button.state, button.key_hint = "right", "✓"
            elif i == chosen:
                button.state, button.key_hint = "wrong", "✗"
            else:
                # its letter stays: the explanation and the class may speak of "answer E"
                button.state = "dimmed"

    def anchor(self, chosen: int | None) -> tuple[int, int]:
        """Where the points of an answer fly from: its button, or the typed field."""
        if chosen is not None and chosen < len(self.answer_buttons):
            return self.answer_buttons[chosen].rect.center
        return self.answer_field.rect.center

    def answer_boxes(self, out: CardLayout) -> tuple[pygame.Rect | None, pygame.Rect]:
        """After the answer, on ``out``: where the right answer is (the first right button;
        for a typed answer that was missed, the first line of the feedback, which names it;
        None when the student's own answer was right and typed) and where the verdict is
        (with its Next button)."""
        feedback = out.boxes["verdict"].union(out.boxes["next_button"])
        for i, button in enumerate(self.answer_buttons):
            if button.state == "right":
                return out.boxes[f"answer_{ANSWER_LETTERS[i]}"].copy(), feedback
        explain = out.texts.get("explain")
        if self._missed and explain is not None:
            metrics = out.metrics
            line = self.assets.font(metrics.body_size).get_linesize()
            first = pygame.Rect(explain.rect.topleft, (explain.rect.width, line))
            return first.clip(explain.rect), feedback
        return None, feedback

    # -- layout -------------------------------------------------------------------------

    def layout(self, out: CardLayout, button_h: int, feedback: AnswerResult | None) -> None:
        """The prompt (and picture) on top, the answers under it, the feedback zone at the
        bottom: the stakes while the question waits, the verdict once it is answered."""
        labels_before = [b.label for b in self.answer_buttons]
        self.translate()
        if [b.label for b in self.answer_buttons] != labels_before:
            self._plans.clear()  # the language changed: its words take other room
        metrics = out.metrics
        inner = out.inner
        question = self.question
        gap = metrics.gap
        self._missed = feedback is not None and not feedback.event.right
        picture = self._picture()
        aspect = picture[1] if picture is not None else None
        # planned for the card's view: a card laid out taller to scroll keeps the sizes
        room = out.room
        key = (inner.width, room, feedback is not None, self._translator().language)
        plan = self._plans.get(key)
        if plan is None:
            labels = [(b.label, b.key_hint) for b in self.answer_buttons]
            plan = self._plans[key] = plan_question(
                self.assets,
                metrics,
                question,
                labels,
                width=inner.width,
                room=room,
                button_h=button_h,
                picture_aspect=aspect,
                stakes=self._stakes_line(),
                answered=feedback is not None,
                translator=self._translator(),
                verdicts=self._verdicts(),
                next_button=self.next_button,
                submit_button=self.submit_button,
                help_gives_way=self._help_gives_way,
            )
        self._stakes_shown = plan.stakes_shown
        out.columns = plan.columns
        out.needed = plan.needed

        zone = pygame.Rect(inner.x, inner.bottom - plan.feedback_h, inner.width, plan.feedback_h)
        answers_bottom = zone.top - gap
        answers_top = answers_bottom - plan.answers_h
        if isinstance(question, TypedQuestion):
            self._place_typed(out, answers_top, plan.answers_h, feedback)
        else:
            self._place_buttons(out, answers_top, plan, feedback)

        area = pygame.Rect(inner.x, out.top, inner.width, answers_top - gap - out.top)
        prompt_box = area
        if picture is not None:
            prompt_box = self._place_picture(out, area, plan.prompt_size, *picture)
        prompt = self.assets.fit_text(
            question.prompt,
            plan.prompt_size,
            tiny_size(metrics),
            self.assets.look.palette.text,
            prompt_box.size,
            bold=True,
        )
        out.add_text(
            "prompt",
            TextBlock(
                prompt, prompt.get_rect(topleft=prompt_box.topleft), question.prompt, prompt_box
            ),
        )
        out.wipe = pygame.Rect(inner.x, out.top, inner.width, answers_bottom - out.top)
        if feedback is None:
            self._place_stakes(out, zone)
        else:
            self._place_feedback(out, zone, plan, feedback)
            out.add_button("next_button", self.next_button)

    def _picture(self) -> tuple[Path, float] | None:
        """The question's picture and its shape, when it has one that loads."""
        written = self.question.image
        path = self.images.get(written) if written else None
        if path is None:
            return None
        try:
            width, height = self.assets.image(path).get_size()
        except (pygame.error, FileNotFoundError):
            return None
        return (path, width / height) if height else None

    def _place_picture(
        self, out: CardLayout, area: pygame.Rect, prompt_size: int, path: Path, aspect: float
    ) -> pygame.Rect:
        """Place the picture beside or under the prompt; returns the prompt's box."""
        metrics = out.metrics
        prompt = self.question.prompt

        def prompt_height(wrap: int) -> int:
            return text_height(self.assets, prompt, prompt_size, wrap, bold=True)

        least = metrics.text_px(PICTURE_LEAST)
        spot = place_picture(area, aspect, prompt_height, metrics.gap, least)
        if spot is None:
            # what the picture lacks: the card scrolls to show it whole (else a sliver)
            out.shortfall = least
            spot = place_picture(area, aspect, prompt_height, metrics.gap, 1)
        if spot is None:
            return area  # not even a sliver fits beside the prompt: the prompt alone
        # framed like the board, the frame inside the picture's spot
        edge = max(2, metrics.px(0.25))
        inside = spot.picture.inflate(-2 * edge, -2 * edge)
        if inside.width > 0 and inside.height > 0:
            # scaled once per layout (and kept by the assets while the window keeps its size)
            out.pictures.append((self.assets.scaled(path, inside.size), inside, edge))
            out.boxes["question_picture"] = spot.picture.copy()
        return spot.prompt

    def _place_typed(
        self, out: CardLayout, top: int, height: int, feedback: AnswerResult | None
    ) -> None:
        metrics = out.metrics
        inner = out.inner
        small_gap = metrics.px(0.9)
        submit_w, under = submit_place(self.assets, metrics, inner.width, self.submit_button)
        field = self.answer_field
        if under:  # the plan gave the answers two rows: the field, then the button
            row_h = (height - small_gap) // 2
            field.rect = pygame.Rect(inner.x, top, inner.width, row_h)
            self.submit_button.rect = pygame.Rect(
                inner.right - submit_w, field.rect.bottom + small_gap, submit_w, row_h
            )
        else:
            field.rect = pygame.Rect(inner.x, top, inner.width - submit_w - small_gap, height)
            self.submit_button.rect = pygame.Rect(
                field.rect.right + small_gap, top, submit_w, height
            )
        out.boxes["answer_field"] = field.rect.copy()
        out.fields.append(field)
        out.live = lambda surface: self._draw_field(surface, out, feedback)
        if feedback is None:
            out.add_button("submit_button", self.submit_button)
            out.focus = [self.submit_button]
        else:  # the verdict's mark takes the button's place
            out.boxes["submit_button"] = self.submit_button.rect.copy()
            out.anchors.append(self.submit_button.rect)

    def _place_buttons(
        self, out: CardLayout, top: int, plan: CardPlan, feedback: AnswerResult | None
    ) -> None:
        metrics = out.metrics
        inner = out.inner
        small_gap = metrics.px(0.9)
        columns = plan.columns
        col_w = (inner.width - (columns - 1) * small_gap) // columns
        heights = plan.heights or (plan.button_h,) * len(self.answer_buttons)
        row_top = top
        for row, row_h in enumerate(plan.row_heights() or [plan.button_h]):
            for col in range(columns):
                i = row * columns + col
                if i >= len(self.answer_buttons):
                    break
                # a row taller than the card's view: each button as tall as its own label
                # (a label drawn in the middle of a taller box would be out of sight)
                own = heights[i] if row_h > out.room else row_h
                self.answer_buttons[i].rect = pygame.Rect(
                    inner.x + col * (col_w + small_gap), row_top, col_w, own
                )
            row_top += row_h + small_gap
        # one type size for all the answers, the largest at which each label fits its button
        fitter = self.assets.fitter
        size = min(
            fitter.size_for(
                b.label,
                metrics.body_size,
                tiny_size(metrics),
                label_room(self.assets, metrics, b.rect.width, b.rect.height, b.key_hint),
                bold=True,
            )
            for b in self.answer_buttons
        )
        for i, button in enumerate(self.answer_buttons):
            out.add_button(f"answer_{ANSWER_LETTERS[i]}", button, size)
        if feedback is None:
            out.focus = list(self.answer_buttons)

    def _stakes_line(self) -> str:
        """What a right answer earns, as the question was asked (after the answer too, so
        that the card planned with it keeps its zones where they were)."""
        t = self._translator()
        best = self._best
        if self.round.time_limit is not None:
            return t.ngettext(
                "A right answer uncovers a tile and earns up to {count} point: be quick!",
                "A right answer uncovers a tile and earns up to {count} points: be quick!",
                best,
            )
        return t.ngettext(
            "A right answer uncovers a tile and earns {count} point.",
            "A right answer uncovers a tile and earns {count} points.",
            best,
        )

    def _verdicts(self) -> list[str]:
        """What the verdict may say on this question: right with the most it earns, too
        late, wrong (the card keeps room for the longest before the answer)."""
        t = self._translator()
        verdicts = [verdict_text(t, right=True, timed_out=False, points=self._best)] + [
            verdict_text(t, right=False, timed_out=timed_out, points=0)
            for timed_out in (True, False)
        ]
        if self._unanswered:
            verdicts.append(verdict_text(t, right=False, timed_out=False, points=0, answered=False))
        return verdicts

    def _place_stakes(self, out: CardLayout, zone: pygame.Rect) -> None:
        """While the question waits: what a right answer is worth, from the round (unless
        it gave way to the question and its answers)."""
        if not self._stakes_shown:
            return
        metrics = out.metrics
        line = self._stakes_line()
        muted = self.assets.look.palette.text_muted
        # as the plan measured it: a class card's at the tiny size, under its answers
        size = tiny_size(metrics) if self._help_gives_way else metrics.small_size
        surface = self.assets.fit_text(line, size, size, muted, zone.size)
        out.add_text("stakes", TextBlock(surface, surface.get_rect(center=zone.center), line, zone))

    def _place_feedback(
        self, out: CardLayout, zone: pygame.Rect, plan: CardPlan, result: AnswerResult
    ) -> None:
        metrics = out.metrics
        palette = self.assets.look.palette
        event = result.event
        small_gap = metrics.px(0.9)
        next_w, verdict_w = feedback_widths(self.assets, metrics, zone.width, self.next_button)
        self.next_button.rect = pygame.Rect(zone.right - next_w, zone.y, next_w, plan.row_h)
        out.focus = [self.next_button]
        t = self._translator()
        verdict = verdict_text(
            t,
            right=event.right,
            timed_out=event.timed_out,
            points=event.points.total,
            answered=was_answered(event),
        )
        colour = palette.right if event.right else palette.wrong
        box = pygame.Rect(zone.x, zone.y, verdict_w, plan.row_h)
        surface = self.assets.fit_text(
            verdict, metrics.heading_size, metrics.small_size, colour, box.size, bold=True
        )
        out.add_text(
            "verdict", TextBlock(surface, surface.get_rect(midleft=box.midleft), verdict, box)
        )

        words = explanation(self.question, t.render(result.right_answer), t, right=event.right)
        if words:
            top = box.bottom + small_gap
            box = pygame.Rect(zone.x, top, zone.width, zone.bottom - top)
            surface = self.assets.fit_text(
                words, plan.explain_size, tiny_size(metrics), palette.text, box.size
            )
            out.add_text(
                "explain", TextBlock(surface, surface.get_rect(topleft=box.topleft), words, box)
            )

    # -- drawing ------------------------------------------------------------------------

    def _draw_field(
        self, surface: pygame.Surface, out: CardLayout, feedback: AnswerResult | None
    ) -> list[pygame.Rect]:
        """The typed field as it is typed in; after the answer, framed in the verdict's
        colour with its mark beside it. Returns where it drew."""
        metrics = out.metrics
        field = self.answer_field
        if feedback is None:
            field.draw(surface, self.assets, metrics)
            return [field.rect.copy()]
        right = feedback.event.right
        palette = self.assets.look.palette
        colour = palette.right if right else palette.wrong
        pygame.draw.rect(surface, lighten(colour, 0.85), field.rect, border_radius=metrics.radius)
        pygame.draw.rect(
            surface, colour, field.rect, width=max(3, metrics.px(0.4)), border_radius=metrics.radius
        )
        shown = feedback.event.response or "—"
        text = self.assets.fit_text(
            shown,
            metrics.heading_size,
            metrics.small_size,
            palette.text_dark,
            (field.rect.width - metrics.px(2), field.rect.height),
        )
        surface.blit(
            text, text.get_rect(midleft=(field.rect.x + metrics.px(1.0), field.rect.centery))
        )
        mark = self.assets.text("✓" if right else "✗", metrics.heading_size, colour, bold=True)
        mark_rect = surface.blit(mark, mark.get_rect(center=self.submit_button.rect.center))
        return [field.rect.copy(), mark_rect]
