"""An answer the teacher accepted, added to a question's ``accept:`` list in the pack file.

The file is edited as text, not loaded and dumped again: the new item is spliced in where
YAML's own parser (PyYAML's node marks) says the question's ``accept:`` list ends, so
every other byte of the file stays as the teacher wrote it: comments, key order, quoting,
indentation, line endings, a byte-order mark. A round-trip YAML writer (ruamel.yaml) keeps
comments and order but re-indents lists and re-flows lines: a teacher's file came back
with every line under ``questions:`` moved two columns. The text is written as a YAML
double-quoted scalar (JSON's escapes are a subset of YAML's), so whatever it holds (a
colon, a ``#``, quotes, Cyrillic) is read back as exactly that text.

Where the list goes:

* ``accept: [a, b]`` (flow): ``, "text"`` after the last item (or inside ``[]``);
* ``accept:`` then ``- a`` lines (block): a new ``- "text"`` line under the last one, at
  its indentation;
* ``accept: a``: made a flow list holding the old item and the new; an empty ``accept:``
  (or ``~``, ``null``): a flow list of the new one;
* no ``accept:``: an ``accept: ["text"]`` line after the question's last field, at the
  indentation of its fields (or ``, accept: ["text"]`` in a ``{...}`` question).
"""

from __future__ import annotations

import json

import yaml

from clarity.core.messages import Message, message

#: the question types that have accepted answers
ACCEPTING_TYPES = frozenset(("typed", "number"))


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def with_accepted(source: str, question_index: int, text: str) -> str | Message:
    """``source`` (a pack's YAML text, without a byte-order mark) with ``text`` added to
    the ``accept:`` list of ``questions[question_index]``; a one-line reason (a Message)
    when the file has no such question or it is not a typed or number question."""
    try:
        # libyaml's parser, as the pack loader reads it (the pure-Python one refuses some
        # plain texts in a {...} that libyaml reads: "spider?, answer")
        root = yaml.compose(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return message("the pack file cannot be read as YAML")
    questions = _value(root, "questions")
    if not isinstance(questions, yaml.SequenceNode) or not (
        0 <= question_index < len(questions.value)
    ):
        return message("the pack has no question {number}", number=str(question_index + 1))
    question = questions.value[question_index]
    if not isinstance(question, yaml.MappingNode):
        return message("the pack has no question {number}", number=str(question_index + 1))
    kind = _value(question, "type")
    if not isinstance(kind, yaml.ScalarNode) or kind.value not in ACCEPTING_TYPES:
        return message("only a typed or number question has accepted answers")
    newline = "\r\n" if "\r\n" in source else "\n"
    accept = _value(question, "accept")
    item = quoted(text)
    if accept is None:
        return _new_field(source, question, item, newline)
    if isinstance(accept, yaml.SequenceNode):
        if accept.flow_style:
            if accept.value:
                at = accept.value[-1].end_mark.index
                return f"{source[:at]}, {item}{source[at:]}"
            at = accept.start_mark.index + 1
            return f"{source[:at]}{item}{source[at:]}"
        last = accept.value[-1]
        dash = source.rfind("-", 0, last.start_mark.index)
        indent = dash - (source.rfind("\n", 0, dash) + 1)
        at = _line_end(source, last)
        return f"{source[:at]}{newline}{' ' * indent}- {item}{source[at:]}"
    if isinstance(accept, yaml.ScalarNode):
        start, end = accept.start_mark.index, accept.end_mark.index
        if accept.tag == "tag:yaml.org,2002:null":  # empty, ~ or null: no answer yet
            gap = "" if source[start - 1 : start].isspace() else " "
            return f"{source[:start]}{gap}[{item}]{source[end:]}"
        return f"{source[:start]}[{source[start:end]}, {item}]{source[end:]}"
    return message("the question's accept: is not a list")


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next(
        (v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None
    )


def _line_end(source: str, node: yaml.Node) -> int:
    """Where the line holding the last character of ``node`` ends (its line break), past
    any comment on it; the end of the text when no line break follows.

    A block collection's end is where the next token starts (past blank lines and comments
    after it), and a block scalar's is past its last line break: so the last character
    written is found by going down to the last item and back over the blanks."""
    while isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark.index
    while end > 0 and source[end - 1] in " \t\r\n":
        end -= 1
    at = source.find("\n", end)
    if at == -1:
        return len(source)
    return at - 1 if at > 0 and source[at - 1] == "\r" else at


def _new_field(source: str, question: yaml.MappingNode, item: str, newline: str) -> str:
    last_value = question.value[-1][1]
    if question.flow_style:
        at = last_value.end_mark.index
        return f"{source[:at]}, accept: [{item}]{source[at:]}"
    first_key = question.value[0][0]
    indent = first_key.start_mark.column
    at = _line_end(source, last_value)
    return f"{source[:at]}{newline}{' ' * indent}accept: [{item}]{source[at:]}"
