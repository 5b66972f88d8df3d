"""Metodologia: what is protected and how, in plain Italian, with the parameters and the p-table in force."""

import streamlit as st

from config.labels import fmt_number, fmt_percent, t
from data_access import queries
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
st.subheader(t("metodologia.ptable", language))
st.caption(t("metodologia.ptable_caption", language, imax=params.imax))
table = info["ptable"][["i", "j", "v", "p", "ub"]]
st.dataframe(table.rename(columns={c: t(f"metodologia.{c}", language) for c in table.columns}), hide_index=True,
             column_config={t("metodologia.p", language): st.column_config.NumberColumn(format="%.4f"),
                            t("metodologia.ub", language): st.column_config.NumberColumn(format="%.4f")})
