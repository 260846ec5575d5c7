"""One line of editable text with a caret and a selection, as a text field on any desktop.

The editing rules without pygame, so they can be tested as rules: positions are indices
into ``text`` (0 before the first character, ``len(text)`` after the last), always between
two clusters (a letter and its marks, an emoji sequence, a flag:
:func:`clarity.ui.text_runs.clusters`), so the caret, Backspace and Delete never split
one. A selection runs from ``anchor`` to ``caret`` in logical order.

Text in a right-to-left script, or mixing directions, is shown in the order of the
Unicode Bidirectional Algorithm (UAX #9), and the caret keys follow what is on the screen,
as in the text fields of browsers, Windows, macOS and GTK: Left always moves the caret one
cluster to the left on the screen (in Arabic or Hebrew that is forward in the text), Home
and End go to the start and the end of the text. Moving by what one sees was chosen over
moving in the text's order because a student looks at the caret, not at the logical
order, and in a line such as "שנת 1948" logical moves make it jump back and forth. Where
two directions meet, one position in the text has two places on the screen; ``upstream``
says which one the caret is at (see :meth:`TextEdit.caret_slot`).

Words for Ctrl+arrow and Ctrl+Backspace are runs of letters and digits, as in the text
fields of Windows, macOS and GTK.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from clarity.ui.text_runs import bidi_levels, clusters, is_rtl_paragraph, visual_order

#: Characters never taken into a field: controls, and the bidirectional overrides and
#: isolates that would make a name print in another order (Unicode TR #9, "Trojan
#: Source"); a line break or a tab becomes a space.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_SPACES = frozenset("\t\n\r\v\f\u2028\u2029\x85")


def clean_line(text: str) -> str:
    """``text`` as one line: line breaks and tabs as spaces, control characters dropped."""
    kept = []
    for character in text:
        if character in _SPACES:
            kept.append(" ")
        elif character in _BIDI_CONTROLS or unicodedata.category(character) == "Cc":
            continue
        else:
            kept.append(character)
    return "".join(kept)


_RTL_CLASSES = frozenset({"R", "AL", "AN"})


def _is_word(cluster: str) -> bool:
    return cluster[0].isalnum()


def fit_clusters(text: str, room: int) -> str:
    """The whole clusters at the start of ``text`` that fit ``room`` code points: a paste
    cut to a field's limit never ends with half a flag or a letter without its accent."""
    if len(text) <= room:
        return text
    kept = 0
    for cluster in clusters(text):
        if kept + len(cluster) > room:
            break
        kept += len(cluster)
    return text[:kept]


@dataclass(frozen=True)
class VisualLine:
    """A line's clusters as the screen shows them: ``bounds[i]`` is the i-th cluster's
    (start, end) code point indices in logical order, ``order`` the clusters' indices left to
    right on the screen, ``rtl[i]`` whether cluster i is drawn right to left, ``rtl_line``
    the paragraph's direction (UAX #9 P2, P3: its first strong letter)."""

    bounds: tuple[tuple[int, int], ...]
    order: tuple[int, ...]
    rtl: tuple[bool, ...]
    rtl_line: bool

    @classmethod
    def of(cls, text: str) -> VisualLine:
        bounds: list[tuple[int, int]] = []
        offset = 0
        for cluster in clusters(text):
            bounds.append((offset, offset + len(cluster)))
            offset += len(cluster)
        rtl_line = is_rtl_paragraph(text)
        if not rtl_line and not any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text):
            levels = [0] * len(bounds)  # left to right throughout, as most answers are
        else:
            by_character = bidi_levels(text, rtl_line)
            levels = [by_character[start] for start, _ in bounds]
        return cls(
            tuple(bounds),
            tuple(visual_order(levels)),
            tuple(level % 2 == 1 for level in levels),
            rtl_line,
        )

    @property
    def position_of(self) -> dict[int, int]:
        """Each cluster's place from the left (the inverse of ``order``)."""
        return {cluster: place for place, cluster in enumerate(self.order)}

    def boundary(self, index: int) -> int:
        """The number of clusters before code point ``index`` (a cluster boundary)."""
        for number, (start, _) in enumerate(self.bounds):
            if start >= index:
                return number
        return len(self.bounds)


