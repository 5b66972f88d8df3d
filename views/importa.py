"""Carica dati (administrators and data stewards): templates, upload, row-level check, preview, all-or-nothing load,
data versions and (administrators) rollback.

Layout only: data_access.imports reads, checks, previews and loads (and records the upload in the audit trail);
data_access.auth says which projects and tables the user may load; presentation.import_files draws the templates
and the report CSV. Messages are said in the page's language.
"""

import streamlit as st

from config import settings
from config.labels import fmt_number, t
from data_access import auth, imports, queries
from presentation import import_files
from views import held_corrections
from views import session as _session
from views.layout import lang

language = lang()
user = _session.require_page("importa", language)
engine = _session.engine()
projects = auth.import_projects(engine, user["username"])  # None: any table and project (administrator)
limits = settings.import_limits()
info = queries.version_info(engine)

st.title(t("page.importa", language))
st.markdown(t("import.intro", language))
if info is not None and info["demo"]:
    st.warning(t("import.demo_warning", language), icon=":material/science:")
if projects is not None:
    if not projects:
        st.error(t("import.no_projects", language))
        st.stop()
    st.info(t("import.steward_scope", language, projects=", ".join(sorted(projects))))

for message in st.session_state.pop("import_done", []):
    st.success(message, icon=":material/check_circle:")

table = st.selectbox(t("import.table", language), imports.tables_for(projects),
                     format_func=lambda name: t(f"import.table.{name}", language), key="import_table")

st.markdown(f"**{t('import.templates', language)}**")
left, right, _ = st.columns([1, 1, 2])
left.download_button(t("import.template_csv", language), data=import_files.template_csv(table, language),
                     file_name=f"modello_{table}.csv", mime="text/csv", icon=":material/download:",
                     on_click="ignore", key=f"template_csv_{table}")
right.download_button(t("import.template_xlsx", language), data=import_files.template_xlsx(table, language),
                      file_name=f"modello_{table}.xlsx", icon=":material/download:", on_click="ignore",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      key=f"template_xlsx_{table}")
with st.expander(t("import.columns", language)):
    st.dataframe([{t("import.col.header", language): c["header"], t("import.col.required", language): c["required"],
                   t("import.col.values", language): c["values"],
                   t("import.col.description", language): c["description"]}
                  for c in imports.columns_table(table, language)], hide_index=True, width="stretch")

nonce = st.session_state.setdefault("import_nonce", 0)
upload = st.file_uploader(
    t("import.file", language, mb=fmt_number(limits.max_bytes / 1024 / 1024, lang=language),
      rows=fmt_number(limits.max_rows, lang=language)),
    type=["csv", "xlsx", "xls", "txt"], key=f"import_file_{nonce}")

if upload is not None:
    data = upload.getvalue()
    sheets = imports.sheet_names(data)
    sheet = st.selectbox(t("import.sheet", language), sheets, key=f"import_sheet_{nonce}") if len(sheets) > 1 \
        else None
    key = (table, imports.file_hash(data), sheet, info and info["id"])
    if st.session_state.get("import_check", (None,))[0] != key:
        with st.spinner(t("import.checking", language)):
            try:
                checked = imports.check(engine, data, upload.name, table, sheet=sheet, projects=projects,
                                        limits=limits)
            except imports.FileProblem as exc:
                checked = exc
        st.session_state["import_check"] = (key, checked)
        unreadable = isinstance(checked, imports.FileProblem)
        if unreadable or not checked.ok:
            imports.record_refusal(engine, user["username"], upload.name, table, None if unreadable else checked,
                                   str(checked) if unreadable else None)
    report = st.session_state["import_check"][1]
    if isinstance(report, imports.FileProblem):
        st.error(t("import.unreadable", language, problem=report.text(language)), icon=":material/error:")
    else:
        st.caption(report.summary(language))
        if report.errors:
            st.error(t("import.errors", language, n=len(report.errors)), icon=":material/error:")
        if report.warnings:
            st.warning(t("import.warnings", language, n=len(report.warnings)), icon=":material/warning:")
        if report.messages:
            st.markdown(f"**{t('import.report', language)}**")
            st.dataframe(imports.report_frame(report, language), hide_index=True, width="stretch")
            st.download_button(t("import.report_download", language), data=import_files.report_csv(report, language),
                               file_name=f"rapporto_{upload.name.rsplit('.', 1)[0]}.csv", mime="text/csv",
                               icon=":material/download:", on_click="ignore", key=f"import_report_{nonce}")
        if report.ok:
            diff = report.diff
            st.subheader(t("import.preview", language))
            a, b, c = st.columns(3)
            a.metric(t("import.added", language), fmt_number(diff.added, lang=language))
            b.metric(t("import.replaced", language), fmt_number(diff.replaced, lang=language),
                     help=t("import.replaced_help", language, n=fmt_number(diff.replaced_current, lang=language)))
            c.metric(t("import.unchanged", language), fmt_number(diff.unchanged, lang=language))
            held_corrections.preview_note(engine, report, user["username"], language)
            if not diff.changes:
                st.info(t("import.nothing", language))
            elif st.button(t("import.load", language), type="primary", icon=":material/upload:",
                           key=f"import_load_{nonce}"):
                bar = st.progress(0.0, text=t("import.loading", language))
                try:
                    result = imports.apply(engine, report, actor=user["username"],
                                           progress=lambda share: bar.progress(min(share, 1.0),
                                                                               text=t("import.loading", language)))
                except settings.ConfigError as exc:  # e.g. no CKM secret: nothing was loaded
                    bar.empty()
                    st.error(t("import.config_error", language, problem=str(exc)), icon=":material/error:")
                else:
                    st.session_state["import_done"] = held_corrections.load_messages(result, upload.name, language) \
                        or [t("import.done", language, file=upload.name, version=result.version, added=diff.added,
                              replaced=diff.replaced)]
                    st.session_state["import_nonce"] = nonce + 1
                    st.session_state.pop("import_check", None)
                    st.rerun()

st.divider()
st.subheader(t("import.versions", language))
versions = imports.versions_for(engine, user["username"])  # a data steward's own uploads
if projects is not None:
    st.caption(t("import.versions_own", language))
versions = versions.assign(kind=versions["kind"].map(lambda k: t(f"import.kind.{k}", language)),
                           created_at=versions["created_at"].map(lambda d: d.strftime("%d/%m/%Y %H:%M")),
                           file_hash=versions["file_hash"].str[:12])
st.dataframe(versions.rename(columns={c: t(f"import.vcol.{c}", language) for c in versions.columns}),
             hide_index=True, width="stretch")

if projects is None:
    st.subheader(t("import.rollback", language))
    st.caption(t("import.rollback_intro", language))
    candidates = imports.rollback_candidates(engine)
    if not candidates:
        st.info(t("import.rollback_none", language))
    else:
        chosen = st.selectbox(t("import.rollback_pick", language), candidates, key="rollback_pick")
        confirm = st.checkbox(t("import.rollback_confirm", language, version=chosen), key=f"rollback_ok_{chosen}")
        if st.button(t("import.rollback_button", language), disabled=not confirm, key="rollback_go"):
            try:
                undo = imports.rollback_by(engine, chosen, user["username"])
            except imports.RollbackError as exc:
                st.error(str(exc), icon=":material/error:")
            except auth.AuthError as exc:
                st.error(exc.text(language), icon=":material/error:")
            else:
                st.session_state["import_done"] = [t("import.rollback_done", language, version=chosen, undo=undo)]
                st.rerun()

st.divider()
held_corrections.section(engine, user["username"], projects is None, language)
