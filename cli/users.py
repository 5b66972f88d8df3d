"""The ``users`` commands: add, list, disable, enable, reset-password; and the password prompt."""

from __future__ import annotations

import sys

from cli.common import ACTOR, aligned, engine_ready, headings, yes_no
from cli.language import say


def read_password(label_key: str = "cli.password.label") -> str:
    """The password from standard input: at a terminal typed twice without echo, else the first line."""
    from data_access.auth import PASSWORD_RULE, AuthError

    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        first = getpass.getpass(say("cli.password.prompt", label=say(label_key), rule=PASSWORD_RULE))
        if getpass.getpass(say("cli.password.repeat")) != first:
            raise AuthError(say("cli.password.mismatch"))
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    password = line.rstrip("\r\n")
    if not password:
        raise AuthError(say("cli.password.missing"))
    return password


def users(args) -> int:
    """Run the ``users`` action named on the command line."""
    return ACTIONS[args.users_command](engine_ready(), args)


def add(engine, args) -> int:
    """Create a user; its fields are checked before anyone types a password."""
    from data_access import auth

    auth.check_new_user(engine, args.username, args.role, args.province, args.project, args.name)
    user = auth.create_user(engine, args.username, args.role, read_password(), provinces=args.province,
                            projects=args.project, name=args.name, actor=ACTOR)
    provinces = say("cli.users.created.provinces", codes=", ".join(user["provinces"])) if user["provinces"] else ""
    projects = say("cli.users.created.projects", codes=", ".join(user["projects"])) if user["projects"] else ""
    print(say("cli.users.created", username=user["username"], role=user["role_label"], provinces=provinces,
              projects=projects))
    return 0


def list_users(engine, _args) -> int:
    """Every user in a table, or how to create the first administrator."""
    from data_access import auth

    rows = auth.list_users(engine)
    print(users_table(rows) if rows else say("cli.users.none"))
    return 0


def users_table(rows: list[dict]) -> str:
    """Users as text in columns: name, full name, role, provinces, projects, active, demo."""
    lines = [headings("cli.users.columns")] + [
        (r["username"], r["name"] or "-", r["role"], ",".join(r["provinces"]) or "-", ",".join(r["projects"]) or "-",
         yes_no(r["active"]), yes_no(r["is_demo"]))
        for r in rows
    ]
    return "\n".join(aligned(lines))


def disable(engine, args) -> int:
    """Disable a user (closing their sessions)."""
    from data_access import auth

    changed = auth.disable_user(engine, args.username, actor=ACTOR)
    key = "cli.users.disabled" if changed else "cli.users.already_disabled"
    print(say(key, username=auth.normalise_username(args.username)))
    return 0


def enable(engine, args) -> int:
    """Enable a disabled user again."""
    from data_access import auth

    changed = auth.enable_user(engine, args.username, actor=ACTOR)
    key = "cli.users.enabled" if changed else "cli.users.already_enabled"
    print(say(key, username=auth.normalise_username(args.username)))
    return 0


def reset_password(engine, args) -> int:
    """Set a new password (closing the user's sessions); an unknown user is refused before anyone types one."""
    from data_access import auth

    auth.get_user(engine, args.username)
    auth.reset_password(engine, args.username, read_password("cli.password.new_label"), actor=ACTOR)
    print(say("cli.users.password_changed", username=auth.normalise_username(args.username)))
    return 0


ACTIONS = {"add": add, "list": list_users, "disable": disable, "enable": enable, "reset-password": reset_password}
