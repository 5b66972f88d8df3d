"""Rete e tavolo: first the local action plan's overdue actions (the latest first, in sight without scrolling); who
is in the territorial network at the end of the chosen range, meetings and participation by body (months without a
meeting as 0), the local action plan by status, and training for operators (by audience year by year). Layout only:
every figure comes from data_access.analytics; each chart is a chart registry entry (presentation.registry), whose query
the page calls and whose builder draws the published result."""

import datetime as dt

import streamlit as st

from config import settings
from config.labels import t, t_md
from data_access.analytics import ACTION_STATUSES, AUDIENCES, BODIES, ORGANISATION_TYPES
from presentation import charts, registry, view_cache
from presentation.charts import day
from presentation.registry import code_labels, total_label
from views import plan_indicators, sparsity
from views.layout import (
    chart_and_table,
    is_open,
    lazy_tabs,
    page_context,
    show_chart,
    show_table,
    small_values_note,
    source_caption,
)

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period, unit_title = context.territory, context.period, context.unit_title
total = total_label(language)
words = context.words()


types = code_labels("organisation_type", ORGANISATION_TYPES, language) | total
bodies = code_labels("body", BODIES, language)
statuses = code_labels("status", ACTION_STATUSES, language)
audiences = code_labels("audience", AUDIENCES, language) | total
members = registry.MEMBERS_BY_TYPE.query(scope, filters)  # analytics.rete_members
as_of = day(members["by_type"].frame.attrs["as_of"])

st.title(t("rete.title", language))
st.markdown(t_md("rete.intro", language, territory=territory, date=as_of, period=period))
context.require("network_members", "meetings", "actions", "training")
if filters.programme or filters.project:
    st.info(t("rete.programme_note", language))


# --- First: the action plan's overdue items, the latest first (what a tavolo discusses first) ----------------------
def overdue_first() -> None:
    """The overdue actions at the top of the page, visible without scrolling; the whole plan is further down."""
    plan = registry.PLAN.query(scope, filters, dt.date.today())  # analytics.rete_actions
    items = plan["items"].frame
    if items.empty:
        return
    late, date = items["overdue"].astype(bool), day(items.attrs["as_of"])
    st.subheader(t("meeting.rete.overdue_title", language, date=date, n=int(late.sum()), total=len(items)))
    if not late.any():
        st.success(t("meeting.rete.none_overdue", language, date=date), icon=":material/task_alt:")
        return
    shown = view_cache.cached_table("rete.overdue", plan["items"], language,  # the rows taken once per question
                                    lambda: registry.overdue_table(items[late], language))
    show_table(st, shown, width="stretch", title=t("meeting.slide.overdue", language, territory=territory, date=date),
               column_config={shown.columns[1]: st.column_config.TextColumn(width="medium")})  # all in sight


if context.available is None or context.available.any("actions"):
    overdue_first()



# --- Who is in the network ---------------------------------------------------------------------------------------
def members_section():
    """Members of the networks at the end of the range."""
    st.subheader(t("rete.section_members", language))
    by_type, by_territory = members["by_type"].frame, members["by_territory"].frame
    organisations = t("measure.members", language)
    tabs = lazy_tabs([t("rete.col.organisation_type", language), t("analytics.territory", language),
                      t("rete.table_by_type", language), t("rete.table_by_territory", language),
                      t("rete.members_list", language)], key="tabs_rete_members")
    for tab, entry in zip(tabs[:2], (registry.MEMBERS_BY_TYPE, registry.MEMBERS_BY_TERRITORY), strict=True):
        if is_open(tab):  # only the open tab's chart is built (a table: when its tab is open)
            show_chart(tab, entry.chart(members, words), theme=None)
    show_table(tabs[2], lambda: charts.table_view(by_type, {"category": t("rete.col.organisation_type", language),
                                                          "members": organisations},
                                                  lang=language, formatters={"category": types.get}),
               title=context.section_title("rete.section_members"))
    show_table(tabs[3], lambda: charts.table_view(by_territory, {"territory_name": t("analytics.territory", language),
                                                               "members": organisations}, lang=language),
               title=registry.MEMBERS_BY_TERRITORY.title_text(members, words))
    show_table(tabs[4], lambda: charts.table_view(
        members["members"].frame, {"territory_name": t("analytics.territory", language),
                                   "organisation": t("rete.col.organisation", language),
                                   "organisation_type": t("rete.col.organisation_type", language),
                                   "joined": t("rete.col.joined", language)},
        lang=language, formatters={"organisation_type": types.get, "joined": day}),
               title=context.section_title("rete.section_members"))
    st.caption(t("rete.members_note", language, date=as_of))


