#!/usr/bin/env python3
"""Command line of the Cruscotto territoriale: database, demo data, disclosure control.

    python manage.py init-db                 migrate the database to the current schema, load territories
    python manage.py seed-demo [--scale seeds|national] [--seed N] [--if-empty]
    python manage.py ptable [--D 5 --V 3 --js 2 --pstay 0.5]
    python manage.py rekey                   recompute cell keys after a change of secret
    python manage.py status                  schema, data versions, demo mode
    python manage.py users add USERNAME --role ROLE [--province CODE]... [--project CODE]... [--name NAME]
    python manage.py users list | disable USERNAME | enable USERNAME | reset-password USERNAME
    python manage.py import FILE --table TABLE [--sheet NAME] [--dry-run] [--user USERNAME] [--report OUT.csv]
    python manage.py versions | rollback VERSION [--user USERNAME]
    python manage.py template TABLE [--format csv|xlsx] [--output FILE]
    python manage.py dictionary              print the data dictionary (docs/dizionario_dati.md)

Passwords (users add, users reset-password) are read from standard input: the first line, or, at a terminal,
typed twice without echo.

Expected errors print one line in Italian and exit non-zero (2: wrong arguments, 1: anything else); nothing
is written when a command fails. Only ``init-db`` creates a SQLite database file (and its folders); every other
command on a missing file says so and creates nothing. ``import`` exits 0 when the file is loaded (or already
loaded), 1 when the file has errors or cannot be read (the report is printed, nothing is loaded), 0 with
``--dry-run`` when the file would load.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import re
import sys
import time

ERRORS_IT = [
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
     r"argomento \1: valore non ammesso «\2» (ammessi: \3)"),
    (r"argument (\S+): invalid int value: '?([^']*)'?",
     r"argomento \1: valore non valido «\2» (atteso un numero intero)"),
    (r"argument (\S+): invalid float value: '?([^']*)'?", r"argomento \1: valore non valido «\2» (atteso un numero)"),
    (r"argument (\S+): expected one argument", r"argomento \1: manca il valore"),
    (r"unrecognized arguments: (.*)", r"argomenti non riconosciuti: \1"),
    (r"the following arguments are required: (.*)", r"argomenti obbligatori mancanti: \1"),
    (r"argument (\S+): (.*)", r"argomento \1: \2"),
]


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse with help in Italian and one-line Italian errors."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argomenti"
        self._optionals.title = "opzioni"
        self.add_argument("-h", "--help", action="help", help="mostra questo aiuto ed esce")

    def error(self, message: str):  # noqa: D401
        for pattern, replacement in ERRORS_IT:
            if re.search(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.exit(2, f"Errore: {message}. Vedere `{self.prog} --help`.\n")


def _integer(minimum: int, maximum: int | None = None, what: str = "un numero intero non negativo"):
    """An argparse type: a whole number in [minimum, maximum], refused in Italian (one line) otherwise."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"valore non valido «{text}» (atteso un numero intero)") from None
        if value < minimum or (maximum is not None and value > maximum):
            raise argparse.ArgumentTypeError(f"valore non valido «{text}» (atteso {what})")
        return value

    return parse


