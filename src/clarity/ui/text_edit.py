"""One line of editable text with a caret and a selection, as a text field on any desktop.

The editing rules without pygame, so they can be tested as rules: positions are indices
into ``text`` (0 before the first character, ``len(text)`` after the last); a selection
runs from ``anchor`` to ``caret``. Words for Ctrl+arrow and Ctrl+Backspace are runs of
letters and digits, as in the text fields of Windows, macOS and GTK.
"""

from __future__ import annotations

import unicodedata

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


def _is_word(character: str) -> bool:
    return character.isalnum()


class TextEdit:
    """The text, the caret and the selection of a one-line field of at most ``limit`` characters."""

    def __init__(self, limit: int, text: str = "") -> None:
        self.limit = max(1, limit)
        self.text = clean_line(text)[: self.limit]
        self.caret = len(self.text)
        self.anchor = self.caret

    # -- reading --------------------------------------------------------------------

    @property
    def selection(self) -> tuple[int, int]:
        """The selected span as (start, end), start <= end; empty when they are equal."""
        return (min(self.anchor, self.caret), max(self.anchor, self.caret))

    @property
    def selected(self) -> str:
        start, end = self.selection
        return self.text[start:end]

    # -- changing the text -------------------------------------------------------------

    def set(self, text: str) -> None:
        """Replace everything, the caret at the end."""
        self.text = clean_line(text)[: self.limit]
        self.caret = self.anchor = len(self.text)

    def insert(self, typed: str) -> None:
        """Type or paste ``typed`` at the caret, over the selection; what does not fit the
        limit is left out."""
        typed = clean_line(typed)
        start, end = self.selection
        room = self.limit - (len(self.text) - (end - start))
        typed = typed[: max(0, room)]
        self.text = self.text[:start] + typed + self.text[end:]
        self.caret = self.anchor = start + len(typed)

    def delete_back(self, *, word: bool = False) -> None:
        """Backspace: the selection, else the character (or with ``word`` the word) before."""
        if not self._delete_selection():
            self.anchor = self._word_left() if word else max(0, self.caret - 1)
            self._delete_selection()

    def delete_forward(self, *, word: bool = False) -> None:
        """Delete: the selection, else the character (or with ``word`` the word) after."""
        if not self._delete_selection():
            self.anchor = self._word_right() if word else min(len(self.text), self.caret + 1)
            self._delete_selection()

    def cut(self) -> str:
        """Remove the selection and return it (for the clipboard)."""
        taken = self.selected
        self._delete_selection()
        return taken

    # -- moving the caret --------------------------------------------------------------

    def move_left(self, *, word: bool = False, select: bool = False) -> None:
        """Left: a selection collapses to its start; else one character (or word) back."""
        if self.selected and not select:
            target = self.selection[0]
        else:
            target = self._word_left() if word else self.caret - 1
        self._move(target, select)

    def move_right(self, *, word: bool = False, select: bool = False) -> None:
        """Right: a selection collapses to its end; else one character (or word) on."""
        if self.selected and not select:
            target = self.selection[1]
        else:
            target = self._word_right() if word else self.caret + 1
        self._move(target, select)

    def home(self, *, select: bool = False) -> None:
        self._move(0, select)

    def end(self, *, select: bool = False) -> None:
        self._move(len(self.text), select)

    def select_all(self) -> None:
        self.anchor, self.caret = 0, len(self.text)

    # -- inside ------------------------------------------------------------------------

    def _move(self, target: int, select: bool) -> None:
        self.caret = max(0, min(len(self.text), target))
        if not select:
            self.anchor = self.caret

    def _delete_selection(self) -> bool:
        start, end = self.selection
        if start == end:
            return False
        self.text = self.text[:start] + self.text[end:]
        self.caret = self.anchor = start
        return True

    def _word_left(self) -> int:
        index = self.caret
        while index > 0 and not _is_word(self.text[index - 1]):
            index -= 1
        while index > 0 and _is_word(self.text[index - 1]):
            index -= 1
        return index

    def _word_right(self) -> int:
        index = self.caret
        while index < len(self.text) and not _is_word(self.text[index]):
            index += 1
        while index < len(self.text) and _is_word(self.text[index]):
            index += 1
        return index
