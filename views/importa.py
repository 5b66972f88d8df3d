"""Carica dati (administrators and data stewards): templates, upload, row-level check, preview, all-or-nothing load,
data versions and (administrators) rollback.

Layout only: data_access.imports reads, checks, previews and loads (and records the upload in the audit trail);
data_access.auth says which projects and tables the user may load; presentation.import_files draws the templates
and the report CSV. Messages are said in the page's language.
"""

import functools

import streamlit as st

from config import settings
from config.labels import fmt_number, md_literal, t, t_md
from config.phrases import PhraseError
from data_access import auth, imports, queries
from data_access.imports import worker
from presentation import import_files
from views import held_corrections
from views import session as _session
from views.layout import lang

WAIT_SECONDS = 0.25  # how often the page looks at a running check or load


def wait_for(job: worker.Job, key: str, language: str, bar: bool = False) -> None:
    """Wait for a check or a load running in its own process, saying how long it has been running (and, for a
    load, how far it is). The server serves other sessions meanwhile; a click elsewhere stops the waiting, not
    the job."""
    if job.done.is_set():
        return
    slot = st.empty()
    while not job.wait(WAIT_SECONDS):
        text = t(key, language, seconds=fmt_number(job.seconds, lang=language))
        if bar:
            slot.progress(min(job.progress, 1.0), text=text)
        else:
            slot.info(text, icon=":material/hourglass_top:")
    slot.empty()


def choose_table(table: str) -> None:
    st.session_state["import_table"] = table


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
    st.info(t_md("import.steward_scope", language, projects=", ".join(sorted(projects))))

for message in st.session_state.pop("import_done", []):
    st.success(message, icon=":material/check_circle:")

table = st.selectbox(t("import.table", language), imports.tables_for(projects),
                     format_func=lambda name: t(f"import.table.{name}", language), key="import_table")

st.markdown(f"**{t('import.templates', language)}**")
left, right, _ = st.columns([1, 1, 2])
left.download_button(t("import.template_csv", language), data=import_files.template_csv(table, language),
                     file_name=f"modello_{table}.csv", mime="text/csv", icon=":material/download:",
                     on_click="ignore", key=f"template_csv_{table}")
right.download_button(t("import.template_xlsx", language),  # the workbook made at the click, not at every run
                      data=functools.partial(import_files.template_xlsx, table, language),
                      file_name=f"modello_{table}.xlsx", icon=":material/download:", on_click="ignore",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      key=f"template_xlsx_{table}")
with st.expander(t("import.columns", language)):
    st.caption(t("import.columns_english", language))
    st.dataframe([{t("import.col.header", language): c["header"], t("import.col.english", language): c["english"],
                   t("import.col.required", language): c["required"],
                   t("import.col.values", language): c["values"],
                   t("import.col.description", language): c["description"]}
                  for c in imports.columns_table(table, language)], hide_index=True, width="stretch")

