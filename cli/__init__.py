"""The rooms of the command line behind ``manage.py`` (the entry point, which maps each command to its function).

- :mod:`cli.language`: the language of the command line (Italian, or English with ``CRUSCOTTO_LANG=en``) and
  :func:`~cli.language.say`, the one way a sentence of the command line is written (from the catalogue).
- :mod:`cli.parser`: argparse in the chosen language, the argument types, every command and its arguments.
- :mod:`cli.common`: what the commands share (the actor of the audit trail, the expected-error exception, the
  database check, aligned tables, file paths that cannot be written).
- :mod:`cli.database`: ``init-db``, ``seed-demo``, ``ptable``, ``rekey``, ``status``.
- :mod:`cli.users`: ``users add | list | disable | enable | reset-password`` and the password prompt.
- :mod:`cli.files`: ``import``, ``versions``, ``rollback``, ``template``, ``dictionary``.
- :mod:`cli.corrections`: ``corrections list | approve | reject`` (data stewards' corrections held for approval).
- :mod:`cli.reference`: ``reference load``, newer extracts of the public statistics (``init-db`` loads the
  shipped ones).
"""
