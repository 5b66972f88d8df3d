"""The ``corrections`` commands: list the corrections held for approval, approve one, reject one.

A data steward's correction of project-months already published waits for an administrator
(data_access/imports/corrections.py). From the command line the decision is the operator's (recorded as
``manage.py`` in the audit trail) unless ``--user`` names the administrator deciding.
"""

from __future__ import annotations

from cli.common import ACTOR, CommandError, aligned, engine_ready, headings
from cli.language import language, say


def corrections(args) -> int:
    """Run the ``corrections`` action named on the command line."""
    return ACTIONS[args.corrections_command](engine_ready(), args)


def listing(engine, args) -> int:
    """The held corrections, newest first: those waiting, or all of them with ``--all``."""
    from data_access.imports import corrections as held

    frame = held.listing(engine, pending_only=not args.all)
    if frame.empty:
        print(say("cli.corrections.none" if not args.all else "cli.corrections.none_at_all"))
        return 0
    lines = [headings("cli.corrections.columns"), *(_line(row) for row in frame.itertuples(index=False))]
    for line in aligned(lines):
        print(line)
    return 0


def _line(row) -> tuple[str, ...]:
    return (str(row.id), row.created_at.strftime("%Y-%m-%d %H:%M"), row.created_by, row.table, str(row.rows),
            ", ".join(row.measures) or "-", "-" if row.revisions is None else str(row.revisions),
            say(f"corrections.status.{row.status}"), f"{row.months} ({row.file_name})")


def approve(engine, args) -> int:
    """Approve a held correction: it is loaded as a new data version."""
    from data_access.imports import corrections as held

    try:
        version = (held.approve(engine, args.id, ACTOR) if args.user == ACTOR
                   else held.approve_by(engine, args.id, args.user))
    except held.CorrectionError as exc:
        raise CommandError(exc.text(language())) from None
    print(say("cli.corrections.approved", id=args.id) if version is None
          else say("cli.corrections.loaded", id=args.id, version=version))
    return 0


def reject(engine, args) -> int:
    """Reject a held correction: nothing is loaded."""
    from data_access.imports import corrections as held

    try:
        held.reject(engine, args.id, ACTOR) if args.user == ACTOR else held.reject_by(engine, args.id, args.user)
    except held.CorrectionError as exc:
        raise CommandError(exc.text(language())) from None
    print(say("cli.corrections.rejected", id=args.id))
    return 0


ACTIONS = {"list": listing, "approve": approve, "reject": reject}
