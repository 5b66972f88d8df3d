"""The language of the command line: Italian, or English when the environment says ``CRUSCOTTO_LANG=en``.

The language is read from the environment each time a sentence is written, so a test (or a script) can change it
between two calls. Every sentence the command line prints comes from the catalogue through :func:`say`.
"""

from __future__ import annotations

import os

from config.labels import LANGUAGES, t

LANG_ENV = "CRUSCOTTO_LANG"


def _chosen() -> str:
    return os.environ.get(LANG_ENV, "").strip().lower()


def language() -> str:
    """The language of the command line: "en" when CRUSCOTTO_LANG=en, else "it" (the default)."""
    return "en" if _chosen() == "en" else "it"


def say(key: str, **values) -> str:
    """A sentence of the catalogue in the language of the command line, with its {placeholders} filled in."""
    return t(key, language(), **values)


def language_problem() -> str | None:
    """The error line (in Italian, the default) when CRUSCOTTO_LANG names a language the program does not speak."""
    chosen = _chosen()
    if not chosen or chosen in LANGUAGES:
        return None
    message = t("cli.language_unknown", "it", variable=LANG_ENV, value=os.environ[LANG_ENV].strip(),
                languages=", ".join(LANGUAGES))
    return t("cli.error", "it", message=message)
