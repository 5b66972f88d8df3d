"""The sparsity guard on a page: a breakdown whose cells are mostly 0 or "<k" is not drawn at that detail; the page
says why and offers the views one step coarser (data_access.analytics.coarser_views). Layout only: the data layer
measures the sparsity (``Published.sparsity``) and names the coarser views."""

from __future__ import annotations

import streamlit as st

from config.labels import fmt_number, fmt_percent, t
from data_access.analytics import coarser_views
from data_access.scope import filters_to_params


def _open(params: dict[str, str]) -> None:
    st.query_params.from_dict(params)  # a link opened within the session: the filter bar follows it


def guard(container, result, measure: str, context, key: str) -> bool:
    """When the breakdown of ``measure`` in ``result`` is too sparse, say so in ``container`` with buttons to the
    coarser views, and return True (the caller then draws nothing else of it); otherwise return False."""
    if not result.too_sparse(measure):
        return False
    found, language = result.sparsity(measure), context.language
    container.info(t("sparsity.too_sparse", language, sparse=fmt_number(found.sparse, lang=language),
                     cells=fmt_number(found.cells, lang=language), k=result.k,
                     share=fmt_percent(found.threshold, 0, language)), icon=":material/grid_off:")
    views = coarser_views(context.scope, context.filters)
    if not views:
        container.caption(t("sparsity.no_coarser", language))
        return True
    columns = container.columns(len(views))
    for column, (kind, filters) in zip(columns, views.items(), strict=True):
        column.button(t(f"sparsity.view.{kind}", language, unit=t(f"unit.{filters.unit}", language)),
                      key=f"sparsity_{key}_{kind}", icon=":material/zoom_out:", on_click=_open,
                      args=(filters_to_params(filters),))
    return True
