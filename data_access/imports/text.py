"""Free text of an upload (names of projects and bodies, titles of actions, funding calls) checked before it is
stored: every renderer downstream (the screen's markdown, PNG and SVG charts, PDF, PPTX, spreadsheets) must be able
to draw it as it is, and none must read it as markup.

What is done with each kind of character:

- **normalised to one space**: tab, line feed, carriage return, vertical tab (what Word pastes for Shift+Enter),
  form feed, and every Unicode space, line and paragraph separator (no-break space, thin space, U+2028...); runs
  of them become one space and the ends are trimmed (of spaces only: a control character at the end is refused
  like one in the middle). A line break inside a spreadsheet cell (Alt+Enter) means a
  space in a name, and none of them can be drawn on one line otherwise.
- **refused**, naming the character by its code (U+0001): every other control character (NUL, U+0001-U+001F,
  DEL, U+0080-U+009F), format characters (zero-width spaces and joiners, soft hyphen, direction overrides: they
  make two names that look alike differ), private-use, unassigned and surrogate code points. No one types them.
- **refused as markup**: the signs markdown and HTML give a meaning to and names do not need (``< > [ ] { } \\ `
  * _ ~ | $ ^``), HTML entities (``&amp;``), web addresses (``http://``, ``www.``), Streamlit's ``:shortcodes:``,
  and a leading ``# > = + - @`` (a heading, a quote, a list, a spreadsheet formula). "&", apostrophes, quotes,
  parentheses, slashes, hyphens and dots inside a name are kept.

Codes written as text (project and action codes) follow their own stricter pattern (cells.py).
"""

from __future__ import annotations

import re
import unicodedata

from config.phrases import Phrase

SPACES = re.compile(r"[\t\n\r\x0b\x0c \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e]")
MARKUP_SIGNS = "<>[]{}\\`*_~|$^"
_MARKUP = re.compile(r"[<>\[\]{}\\`*_~|$^]")
_ENTITY = re.compile(r"&#?[A-Za-z0-9]{1,10};")
_ADDRESS = re.compile(r"://|\bwww\.", re.IGNORECASE)
_SHORTCODE = re.compile(r":[A-Za-z][A-Za-z0-9_/+-]{0,40}:")
LEADING_SIGNS = "#>=+-@"


def normalised(text: str) -> str:
    """Runs of spaces, tabs, line breaks and Unicode separators as one space; the ends trimmed."""
    return SPACES.sub(" ", text).strip(" ")


def code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def invisible(text: str) -> str | None:
    """The first character no one types (control, format, private, unassigned, surrogate), or None."""
    for match in _NOT_PLAIN_ASCII.finditer(text):
        if unicodedata.category(match.group())[0] == "C":
            return match.group()
    return None


def problem(text: str) -> tuple[Phrase, Phrase] | None:
    """Why ``text`` (normalised) cannot be stored, and how to fix it; None when it can."""
    character = invisible(text)
    if character is not None:
        return (Phrase("imports.text.control", code=code_point(character)), Phrase("imports.text.control.fix"))
    if match := _MARKUP.search(text):
        return Phrase("imports.text.markup", sign=match.group()), Phrase("imports.text.markup.fix")
    if match := _ENTITY.search(text):
        return Phrase("imports.text.markup", sign=match.group()), Phrase("imports.text.markup.fix")
    if _ADDRESS.search(text):
        return Phrase("imports.text.address"), Phrase("imports.text.address.fix")
    if match := _SHORTCODE.search(text):
        return Phrase("imports.text.markup", sign=match.group()), Phrase("imports.text.markup.fix")
    if text[:1] and text[0] in LEADING_SIGNS:
        return Phrase("imports.text.leading", sign=text[0]), Phrase("imports.text.leading.fix")
    return None


def visible(text: str) -> str:
    """``text`` with every character no one types shown by its code (⟨U+0001⟩), for a message that repeats it."""
    return "".join(f"⟨{code_point(c)}⟩" if unicodedata.category(c)[0] == "C" else c for c in text)
