"""Chart builders: published frame in, complete Altair chart out (screen and PNG/SVG/PPTX exports alike).

Every builder is a pure function of an already-published frame (``data_access.sql.publish``): it never
computes a count and never adds cells up. Each chart carries its own title (written by the caller: measure,
territory and period), optional subtitle, Italian axis titles, Italian number formats (the theme in
``config.theme`` sets the Vega locale, so a format such as ``",.0f"`` renders 1234 as "1.234"), Italian
period labels and tooltips.

Conventions of the published frames (DISCLOSURE.md, "Display"):

- a person-count measure ``m`` comes as ``m`` (Int64, <NA> where it shows as "<k") and ``m_small`` (bool);
  a measure without an ``m_small`` column (places, structures, hours...) is a plain number;
- a period comes as ``period_key`` ("2025-03", "2025-T1", "2025", "avviso-5") together with its unit
  ("mese", "trimestre", "anno", "avviso").

Small values ("<k") are always visible as such and never as a number:

- their chart value is a fixed placeholder, ``k * PLACEHOLDER_FRACTION`` (k/2: 2.5 for k = 5), the same for
  every small cell, so its height says "between 0 and k" and nothing more; any number the frame may still hold
  in ``m`` for a small cell is discarded, never copied into the chart data;
- they are drawn in ``SMALL_VALUE_COLOUR``: lighter bars/segments with a dashed grey outline, or hollow dashed
  grey points on line charts (the line itself breaks there);
- their text (column ``label``, used by tooltips and bar labels) is "<k", and a legend entry
  "<k: valore protetto" appears whenever the chart holds one.

Missing values (not small) are gaps, labelled "n.d.". A frame with a ``sent`` column (data_access.delivery) marks
the periods no project sent: their values are gaps, never 0, labelled "nessun dato inviato", and a frame with
nothing sent draws as "Nessun dato inviato". A frame with ``occupancy_mark`` (data_access.plausible) labels
presences published above the places within the noise "17*" and the occupancy "pieno*" (or "153,8%
(sovraffollato)" beyond the noise). Every chart's data has a ``label`` column with the text shown for each value
("1.234", "<5", "n.d."); :func:`table_view` gives the same strings as a table.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd
from altair import utils

from config.labels import CATALOGUE, fmt_count, fmt_month, fmt_number, fmt_occupancy, fmt_percent, fmt_period, t
from config.theme import PALETTE, SEQUENTIAL, SMALL_VALUE_COLOUR
from presentation import grammar
from presentation.view_cache import frame_digest

PLACEHOLDER_FRACTION = 0.5  # small cells are drawn at k * PLACEHOLDER_FRACTION
MISSING_COLOUR = "#eeeeee"  # map areas without data ("n.d.")
EMPTY_CELL = "\u2014"  # a table cell with nothing in it: "—", never "None" or "nan"
SELECTION_NAME = "territorio"  # the map's point selection, read by the page through Streamlit's on_select
NUMBER_FORMAT = ",.0f"  # rendered "1.234" by the theme's locale
SMALL_DASH = [3, 2]
SMALL_OPACITY = 0.45
NO_DATA_SIZE = {"width": 480, "height": 160}
TIME_WIDTH = 640  # charts over periods (a discrete axis would otherwise size itself by step)

def _txt(key: str, lang: str, **values) -> str:
    """A chart word from the catalogue (``chart.<key>``)."""
    return t(f"chart.{key}", lang, **values)


def day(value) -> str:
    """A date as the dashboard writes it: "31/12/2025"; "—" where missing."""
    return "—" if value is None or value != value else value.strftime("%d/%m/%Y")


def or_empty(fmt: Callable[[object], str]) -> Callable[[object], str]:
    """A cell formatter that writes "—" where the value is missing (None, NaN, NA), never "None"."""
    def cell(value) -> str:
        missing = value is None or (not isinstance(value, str) and bool(pd.isna(value)))
        return EMPTY_CELL if missing or value == "" else fmt(value)
    return cell


def small_note(k: int, lang: str = "it") -> str:
    """The legend entry for small cells: "<5: valore protetto"."""
    return _txt("small_note", lang, k=k)


# --- Shared pieces ---------------------------------------------------------------------------------------------
def _title(title: str, subtitle: str | Sequence[str] | None = None) -> alt.TitleParams:
    if subtitle is None or (not isinstance(subtitle, str) and not list(subtitle)):
        return alt.TitleParams(text=title)
    return alt.TitleParams(text=title, subtitle=subtitle if isinstance(subtitle, str) else list(subtitle))


def no_data_chart(title: str, *, subtitle: str | Sequence[str] | None = None, lang: str = "it",
                  frame: pd.DataFrame | None = None, text: str | None = None) -> alt.Chart:
    """A chart with the title and a centred "Nessun dato" ("Nessun dato inviato" where ``frame`` holds only
    periods no project sent; ``text`` where the caller says why, e.g. a breakdown too detailed to draw)."""
    nothing_sent = frame is not None and len(frame) > 0 and _unsent(frame).all()
    default = t("realpath.nothing_sent", lang) if nothing_sent else _txt("no_data", lang)
    data = pd.DataFrame({"text": [text or default]})
    return (
        alt.Chart(data)
        .mark_text(fontSize=16, color=SMALL_VALUE_COLOUR)
        .encode(text=alt.Text("text:N"))
        .properties(title=_title(title, subtitle), description=title, **NO_DATA_SIZE)
    )


def _is_empty(frame: pd.DataFrame | None) -> bool:
    """No row, or no row of a period that was sent: nothing to draw."""
    return frame is None or len(frame) == 0 or ("sent" in frame and not frame["sent"].astype(bool).any())


def with_gaps_named(subtitle: str | Sequence[str] | None, frame: pd.DataFrame, unit: str,
                    lang: str) -> str | list[str] | None:
    """The subtitle, with a line naming the periods no project sent (the chart's gaps), a run of consecutive
    periods as one range: "Nessun dato inviato per: da gennaio 2019 ad agosto 2023, marzo 2025"."""
    unsent = _unsent(frame)
    if not unsent.any():
        return subtitle
    every = sorted({str(k) for k in frame["period_key"]}, key=lambda k: _period_sort_key(unit, k))
    missing = {str(k) for k in frame.loc[unsent, "period_key"]}
    runs: list[list[str]] = []
    previous_missing = False
    for key in every:
        if key in missing:
            runs[-1:] = [[*runs[-1], key]] if previous_missing else [*runs[-1:], [key]]
        previous_missing = key in missing
    lines = [] if subtitle is None else [subtitle] if isinstance(subtitle, str) else list(subtitle)
    named = ", ".join(grammar.period_range(unit, run[0], run[-1], lang) for run in runs)
    return [*lines, t("realpath.gaps", lang, periods=named)]


def _unsent(frame: pd.DataFrame) -> np.ndarray:
    """True for the rows of periods no project sent (a frame without a ``sent`` column has none)."""
    if "sent" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return ~frame["sent"].astype("boolean").fillna(True).astype(bool).to_numpy()


def _marks(frame: pd.DataFrame) -> list:
    """The plausibility mark of each row (data_access.plausible), None where there is none."""
    if "occupancy_mark" not in frame:
        return [None] * len(frame)
    return [m if isinstance(m, str) else None for m in frame["occupancy_mark"]]


def _period_sort_key(unit: str, key: str) -> tuple:
    if unit == "avviso":
        number = str(key).split("-", 1)[-1]
        return (int(number) if number.isdigit() else 10**9, str(key))
    return (0, str(key))


def period_label(unit: str, key: str, lang: str = "it", short: bool = True) -> str:
    """Axis label of a period: "gen 2025" for months (short), otherwise as :func:`fmt_period`."""
    if unit == "mese" and short:
        return fmt_month(key, lang, short=True)
    return fmt_period(unit, key, lang)


def _with_periods(data: pd.DataFrame, unit: str, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Add period_label (axis), period_name (tooltip) and period_order; return the labels in period order."""
    keys = sorted({str(k) for k in data["period_key"].dropna()}, key=lambda k: _period_sort_key(unit, k))
    order = {k: i for i, k in enumerate(keys)}
    data = data.copy()
    data["period_key"] = data["period_key"].astype(str)
    data["period_label"] = [period_label(unit, k, lang) for k in data["period_key"]]
    data["period_name"] = [fmt_period(unit, k, lang) for k in data["period_key"]]
    data["period_order"] = data["period_key"].map(order).astype("int64")
    return data, [period_label(unit, k, lang) for k in keys]


def value_columns(frame: pd.DataFrame, measure: str, *, k: int = 5, lang: str = "it",
                  decimals: int = 0) -> pd.DataFrame:
    """The display columns of one measure: value, small, plot_value, label (index as the frame's).

    - ``value``: the published number (float; NaN where small or missing). A number the frame may hold for a
      small cell is dropped here.
    - ``small``: True where the value shows as "<k" (False for measures without an ``m_small`` column).
    - ``plot_value``: ``value``, or the placeholder k * PLACEHOLDER_FRACTION where small.
    - ``label``: "1.234", "<k" or "n.d." ("17*" for presences above the places within the noise, "nessun dato
      inviato" for a period nobody sent).
    - ``noise``: True for presences, or an occupancy, published above the places within the noise (the chart
      marks them: data_access.plausible).
    """
    small_col = f"{measure}_small"
    if small_col in frame:
        small = frame[small_col].astype("boolean").fillna(False).astype(bool).to_numpy()
    else:
        small = np.zeros(len(frame), dtype=bool)
    raw = pd.to_numeric(frame[measure], errors="coerce").astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    value = np.where(small, np.nan, raw)
    plot = np.where(small, k * PLACEHOLDER_FRACTION, value)
    marks = _marks(frame) if measure in ("occupied", "occupancy_rate") else [None] * len(frame)
    labels = [fmt_count(v, bool(s), k, lang, mark=m if measure == "occupied" else None) if decimals == 0 else
              (f"<{k}" if s else fmt_number(v, decimals, lang)) for v, s, m in zip(value, small, marks, strict=True)]
    labels = _not_sent_labels(frame, labels, lang)
    return pd.DataFrame({"value": value, "small": small, "plot_value": plot, "label": labels,
                         "noise": [m == "noise" for m in marks]}, index=frame.index)


def _not_sent_labels(frame: pd.DataFrame, labels: list[str], lang: str) -> list[str]:
    """The labels, with "nessun dato inviato" for the rows of periods no project sent."""
    unsent = _unsent(frame)
    return [t("realpath.not_sent", lang) if u else label for label, u in zip(labels, unsent, strict=True)]


def _value_axis(value_format: str) -> alt.Axis:
    """A value axis; whole-number formats get ticks at whole numbers only (no "0 0 1 1 2" on small counts)."""
    if value_format == NUMBER_FORMAT:
        return alt.Axis(format=value_format, tickMinStep=1)
    return alt.Axis(format=value_format)


def _colour_scale(domain: list[str], range_: list[str]) -> alt.Scale:
    return alt.Scale(domain=domain, range=range_)


def _series_colours(n: int) -> list[str]:
    return [PALETTE[i % len(PALETTE)] for i in range(n)]


def _small_stroke(note: str) -> alt.Stroke:
    return alt.Stroke("note:N", scale=_colour_scale([note], [SMALL_VALUE_COLOUR]), legend=alt.Legend(title=None))


def _small_points(note: str, tooltip: list, x: alt.X) -> alt.Chart:
    """Hollow dashed grey points at the placeholder height, for small cells on a line chart."""
    return (
        alt.Chart()
        .mark_point(shape="circle", filled=False, size=90, strokeWidth=2, strokeDash=SMALL_DASH, opacity=1)
        .encode(
            x=x,
            y=alt.Y("plot_value:Q"),
            stroke=_small_stroke(note),
            tooltip=tooltip,
        )
        .transform_filter("datum.small")
    )


def _noise_points(note: str, tooltip: list, x: alt.X, field: str) -> alt.Chart:
    """Hollow diamonds on the values published above the places within the noise (data_access.plausible), with
    their legend entry: the reader sees that the point is full, not overcrowded."""
    return (
        alt.Chart()
        .mark_point(shape="diamond", filled=False, size=160, strokeWidth=2, opacity=1)
        .encode(x=x, y=alt.Y(f"{field}:Q"), tooltip=tooltip,
                stroke=alt.Stroke("noise_note:N", scale=_colour_scale([note], ["#333333"]),
                                  legend=alt.Legend(title=None, labelLimit=360)))
        .transform_filter("datum.noise")
        .transform_calculate(noise_note=_js(note))
    )


def _period_x(labels: list[str], title: str) -> alt.X:
    return alt.X("period_label:O", sort=labels, title=title,
                 axis=alt.Axis(labelAngle=-45 if len(labels) > 8 else 0, labelOverlap=True))


def _measure_label(measure: str, labels: Mapping[str, str], lang: str) -> str:
    if measure in labels:
        return labels[measure]
    key = f"measure.{measure}"
    return t(key, lang) if key in CATALOGUE else measure


def _unit_title(unit: str, lang: str) -> str:
    return t(f"unit.{unit}", lang).capitalize()


def _layered(layers, data, **properties) -> alt.LayerChart:
    """The layers over one dataset, with the chart's properties given at once: each ``.properties()`` call after
    ``alt.layer`` deep-copies the whole chart (a third of the time of building one). Layers without selections
    make a :class:`_Layers` (no copies at all)."""
    layers = list(layers)
    if any(not utils.is_undefined(getattr(layer, "params", alt.Undefined)) for layer in layers):
        return alt.LayerChart(layer=layers, data=data, **properties)  # a selection: Altair lifts it to the top
    return _Layers(layer=layers, data=data, **properties)


class _Layers(alt.LayerChart):
    """A layered chart whose layers have no selections and no data of their own beyond what the builder gave them.

    Altair's ``LayerChart`` deep-copies every layer when it is made, to lift the layers' selections, shared data
    and sizes to the top, and it is made again at every ``copy()``, which ``to_dict`` does at each level: on a page
    of charts, half of the time of building and converting them went to those copies. The builders of this module
    give the data and sizes at the top and no selection to these layers, so the lifting has nothing to do and the
    spec is the same (tests/presentation/test_charts.py compares them)."""

    def __init__(self, data=alt.Undefined, layer=(), **kwargs) -> None:
        alt.TopLevelLayerSpec.__init__(self, data=data, layer=list(layer), **kwargs)


class _Panels(alt.ConcatChart):
    """Panels side by side (small multiples), made without Altair's copies: see :class:`_Layers`. The panels have
    no selections and each its own data, so there is nothing to lift to the top."""

    def __init__(self, data=alt.Undefined, concat=(), columns=alt.Undefined, **kwargs) -> None:
        alt.TopLevelConcatSpec.__init__(self, data=data, concat=list(concat), columns=columns, **kwargs)


# --- Time series ------------------------------------------------------------------------------------------------
def _time_chart(data: pd.DataFrame, *, labels_in_order: list[str], series_labels: list[str], title: str,
                subtitle, k: int, lang: str, x_title: str, y_title: str, series_title: str,
                value_format: str = NUMBER_FORMAT, reference: Reference | None = None,
                point_labels: bool = False, width: int = TIME_WIDTH, height: int | None = None) -> alt.LayerChart:
    note = small_note(k, lang)
    data = data.assign(note=np.where(data["small"], note, ""))
    tooltip = [
        alt.Tooltip("period_name:N", title=_txt("period", lang)),
        alt.Tooltip("series_label:N", title=series_title),
        alt.Tooltip("label:N", title=y_title),
    ]
    colour = alt.Color(
        "series_label:N", scale=_colour_scale(series_labels, _series_colours(len(series_labels))),
        legend=alt.Legend(title=None) if len(series_labels) > 1 else None,
    )
    x = _period_x(labels_in_order, x_title)
    line = (
        alt.Chart()
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=y_title, axis=_value_axis(value_format), scale=alt.Scale(zero=True)),
            color=colour,
            order=alt.Order("period_order:Q"),
            detail=alt.Detail("series:N"),
            tooltip=tooltip,
        )
    )
    layers = [line]
    if data["small"].any():
        layers.append(_small_points(note, tooltip, x))
    if "noise" in data and data["noise"].any():
        layers.append(_noise_points(t("realpath.noise_legend", lang), tooltip, x, "value"))
    if point_labels:
        data = data.assign(point_label=_change_labels(data))
        layers.append(alt.Chart().mark_text(dy=-10, fontSize=11, color="#333333")
                      .encode(x=x, y=alt.Y("value:Q"), text=alt.Text("point_label:N"))
                      .transform_filter("datum.point_label != ''"))
    if reference is not None:
        layers.extend(reference.layers())
    size = {"width": width, **({"height": height} if height else {})}
    return _layered(layers, data, title=_title(title, subtitle), description=title, **size)


