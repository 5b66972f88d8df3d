"""``manage.py alerts run | list`` and ``manage.py notify``: the alerts of the day and the e-mail queue, for a
scheduler (the README shows the cron and systemd lines).

- ``alerts run``: compute and store the alerts of the current data version and today (a page does it at its first
  view otherwise; at night, so that the first visitor of the day does not wait);
- ``alerts list [--user USERNAME]``: the alerts in force, all of them or those of a user's scope;
- ``notify``: queue the messages due (digests of new alerts, packs of a new data version) and send the queue; a
  message that fails stays queued for a later attempt (``--status`` prints the queue). E-mail must be configured.
"""

from __future__ import annotations

from cli.common import ACTOR, CommandError, aligned, engine_ready, headings
from cli.language import language, say


def alerts(args) -> int:
    return ACTIONS[args.alerts_command](args)


def run(args) -> int:
    from data_access import alerts as rules

    engine = engine_ready()
    run_id = rules.refresh(engine, args.today)
    found = rules.run_alerts(engine, run_id)
    counts = ", ".join(f"{say(f'alerts.rule.{rule}')}: {sum(f.rule == rule for f in found)}" for rule in rules.RULES)
    last = rules.last_run(engine)
    print(say("cli.alerts.done", version=last["data_version"] or "-", day=last["day"].strftime("%d/%m/%Y"),
              counts=counts))
    return 0


def list_alerts(args) -> int:
    from data_access import alerts as rules
    from data_access import auth
    from data_access.scope import Scope

    engine = engine_ready()
    scope = Scope() if args.user == ACTOR else auth.scope_for(engine, args.user, language())
    found = rules.for_scope(engine, scope, args.today)
    if not found:
        print(say("alerts.none"))
        return 0
    lines = [headings("cli.alerts.columns")]
    lines += [(say(f"alerts.rule.{f.rule}"), f.since_text(language()), f.where(language()), f.what(language()))
              for f in found]
    for line in aligned(lines):
        print(line)
    return 0


def notify(args) -> int:
    """Queue what is due and send the queue (or, with ``--status``, print it)."""
    from config import alerting
    from data_access import notifications

    engine = engine_ready()
    if args.status:
        return _status(engine)
    settings = alerting.smtp_settings()
    if settings is None:
        raise CommandError(say("cli.notify.off", variable=alerting.SMTP_HOST_ENV))
    from mail import outbox

    queued = notifications.enqueue_due(engine, args.today)
    report = outbox.send_due(engine, settings, args.today)
    print(say("cli.notify.done", queued=queued, sent=report.sent, failed=report.failed, cancelled=report.cancelled))
    return 0


def _status(engine) -> int:
    from data_access import notifications

    frame = notifications.outbox(engine)
    if frame.empty:
        print(say("cli.notify.empty"))
        return 0
    lines = [headings("cli.notify.columns")]
    lines += [(str(r.id), r.created_at.strftime("%d/%m/%Y %H:%M"), r.username, r.kind, r.status, str(r.attempts),
               (r.last_error or "")[:80]) for r in frame.itertuples(index=False)]
    for line in aligned(lines):
        print(line)
    return 0


ACTIONS = {"run": run, "list": list_alerts}
