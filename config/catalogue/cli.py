"""The words of the command line (manage.py and cli/) and of the demo generator it runs (Italian first, English
second). The command line speaks Italian unless CRUSCOTTO_LANG=en (see manage.py)."""

TEXT: dict[str, dict[str, str]] = {
    # Demo generator (demo/)
    "demo.unknown_scale": {"it": "Scala dei dati dimostrativi sconosciuta: {scale} (ammesse: {scales}).",
                           "en": "Unknown demo data scale: {scale} (allowed: {scales})."},
}
