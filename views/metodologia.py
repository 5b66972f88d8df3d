"""Metodologia: what is protected and how, in plain Italian, with the parameters and the p-table in force; how
presences published above the places are read (data_access.plausible); and the rule for the public statistics of
the Ministry of the Interior (shown as published), with their source and the corrections made on load."""

import streamlit as st

from config.labels import fmt_number, fmt_percent, t
from data_access import queries
from presentation import charts
from views.layout import lang

language = lang()
info = queries.methodology()
params = info["params"]
st.title(t("metodologia.title", language))
st.markdown(t("metodologia.body", language, D=params.D, V=fmt_number(params.V, 1, language), js=params.js,
              pstay=fmt_number(params.pstay, 2, language), k=params.k, hidden_max=info["hidden_max"]))
rules = info["rules"]
for section in ("revisions", "hours", "zeros", "sparsity"):  # issue 16: the rules beside the p-table
    st.subheader(t(f"metodologia.{section}.title", language))
    st.markdown(t(f"metodologia.{section}.body", language, k=params.k,
                  noise=fmt_percent(rules.hours_noise, 0, language),
                  share=fmt_percent(rules.sparsity_max, 0, language)))

# --- Public statistics: which figures are public and shown as published, and why ------------------------------------
st.subheader(t("reference.method.title", language))
st.markdown(t("reference.method.body", language))

st.subheader(t("metodologia.ptable", language))
st.caption(t("metodologia.ptable_caption", language, imax=params.imax))
table = info["ptable"][["i", "j", "v", "p", "ub"]]
st.dataframe(charts.table_view(table, {c: t(f"metodologia.{c}", language) for c in table.columns}, lang=language,
                               decimals={"p": 4, "ub": 4}), hide_index=True)
st.subheader(t("realpath.method.title", language))
st.markdown(t("realpath.method.body", language, D=params.D, example=13 + params.D,
              example_rate=fmt_percent((13 + params.D) / 13, 1, language),
              margin13=fmt_number(100 * params.D / 13, 1, language)))
