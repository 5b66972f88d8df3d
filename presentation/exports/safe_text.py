"""Text a renderer can always draw: the one cleaning applied to every string at the boundary of every file
renderer (chart images, PPTX, PDF, CSV, XLSX).

Names come from files (project and organisation names), forms (the tavolo's name) and the catalogue; some
characters in them cannot be drawn or stored. vl-convert aborts the whole process on a character XML forbids
(a control character such as ``\\x01``, or the vertical tab Word pastes for Shift+Enter); python-pptx and
openpyxl refuse them; a lone surrogate cannot even be written as UTF-8. So, in every string:

- a control character (C0 but tab, newline and carriage return; DEL; C1) becomes a space;
- a lone surrogate becomes U+FFFD (the replacement character);
- a Unicode non-character (U+FFFE, U+FFFF, U+FDD0-U+FDEF, the last two of every plane) is dropped;
- a bidirectional embedding, override or isolate (U+202A-U+202E, U+2066-U+2069), which can make a text read
  backwards, is dropped (the plain marks U+200E, U+200F stay: right-to-left names need them);
- a string longer than ``MAX_CHARS`` is cut there with "…".

Everything else (accents, «», €, emoji, Arabic or Hebrew letters, combining marks) is kept as it is.
"""

from __future__ import annotations

import re
from typing import Any

MAX_CHARS = 4000  # longer than any sentence of the catalogue (the methodology's paragraphs), far below a problem

_SPACE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_DROPPED = re.compile("[\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069"
                      + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
                      + "]")
_NEEDS_WORK = re.compile(f"{_SPACE.pattern}|{_SURROGATE.pattern}|{_DROPPED.pattern}")


def clean_text(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` with only characters every renderer can draw, at most ``limit`` characters (see the module)."""
    if _NEEDS_WORK.search(text):
        text = _DROPPED.sub("", _SURROGATE.sub("\ufffd", _SPACE.sub(" ", text)))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_value(value: Any) -> Any:
    """A string cleaned; any other value as it is."""
    return clean_text(value) if isinstance(value, str) else value


def clean_tree(node: Any) -> Any:
    """Every string in a JSON-like tree (dicts, keys included, lists, tuples) cleaned; a new tree (the one given is
    not changed); other values as they are."""
    if isinstance(node, str):
        return clean_text(node)
    if isinstance(node, dict):
        return {clean_value(key): clean_tree(value) for key, value in node.items()}
    if isinstance(node, list | tuple):
        return [clean_tree(value) for value in node]
    return node


def clean_frame(frame):
    """A DataFrame with its column names and text cells cleaned (numbers untouched); the same frame when there is
    nothing to clean."""
    from pandas.api.types import is_object_dtype, is_string_dtype

    columns = [clean_value(c) for c in frame.columns]
    text = [c for c in frame.columns if is_object_dtype(frame[c]) or is_string_dtype(frame[c])]
    if not text and columns == list(frame.columns):
        return frame
    cleaned = frame.copy()
    for column in text:
        cleaned[column] = cleaned[column].map(clean_value)
    cleaned.columns = columns
    return cleaned
