"""The ``reference`` commands: the public statistics of the Ministry of the Interior (data_access/public_files.py).

``reference load FILE...`` checks one or more newer extracts in the format of the shipped files and, without
errors, loads them as one new data version of public statistics, with an audit entry: the imports' checks and
messages (row, column, value, problem, fix), all or nothing. ``manage.py init-db`` loads the shipped files itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cli.common import ACTOR, CommandError, engine_ready, os_reason
from cli.language import language, say


def reference(args) -> int:
    """Run the ``reference`` action named on the command line."""
    return ACTIONS[args.reference_command](args)


def load(args) -> int:
    """Check public files and, without errors (and unless a dry run), load them as one new version.

    Exit 0 when loaded (or already loaded) or, with ``--dry-run``, when they would load; 1 when a file has errors
    or cannot be read (nothing is loaded, and the refusal is recorded unless a dry run)."""
    from data_access import public_files
    from data_access.imports import ERROR, FileProblem

    paths = [Path(name) for name in args.file]
    for path in paths:
        if not path.is_file():
            raise CommandError(say("cli.import.not_found", path=path))
    engine = engine_ready()
    _check_user(engine, args.user)
    regions = public_files.regions_of(engine)
    checked = []
    for path in paths:
        try:
            checked.append(public_files.check(_read(path), path.name, regions))
        except FileProblem as exc:
            if not args.dry_run:
                public_files.record_refusal(engine, args.user, checked, f"{path.name}: {exc}")
            raise CommandError(exc.text(language())) from None
    for c in checked:
        for message in c.ordered():
            print(message.line(language()), file=sys.stderr if message.level == ERROR else sys.stdout)
        print(c.summary(language()))
    if not all(c.ok for c in checked):
        if not args.dry_run:
            public_files.record_refusal(engine, args.user, checked)
        return 1
    if args.dry_run:
        print(say("cli.import.dry_run"))
        return 0
    version = public_files.load(engine, checked, actor=args.user)
    print(say("cli.reference.unchanged") if version is None else say("cli.reference.loaded", version=version))
    return 0


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(say("cli.import.unreadable", path=path, reason=os_reason(exc))) from None


def _check_user(engine, username: str) -> None:
    """Public data change what every user sees: only an administrator (or the command line itself) loads them."""
    from config.phrases import Phrase
    from data_access import auth
    from data_access.auth.common import DISABLED

    if username == ACTOR:
        return
    user = auth.get_user(engine, username)  # AuthError for an unknown user
    if not user["active"]:
        raise auth.AuthError(DISABLED)
    if user["role"] != auth.AMMINISTRATORE:
        raise auth.AuthError(Phrase("reference.load.admin_only"))


ACTIONS = {"load": load}
