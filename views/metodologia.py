"""Metodologia: what is protected and how, in plain Italian, with the parameters and the p-table in force; and the
rule for the public statistics of the Ministry of the Interior (shown as published), with their source and the
corrections made on load."""

import streamlit as st

from config.labels import fmt_number, t
from data_access import queries
from views.layout import lang

language = lang()
info = queries.methodology()
params = info["params"]
st.title(t("metodologia.title", language))
st.markdown(t("metodologia.body", language, D=params.D, V=fmt_number(params.V, 1, language), js=params.js,
              pstay=fmt_number(params.pstay, 2, language), k=params.k, hidden_max=info["hidden_max"]))

# --- Public statistics: which figures are public and shown as published, and why ------------------------------------
st.subheader(t("reference.method.title", language))
st.markdown(t("reference.method.body", language))

st.subheader(t("metodologia.ptable", language))
st.caption(t("metodologia.ptable_caption", language, imax=params.imax))
table = info["ptable"][["i", "j", "v", "p", "ub"]]
st.dataframe(table.rename(columns={c: t(f"metodologia.{c}", language) for c in table.columns}), hide_index=True,
             column_config={t("metodologia.p", language): st.column_config.NumberColumn(format="%.4f"),
                            t("metodologia.ub", language): st.column_config.NumberColumn(format="%.4f")})
