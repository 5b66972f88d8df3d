"""argparse in the language of the command line: the parser, the types of the arguments, every command.

argparse writes its own messages in English; :meth:`Parser.error` recognises them (the patterns below) and says
them again from the catalogue, on one line, with a pointer to ``--help``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import re

from cli.common import ACTOR
from cli.language import say

# argparse's own error messages (its English text, as it writes them) and the catalogue entry that says each again.
ARGPARSE_MESSAGES = (
    (r"argument (?P<argument>\S+): invalid choice: '?(?P<value>[^' ]*)'? \(choose from (?P<choices>.*)\)",
     "cli.argparse.invalid_choice"),
    (r"argument (?P<argument>\S+): invalid int value: '?(?P<value>[^']*)'?", "cli.argparse.invalid_int"),
    (r"argument (?P<argument>\S+): invalid float value: '?(?P<value>[^']*)'?", "cli.argparse.invalid_float"),
    (r"argument (?P<argument>\S+): expected one argument", "cli.argparse.missing_value"),
    (r"unrecognized arguments: (?P<arguments>.*)", "cli.argparse.unrecognized"),
    (r"the following arguments are required: (?P<arguments>.*)", "cli.argparse.required"),
    (r"argument (?P<argument>\S+): (?P<message>.*)", "cli.argparse.argument"),
)


def translated(message: str) -> str:
    """An error message of argparse in the language of the command line (unknown ones as they are)."""
    for pattern, key in ARGPARSE_MESSAGES:
        if re.search(pattern, message):
            return re.sub(pattern, lambda match, key=key: say(key, **match.groupdict()), message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, say("cli.usage") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse with help in the language of the command line and one-line errors."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = say("cli.positionals")
        self._optionals.title = say("cli.optionals")
        self.add_argument("-h", "--help", action="help", help=say("cli.help"))

    def error(self, message: str):
        self.exit(2, say("cli.parser_error", message=translated(message), prog=self.prog) + "\n")


# --- Types of the arguments: each refuses a bad value with one line in the language of the command line ----------
def whole_number(minimum: int, maximum: int | None = None, what: str = "cli.value.non_negative"):
    """An argparse type: a whole number in [minimum, maximum]; ``what`` is the catalogue key naming the range."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(say("cli.value.integer", text=text)) from None
        if value < minimum or (maximum is not None and value > maximum):
            raise argparse.ArgumentTypeError(say("cli.value.out_of_range", text=text, what=say(what)))
        return value

    return parse


def number(text: str) -> float:
    """An argparse type: a finite decimal number (point or Italian comma)."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(say("cli.value.number", text=text))
    return value


def positive_number(text: str) -> float:
    """An argparse type: a finite number greater than 0."""
    value = number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(say("cli.value.positive", text=text))
    return value


def probability(text: str) -> float:
    """An argparse type: a number from 0 to less than 1."""
    value = number(text)
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(say("cli.value.probability", text=text))
    return value


def day(text: str) -> dt.date:
    """An argparse type: a day written AAAA-MM-GG."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("cli.value.day", text=text)) from None


SEED = whole_number(0)
VERSION = whole_number(1, 2**31 - 1, "cli.value.version")
CORRECTION = whole_number(1, 2**31 - 1, "cli.value.correction")


# --- The commands -------------------------------------------------------------------------------------------------
def _command(group, name: str, key: str, description: str | None = None) -> Parser:
    """A subcommand whose help line (in the list of commands) is also its description (in its own --help), unless
    it has a longer one."""
    text = say(key)
    return group.add_parser(name, help=text, description=description or text[0].upper() + text[1:] + ".")


def build_parser() -> Parser:
    """The parser of every command, in the language of the command line."""
    parser = Parser(prog="manage.py", description=say("cli.description"))
    sub = parser.add_subparsers(dest="command", metavar=say("cli.metavar.command"), parser_class=Parser)
    sub.required = True
    _database_commands(sub)
    _users_commands(sub)
    _file_commands(sub)
    _correction_commands(sub)
    _reference_commands(sub)
    _alert_commands(sub)
    return parser