CHANGE_LABELS_MAX = 12  # more changes than this: only the first, the last, the lowest and the highest are labelled


def _change_labels(data: pd.DataFrame) -> list[str]:
    """The text over each point of a line of a step-like measure (structures): where the value changes, at the
    first and the last point; with many changes only first, last, lowest and highest. Never over a small cell."""
    out = [""] * len(data)
    for _, rows in data.groupby("series", sort=False):
        shown = rows[rows["value"].notna() & ~rows["small"].astype(bool)].sort_values("period_order")
        if shown.empty:
            continue
        values = shown["value"].to_numpy()
        changes = [i for i in range(len(values)) if i == 0 or values[i] != values[i - 1]]
        picked = set(changes) if len(changes) <= CHANGE_LABELS_MAX else {
            0, int(np.argmin(values)), int(np.argmax(values))}
        picked.add(len(values) - 1)
        for i in picked:
            out[data.index.get_loc(shown.index[i])] = shown["label"].iloc[i]
    return out


class Reference:
    """A horizontal line of reference on a chart over time, at ``value`` on its value axis, with its words at the
    left end ("100%: tutti i posti occupati"); other marks (annotations) are layers added the same way."""

    def __init__(self, value: float, text: str) -> None:
        self.value, self.text = value, text

    def layers(self) -> list[alt.Chart]:
        data = pd.DataFrame({"value": [self.value], "reference": [self.text]})
        rule = alt.Chart(data).mark_rule(color="#555555", strokeDash=[6, 3], strokeWidth=1.5).encode(
            y=alt.Y("value:Q"), tooltip=[alt.Tooltip("reference:N", title=None)])
        words = alt.Chart(data).mark_text(align="left", baseline="bottom", dx=4, dy=-3, fontSize=11,
                                          color="#555555").encode(x=alt.XValue(0), y=alt.Y("value:Q"),
                                                                  text=alt.Text("reference:N"))
        return [rule, words]


