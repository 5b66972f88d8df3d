"""The one catalogue of user-facing words, Italian first, English second, kept in one file per area of the program.

Every module that shows or prints a sentence (pages, charts, exports, imports, auth, scope, the command line) takes
it from here through :func:`config.labels.t`. A key lives in exactly one area file; :data:`CATALOGUE` joins them
and refuses a key defined twice, so two areas can never disagree on the same words.
"""

from __future__ import annotations

from importlib import import_module

AREAS = ("screens", "imports", "auth")


def _join() -> dict[str, dict[str, str]]:
    joined: dict[str, dict[str, str]] = {}
    for area in AREAS:
        for key, entry in import_module(f"config.catalogue.{area}").TEXT.items():
            if key in joined:
                raise RuntimeError(f"catalogue key {key!r} defined twice (config/catalogue/{area}.py)")
            joined[key] = entry
    return joined


CATALOGUE: dict[str, dict[str, str]] = _join()
