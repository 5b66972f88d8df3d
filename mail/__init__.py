"""E-mail: the messages the dashboard sends, composed and handed to an SMTP server (issue 21).

- :mod:`mail.compose`: the digest of new alerts and the meeting-pack message (with its PPTX), in the user's language,
  plain text, each alert with the link to its view;
- :mod:`mail.smtp`: one message to the SMTP server of ``config/alerting.py`` (STARTTLS, SSL or, on this machine
  only, none; login where set);
- :mod:`mail.outbox`: :func:`~mail.outbox.send_due`, what ``manage.py notify`` runs: every message due in the queue
  (``data_access.notifications``) composed for the user's scope at that moment and sent; a failure is logged and the
  message kept for a later attempt.

A room of its own above ``presentation`` (a pack message needs the slides), below ``cli``; the queue and the users'
choices are data (``data_access.notifications``). Nothing here runs inside a data load.
"""