def full_line(lang: str) -> Reference:
    """The 100% line of an occupancy chart: above it, presences exceed the places."""
    return Reference(1.0, t("meeting.chart.full_line", lang))


def time_series(frame: pd.DataFrame, *, unit: str, measures: Sequence[str], labels: Mapping[str, str], title: str,
                y_title: str, subtitle: str | Sequence[str] | None = None, k: int = 5, lang: str = "it",
                x_title: str | None = None, decimals: int = 0, percent: bool = False,
                reference: Reference | None = None, point_labels: bool = False,
                name_gaps: bool = True, width: int = TIME_WIDTH, height: int | None = None
                ) -> alt.LayerChart | alt.Chart:
    """One line per measure over periods (``period_key`` column); small cells as hollow grey points at k/2.

    ``labels`` maps each measure to its legend text; a measure missing from it uses the catalogue's
    ``measure.<m>`` label. ``decimals`` sets the decimals of labels and axis (an average: 12,5); ``percent``
    shows fractions (a rate computed in data_access) as "93,5%" with a percent axis. ``reference``: a line of
    reference (the 100% of occupancy: :func:`full_line`); ``point_labels``: the values written where they change
    (a step-like measure such as structures, read without gridlines); ``name_gaps``: the periods nobody sent named
    in the subtitle (a panel of small multiples leaves it to the whole).
    """
    if _is_empty(frame):
        return no_data_chart(title, subtitle=subtitle, lang=lang, frame=frame)
    if name_gaps:
        subtitle = with_gaps_named(subtitle, frame, unit, lang)
    parts = []
    for i, m in enumerate(measures):
        cols = _line_values(frame, m, k=k, lang=lang, decimals=decimals, percent=percent)
        cols.insert(0, "period_key", frame["period_key"].to_numpy())
        cols["series"] = m
        cols["series_label"] = _measure_label(m, labels, lang)
        cols["series_order"] = i
        parts.append(cols)
    data, ordered = _with_periods(pd.concat(parts, ignore_index=True), unit, lang)
    data = data.sort_values(["series_order", "period_order"], kind="stable").reset_index(drop=True)
    return _time_chart(data, labels_in_order=ordered, series_labels=[_measure_label(m, labels, lang) for m in measures],
                       title=title, subtitle=subtitle, k=k, lang=lang, x_title=x_title or _unit_title(unit, lang),
                       y_title=y_title, series_title=_txt("series", lang),
                       value_format=_line_format(decimals, percent), reference=reference, point_labels=point_labels,
                       width=width, height=height)


def _line_values(frame: pd.DataFrame, measure: str, *, k: int, lang: str, decimals: int, percent: bool
                 ) -> pd.DataFrame:
    cols = value_columns(frame, measure, k=k, lang=lang, decimals=decimals)
    if percent:
        marks = _marks(frame) if measure == "occupancy_rate" else [None] * len(frame)
        cols["label"] = _not_sent_labels(frame, [
            f"<{k}" if s else fmt_occupancy(v, m, lang) if m else fmt_percent(v, decimals or 1, lang)
            for v, s, m in zip(cols["value"], cols["small"], marks, strict=True)], lang)
    return cols


def _line_format(decimals: int, percent: bool) -> str:
    if percent:
        return ".0%"
    return f",.{decimals}~f" if decimals else NUMBER_FORMAT


def _long_by_series(frame: pd.DataFrame, *, unit: str, measure: str, series_col: str,
                    series_labels: Mapping[str, str], k: int, lang: str, decimals: int = 0, percent: bool = False
                    ) -> tuple[pd.DataFrame, list[str], list[str]]:
    cols = _line_values(frame, measure, k=k, lang=lang, decimals=decimals, percent=percent)
    cols.insert(0, "period_key", frame["period_key"].to_numpy())
    codes = frame[series_col].astype(str).to_numpy()
    cols["series"] = codes
    known = [str(c) for c in series_labels]
    extra = sorted(set(codes) - set(known))
    order = {c: i for i, c in enumerate(known + extra)}
    cols["series_label"] = [series_labels.get(c, c) for c in codes]
    cols["series_order"] = [order[c] for c in codes]
    data, ordered = _with_periods(cols, unit, lang)
    data = data.sort_values(["series_order", "period_order"], kind="stable").reset_index(drop=True)
    present = [c for c in known + extra if c in set(codes)]
    return data, ordered, [series_labels.get(c, c) for c in present]


def time_series_by(frame: pd.DataFrame, *, unit: str, measure: str, series_col: str,
                   series_labels: Mapping[str, str], title: str, y_title: str,
                   subtitle: str | Sequence[str] | None = None, k: int = 5, lang: str = "it",
                   x_title: str | None = None, series_title: str | None = None, decimals: int = 0,
                   percent: bool = False, reference: Reference | None = None) -> alt.LayerChart | alt.Chart:
    """One line per category of ``series_col`` (in ``series_labels`` order) for one measure over periods
    (``decimals``, ``percent`` and ``reference`` as in :func:`time_series`)."""
    if _is_empty(frame):
        return no_data_chart(title, subtitle=subtitle, lang=lang, frame=frame)
    subtitle = with_gaps_named(subtitle, frame, unit, lang)
    data, ordered, present = _long_by_series(frame, unit=unit, measure=measure, series_col=series_col,
                                             series_labels=series_labels, k=k, lang=lang, decimals=decimals,
                                             percent=percent)
    return _time_chart(data, labels_in_order=ordered, series_labels=present, title=title, subtitle=subtitle, k=k,
                       lang=lang, x_title=x_title or _unit_title(unit, lang), y_title=y_title,
                       series_title=series_title or _txt("series", lang),
                       value_format=_line_format(decimals, percent), reference=reference)


def stacked_bars_over_time(frame: pd.DataFrame, *, unit: str, measure: str, series_col: str,
                           series_labels: Mapping[str, str], title: str, y_title: str,
                           subtitle: str | Sequence[str] | None = None, k: int = 5, lang: str = "it",
                           x_title: str | None = None, series_title: str | None = None) -> alt.Chart:
    """Stacked bars per period, one segment per category; small segments grey, lighter, dashed, at k/2.

    The height of a stack is a drawing, not a published total (totals are their own cells and are not shown
    here): no total is computed or labelled.
    """
    if _is_empty(frame):
        return no_data_chart(title, subtitle=subtitle, lang=lang, frame=frame)
    subtitle = with_gaps_named(subtitle, frame, unit, lang)
    data, ordered, present = _long_by_series(frame, unit=unit, measure=measure, series_col=series_col,
                                             series_labels=series_labels, k=k, lang=lang)
    note = small_note(k, lang)
    data["colour_key"] = np.where(data["small"], note, data["series_label"])
    domain = present + ([note] if data["small"].any() else [])
    range_ = _series_colours(len(present)) + ([SMALL_VALUE_COLOUR] if data["small"].any() else [])
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=_period_x(ordered, x_title or _unit_title(unit, lang)),
            y=alt.Y("plot_value:Q", stack="zero", title=y_title, axis=_value_axis(NUMBER_FORMAT)),
            color=alt.Color("colour_key:N", scale=_colour_scale(domain, range_), legend=alt.Legend(title=None)),
            order=alt.Order("series_order:Q"),
            opacity=_when(alt.OpacityValue, "datum.small", SMALL_OPACITY, 1.0),
            stroke=_when(alt.StrokeValue, "datum.small", SMALL_VALUE_COLOUR, None),
            strokeDash=_when(alt.StrokeDashValue, "datum.small", SMALL_DASH, []),
            tooltip=[
                alt.Tooltip("period_name:N", title=_txt("period", lang)),
                alt.Tooltip("series_label:N", title=series_title or _txt("series", lang)),
                alt.Tooltip("label:N", title=y_title),
            ],
        )
        .properties(title=_title(title, subtitle), description=title, width=TIME_WIDTH)
    )


# --- Bars ------------------------------------------------------------------------------------------------------
def _bar_layers(data: pd.DataFrame, *, cat_title: str, cat_sort: list[str], value_title: str, horizontal: bool,
                note: str, tooltip: list, text_field: str = "label", value_format: str = NUMBER_FORMAT,
                colour: str = PALETTE[0]) -> list[alt.Chart]:
    """Bars at plot_value per category_label; small bars grey, lighter and dashed; text labels at the bar end."""
    axis = alt.Axis(labelLimit=260) if horizontal else alt.Axis(labelAngle=-45 if len(cat_sort) > 8 else 0)
    cat = (alt.Y if horizontal else alt.X)("category_label:N", sort=cat_sort, title=cat_title, axis=axis)
    val = (alt.X if horizontal else alt.Y)("plot_value:Q", title=value_title, axis=_value_axis(value_format))
    pos = {"y": cat, "x": val} if horizontal else {"x": cat, "y": val}
    text_val = (alt.X if horizontal else alt.Y)("text_position:Q")
    text_pos = {"y": cat, "x": text_val} if horizontal else {"x": cat, "y": text_val}
    main = alt.Chart().mark_bar(color=colour).encode(**pos, tooltip=tooltip).transform_filter("!datum.small")
    layers = [main]
    if data["small"].any():
        small = (
            alt.Chart()
            .mark_bar(opacity=SMALL_OPACITY, stroke=SMALL_VALUE_COLOUR, strokeWidth=1.5, strokeDash=SMALL_DASH)
            .encode(**pos, fill=alt.Fill("note:N", scale=_colour_scale([note], [SMALL_VALUE_COLOUR]),
                                         legend=alt.Legend(title=None)), tooltip=tooltip)
            .transform_filter("datum.small")
        )
        layers.append(small)
    text_mark = (alt.Chart().mark_text(align="left", baseline="middle", dx=4, color="#333333") if horizontal
                 else alt.Chart().mark_text(align="center", baseline="bottom", dy=-3, color="#333333"))
    layers.append(text_mark.encode(**text_pos, text=alt.Text(f"{text_field}:N"), tooltip=tooltip))
    return layers


