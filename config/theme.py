"""The one Altair theme, for screen and exports; colour-blind-safe palette (Okabe-Ito)."""

from __future__ import annotations

import altair as alt

THEME_NAME = "cruscotto"
FONT = "Source Sans Pro, Arial, sans-serif"
# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SMALL_VALUE_COLOUR = "#7f7f7f"  # cells shown as "<k"
SEQUENTIAL = "blues"


def theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "view": {"stroke": None, "continuousWidth": 640, "continuousHeight": 320},
            "title": {"fontSize": 15, "anchor": "start", "subtitleFontSize": 12, "subtitleColor": "#555555"},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#e6e6e6", "domainColor": "#888888"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "range": {"category": PALETTE, "ramp": {"scheme": SEQUENTIAL}},
            "line": {"strokeWidth": 2.5, "point": True},
            "bar": {"color": PALETTE[0]},
            # Italian number formatting in every axis and tooltip.
            "locale": {
                "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€", ""]},
                "time": {
                    "dateTime": "%A %e %B %Y, %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
                    "periods": ["AM", "PM"],
                    "days": ["domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"],
                    "shortDays": ["dom", "lun", "mar", "mer", "gio", "ven", "sab"],
                    "months": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
                               "settembre", "ottobre", "novembre", "dicembre"],
                    "shortMonths": ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov",
                                    "dic"],
                },
            },
        }
    }


ENGLISH_LOCALE = {
    "number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
    "time": {
        "dateTime": "%A %e %B %Y, %X", "date": "%d/%m/%Y", "time": "%H:%M:%S", "periods": ["AM", "PM"],
        "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"],
        "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    },
}


def locale(lang: str) -> dict:
    """The Vega locale of a language: Italian numbers ("1.234,5") by default, English ("1,234.5") in English, so
    axes and legends agree with the tooltips and tables of the same page."""
    return ENGLISH_LOCALE if lang == "en" else theme()["config"]["locale"]


def enable() -> None:
    """Register and enable the theme (idempotent). Altair's debug mode, which validates every schema object
    against the Vega-Lite schema as it is built, is switched off: it took a fifth of an analytic page's time, and
    tests/presentation/test_charts.py validates the spec of every chart builder instead."""
    alt.theme.register(THEME_NAME, enable=True)(theme)
    alt.utils.schemapi.disable_debug_mode()
