"""``manage.py pack``: a tavolo's meeting pack from the command line, for a scheduler (cron, a systemd timer).

The same code as the Pacchetto riunione page (``presentation.meeting_pack.build``): the same slides, captions and
summary for the same territory, period and charts. The arguments are checked as the page checks its address (one
check per field: ``data_access.scope``), but a value the page would ignore with a notice is refused here, with one
line saying which option and why: a scheduled pack must not quietly show another territory.

Scope: without ``--user`` every province (the operator of the server, like ``import``); with ``--user`` that user's
territory, so a coordinator's pack holds only what they may see. The language of the slides is the command line's
(``CRUSCOTTO_LANG=en``: English).
"""

from __future__ import annotations

from pathlib import Path

from cli.common import ACTOR, CommandError, engine_ready, os_reason, unwritable
from cli.language import language, say


def _scope(engine, username: str):
    """The scope the pack is made for: the operator's (every province, earlier data versions too), or a user's."""
    from data_access import auth
    from data_access.scope import Scope

    if username == ACTOR:
        return Scope(provinces=None, level="provincia", label=say("territory.italy"), history=True)
    return auth.scope_for(engine, username, language())  # AuthError for an unknown or disabled user


def _checked(option: str, raw: str | None, check, *args):
    """The value of an option as its check accepts it; CommandError naming the option where it refuses."""
    if raw is None:
        return None
    value = check(raw.strip(), *args)
    if hasattr(value, "text"):  # a Phrase: why the value is refused
        raise CommandError(say("cli.pack.refused", option=option, value=raw, why=value.text(language())), 2)
    return value


def pack_filters(args, choices):
    """The filters of the command line, each option checked against what the scope may choose."""
    from data_access import scope as periods

    province = _checked("--province", args.province, periods.check_province, choices)
    region = _checked("--region", args.region, periods.check_region, choices, province) or (
        choices.provinces.get(province) if province else None)
    programme = _checked("--programme", args.programme, periods.check_programme, choices)
    project = _checked("--project", args.project, periods.check_project, choices, programme, region, province)
    as_of = _checked("--version", None if args.version is None else str(args.version), periods.check_as_of, choices)
    end = _checked("--to", args.to, periods.check_period, args.unit, choices)
    start = _checked("--from", args.start, periods.check_period, args.unit, choices)
    ends = {"unita": args.unit, **({"a": end} if end else {}), **({"da": start} if start else {})}
    default = periods.filters_from_params(ends, choices, span=True)[0]  # the page's range for what is not given
    return periods.Filters(unit=args.unit, start=start or default.start, end=end or default.end, region=region,
                           province=province, programme=programme, project=project, as_of=as_of)


def _charts(text: str | None, available) -> list[str]:
    from presentation import meeting_pack
    from presentation.registry import PACK

    if text is None:
        return meeting_pack.default_charts(available)
    chosen = [c.strip() for c in text.split(",") if c.strip()]
    unknown = [c for c in chosen if c not in PACK]
    if unknown or not chosen:
        raise CommandError(say("cli.pack.charts", value=text, allowed=", ".join(PACK)), 2)
    return list(dict.fromkeys(chosen))


def build(args):
    """The pack the arguments ask for (a ``presentation.meeting_pack.BuiltPack``), checked but not yet written."""
    from data_access import queries
    from presentation import meeting_pack

    engine = engine_ready()
    scope = _scope(engine, args.user)
    if queries.version_info(engine) is None:
        raise CommandError(say("cli.pack.no_data"))
    choices = queries.filter_choices(scope, None, engine=engine)["choices"]
    filters = pack_filters(args, choices)
    available = queries.data_available(scope, filters, engine=engine)
    if not available.any(*meeting_pack.PACK_TABLES):
        raise CommandError(say("cli.pack.nothing", tables=", ".join(
            say(f"import.table.{name}") for name in dict.fromkeys(meeting_pack.PACK_TABLES))))
    chosen = _charts(args.charts, available)
    return meeting_pack.build(scope, filters, lang=language(), chosen=chosen, tavolo=args.tavolo, engine=engine)


def pack(args) -> int:
    """Build the pack and write it (PPTX or PDF); nothing is written when an argument is refused."""
    output = Path(args.output) if args.output else None
    if output is not None and (problem := unwritable(output)):
        raise CommandError(say("cli.pack.unwritable", path=output, problem=problem))
    built = build(args)
    path = output or Path(built.file_name(args.format))
    data = built.file(args.format)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise CommandError(say("cli.pack.unwritable", path=path, problem=os_reason(exc))) from None
    print(say("cli.pack.written", path=path, n=len(built.pack.charts), version=built.pack.data_version,
              territory=built.pack.territory, period=built.pack.period))
    return 0