def _bar_data(frame: pd.DataFrame, *, category: str, measure: str, category_labels: Mapping, k: int, lang: str,
              decimals: int = 0) -> pd.DataFrame:
    cols = value_columns(frame, measure, k=k, lang=lang, decimals=decimals)
    codes = frame[category].to_numpy()
    cols.insert(0, "category", [str(c) for c in codes])
    cols.insert(1, "category_label", [str(category_labels.get(c, category_labels.get(str(c), c))) for c in codes])
    cols["text_position"] = cols["plot_value"].fillna(0.0)
    cols["note"] = np.where(cols["small"], small_note(k, lang), "")
    return cols.reset_index(drop=True)


def _category_order(data: pd.DataFrame, sort: str | None, category_labels: Mapping) -> list[str]:
    if sort in ("-x", "-y", "x", "y"):
        descending = sort.startswith("-")
        ranked = data.assign(_missing=data["plot_value"].isna()).sort_values(
            ["_missing", "plot_value"], ascending=[True, not descending], kind="stable")
        return list(dict.fromkeys(ranked["category_label"]))
    wanted = [str(v) for v in category_labels.values()]
    present = list(dict.fromkeys(data["category_label"]))
    return [c for c in wanted if c in present] + [c for c in present if c not in wanted]


def bars(frame: pd.DataFrame, *, category: str, measure: str, category_labels: Mapping, title: str, x_title: str,
         subtitle: str | Sequence[str] | None = None, k: int = 5, lang: str = "it", horizontal: bool = True,
         sort: str | None = "-x", category_title: str | None = None, decimals: int = 0) -> alt.LayerChart | alt.Chart:
    """Bars of one measure by category, with value labels; small cells as grey placeholder bars at k/2.

    ``sort``: "-x" (or "-y") largest first, "x" (or "y") smallest first (a small cell ranks at its placeholder,
    a missing one last), None: the order of ``category_labels``. ``x_title`` is the value axis title.
    """
    if _is_empty(frame):
        return no_data_chart(title, subtitle=subtitle, lang=lang, frame=frame)
    data = _bar_data(frame, category=category, measure=measure, category_labels=category_labels, k=k, lang=lang,
                     decimals=decimals)
    cat_title = category_title or ""
    tooltip = [alt.Tooltip("category_label:N", title=cat_title or _txt("category", lang)),
               alt.Tooltip("label:N", title=x_title)]
    layers = _bar_layers(data, cat_title=cat_title or None, cat_sort=_category_order(data, sort, category_labels),
                         value_title=x_title, horizontal=horizontal, note=small_note(k, lang), tooltip=tooltip)
    return _layered(layers, data, title=_title(title, subtitle), description=title,
                    **({} if horizontal else {"width": TIME_WIDTH}))


def funnel(frame: pd.DataFrame, *, stage_labels: Mapping[str, str], title: str, x_title: str,
           subtitle: str | Sequence[str] | None = None, k: int = 5, lang: str = "it") -> alt.LayerChart | alt.Chart:
    """Horizontal bars of the stages in frame order (columns stage, value, value_small, rate).

    ``rate`` is the published conversion from the previous stage as a fraction (Float64, <NA> where not
    computable); it is shown after the value ("1.234 · 45,3%") and in the tooltip. Nothing is recomputed here.
    """
    if _is_empty(frame):
        return no_data_chart(title, subtitle=subtitle, lang=lang, frame=frame)
    data = _bar_data(frame, category="stage", measure="value", category_labels=stage_labels, k=k, lang=lang)
    rates = frame["rate"].to_numpy(dtype=object) if "rate" in frame else [pd.NA] * len(frame)
    small = data["small"].to_numpy()
    # A rate next to a "<k" stage would let one work the hidden number back out: never shown.
    data["rate_label"] = [
        "" if i == 0 else fmt_percent(pd.NA if small[i] or small[i - 1] else r, 1, lang)
        for i, r in enumerate(rates)
    ]
    data["text"] = [lab if not r else f"{lab} · {r}" for lab, r in zip(data["label"], data["rate_label"], strict=True)]
    tooltip = [alt.Tooltip("category_label:N", title=_txt("stage", lang)),
               alt.Tooltip("label:N", title=x_title),
               alt.Tooltip("rate_label:N", title=_txt("conversion", lang))]
    order = list(dict.fromkeys(data["category_label"]))
    layers = _bar_layers(data, cat_title=None, cat_sort=order, value_title=x_title, horizontal=True,
                         note=small_note(k, lang), tooltip=tooltip, text_field="text")
    return _layered(layers, data, title=_title(title, subtitle), description=title)


def status_bars(frame: pd.DataFrame, *, status_col: str = "status", count_col: str = "count",
                status_labels: Mapping[str, str], title: str, x_title: str,
                subtitle: str | Sequence[str] | None = None, lang: str = "it",
                colours: Mapping[str, str] | None = None) -> alt.LayerChart | alt.Chart:
    """Action-plan items by status (plain categorical counts, not people): bars in ``status_labels`` order."""
    if _is_empty(frame):
        return no_data_chart(title, subtitle=subtitle, lang=lang, frame=frame)
    codes = [str(c) for c in frame[status_col]]
    values = pd.to_numeric(frame[count_col], errors="coerce").astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    data = pd.DataFrame({
        "category": codes,
        "category_label": [status_labels.get(c, c) for c in codes],
        "value": values,
        "label": [fmt_number(v, 0, lang) for v in values],
    })
    data["text_position"] = data["value"].fillna(0.0)
    order = _category_order(data.assign(plot_value=data["value"]), None, status_labels)
    colours = colours or {}
    range_ = [colours.get(c, PALETTE[i % len(PALETTE)])
              for i, c in enumerate([c for c in status_labels if status_labels[c] in order]
                                    + [c for c in dict.fromkeys(codes) if c not in status_labels])]
    tooltip = [alt.Tooltip("category_label:N", title=_txt("status", lang)), alt.Tooltip("label:N", title=x_title)]
    y = alt.Y("category_label:N", sort=order, title=None)
    bar = alt.Chart().mark_bar().encode(
        y=y, x=alt.X("value:Q", title=x_title, axis=alt.Axis(format=NUMBER_FORMAT, tickMinStep=1)),
        color=alt.Color("category_label:N", scale=_colour_scale(order, range_), legend=None),
        tooltip=tooltip)
    text = alt.Chart().mark_text(align="left", baseline="middle", dx=4, color="#333333").encode(
        y=y, x=alt.X("text_position:Q"), text=alt.Text("label:N"), tooltip=tooltip)
    return _layered([bar, text], data, title=_title(title, subtitle), description=title)


# --- Places and presences ----------------------------------------------------------------------------------------
def places_vs_presences(frame: pd.DataFrame, *, unit: str, title: str, y_title: str | None = None,
                        subtitle: str | Sequence[str] | None = None, k: int = 5, lang: str = "it",
                        x_title: str | None = None, places: str = "places", presences: str = "occupied",
                        name_gaps: bool = True, width: int = TIME_WIDTH,
                        height: int | None = None) -> alt.LayerChart | alt.Chart:
    """Bars of places (a plain number) with the presences line (a person count, "<k" as grey points at k/2);
    ``name_gaps``, ``width`` and ``height`` for a panel of :func:`small_multiples`."""
    if _is_empty(frame):
        return no_data_chart(title, subtitle=subtitle, lang=lang, frame=frame)
    if name_gaps:
        subtitle = with_gaps_named(subtitle, frame, unit, lang)
    places_label, presences_label = t(f"measure.{places}", lang), t(f"measure.{presences}", lang)
    p = value_columns(frame, places, k=k, lang=lang)
    o = value_columns(frame, presences, k=k, lang=lang)
    parts = []
    for series, label, cols in ((places, places_label, p), (presences, presences_label, o)):
        part = cols.copy()
        part.insert(0, "period_key", frame["period_key"].to_numpy())
        part["series"] = series
        part["series_label"] = label
        part["label_places"] = p["label"].to_numpy()
        part["label_presences"] = o["label"].to_numpy()
        parts.append(part)
    data, ordered = _with_periods(pd.concat(parts, ignore_index=True), unit, lang)
    note = small_note(k, lang)
    data["note"] = np.where(data["small"], note, "")
    x = _period_x(ordered, x_title or _unit_title(unit, lang))
    colour = alt.Color("series_label:N", scale=_colour_scale([places_label, presences_label], [PALETTE[4], PALETTE[5]]),
                       legend=alt.Legend(title=None))
    tooltip = [alt.Tooltip("period_name:N", title=_txt("period", lang)),
               alt.Tooltip("label_places:N", title=places_label),
               alt.Tooltip("label_presences:N", title=presences_label)]
    y_title = y_title or f"{places_label} / {presences_label.lower()}"
    y = alt.Y("value:Q", title=y_title, axis=alt.Axis(format=NUMBER_FORMAT))
    bars_layer = (alt.Chart().mark_bar(opacity=0.85).encode(x=x, y=y, color=colour, tooltip=tooltip)
                  .transform_filter(alt.FieldEqualPredicate(field="series", equal=places)))
    line = (alt.Chart().mark_line(point=True)
            .encode(x=x, y=y, color=colour, order=alt.Order("period_order:Q"), tooltip=tooltip)
            .transform_filter(alt.FieldEqualPredicate(field="series", equal=presences)))
    layers = [bars_layer, line]
    if data["small"].any():
        layers.append(_small_points(note, tooltip, x))
    if data["noise"].any():
        layers.append(_noise_points(t("realpath.noise_legend", lang), tooltip, x, "value"))
    size = {"width": width, **({"height": height} if height else {})}
    return _layered(layers, data, title=_title(title, subtitle), description=title, **size)


