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
    python manage.py corrections list [--all] | approve N [--user USERNAME] | reject N [--user USERNAME]
    python manage.py reference load FILE... [--dry-run] [--user USERNAME]   newer public data (docs/dati_pubblici.md)
    python manage.py alerts run | list [--user USERNAME] [--today AAAA-MM-GG]   the alerts of the day
    python manage.py notify [--status]       queue and send the e-mail due (cron, systemd timer)
    python manage.py pack [--province CODE] [--from P] [--to P] [--charts a,b] [--format pptx|pdf] [--output FILE]

Language: the command line speaks Italian. With ``CRUSCOTTO_LANG=en`` in the environment (for example
``CRUSCOTTO_LANG=en python manage.py --help``) it speaks English: help, messages, argparse's own words, errors;
any other value than ``it`` or ``en`` is refused. An environment variable rather than an option, so that the help
and the errors of a mistyped command line are already in the chosen language. Messages that come from the data
layer (an import's report, a refused login name, a database problem) are in the data layer's words.

Passwords (users add, users reset-password) are read from standard input: the first line, or, at a terminal,
typed twice without echo.

Expected errors print one line ("Errore: ...") and exit non-zero (2: wrong arguments, 1: anything else); nothing
is written when a command fails. Only ``init-db`` creates a SQLite database file (and its folders); every other
command on a missing file says so and creates nothing. ``import`` exits 0 when the file is loaded (or already
loaded), 1 when the file has errors or cannot be read (the report is printed, nothing is loaded), 0 with
``--dry-run`` when the file would load; ``reference load`` likewise for the public data's files.

This file is the entry point: it maps each command to its function in ``cli/`` (see ``cli/__init__.py`` for the
rooms) and turns the expected errors into one line.
"""

from __future__ import annotations

import logging
import os
import sys

from cli import alerts, corrections, database, files, reference, users
from cli import pack as packs
from cli.common import CommandError
from cli.language import language, language_problem, say
from cli.parser import build_parser

COMMANDS = {"init-db": database.init_db, "seed-demo": database.seed_demo, "ptable": database.ptable,
            "rekey": database.rekey, "status": database.status, "users": users.users, "import": files.import_file,
            "versions": files.versions, "rollback": files.rollback, "template": files.template,
            "dictionary": files.dictionary, "corrections": corrections.corrections,
            "reference": reference.reference, "alerts": alerts.alerts, "notify": alerts.notify,
            "pack": packs.pack}


def main(argv: list[str] | None = None) -> int:
    # The query layer caches with Streamlit, which warns when used outside a running app: not news here.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").disabled = True
    problem = language_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    from config.settings import ConfigError
    from data_access.auth import AuthError
    from data_access.db import DatabaseError
    from data_access.loading import RollbackError
    from data_access.scope import PeriodError

    try:
        return COMMANDS[args.command](args)
    except CommandError as exc:
        print(say("cli.error", message=str(exc)), file=sys.stderr)
        return exc.code
    except (ConfigError, DatabaseError, PeriodError, AuthError, RollbackError) as exc:
        print(say("cli.error", message=str(exc)), file=sys.stderr)
        return 1
    except (OperationalError, PoolTimeout) as exc:  # busy (locked) or unreachable: one line, nothing written
        from data_access.db import operational_problem

        print(say("cli.error", message=operational_problem(exc).text(language())), file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except KeyboardInterrupt:
        print(say("cli.interrupted"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
