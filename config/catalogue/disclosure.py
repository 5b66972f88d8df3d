"""The words of disclosure control under attack (issue 16): corrections held for approval, magnitudes beside
counts, structural zeros and the sparsity guard, and the Metodologia sections that explain them (Italian first,
English second)."""

TEXT: dict[str, dict[str, str]] = {
    # Audit events of held corrections (data_access/auth/audit.py)
    "auth.event.correction_held": {"it": "correzione in attesa di approvazione",
                                   "en": "correction held for approval"},
    "auth.event.correction_approved": {"it": "correzione approvata", "en": "correction approved"},
    "auth.event.correction_rejected": {"it": "correzione respinta", "en": "correction rejected"},
    # Held corrections (data_access/imports/corrections.py)
    "corrections.admin_only": {"it": "Solo un amministratore può approvare o respingere una correzione.",
                               "en": "Only an administrator may approve or reject a correction."},
    "corrections.missing": {"it": "La correzione n. {id} non esiste. Vedere l'elenco con `manage.py corrections`.",
                            "en": "Correction no. {id} does not exist. See the list with `manage.py corrections`."},
    "corrections.decided": {"it": "La correzione n. {id} non è più in attesa: è {status}.",
                            "en": "Correction no. {id} is no longer waiting: it is {status}."},
    "corrections.status.in_attesa": {"it": "in attesa", "en": "waiting"},
    "corrections.status.approvata": {"it": "approvata", "en": "approved"},
    "corrections.status.rifiutata": {"it": "respinta", "en": "rejected"},
    "corrections.status.sostituita": {"it": "sostituita da un invio successivo", "en": "replaced by a later upload"},
    # The command line (cli/corrections.py, cli/files.py)
    "cli.cmd.corrections": {"it": "correzioni dei referenti in attesa di approvazione: elenco, approva, respingi",
                            "en": "data stewards' corrections waiting for approval: list, approve, reject"},
    "cli.cmd.corrections.description": {
        "it": "Le correzioni dei referenti dati a mesi già pubblicati attendono l'approvazione di un amministratore: "
              "ogni correzione pubblicata dà una nuova lettura delle celle che cambia (vedere docs/metodologia.md).",
        "en": "Data stewards' corrections of months already published wait for an administrator's approval: each "
              "correction published gives a new reading of the cells it changes (see docs/metodologia.md)."},
    "cli.cmd.corrections.list": {"it": "elenca le correzioni in attesa (con --all anche quelle decise)",
                                 "en": "list the corrections waiting (with --all also those decided)"},
    "cli.cmd.corrections.approve": {"it": "approva una correzione: viene caricata come nuova versione dei dati",
                                    "en": "approve a correction: it is loaded as a new data version"},
    "cli.cmd.corrections.reject": {"it": "respinge una correzione: non viene caricato nulla",
                                   "en": "reject a correction: nothing is loaded"},
    "cli.arg.corrections_all": {"it": "anche le correzioni già approvate, respinte o sostituite",
                                "en": "also the corrections already approved, rejected or replaced"},
    "cli.arg.correction": {"it": "il numero della correzione (vedere `manage.py corrections list`)",
                           "en": "the number of the correction (see `manage.py corrections list`)"},
    "cli.arg.correction_user": {"it": "l'amministratore che decide (predefinito: manage.py, chi gestisce il server)",
                                "en": "the administrator deciding (default: manage.py, who runs the server)"},
    "cli.value.correction": {"it": "un numero di correzione da 1 a 2147483647",
                             "en": "a correction number from 1 to 2147483647"},
    "cli.corrections.none": {"it": "Nessuna correzione in attesa di approvazione.",
                             "en": "No correction waiting for approval."},
    "cli.corrections.none_at_all": {"it": "Nessuna correzione trattenuta finora.",
                                    "en": "No correction held so far."},
    "cli.corrections.columns": {
        "it": "n.|inviata|da|tabella|righe|misure cambiate|revisioni già pubblicate|stato|mesi (file)",
        "en": "no.|sent|by|table|rows|measures changed|revisions already published|status|months (file)"},
    "cli.corrections.loaded": {"it": "Correzione n. {id} approvata: versione dei dati {version}.",
                               "en": "Correction no. {id} approved: data version {version}."},
    "cli.corrections.approved": {
        "it": "Correzione n. {id} approvata: i dati contenevano già queste righe, nessuna nuova versione.",
        "en": "Correction no. {id} approved: the data already held these rows, no new version."},
    "cli.corrections.rejected": {"it": "Correzione n. {id} respinta: non è stato caricato nulla.",
                                 "en": "Correction no. {id} rejected: nothing was loaded."},
    "cli.import.held": {
        "it": "{rows} righe correggono mesi già pubblicati: trattenute come correzione n. {id}, in attesa "
              "dell'approvazione di un amministratore (`manage.py corrections approve {id}`).",
        "en": "{rows} rows correct months already published: held as correction no. {id}, waiting for an "
              "administrator's approval (`manage.py corrections approve {id}`)."},
}