# --- Saturation ------------------------------------------------------------------------------------------------
SATURATION_COLOURS = {"full": "#D55E00", "near": "#E69F00", "below": "#56B4E9", "unknown": SMALL_VALUE_COLOUR}
SATURATION_RULES = (0.90, 0.95, 1.0)


def occupancy_bars(frame: pd.DataFrame, *, labels: Sequence[str], level_words: Mapping[str, str], title: str,
                   x_title: str, subtitle: str | Sequence[str] | None = None, k: int = 5, lang: str = "it",
                   category_title: str | None = None) -> alt.LayerChart | alt.Chart:
    """The saturation view: one horizontal bar of occupancy per row, in the frame's order (highest first), with
    lines at 90%, 95% and 100%. Each bar's colour AND word say its level (``level_words``: "full", "near",
    "below", "unknown" -> "saturo (95% o più)"...: legend and tooltip), never the colour alone; its label is the
    published occupancy ("97,9%", "pieno*" for presences above the places within the noise, "n.d."). The tooltip
    adds places, presences, free places and structures. ``labels``: each row's name on the axis (a project and its
    territory)."""
    if _is_empty(frame):
        return no_data_chart(title, subtitle=subtitle, lang=lang, frame=frame)
    rate = pd.to_numeric(frame["occupancy_rate"], errors="coerce").astype("Float64").to_numpy(dtype=float,
                                                                                              na_value=np.nan)
    marks = _marks(frame)
    levels = [str(lv) if isinstance(lv, str) else "unknown" if np.isnan(r) else "below"
              for lv, r in zip(frame["level"], rate, strict=True)]
    presences = value_columns(frame, "occupied", k=k, lang=lang)["label"].to_numpy()
    data = pd.DataFrame({
        "category_label": list(labels), "value": rate, "text_position": np.nan_to_num(rate),
        "label": [fmt_occupancy(r, m, lang) for r, m in zip(rate, marks, strict=True)],
        "level_word": [level_words[lv] for lv in levels], "places": [fmt_number(v, 0, lang) for v in frame["places"]],
        "presences": presences, "free": value_columns(frame, "free_places", k=k, lang=lang)["label"].to_numpy(),
        "structures": [fmt_number(v, 0, lang) for v in frame["structures"]]})
    order = list(dict.fromkeys(data["category_label"]))
    domain = [level_words[lv] for lv in SATURATION_COLOURS if lv in set(levels)]
    colours = [SATURATION_COLOURS[lv] for lv in SATURATION_COLOURS if lv in set(levels)]
    y = alt.Y("category_label:N", sort=order, title=category_title, axis=alt.Axis(labelLimit=300))
    tooltip = [alt.Tooltip("category_label:N", title=category_title or _txt("category", lang)),
               alt.Tooltip("level_word:N", title=_txt("status", lang)), alt.Tooltip("label:N", title=x_title),
               *[alt.Tooltip(f"{c}:N", title=t(f"measure.{m}", lang)) for c, m in (
                   ("places", "places"), ("presences", "occupied"), ("free", "free_places"),
                   ("structures", "structures"))]]
    top = max(1.0, float(np.nanmax(rate)) if np.isfinite(rate).any() else 1.0)
    x = alt.X("value:Q", title=x_title, scale=alt.Scale(domain=[0, top * 1.08]), axis=alt.Axis(format=".0%"))
    bars_layer = alt.Chart().mark_bar().encode(
        y=y, x=x, tooltip=tooltip,
        color=alt.Color("level_word:N", scale=_colour_scale(domain, colours), sort=domain,
                        legend=alt.Legend(title=None, orient="top", labelLimit=400)))
    text = alt.Chart().mark_text(align="left", baseline="middle", dx=4, color="#333333").encode(
        y=y, x=alt.X("text_position:Q"), text=alt.Text("label:N"), tooltip=tooltip)
    thresholds = alt.Chart(pd.DataFrame({"value": SATURATION_RULES[:-1]})).mark_rule(
        color="#888888", strokeWidth=1, strokeDash=[3, 3]).encode(x=alt.X("value:Q"))
    full = alt.Chart(pd.DataFrame({"value": SATURATION_RULES[-1:]})).mark_rule(
        color="#333333", strokeWidth=1.5).encode(x=alt.X("value:Q"))
    return _layered([bars_layer, thresholds, full, text], data, title=_title(title, subtitle), description=title,
                    width=520, height=max(60, 22 * len(data)))


# --- Small multiples -------------------------------------------------------------------------------------------
PANEL_WIDTH, PANEL_HEIGHT, PANEL_COLUMNS = 290, 120, 2


def small_multiples(frame: pd.DataFrame, *, series_col: str, series_labels: Mapping[str, str], unit: str,
                    title: str, panel: Callable[..., alt.TopLevelMixin], lang: str = "it",
                    subtitle: str | Sequence[str] | None = None) -> alt.ConcatChart | alt.Chart:
    """One small chart per category of ``series_col`` (in ``series_labels`` order, those present), each with its
    own value axis: a line of tens (SAI, anti-tratta shelters) reads as well as one of thousands (CAS), which a
    shared axis would flatten to the floor. ``panel(rows, title=..., name_gaps=False, width=..., height=...)``
    draws one category; the periods nobody sent are named once, under the whole title. Each panel's axis says its
    scale: the reader compares shapes and changes, the figures are on the axes and in the table."""
    if _is_empty(frame):
        return no_data_chart(title, subtitle=subtitle, lang=lang, frame=frame)
    codes = [str(c) for c in frame[series_col]]
    present = [c for c in series_labels if c in set(codes)] + sorted(set(codes) - set(series_labels))
    panels = []
    for code in present:
        rows = frame[[c == code for c in codes]]
        if _is_empty(rows) or not _has_values(rows):
            continue
        panels.append(panel(rows.reset_index(drop=True), title=series_labels.get(code, code), name_gaps=False,
                            width=PANEL_WIDTH, height=PANEL_HEIGHT))
    if not panels:
        return no_data_chart(title, subtitle=subtitle, lang=lang, frame=frame)
    subtitle = with_gaps_named(subtitle, frame.drop_duplicates("period_key"), unit, lang)
    # The properties and shared colours given at once: each ``.resolve_*()`` after ``alt.concat`` copies every panel.
    return _Panels(concat=panels, columns=PANEL_COLUMNS, title=_title(title, subtitle), description=title,
                   resolve=alt.Resolve(scale=alt.ScaleResolveMap(color="shared", stroke="shared"),
                                       legend=alt.LegendResolveMap(color="shared", stroke="shared")))


def _has_values(rows: pd.DataFrame) -> bool:
    """Whether a category has any value to draw (every measure missing: a category of nothing, left out)."""
    numeric = rows.drop(columns=[c for c in rows.columns if c in ("period_key", "sent")], errors="ignore")
    return bool(numeric.select_dtypes(include="number").notna().any().any())


