"""Segnalazioni: the alerts of the user's territory (data_access.alerts), grouped by rule, each with what, where,
since when and a link to the view that shows it; a button to dismiss one for oneself (recorded in the audit trail),
the rules in words, and the user's e-mail choices (views/notify_form.py). Layout only: which alerts a scope sees,
and what each says, is decided by data_access.alerts."""

import datetime as dt
import hashlib

import streamlit as st

from config import alerting, settings
from config.labels import fmt_month, md_literal, t, t_md
from data_access import alerts, auth, queries
from views import notify_form
from views import session as _session
from views.layout import current_scope, lang

language = lang()
scope = current_scope()
username = st.session_state.get("username")
role = (st.session_state.get("roles") or [None])[0]
engine = _session.engine()
today = dt.date.today()

st.title(t("alerts.title", language))


def rules_text() -> None:
    """Each rule in words, with the parameters in force."""
    rules, params = alerting.alert_rules(), settings.ckm_params()
    sd = alerts.noise_sd()
    values = {
        "full": {"threshold": round(rules.full * 100), "months": rules.full_months, "D": params.D, "k": params.k},
        "late": {"day": rules.deadline_day, "month": fmt_month(alerts.due_month(today, rules.deadline_day), language)},
        "action": {"days": rules.due_days},
        "trend": {"z": f"{rules.trend_z:g}", "sd": f"{sd:.2f}".replace(".", "," if language == "it" else "."),
                  "limit": int(rules.trend_z * sd) + 1, "minimum": rules.trend_min,
                  "share": f"{rules.trend_share * 100:g}", "k": params.k}}
    with st.expander(t("alerts.rules_title", language), icon=":material/rule:"):
        for rule in alerts.RULES:
            title, text = t(f"alerts.rule.{rule}", language), t(f"alerts.rule_text.{rule}", language, **values[rule])
            st.markdown(f"**{title}**: {text}")
        st.caption(t("alerts.rule_text.common", language))


TEXT_WIDTH = 540  # px: an alert's text beside its link and button on a screen, above them on a phone


def widget_key(prefix: str, found: alerts.Found) -> str:
    return f"{prefix}-{hashlib.md5(found.key.encode(), usedforsecurity=False).hexdigest()[:16]}"


def alert_row(found: alerts.Found, *, dismissed: bool = False) -> None:
    """One alert in its bordered row: what (in bold), where and since when (small, grey, below it); the link to
    its view; the button to dismiss (or show again). One horizontal container and three elements: a page of 32
    alerts sends some 130 elements at every click, not 300 (issue 20). The text is 540 px wide at most, the link and
    the button beside it; on a phone they go under it, as the columns they replaced did."""
    row = st.container(border=True, horizontal=True, vertical_alignment="center", gap="medium")
    row.markdown(f"**{md_literal(found.what(language))}**  \n"
                 f":gray[:small[{md_literal(f'{found.where(language)} · {found.since_text(language)}')}]]",
                 width=TEXT_WIDTH)
    if found.page in auth.pages_for(role):
        _session.page_link(row, f"views/{found.page}.py", label=t("alerts.open", language),
                           icon=":material/open_in_new:", query_params=found.params)
    if dismissed:
        row.button(t("alerts.restore", language), key=widget_key("restore", found),
                   on_click=alerts.restore, args=(engine, username, found))
    else:
        row.button(t("alerts.dismiss", language), key=widget_key("dismiss", found), help=t(
            "alerts.dismiss_help", language), on_click=alerts.dismiss, args=(engine, username, found))


def alert_list(items: list, *, key: str, dismissed: bool = False) -> None:
    """The alerts of one list: the first ``alerting.SHOWN_PER_RULE``, and a switch to show them all (the whole
    country's list runs to a thousand alerts and more: drawn at once, the page took a second at every click)."""
    first = alerting.SHOWN_PER_RULE
    every = len(items) <= first or st.toggle(t("alerts.show_all", language, n=len(items)), key=key)
    for item in items if every else items[:first]:
        alert_row(item, dismissed=dismissed)
    if not every:
        st.caption(t("alerts.more", language, shown=first, n=len(items), rest=len(items) - first))


info = queries.version_info()
if info is None:
    st.info(t("alerts.nothing_loaded", language), icon=":material/inbox:")
    rules_text()
    notify_form.show(engine, username, role, language)
    st.stop()

found = alerts.for_scope(engine, scope, today)
shown, hidden = alerts.split_dismissed(found, alerts.dismissed_keys(engine, username))
st.markdown(t_md("alerts.intro", language, territory=scope.label, today=today.strftime("%d/%m/%Y"),
                 date=info["created_at"].strftime("%d/%m/%Y"), version=info["id"]))
if not scope.fine:
    st.caption(t("alerts.guest_note", language))
rules_text()
if not shown:
    st.success(t("alerts.none", language), icon=":material/check_circle:")
rules = [rule for rule in alerts.RULES if scope.fine or rule == "trend"]  # a guest: regional trends only
empty = [t(f"alerts.rule.{rule}", language) for rule in rules if not any(f.rule == rule for f in shown)]
if shown and empty:
    st.caption(t("alerts.none_rules", language, rules="; ".join(empty)))
for rule in rules:
    mine = [f for f in shown if f.rule == rule]
    if not mine:
        continue
    st.subheader(t("alerts.count_rule", language, title=t(f"alerts.rule.{rule}", language), n=len(mine)))
    alert_list(mine, key=f"alerts_all_{rule}")
if hidden:
    with st.expander(t("alerts.dismissed_title", language, n=len(hidden)), icon=":material/visibility_off:"):
        alert_list(hidden, key="alerts_all_dismissed", dismissed=True)
notify_form.show(engine, username, role, language)
