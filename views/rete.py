"""Rete e tavolo: who is in the territorial network at the end of the chosen range, meetings and participation by
body, the local action plan by status with overdue actions, and training for operators. Layout only: every
figure comes from data_access.analytics."""

import datetime as dt

import streamlit as st

from config.labels import t
from config.theme import PALETTE, SMALL_VALUE_COLOUR
from data_access import analytics
from data_access.analytics import ACTION_STATUSES, AUDIENCES, BODIES, ORGANISATION_TYPES, TOTAL
from presentation import charts
from views.layout import page_context, show_chart, show_table, small_values_note, source_caption

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period, unit_title = context.territory, context.period, context.unit_title
total = {TOTAL: t("analytics.total", language)}
STATUS_COLOURS = {"pianificata": PALETTE[1], "in_corso": PALETTE[0], "completata": PALETTE[2],
                  "sospesa": SMALL_VALUE_COLOUR}


def labels(prefix: str, codes) -> dict[str, str]:
    return {code: t(f"{prefix}.{code}", language) for code in codes}


def day(value) -> str:
    return "—" if value is None or value != value else value.strftime("%d/%m/%Y")


def chart_and_table(chart, table) -> None:
    tab_chart, tab_table = st.tabs([t("analytics.tab_chart", language), t("analytics.tab_table", language)])
    show_chart(tab_chart, chart, theme=None)
    show_table(tab_table, table, title=charts.title_of(chart))


types, bodies = labels("organisation_type", ORGANISATION_TYPES) | total, labels("body", BODIES)
statuses, audiences = labels("status", ACTION_STATUSES), labels("audience", AUDIENCES) | total
members = analytics.rete_members(scope, filters)
as_of = day(members["by_type"].frame.attrs["as_of"])

st.title(t("rete.title", language))
st.markdown(t("rete.intro", language, territory=territory, date=as_of, period=period))
if filters.programme or filters.project:
    st.info(t("rete.programme_note", language))

# --- Who is in the network ---------------------------------------------------------------------------------------
st.subheader(t("rete.section_members", language))
by_type, by_territory = members["by_type"].frame, members["by_territory"].frame
organisations = t("measure.members", language)
tabs = st.tabs([t("rete.col.organisation_type", language), t("analytics.territory", language),
                t("rete.table_by_type", language), t("rete.table_by_territory", language),
                t("rete.members_list", language)])
show_chart(tabs[0], charts.bars(
    by_type[~by_type["is_total"]], category="category", measure="members", category_labels=types,
    x_title=organisations, lang=language,
    title=t("rete.chart_by_type", language, territory=territory, date=as_of)), theme=None)
show_chart(tabs[1], charts.bars(
    by_territory, category="territory_code", measure="members", x_title=organisations, lang=language,
    category_labels=dict(zip(by_territory["territory_code"], by_territory["territory_name"], strict=True)),
    title=t("rete.chart_by_territory", language, territory=territory, date=as_of)), theme=None)
show_table(tabs[2], charts.table_view(by_type, {"category": t("rete.col.organisation_type", language),
                                              "members": organisations},
                                    lang=language, formatters={"category": types.get}),
                                        title=context.section_title("rete.section_members"))
show_table(tabs[3], charts.table_view(by_territory, {"territory_name": t("analytics.territory", language),
                                                   "members": organisations}, lang=language),
           title=t("rete.chart_by_territory", language, territory=territory, date=as_of))
show_table(tabs[4], charts.table_view(
    members["members"].frame, {"territory_name": t("analytics.territory", language),
                               "organisation": t("rete.col.organisation", language),
                               "organisation_type": t("rete.col.organisation_type", language),
                               "joined": t("rete.col.joined", language)},
    lang=language, formatters={"organisation_type": types.get, "joined": day}),
        title=context.section_title("rete.section_members"))
st.caption(t("rete.members_note", language, date=as_of))

# --- Meetings and participation -----------------------------------------------------------------------------------
st.subheader(t("rete.section_meetings", language))
if filters.start == filters.end:
    st.info(t("analytics.single_period", language))
meetings = analytics.rete_meetings(scope, filters).frame
tabs = st.tabs([t("measure.meetings", language), t("measure.mean_present", language),
                t("analytics.tab_table", language)])