# --- Meetings and participation -----------------------------------------------------------------------------------
def meetings_section():
    """Meetings and participation over the range."""
    st.subheader(t("rete.section_meetings", language))
    if filters.start == filters.end:
        st.info(t("analytics.single_period", language))
    meetings = registry.MEETINGS.query(scope, filters)  # analytics.rete_meetings
    tabs = lazy_tabs([t("measure.meetings", language), t("measure.mean_present", language),
                      t("analytics.tab_table", language)], key="tabs_rete_meetings")
    for tab, entry in zip(tabs[:2], (registry.MEETINGS, registry.PARTICIPATION), strict=True):
        if is_open(tab):
            show_chart(tab, entry.chart(meetings, words), theme=None)
    show_table(tabs[2], lambda: charts.table_view(
        meetings.frame, {"period_key": unit_title, "body": t("rete.col.body", language),
                         **{m: t(f"measure.{m}", language) for m in ("meetings", "mean_present", "decisions")}},
        lang=language, unit=filters.unit, decimals={"mean_present": 1}, formatters={"body": bodies.get},
        notes=context.notes), title=context.section_title("rete.section_meetings"))


# --- Local action plan ------------------------------------------------------------------------------------------
def plan_section():
    """The local action plan and its overdue items."""
    st.subheader(t("rete.section_plan", language))
    plan = registry.PLAN.query(scope, filters, dt.date.today())  # analytics.rete_actions
    items, by_status = plan["items"].frame, plan["by_status"].frame
    plan_date = day(items.attrs["as_of"])
    left, right = st.columns([3, 1])
    with left:
        chart_and_table(
            registry.PLAN.chart(plan, words),
            lambda: charts.table_view(by_status, {"status": t("rete.col.status", language),
                                                  "count": t("measure.actions", language),
                                                  "overdue": t("rete.overdue", language, date=plan_date)},
                                      lang=language, formatters={"status": (statuses | total).get}),
            key="tabs_rete_plan")
    right.metric(t("rete.overdue", language, date=plan_date), by_status.loc[by_status["is_total"], "overdue"].iloc[0],
                 border=True)
    columns = {"overdue": t("rete.col.overdue", language), "days_late": t("rete.col.days_late", language),
               "action_code": t("rete.col.action_code", language), "title": t("rete.col.title", language),
               "lead_organisation_type": t("rete.col.lead", language), "status": t("rete.col.status", language),
               "due_date": t("rete.col.due_date", language), "completed_date": t("rete.col.completed_date", language),
               "territory_name": t("analytics.territory", language)}  # overdue first: in sight at 1,400 px
    show_table(st, view_cache.cached_table("rete.plan", plan["items"], language, lambda: charts.table_view(
        items, columns, lang=language, formatters={"lead_organisation_type": types.get, "status": statuses.get,
                                                   "due_date": day, "completed_date": day})),
               title=context.section_title("rete.section_plan"))
    st.caption(t("rete.overdue_note", language, date=plan_date))
    plan_indicators.show(context, items)  # each item's status beside its indicator's trend (issue 21)


# --- Training for operators -------------------------------------------------------------------------------------
def training_section():
    """Training for operators; True where a value shows as "<k"."""
    st.subheader(t("rete.section_training", language))
    training = registry.TRAINING.query(scope, filters)  # analytics.rete_training
    trend, by_audience = training["trend"], training["by_audience"]
    k = trend.k
    participants = t("measure.participants", language)
    chart_and_table(
        registry.TRAINING.chart(training, words),
        lambda: charts.table_view(trend.frame, {"period_key": unit_title, "courses": t("measure.courses", language),
                                                "hours": t("measure.hours", language), "participants": participants},
                                  k=k, lang=language, unit=filters.unit, decimals={"hours": 1}, notes=context.notes),
        key="tabs_rete_training")
    if not sparsity.guard(st, by_audience, "participants", context, key="rete"):  # mostly 0 or "<k"
        chart_and_table(
            registry.TRAINING_BY_AUDIENCE.chart(training, words),
            lambda: charts.table_view(by_audience.frame, {"period_key": t("unit.anno", language).capitalize(),
                                                          "category": t("rete.col.audience", language),
                                                          "courses": t("measure.courses", language),
                                                          "hours": t("measure.hours", language),
                                                          "participants": participants},
                                      k=k, lang=language, unit="anno", decimals={"hours": 1},
                                      formatters={"category": audiences.get}),
            key="tabs_rete_training_audience")
    st.caption(t("disclosure.training_hours_note", language))
    st.caption(t("analytics.totals_note", language))
    st.caption(t("meeting.rete.training_years", language))
    return trend.has_small or by_audience.has_small


has_small = False
for table, section in (("network_members", members_section), ("meetings", meetings_section),
                       ("actions", plan_section), ("training", training_section)):
    if not context.lacks(table):
        has_small = bool(section()) or has_small
if has_small:
    small_values_note(settings.ckm_params().k)
source_caption(members["by_type"].data_version)