# --- Map ---------------------------------------------------------------------------------------------------------
MAP_CLASSES = 5  # colour classes of a map by quantiles
MAP_LEADERS = 5  # areas labelled with their name and value: the highest ones
CLASS_COLOURS = ["#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]  # Blues, light first
OCCUPANCY_BREAKS = (0.90, 0.95)  # the map of occupancy: below 90%, nearly full, full (the saturation view's levels)


def _nice(value: float) -> float:
    """A class limit rounded to two significant digits (35,75 -> 36; 1.949,5 -> 1.900; 0,347 -> 0,35)."""
    if value == 0 or not np.isfinite(value):
        return float(value)
    digits = 1 - int(np.floor(np.log10(abs(value))))
    return float(round(value, digits))


def class_breaks(values, classes: int = MAP_CLASSES) -> list[float]:
    """The limits of a map's colour classes: quantiles of the published values (each class holds about as many
    areas), rounded to two significant digits (whole numbers for counts), each limit once and inside the values'
    range. A small area next to
    a large one gets its own colour, which a linear scale would leave almost white. No limit with fewer than two
    distinct values."""
    shown = np.array([float(v) for v in values if v is not None and not pd.isna(v)], dtype=float)
    distinct = np.unique(shown)
    if len(distinct) < 2:
        return []
    count = min(classes, len(distinct))
    limits = [_nice(q) for q in np.quantile(shown, [i / count for i in range(1, count)])]
    if np.all(shown == np.round(shown)):  # counts: whole limits, so that "≥ 2" means what it says
        limits = [float(np.ceil(b)) for b in limits]
    return sorted({b for b in limits if distinct[0] < b <= distinct[-1]})


def _class_scale(breaks: Sequence[float]) -> alt.Scale:
    """A threshold scale: below the first limit the lightest class, at or above the last the darkest."""
    step = max(1, (len(CLASS_COLOURS) - 1) // max(1, len(breaks)))
    colours = [CLASS_COLOURS[min(i * step, len(CLASS_COLOURS) - 1)] for i in range(len(breaks) + 1)]
    return alt.Scale(type="threshold", domain=list(breaks), range=colours)


def _map_data(values: pd.DataFrame, k: int, lang: str, decimals: int) -> pd.DataFrame:
    """The map's rows: code, name, value (NaN where small), small, label (the caller's, never for a small area)."""
    cols = value_columns(values.rename(columns={"value_small": "v_small", "value": "v"}), "v", k=k, lang=lang,
                         decimals=decimals)
    data = pd.DataFrame({"code": values["code"].astype(str).to_numpy(), "name": values["name"].astype(str).to_numpy()})
    data["value"] = cols["value"].to_numpy()
    data["small"] = cols["small"].to_numpy()
    if "label" in values:
        given = values["label"].astype("string").fillna(t("app.not_available", lang)).to_numpy()
        data["label"] = np.where(data["small"], f"<{k}", given)
    else:
        data["label"] = cols["label"].to_numpy()
    if "tooltip" in values:  # the caller's longer text (the value with its rate and structures)
        given = values["tooltip"].astype("string").fillna(t("app.not_available", lang)).to_numpy()
        data["tooltip"] = np.where(data["small"], data["label"], given)
    else:
        data["tooltip"] = data["label"]
    return data


def leading_areas(data: pd.DataFrame, count: int = MAP_LEADERS) -> list[str]:
    """The codes of the areas with the highest values (small and missing ones left out), highest first."""
    shown = data[~data["small"].astype(bool) & data["value"].notna()]
    return list(shown.sort_values(["value", "name"], ascending=[False, True], kind="stable")["code"].head(count))


def choropleth(values: pd.DataFrame, *, topojson_url: str, feature: str, id_property: str, title: str,
               legend_title: str, credit: str, subtitle: str | Sequence[str] | None = None, k: int = 5,
               lang: str = "it", value_format: str = NUMBER_FORMAT, decimals: int = 0, scheme: str = SEQUENTIAL,
               width: int = 460, height: int = 560, name_property: str | None = None,
               feature_filter: str | None = None, breaks: Sequence[float] | None = None,
               classes_note: str | None = None, leaders: int = MAP_LEADERS) -> alt.LayerChart | alt.Chart:
    """A map of provinces or regions coloured by ``value`` in classes; geometry fetched from the URL.

    ``values``: columns code (matching ``properties.<id_property>`` of the TopoJSON feature, as a string),
    name, value, value_small and optionally label (otherwise built here: the text of a leading area) and tooltip
    (otherwise the label). The geometry is never embedded: the
    chart holds ``alt.topo_feature(topojson_url, feature)`` and a lookup from ``properties.<id_property>`` to
    the values. Colours come in classes (a threshold scale): ``breaks`` where the caller fixes them (occupancy:
    90% and 95%), otherwise :func:`class_breaks` (quantiles); ``classes_note`` (e.g. "classi per quantili") is
    the legend title's second line, so the reader knows what the colours mean; with fewer than two distinct
    values, one sequential scale. The ``leaders`` highest areas carry their name and value. Small areas are grey
    ("<k"), areas without data very light grey ("n.d."), both keyed beside the map. Clicking an area selects it:
    the point selection ``territorio`` on field ``code`` (Streamlit ``on_select`` returns ``{"territorio": [{"code":
    ...}]}``). The credit is the subtitle's last line.
    ``name_property``: a feature property naming the area, used in the tooltip where ``values`` has no row.
    ``feature_filter``: a Vega expression on the features (``datum.properties...``); only the features it keeps
    are drawn, and the projection fits them (to zoom to a region).
    d3 draws a polygon ring as clockwise-outside: a TopoJSON written with RFC 7946 (counter-clockwise) rings
    must be rewound when it is built, or each area fills the whole map.
    """
    subtitle_lines = ([] if subtitle is None else [subtitle] if isinstance(subtitle, str) else list(subtitle))
    subtitle_lines.append(credit)
    if _is_empty(values):
        return no_data_chart(title, subtitle=subtitle_lines, lang=lang, frame=values)
    data = _map_data(values, k, lang, decimals)
    note, missing = small_note(k, lang), _txt("missing_note", lang)
    fields = ["code", "name", "value", "small", "label", "tooltip"]
    tooltip = [alt.Tooltip("name:N", title=_txt("territory", lang)), alt.Tooltip("tooltip:N", title=legend_title)]
    lookup = alt.LookupData(data=data, key="code", fields=fields)
    not_available = t("app.not_available", lang)

    def looked_up() -> alt.Chart:
        chart = alt.Chart().transform_filter(feature_filter) if feature_filter else alt.Chart()
        chart = (chart.transform_lookup(lookup=f"properties.{id_property}", from_=lookup)
                 .transform_calculate(label=f"isValid(datum.label) ? datum.label : {_js(not_available)}",
                                      tooltip=f"isValid(datum.tooltip) ? datum.tooltip : {_js(not_available)}"))
        if name_property:
            chart = chart.transform_calculate(
                name=f"isValid(datum.name) ? datum.name : datum.properties[{_js(name_property)}]")
        return chart

    breaks = list(breaks) if breaks is not None else class_breaks(data.loc[~data["small"], "value"])
    scale = _class_scale(breaks) if breaks else alt.Scale(scheme=scheme)
    legend = alt.Legend(title=[legend_title, classes_note] if classes_note and breaks else legend_title,
                        format=value_format, orient="right", symbolType="square")
    valued = _map_valued(looked_up(), scale, legend, tooltip)
    unvalued = _map_unvalued(looked_up(), data, note, missing, tooltip)
    layers = [valued, unvalued, *_map_labels(looked_up(), leading_areas(data, leaders))]
    return _layered(layers, alt.topo_feature(topojson_url, feature), projection={"type": "mercator"},
                    title=_title(title, subtitle_lines), description=title, width=width, height=height)


def _map_selection():
    selection = alt.selection_point(fields=["code"], name=SELECTION_NAME)
    stroke = _when(alt.StrokeValue, selection, "#000000", "#ffffff", empty=False)
    stroke_width = _when(alt.StrokeWidthValue, selection, 2, 0.5, empty=False)
    return selection, stroke, stroke_width


def _map_valued(chart: alt.Chart, scale: alt.Scale, legend: alt.Legend, tooltip: list) -> alt.Chart:
    """The areas with a value, coloured by class; the selection lives here."""
    selection, stroke, stroke_width = _map_selection()
    return (chart.transform_filter("isValid(datum.value) && !datum.small")
            .mark_geoshape()
            .encode(color=alt.Color("value:Q", scale=scale, legend=legend), stroke=stroke, strokeWidth=stroke_width,
                    tooltip=tooltip)
            .add_params(selection))


def _map_unvalued(chart: alt.Chart, data: pd.DataFrame, note: str, missing: str, tooltip: list) -> alt.Chart:
    """The areas shown as "<k" or without data, keyed beside the map (not below it, far from the areas)."""
    _, stroke, stroke_width = _map_selection()
    small = bool(data["small"].any())
    domain = ([note] if small else []) + [missing]
    range_ = ([SMALL_VALUE_COLOUR] if small else []) + [MISSING_COLOUR]
    return (chart.transform_filter("!isValid(datum.value) || datum.small")
            .transform_calculate(status=f"datum.small ? {_js(note)} : {_js(missing)}")
            .mark_geoshape()
            .encode(fill=alt.Fill("status:N", scale=_colour_scale(domain, range_),
                                  legend=alt.Legend(title=None, orient="right", symbolType="square")),
                    stroke=stroke, strokeWidth=stroke_width, tooltip=tooltip))


def _map_labels(chart: alt.Chart, codes: list[str]) -> list[alt.Chart]:
    """The name and value of the leading areas at their centroid ("Milano 4.168"), dark on a white halo (two text
    layers); every other label a line lower, so that two neighbours (Milano, Varese) do not cover each other."""
    if not codes:
        return []
    rank = "{" + ", ".join(f"'{code}': {i}" for i, code in enumerate(codes) if code.isalnum()) + "}"
    placed = (chart.transform_filter(alt.FieldOneOfPredicate(field="code", oneOf=codes))
              .transform_calculate(centroid="geoCentroid(null, datum)", map_label="datum.name + ' ' + datum.label",
                                   rank=f"{rank}[datum.code]")
              .transform_calculate(lon="datum.centroid[0]", lat="datum.centroid[1]"))
    position = {"longitude": alt.Longitude("lon:Q"), "latitude": alt.Latitude("lat:Q"),
                "text": alt.Text("map_label:N")}
    layers = []
    for parity, dy in ((0, -4), (1, 9)):
        shifted = placed.transform_filter(f"datum.rank % 2 == {parity}")
        layers.append(shifted.mark_text(fontSize=10, fontWeight="bold", dy=dy, stroke="#ffffff", strokeWidth=3,
                                        strokeOpacity=0.9).encode(**position))
        layers.append(shifted.mark_text(fontSize=10, fontWeight="bold", dy=dy, color="#1a1a1a").encode(**position))
    return layers


def _js(text: str) -> str:
    """A JavaScript string literal for a Vega expression."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _when(channel, predicate, then, otherwise, **kwargs):
    """A conditional value as its channel class: ``alt.when`` gives a plain dict, which Altair then matches
    against every candidate class of the schema (about 2 ms a channel); the class itself costs nothing."""
    return channel(**alt.when(predicate, **kwargs).then(alt.value(then)).otherwise(alt.value(otherwise)))


# --- Public statistics (shown as published: no small cells, no noise) --------------------------------------------
GAP_COLOUR = "#b0b0b0"  # report dates the source misses
LEGEND_LABEL_LIMIT = 320  # pixels: the names of the public series and notes are longer than category codes


def _segments(missing: Sequence[bool]) -> list[int]:
    """A path number per row that grows after each gap, so a line never joins the values either side of a gap."""
    out, segment = [], 0
    for gap in missing:
        segment += bool(gap)
        out.append(segment)
    return out


def dated_lines(frame: pd.DataFrame, *, measures: Sequence[str], labels: Mapping[str, str], title: str,
                y_title: str, gap_note: str, subtitle: str | Sequence[str] | None = None, lang: str = "it",
                notes: Sequence[str | None] | None = None) -> alt.LayerChart | alt.Chart:
    """Public figures at their report dates (``report_date``, a time axis): one line per measure, as published.

    A row marked ``missing`` is a report date the source misses: the lines break there (never drawn across it)
    and a dashed grey rule marks the date, with ``gap_note`` in the legend and the tooltip. ``notes`` (one per
    row) is shown in the tooltip of the row's values (a value corrected on load)."""
    if _is_empty(frame):
        return no_data_chart(title, subtitle=subtitle, lang=lang)
    missing = frame["missing"].astype(bool).to_list()
    dates = [d.isoformat() for d in frame["report_date"]]
    shown = [day(d) for d in frame["report_date"]]
    notes = list(notes) if notes is not None else [None] * len(frame)
    parts = []
    for i, measure in enumerate(measures):
        values = pd.to_numeric(frame[measure], errors="coerce").astype("Float64").to_numpy(dtype=float,
                                                                                          na_value=np.nan)
        parts.append(pd.DataFrame({
            "date": dates, "date_label": shown, "series_label": labels.get(measure, measure), "series_order": i,
            "value": values, "label": [fmt_number(v, 0, lang) for v in values], "segment": _segments(missing),
            "missing": missing, "note": [n or "" for n in notes]}))
    data = pd.concat(parts, ignore_index=True)
    series = [labels.get(m, m) for m in measures]
    x = alt.X("date:T", title=None, scale=alt.Scale(type="utc"), axis=alt.Axis(format="%b %Y", labelAngle=0))
    tooltip = [alt.Tooltip("date_label:N", title=_txt("date", lang)), alt.Tooltip("series_label:N", title=_txt(
        "series", lang)), alt.Tooltip("label:N", title=y_title), alt.Tooltip("note:N", title=_txt("note", lang))]
    line = (alt.Chart().mark_line(point=True)
            .encode(x=x, y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=NUMBER_FORMAT)),
                    color=alt.Color("series_label:N", scale=_colour_scale(series, _series_colours(len(series))),
                                    sort=series, legend=alt.Legend(title=None, labelLimit=LEGEND_LABEL_LIMIT)),
                    detail=alt.Detail("segment:N"), order=alt.Order("date:T"), tooltip=tooltip)
            .transform_filter("!datum.missing"))
    layers = [line]
    if any(missing):
        gap = (alt.Chart().mark_rule(strokeDash=SMALL_DASH, strokeWidth=1.5)
               .encode(x=x, stroke=alt.Stroke("gap:N", scale=_colour_scale([gap_note], [GAP_COLOUR]),
                                              legend=alt.Legend(title=None, labelLimit=LEGEND_LABEL_LIMIT)),
                       tooltip=[alt.Tooltip("date_label:N", title=_txt("date", lang)),
                                alt.Tooltip("gap:N", title=_txt("note", lang))])
               .transform_filter("datum.missing && datum.series_order == 0")
               .transform_calculate(gap=_js(gap_note)))
        layers.append(gap)
    return _layered(layers, data, title=_title(title, subtitle), description=title, width=TIME_WIDTH)


