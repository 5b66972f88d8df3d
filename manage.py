#!/usr/bin/env python3
"""Command line of the Cruscotto territoriale: database, demo data, disclosure control.

    python manage.py init-db                 migrate the database to the current schema, load territories
    python manage.py seed-demo [--scale seeds|national] [--seed N] [--if-empty]
    python manage.py ptable [--D 5 --V 3 --js 2 --pstay 0.5]
    python manage.py rekey                   recompute cell keys after a change of secret
    python manage.py status                  schema, data versions, demo mode

Expected errors print one line in Italian and exit non-zero (2: wrong arguments, 1: anything else); nothing
is written when a command fails.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time

ERRORS_IT = [
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
     r"argomento \1: valore non ammesso «\2» (ammessi: \3)"),
    (r"argument (\S+): invalid (\w+) value: '?([^']*)'?", r"argomento \1: valore non valido «\3» (atteso \2)"),
    (r"argument (\S+): expected one argument", r"argomento \1: manca il valore"),
    (r"unrecognized arguments: (.*)", r"argomenti non riconosciuti: \1"),
    (r"the following arguments are required: (.*)", r"argomenti obbligatori mancanti: \1"),
    (r"argument (\S+): (.*)", r"argomento \1: \2"),
]


class Parser(argparse.ArgumentParser):
    """argparse with one-line Italian errors."""

    def error(self, message: str):  # noqa: D401
        for pattern, replacement in ERRORS_IT:
            if re.search(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        message = message.replace("int", "un numero intero").replace("float", "un numero")
        self.exit(2, f"Errore: {message}. Vedere `{self.prog} --help`.\n")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


def build_parser() -> Parser:
    parser = Parser(prog="manage.py", description="Cruscotto territoriale: database, dati demo, protezione.")
    sub = parser.add_subparsers(dest="command", metavar="COMANDO", parser_class=Parser)
    sub.required = True

    sub.add_parser("init-db", help="porta il database allo schema attuale e carica i territori ISTAT")

    seed = sub.add_parser("seed-demo", help="genera e carica i dati dimostrativi sintetici")
    seed.add_argument("--scale", choices=["seeds", "national"], default="seeds",
                      help="seeds: i progetti delle fonti; national: tutte le 107 province (benchmark)")
    seed.add_argument("--seed", type=int, default=42, help="seme del generatore (stesso seme, stessi dati)")
    seed.add_argument("--if-empty", action="store_true",
                      help="carica solo se il database non contiene ancora dati (usato da make run)")

    pt = sub.add_parser("ptable", help="stampa la p-table del Cell Key Method (testo separato da ;)")
    pt.add_argument("--D", type=_positive_int, default=None, help="rumore massimo (predefinito dalla configurazione)")
    pt.add_argument("--V", type=float, default=None, help="varianza del rumore")
    pt.add_argument("--js", type=_positive_int, default=None, help="i valori 1..js non si pubblicano mai")
    pt.add_argument("--pstay", type=float, default=None, help="probabilità di nessun cambiamento")

    sub.add_parser("rekey", help="ricalcola le chiavi di cella con il segreto attuale")
    sub.add_parser("status", help="mostra schema, versioni dei dati e modalità demo")
    return parser


def _engine_ready():
    from data_access import db

    engine = db.get_engine()
    db.require_current_schema(engine)
    return engine


def cmd_init_db(_args) -> int:
    from data_access import db, reference

    engine = db.get_engine()
    before = db.schema_status(engine)
    db.upgrade(engine)
    loaded = reference.ensure_loaded(engine)
    print(f"Database {'creato' if before == 'vuoto' else 'aggiornato' if before != 'aggiornato' else 'già aggiornato'}"
          f" (schema {db.head_revision()}){'; territori ISTAT caricati' if loaded else ''}.")
    return 0


def cmd_seed_demo(args) -> int:
    from config import settings
    from data_access import loading

    engine = _engine_ready()
    state = loading.data_state(engine)
    if not state["empty"]:
        if args.if_empty:
            print("Dati già presenti: nessun dato demo caricato (i dati esistenti restano come sono).")
            return 0
        if not state["demo"]:
            print("Errore: il database contiene dati reali; i dati demo non si caricano accanto a dati reali.",
                  file=sys.stderr)
            return 1
        print("Errore: dati demo già caricati. Per rigenerarli usare un database nuovo (DATABASE_URL).",
              file=sys.stderr)
        return 1
    from data_access import demo

    secret = settings.ckm_secret(demo_mode=True).value
    started = time.perf_counter()
    print(f"Genero i dati demo (scala {args.scale}, seme {args.seed})...", flush=True)
    data = demo.generate(args.scale, args.seed)
    version = loading.load(engine, secret=secret, kind="demo", source=f"demo:{args.scale}:seed={args.seed}",
                           frames=data.frames, projects=data.projects)
    print(f"Caricate {data.rows():,} righe in {time.perf_counter() - started:.1f} s (versione dati {version}).")
    return 0


def cmd_ptable(args) -> int:
    from dataclasses import replace

    from config import settings
    from data_access.disclosure import build_ptable

    params = settings.ckm_params()
    changes = {name: getattr(args, name) for name in ("D", "V", "js", "pstay") if getattr(args, name) is not None}
    params = replace(params, **changes)
    try:
        table = build_ptable(params)
    except ValueError as exc:
        print(f"Errore: parametri della p-table non ammissibili: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(table.to_text())
    if not table.to_text().endswith("\n"):
        sys.stdout.write("\n")
    return 0


def cmd_rekey(_args) -> int:
    from config import settings
    from data_access import loading

    engine = _engine_ready()
    state = loading.data_state(engine)
    secret = settings.ckm_secret(demo_mode=state["demo"] or state["empty"])
    rows = loading.rekey(engine, secret.value)
    print(f"Chiavi di cella ricalcolate per {rows:,} righe (segreto da: {secret.origin}).")
    return 0


def cmd_status(_args) -> int:
    from data_access import db, loading

    engine = db.get_engine()
    status = db.schema_status(engine)
    print(f"Schema: {status} (codice: {db.head_revision()}, database: {db.current_revision(engine) or '-'})")
    if status == "aggiornato":
        state = loading.data_state(engine)
        print(f"Dati: {'nessuno' if state['empty'] else state['kinds']}; ultima versione: {state['latest_version']}; "
              f"modalità demo: {'sì' if state['demo'] else 'no'}")
    return 0


COMMANDS = {"init-db": cmd_init_db, "seed-demo": cmd_seed_demo, "ptable": cmd_ptable, "rekey": cmd_rekey,
            "status": cmd_status}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from config.settings import ConfigError
    from data_access.db import DatabaseError
    from data_access.scope import PeriodError

    try:
        return COMMANDS[args.command](args)
    except (ConfigError, DatabaseError, PeriodError) as exc:
        print(f"Errore: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except KeyboardInterrupt:
        print("Interrotto: nessuna modifica salvata.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
