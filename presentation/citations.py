"""Citable figures: the short identifier and the link under every chart, table and slide ("Rif. K7Q2-M4XD ·
versione 12"), so the minutes of a meeting can cite "Fig. 3, versione 12" and anyone allowed can reopen it.

- A **view** is what a page shows: its page, the URL parameters of its filters and its own (the map's measure...),
  and the data version (the data as they were at that version: the latest of any kind, project data or public
  statistics, or the one an administrator asked for).
- A **figure** of a view is named by its chart registry entry ("accoglienza.places", with the page's choices it is
  drawn with, such as the breakdown) or, for a chart or a table outside the registry, by its kind and place on the
  page ("tabella-2").
- Its **identifier** is 8 characters of base32 (A-Z, 2-7: no 0/O or 1/I to confuse) of an HMAC-SHA256 of the view and
  the figure, keyed by a key derived from the CKM secret (``settings.citation_key``): the same figure of the same view
  and version always has the same identifier, in any language and on any replica, and only the server can make one.
  So a link may carry a data version to a user who may not otherwise ask for one (only administrators choose earlier
  versions): the identifier proves that the server showed that view at that version; the filters are still
  checked against the opener's scope, as every URL is.
- Its **link**: ``<CRUSCOTTO_BASE_URL>/<page>?<filters>&versione=N&figura=<figure>[&scelte=...]&cita=<identifier>``.

Nothing here reads a session or a database: the key and the base URL are arguments, so the screen, the files and the
command line cite alike.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from config.labels import t

CITE, FIGURE, CHOICES, VERSION = "cita", "figura", "scelte", "versione"  # the link's own URL parameters
LINK_KEYS = (CITE, FIGURE, CHOICES, VERSION)
ID_CHARS = 8
ROOT_PAGE = "panoramica"  # the home page: the app's root address opens it
_SCHEME = "cruscotto-citazione-1"  # bumped if the canonical form ever changes
# The page each registry entry of another area is drawn on (public statistics); other entries: their prefix.
ENTRY_PAGES = {"contesto.presenze": "accoglienza", "contesto.quota": "accoglienza", "contesto.sbarchi": "panoramica"}


def page_of(figure: str) -> str:
    """The page a registry entry is drawn on: "accoglienza.places" -> "accoglienza"."""
    return ENTRY_PAGES.get(figure, figure.split(".", 1)[0])


@dataclass(frozen=True)
class View:
    """What a page shows: its page (URL path), the URL parameters of its filters and its own (without the
    version and the link's parameters), and the data version."""

    page: str
    params: tuple[tuple[str, str], ...]
    version: int

    @classmethod
    def of(cls, page: str, params: Mapping[str, str], version: int) -> View:
        return cls(page, tuple(sorted((str(k), str(v)) for k, v in params.items() if k not in LINK_KEYS)),
                   int(version))


def choices_text(choices: Mapping[str, str] | None) -> str:
    """The page's choices a figure is drawn with, as the link writes them: "breakdown:target_group"."""
    return ",".join(f"{name}:{value}" for name, value in sorted((choices or {}).items()))


def read_choices(text: str | None) -> dict[str, str] | None:
    """The choices of a link (None where the text is not written as :func:`choices_text` writes it)."""
    if not text:
        return {}
    pairs = [part.split(":", 1) for part in text.split(",")]
    if any(len(pair) != 2 or not all(pair) for pair in pairs):
        return None
    return dict(pairs)


def figure_id(key: bytes, view: View, figure: str, choices: Mapping[str, str] | None = None) -> str:
    """The identifier of a figure of a view: 8 base32 characters of the keyed HMAC of both."""
    canonical = json.dumps([_SCHEME, view.page, [list(p) for p in view.params], view.version, figure,
                            choices_text(choices)], ensure_ascii=False, separators=(",", ":"))
    digest = hmac.new(key, canonical.encode("utf-8"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:ID_CHARS]


def spaced(identifier: str) -> str:
    """An identifier as people read and write it: "K7Q2-M4XD"."""
    return f"{identifier[:4]}-{identifier[4:]}"


def normalised_id(text: str) -> str:
    """An identifier as typed back from paper: case, hyphens and spaces ignored, 0/1/8 read as O/I/B."""
    return "".join(c for c in str(text).upper() if c.isalnum()).translate(str.maketrans("018", "OIB"))


def address(base_url: str, page: str, params: Mapping[str, str]) -> str:
    """The full address of a page with its parameters (the home page at the root)."""
    path = "" if page == ROOT_PAGE else page
    return f"{base_url.rstrip('/')}/{path}?{urlencode(list(params.items()))}"


@dataclass(frozen=True)
class Citation:
    """A figure's citation: its identifier, the data version and the link that reopens it."""

    id: str
    version: int
    link: str
    figure: str

    def text(self, lang: str = "it") -> str:
        """"Rif. K7Q2-M4XD · versione 12"."""
        return t("citations.text", lang, id=spaced(self.id), version=self.version)

    def line(self, lang: str = "it", number: int | None = None) -> str:
        """The citation in one line with its link, as files print it ("Fig. 3 · Rif. K7Q2-M4XD · versione 12 ·
        https://...")."""
        start = t("citations.figure", lang, number=number) + " · " if number is not None else ""
        return f"{start}{self.text(lang)} · {self.link}"


def cite(key: bytes, base_url: str, view: View, figure: str, choices: Mapping[str, str] | None = None) -> Citation:
    """The citation of a figure of a view."""
    identifier = figure_id(key, view, figure, choices)
    params = dict(view.params) | {VERSION: str(view.version), FIGURE: figure}
    if choices:
        params[CHOICES] = choices_text(choices)
    params[CITE] = identifier
    return Citation(identifier, view.version, address(base_url, view.page, params), figure)


@dataclass(frozen=True)
class Link:
    """The citation parameters of an opened address: the identifier, the figure, its choices (None where they are
    not written as a link writes them), the version (None where it is not a number) and the other parameters."""

    id: str
    figure: str
    choices: dict | None
    version: int | None
    params: tuple[tuple[str, str], ...]

    def verified(self, key: bytes, page: str) -> bool:
        """Whether the identifier is the server's own for this page, these parameters, version, figure and
        choices (compared in constant time)."""
        if self.version is None or self.choices is None or not self.figure:
            return False
        expected = figure_id(key, View(page, self.params, self.version), self.figure, self.choices)
        return hmac.compare_digest(expected, normalised_id(self.id))

    def link_params(self) -> dict[str, str]:
        """The link's own parameters as the URL keeps them while the view is the cited one."""
        out = {VERSION: str(self.version), FIGURE: self.figure, CITE: normalised_id(self.id)}
        if self.choices:
            out[CHOICES] = choices_text(self.choices)
        return out


def _last(value) -> str | None:
    if isinstance(value, list):
        value = value[-1] if value else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_link(params: Mapping) -> Link | None:
    """The citation in an address's parameters (None where there is no ``cita``)."""
    identifier = _last(params.get(CITE))
    if identifier is None:
        return None
    version = _last(params.get(VERSION))
    rest = View.of("", {k: _last(v) or "" for k, v in params.items()}, 0).params
    return Link(identifier, _last(params.get(FIGURE)) or "", read_choices(_last(params.get(CHOICES))),
                int(version) if version and version.isdigit() else None, rest)
