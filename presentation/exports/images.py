"""Chart images: the Vega-Lite spec an export renders (the chart in the project theme, with its source line and note
below it, map geometry inlined) and its PNG or SVG bytes.

A chart is rendered from its own Vega-Lite spec with the project theme (``config.theme``), whatever theme is active
in the process. Rendering uses ``vl_convert`` (a bundled Deno/V8 runtime) in a process of its own
(:mod:`presentation.exports.renderer`), with every string of the spec cleaned first
(:mod:`presentation.exports.safe_text`): the first conversion starts that process and takes about a second; later
ones take about 0.1-0.5 s each. Nothing is cached here beyond what vl_convert keeps itself.
"""

from __future__ import annotations

import copy
import functools
import struct
import textwrap
from pathlib import Path

import altair as alt

from config import theme as project_theme
from config.labels import t
from presentation.exports.renderer import render_spec
from presentation.exports.safe_text import clean_text, clean_tree

IMAGE_FORMATS = ("png", "svg")
FOOTER_WRAP = 110  # characters per footer line of an exported chart image
FOOTER_COLOUR = "#555555"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The widest a title or an axis title is drawn (pixels; legends and labels have Vega's own limits): a text of
# thousands of characters would otherwise make an image tens of thousands of pixels wide.
TEXT_LIMITS = (("title", "limit", 1600), ("axis", "titleLimit", 1000))


def _merge(base: dict, override: dict) -> dict:
    """``base`` updated in place with ``override``, nested dicts merged."""
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def _inline_topojson(node, topojson: dict | None, lang: str) -> None:
    """Replace TopoJSON data loaded by URL with the given topology inline; refuse any other URL data."""
    if isinstance(node, dict):
        url = node.get("url")
        if isinstance(url, str):
            fmt = node.get("format")
            if topojson is None or not isinstance(fmt, dict) or fmt.get("type") != "topojson":
                raise ValueError(t("export.url_data", lang, url=url))
            del node["url"]
            node["values"] = topojson  # shared, not copied: nothing below changes it
            return
        for value in node.values():
            _inline_topojson(value, topojson, lang)
    elif isinstance(node, list):
        for value in node:
            _inline_topojson(value, topojson, lang)


def _footer_lines(text: str | None, break_long_words: bool = False) -> list[str]:
    if not text:
        return []
    text = clean_text(text)  # cut before it is wrapped: a line per 110 characters
    return textwrap.wrap(text, FOOTER_WRAP, break_long_words=break_long_words, break_on_hyphens=False) or [text]


def _with_footer(inner, source: str | None, note: str | None, citation: str | None = None):
    """The chart in a one-chart ``vconcat`` whose title, at the bottom, is the source line (the note, the citation)."""
    lines, note_lines = _footer_lines(source), _footer_lines(note) + _footer_lines(citation, True)  # a link: cut
    if not (lines or note_lines):
        return alt.vconcat(inner)
    first, rest = (lines, note_lines) if lines else (note_lines, [])
    footer = alt.TitleParams(
        text=first, subtitle=rest if rest else alt.Undefined, orient="bottom", anchor="start", offset=14,
        fontSize=11, fontWeight="normal", color=FOOTER_COLOUR, subtitleFontSize=11, subtitleColor=FOOTER_COLOUR)
    return alt.vconcat(inner).properties(title=footer)


def chart_spec(chart, *, source: str | None = None, note: str | None = None,
               topojson: dict | None = None, lang: str = "it", citation: str | None = None) -> dict:
    """The Vega-Lite spec to render: the chart in the project theme, with the source, the note and the citation
    (identifier, version, link) below it.

    The footer is the title (at the bottom) of a one-chart ``vconcat`` around the chart, so it sits under the
    chart and its legends. The theme's config is applied whatever theme is active in the process; a config the
    chart sets itself (``configure_*``) wins over it. ``topojson`` replaces geometry loaded by URL.
    """
    own = chart.config
    inner = chart.copy()
    inner.config = alt.Undefined
    inner.usermeta = alt.Undefined  # a top level's only (the registry's name of the chart: presentation/citations.py)
    spec = _with_footer(inner, source, note, citation).to_dict()
    config = copy.deepcopy(project_theme.theme()["config"])
    if own is not alt.Undefined:
        _merge(config, own.to_dict() if hasattr(own, "to_dict") else dict(own))
    config["locale"] = project_theme.locale(lang)
    for part, key, pixels in TEXT_LIMITS:  # a name of thousands of characters is drawn cut with "…"
        config.setdefault(part, {}).setdefault(key, pixels)
    spec["config"] = config
    _inline_topojson(spec, topojson, lang)
    return spec


def render(spec: dict, fmt: str, scale: float = 2.0) -> bytes:
    """A Vega-Lite spec as PNG (``scale`` times its pixels) or SVG bytes, its strings cleaned, drawn out of process
    (``renderer.RenderError``, a sentence for the user, if the renderer dies or hangs)."""
    return render_spec(clean_tree(spec), fmt, scale)


def _check_format(fmt: str, lang: str = "it") -> str:
    name = str(fmt).lower().lstrip(".")
    if name not in IMAGE_FORMATS:
        raise ValueError(t("export.bad_format", lang, fmt=fmt, formats=", ".join(IMAGE_FORMATS)))
    return name


def project_topojson() -> dict:
    """The dashboard's own map geometry (static/italia.topojson, built if missing), for exporting map charts.
    Parsed once per version of the file (a few milliseconds at every pack otherwise); callers do not change it."""
    from tools import topojson as geo

    path = geo.ensure_topojson()
    found = path.stat()
    return _parsed_topojson(str(path), found.st_mtime_ns, found.st_size)


@functools.lru_cache(maxsize=2)
def _parsed_topojson(path: str, _mtime_ns: int, _size: int) -> dict:
    import json

    return json.loads(Path(path).read_text(encoding="utf-8"))


def uses_project_topojson(chart_or_json) -> bool:
    """Whether a chart (or its JSON text) loads the dashboard's map geometry by URL (then export it with
    ``project_topojson()``)."""
    from tools import topojson as geo

    text = chart_or_json if isinstance(chart_or_json, str) else json_text(chart_or_json)
    return geo.TOPOJSON_URL in text


def json_text(chart) -> str:
    """The chart's spec as JSON text, without validation (cheap: for detecting URLs and "<k" labels)."""
    return chart.to_json(validate=False)


def chart_image(chart, *, fmt: str, source: str, note: str | None = None, scale: float = 2.0,
                topojson: dict | None = None, lang: str = "it", citation: str | None = None) -> bytes:
    """An Altair chart as PNG or SVG bytes, in the screen theme, with the source line and note below it.

    ``scale`` multiplies the PNG's pixels (2: sharp on slides and high-density screens); SVG ignores it.
    ``topojson``: the topology of a map whose geometry the chart loads by URL (``charts.choropleth``).
    """
    name = _check_format(fmt, lang)
    return render(chart_spec(chart, source=source, note=note, topojson=topojson, lang=lang, citation=citation),
                  name, scale)


def chart_png(chart, *, topojson: dict | None = None, scale: float = 2.0) -> bytes:
    """A chart as PNG without footer (for a slide, which carries the source and note as text)."""
    return render(chart_spec(chart, topojson=topojson), "png", scale)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG (from its IHDR chunk)."""
    if png[:8] != PNG_SIGNATURE:
        raise ValueError(t("export.bad_png"))
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def fit(box_w: float, box_h: float, img_w: float, img_h: float) -> tuple[float, float]:
    """The size of an image scaled to fit a box, keeping its proportions."""
    ratio = min(box_w / img_w, box_h / img_h)
    return img_w * ratio, img_h * ratio
