"""The True or False sprint: a pack's statements one after another against the clock.

The rules are :mod:`clarity.core.sprint`'s; this screen feeds it the frames' ``dt`` as its
clock (never the wall clock: a test steps the game's time) and draws what it says:

- the statement in a card, True and False buttons under it (keys T / ←, F / →, declared
  once in :data:`ANSWER_KEYS`; the hints along the bottom are made from the same rows);
- the score, the streak and a countdown bar over the sprint's length (60 s, stretched by
  the player's extra time, as the play screen's rules are); with the timer off (the
  class's rules) the sprint is a count of statements instead;
- the verdict on the statement just answered, in a strip between the bar and the next
  statement for :data:`VERDICT_SECONDS`: a mark and a word ("✓ Right" / "✗ Wrong"), "That
  was true: <the statement>" (or false), green or red, and the "−5 s" a wrong one cost; the
  next statement's card stays neutral, so the verdict is never read as the new one's,
  and the strip blocks nothing (the next verdict can be given at once); the play
  screen's right and wrong sounds say it too;
- each statement is said once: when the pack's are used up the sprint ends, and the
  result says "You answered every statement" with the time that was left;
- Esc, or the window minimised, hidden or losing the keyboard's focus, pauses the sprint
  under the game's pause menu (its clock is this screen's ``update``, which stops while
  the menu is on top); the student goes on with Esc or Resume, or leaves;
- with read-aloud on, each statement is spoken (:class:`clarity.ui.speech.Speaker`) in the
  pack's language;
- at the end: the score, the best streak, right and wrong, and the personal best for the
  pack (``services.best_sprint``; "New personal best!" when beaten), the sprint saved by
  ``services.record_sprint``;
- the trophies the sprint earned ("Lie detector" for 20 right in a row, "Personal best"),
  heard by :class:`clarity.core.trophies.SprintTrophyTracker` observing the sprint, as
  chips under the result in the look of the results screen's (a guest's sprint earns none:
  nothing of it is kept);
- a pack with no statement to judge (:func:`clarity.core.sprint.can_sprint`) gets a line
  that says so instead of a sprint; Esc there (and on the result) goes back to the pack
  list the sprint was chosen from (it replaced that list, so popping would skip to the
  title).

Reduced motion: the verdict strip does not shake on a wrong verdict.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_, english_text
from clarity.core.sprint import Sprint, SprintRules, Statement, can_sprint
from clarity.core.trophies import SprintTrophyTracker
from clarity.ui import keys
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, handle_key, key_hints
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.host_view.texts import Texts
from clarity.ui.keys import Letter
from clarity.ui.play.reading import spoken_words_for
from clarity.ui.scene import Scene
from clarity.ui.trophy_chips import trophy_chips
from clarity.ui.widgets import Button, FocusGroup, draw_panel

if TYPE_CHECKING:
    from clarity.core.events import TrophyEarned
    from clarity.core.packs.loader import LoadedPack
    from clarity.ui.app import App
    from clarity.ui.theme import Colour, Metrics

#: The verdict keys: T or ← says true, F or → says false (the True button is on the left).
ANSWER_KEYS = (
    Binding("answer", (Letter("T"), keys.LEFT), N_("true"), "T ←", args=(True,)),
    Binding("answer", (Letter("F"), keys.RIGHT), N_("false"), "F →", args=(False,)),
)
BACK = Binding("back", (keys.ESCAPE,), N_("back"))
# Translators: the key hint of Esc during a True or False sprint: it pauses the clock
PAUSE = Binding("pause_sprint", (keys.ESCAPE,), N_("pause"))
#: The pause menu's restart, for a sprint (not "Restart the round").
START_AGAIN = N_("Start the sprint again")
AGAIN = Binding("again", (keys.ENTER, keys.SPACE), N_("play again"), "Enter")

#: Seconds the verdict on the statement just answered (and a wrong one's "−5 s") stays.
VERDICT_SECONDS = 2.0
#: Seconds a wrong verdict's shake lasts (not with reduced motion).
SHAKE_SECONDS = 0.35


class SprintScene(Scene):
    """One sprint over ``loaded``'s pack (see the module). ``seed`` replays a sprint (by
    default the settings' seed, else a random one). Raises ``ValueError`` for a pack that
    did not load."""

    name = "sprint"

    def __init__(self, app: App, loaded: LoadedPack, *, seed: int | None = None) -> None:
        super().__init__(app)
        if loaded.pack is None:
            raise ValueError(f"the pack {loaded.path} has errors and cannot be played")
        self.loaded = loaded
        self.pack = loaded.pack
        services = app.services
        if seed is None:
            seed = services.settings.seed
        if seed is None:
            seed = random.SystemRandom().randrange(2**31)
        self.seed = seed
        # the player's extra time stretches the sprint as it stretches a round's clock
        # (the timer off, or no time limit for the player: a count of statements instead)
        rules = services.session.round_rules(services.settings.rules())
        scale = rules.time_scale if rules.timer else None
        self.rules = (
            SprintRules(time_scale=scale) if scale is not None else SprintRules(seconds=None)
        )
        self.usable = can_sprint(self.pack)
        # the player's best before this sprint is read on entering (see enter)
        self.tracker = SprintTrophyTracker(None)
        self.sprint: Sprint | None = (
            Sprint(self.pack, self.rules, random.Random(seed), observers=[self.tracker])
            if self.usable
            else None
        )
        self.trophies: tuple[TrophyEarned, ...] = ()  # shown at the end
        self._chips: list[tuple[pygame.Surface, pygame.Rect]] = []
        self.clock = 0.0  # seconds of game time since the sprint started (the frames' dt)
        self.previous_best: int | None = None
        self.new_best = False
        self.saved_notice: str | None = None
        self.recorded = False
        #: the statement just answered, whether the verdict was right, seconds left to show
        self._verdict: tuple[Statement, bool, float] | None = None
        self._shake = 0.0
        self._texts = Texts(services.assets)
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._card = pygame.Rect(0, 0, 0, 0)
        self._strip = pygame.Rect(0, 0, 0, 0)
        self._strip_face: pygame.Surface | None = None  # the verdict strip, drawn
        self._verdict_texts = Texts(services.assets)
        self._bar = pygame.Rect(0, 0, 0, 0)
        self._backdrop = Backdrop()
        self.true_button = Button(N_("True"), lambda: self.answer(True), "T ←", tone="answer-2")
        self.false_button = Button(N_("False"), lambda: self.answer(False), "F →", tone="answer-0")
        self.focus = FocusGroup([self.true_button, self.false_button], columns=2, ring=False)
        self._size = (0, 0)

    # -- state ----------------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.sprint is not None and self.sprint.ended

    @property
    def statement(self) -> Statement | None:
        if self.sprint is None or self.sprint.ended:
            return None
        return self.sprint.statement

    def time_left(self) -> float | None:
        return None if self.sprint is None else self.sprint.time_left(self.clock)

    def bindings(self) -> tuple[Binding, ...]:
        if self.sprint is None:
            return (BACK,)
        if self.sprint.ended:
            return (AGAIN, BACK)
        return (*ANSWER_KEYS, PAUSE)

    def enter(self) -> None:
        if self.sprint is None:
            return
        self.previous_best = self.app.services.best_sprint(self.pack.id)
        self.tracker.best_before = self.previous_best
        self.sprint.start(self.clock)
        self._read_statement()

    def exit(self) -> None:
        if self._read_aloud:
            self.app.services.speaker.stop()

    def pause(self) -> None:
        # covered by the pause menu (or a dialog): update stops, so the clock does too
        if self._read_aloud:
            self.app.services.speaker.pause()

    def resume(self) -> None:
        if self._read_aloud:
            self.app.services.speaker.resume()

    # -- actions --------------------------------------------------------------------------

    def answer(self, verdict: bool) -> None:
        """The student's verdict on the statement shown (ignored once the sprint is over)."""
        sprint = self.sprint
        if sprint is None or sprint.ended:
            return
        statement = sprint.statement
        assert statement is not None
        outcome = sprint.answer(verdict, self.clock)
        if not outcome.counted:
            self._finish()
            return
        self._verdict = (statement, outcome.right, VERDICT_SECONDS)
        # heard as well as seen, with the play screen's sounds
        self.app.services.sound.play("right" if outcome.right else "wrong")
        if not outcome.right and not self.app.look.reduced_motion:
            self._shake = SHAKE_SECONDS
        if outcome.ended:
            self._finish()
        else:
            self._read_statement()
        self.layout(self._size)

    def back(self) -> None:
        """Back to the pack list the sprint was chosen from: the list below when it is kept
        there, else a new one in the sprint's place (the list replaces itself with the
        sprint, so a pop would skip to the title)."""
        scenes = self.app.scenes
        below = scenes[-2] if len(scenes) > 1 and scenes[-1] is self else None
        if below is not None and below.name == "packs":
            self.app.pop()
        else:
            self.app.screens.replace("packs", purpose="sprint")

    def again(self) -> None:
        self.app.replace(SprintScene(self.app, self.loaded))

    def pause_sprint(self) -> None:
        """The game's pause menu over the sprint: go on, start again, or leave."""
        if self.sprint is None or self.sprint.ended or self.app.top is not self:
            return
        self.app.screens.push(
            "pause",
            on_restart=self.again,
            on_title=self.to_title,
            restart_label=START_AGAIN,
        )

    def to_title(self) -> None:
        self.app.screens.reset("title")

    def _finish(self) -> None:
        sprint = self.sprint
        if sprint is None or self.recorded:
            return
        self.recorded = True
        if self._read_aloud:
            self.app.services.speaker.stop()
        services = self.app.services
        previous = self.previous_best
        self.new_best = previous is not None and sprint.score > previous
        refused = services.record_sprint(
            self.pack.id, sprint.score, sprint.best_streak, sprint.answered, at=services.now()
        )
        if refused is None and services.session.player is not None:
            # kept with the sprint, so they are the player's now (a guest's are not)
            self.trophies = tuple(self.tracker.earned)
        if refused is not None:
            self.saved_notice = self.app.translator.render(refused)
        elif services.session.player is None:
            self.saved_notice = self.app.translator.gettext(
                "A guest's sprints are not saved. Choose a player to keep your best."
            )
        self.layout(self._size)

    # -- read aloud -----------------------------------------------------------------------

    @property
    def _read_aloud(self) -> bool:
        return self.app.services.settings.sound.read_aloud != "off"

    def spoken(self, statement: Statement) -> str:
        """What is read for ``statement``: it with its verdict asked in the pack's language
        when the game speaks it, else the statement alone (the pack's own words)."""
        words = spoken_words_for(self.pack.language)
        if words is None:
            return english_text(statement.text)
        return words.render(statement.asked())

    def _read_statement(self) -> None:
        statement = self.statement
        if not self._read_aloud or statement is None or self.sprint is None:
            return
        self.app.services.speaker.say(
            self.spoken(statement),
            self.pack.language,
            key=("sprint", self.sprint.answered),
            interrupt=True,
        )

    # -- frames ---------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        # the clock must not run unseen: minimised, hidden, or the keyboard's focus gone
        # (SDL also reports focus moving between windows of this process, a test's second
        # App; a real loss leaves the keyboard with no focus), as the play screen does
        focus_gone = event.type == pygame.WINDOWFOCUSLOST and not pygame.key.get_focused()
        if event.type in (pygame.WINDOWMINIMIZED, pygame.WINDOWHIDDEN) or focus_gone:
            self.pause_sprint()
            return
        if event.type == pygame.KEYDOWN:
            handle_key(self, self.bindings(), event)
        elif self.sprint is not None and not self.sprint.ended:
            self.focus.handle_event(event)

    def update(self, dt: float) -> None:
        if self._read_aloud:
            speaker = self.app.services.speaker
            speaker.update()
            for notice in speaker.take_notices():
                self.app.notice.show(self.app.translator.render(notice))
        if self._verdict is not None:
            statement, right, left = self._verdict
            self._verdict = (statement, right, left - dt) if left > dt else None
        self._shake = max(0.0, self._shake - dt)
        sprint = self.sprint
        if sprint is None or sprint.ended:
            return
        self.clock += dt
        if sprint.check(self.clock):
            self._finish()

    # -- layout and drawing ---------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        self._size = size
        if size == (0, 0):
            return
        metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        palette = self.app.look.palette
        t = self.app.translator
        texts = self._texts = Texts(assets)
        width, height = size
        margin = metrics.margin
        gap = metrics.gap
        hints_h = key_hints_height(key_hints(self.bindings()), assets, metrics, width - 2 * margin)
        self._hints_area = pygame.Rect(
            margin, height - hints_h - metrics.px(0.6), width - 2 * margin, hints_h
        )
        inner = pygame.Rect(margin, margin, width - 2 * margin, self._hints_area.top - 2 * margin)
        heading_h = metrics.heading_size + gap
        texts.place(
            "pack",
            t.gettext("True or False: {pack}", pack=self.pack.title),
            (metrics.heading_size, metrics.small_size),
            palette.text,
            pygame.Rect(inner.x, inner.y, inner.width * 3 // 5 - gap, heading_h),
            bold=True,
            or_line=True,
        )
        body = pygame.Rect(inner.x, inner.y + heading_h + gap, inner.width, 0)
        body.height = inner.bottom - body.top
        if self.sprint is None:
            self._place_unusable(texts, body, metrics)
        elif self.sprint.ended:
            self._place_result(texts, body, metrics)
        else:
            self._place_statement(texts, inner, body, metrics)

    def _place_unusable(self, texts: Texts, body: pygame.Rect, m: Metrics) -> None:
        t = self.app.translator
        palette = self.app.look.palette
        texts.place(
            "message",
            t.gettext(
                "This pack has no question a sprint can say: it needs true/false or choice "
                "questions without a picture. Choose another pack for a sprint."
            ),
            (m.heading_size, m.small_size),
            palette.text,
            body,
            bold=True,
            align="centre",
            middle=True,
        )

    def _place_statement(
        self, texts: Texts, inner: pygame.Rect, body: pygame.Rect, m: Metrics
    ) -> None:
        sprint = self.sprint
        assert sprint is not None
        assert sprint.statement is not None
        t = self.app.translator
        palette = self.app.look.palette
        gap = m.gap
        # the score and the streak in the top right
        texts.place(
            "score",
            t.gettext(
                "Score {score}  ·  streak {streak}", score=sprint.score, streak=sprint.streak
            ),
            (m.body_size, m.small_size),
            palette.accent,
            pygame.Rect(
                inner.x + inner.width * 3 // 5, inner.y, inner.width * 2 // 5, m.heading_size
            ),
            bold=True,
            align="right",
        )
        # the countdown bar, the seconds left beside it
        bar_h = max(m.px(1.6), 12)
        label_w = m.px(14)
        self._bar = pygame.Rect(body.x, body.y, body.width - label_w - gap, bar_h)
        self._time_box = pygame.Rect(self._bar.right + gap, body.y - bar_h // 2, label_w, bar_h * 2)
        buttons_h = max(m.px(7), m.body_size * 2)
        buttons_top = body.bottom - buttons_h
        # the verdict on the statement just answered: a strip under the bar, its room kept
        # while it is empty so the statement's card does not move
        pad = m.px(2)
        strip_h = m.body_size * 2 + m.px(1)
        self._strip = pygame.Rect(body.x, self._bar.bottom + gap, body.width, strip_h)
        card_top = self._strip.bottom + gap
        self._card = pygame.Rect(body.x, card_top, body.width, buttons_top - gap - card_top)
        self._place_verdict(m)
        texts.place(
            "statement",
            t.render(sprint.statement.text),
            (m.title_size, m.body_size),
            palette.text,
            self._card.inflate(-2 * pad, -2 * pad),
            bold=True,
            align="centre",
            middle=True,
            or_line=True,
        )
        half = (body.width - gap) // 2
        self.true_button.label = t.gettext("True")
        self.false_button.label = t.gettext("False")
        self.true_button.rect = pygame.Rect(body.x, buttons_top, half, buttons_h)
        self.false_button.rect = pygame.Rect(body.right - half, buttons_top, half, buttons_h)

    def verdict_shown(self) -> tuple[str, str, bool] | None:
        """The strip's words now: the mark and word ("✓ Right"), what the statement just
        answered was ("That was false: The Moon is a planet."), and whether the verdict
        was right; None when no strip shows."""
        if self._verdict is None or self.sprint is None or self.sprint.ended:
            return None
        statement, right, _ = self._verdict
        t = self.app.translator
        # the mark and the word say it without the colour (a word of its own: in Russian
        # "верно" is already the verdict "true")
        if right:
            # Translators: the mark of a True or False sprint's verdict the student got right
            mark = "✓ " + t.pgettext("sprint verdict", "Right")
        else:
            # Translators: the mark of a True or False sprint's verdict the student got wrong
            mark = "✗ " + t.pgettext("sprint verdict", "Wrong")
        said = t.render(statement.text)
        if statement.truth:
            # Translators: the verdict strip of a True or False sprint, on the statement
            # just answered (the pack's own text) while the next one shows
            was = t.gettext("That was true: {statement}", statement=said)
        else:
            # Translators: the verdict strip of a True or False sprint, on the statement
            # just answered (the pack's own text) while the next one shows
            was = t.gettext("That was false: {statement}", statement=said)
        return mark, was, right

    def _place_verdict(self, m: Metrics) -> None:
        """The strip's texts, drawn once onto :attr:`_strip_face` (the strip moves as one
        when it shakes)."""
        assets = self.app.services.assets
        texts = self._verdict_texts = Texts(assets)
        self._strip_face = None
        shown = self.verdict_shown()
        if shown is None or self._strip.width <= 0:
            return
        mark, was, right = shown
        palette = self.app.look.palette
        colour = palette.right if right else palette.wrong
        inner = pygame.Rect((0, 0), self._strip.size).inflate(-2 * m.px(1.6), 0)
        cost = self.cost_shown()
        cost_w = 0
        if cost is not None:
            cost_w = self.app.services.assets.font(m.body_size, True).size(cost)[0] + m.gap
            texts.place_line(
                "verdict-cost",
                cost,
                m.body_size,
                palette.wrong,
                pygame.Rect(inner.right - cost_w, inner.y, cost_w, inner.height),
                bold=True,
                align="right",
            )
        mark_w = self.app.services.assets.font(m.body_size, True).size(mark)[0] + m.gap
        texts.place_line(
            "verdict-mark",
            mark,
            m.body_size,
            colour,
            pygame.Rect(inner.x, inner.y, mark_w, inner.height),
            bold=True,
        )
        texts.place(
            "verdict",
            was,
            (m.body_size, m.small_size),
            palette.text,
            pygame.Rect(inner.x + mark_w, inner.y, inner.width - mark_w - cost_w, inner.height),
            middle=True,
            or_line=True,
        )
        face = pygame.Surface(self._strip.size, pygame.SRCALPHA)
        draw_panel(face, face.get_rect(), m, palette.panel, colour)
        pygame.draw.rect(  # a thicker edge on the left, in the verdict's colour
            face,
            colour,
            pygame.Rect(0, 0, m.px(0.6), self._strip.height),
            border_top_left_radius=m.radius,
            border_bottom_left_radius=m.radius,
        )
        texts.draw(face)
        self._strip_face = face

    def _place_result(self, texts: Texts, body: pygame.Rect, m: Metrics) -> None:
        sprint = self.sprint
        assert sprint is not None
        t = self.app.translator
        palette = self.app.look.palette
        gap = m.gap
        y = body.y + body.height // 8  # the result stands in the upper middle, as a card's
        texts.place(
            "result-score",
            t.ngettext("{count} point", "{count} points", sprint.score),
            (m.title_size, m.heading_size),
            palette.accent,
            pygame.Rect(body.x, y, body.width, m.title_size * 2),
            bold=True,
            align="centre",
        )
        y = texts.boxes["result-score"].bottom + gap
        lines: list[tuple[str, str, Colour, int]] = []
        if sprint.used_up:
            left = sprint.time_left(sprint.ended_at or 0.0)
            if left is None:
                # Translators: a True or False sprint ended because the pack's statements
                # were all answered (each is said once a sprint)
                done = t.gettext("You answered every statement.")
            else:
                done = t.gettext(
                    "You answered every statement, with {seconds} s left.",
                    seconds=math.floor(left),
                )
            lines.append(("result-done", done, palette.text, m.heading_size))
        lines += [
            (
                "result-counts",
                t.gettext(
                    "Right {right}  ·  wrong {wrong}  ·  best streak {streak}",
                    right=sprint.right,
                    wrong=sprint.wrong,
                    streak=sprint.best_streak,
                ),
                palette.text,
                m.heading_size,
            )
        ]
        if self.new_best:
            best_line = t.gettext("New personal best!")
            lines.append(("result-best", best_line, palette.right, m.heading_size))
        previous = self.previous_best
        best = sprint.score if previous is None else max(previous, sprint.score)
        if self.saved_notice is None:
            record = t.gettext("Personal best: {best}", best=best)
            lines.append(("result-record", record, palette.text, m.body_size))
        else:
            lines.append(("result-saved", self.saved_notice, palette.text_muted, m.body_size))
        for name, text, colour, size in lines:
            box = pygame.Rect(body.x, y, body.width, size * 3)
            rect = texts.place(
                name, text, (size, m.small_size), colour, box, bold=True, align="centre"
            )
            y = rect.bottom + gap
        self._chips = []
        if self.trophies:
            heading = t.gettext("Trophies this sprint").upper()
            box = pygame.Rect(body.x, y + gap, body.width, m.small_size * 2)
            rect = texts.place(
                "result-trophies",
                heading,
                (m.small_size, m.tiny_size),
                palette.text_muted,
                box,
                bold=True,
                align="centre",
            )
            self._chips = trophy_chips(self.app, self.trophies, body, rect.bottom + gap, m)

    def draw(self, surface: pygame.Surface) -> None:
        look = self.app.look
        palette = look.palette
        assets = self.app.services.assets
        metrics = look.metrics(surface.get_size())
        self._backdrop.draw(surface, palette)
        sprint = self.sprint
        if sprint is not None and not sprint.ended:
            self._draw_clock(surface, sprint)
            # the next statement's card stays neutral: the verdict is the strip's
            draw_panel(surface, self._card, metrics, palette.panel, palette.panel_edge)
            if self._strip_face is not None and self.verdict_shown() is not None:
                surface.blit(self._strip_face, self._strip.move(self.shake_offset(metrics), 0))
            self.focus.draw(surface, assets, metrics, metrics.heading_size)
        self._texts.draw(surface)
        if sprint is not None and sprint.ended:
            for chip, rect in self._chips:
                surface.blit(chip, rect)
        draw_key_hints(surface, key_hints(self.bindings()), assets, metrics, self._hints_area)

    def _draw_clock(self, surface: pygame.Surface, sprint: Sprint) -> None:
        look = self.app.look
        palette = look.palette
        assets = self.app.services.assets
        metrics = look.metrics(surface.get_size())
        t = self.app.translator
        left = sprint.time_left(self.clock)
        duration = sprint.rules.duration
        bar = self._bar
        pygame.draw.rect(surface, palette.track, bar, border_radius=bar.height // 2)
        if left is not None and duration:
            share = left / duration
            colour = palette.wrong if left <= 10 else palette.accent
            text = t.gettext("{seconds} s", seconds=math.ceil(left))
        else:
            # untimed: the bar fills with the statements answered of the sprint's count
            share = sprint.answered / sprint.total
            colour = palette.accent
            text = t.gettext("{done} of {count}", done=sprint.answered, count=sprint.total)
        fill = bar.copy()
        fill.width = round(bar.width * max(0.0, min(1.0, share)))
        if fill.width > 0:
            pygame.draw.rect(surface, colour, fill, border_radius=bar.height // 2)
        shown = assets.text(text, metrics.body_size, palette.text, bold=True)
        box = self._time_box
        surface.blit(shown, shown.get_rect(midleft=(box.x, box.centery)))

    def shake_offset(self, metrics: Metrics) -> int:
        """Pixels the verdict strip is moved sideways now: a short shake after a wrong
        verdict, none with reduced motion (WCAG 2.2 2.3.3)."""
        if self._shake <= 0 or self.app.look.reduced_motion:
            return 0
        fade = self._shake / SHAKE_SECONDS
        return round(math.sin(self._shake * 60) * metrics.px(0.8) * fade)

    def cost_shown(self) -> str | None:
        """The time a wrong verdict just cost, as shown at the end of the verdict strip
        ("−5 s"), or None."""
        sprint = self.sprint
        if sprint is None or sprint.rules.duration is None or sprint.ended:
            return None
        if self._verdict is None or self._verdict[1]:
            return None
        # Translators: the seconds a wrong verdict takes off a True or False sprint's clock
        return self.app.translator.gettext("−{seconds} s", seconds=round(sprint.rules.wrong_costs))

    def shown_texts(self) -> dict[str, str]:
        """What each named text says now (for the tests); each trophy chip's name as
        ``trophy-0``, ``trophy-1``... once the sprint is over; the verdict strip's as
        ``verdict-mark``, ``verdict`` and ``verdict-cost`` while it shows."""
        words = dict(self._texts.words)
        if self.verdict_shown() is not None:
            words.update(self._verdict_texts.words)
        if self.ended:
            t = self.app.translator
            for i, earned in enumerate(self.trophies):
                words[f"trophy-{i}"] = t.gettext(earned.name)
        return words
