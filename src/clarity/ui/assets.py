"""What the screens draw with: cached fonts, images and rendered text, from a root folder
passed in, and the look they are drawn in."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pygame

from clarity.core.packs.picture_decoding import MAX_PICTURE_SIDE, PictureError, decode_picture
from clarity.fonts import FontChain, font_chain
from clarity.i18n.translator import Translator
from clarity.ui.text_draw import ChainFont
from clarity.ui.textfit import TextFitter
from clarity.ui.theme import DEFAULT_LOOK, Colour, Look

FONTS_DIR = "fonts"
TEXT_CACHE_SIZE = 768
# Renderings are also capped by their pixels' bytes: at 4K one wrapped prompt is a few
# megabytes, and a counting score renders a new number every frame.
TEXT_CACHE_BYTES = 24 * 1024 * 1024
# Decoded pictures and their scaled copies share one budget, least recently used out. At
# 4096x4096 a picture takes 64 MiB in the screen's format: this holds the board's and the
# question's pictures whole with the scaled copies the screens draw (a new window size
# scales them again without decoding), not every picture of the round for ever.
PICTURE_CACHE_BYTES = 192 * 1024 * 1024
# What a picture's transparent parts are drawn over, on the board, the card and the
# results: white, like the page or slide such a picture is usually made for, so its dark
# lines show on every theme and an uncovered tile never shows the cover through it.
PICTURE_BACKGROUND: Colour = (255, 255, 255)
PICTURE_MAX_SIDE = MAX_PICTURE_SIDE  # the pack check's limit, in pixels


class Assets:
    """Loads each font, image and text rendering once and hands out the cached surface.

    Images are ``convert()``ed for the display and scaled once per size asked for; text is
    rendered once per (text, size, colour, weight, wrap width), so a frame that changes
    nothing decodes and renders nothing.

    Text is drawn with a chain of fonts (:mod:`clarity.fonts`: the bundled Inter, then the
    fonts for the scripts it lacks); ``font`` hands out a :class:`ChainFont`, which measures
    and renders as a ``pygame.font.Font`` does, script by script and in bidi order. The
    chain is found on first use, or passed in (``fonts``: tests choose their fonts).

    ``look`` is the running game's :class:`~clarity.ui.theme.Look`: every draw function
    is handed these assets, so each reads its colours, text size and motion from here
    when it draws. Only ``App.apply_look`` changes it (the App then lays every screen
    out again); renderings are cached by colour, so a new palette never gets an old one.

    ``translator`` speaks the interface language for what every screen draws alike (the
    key hints, the key names on button badges); ``App.apply_look`` sets it with the look,
    so a language chosen on the Settings screen reaches every screen laid out again.
    """

    def __init__(
        self, root: Path, look: Look = DEFAULT_LOOK, fonts: FontChain | None = None
    ) -> None:
        self.root = root
        self.look = look
        self.translator = Translator()
        self._chain = fonts
        self._fonts: dict[tuple[int, bool], ChainFont] = {}
        # decoded pictures (size None) and their scaled copies, in one budget
        self._pictures: OrderedDict[tuple[Path, tuple[int, int] | None], pygame.Surface] = (
            OrderedDict()
        )
        self._picture_bytes = 0
        self._picture_sizes: dict[Path, tuple[int, int]] = {}
        #: the pictures' cache budget in bytes (tests may lower it)
        self.picture_budget = PICTURE_CACHE_BYTES
        self._text: OrderedDict[tuple[str, int, Colour, bool, int], pygame.Surface] = OrderedDict()
        self._text_bytes = 0
        #: measures texts and chooses the size at which they fit a box
        self.fitter = TextFitter(self)

    @property
    def chain(self) -> FontChain:
        """The fonts text is drawn with, first choice first."""
        if self._chain is None:
            self._chain = font_chain(self.root / FONTS_DIR)
        return self._chain

    def font(self, size: int, bold: bool = False) -> ChainFont:
        """The chain of fonts at ``size`` points, measuring and rendering one line."""
        key = (size, bold)
        font = self._fonts.get(key)
        if font is None:
            font = ChainFont(self.chain, size, bold)
            self._fonts[key] = font
        return font

    def text(
        self, text: str, size: int, colour: Colour, *, bold: bool = False, wrap: int = 0
    ) -> pygame.Surface:
        """``text`` rendered antialiased, every ``\n`` starting a new line, and wrapped at
        ``wrap`` pixels when it is not 0 (long words and addresses break inside,
        :func:`clarity.ui.text_runs.break_paragraph`). A right-to-left paragraph's lines
        are aligned right."""
        return self._render(text, size, colour, bold, wrap)

    def _render(
        self, text: str, size: int, colour: Colour, bold: bool, wrap: int
    ) -> pygame.Surface:
        key = (text, size, colour, bold, wrap)
        surface = self._text.get(key)
        if surface is not None:
            self._text.move_to_end(key)
            return surface
        surface = self.font(size, bold).render_text(text, colour, wrap)
        self._text[key] = surface
        self._text_bytes += _bytes(surface)
        while len(self._text) > 1 and (
            len(self._text) > TEXT_CACHE_SIZE or self._text_bytes > TEXT_CACHE_BYTES
        ):
            self._text_bytes -= _bytes(self._text.popitem(last=False)[1])
        return surface

    def decoration(
        self, text: str, size: int, colour: Colour, *, bold: bool = False
    ) -> pygame.Surface:
        """A glyph drawn as decoration, not to be read: a shadow under a heading, the star
        on a medal. It is rendered as :meth:`text` renders, but says so, for what has no
        contrast to keep (WCAG 2.2 1.4.3 exempts pure decoration) and for the contrast
        tests, which measure every text drawn with :meth:`text`."""
        return self._render(text, size, colour, bold, 0)

    def fit_text(
        self,
        text: str,
        max_size: int,
        min_size: int,
        colour: Colour,
        box: tuple[int, int],
        *,
        bold: bool = False,
    ) -> pygame.Surface:
        """``text`` wrapped to the width of ``box`` at the largest size from ``max_size``
        down to ``min_size`` that fits it with its words whole; rather than break a word in
        two, a little under ``min_size`` (:meth:`TextFitter.size_for`: only a word too wide
        at every size, a web address, breaks; ``min_size`` when nothing fits).

        The size is measured first (``fitter``, which also answers the questions a layout
        asks: how wide, how tall, which size), so the text is rendered once; the measure
        and the rendering break lines alike.
        """
        size = self.fitter.size_for(text, max_size, min_size, box, bold=bold)
        return self.text(text, size, colour, bold=bold, wrap=max(1, box[0]))

    def image(self, path: Path) -> pygame.Surface:
        """The picture at ``path`` as the pack check read it (one decoder,
        :func:`~clarity.core.packs.picture_decoding.decode_picture`): upright, its
        transparent parts over :data:`PICTURE_BACKGROUND`, converted for fast drawing.

        Kept in the pictures' cache (:data:`PICTURE_CACHE_BYTES`, least recently used
        out). Raises ``pygame.error`` when it cannot be shown, as ``pygame.image.load``
        did, with the teacher's message.
        """
        return self._picture(path, None)

    def image_size(self, path: Path) -> tuple[int, int]:
        """The upright size of the picture at ``path`` in pixels: decoded once, then known
        even after the cache has let the picture go."""
        size = self._picture_sizes.get(path)
        if size is None:
            size = self.image(path).get_size()
        return size

    def scaled(self, path: Path, size: tuple[int, int]) -> pygame.Surface:
        """The picture at ``path`` smoothly scaled to ``size``, scaled once per size while
        the cache keeps it."""
        return self._picture(path, size)

    def _picture(self, path: Path, size: tuple[int, int] | None) -> pygame.Surface:
        key = (path, size)
        surface = self._pictures.get(key)
        if surface is not None:
            self._pictures.move_to_end(key)
            return surface
        if size is None:
            surface = self._decode(path)
        else:
            full = self._picture(path, None)
            if full.get_size() == size:
                return full
            surface = pygame.transform.smoothscale(full, size)
        self._pictures[key] = surface
        self._picture_bytes += _bytes(surface)
        while len(self._pictures) > 1 and self._picture_bytes > self.picture_budget:
            self._picture_bytes -= _bytes(self._pictures.popitem(last=False)[1])
        return surface

    def _decode(self, path: Path) -> pygame.Surface:
        try:
            decoded = decode_picture(path, max_side=PICTURE_MAX_SIDE, background=PICTURE_BACKGROUND)
        except PictureError as exc:
            raise pygame.error(f"{path}: {exc}") from exc
        size = (decoded.width, decoded.height)
        # frombuffer shares the decoded bytes; convert() makes the one copy that stays
        surface = pygame.image.frombuffer(decoded.rgb, size, "RGB").convert()
        self._picture_sizes[path] = size
        return surface

    @property
    def picture_cache_bytes(self) -> int:
        """The bytes of the decoded and scaled pictures kept now."""
        return self._picture_bytes


def _bytes(surface: pygame.Surface) -> int:
    return surface.get_pitch() * surface.get_height()