def _database_commands(sub) -> None:
    _command(sub, "init-db", "cli.cmd.init_db")
    seed = _command(sub, "seed-demo", "cli.cmd.seed_demo")
    seed.add_argument("--scale", choices=["seeds", "national"], default="seeds", help=say("cli.arg.scale"))
    seed.add_argument("--seed", type=SEED, default=42, metavar="N", help=say("cli.arg.seed"))
    seed.add_argument("--if-empty", action="store_true", help=say("cli.arg.if_empty"))

    pt = _command(sub, "ptable", "cli.cmd.ptable")
    pt.add_argument("--D", type=whole_number(1, what="cli.value.from_one"), default=None, help=say("cli.arg.D"))
    pt.add_argument("--V", type=positive_number, default=None, help=say("cli.arg.V"))
    pt.add_argument("--js", type=whole_number(0), default=None, help=say("cli.arg.js"))
    pt.add_argument("--pstay", type=probability, default=None, help=say("cli.arg.pstay"))

    _command(sub, "rekey", "cli.cmd.rekey")
    _command(sub, "status", "cli.cmd.status")


def _actions(sub, name: str, key: str) -> argparse._SubParsersAction:
    """A command made of actions (``users add``, ``corrections approve``...): its parser's action group, one action
    required, named in ``args.<name>_command``."""
    command = _command(sub, name, key, say(f"{key}.description"))
    actions = command.add_subparsers(dest=f"{name}_command", metavar=say("cli.metavar.action"), parser_class=Parser)
    actions.required = True
    return actions


def _users_commands(sub) -> None:
    actions = _actions(sub, "users", "cli.cmd.users")
    add = _command(actions, "add", "cli.cmd.users.add")
    add.add_argument("username", metavar="USERNAME", help=say("cli.arg.new_username"))
    add.add_argument("--role", required=True, metavar=say("cli.metavar.role"), help=say("cli.arg.role"))
    add.add_argument("--province", action="append", default=[], metavar=say("cli.metavar.code"),
                     help=say("cli.arg.province"))
    add.add_argument("--project", action="append", default=[], metavar=say("cli.metavar.code"),
                     help=say("cli.arg.project"))
    add.add_argument("--name", default=None, metavar=say("cli.metavar.name"), help=say("cli.arg.full_name"))
    _command(actions, "list", "cli.cmd.users.list")
    for name, key in (("disable", "cli.cmd.users.disable"), ("enable", "cli.cmd.users.enable"),
                      ("reset-password", "cli.cmd.users.reset_password")):
        action = _command(actions, name, key)
        action.add_argument("username", metavar="USERNAME", help=say("cli.arg.username"))


def _file_commands(sub) -> None:
    tables = _tables()
    table_help = say("cli.arg.table", tables=", ".join(tables))
    imp = _command(sub, "import", "cli.cmd.import", say("cli.cmd.import.description"))
    imp.add_argument("file", metavar="FILE", help=say("cli.arg.file"))
    imp.add_argument("--table", required=True, choices=tables, metavar=say("cli.metavar.table"), help=table_help)
    imp.add_argument("--sheet", default=None, metavar=say("cli.metavar.sheet"), help=say("cli.arg.sheet"))
    imp.add_argument("--dry-run", action="store_true", help=say("cli.arg.dry_run"))
    imp.add_argument("--user", default=ACTOR, metavar="USERNAME", help=say("cli.arg.import_user"))
    imp.add_argument("--report", default=None, metavar="FILE.csv", help=say("cli.arg.report"))

    _command(sub, "versions", "cli.cmd.versions")
    undo = _command(sub, "rollback", "cli.cmd.rollback")
    undo.add_argument("version", type=VERSION, metavar=say("cli.metavar.version"), help=say("cli.arg.version"))
    undo.add_argument("--user", default=ACTOR, metavar="USERNAME", help=say("cli.arg.rollback_user"))

    tpl = _command(sub, "template", "cli.cmd.template")
    tpl.add_argument("table", choices=tables, metavar=say("cli.metavar.table"), help=table_help)
    tpl.add_argument("--format", choices=["csv", "xlsx"], default="csv", help=say("cli.arg.format"))
    tpl.add_argument("--output", default=None, metavar="FILE", help=say("cli.arg.output"))
    _command(sub, "dictionary", "cli.cmd.dictionary")