show_chart(tabs[0], charts.stacked_bars_over_time(
    meetings, unit=filters.unit, measure="meetings", series_col="body", series_labels=bodies, lang=language,
    y_title=t("measure.meetings", language),
    title=t("rete.chart_meetings", language, territory=territory, period=period)), theme=None)
show_chart(tabs[1], charts.time_series_by(
    meetings, unit=filters.unit, measure="mean_present", series_col="body", series_labels=bodies, lang=language,
    decimals=1, y_title=t("measure.mean_present", language),
    title=t("rete.chart_participation", language, territory=territory, period=period)), theme=None)
show_table(tabs[2], charts.table_view(
    meetings, {"period_key": unit_title, "body": t("rete.col.body", language),
               **{m: t(f"measure.{m}", language) for m in ("meetings", "mean_present", "decisions")}},
    lang=language, unit=filters.unit, decimals={"mean_present": 1}, formatters={"body": bodies.get}),
        title=context.section_title("rete.section_meetings"))

# --- Local action plan ------------------------------------------------------------------------------------------
st.subheader(t("rete.section_plan", language))
plan = analytics.rete_actions(scope, filters, dt.date.today())
items, by_status = plan["items"].frame, plan["by_status"].frame
plan_date = day(items.attrs["as_of"])
left, right = st.columns([3, 1])
with left:
    chart_and_table(
        charts.status_bars(by_status[~by_status["is_total"]], status_labels=statuses, lang=language,
                           x_title=t("measure.actions", language), colours=STATUS_COLOURS,
                           title=t("rete.chart_plan", language, territory=territory, date=plan_date)),
        charts.table_view(by_status, {"status": t("rete.col.status", language), "count": t("measure.actions", language),
                                      "overdue": t("rete.overdue", language, date=plan_date)},
                          lang=language, formatters={"status": (statuses | total).get}))
right.metric(t("rete.overdue", language, date=plan_date), by_status.loc[by_status["is_total"], "overdue"].iloc[0],
             border=True)
columns = {"territory_name": t("analytics.territory", language), "action_code": t("rete.col.action_code", language),
           "title": t("rete.col.title", language), "lead_organisation_type": t("rete.col.lead", language),
           "status": t("rete.col.status", language), "due_date": t("rete.col.due_date", language),
           "completed_date": t("rete.col.completed_date", language), "overdue": t("rete.col.overdue", language),
           "days_late": t("rete.col.days_late", language)}
show_table(st, charts.table_view(items, columns, lang=language,
                               formatters={"lead_organisation_type": types.get, "status": statuses.get,
                                           "due_date": day, "completed_date": day}),
                                               title=context.section_title("rete.section_plan"))
st.caption(t("rete.overdue_note", language, date=plan_date))

# --- Training for operators -------------------------------------------------------------------------------------
st.subheader(t("rete.section_training", language))
training = analytics.rete_training(scope, filters)
trend, by_audience = training["trend"], training["by_audience"]
k = trend.k
participants = t("measure.participants", language)
chart_and_table(
    charts.time_series(trend.frame, unit=filters.unit, measures=["participants"], labels={}, k=k, lang=language,
                       y_title=participants,
                       title=t("rete.chart_training", language, territory=territory, period=period)),
    charts.table_view(trend.frame, {"period_key": unit_title, "courses": t("measure.courses", language),
                                    "hours": t("measure.hours", language), "participants": participants},
                      k=k, lang=language, unit=filters.unit, decimals={"hours": 1}))
chart_and_table(
    charts.bars(by_audience.frame[~by_audience.frame["is_total"]], category="category", measure="participants",
                category_labels=audiences, x_title=participants, k=k, lang=language,
                title=t("rete.chart_training_audience", language, territory=territory, period=context.last_period)),
    charts.table_view(by_audience.frame, {"category": t("rete.col.audience", language),
                                          "courses": t("measure.courses", language),
                                          "hours": t("measure.hours", language), "participants": participants},
                      k=k, lang=language, decimals={"hours": 1}, formatters={"category": audiences.get}))
st.caption(t("analytics.totals_note", language))
context.totals_note()

if trend.has_small or by_audience.has_small:
    small_values_note(k)
source_caption(trend.data_version)
