"""A sentence of the catalogue not yet put into a language: its key and its values, said when it is shown.

The data layer finds problems before anyone knows who will read them: the import page in the user's language, the
command line and the report CSV in Italian. So a module below the pages keeps a :class:`Phrase` (a catalogue key
and the values of its placeholders), and whoever shows it calls :meth:`Phrase.text` with the language.
:class:`PhraseError` is an exception made of a phrase: ``str()`` gives the Italian sentence (the command line and
the logs), :meth:`PhraseError.text` any other language. A value may itself be a phrase, a :class:`Figure` (a
number written as the language writes it) or a :class:`Period` ("dicembre 2025"); each is said in the language of
the sentence that holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from config.labels import CATALOGUE, fmt_number, fmt_period, md_literal, t


@dataclass(frozen=True)
class Figure:
    """A number in a sentence: 1.234,5 in Italian, 1,234.5 in English, with an optional unit (" MB")."""

    value: float
    decimals: int = 0
    unit: str = ""

    def text(self, lang: str = "it") -> str:
        return fmt_number(self.value, self.decimals, lang) + self.unit


class Phrase:
    """A catalogue key with the values of its placeholders. Equal phrases say the same thing (hashable: the
    values are text, numbers, figures or phrases). An unknown key fails here, where the phrase is made."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, **values: object):
        if key not in CATALOGUE:
            raise KeyError(key)
        self.key = key
        self.values = tuple(sorted(values.items()))

    def text(self, lang: str = "it") -> str:
        """The sentence in ``lang`` (Italian by default), with the values in place."""
        values = {name: value.text(lang) if isinstance(value, Phrase | Figure | Period) else value
                  for name, value in self.values}
        return t(self.key, lang, **values)

    def markdown(self, lang: str = "it") -> str:
        """The sentence for a Markdown element (st.error, st.warning...): the catalogue's own Markdown kept, every
        value that is not a phrase shown literally (a file's header, a typed name, a URL value)."""
        values = {name: value.markdown(lang) if isinstance(value, Phrase) else
                  value.text(lang) if isinstance(value, Figure | Period) else
                  md_literal(value) if isinstance(value, str) else value for name, value in self.values}
        return t(self.key, lang, **values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash((self.key, self.values))

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}{''.join(f', {k}={v!r}' for k, v in self.values)})"


class PhraseError(ValueError):
    """An expected problem told to a person: one sentence, Italian by ``str()``, any language by :meth:`text`.
    A plain string is accepted too (a sentence that has no translation yet); it is said as it is."""

    def __init__(self, message: Phrase | str):
        self.phrase = message if isinstance(message, Phrase) else None
        super().__init__(message.text() if isinstance(message, Phrase) else message)

    def text(self, lang: str = "it") -> str:
        return self.phrase.text(lang) if self.phrase is not None else str(self)

    def markdown(self, lang: str = "it") -> str:
        """:meth:`text` for a Markdown element: the values shown literally (:meth:`Phrase.markdown`)."""
        return self.phrase.markdown(lang) if self.phrase is not None else md_literal(str(self))

    def __reduce__(self):
        """Pickled with its phrase (an import's worker process sends it back to the page, which says it in the
        user's language)."""
        return type(self), (self.phrase if self.phrase is not None else str(self),)


@dataclass(frozen=True)
class Period:
    """A period in a sentence, as the language writes it: "dicembre 2025", "4° trimestre 2025" ("Q4 2025")."""

    unit: str
    key: str

    def text(self, lang: str = "it") -> str:
        return fmt_period(self.unit, self.key, lang)
