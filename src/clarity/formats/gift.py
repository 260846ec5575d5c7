"""Moodle's GIFT format, read and written as Moodle reads it.

The rules come from Moodle's GIFT documentation (docs.moodle.org, "GIFT format") and from
what Moodle's own importer (``question/format/gift/format.php``) does where the
documentation is silent; no GIFT library is used (the ones on PyPI leave escapes in the
text, lose categories and fail on negative numbers).

Reading (:func:`read_gift`):

* Questions are separated by blank lines; a line whose first non-space characters are
  ``//`` is a comment, wherever it is. ``$CATEGORY: path`` applies to every question after
  it: the question gets the last part of the path as its one tag (``$course$/top/Algebra/
  Fractions`` tags ``Fractions``), the name a teacher gave the category the question sits
  in. Moodle's own parts (``$course$``, ``top``, ``Default for ...``) are never tags, and
  ``//`` in a path is a slash inside a category name, as Moodle writes it. The question's
  Moodle tags follow: ``// [tag:name]`` in a comment of its block (``\\]`` for "]"), as
  Moodle writes and reads them (``extract_idnumber_and_tags_from_comment``); each tag
  once, whatever its case.
* Our own export's first line names the pack (see :func:`write_gift`): its title is the
  ``SourceRead.title`` and its id ``SourceRead.pack_id``; the header's ``// Description:``
  and ``// Time limit: N s for each question`` lines give ``description`` and
  ``time_limit``; a question's ``// Time limit: N s`` comment its ``time_limit``, and our
  comment that a choice question's order matters is read back as ``shuffle: false``;
  Moodle ignores them all.
* ``::title::`` becomes ``title_hint`` (the import turns it into the question's id).
* ``[html]`` text is turned into plain text (``<br>`` and paragraph ends are line breaks,
  entities decoded, tags dropped; a note says so when formatting such as bold or a list
  was lost, not for the paragraph Moodle's editor wraps every text in); ``[moodle]`` text
  (and text without a format) is too when it holds HTML tags, because Moodle shows it as
  HTML. ``[markdown]`` text is turned into plain text too (a small subset: emphasis,
  strong, code, links ``[text](url)`` to their text, ``#`` headings, pictures left out,
  backslash escapes; see :class:`_Markdown`), with a note when formatting was lost, and
  HTML tags in it as in ``[moodle]`` text; a short answer's own text is never formatted
  (Moodle compares it as typed, ``*`` being its wildcard). ``[plain]`` text is kept as
  written, and so is ``[moodle]`` text's ``*stars*``, which Moodle's auto-format shows as
  typed (it makes links of addresses, keeps line breaks and shows HTML; Moodle's help on
  text formats).
* The escapes ``\\~ \\= \\# \\{ \\} \\: \\\\`` give the character; ``\\n`` a line break.
  Runs of other white space (line ends in the file included) become one space.
* Multiple choice: ``=right ~wrong``, weights ``~%50%``. Only a 100 % answer (``=`` or
  ``~%100%``) is right. Several of them (``=a =b ~c``) make a choice question with several
  right answers, any one of which is right in the game, as in Moodle: a question with an
  ``=`` answer is a single-answer multiple choice (``format.php`` sets ``single`` when the
  answers hold an ``=``), whose edit form asks only that the best answer be worth 100 %
  (``fractionsnomax``), and whose grade is the weight of the one answer chosen, so each
  100 % answer gets full marks. Partial credit beside a 100 % answer is read as wrong,
  with a note. When no answer is 100 % but the positive weights add up to 100 %
  (``~%50%a ~%50%b ~%-100%c``), the question is Moodle's "multiple answers" one, whose
  student must tick those answers together for full marks (Moodle's help for its multiple
  choice question, qtype_multichoice: "Multiple-answer questions allow one or more answers
  to be chosen", each answer's grade added up); the game takes one choice, and taking
  either answer as right would change what the question asks, so it is skipped at its
  line and column with the reason. 2 to 6 choices; a question without a right answer is
  skipped.
* True/false ``{T}``, ``{TRUE}``, ``{F}``, ``{FALSE}``; short answer ``{=a =b}`` (the first
  100 % answer is the answer, the other 100 % ones are accepted), or one answer without
  ``=`` (``{a -> b}``: an answer block holding both ``=`` and ``->`` is a matching
  question, which Moodle decides before the short answer, with the escapes hidden). In a
  short answer Moodle reads ``*`` as "any characters" and ``\\*`` as a star (MDL-31981;
  ``\\*`` is no GIFT escape, so it reaches the question as written): ``\\*`` is a
  star, and an answer with a wildcard is left out with a note, the game having no
  wildcards (a question whose right answers all have one is skipped); numerical ``{#1999}``,
  ``{#1822:5}`` (a tolerance), ``{#1..5}`` (min, max and the midpoint as the answer),
  ``{#=1822:0 =%50%1821:0}`` (the 100 % answers; partial ones are noted and left out).
  Numbers are written back as Python's ``str`` writes them, with a decimal point; an
  accepted number equal to the answer or to another is taken once.
* Feedback: ``####`` general feedback is the explanation; without it, the right answer's
  own ``#`` feedback is (a note says that the other answers' feedback was left out).
* Matching, essay, description and "missing word" questions (text after the answer
  block) are skipped with the reason, as is a malformed question (an answer block that is
  not closed, a number that is not one), at its line and column.

Writing (:func:`write_gift`) is the reverse, for Moodle's "Import questions" page with
"Get category from file" ticked: every special character escaped, every text marked
``[plain]`` (Moodle then shows ``<`` as written), the pack's order kept, a ``$CATEGORY:``
line wherever the first tag changes, every tag as a Moodle tag, the question id as
``::title::``; importing our export gives back the same pack but for what GIFT cannot
hold (said in comments).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

from clarity.core.messages import Message, message, plural_message
from clarity.core.number_reading import read_number
from clarity.core.packs.models import (
    MAX_CHOICES,
    MAX_TIME_LIMIT,
    MIN_CHOICES,
    MIN_TIME_LIMIT,
    AnyQuestion,
    ChoiceQuestion,
    NumberQuestion,
    Pack,
    TrueFalseQuestion,
    TypedQuestion,
)
from clarity.core.packs.report import shown
from clarity.formats.source import Skipped, SourceQuestion, SourceRead

__all__ = ["read_gift", "write_gift"]

# Escaped characters are moved into Unicode's private use area while the structure is
# read, so that "\{" is never an answer block; each escape keeps its two characters (a
# filler and the character's stand-in) so that places in the text stay where they are.
_FILLER = "\ue000"
_LINE_BREAK = "\ue00a"
_ESCAPABLE = "~=#{}:\\"
_STAND_IN = {char: chr(0xE000 + ord(char)) for char in _ESCAPABLE}
_RESTORE = str.maketrans({**{v: k for k, v in _STAND_IN.items()}, _FILLER: None})
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_LINE_END = re.compile(r"\r\n|\r|\n")
_MARKS = {marks: re.compile(f"[{marks}]") for marks in ("~=", "=")}
_BLANK_LINES = re.compile(r"\n{3,}")
_FORMAT = re.compile(r"\s*\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
# How far from the decimal point a number's first digit may be (a pack holds a number as
# text of at most 200 characters).
_MOST_PLACES = 100
# HTML that Moodle's "moodle auto-format" shows as HTML: text holding one of these tags is
# turned into plain text like [html] text.
_HTML_TAG = re.compile(
    r"</?(?:p|br|b|i|u|em|strong|span|div|sub|sup|ul|ol|li|a|img|h[1-6]|table|tr|td|th|font|"
    r"code|pre|blockquote)\b[^<>]*>",
    re.IGNORECASE,
)
# Markdown (Moodle's [markdown] text), the part of it the reader turns into plain text:
# backslash escapes and code spans first (what they hold is text, never markup; it is
# moved to the private use area while the rest is read), then ATX headings, links and
# pictures, then strong and emphasis, each within one line.
_MD_LITERAL = "\\`*_{}[]()#+-.!<>"
_MD_STAND_IN = {char: chr(0xE100 + ord(char)) for char in _MD_LITERAL}
_MD_RESTORE = str.maketrans({v: k for k, v in _MD_STAND_IN.items()})
_MD_HIDE = str.maketrans(_MD_STAND_IN)
_MD_ESCAPE_OR_CODE = re.compile(
    r"\\(?P<escaped>[\\`*_{}\[\]()#+\-.!<>])|(?P<ticks>`{1,3})(?!`)(?P<code>[^\n\ue00a`]"
    r"(?:[^\n\ue00a]*?[^\n\ue00a`])?)(?P=ticks)(?!`)"
)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_MD_LINK = re.compile(
    r"(?P<picture>!?)\[(?P<label>[^\[\]\n\ue00a]*)\]\([^()\s]*(?:[ \t]+\"[^\"\n]*\")?\)"
)
# Strong, then emphasis: the marks around words, never inside one (2*3*4 and snake_case
# are kept as written) and never around the same mark, which keeps each match as short as
# the text up to the next mark (one pass over the text, however many marks are unclosed).
_MD_STRONG = re.compile(
    r"\*\*(?=[^\s*])([^*\n\ue00a]*?[^\s\\*])\*\*|__(?=[^\s_])([^_\n\ue00a]*?[^\s\\_])__"
)
_MD_EMPHASIS = re.compile(
    r"(?<!\w)(?:\*(?=[^\s*])([^*\n\ue00a]*?[^\s\\*])\*"
    r"|_(?=[^\s_])([^_\n\ue00a]*?[^\s\\_])_)(?!\w)"
)
# Text longer than this is not worth reading as Markdown: the game refuses it as too long
# anyway, and a limit keeps an unclosed "*" from costing more than its line.
_MD_MOST = 4 * 2000

# Moodle's own parts of a category path: the context, "top", and the course's default
# category (its name in English, Russian and Belarusian Moodle: the string "defaultfor")
_MOODLE_CATEGORY_PARTS = re.compile(
    r"\$[a-z]+\$|top|(?:Default for|По умолчанию для|Па змаўчанні для) .*", re.IGNORECASE
)
# A question's tags as Moodle writes them in a comment of its block, "// [tag:name]" with
# "]" escaped as "\]" (qformat_gift::extract_idnumber_and_tags_from_comment): a tag holds
# no control character, "<", ">" or "`" (Moodle's PARAM_TAG)
_MOODLE_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])+)\]")
_NOT_IN_TAGS = re.compile(r"[<>`\x00-\x1f\x7f]")
# Moodle's short answer: a "*" not after a backslash matches any characters (MDL-31981)
_WILDCARD = re.compile(r"(?<!\\)\*")
# Our own export's first line, which names the pack: "// <title> (<id>): questions ..."
_OWN_HEADER = re.compile(r"//\s*(.+?) \(([^()\s]+)\): questions exported from Clarity Challenge\.")
# Our own export's header lines after the first, and a question's own time limit above it
# (Moodle has no time per question: a quiz has one time for all). Read back by us.
_OWN_DESCRIPTION = "// Description: "
_OWN_PACK_TIME = re.compile(r"//\s*Time limit: (\d+) s for each question\b.*")
_OWN_TIME = re.compile(r"//\s*Time limit: (\d+) s\.?")
# The comment our export writes above a choice question whose order matters (shuffle:
# false); Moodle's per-question "Shuffle the choices?" is not in GIFT. Read back by us.
_KEEP_ORDER = (
    '// Keep the choices in this order: in Moodle, untick "Shuffle the choices?" for this '
    "question (GIFT cannot say so)."
)
_UNTAGGED = (
    "// Questions without a tag: GIFT cannot go back to the category chosen on Moodle's "
    "import page."
)
# the name Moodle gives a default category, in the languages the reader knows it in
_DEFAULT_FOR = {"ru": "По умолчанию для", "be": "Па змаўчанні для"}
_FULL = Decimal(100)
_MAX_SHORT = 200  # ShortText in the pack models: choices, answers
_MAX_TEXT = 2000  # Text: prompts and explanations


# --- reading ----------------------------------------------------------------------------


@dataclass
class _Block:
    """One question's lines: ``text`` is its lines joined by "\\n" (comment lines empty)."""

    text: str
    first_line: int  # 1-based line number of text's first line
    starts: list[int]  # offset in text where each line starts
    tags: tuple[str, ...]  # the category's tag, then the tags of the block's comments
    comments: tuple[str, ...] = ()  # the block's comment lines, stripped

    def place(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset`` in the file."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1


def read_gift(text: str) -> SourceRead:
    """Every question of a GIFT file's ``text`` (already decoded; any line ending).

    Returns the questions in the pack's shape (see the module docstring for each rule),
    with what was skipped and what was changed, each at its 1-based line and column. Never
    raises for a question; GIFT has no whole-file error.
    """
    questions: list[SourceQuestion] = []
    skipped: list[Skipped] = []
    notes: list[Skipped] = []
    for block in _blocks(text):
        reader = _QuestionReader(block)
        outcome = reader.read()
        if isinstance(outcome, Skipped):
            skipped.append(outcome)
        elif outcome is not None:
            questions.append(outcome)
            notes.extend(reader.notes.values())
    header = _own_header(text)
    return SourceRead(
        tuple(questions),
        tuple(skipped),
        header.get("title"),
        tuple(notes),
        pack_id=header.get("id"),
        description=header.get("description"),
        time_limit=_own_seconds(header.get("time", ()), _OWN_PACK_TIME),
    )


def _own_header(text: str) -> dict[str, str]:
    """What our own export's header (see :func:`write_gift`) says of the pack: its
    ``title`` and ``id`` (first line), ``description`` and the pack's ``time`` line, so
    that a pack exported and imported back keeps them; empty for any other file."""
    lines = _LINE_END.split(text.removeprefix("\ufeff"), 40)
    match = _OWN_HEADER.fullmatch(lines[0].strip())
    if match is None:
        return {}
    found = {"title": match[1].strip(), "id": match[2]}
    for line in lines[1:40]:
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        if stripped.startswith(_OWN_DESCRIPTION) and stripped[len(_OWN_DESCRIPTION) :].strip():
            found["description"] = stripped[len(_OWN_DESCRIPTION) :].strip()
        elif _OWN_PACK_TIME.fullmatch(stripped):
            found["time"] = stripped
    return found


def _own_seconds(comments: Iterable[str] | str, pattern: re.Pattern[str]) -> int | None:
    """The seconds of the first of ``comments`` (or the one comment) that ``pattern``
    matches whole, within the game's 5 to 300; None when none does."""
    for comment in (comments,) if isinstance(comments, str) else comments:
        match = pattern.fullmatch(comment.strip())
        if match:
            return min(max(int(match[1]), MIN_TIME_LIMIT), MAX_TIME_LIMIT)
    return None


def _blocks(text: str) -> Iterator[_Block]:
    """The questions' blocks of lines, with the category in force for each."""
    tags: tuple[str, ...] = ()
    lines: list[str] = []
    comments: list[str] = []  # those of the block: Moodle reads a question's tags in them
    first = 0
    # a byte-order mark left by a caller that decoded without removing it is no text
    for number, line in enumerate(_LINE_END.split(text.removeprefix("\ufeff")), start=1):
        stripped = line.strip()
        if not stripped:
            if lines:
                yield _block(lines, first, tags, comments)
                lines = []
            comments = []
            continue
        if stripped.startswith("//"):
            comments.append(stripped)
            if lines:
                lines.append("")
            continue
        if not lines and stripped.startswith("$CATEGORY:"):
            tags = _category_tags(stripped[len("$CATEGORY:") :])
            comments = []
            continue
        if not lines:
            first = number
        lines.append(line)
    if lines:
        yield _block(lines, first, tags, comments)


def _block(lines: list[str], first: int, tags: tuple[str, ...], comments: list[str]) -> _Block:
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    tagged: dict[str, str] = {}  # each tag once, whatever its case (as Moodle's tags)
    for tag in (*tags, *_comment_tags(comments)):
        tagged.setdefault(tag.casefold(), tag)
    return _Block("\n".join(lines), first, starts, tuple(tagged.values()), tuple(comments))


def _comment_tags(comments: list[str]) -> list[str]:
    """The tags Moodle reads in a question's comments: ``[tag:name]``, ``\\]`` for "]"."""
    found = (
        " ".join(match[1].replace("\\]", "]").split())[:_MAX_SHORT].strip()
        for comment in comments
        for match in _MOODLE_TAG.finditer(comment)
    )
    return [tag for tag in found if tag]


def _category_tags(path: str) -> tuple[str, ...]:
    """The tag of a ``$CATEGORY:`` path: its last part that a teacher named."""
    parts = [part.replace("\0", "/").strip() for part in path.replace("//", "\0").split("/")]
    named = [part for part in parts if part and not _MOODLE_CATEGORY_PARTS.fullmatch(part)]
    return (named[-1][:_MAX_SHORT].strip(),) if named else ()


def _hide_escapes(text: str) -> str:
    def hidden(match: re.Match[str]) -> str:
        char = match[1]
        if char == "n":
            return _FILLER + _LINE_BREAK
        if char in _STAND_IN:
            return _FILLER + _STAND_IN[char]
        return match[0]

    return _ESCAPE.sub(hidden, text)


class _Html(HTMLParser):
    """HTML to plain text: line breaks for <br> and block ends, pictures counted."""

    _BREAKS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre"})
    # what Moodle's editor wraps every text in: dropping it loses nothing worth a note
    _LAYOUT = frozenset({"p", "br", "div", "span", "img"})
    _HIDDEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.pictures = 0
        self.formatting = False  # a tag that did more than wrap the text (bold, a list)
        self.hidden = 0  # inside <script> or <style>, whose text is never shown

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        if tag not in self._LAYOUT:
            self.formatting = True
        if tag == "br":
            self.pieces.append(_LINE_BREAK)
        elif tag == "img":
            self.pictures += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in self._BREAKS:
            self.pieces.append(_LINE_BREAK)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.pieces.append(data)


@dataclass
class _Markdown:
    """Markdown to plain text, the subset Moodle's [markdown] text uses for a question's
    words: ``*emphasis*`` and ``_emphasis_``, ``**strong**`` and ``__strong__``,
    ```code```, links ``[text](url)`` (their text), pictures ``![alt](url)`` (left out and
    counted), ATX headings ``# Heading`` (their text on a line of its own), and backslash
    escapes (``\\*`` is a star). A star or underscore inside a word is kept (``2*3*4``,
    ``snake_case``), and so are lists, quotes and tables. Markdown's rules: John Gruber's
    Markdown syntax, as PHP Markdown (Moodle's) reads it."""

    formatting: bool = False  # something was more than words: a note says it was lost
    pictures: int = 0

    def plain(self, text: str) -> str:
        if len(text) > _MD_MOST:
            return text
        text = _MD_ESCAPE_OR_CODE.sub(self._literal, text)
        text = _MD_HEADING.sub(self._heading, text)
        text = _MD_LINK.sub(self._link, text)
        for _ in range(3):  # **strong *and emphasis*** takes one pass per level
            done = _MD_EMPHASIS.sub(self._marked, _MD_STRONG.sub(self._marked, text))
            if done == text:
                break
            text = done
        return text.translate(_MD_RESTORE)

    def _literal(self, match: re.Match[str]) -> str:
        if match["escaped"] is not None:
            return match["escaped"].translate(_MD_HIDE)
        self.formatting = True
        return match["code"].translate(_MD_HIDE)

    def _heading(self, match: re.Match[str]) -> str:
        self.formatting = True
        return (match[1] or "") + _LINE_BREAK

    def _link(self, match: re.Match[str]) -> str:
        if match["picture"]:
            self.pictures += 1
            return ""
        self.formatting = True
        return match["label"]

    def _marked(self, match: re.Match[str]) -> str:
        self.formatting = True
        return match[1] if match[1] is not None else match[2]


def _tidy(text: str) -> str:
    """Runs of white space to one space, line breaks (``\\n``, <br>) kept (at most one
    empty line in a row), ends trimmed."""
    if _LINE_BREAK not in text:
        return " ".join(text.split())
    lines = "\n".join(" ".join(part.split()) for part in text.split(_LINE_BREAK))
    return _BLANK_LINES.sub("\n\n", lines.strip())


def _number_text(value: Decimal) -> str:
    """``value`` as Python's str writes a number: "1822", "-40", "3.5" (never through int,
    whose text Python refuses past 4300 digits)."""
    if not value:
        return "0"
    text = format(value, "f")  # every digit written (normalize would round to 28)
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class _Answer:
    text: str  # hidden escapes; format prefix still on
    offset: int  # in the block
    weight: Decimal
    feedback: str = ""


@dataclass
class _QuestionReader:
    block: _Block
    notes: dict[str, Skipped] = field(default_factory=dict)
    text_format: str = "moodle"  # the question text's: the default of its answers' texts
    explain: str = ""  # the general feedback (####), which comes before any answer's
    line: int = 1  # where the question starts
    column: int = 1

    def read(self) -> SourceQuestion | Skipped | None:
        raw = _hide_escapes(self.block.text)
        start = len(raw) - len(raw.lstrip())
        if start == len(raw):
            return None
        line, column = self.block.place(start)
        self.line, self.column = line, column
        fields: dict[str, object] = {}
        body_start = start
        if raw.startswith("::", start):
            end = raw.find("::", start + 2)
            if end >= 0:
                title = _tidy(raw[start + 2 : end].translate(_RESTORE))
                if title:
                    fields["title_hint"] = title
                body_start = end + 2
            else:
                body_start = start + 2
        opening = raw.find("{", body_start)
        closing = raw.find("}", body_start)
        if opening < 0 and closing < 0:
            return self._skip(
                start, message("a description (text without an answer block) is not a question")
            )
        if opening >= 0 and closing < 0:
            return self._skip(
                opening,
                message('the answer block opened here is not closed with "{sign}"', sign="}"),
            )
        if opening < 0 or closing < opening:
            return self._skip(
                closing, message('"{sign}" closes an answer block that was never opened', sign="}")
            )
        if raw[closing + 1 :].strip():
            after = closing + 1 + len(raw[closing + 1 :]) - len(raw[closing + 1 :].lstrip())
            return self._skip(
                after,
                message(
                    'a "missing word" question (text after the answer block); the game asks '
                    "whole questions"
                ),
            )
        prompt_text = raw[body_start:opening]
        format_match = _FORMAT.match(prompt_text)
        if format_match:
            self.text_format = format_match[1]
            prompt_text = prompt_text[format_match.end() :]
        prompt = self._plain(prompt_text, self.text_format)
        if not prompt:
            return self._skip(start, message("the question has no text"))
        fields = {"prompt": prompt, **fields}
        answers = raw[opening + 1 : closing]
        general = answers.rfind("####")
        if general >= 0:
            self.explain = self._plain(answers[general + 4 :], self.text_format)
            answers = answers[:general]
        stripped = answers.strip()
        where = opening + 1 + len(answers) - len(answers.lstrip())
        if not stripped:
            return self._skip(start, message("an essay question; the game has no essay questions"))
        if stripped.startswith("#"):
            result = self._number(stripped[1:], where + 1, fields)
        elif "~" in stripped:
            result = self._choice(stripped, where, fields)
        elif "=" in stripped and "->" in stripped:
            return self._skip(
                start, message("a matching question; the game has no matching questions")
            )
        elif stripped.split("#", 1)[0].strip() in _TRUE_FALSE:
            result = self._true_false(stripped, fields)
        else:
            result = self._typed(stripped, where, fields)
        if isinstance(result, Skipped):
            return result
        if self.explain:
            result["explain"] = self.explain
        explained = result.get("explain")
        if isinstance(explained, str) and len(explained) > _MAX_TEXT:
            return self._skip(start, _too_long(_MAX_TEXT))
        if len(prompt) > _MAX_TEXT:
            return self._skip(start, _too_long(_MAX_TEXT))
        if self.block.tags:
            result["tags"] = list(self.block.tags)
        if result["type"] == "choice" and _KEEP_ORDER in self.block.comments:
            result["shuffle"] = False
        seconds = _own_seconds(self.block.comments, _OWN_TIME)
        if seconds is not None:
            result["time_limit"] = seconds
        return SourceQuestion(result, line, column)

    # --- the parts ---

    def _skip(self, offset: int, reason: Message) -> Skipped:
        line, column = self.block.place(max(offset, 0))
        return Skipped(line, column, reason)

    def _note(self, kind: str, reason: Message) -> None:
        self.notes.setdefault(kind, Skipped(self.line, self.column, reason))

    def _note_partial(self, weights: list[Decimal]) -> None:
        """The note that answers with partial credit (``weights``, in %) were left out: the
        game has only right and wrong. Nothing when there were none."""
        if weights:
            self._note(
                "weights",
                message(
                    "partial credit ({weights}) left out: only a 100% answer is right",
                    weights=_weights(weights),
                ),
            )

    def _plain(self, text: str, text_format: str, *, markdown: bool = True) -> str:
        """Hidden-escape text as the plain text the game shows (``markdown``: False for
        a short answer's text, which Moodle compares as typed, never formats)."""
        own = _FORMAT.match(text)
        if own:
            text_format = own[1]
            text = text[own.end() :]
        text = text.translate(_RESTORE)
        if text_format == "markdown" and markdown:
            reader = _Markdown()
            text = reader.plain(text)
            if reader.formatting:
                self._note("markdown", message("Markdown formatting was turned into plain text"))
            if reader.pictures:
                self._note("picture", message("a picture in the text was left out"))
        if ("<" in text or "&" in text) and (
            text_format == "html"
            or (text_format in ("moodle", "markdown") and _HTML_TAG.search(text))
        ):
            parser = _Html()
            parser.feed(text)
            parser.close()
            text = "".join(parser.pieces)
            if parser.formatting:
                self._note("html", message("HTML was turned into plain text"))
            if parser.pictures:
                self._note("picture", message("a picture in the text was left out"))
        return _tidy(text)

    def _split(self, answers: str, offset: int, marks: str) -> list[tuple[str, str, int]]:
        """``answers`` cut before each of ``marks``: (mark, text after it, offset of it)."""
        pieces: list[tuple[str, str, int]] = []
        cuts = [match.start() for match in _MARKS[marks].finditer(answers)]
        head = answers[: cuts[0]] if cuts else answers
        if head.strip():
            pieces.append(("", head, offset))
        for n, cut in enumerate(cuts):
            end = cuts[n + 1] if n + 1 < len(cuts) else len(answers)
            pieces.append((answers[cut], answers[cut + 1 : end], offset + cut))
        return pieces

    def _weighted(self, text: str) -> tuple[Decimal | None, str]:
        stripped = text.lstrip()
        match = _WEIGHT.match(stripped)
        if match is None:
            return None, text
        return Decimal(match[1]), stripped[match.end() :]

    def _with_feedback(self, text: str) -> tuple[str, str]:
        answer, _, feedback = text.partition("#")
        return answer, feedback

    def _choice(
        self, answers: str, offset: int, fields: dict[str, object]
    ) -> dict[str, object] | Skipped:
        read: list[_Answer] = []
        for mark, piece, where in self._split(answers, offset, "~="):
            text = piece
            if mark == "=":
                weight: Decimal | None = _FULL
            else:
                weight, text = self._weighted(text)
                if weight is None:
                    weight = Decimal(0)
            answer, feedback = self._with_feedback(text)
            read.append(_Answer(answer, where, weight, feedback))
        choices = [self._plain(answer.text, self.text_format) for answer in read]
        for answer, choice in zip(read, choices, strict=True):
            if not choice:
                return self._skip(answer.offset, message("this choice has no text"))
            if len(choice) > _MAX_SHORT:
                return self._skip(answer.offset, _too_long(_MAX_SHORT))
        if len(read) > MAX_CHOICES:
            return self._skip(
                read[MAX_CHOICES].offset,
                plural_message(
                    "a choice question with {count} choice; the game shows at most {most}",
                    "a choice question with {count} choices; the game shows at most {most}",
                    len(read),
                    most=MAX_CHOICES,
                ),
            )
        if len(read) < MIN_CHOICES:
            return self._skip(offset, message("a choice question needs at least two choices"))
        seen: dict[str, int] = {}
        for answer, choice in zip(read, choices, strict=True):
            key = choice.casefold()
            if key in seen:
                return self._skip(
                    answer.offset,
                    message('the choice "{choice}" is listed twice', choice=choice),
                )
            seen[key] = answer.offset
        full = [i for i, answer in enumerate(read) if answer.weight == _FULL]
        positive = [i for i, answer in enumerate(read) if answer.weight > 0]
        if full:
            right = full
            partial = [read[i].weight for i in positive if i not in full]
            self._note_partial(partial)
        elif positive and abs(sum(read[i].weight for i in positive) - _FULL) < Decimal("0.01"):
            # Moodle's "multiple answers": full marks only for those answers ticked together
            return Skipped(
                self.line,
                self.column,
                message(
                    'a "multiple answers" question (the answers weighted {weights} are ticked '
                    'together); the game takes one choice: mark with "=" each answer that is '
                    "right on its own",
                    weights=_weights(read[i].weight for i in positive),
                ),
            )
        else:
            return self._skip(
                offset,
                message(
                    'a choice question without a right answer: mark it with "=" or a weight of 100%'
                ),
            )
        result: dict[str, object] = {"type": "choice", **fields, "choices": choices}
        rights = [choices[i] for i in right]
        result["answer"] = rights[0] if len(rights) == 1 else rights
        self._feedback(result, [read[i].feedback for i in right], [a.feedback for a in read])
        return result

    def _feedback(self, result: dict[str, object], right: list[str], every: list[str]) -> None:
        """The first right answer's feedback as the explanation when there is no general
        feedback; a note when any answer's feedback is left out."""
        kept = ""
        for text in right if not self.explain else ():
            kept = self._plain(text, self.text_format) if text.strip() else ""
            if kept:
                break
        if kept:
            result["explain"] = kept
        given = sum(1 for text in every if text.strip() and self._plain(text, self.text_format))
        if given > (1 if kept else 0):
            self._note(
                "feedback",
                message(
                    "the feedback of single answers was left out: the game shows one explanation"
                ),
            )

    def _true_false(self, answers: str, fields: dict[str, object]) -> dict[str, object]:
        parts = answers.split("#", 2)
        value = _TRUE_FALSE[parts[0].strip()]
        wrong = parts[1] if len(parts) > 1 else ""
        right = parts[2] if len(parts) > 2 else ""
        result: dict[str, object] = {"type": "truefalse", **fields, "answer": value}
        self._feedback(result, [right], [right, wrong])
        return result

    def _typed(
        self, answers: str, offset: int, fields: dict[str, object]
    ) -> dict[str, object] | Skipped:
        right: list[str] = []
        feedback: list[str] = []
        every: list[str] = []
        partial: list[Decimal] = []
        wild: list[str] = []
        for _mark, piece, where in self._split(answers, offset, "="):
            weight, text = self._weighted(piece)
            answer, said = self._with_feedback(text)
            every.append(said)
            answer_text = self._plain(answer, self.text_format, markdown=False)
            if not answer_text:
                continue
            if weight is not None and weight != _FULL:
                if weight > 0:
                    partial.append(weight)
                continue
            if _WILDCARD.search(answer_text):  # "any characters": the game has no such
                wild.append(answer_text)
                continue
            answer_text = answer_text.replace("\\*", "*")
            if len(answer_text) > _MAX_SHORT:
                return self._skip(where, _too_long(_MAX_SHORT))
            if answer_text not in right:
                right.append(answer_text)
                feedback.append(said)
        if not right and wild:
            return self._skip(
                offset,
                message(
                    'a short-answer question whose right answers all use Moodle\'s wildcard "*" '
                    "(any characters); the game has no wildcards"
                ),
            )
        if not right:
            return self._skip(offset, message("a short-answer question without a right answer"))
        if wild:
            self._note(
                "wildcard",
                message(
                    'answers with Moodle\'s wildcard "*" (any characters) left out, the game has '
                    "no wildcards: {answers}",
                    answers=", ".join(wild),
                ),
            )
        self._note_partial(partial)
        result: dict[str, object] = {"type": "typed", **fields, "answer": right[0]}
        if len(right) > 1:
            result["accept"] = right[1:]
        self._feedback(result, feedback[:1], every)
        return result

    def _number(
        self, answers: str, offset: int, fields: dict[str, object]
    ) -> dict[str, object] | Skipped:
        wrong = answers.find("~")
        if wrong >= 0:  # Moodle's feedback for any other number: "~#feedback"
            answers = answers[:wrong]
        found: list[tuple[dict[str, str], str]] = []
        partial: list[Decimal] = []
        for _mark, piece, where in self._split(answers, offset, "="):
            weight, text = self._weighted(piece)
            answer, said = self._with_feedback(text)
            answer = answer.translate(_RESTORE).strip()
            if not answer:
                continue
            numbers = self._numbers(answer)
            if isinstance(numbers, Message):
                return self._skip(where, numbers)
            if weight is not None and weight != _FULL:
                if weight > 0:
                    partial.append(weight)
                continue
            found.append((numbers, said))
        if not found:
            return self._skip(offset, message("a numerical question without a right answer"))
        first, said = found[0]
        result: dict[str, object] = {"type": "number", **fields, **first}
        # each other right number once, not the answer again ("=-40 =-40.0")
        accept = list(
            dict.fromkeys(numbers["answer"] for numbers, _ in found[1:] if len(numbers) == 1)
        )
        accept = [number for number in accept if number != first["answer"]]
        if accept:
            result["accept"] = accept
        left = [numbers["answer"] for numbers, _ in found[1:] if len(numbers) > 1]
        if left:
            self._note(
                "numbers",
                message(
                    "other right numbers with their own tolerance or range left out: {numbers}",
                    numbers=", ".join(left),
                ),
            )
        self._note_partial(partial)
        self._feedback(result, [said], [said for _, said in found])
        return result

    def _numbers(self, answer: str) -> dict[str, str] | Message:
        """The number fields of one numerical answer: 1822, 1822:5 or 1..5."""
        low, dots, high = answer.partition("..")
        if dots and low.strip():
            low_value, high_value = _decimal(low), _decimal(high)
            if low_value is None or high_value is None:
                return _not_numbers(answer)
            if _out_of_reach(low_value, high_value):
                return _too_big(answer)
            if low_value > high_value:
                return message(
                    "the range {range} starts above its end", range=answer.replace(" ", "")
                )
            middle = (low_value + high_value) / 2
            return {
                "answer": _number_text(middle),
                "min": _number_text(low_value),
                "max": _number_text(high_value),
            }
        value_text, colon, tolerance_text = answer.partition(":")
        value = _decimal(value_text)
        if value is None:
            return _not_numbers(answer)
        if _out_of_reach(value):
            return _too_big(answer)
        if not colon:
            return {"answer": _number_text(value)}
        tolerance = _decimal(tolerance_text)
        if tolerance is None:
            return _not_numbers(answer)
        if _out_of_reach(tolerance):
            return _too_big(answer)
        if tolerance == 0:
            return {"answer": _number_text(value)}
        return {"answer": _number_text(value), "tolerance": _number_text(abs(tolerance))}


def _decimal(text: str) -> Decimal | None:
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        return None


def _out_of_reach(*values: Decimal) -> bool:
    """Whether one of ``values`` has its first digit more than :data:`_MOST_PLACES` places
    from the decimal point ("1e999999999"): no pack number is written that long, and
    Decimal arithmetic on it overflows."""
    return any(abs(value.adjusted()) > _MOST_PLACES for value in values)


def _too_big(answer: str) -> Message:
    return message(
        '"{answer}" is too large or too small a number for the game: at most {most} digits '
        "either side of the decimal point",
        answer=shown(answer),
        most=_MOST_PLACES,
    )


def _not_numbers(answer: str) -> Message:
    return message(
        '"{answer}" is not a number as GIFT writes one (digits, a decimal point, "1822:5" '
        'or "1..5")',
        answer=answer,
    )


def _too_long(most: int) -> Message:
    return message("the text is longer than {most} characters", most=most)


def _weights(weights: Iterable[Decimal]) -> str:
    return ", ".join(f"{_number_text(weight)}%" for weight in weights)


# --- writing ----------------------------------------------------------------------------


def _escaped(text: str) -> str:
    """``text`` with GIFT's special characters escaped and line breaks as ``\\n``."""
    text = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _answer_text(text: str) -> str:
    """An answer's text as written after its mark: ``[plain]`` first when the text itself
    starts like a weight or a format, which Moodle would otherwise take as one."""
    escaped = _escaped(text)
    if escaped.lstrip().startswith(("%", "[")):
        return "[plain]" + escaped
    return escaped


def _comment(text: str) -> str:
    return "// " + " ".join(text.split())


def _gift_number(text: str, language: str) -> str:
    """A pack number (written in the pack's language) as GIFT writes it: "3.5"."""
    value = read_number(text, language)
    if value is None:  # the pack validator refuses such a pack; keep the text
        return _escaped(text)
    return _number_text(value)


def write_gift(pack: Pack) -> str:
    """The questions of ``pack`` as a GIFT file that Moodle imports.

    The file starts with ``//`` comments naming the pack and saying that its mystery
    pictures (its rounds) are not exported: Moodle has no mystery-picture rounds (a
    question's own picture is named in a comment above it, not exported either); the
    first line is read back by :func:`read_gift` for the pack's title. Then the
    questions in the pack's order, a ``$CATEGORY: <tag>`` line before each question
    whose first tag differs from the previous question's (Moodle makes a category of
    that name under its context's top one; any number of these lines may come). GIFT
    cannot go back to the category chosen on the import page: untagged questions after
    a tagged one go into ``Default for <pack title>`` (named as Moodle names its default
    categories, which the reader takes for no tag). Every tag is written above its
    question as ``// [tag:name]``, which Moodle reads as the question's tags (and
    ``[tag:`` cannot hold "<", ">", "`"; they are left out). A choice question whose
    order matters (``shuffle: false``) gets a comment asking to untick Moodle's
    per-question "Shuffle the choices?", which GIFT cannot set. Each question is
    ``::id::[plain]prompt{...}`` with the explanation as ``####`` general feedback:

    * choice: ``=right ~wrong``, and several right answers each with ``=``
      (``=a =b ~c``): Moodle reads a multiple choice holding an ``=`` as a single-answer
      question (``format.php``: ``single`` is 1 when the answers hold ``=``; each ``=``
      answer is worth 100 %), which its edit form accepts as long as the best answer is
      worth 100 % (``fractionsnomax``), and grades with the weight of the one answer
      chosen: any right answer gets full marks, as in the game. ``~%100%a ~%100%b`` would
      not do: without an ``=`` Moodle makes a "multiple answers" question (tick boxes,
      whose positive weights must add up to 100 %, ``fractionsaddwrong``), and weights
      shared among the right answers (``~%50%a ~%50%b``) would ask the student to tick
      them all together, which is not the game's question. When every choice is right,
      the last is written ``~%100%``: Moodle takes answers without a ``~`` for a short
      answer;
    * truefalse: ``{TRUE}`` or ``{FALSE}``; typed: ``{=answer =accepted ...}`` with
      ``*`` as ``\\*`` and an arrow ``->`` written as :func:`_short_answers` says;
    * number: ``{#answer}``, ``{#answer:tolerance}``, ``{#min..max}`` and ``=other`` for
      each accepted number not equal to the answer or to an earlier one, numbers with a
      decimal point. A percent tolerance becomes the
      absolute one it is around the answer; a range open at one end (only min or max)
      cannot be written and the answer alone is; a comment says so above the question.
    """
    out: list[str] = [
        _comment(f"{pack.title} ({pack.id}): questions exported from Clarity Challenge."),
    ]
    if pack.description.strip():
        out.append(_comment(_OWN_DESCRIPTION[3:] + pack.description))
    if pack.time_limit is not None:
        out.append(
            f"// Time limit: {pack.time_limit} s for each question. Moodle has no time per "
            "question: set the quiz's own time limit."
        )
    out += [
        _comment(
            f"The mystery pictures of its {len(pack.rounds)} round(s) are not exported: "
            "Moodle has no mystery-picture rounds."
        ),
        "",
    ]
    category = ""  # "": the category chosen on Moodle's import page
    for question in pack.questions:
        tag = question.tags[0] if question.tags else ""
        if tag != category:
            if tag:
                out.append("$CATEGORY: " + tag.replace("/", "//"))
            else:
                out.append(_UNTAGGED)
                out.append("$CATEGORY: " + _default_category(pack).replace("/", "//"))
            out.append("")
            category = tag
        out.append(_question(question, pack.language))
    return "\n".join(out)


@dataclass(frozen=True)
class GiftLosses:
    """What :func:`write_gift` cannot give Moodle of a pack, for the teacher to be told.

    ``rounds``: the mystery-picture rounds left out (a comment in the header says so);
    ``timed``: the pack or a question has a time limit, which is only a comment (Moodle has
    no time per question; :func:`read_gift` reads it back); ``questions``: the 0-based
    places of the questions that lost something GIFT cannot hold, each said in a comment
    above it: its picture, its choices' order (``shuffle: false``), an open range (only
    ``min`` or ``max``), accepted answers left out beside ``->``.
    """

    rounds: int
    timed: bool
    questions: tuple[int, ...]


def gift_losses(pack: Pack) -> GiftLosses:
    """What :func:`write_gift` loses of ``pack`` (see :class:`GiftLosses`)."""
    lost = tuple(index for index, question in enumerate(pack.questions) if _loses(question))
    timed = pack.time_limit is not None or any(
        question.time_limit is not None for question in pack.questions
    )
    return GiftLosses(len(pack.rounds), timed, lost)


def _loses(question: AnyQuestion) -> bool:
    """Whether GIFT cannot hold part of ``question`` (the comments :func:`_question`
    writes above it say what); a percent tolerance is written as the same absolute one."""
    if question.image is not None:
        return True
    if isinstance(question, ChoiceQuestion):
        return not question.shuffle
    if isinstance(question, NumberQuestion):
        return (question.min is None) != (question.max is None)
    if isinstance(question, TypedQuestion):
        return bool(_short_answers(question)[1])
    return False


def _default_category(pack: Pack) -> str:
    """The category of untagged questions after a tagged one: named as Moodle names a
    default category ("Default for <name>"), which the reader takes for no tag."""
    words = _DEFAULT_FOR.get(pack.language.split("-")[0].lower(), "Default for")
    return f"{words} {' '.join(pack.title.split())}"


def _tag_comments(tags: Iterable[str]) -> list[str]:
    """A question's tags as Moodle writes them, ``// [tag:name]`` (one a line, so that
    no tag's text can run into the next), without what a Moodle tag cannot hold."""
    lines = []
    for tag in tags:
        text = " ".join(_NOT_IN_TAGS.sub("", tag).split())
        if text:
            lines.append("// [tag:" + text.replace("]", "\\]") + "]")
    return lines


def _question(question: AnyQuestion, language: str) -> str:
    """One question as GIFT, with the comments it needs before it, and a blank line after."""
    lines: list[str] = _tag_comments(question.tags)
    if question.time_limit is not None:
        lines.append(f"// Time limit: {question.time_limit} s")
    if question.image is not None:
        lines.append(_comment(f"The picture {question.image} of this question is not exported."))
    head = f"::{_escaped(question.id)}::" if question.id else ""
    head += "[plain]" + _escaped(question.prompt)
    explain = question.explain
    general = f"\t####{_escaped(explain)}\n" if explain else ""
    if isinstance(question, ChoiceQuestion):
        if not question.shuffle:
            lines.append(_KEEP_ORDER)
        right = question.right_answers
        body = ""
        for choice in question.choices:
            mark = "=" if choice in right else "~"
            body += f"\t{mark}{_answer_text(choice)}\n"
        if len(right) == len(question.choices):  # no "~": Moodle would read a short answer
            cut = body.rindex("\t=")
            body = body[:cut] + "\t~%100%" + body[cut + 2 :]
        lines.append(f"{head}{{\n{body}{general}}}")
    elif isinstance(question, TrueFalseQuestion):
        value = "TRUE" if question.answer else "FALSE"
        feedback = f"####{_escaped(explain)}" if explain else ""
        lines.append(f"{head}{{{value}{feedback}}}")
    elif isinstance(question, NumberQuestion):
        lines.extend(_number_comments(question, language))
        lines.append(f"{head}{{#\n{_number_answers(question, language)}{general}}}")
    elif isinstance(question, TypedQuestion):
        body, left = _short_answers(question)
        if left:
            listed = ", ".join(f'"{text}"' for text in left)
            lines.append(
                _comment(
                    f"Left out, the accepted answer{'s' if len(left) > 1 else ''} {listed}: "
                    'Moodle reads an answer block holding both "=" and "->" as a matching '
                    "question."
                )
            )
        lines.append(f"{head}{{\n{body}{general}}}")
    lines.append("")
    return "\n".join(lines)


def _short_answers(question: TypedQuestion) -> tuple[str, list[str]]:
    """A typed question's answer lines, and the accepted answers left out.

    Each answer is ``=text`` with ``*`` written ``\\*``: Moodle's short answer reads a bare
    ``*`` as "any characters" (MDL-31981), and ``\\*`` is no GIFT escape, so it reaches
    the question as written. Moodle takes an answer block holding both ``=`` and ``->``
    for a matching question (``readquestion``), and no escape hides ``->``: an answer
    holding ``->`` is written alone without ``=`` (a short answer worth 100 %), its
    accepted answers left out; an accepted answer holding ``->`` is left out.
    """

    def line(text: str, mark: str = "=") -> str:
        return "\t" + mark + _answer_text(text).replace("*", "\\*") + "\n"

    if "->" in question.answer:
        return line(question.answer, ""), list(question.accept)
    left = [text for text in question.accept if "->" in text]
    kept = [text for text in (question.answer, *question.accept) if "->" not in text]
    return "".join(line(text) for text in kept), left


def _number_answers(question: NumberQuestion, language: str) -> str:
    first: str
    if question.min is not None and question.max is not None:
        first = f"{_gift_number(question.min, language)}..{_gift_number(question.max, language)}"
    else:
        first = _gift_number(question.answer, language)
        tolerance = _absolute_tolerance(question, language)
        if tolerance is not None and question.min is None and question.max is None:
            first += f":{tolerance}"
    body = f"\t={first}\n"
    # each other right number once, not the answer again: "-40.0" beside "-40"
    written = {read_number(question.answer, language)}
    for text in question.accept:
        value = read_number(text, language)
        if value is None or value not in written:
            written.add(value)
            body += f"\t={_gift_number(text, language)}\n"
    return body


def _absolute_tolerance(question: NumberQuestion, language: str) -> str | None:
    if question.tolerance is None:
        return None
    _low, high = question.bounds(language)
    answer = read_number(question.answer, language)
    if answer is None:
        return None
    return _number_text(high - answer)


def _number_comments(question: NumberQuestion, language: str) -> list[str]:
    if question.tolerance is not None and question.tolerance.strip().endswith(("%", "％", "٪")):
        return [
            _comment(
                f"The tolerance {question.tolerance} is written as "
                f"±{_absolute_tolerance(question, language)}: GIFT has no percent tolerance."
            )
        ]
    if (question.min is None) != (question.max is None):
        bound = (
            f"at least {question.min}" if question.min is not None else f"at most {question.max}"
        )
        return [
            _comment(
                f"In the game any number {bound} counts; GIFT has no open range, so only "
                f"the answer {question.answer} is written."
            )
        ]
    return []
