"""Commands on data files and versions: ``import``, ``versions``, ``rollback``, ``template``, ``dictionary``."""

from __future__ import annotations

import sys
from pathlib import Path

from cli.common import ACTOR, CommandError, aligned, engine_ready, headings, number, os_reason, unwritable, word
from cli.language import say


def import_file(args) -> int:
    """Check a file with the rules of the upload page and, without errors, load it as a new data version.

    Exit 0 when the file is loaded (or already loaded) or, with ``--dry-run``, would load; 1 when it has errors or
    cannot be read (the report is printed, nothing is loaded). A missing file or a report that cannot be written
    is refused before anything is checked, loaded or recorded.
    """
    from data_access import auth, imports

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(say("cli.import.not_found", path=path))
    problem = unwritable(Path(args.report)) if args.report else None
    if problem:
        raise CommandError(say("cli.import.report_unwritable", path=args.report, problem=problem))
    engine = engine_ready()
    projects = None if args.user == ACTOR else auth.import_projects(engine, args.user)
    report = _checked(engine, path, args, projects)
    for message in report.ordered():
        print(message.line(), file=sys.stderr if message.level == imports.ERROR else sys.stdout)
    if args.report:
        _save_report(report, args.report)
    print(report.summary())
    return _outcome(engine, report, path, args)


def _outcome(engine, report, path: Path, args) -> int:
    """A file with errors is refused (and, unless a dry run, the refusal recorded); a good one is loaded, unless a
    dry run."""
    from data_access import imports

    if not report.ok:
        if not args.dry_run:
            imports.record_refusal(engine, args.user, path.name, args.table, report)
        return 1
    if args.dry_run:
        print(say("cli.import.dry_run"))
        return 0
    result = imports.apply(engine, report, actor=args.user)
    if result.version is not None or result.held is None:
        print(say("cli.import.unchanged") if result.version is None
              else say("cli.import.loaded", version=result.version))
    if result.held is not None:
        print(say("cli.import.held", id=result.held, rows=result.held_rows))
    return 0


def _checked(engine, path: Path, args, projects):
    """The check report of the file; a file that cannot be read or parsed is refused (and, unless a dry run, the
    refusal recorded)."""
    from data_access import imports

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(say("cli.import.unreadable", path=path, reason=os_reason(exc))) from None
    try:
        return imports.check(engine, data, path.name, args.table, sheet=args.sheet, projects=projects)
    except imports.FileProblem as exc:
        if not args.dry_run:
            imports.record_refusal(engine, args.user, path.name, args.table, None, str(exc))
        raise CommandError(str(exc)) from None


def _save_report(report, name: str) -> None:
    from presentation import import_files

    try:
        Path(name).write_bytes(import_files.report_csv(report))
    except OSError as exc:
        raise CommandError(say("cli.import.report_unwritable", path=name, problem=os_reason(exc))) from None


def versions(_args) -> int:
    """Every data version, newest first: uploads, rollbacks and the demo data."""
    from data_access import imports

    frame = imports.versions(engine_ready())
    if frame.empty:
        print(say("cli.versions.none"))
        return 0
    lines = [headings("cli.versions.columns")]
    lines += [(str(r.id), r.created_at.strftime("%d/%m/%Y %H:%M"), word("realpath.version_kind", r.kind),
               number(r.rows), r.created_by or "-", word("realpath.version_status", r.status), r.source)
              for r in frame.itertuples(index=False)]
    for line in aligned(lines):
        print(line)
    return 0


def rollback(args) -> int:
    """Roll back an upload: a new version restores the data before it (an administrator only, with ``--user``)."""
    from data_access import imports

    engine = engine_ready()
    undo = (imports.rollback(engine, args.version, actor=ACTOR) if args.user == ACTOR
            else imports.rollback_by(engine, args.version, args.user))
    print(say("cli.rollback.done", version=args.version, undo=undo))
    return 0


def template(args) -> int:
    """Write the template of a table (CSV or XLSX), by default in the current folder."""
    from presentation import import_files

    path = Path(args.output or say("cli.template.file_name", table=args.table, format=args.format))
    problem = unwritable(path)
    if problem:
        raise CommandError(say("cli.template.unwritable", path=path, problem=problem))
    data = import_files.template_csv(args.table) if args.format == "csv" else import_files.template_xlsx(args.table)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise CommandError(say("cli.template.unwritable", path=path, problem=os_reason(exc))) from None
    print(say("cli.template.written", path=path))
    return 0


def dictionary(_args) -> int:
    """Print the data dictionary (the source of docs/dizionario_dati.md)."""
    from data_access.contract import dictionary_markdown

    sys.stdout.write(dictionary_markdown() + "\n")
    return 0
