"""Commands on the database as a whole: ``init-db`` (with the shipped public statistics), ``seed-demo``, ``ptable``,
``rekey``, ``status``."""

from __future__ import annotations

import sys
import time

from cli.common import ACTOR, CommandError, engine_ready, number, word, yes_no
from cli.language import say


def init_db(_args) -> int:
    """Migrate to the current schema (the only command that may create a SQLite file), load the territories and
    the public statistics shipped in public_data/ (their own data version, when the database does not hold them
    yet), and build the map's boundaries once."""
    from data_access import db, public_files, reference

    engine = db.get_engine()
    before = db.upgrade(engine)
    loaded = reference.ensure_loaded(engine)
    public = public_files.ensure_loaded(engine, actor=ACTOR)
    from tools import topojson

    topojson.ensure_topojson()  # the map's boundaries in static/italia.topojson, built once
    key = {"vuoto": "cli.init_db.created", "aggiornato": "cli.init_db.current"}.get(before, "cli.init_db.upgraded")
    print(say(key, revision=db.head_revision(), territories=say("cli.init_db.territories") if loaded else ""))
    print(say("cli.init_db.public_current") if public is None else say("cli.init_db.public_loaded", version=public))
    return 0


def seed_demo(args) -> int:
    """Generate the demo data and load them, into an empty database only."""
    from config import settings
    from data_access import loading

    engine = engine_ready()
    state = loading.data_state(engine)
    if not state["empty"]:
        if args.if_empty:
            print(say("cli.seed.kept"))
            return 0
        raise CommandError(say("cli.seed.already" if state["demo"] else "cli.seed.real_data"))
    import demo

    secret = settings.ckm_secret(demo_mode=True).value
    started = time.perf_counter()
    print(say("cli.seed.generating", scale=args.scale, seed=args.seed), flush=True)
    data = demo.generate(args.scale, args.seed)
    version = loading.load(engine, secret=secret, kind="demo", source=f"demo:{args.scale}:seed={args.seed}",
                           frames=data.frames, projects=data.projects)
    print(say("cli.seed.loaded", rows=number(data.rows()), seconds=number(time.perf_counter() - started, 1),
              version=version))
    return 0


def ptable(args) -> int:
    """Print the p-table of the configured parameters, or of the ones given on the command line."""
    from dataclasses import replace

    from config import settings
    from data_access.disclosure import build_ptable

    params = settings.ckm_params()
    changes = {name: getattr(args, name) for name in ("D", "V", "js", "pstay") if getattr(args, name) is not None}
    params = replace(params, **changes)
    try:
        table = build_ptable(params)
    except ValueError:
        raise CommandError(say("cli.ptable.infeasible", D=params.D, V=params.V, js=params.js, pstay=params.pstay),
                           code=2) from None
    text = table.to_text()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def rekey(_args) -> int:
    """Recompute every cell key with the secret in force (after a change of secret)."""
    from config import settings
    from data_access import loading

    engine = engine_ready()
    state = loading.data_state(engine)
    secret = settings.ckm_secret(demo_mode=state["demo"] or state["empty"])
    rows = loading.rekey(engine, secret.value)
    print(say("cli.rekey.done", rows=number(rows), origin=secret.origin))
    return 0


def status(_args) -> int:
    """The schema of the database and, when it is current, the data loaded and whether they are demo data."""
    from data_access import db, loading

    engine = db.get_engine()
    schema = db.schema_status(engine)
    print(say("cli.status.schema", status=say(f"cli.schema.{schema}"), code=db.head_revision(),
              database=db.current_revision(engine) or "-"))
    if schema == "aggiornato":
        state = loading.data_state(engine)
        kinds = "; ".join(say("realpath.cli.kind_count", kind=word("realpath.kind", kind), n=number(count))
                          for kind, count in sorted(state["kinds"].items()))
        print(say("cli.status.data", kinds=kinds or say("cli.status.no_data"),
                  latest=state["latest_version"] or say("realpath.cli.no_version"), demo=yes_no(state["demo"])))
        reference = state["reference_version"]
        print(say("cli.status.public", version=reference) if reference else say("cli.status.no_public"))
    return 0