def month_bars(frame: pd.DataFrame, *, measure: str, title: str, y_title: str, complete_note: str,
               partial_note: str, subtitle: str | Sequence[str] | None = None, lang: str = "it"
               ) -> alt.Chart:
    """Public figures by month (``period_key``), as published: one bar per month; a month the data cover only in
    part (``partial``) is lighter and named in the legend (``partial_note``); a month without data has no bar and
    reads "n.d." (missing, not 0)."""
    if _is_empty(frame):
        return no_data_chart(title, subtitle=subtitle, lang=lang)
    values = pd.to_numeric(frame[measure], errors="coerce").astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    partial = frame["partial"].astype(bool).to_numpy()
    data, ordered = _with_periods(pd.DataFrame({
        "period_key": frame["period_key"].astype(str).to_numpy(), "value": values,
        "label": [fmt_number(v, 0, lang) for v in values],
        "kind": np.where(partial, partial_note, complete_note)}), "mese", lang)
    kinds = [complete_note] + ([partial_note] if partial.any() else [])
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(x=_period_x(ordered, _unit_title("mese", lang)),
                y=alt.Y("value:Q", title=y_title, axis=_value_axis(NUMBER_FORMAT)),
                color=alt.Color("kind:N", scale=_colour_scale(kinds, [PALETTE[0], PALETTE[4]][:len(kinds)]),
                                legend=alt.Legend(title=None, labelLimit=LEGEND_LABEL_LIMIT) if partial.any()
                                else None),
                tooltip=[alt.Tooltip("period_name:N", title=_txt("period", lang)),
                         alt.Tooltip("label:N", title=y_title), alt.Tooltip("kind:N", title=_txt("note", lang))])
        .transform_filter("isValid(datum.value)")
        .properties(title=_title(title, subtitle), description=title, width=TIME_WIDTH)
    )


# --- Notes on trend charts (data_access/annotations.py) ---------------------------------------------------------
NOTE_COLOUR = "#5E3C99"  # the marks of a note: apart from the palette of the series
NOTE_MARK_Y = 7  # pixels from the top of the plot: where a note's marker sits


def _trend_x(chart) -> tuple[alt.X | None, dict]:
    """The x channel of a trend chart (a period axis, or a time axis of dates) and its definition, else (None, {})."""
    for layer in (chart.layer if isinstance(chart, alt.LayerChart) else [chart]):
        encoding = getattr(layer, "encoding", alt.Undefined)
        x = getattr(encoding, "x", alt.Undefined) if encoding is not alt.Undefined else alt.Undefined
        if isinstance(x, alt.X):
            spec = x.to_dict(validate=False)
            if (spec.get("field"), spec.get("type")) in (("period_label", "ordinal"), ("date", "temporal")):
                return x, spec
    return None, {}


def _note_positions(chart, spec: dict, notes, unit: str, lang: str) -> list[tuple[str, object]]:
    """(x value, note) of each note the chart's axis holds: the label of the period of its month, or its date (the
    first of its month) within the dates drawn."""
    from data_access.scope import period_of_month

    out = []
    if spec["field"] == "period_label":
        labels = set(spec.get("sort") or [])
        for note in notes:
            key = period_of_month(unit, note.month)
            label = period_label(unit, key, lang) if key else None
            if label in labels:
                out.append((label, note))
        return out
    data = chart.data if isinstance(chart.data, pd.DataFrame) else pd.DataFrame()
    dates = sorted(data["date"]) if "date" in data else []
    for note in notes:
        when = (note.day.isoformat() if note.day else f"{note.month}-01")
        if dates and dates[0] <= when <= dates[-1]:
            out.append((when, note))
    return out


def notes_on(chart, notes, *, unit: str, lang: str = "it") -> list:
    """The notes a trend chart draws (those of its periods or dates), in their order; small multiples: those any
    panel draws, once each."""
    if isinstance(chart, alt.ConcatChart):
        drawn = [note for panel in chart.concat for note in notes_on(panel, notes, unit=unit, lang=lang)]
        return list({id(note): note for note in drawn}.values())
    x, spec = _trend_x(chart)
    return [] if x is None or not notes else [note for _x, note in _note_positions(chart, spec, notes, unit, lang)]


def note_rows(chart, notes, *, unit: str, lang: str) -> pd.DataFrame:
    """One row per place on the chart's axis with notes: the x value (``x``), their numbers ("1, 2"), dates,
    territories and texts joined; empty where the chart is not a trend or holds none of the notes."""
    x, spec = _trend_x(chart)
    if x is None or not notes:
        return pd.DataFrame()
    placed: dict[str, list] = {}
    for value, note in _note_positions(chart, spec, notes, unit, lang):
        placed.setdefault(value, []).append(note)
    return pd.DataFrame([{
        "x": value, "numbers": ", ".join(str(n.number) for n in group),
        "when": " · ".join(n.when(lang) for n in group), "place": " · ".join(n.place(lang) for n in group),
        "text": " · ".join(f"{n.number}. {n.text}" if len(group) > 1 else n.text for n in group),
        "legend": _txt("note_legend", lang)} for value, group in placed.items()])


