"""Rete e tavolo: the action-plan items that name the indicator they target, each with its status beside the
trend of that indicator in the item's province over the page's range (issue 21). Layout only: the items come from
``analytics.rete_actions``, each trend from its registry entry (``presentation.indicators``), the same published
query as the page that shows the measure."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from config.labels import md_literal, t
from presentation.indicators import INDICATORS
from presentation.registry import ChartWords
from views.layout import show_chart

MAX_ITEMS = 12  # beyond this, the page says how many more (a narrower territory shows them)
SECTION_KEY = "rete_indicators"  # the section's open state (st.session_state), kept while the user moves around


def _status_lines(item, language: str) -> list[str]:
    lines = [f"**{md_literal(item.action_code)}** · {md_literal(item.title)}",
             f"{t(f'status.{item.status}', language)} · {t(f'indicator.{item.indicator}', language)}"]
    if item.completed_date is not None and item.status == "completata":
        lines.append(t("rete.indicators.completed", language, date=item.completed_date.strftime("%d/%m/%Y")))
    elif item.due_date is not None:
        lines.append(t("rete.indicators.due", language, date=item.due_date.strftime("%d/%m/%Y")))
    else:
        lines.append(t("rete.indicators.no_due", language))
    return lines


def show(context, items: pd.DataFrame) -> None:
    """The items with an indicator, each beside its trend (at most MAX_ITEMS), in a section opened on request."""
    language = context.language
    if not context.scope.fine:  # an item's province is below the totals such a scope sees
        return
    named = items["indicator"].notna() if "indicator" in items else pd.Series(False, index=items.index)
    if not named.any():
        st.markdown(f"**{t('rete.indicators.title', language)}**")
        st.caption(t("rete.indicators.none", language))
        return
    # A section opened on request (issue 20: only what is seen is built): up to twelve charts, each with its
    # downloads, were a third of the page's time at every run; the label says how many actions it holds.
    section = st.expander(t("rete.indicators.open", language, n=int(named.sum())), key=SECTION_KEY, on_change="rerun",
                          icon=":material/monitoring:")
    if not section.open:  # nothing else to do: its charts are cited by their registry names, not by their places
        return
    with section:
        _items(context, items[named])


def _items(context, named: pd.DataFrame) -> None:
    """Each item beside its indicator's trend, at most MAX_ITEMS."""
    language, filters = context.language, context.filters
    st.caption(t("rete.indicators.intro", language, period=context.period))
    for item in named.head(MAX_ITEMS).itertuples(index=False):
        entry = INDICATORS[item.indicator]
        # the item's province (territory_code: a province code for a scope that sees provinces)
        where = filters.with_(province=item.territory_code, region=None, programme=None, project=None)
        words = ChartWords(language, filters.unit, item.territory_name, context.period, context.last_period,
                           filters.end)
        with st.container(border=True):
            left, right = st.columns([1, 2])
            left.markdown("  \n".join(_status_lines(item, language)))
            if item.overdue:
                left.warning(t("rete.col.overdue", language), icon=":material/schedule:")
            show_chart(right, entry.chart(entry.query(context.scope, where), words), theme=None)
    if len(named) > MAX_ITEMS:
        st.caption(t("rete.indicators.more", language, n=len(named) - MAX_ITEMS))