def _correction_commands(sub) -> None:
    actions = _actions(sub, "corrections", "cli.cmd.corrections")
    listing = _command(actions, "list", "cli.cmd.corrections.list")
    listing.add_argument("--all", action="store_true", help=say("cli.arg.corrections_all"))
    for name, key in (("approve", "cli.cmd.corrections.approve"), ("reject", "cli.cmd.corrections.reject")):
        action = _command(actions, name, key)
        action.add_argument("id", type=CORRECTION, metavar="N", help=say("cli.arg.correction"))
        action.add_argument("--user", default=ACTOR, metavar="USERNAME", help=say("cli.arg.correction_user"))


def _reference_commands(sub) -> None:
    ref = _command(sub, "reference", "cli.cmd.reference", say("cli.cmd.reference.description"))
    actions = ref.add_subparsers(dest="reference_command", metavar=say("cli.metavar.action"), parser_class=Parser)
    actions.required = True
    load = _command(actions, "load", "cli.cmd.reference.load", say("cli.cmd.reference.load.description"))
    load.add_argument("file", nargs="+", metavar="FILE", help=say("cli.arg.reference_file"))
    load.add_argument("--dry-run", action="store_true", help=say("cli.arg.reference_dry_run"))
    load.add_argument("--user", default=ACTOR, metavar="USERNAME", help=say("cli.arg.reference_user"))


def _alert_commands(sub) -> None:
    """``alerts run | list``, ``notify`` and ``pack`` (issue 21). The pack's charts are checked by cli/pack.py
    (the chart registry is not imported to parse a command line)."""
    actions = _actions(sub, "alerts", "cli.cmd.alerts")
    for name in ("run", "list"):
        action = _command(actions, name, f"cli.cmd.alerts.{name}")
        action.add_argument("--today", type=day, default=None, metavar=say("cli.metavar.day"),
                            help=say("cli.arg.today"))
        if name == "list":
            action.add_argument("--user", default=ACTOR, metavar="USERNAME", help=say("cli.arg.alerts_user"))
    notify = _command(sub, "notify", "cli.cmd.notify", say("cli.cmd.notify.description"))
    notify.add_argument("--status", action="store_true", help=say("cli.arg.notify_status"))
    notify.add_argument("--today", type=day, default=None, metavar=say("cli.metavar.day"), help=say("cli.arg.today"))

    pack = _command(sub, "pack", "cli.cmd.pack", say("cli.cmd.pack.description"))
    for option, key in (("--province", "cli.arg.pack_province"), ("--region", "cli.arg.pack_region"),
                        ("--programme", "cli.arg.pack_programme"), ("--project", "cli.arg.pack_project")):
        pack.add_argument(option, default=None, metavar=say("cli.metavar.code"), help=say(key))
    pack.add_argument("--unit", choices=["mese", "trimestre", "anno", "avviso"], default="mese",
                      help=say("cli.arg.pack_unit"))
    pack.add_argument("--from", dest="start", default=None, metavar=say("cli.metavar.period"),
                      help=say("cli.arg.pack_from"))
    pack.add_argument("--to", default=None, metavar=say("cli.metavar.period"), help=say("cli.arg.pack_to"))
    pack.add_argument("--charts", default=None, metavar=say("cli.metavar.charts"),
                      help=say("cli.arg.pack_charts"))
    pack.add_argument("--format", choices=["pptx", "pdf"], default="pptx", help=say("cli.arg.pack_format"))
    pack.add_argument("--output", default=None, metavar="FILE", help=say("cli.arg.pack_output"))
    pack.add_argument("--tavolo", default=None, metavar=say("cli.metavar.name"), help=say("cli.arg.pack_tavolo"))
    pack.add_argument("--user", default=ACTOR, metavar="USERNAME", help=say("cli.arg.pack_user"))
    pack.add_argument("--version", type=VERSION, default=None, metavar=say("cli.metavar.version"),
                      help=say("cli.arg.pack_version"))


def _tables() -> list[str]:
    from data_access.contract import COLUMNS

    return list(COLUMNS)