nonce = st.session_state.setdefault("import_nonce", 0)
database_url = engine.url.render_as_string(hide_password=False)
loading = st.session_state.get("import_load")
if loading is not None:  # a load started here, maybe before a click elsewhere: wait for it and say how it went
    wait_for(loading["job"], "import.loading", language, bar=True)
    st.session_state.pop("import_load")
    outcome = loading["job"].result
    if isinstance(outcome, tuple):
        _, result = outcome
        st.session_state["import_done"] = held_corrections.load_messages(result, md_literal(loading["file"]),
                                                                         language) \
            or [t("import.done", language, file=md_literal(loading["file"]), version=result.version,
                  added=result.diff.added, replaced=result.diff.replaced)]
        st.session_state["import_nonce"] = nonce + 1
        st.session_state.pop("import_check", None)
        st.rerun()
    elif isinstance(outcome, settings.ConfigError):  # e.g. no CKM secret: nothing was loaded
        st.error(t("import.config_error", language, problem=str(outcome)), icon=":material/error:")
    elif isinstance(outcome, imports.Report):  # checked again before loading: the data had changed meanwhile
        st.error(t("import.load_refused", language), icon=":material/error:")
        st.session_state.pop("import_check", None)
    else:
        st.error(md_literal(outcome.text(language) if isinstance(outcome, PhraseError) else str(outcome)),
                 icon=":material/error:")

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
    checking = st.session_state.get("import_check")
    if checking is None or checking["key"] != key:  # a new file, table or sheet: check it in its own process
        if checking is not None:
            checking["job"].stop()
        checking = {"key": key, "job": worker.start("check", database_url, data=data, file_name=upload.name,
                                                    table=table, sheet=sheet, projects=projects, limits=limits,
                                                    actor=user["username"])}
        st.session_state["import_check"] = checking
    wait_for(checking["job"], "import.checking", language)
    report = checking["job"].result
    if isinstance(report, imports.FileProblem):
        st.error(t("import.unreadable", language, problem=md_literal(report.text(language))),
                 icon=":material/error:")
    elif not isinstance(report, imports.Report):
        st.error(md_literal(report.text(language) if isinstance(report, PhraseError) else str(report)),
                 icon=":material/error:")
    else:
        st.caption(md_literal(report.summary(language)))
        if report.errors:
            st.error(t("import.errors", language, n=len(report.errors)), icon=":material/error:")
        if report.guess and report.guess in imports.tables_for(projects):
            st.button(t("import.guess_button", language, title=t(f"import.table.{report.guess}", language)),
                      on_click=choose_table, args=(report.guess,), icon=":material/swap_horiz:",
                      key=f"import_guess_{nonce}")
        if report.warnings:
            st.warning(t("import.warnings", language, n=len(report.warnings)), icon=":material/warning:")
        if report.messages:
            st.markdown(f"**{t('import.report', language)}**")
            st.dataframe(imports.report_frame(report, language), hide_index=True, width="stretch")
            st.download_button(t("import.report_download", language), data=import_files.report_csv(report, language),
                               file_name=f"rapporto_{upload.name.rsplit('.', 1)[0]}.csv", mime="text/csv",
                               icon=":material/download:", on_click="ignore", key=f"import_report_{nonce}")
        if report.loadable:
            diff = report.diff
            st.subheader(t("import.preview", language))
            a, b, c = st.columns(3)
            a.metric(t("import.added", language), fmt_number(diff.added, lang=language))
            b.metric(t("import.replaced", language), fmt_number(diff.replaced, lang=language),
                     help=t("import.replaced_help", language, n=fmt_number(diff.replaced_current, lang=language)))
            c.metric(t("import.unchanged", language), fmt_number(diff.unchanged, lang=language))
            held_corrections.preview_note(report, language)
            if not diff.changes:
                st.info(t("import.nothing", language))
            else:
                st.markdown(f"**{t('import.figures', language)}**")
                st.caption(t("import.figures_note", language))
                st.dataframe(import_files.figures_table(report, language), hide_index=True, width="stretch",
                             key=f"import_figures_{nonce}")
                if st.button(t("import.load", language), type="primary", icon=":material/upload:",
                             key=f"import_load_{nonce}"):
                    try:
                        worker.preflight(engine)
                    except settings.ConfigError as exc:  # e.g. no CKM secret: nothing is started, nothing loaded
                        st.error(t("import.config_error", language, problem=str(exc)), icon=":material/error:")
                        st.stop()
                    st.session_state["import_load"] = {
                        "file": upload.name,
                        "job": worker.start("load", database_url, data=data, file_name=upload.name, table=table,
                                            sheet=sheet, projects=projects, limits=limits, actor=user["username"])}
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
        chosen = st.selectbox(t("import.rollback_pick", language), candidates,  # the latest first, preselected
                              key=f"rollback_pick_{candidates[0]}")  # a new version gets a new, reset widget
        confirm = st.checkbox(t("import.rollback_confirm", language, version=chosen), key=f"rollback_ok_{chosen}")
        if st.button(t("import.rollback_button", language), disabled=not confirm, key="rollback_go"):
            try:
                undo = imports.rollback_by(engine, chosen, user["username"])
            except imports.RollbackError as exc:
                st.error(exc.text(language) if isinstance(exc, PhraseError) else str(exc), icon=":material/error:")
            except auth.AuthError as exc:
                st.error(exc.markdown(language), icon=":material/error:")
            else:
                st.session_state["import_done"] = [t("import.rollback_done", language, version=chosen, undo=undo)]
                st.rerun()

st.divider()
held_corrections.section(engine, user["username"], projects is None, language)
