"""The captions of the meeting pack's slides, written from the whole range a slide draws: what changed from its first
period to its last, and the largest change from one period to the next with its figures and dates ("A Varese,
progetto SAI Besozzo, da gennaio 2019 a dicembre 2025: posti da 36 a 13 da gennaio 2021; presenze da 28 a 12*").

Every figure is a published value as the chart shows it ("<k" values and periods nobody sent are never compared, a
presence above the places keeps its mark); a change of a count of people from one period to the next no larger than
twice the protection's largest noise (2 x D) may be noise alone, and is never told as the largest change. The
grammar is :mod:`presentation.grammar`'s; each rule is a pure function of a published frame and the chart's words
(``registry.ChartWords``), so the pages and the pack can use it and the tests read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from config import settings
from config.labels import fmt_count, fmt_month, fmt_number, fmt_occupancy, fmt_period, t
from presentation.grammar import in_place, with_period


@dataclass(frozen=True)
class Figure:
    """One published figure of a caption: its period key, the value (a number) and its text ("12*", "47")."""

    period: str
    value: float
    text: str


def shown_figures(frame: pd.DataFrame, column: str, k: int, lang: str) -> list[Figure]:
    """The figures of ``column`` a chart shows as numbers, in period order: periods sent, values neither missing
    nor "<k" (a caption never compares what the reader cannot see)."""
    if column not in frame or "period_key" not in frame:
        return []
    small = frame[f"{column}_small"].astype("boolean").fillna(False) if f"{column}_small" in frame else None
    sent = frame["sent"].astype("boolean").fillna(True) if "sent" in frame else None
    out = []
    for i, (key, value) in enumerate(zip(frame["period_key"], frame[column], strict=True)):
        if pd.isna(value) or (small is not None and bool(small.iloc[i])) or (sent is not None and not sent.iloc[i]):
            continue
        mark = frame["occupancy_mark"].iloc[i] if column == "occupied" and "occupancy_mark" in frame else None
        text = fmt_count(value, False, k, lang, mark=mark if isinstance(mark, str) else None)
        out.append(Figure(str(key), float(value), text))
    return out


def largest_step(figures: Sequence[Figure], threshold: float = 0) -> tuple[Figure, Figure] | None:
    """The two consecutive figures with the largest change between them (the earlier of equal changes), None where
    no change is larger than ``threshold``."""
    best = None
    for before, after in zip(figures, figures[1:], strict=False):
        size = abs(after.value - before.value)
        if size > threshold and (best is None or size > abs(best[1].value - best[0].value)):
            best = (before, after)
    return best


@dataclass(frozen=True)
class Measure:
    """A measure a caption tells: its column, its name in the sentence (catalogue key: "i posti" -> "posti") and
    whether it counts people (protected: a change within 2 x D may be noise)."""

    column: str
    name: str
    protected: bool = True


@dataclass(frozen=True)
class RangeCaption:
    """The caption of a chart over time: for ``main``, from its first to its last figure of the range and the
    largest change from one period to the next (merged when they are the same step: "posti da 36 a 13 da gennaio
    2021"); for each of ``also``, from its first to its last figure."""

    main: Measure
    also: tuple[Measure, ...] = ()

    @property
    def subject(self) -> str:
        return self.main.name

    def text(self, frame: pd.DataFrame, words: Any, k: int = 5) -> str:
        lang = words.lang
        parts = [self._main(frame, words, k)] + [_first_to_last(frame, m, words, k) for m in self.also]
        where = in_place(words.territory, lang)
        return t("meeting.caption.sentence", lang, where=where[:1].upper() + where[1:], period=words.period,
                 parts="; ".join(p for p in parts if p))

    def _main(self, frame: pd.DataFrame, words: Any, k: int) -> str:
        lang, name = words.lang, t(self.main.name, words.lang)
        figures = shown_figures(frame, self.main.column, k, lang)
        overall = _first_to_last(frame, self.main, words, k)
        if len(figures) < 2:
            return overall
        step = largest_step(figures, 2 * settings.ckm_params().D if self.main.protected else 0)
        if step is None:
            same = all(f.value == figures[0].value for f in figures)
            return overall if same else t("meeting.caption.within_noise", lang, overall=overall,
                                          D=settings.ckm_params().D)
        since = with_period(t("meeting.caption.from", lang), fmt_period(words.unit, step[1].period, lang), lang)
        values = {"name": name, "before": step[0].text, "after": step[1].text, "since": since}
        if (step[0].value, step[1].value) == (figures[0].value, figures[-1].value):  # one change: the whole story
            return t("meeting.caption.step", lang, **values)
        return t("meeting.caption.largest", lang, overall=overall, **values)


def _first_to_last(frame: pd.DataFrame, measure: Measure, words: Any, k: int) -> str:
    """"posti da 36 a 13", "posti sempre 47", "posti 47" (one figure), "posti: nessun valore mostrato"."""
    lang, name = words.lang, t(measure.name, words.lang)
    figures = shown_figures(frame, measure.column, k, lang)
    if not figures:
        return t("meeting.caption.none", lang, name=name)
    first, last = figures[0], figures[-1]
    if len(figures) == 1:
        return t("meeting.caption.one", lang, name=name, value=last.text,
                 period=fmt_period(words.unit, last.period, lang))
    if all(f.value == first.value for f in figures):
        return t("meeting.caption.same", lang, name=name, value=first.text)
    if first.value == last.value:
        return t("meeting.caption.back", lang, name=name, value=last.text)
    return t("meeting.caption.change", lang, name=name, first=first.text, last=last.text)


# --- Captions of the other slides ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeetingsCaption:
    """The meetings over the range, by body, and the last month with a meeting (events, not people: a sum over
    the range is allowed)."""

    subject: str = "meeting.caption.meetings_subject"

    def text(self, frame: pd.DataFrame, words: Any, k: int = 5) -> str:
        lang = words.lang
        where = in_place(words.territory, lang)
        held = frame[frame["meetings"].fillna(0) > 0] if "meetings" in frame else frame.iloc[0:0]
        if held.empty:
            return t("meeting.caption.no_meetings", lang, where=where[:1].upper() + where[1:], period=words.period)
        by_body = held.groupby("body", sort=False)["meetings"].sum()
        bodies = ", ".join(f"{t(f'body.{b}', lang).lower()} {fmt_number(n, 0, lang)}" for b, n in by_body.items())
        last = max(held["period_key"], key=str)
        return t("meeting.caption.meetings", lang, where=where[:1].upper() + where[1:], period=words.period,
                 n=fmt_number(by_body.sum(), 0, lang), bodies=bodies,
                 last=with_period(t("meeting.caption.at" if words.unit == "mese" else "meeting.caption.in", lang),
                                  fmt_period(words.unit, last, lang), lang))


@dataclass(frozen=True)
class LeadersCaption:
    """The map's leading areas with their published values ("Le province con più posti: Milano 4.168, Varese
    1.210, Sondrio 47")."""

    subject: str = "meeting.caption.leaders"
    count: int = 3

    def text(self, frame: pd.DataFrame, words: Any, k: int = 5) -> str:
        lang = words.lang
        shown = frame[~frame["value_small"].astype(bool) & frame["value"].notna()] if len(frame) else frame
        if shown.empty:
            return t("meeting.caption.map_none", lang)
        column = "percent" if "percent" in shown else "value"
        top = shown.sort_values([column, "name"], ascending=[False, True], kind="stable").head(self.count)
        areas = ", ".join(f"{name} {label}" for name, label in zip(top["name"], top["label"], strict=True))
        level = frame.attrs.get("level", "provincia")
        return t(self.subject, lang, areas=areas, level=t(f"meeting.caption.level.{level}", lang),
                 measure=t(f"measure.{frame.attrs.get('measure', 'places')}", lang).lower())


@dataclass(frozen=True)
class SaturationCaption:
    """The saturation view: how many projects (or programmes, for national and regional totals) are at 95% or more
    and at 90-95%, named with their published occupancy, at the snapshot month."""

    subject: str = "meeting.caption.saturation_subject"
    named: int = 4  # at most this many names per level

    def text(self, frame: pd.DataFrame, words: Any, k: int = 5) -> str:
        lang = words.lang
        where = in_place(words.territory, lang)
        month = frame.attrs.get("snapshot_month")
        when = fmt_month(month, lang) if month else words.last_period
        parts = [self._level(frame, level, lang) for level in ("full", "near")]
        return t("meeting.caption.saturation", lang, where=where[:1].upper() + where[1:], when=when,
                 parts="; ".join(parts))

    def _level(self, frame: pd.DataFrame, level: str, lang: str) -> str:
        rows = frame[frame["level"] == level] if "level" in frame else frame.iloc[0:0]
        if rows.empty:
            return t(f"meeting.caption.saturation_none.{level}", lang)
        names = [f"{_row_name(row, lang)} {fmt_occupancy(row.occupancy_rate, _mark(row), lang)}"
                 for row in rows.head(self.named).itertuples()]
        more = len(rows) - len(names)
        listed = ", ".join(names) + (t("meeting.caption.more", lang, n=more) if more else "")
        return t(f"meeting.caption.saturation_level.{level}", lang, n=len(rows), names=listed)


def _row_name(row, lang: str) -> str:
    project = getattr(row, "project_name", None)
    return project if isinstance(project, str) else t(f"programme.{row.programme}", lang) if hasattr(
        row, "programme") else row.territory_name


def _mark(row) -> str | None:
    mark = getattr(row, "occupancy_mark", None)
    return mark if isinstance(mark, str) else None