def _number(text: str) -> float:
    """An argparse type: a finite decimal number (point or Italian comma)."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"valore non valido «{text}» (atteso un numero)")
    return value


def _positive_number(text: str) -> float:
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"valore non valido «{text}» (atteso un numero maggiore di 0)")
    return value


def _probability(text: str) -> float:
    value = _number(text)
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"valore non valido «{text}» (attesa una probabilità da 0 a meno di 1, "
                                         "per esempio 0,5)")
    return value


SEED = _integer(0)
VERSION = _integer(1, 2**31 - 1, "un numero di versione da 1 a 2147483647")


def _command(group, name: str, help: str, **kwargs) -> Parser:  # noqa: A002 - argparse's own name
    """A subcommand whose help line (in the list of commands) is also its description (in its own --help)."""
    kwargs.setdefault("description", help[0].upper() + help[1:] + ".")
    return group.add_parser(name, help=help, **kwargs)


def build_parser() -> Parser:
    parser = Parser(prog="manage.py", description="Cruscotto territoriale: database, dati demo, protezione.")
    sub = parser.add_subparsers(dest="command", metavar="COMANDO", parser_class=Parser)
    sub.required = True

    _command(sub, "init-db", help="porta il database allo schema attuale e carica i territori ISTAT")

    seed = _command(sub, "seed-demo", help="genera e carica i dati dimostrativi sintetici")
    seed.add_argument("--scale", choices=["seeds", "national"], default="seeds",
                      help="seeds: i progetti delle fonti; national: tutte le 107 province (benchmark)")
    seed.add_argument("--seed", type=SEED, default=42, metavar="N",
                      help="seme del generatore, un intero da 0 in su (stesso seme, stessi dati)")
    seed.add_argument("--if-empty", action="store_true",
                      help="carica solo se il database non contiene ancora dati (usato da make run)")

    pt = _command(sub, "ptable", help="stampa la p-table del Cell Key Method (testo separato da ;)")
    pt.add_argument("--D", type=_integer(1, what="un numero intero da 1 in su"), default=None,
                    help="rumore massimo, intero da 1 in su (predefinito dalla configurazione)")
    pt.add_argument("--V", type=_positive_number, default=None, help="varianza del rumore, maggiore di 0")
    pt.add_argument("--js", type=_integer(0), default=None,
                    help="i valori 1..js non si pubblicano mai (intero da 0 in su)")
    pt.add_argument("--pstay", type=_probability, default=None,
                    help="probabilità di nessun cambiamento, da 0 a meno di 1")

    _command(sub, "rekey", help="ricalcola le chiavi di cella con il segreto attuale")
    _command(sub, "status", help="mostra schema, versioni dei dati e modalità demo")

    users = _command(sub, "users", help="gestisce gli utenti (crea, elenca, disattiva, nuova password)",
                     description="Utenti del cruscotto. Le password si leggono dallo standard input (la prima "
                                 "riga) o, al terminale, si digitano due volte senza eco.")
    actions = users.add_subparsers(dest="users_command", metavar="AZIONE", parser_class=Parser)
    actions.required = True
    add = _command(actions, "add", help="crea un utente (password dallo standard input)")
    add.add_argument("username", metavar="USERNAME", help="nome utente: 3-40 caratteri, minuscole, cifre, . - _")
    add.add_argument("--role", required=True, metavar="RUOLO",
                     help="amministratore, referente_dati, prefettura, membro_tavolo oppure ospite")
    add.add_argument("--province", action="append", default=[], metavar="CODICE",
                     help="provincia visibile (codice ISTAT, es. 015); ripetibile; obbligatoria per prefettura "
                          "e membro_tavolo")
    add.add_argument("--project", action="append", default=[], metavar="CODICE",
                     help="progetto del referente_dati (es. SAI-SONDRIO); ripetibile")
    add.add_argument("--name", default=None, metavar="NOME", help="nome per esteso (facoltativo)")
    _command(actions, "list", help="elenca gli utenti (nome, ruolo, province, stato)")
    for name, text in (("disable", "disattiva un utente e chiude le sue sessioni"),
                       ("enable", "riattiva un utente disattivato"),
                       ("reset-password", "imposta una nuova password (dallo standard input) e chiude le sessioni")):
        action = _command(actions, name, help=text)
        action.add_argument("username", metavar="USERNAME", help="nome utente")
    tables = ", ".join(_tables())
    imp = _command(sub, "import", help="controlla e carica un file CSV o XLSX (una versione dei dati)",
                   description="Controlla un file CSV o XLSX con le stesse regole della pagina Carica dati e, "
                               "se non ha errori, lo carica come nuova versione dei dati (tutto o niente).")
    imp.add_argument("file", metavar="FILE", help="percorso del file CSV o XLSX")
    imp.add_argument("--table", required=True, choices=_tables(), metavar="TABELLA", help=f"tabella: {tables}")
    imp.add_argument("--sheet", default=None, metavar="FOGLIO", help="foglio dell'XLSX (predefinito: il primo)")
    imp.add_argument("--dry-run", action="store_true", help="solo controllo e anteprima: non carica nulla")
    imp.add_argument("--user", default=ACTOR, metavar="USERNAME",
                     help="chi carica, per il registro e i permessi: un referente dati carica solo i propri "
                          "progetti (predefinito: manage.py, senza limiti)")
    imp.add_argument("--report", default=None, metavar="FILE.csv", help="salva il rapporto del controllo in CSV")

    _command(sub, "versions", help="elenca le versioni dei dati (caricamenti e annullamenti)")
    undo = _command(sub, "rollback", help="annulla un caricamento (nuova versione che ripristina i dati precedenti)")
    undo.add_argument("version", type=VERSION, metavar="VERSIONE", help="numero della versione da annullare")
    undo.add_argument("--user", default=ACTOR, metavar="USERNAME",
                      help="chi annulla, per il registro e i permessi: solo un amministratore")

    tpl = _command(sub, "template", help="scrive il modello da compilare di una tabella")
    tpl.add_argument("table", choices=_tables(), metavar="TABELLA", help=f"tabella: {tables}")
    tpl.add_argument("--format", choices=["csv", "xlsx"], default="csv", help="formato (predefinito csv)")
    tpl.add_argument("--output", default=None, metavar="FILE", help="file da scrivere (predefinito: "
                                                                      "modello_TABELLA.csv|xlsx)")
    _command(sub, "dictionary", help="stampa il dizionario dei dati (Markdown)")
    return parser


def _tables() -> list[str]:
    from data_access.contract import COLUMNS

    return list(COLUMNS)


def _engine_ready():
    from data_access import db

    engine = db.get_engine()
    db.require_current_schema(engine)
    return engine


def cmd_init_db(_args) -> int:
    from data_access import db, reference

    engine = db.get_engine()
    before = db.upgrade(engine)  # the only command that may create a SQLite file
    loaded = reference.ensure_loaded(engine)
    from tools import topojson

    topojson.ensure_topojson()  # the map's boundaries in static/italia.topojson, built once
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
    import demo

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
    except ValueError:
        print(f"Errore: parametri della p-table non ammissibili (D={params.D}, V={params.V:g}, js={params.js}, "
              f"pstay={params.pstay:g}): nessuna distribuzione del rumore rispetta media 0, varianza V, p(0)=pstay "
              "e i valori 1..js esclusi. Provare altri valori (predefiniti: --D 5 --V 3 --js 2 --pstay 0.5).",
              file=sys.stderr)
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


ACTOR = "manage.py"  # who made a user change, in the audit trail


def _read_password(label: str = "Password") -> str:
    """The password from standard input: at a terminal typed twice without echo, else the first line."""
    from data_access.auth import PASSWORD_RULE, AuthError

    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        first = getpass.getpass(f"{label} ({PASSWORD_RULE}): ")
        if getpass.getpass("Ripetere la password: ") != first:
            raise AuthError("Le due password non coincidono: nessuna modifica salvata.")
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    password = line.rstrip("\r\n")
    if not password:
        raise AuthError("Password mancante: scriverla sulla prima riga dello standard input (per esempio "
                        "`manage.py users add NOME --role RUOLO < file`) o lanciare il comando da un terminale.")
    return password


def _users_table(rows: list[dict]) -> str:
    header = ("utente", "nome", "ruolo", "province", "progetti", "attivo", "demo")
    lines = [header] + [
        (r["username"], r["name"] or "-", r["role"], ",".join(r["provinces"]) or "-", ",".join(r["projects"]) or "-",
         "sì" if r["active"] else "no", "sì" if r["is_demo"] else "no")
        for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
                     for line in lines)


def cmd_users(args) -> int:
    from data_access import auth

    engine = _engine_ready()
    action = args.users_command
    if action == "add":
        auth.check_new_user(engine, args.username, args.role, args.province, args.project, args.name)
        user = auth.create_user(engine, args.username, args.role, _read_password(), provinces=args.province,
                                projects=args.project, name=args.name, actor=ACTOR)
        where = (f"; province: {', '.join(user['provinces'])}" if user["provinces"] else "") + (
            f"; progetti: {', '.join(user['projects'])}" if user["projects"] else "")
        print(f"Utente «{user['username']}» creato (ruolo: {user['role_label']}{where}).")
    elif action == "list":
        rows = auth.list_users(engine)
        if not rows:
            print("Nessun utente. Creare il primo amministratore: "
                  "`python manage.py users add NOME --role amministratore` (password dallo standard input).")
        else:
            print(_users_table(rows))
    elif action in ("disable", "enable"):
        changed = (auth.disable_user if action == "disable" else auth.enable_user)(engine, args.username, actor=ACTOR)
        state = "disattivato" if action == "disable" else "riattivato"
        print(f"Utente «{auth.normalise_username(args.username)}» {state}"
              f"{'' if changed else ' (lo era già)'}{'; le sue sessioni sono chiuse' if changed else ''}.")
    elif action == "reset-password":
        auth.get_user(engine, args.username)  # an unknown user is refused before anyone types a password
        auth.reset_password(engine, args.username, _read_password("Nuova password"), actor=ACTOR)
        print(f"Password di «{auth.normalise_username(args.username)}» cambiata; le sue sessioni sono chiuse.")
    return 0


def cmd_import(args) -> int:
    from pathlib import Path

    from data_access import imports
    from presentation import import_files

    path = Path(args.file)
    if not path.is_file():
        print(f"Errore: file non trovato: {path}", file=sys.stderr)
        return 1
    problem = _unwritable(Path(args.report)) if args.report else None
    if problem:  # found before anything is checked, loaded or recorded
        print(f"Errore: impossibile scrivere il rapporto {args.report}: {problem}.", file=sys.stderr)
        return 1
    engine = _engine_ready()
    from data_access import auth

    projects = None if args.user == ACTOR else auth.import_projects(engine, args.user)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"Errore: impossibile leggere il file {path}: {_os_reason(exc)}.", file=sys.stderr)
        return 1
    try:
        report = imports.check(engine, data, path.name, args.table, sheet=args.sheet, projects=projects)
    except imports.FileProblem as exc:
        if not args.dry_run:
            imports.record_refusal(engine, args.user, path.name, args.table, None, str(exc))
        print(f"Errore: {exc}", file=sys.stderr)
        return 1
    for message in report.ordered():
        print(message.line(), file=sys.stderr if message.level == imports.ERROR else sys.stdout)
    if args.report:
        try:
            Path(args.report).write_bytes(import_files.report_csv(report))
        except OSError as exc:
            print(f"Errore: impossibile scrivere il rapporto {args.report}: {_os_reason(exc)}.", file=sys.stderr)
            return 1
    print(report.summary())
    if not report.ok:
        if not args.dry_run:
            imports.record_refusal(engine, args.user, path.name, args.table, report)
        return 1
    if args.dry_run:
        print("Prova (--dry-run): nulla è stato caricato.")
        return 0
    result = imports.apply(engine, report, actor=args.user)
    if result.version is None:
        print("Nessuna modifica: il file coincide con i dati attuali (nessuna nuova versione).")
    else:
        print(f"Caricato: versione dei dati {result.version}.")
    return 0


def cmd_versions(_args) -> int:
    from data_access import imports

    frame = imports.versions(_engine_ready())
    if frame.empty:
        print("Nessuna versione dei dati.")
        return 0
    lines = [("versione", "data (UTC)", "tipo", "righe", "chi", "stato", "origine")]
    for r in frame.itertuples(index=False):
        lines.append((str(r.id), r.created_at.strftime("%Y-%m-%d %H:%M"), r.kind, str(r.rows), r.created_by or "-",
                      r.status, r.source))
    widths = [max(len(line[i]) for line in lines) for i in range(6)]
    for line in lines:
        print("  ".join(cell.ljust(w) for cell, w in zip(line[:6], widths, strict=True)) + "  " + line[6])
    return 0


def cmd_rollback(args) -> int:
    from data_access import imports

    engine = _engine_ready()
    undo = (imports.rollback(engine, args.version, actor=ACTOR) if args.user == ACTOR
            else imports.rollback_by(engine, args.version, args.user))
    print(f"Versione {args.version} annullata: i dati precedenti sono ripristinati dalla nuova versione {undo}.")
    return 0


def cmd_template(args) -> int:
    from pathlib import Path

    from presentation import import_files

    path = Path(args.output or f"modello_{args.table}.{args.format}")
    problem = _unwritable(path)
    if problem:
        print(f"Errore: impossibile scrivere {path}: {problem}.", file=sys.stderr)
        return 1
    data = import_files.template_csv(args.table) if args.format == "csv" else import_files.template_xlsx(args.table)
    try:
        path.write_bytes(data)
    except OSError as exc:
        print(f"Errore: impossibile scrivere {path}: {_os_reason(exc)}.", file=sys.stderr)
        return 1
    print(f"Modello scritto in {path}.")
    return 0


def _os_reason(exc: OSError) -> str:
    from data_access.db import os_reason

    return os_reason(exc)


def _unwritable(path) -> str | None:
    """Why a file cannot be written at `path` (its folder missing, or the path a folder), or None."""
    try:
        if path.is_dir():
            return f"«{path}» è una cartella, non un file"
        if not path.parent.is_dir():
            return f"la cartella «{path.parent}» non esiste"
    except OSError as exc:
        return f"«{path}»: {_os_reason(exc)}"
    return None


def cmd_dictionary(_args) -> int:
    from data_access.contract import dictionary_markdown

    sys.stdout.write(dictionary_markdown() + "\n")
    return 0


COMMANDS = {"init-db": cmd_init_db, "seed-demo": cmd_seed_demo, "ptable": cmd_ptable, "rekey": cmd_rekey,
            "status": cmd_status, "users": cmd_users, "import": cmd_import, "versions": cmd_versions,
            "rollback": cmd_rollback, "template": cmd_template, "dictionary": cmd_dictionary}


def main(argv: list[str] | None = None) -> int:
    # The query layer caches with Streamlit, which warns when used outside a running app: not news here.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").disabled = True
    args = build_parser().parse_args(argv)
    from config.settings import ConfigError
    from data_access.auth import AuthError
    from data_access.db import DatabaseError
    from data_access.loading import RollbackError
    from data_access.scope import PeriodError

    try:
        return COMMANDS[args.command](args)
    except (ConfigError, DatabaseError, PeriodError, AuthError, RollbackError) as exc:
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