def with_notes(chart, notes, *, unit: str, lang: str = "it"):
    """A trend chart with its notes (data_access.annotations) as one more layer: a dashed rule at the period (or
    date) of each, a marker at the top with its number beside it, the text in the tooltip and "Nota" in the legend.
    A chart without a period or date axis, or without any of the notes, is returned as it is; small multiples
    carry them on each panel."""
    if isinstance(chart, alt.ConcatChart):
        out = chart.copy(deep=False)
        out.concat = [with_notes(panel, notes, unit=unit, lang=lang) for panel in chart.concat]
        return out
    rows = note_rows(chart, notes, unit=unit, lang=lang)
    if rows.empty:
        return chart
    x, spec = _trend_x(chart)
    data = rows.rename(columns={"x": spec["field"]})
    tooltip = [alt.Tooltip("numbers:N", title=_txt("note_number", lang)), alt.Tooltip("when:N", title=_txt("date",
               lang)), alt.Tooltip("place:N", title=_txt("territory", lang)),
               alt.Tooltip("text:N", title=_txt("note", lang))]
    rule = alt.Chart(data).mark_rule(color=NOTE_COLOUR, strokeDash=[4, 3], strokeWidth=1.5).encode(
        x=x, tooltip=tooltip)
    marker = alt.Chart(data).mark_point(shape="triangle-down", filled=True, size=140, opacity=1).encode(
        x=x, y=alt.YValue(NOTE_MARK_Y), tooltip=tooltip,
        fill=alt.Fill("legend:N", scale=_colour_scale([_txt("note_legend", lang)], [NOTE_COLOUR]),
                      legend=alt.Legend(title=None, symbolType="triangle-down")))
    number = alt.Chart(data).mark_text(align="left", baseline="middle", dx=8, fontWeight="bold",
                                       color=NOTE_COLOUR).encode(x=x, y=alt.YValue(NOTE_MARK_Y),
                                                                 text=alt.Text("numbers:N"), tooltip=tooltip)
    return _with_layers(chart, [rule, marker, number])


def _with_layers(chart, extra: list) -> alt.LayerChart:
    """The chart with more layers over it (each with its own data); a single chart becomes the first layer, its
    title and size moved to the layered chart."""
    if isinstance(chart, alt.LayerChart):
        out = chart.copy(deep=False)
        out.layer = [*chart.layer, *extra]
        return out
    base = chart.copy(deep=False)
    properties = {}
    for name in ("title", "description", "width", "height", "usermeta"):
        value = getattr(base, name, alt.Undefined)
        if value is not alt.Undefined:
            properties[name] = value
            setattr(base, name, alt.Undefined)
    return alt.LayerChart(layer=[base, *extra], **properties)


def note_cells(frame: pd.DataFrame, notes, unit: str, lang: str = "it") -> list[str] | None:
    """The "Note" column of a table view over periods: on the first row of each period, its notes ("1. gennaio
    2021, Varese: SAI Besozzo ridotto a 13 posti"); None where no note falls in the table's periods."""
    from data_access.scope import period_of_month

    if not notes or "period_key" not in frame:
        return None
    by_period: dict[str, list[str]] = {}
    for note in notes:
        by_period.setdefault(str(period_of_month(unit, note.month)), []).append(note.line(lang))
    cells, seen = [], set()
    for key in frame["period_key"].astype(str):
        cells.append(" · ".join(by_period.get(key, [])) if key not in seen else "")
        seen.add(key)
    return cells if any(cells) else None


# --- Table view --------------------------------------------------------------------------------------------------
def table_view(frame: pd.DataFrame, columns: Mapping[str, str], *, k: int = 5, lang: str = "it",
               unit: str | None = None, decimals: Mapping[str, int] | None = None,
               percent: Sequence[str] = (), formatters: Mapping[str, Callable[[object], str]] | None = None,
               notes: Sequence = ()) -> pd.DataFrame:
    """The table view of a chart: the chosen columns as display strings, headed by their labels.

    Person counts (with an ``m_small`` column) show "<k" where small; missing values show "n.d.";
    numbers are Italian ("1.234", "12,5"); ``period_key`` shows as "marzo 2025" when ``unit`` is given;
    columns in ``percent`` are fractions shown as "45,3%"; ``decimals`` sets decimals per numeric column
    (default 0 for integers, 1 for other floats); ``formatters`` overrides any column. ``notes``: the notes of the
    view (data_access.annotations), in a last column "Note" on the first row of their period (with ``unit``).
    """
    decimals = dict(decimals or {})
    formatters = dict(formatters or {})
    out: dict[str, list[str]] = {}
    for col, heading in columns.items():
        series = frame[col] if col in frame else pd.Series([pd.NA] * len(frame), index=frame.index)
        if col in formatters:
            texts = [formatters[col](v) for v in series]
        elif col == "period_key" and unit:
            texts = [fmt_period(unit, None if pd.isna(v) else str(v), lang) for v in series]
        else:
            texts = _not_sent_labels(frame, _cell_texts(frame, col, series, k=k, lang=lang, percent=col in percent,
                                                        decimals=decimals.get(col)), lang)
        out[heading] = texts
    cells = note_cells(frame, notes, unit, lang) if unit else None
    if cells is not None:
        out[_txt("note_column", lang)] = cells
    return pd.DataFrame(out, index=range(len(frame)), dtype=object)


def _cell_texts(frame: pd.DataFrame, col: str, series: pd.Series, *, k: int, lang: str, percent: bool,
                decimals: int | None) -> list[str]:
    """The cells of one column of a table view (see :func:`table_view`)."""
    if f"{col}_small" in frame:
        return value_columns(frame, col, k=k, lang=lang, decimals=decimals or 0)["label"].tolist()
    if percent:
        marks = _marks(frame) if col == "occupancy_rate" else [None] * len(frame)
        return [fmt_occupancy(v, m, lang) if m else fmt_percent(v, 1 if decimals is None else decimals, lang)
                for v, m in zip(series, marks, strict=True)]
    if pd.api.types.is_bool_dtype(series.dtype):
        return [t("app.not_available", lang) if pd.isna(v) else _txt("yes" if v else "no", lang) for v in series]
    if pd.api.types.is_numeric_dtype(series.dtype):
        places = decimals if decimals is not None else 0 if pd.api.types.is_integer_dtype(series.dtype) else 1
        return [fmt_number(v, places, lang) for v in series]
    return [EMPTY_CELL if pd.isna(v) else str(v) for v in series]


# --- Spec for the screen ------------------------------------------------------------------------------------------
_SPEC_LOCK = threading.Lock()  # Altair's data transformer is global to the process: one conversion at a time


def _frame_name(frame: pd.DataFrame) -> str:
    """A dataset's name in the spec, from its content: equal tables, equal names (``view_cache.frame_digest``, a
    quarter of the time pandas' row hashes took on a chart's table)."""
    return f"data-{frame_digest(frame)[:20]}"


def _collect_frame(data, frames: dict):
    if isinstance(data, pd.DataFrame):
        name = _frame_name(data)
        frames[name] = data
        return {"name": name}
    return alt.utils.data.to_values(data)


alt.data_transformers.register("cruscotto_frames", _collect_frame)


def title_of(chart) -> str:
    """A chart's title as text (for the file names and titles of its exports), read from the chart itself: converting
    the chart to a spec for it cost as much as drawing it."""
    title = chart.title
    if isinstance(title, alt.TitleParams):
        title = title.text
    if isinstance(title, list):
        title = " ".join(str(x) for x in title)
    return str(title) if title is not alt.Undefined and title else "grafico"


def without_title(chart):
    """The chart for a slide, whose title is the slide's own: its title left out (said once, on the slide), its
    subtitle lines (gaps, notes, the snapshot) kept as a quiet heading. The chart itself is not changed."""
    title = chart.title
    if not isinstance(title, alt.TitleParams):
        return chart.properties(title=alt.TitleParams(text=""))
    subtitle = title.subtitle
    lines = [] if subtitle is alt.Undefined or subtitle is None else [subtitle] if isinstance(subtitle, str) else \
        list(subtitle)
    quiet = alt.TitleParams(text=lines or "", fontSize=12, fontWeight="normal", color="#555555", anchor="start")
    return chart.properties(title=quiet)


def frames_of(chart) -> list[pd.DataFrame]:
    """The tables a chart draws (its own data and that of its layers and panels), read from the chart itself:
    without converting it to a spec."""
    found = [chart.data] if isinstance(getattr(chart, "data", None), pd.DataFrame) else []
    for part in ("layer", "concat", "hconcat", "vconcat"):
        children = getattr(chart, part, alt.Undefined)
        if isinstance(children, list):
            found += [frame for child in children for frame in frames_of(child)]
    return found


def to_spec(chart) -> tuple[dict, dict[str, pd.DataFrame]]:
    """The chart's Vega-Lite spec in one pass, without schema validation (tests/presentation/test_charts.py
    validates every builder), and its tables: each DataFrame becomes a named dataset, so ``st.vega_lite_chart``
    sends it as Arrow and the spec without its data stays small (for titles, URLs and the "<k" note of the
    downloads)."""
    frames: dict[str, pd.DataFrame] = {}
    with _SPEC_LOCK, alt.data_transformers.enable("cruscotto_frames", frames=frames):
        spec = chart.to_dict(validate=False)
    return spec, frames