class TextEdit:
    """The text, the caret and the selection of a one-line field of at most ``limit``
    characters (code points)."""

    def __init__(self, limit: int, text: str = "") -> None:
        self.limit = max(1, limit)
        self.text = fit_clusters(clean_line(text), self.limit)
        self.caret = len(self.text)
        self.anchor = self.caret
        #: Whether the caret is drawn against the cluster before it (True: where typing
        #: leaves it) or the one after it; the two differ only where directions meet.
        self.upstream = True
        self._visual: VisualLine | None = None
        self._visual_of = ""

    # -- reading --------------------------------------------------------------------

    @property
    def selection(self) -> tuple[int, int]:
        """The selected span as (start, end), start <= end; empty when they are equal."""
        return (min(self.anchor, self.caret), max(self.anchor, self.caret))

    @property
    def selected(self) -> str:
        start, end = self.selection
        return self.text[start:end]

    @property
    def visual(self) -> VisualLine:
        """The text's clusters in the order the screen shows them."""
        if self._visual is None or self._visual_of != self.text:
            self._visual, self._visual_of = VisualLine.of(self.text), self.text
        return self._visual

    def caret_slot(self) -> int:
        """Where the caret is on the screen: the number of clusters to its left (0 to the
        number of clusters). It stands against the cluster before it in the text
        (``upstream``) or the one after it: after a right-to-left letter is to its left,
        after a left-to-right one to its right."""
        return self._slot(self.caret, self.upstream)

    def anchor_slot(self) -> int:
        return self._slot(self.anchor, True)

    # -- changing the text -------------------------------------------------------------

    def set(self, text: str) -> None:
        """Replace everything, the caret at the end."""
        self.text = fit_clusters(clean_line(text), self.limit)
        self.caret = self.anchor = len(self.text)
        self.upstream = True

    def insert(self, typed: str) -> None:
        """Type or paste ``typed`` at the caret, over the selection; the clusters that do
        not fit the limit are left out."""
        typed = clean_line(typed)
        start, end = self.selection
        room = self.limit - (len(self.text) - (end - start))
        typed = fit_clusters(typed, max(0, room))
        self.text = self.text[:start] + typed + self.text[end:]
        # a mark typed before a mark, or a flag's second letter, joins what is there:
        # the caret goes after the whole cluster
        self.caret = self.anchor = self._cluster_end(start + len(typed))
        self.upstream = True

    def delete_back(self, *, word: bool = False) -> None:
        """Backspace: the selection, else the cluster (or with ``word`` the word) before."""
        if not self._delete_selection():
            self.anchor = self._word_left() if word else self._cluster_before(self.caret)
            self._delete_selection()

    def delete_forward(self, *, word: bool = False) -> None:
        """Delete: the selection, else the cluster (or with ``word`` the word) after."""
        if not self._delete_selection():
            self.anchor = self._word_right() if word else self._cluster_after(self.caret)
            self._delete_selection()

    def cut(self) -> str:
        """Remove the selection and return it (for the clipboard)."""
        taken = self.selected
        self._delete_selection()
        return taken

    # -- moving the caret --------------------------------------------------------------

    def move_left(self, *, word: bool = False, select: bool = False) -> None:
        """Left on the screen: a selection collapses to its left end; else one cluster (or
        a word) to the left, which in right-to-left text is forward."""
        self._move_on_screen(-1, word, select)

    def move_right(self, *, word: bool = False, select: bool = False) -> None:
        """Right on the screen: a selection collapses to its right end; else one cluster (or
        a word) to the right."""
        self._move_on_screen(1, word, select)

    def home(self, *, select: bool = False) -> None:
        """To the start of the text (the right end of a right-to-left line)."""
        self._move(0, select, upstream=False)

    def end(self, *, select: bool = False) -> None:
        """To the end of the text (the left end of a right-to-left line)."""
        self._move(len(self.text), select, upstream=True)

    def select_all(self) -> None:
        self.anchor, self.caret = 0, len(self.text)
        self.upstream = True

    # -- inside ------------------------------------------------------------------------

    def _slot(self, index: int, upstream: bool) -> int:
        visual = self.visual
        count = len(visual.bounds)
        if count == 0:
            return 0
        boundary = visual.boundary(index)
        places = visual.position_of
        if boundary == count or (upstream and boundary > 0):
            before = boundary - 1  # the caret stands at the cluster's trailing side
            return places[before] if visual.rtl[before] else places[before] + 1
        after = boundary  # at the cluster's leading side
        return places[after] + 1 if visual.rtl[after] else places[after]

    def _at_slot(self, slot: int, crossed: int) -> tuple[int, bool]:
        """A text position and side that the screen shows at ``slot``, taken from the
        cluster just crossed (``crossed``: a place from the left) so that the caret stays
        with the letter it passed."""
        visual = self.visual
        cluster = visual.order[crossed]
        start, end = visual.bounds[cluster]
        if crossed == slot:  # the crossed cluster is to the right of the slot
            return (end, True) if visual.rtl[cluster] else (start, False)
        return (start, False) if visual.rtl[cluster] else (end, True)

    def _move_on_screen(self, step: int, word: bool, select: bool) -> None:
        if self.selected and not select:
            ends = [(self._slot(self.caret, self.upstream), self.caret, self.upstream)]
            ends.append((self.anchor_slot(), self.anchor, True))
            _, index, upstream = min(ends) if step < 0 else max(ends)
            self._move(index, False, upstream=upstream)
            return
        visual = self.visual
        slot = self.caret_slot()
        count = len(visual.order)

        def crossing() -> int | None:  # the place of the cluster the next step crosses
            place = slot - 1 if step < 0 else slot
            return place if 0 <= place < count else None

        start_slot = slot
        if word:
            for wanted in (False, True):  # spaces and punctuation first, then the word
                while (place := crossing()) is not None and _is_word(
                    self._cluster_text(place)
                ) == wanted:
                    slot += step
        elif crossing() is not None:
            slot += step
        if slot == start_slot:
            if not select:
                self.anchor = self.caret
            return
        crossed = slot if step < 0 else slot - 1
        index, upstream = self._at_slot(slot, crossed)
        self._move(index, select, upstream=upstream)

    def _cluster_text(self, place: int) -> str:
        visual = self.visual
        start, end = visual.bounds[visual.order[place]]
        return self.text[start:end]

    def _move(self, target: int, select: bool, *, upstream: bool = True) -> None:
        self.caret = max(0, min(len(self.text), target))
        self.upstream = upstream
        if not select:
            self.anchor = self.caret

    def _delete_selection(self) -> bool:
        start, end = self.selection
        if start == end:
            return False
        self.text = self.text[:start] + self.text[end:]
        self.caret = self.anchor = self._cluster_end(start)
        self.upstream = True
        return True

    def _cluster_before(self, index: int) -> int:
        previous = 0
        for start, _ in self.visual.bounds:
            if start >= index:
                break
            previous = start
        return previous

    def _cluster_after(self, index: int) -> int:
        for _, end in self.visual.bounds:
            if end > index:
                return end
        return len(self.text)

    def _cluster_end(self, index: int) -> int:
        """``index``, or the end of the cluster it falls inside."""
        for start, end in self.visual.bounds:
            if start < index < end:
                return end
        return index

    def _word_left(self) -> int:
        bounds = self.visual.bounds
        number = self.visual.boundary(self.caret)
        while number > 0 and not _is_word(self.text[bounds[number - 1][0]]):
            number -= 1
        while number > 0 and _is_word(self.text[bounds[number - 1][0]]):
            number -= 1
        return bounds[number][0] if number < len(bounds) else len(self.text)

    def _word_right(self) -> int:
        bounds = self.visual.bounds
        number = self.visual.boundary(self.caret)
        while number < len(bounds) and not _is_word(self.text[bounds[number][0]]):
            number += 1
        while number < len(bounds) and _is_word(self.text[bounds[number][0]]):
            number += 1
        return bounds[number][0] if number < len(bounds) else len(self.text)
