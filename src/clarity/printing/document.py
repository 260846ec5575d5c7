"""The page every printed document is laid out on: fpdf2 with the game's fonts embedded.

Units are millimetres; text sizes are points. fpdf2 was chosen for being small, pure
Python and embedding subsets of Unicode TrueType/OpenType fonts; with uharfbuzz it shapes
text (Arabic joined and right to left, Hebrew right to left, Devanagari and Thai with their
marks and conjuncts, by the Unicode bidirectional algorithm). Only text that needs it is
shaped (:func:`needs_shaping`): fpdf2 shapes a line again at every character it adds while
wrapping, which for plain Latin or Cyrillic costs time and gains only kerning.

Fonts are the game's own chain (:func:`clarity.fonts.font_chain`: the bundled Inter and
Noto Sans fonts, then the system's CJK and emoji fonts, then what fontconfig names for a
character). A face is added to the PDF the first time a text needs it, so a Latin worksheet
embeds Inter alone, and only the glyphs used (fpdf2 subsets). Every face added after the
first is one of fpdf2's fallback fonts, in the chain's order, so a line mixing Latin,
Cyrillic and Arabic prints each character in a font that has it. Colour emoji (Noto Color
Emoji's bitmaps) fpdf2 embeds as a Type 3 font of pictures. A character no face has prints
as the first font's "missing glyph" box, as ``clarity validate`` warns beforehand. Inter,
an OpenType font with CFF outlines, is embedded as a TrueType copy (:mod:`.outlines`).

A document's bytes depend on its content and its ``created`` date alone: without a date
the PDF carries none, so the same pack and seed give the same file byte for byte.
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.image_parsing import preload_image

from clarity.atomic_files import write_replacing
from clarity.fonts import Face, FontChain, font_chain, is_invisible, is_space
from clarity.printing import outlines
from clarity.resources import bundled_assets_dir

# Paper sizes in millimetres, (width, height), portrait (ISO 216 A4; US Letter).
PAPER: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
POINT = 25.4 / 72  # millimetres in a typographic point
# Pictures are resampled to this many pixels per inch at the size they are drawn (a
# printer's usual 300), so a 12-megapixel photo on a flashcard does not make the PDF huge.
PICTURE_DPI = 300
CREATOR = "Clarity Challenge"
_PLACEHOLDER_DATE = datetime(2000, 1, 1, tzinfo=UTC)
_PLACEHOLDER_ENTRY = b"/CreationDate (D:20000101000000Z)"


@dataclass(frozen=True)
class PageStyle:
    """How pages look: ``paper`` a key of :data:`PAPER`, ``margin`` in mm on every side,
    ``language`` the BCP 47 tag of the text (the PDF's ``/Lang``, read by screen readers)."""

    paper: str = "a4"
    margin: float = 15.0
    language: str = "en"


class _PrintedPDF(FPDF):
    """fpdf2's FPDF with one of its bugs (2.8.9) worked around.

    When the first line drawn after a font change has its first fragment in a fallback
    font, fpdf2 selects the main font inside that line's text object and counts it as
    selected on the page; but a line that ends in another font is wrapped in ``q ... Q``,
    which forgets the selection, and the following text in the main font is then drawn
    with no font at all (invisible in poppler). After such a line the main font is counted
    as not selected, so fpdf2 selects it again before the next text (a few bytes).
    """

    def _render_styled_text_line(self, text_line: Any, *args: Any, **kwargs: Any) -> bool:
        was_selected = self.current_font_is_set_on_page
        drawn = super()._render_styled_text_line(text_line, *args, **kwargs)
        fallbacks = self._fallback_font_ids
        if not was_selected and any(
            fragment.font is not None and fragment.font.fontkey in fallbacks
            for fragment in getattr(text_line, "fragments", ())
        ):
            self.current_font_is_set_on_page = False
        return drawn


class Document:
    """An fpdf2 document with the game's fonts embedded and a few layout helpers (units: mm).

    ``pdf`` is the underlying :class:`fpdf.FPDF` for drawing lines, boxes and images; text
    should go through :meth:`write_block` (or :meth:`use_font` before ``pdf.cell`` /
    ``pdf.multi_cell``, after :meth:`prepare` for the text) so that the faces it needs are
    embedded. Pages break automatically ``style.margin`` above the bottom edge.

    ``created`` is the creation date written in the PDF; ``None`` writes none (the bytes
    then depend on the content alone). ``chain`` is the font chain (default: the game's,
    from the bundled fonts folder). Raises :class:`KeyError` for an unknown paper.
    """

    def __init__(
        self,
        style: PageStyle,
        *,
        title: str,
        author: str | None = None,
        created: datetime | None = None,
        chain: FontChain | None = None,
    ) -> None:
        self.style = style
        self.pdf: FPDF = _PrintedPDF(unit="mm", format=PAPER[style.paper])
        self.pdf.set_margins(style.margin, style.margin, style.margin)
        self.pdf.set_auto_page_break(True, margin=style.margin)
        self.pdf.set_title(title)
        if author:
            self.pdf.set_author(author)
        self.pdf.set_creator(CREATOR)
        self.pdf.set_lang(style.language)
        # fpdf2 always writes a creation date: without one, a placeholder is written and
        # blanked out of the bytes by output() (see _without_placeholder_date).
        self._dated = created is not None
        self.pdf.set_creation_date(created if created is not None else _PLACEHOLDER_DATE)
        self._shaping = False  # HarfBuzz shaping: on for the texts that need it (prepare)
        self._chain = chain if chain is not None else font_chain(bundled_assets_dir() / "fonts")
        self._families: dict[Face, str] = {}  # faces added to the PDF, and their family names
        self._styles = [""]  # fpdf2 styles every added face has: "B" once bold is used
        self._font_folder: Path | None = None  # TrueType copies, removed with the document
        self._covered: set[str] = set()  # characters some added face has
        self._pictures: dict[tuple[Path, float, float], tuple[str | None, float, float]] = {}
        self._size = 11.0
        self._bold = False
        self._family(self._chain.faces[0])
        self.use_font(self._size)

    # Fonts

    def _family(self, face: Face) -> str:
        """The family name of ``face`` in the PDF, adding it (in every style used) if new."""
        family = self._families.get(face)
        if family is None:
            family = f"clarity{len(self._families)}"
            for style in self._styles:
                self._add_font(family, style, face)
            self._families[face] = family
            self._set_fallbacks()
        return family

    def _set_fallbacks(self) -> None:
        """Every added face after the first is a fallback, in the chain's order (fpdf2 takes
        the styles a family has when told, so this is said again when bold is added)."""
        fallbacks = [self._families[f] for f in self._chain.faces if f in self._families]
        self.pdf.set_fallback_fonts(fallbacks[1:], exact_match=False)

    def _add_font(self, family: str, style: str, face: Face) -> None:
        self.pdf.add_font(family, style, self._embeddable(face.file(style == "B")))

    def _embeddable(self, path: Path) -> Path:
        """``path``, or for a name-keyed OpenType CFF font (Inter) a TrueType copy of it in
        a temporary folder of this document's (see :mod:`.outlines`)."""
        if not outlines.has_cff_outlines(path):
            return path
        stat = path.stat()
        data = outlines.truetype_copy(path, stat.st_size, stat.st_mtime_ns)
        if self._font_folder is None:
            self._font_folder = Path(tempfile.mkdtemp(prefix="clarity-print-"))
            # HarfBuzz and fpdf2 read the copy until the PDF is written: it goes with the
            # document (or when the process ends), silently, whatever happens to it.
            weakref.finalize(self, shutil.rmtree, self._font_folder, ignore_errors=True)
        copy = self._font_folder / f"{path.stem}.ttf"
        copy.write_bytes(data)
        return copy

    def _use_bold(self) -> None:
        """Add the bold of every face added so far, and of those added later."""
        if "B" not in self._styles:
            self._styles.append("B")
            for face, family in self._families.items():
                self._add_font(family, "B", face)
            self._set_fallbacks()

    def prepare(self, text: str) -> None:
        """Add to the PDF the faces of the chain that ``text``'s characters need, and
        shape what follows with HarfBuzz when ``text`` needs it (:func:`needs_shaping`)."""
        shaping = needs_shaping(text)
        if shaping != self._shaping:
            self._shaping = shaping
            self.pdf.set_text_shaping(shaping)
        for character in set(text) - self._covered:
            self._covered.add(character)
            if is_invisible(character) or is_space(character):
                continue
            if any(face.covers(character) for face in self._families):
                continue
            face = self._chain.faces[self._chain.face_for(character)]
            if face.covers(character):
                self._family(face)

    def use_font(self, size: float, *, bold: bool = False) -> None:
        """Draw what follows in the chain's first font (its fallbacks set) at ``size`` points."""
        self._size, self._bold = size, bold
        if bold:
            self._use_bold()
        self.pdf.set_font(self._families[self._chain.faces[0]], "B" if bold else "", size)

    # Text

    def text_height(
        self,
        text: str,
        width: float,
        size: float,
        *,
        bold: bool = False,
        line_height: float = 1.3,
    ) -> float:
        """The height in mm that :meth:`write_block` would use for ``text`` wrapped to
        ``width`` mm at ``size`` points, lines ``line_height`` times the size apart."""
        self.prepare(text)
        self.use_font(size, bold=bold)
        return float(
            self.pdf.multi_cell(
                width,
                size * POINT * line_height,
                text,
                dry_run=True,
                output=MethodReturnValue.HEIGHT,
                align="L",
            )
        )

    def write_block(
        self,
        text: str,
        *,
        x: float,
        y: float,
        width: float,
        size: float,
        bold: bool = False,
        align: str | None = None,
        line_height: float = 1.3,
    ) -> float:
        """Write ``text`` wrapped to ``width`` mm from (``x``, ``y``); returns the height used.

        ``align`` is fpdf2's: ``"L"``, ``"R"``, ``"C"`` or ``"J"``; ``None`` aligns to the
        text's own start (right for a text whose first strong character is Arabic or
        Hebrew). A text taller than the rest of the page continues on the next page; the
        cursor (``pdf.y``) is left below the text, on whichever page it ended.
        """
        self.prepare(text)
        self.use_font(size, bold=bold)
        if align is None:
            align = "R" if is_right_to_left(text) else "L"
        self.pdf.set_xy(x, y)
        height = self.pdf.multi_cell(
            width,
            size * POINT * line_height,
            text,
            align=align,
            new_x=XPos.LEFT,
            new_y=YPos.NEXT,
            output=MethodReturnValue.HEIGHT,
        )
        return float(height)

    # Layout

    def space_left(self) -> float:
        """The height in mm between the cursor and the bottom margin of this page."""
        return self.pdf.page_break_trigger - self.pdf.get_y()

    def keep_together(self, height: float) -> None:
        """Add a page first when ``height`` mm do not fit below the cursor (and the first
        page when there is none yet), so that a block (a question with its choices) is
        never cut across pages; on a page with nothing below its top margin yet, nothing is
        added (a block taller than a page breaks anyway: a new page would not help)."""
        if self.pdf.page == 0:
            self.pdf.add_page()
            return
        at_top = self.pdf.get_y() <= self.pdf.t_margin + 0.01
        if height > self.space_left() and not at_top:
            self.pdf.add_page()

    # Pictures

    def picture(
        self, path: Path, *, x: float, y: float, width: float, height: float
    ) -> tuple[float, float]:
        """Draw the picture at ``path`` fitted into the box (``x``, ``y``, ``width``,
        ``height`` in mm), its aspect kept and centred in the box; returns the size drawn
        (width, height) in mm, or ``(0, 0)`` when the file cannot be read as a picture
        (nothing is drawn: a sheet still prints when a pack's picture is missing).

        The picture is turned upright by its EXIF orientation, transparent pixels are
        put on white (paper), and it is resampled to :data:`PICTURE_DPI` at the size drawn.
        """
        if width <= 0 or height <= 0:
            return (0.0, 0.0)
        key = (path, round(width, 3), round(height, 3))
        known = self._pictures.get(key)
        if known is None:
            known = self._prepare_picture(path, width, height)
            self._pictures[key] = known
        name, drawn_w, drawn_h = known
        if name is None:
            return (0.0, 0.0)
        self.pdf.image(
            name,
            x=x + (width - drawn_w) / 2,
            y=y + (height - drawn_h) / 2,
            w=drawn_w,
            h=drawn_h,
        )
        return (drawn_w, drawn_h)

    def _prepare_picture(
        self, path: Path, width: float, height: float
    ) -> tuple[str | None, float, float]:
        """Load the picture at ``path`` for a box of ``width`` x ``height`` mm into fpdf2's
        image cache: (the name it is cached under, the size drawn); ``(None, 0, 0)`` for a
        file that is no picture. Only the name is kept, so a picture drawn on many cards is
        read and embedded once, and a thousand pictures are not all held in memory."""
        from PIL import Image, ImageOps, UnidentifiedImageError  # noqa: PLC0415

        try:
            with Image.open(path) as opened:
                opened.seek(0)
                _draft(opened, width, height)
                upright = ImageOps.exif_transpose(opened)
                upright.load()
                if upright.width < 1 or upright.height < 1:
                    return (None, 0.0, 0.0)
                scale = min(width / upright.width, height / upright.height)
                drawn_w, drawn_h = upright.width * scale, upright.height * scale
                pixels = (
                    max(1, min(upright.width, round(drawn_w / 25.4 * PICTURE_DPI))),
                    max(1, min(upright.height, round(drawn_h / 25.4 * PICTURE_DPI))),
                )
                prepared = _on_white(upright)
                if pixels != prepared.size:
                    prepared = prepared.resize(pixels, Image.Resampling.LANCZOS)
        except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
            return (None, 0.0, 0.0)
        name, _, _ = preload_image(self.pdf.image_cache, prepared)
        return (name, drawn_w, drawn_h)

    # Output

    def output(self) -> bytes:
        """The PDF's bytes."""
        data = bytes(self.pdf.output())
        return data if self._dated else _without_placeholder_date(data)

    def save(self, target: Path) -> None:
        """Write the PDF to ``target`` whole or not at all (a temporary file renamed over
        it: :func:`clarity.atomic_files.write_replacing`). Raises
        :class:`clarity.atomic_files.FileNotWritten` when it cannot be written; the old
        file is then as it was."""
        write_replacing(target, self.output())


def _without_placeholder_date(data: bytes) -> bytes:
    """``data`` with the placeholder ``/CreationDate`` entry of its document information
    dictionary replaced by as many spaces: whitespace between a dictionary's entries is
    allowed (PDF 32000-1, 7.2.2), and the same length keeps every object's offset in the
    cross-reference table right."""
    return data.replace(_PLACEHOLDER_ENTRY, b" " * len(_PLACEHOLDER_ENTRY), 1)


# Characters drawn one glyph each, left to right, without shaping: Basic Latin to Cyrillic
# Supplement (Latin, IPA, Greek, Cyrillic; combining marks excluded below), general
# punctuation, super- and subscripts and currency signs.
_SIMPLE_BLOCKS = (range(0x20, 0x7F), range(0xA0, 0x0530), range(0x2000, 0x20D0))


def needs_shaping(text: str) -> bool:
    """Whether ``text`` must be shaped by HarfBuzz to print right: anything but
    :data:`_SIMPLE_BLOCKS` (Arabic and Hebrew right to left, Devanagari and Thai marks,
    emoji sequences), combining marks and format characters (ZWJ, direction marks).

    fpdf2 measures a line by shaping it again at every character it adds, which for a
    thousand questions takes tens of seconds; Latin, Cyrillic and Greek lose only the
    font's kerning without it (as in most PDFs).
    """
    for character in text:
        code = ord(character)
        if character in "\n\t":
            continue
        if not any(code in block for block in _SIMPLE_BLOCKS):
            return True
        if unicodedata.category(character) in {"Mn", "Mc", "Me", "Cf"}:
            return True
    return False


def is_right_to_left(text: str) -> bool:
    """Whether the first strong character of ``text`` is right-to-left (Arabic, Hebrew...:
    bidirectional class R or AL, Unicode UAX #9 rule P2)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in {"R", "AL"}:
            return True
        if direction == "L":
            return False
    return False


# EXIF orientations that turn the picture a quarter (stored width is shown height).
_QUARTER_TURNS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112


def _draft(opened: Any, width: float, height: float) -> None:
    """Let a JPEG decode at a fraction of its size (1/2 to 1/8, Pillow's ``draft``) when
    that still gives :data:`PICTURE_DPI` in a box of ``width`` x ``height`` mm: a
    12-megapixel photo then decodes in a fraction of the time and memory."""
    if opened.format != "JPEG":
        return
    stored_w, stored_h = opened.size
    turned = opened.getexif().get(EXIF_ORIENTATION, 1) in _QUARTER_TURNS
    shown_w, shown_h = (stored_h, stored_w) if turned else (stored_w, stored_h)
    scale = min(width / shown_w, height / shown_h) / 25.4 * PICTURE_DPI
    if scale < 1:
        needed = (stored_w * scale, stored_h * scale)
        opened.draft("RGB", (max(1, int(needed[0]) + 1), max(1, int(needed[1]) + 1)))


def _on_white(image: object) -> object:
    """``image`` (a Pillow image) in RGB, its transparent pixels put on white."""
    from PIL import Image  # noqa: PLC0415

    assert isinstance(image, Image.Image)
    if image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if image.mode in {"RGB", "L"}:
        return image
    return image.convert("RGB")
