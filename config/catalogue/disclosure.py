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
    # Carica dati: corrections held for approval (views/held_corrections.py)
    "corrections.preview": {
        "it": "{n} righe correggono mesi già pubblicati: non saranno pubblicate subito ma attenderanno "
              "l'approvazione di un amministratore. Le altre righe si caricano subito.",
        "en": "{n} rows correct months already published: they will not be published at once but will wait for "
              "an administrator's approval. The other rows load at once."},
    "corrections.loaded_part": {
        "it": "Caricato «{file}»: versione dei dati {version} ({n} righe di mesi non ancora pubblicati).",
        "en": "Loaded «{file}»: data version {version} ({n} rows of months not yet published)."},
    "corrections.held_done": {
        "it": "{n} righe correggono mesi già pubblicati: sono in attesa dell'approvazione di un amministratore "
              "(correzione n. {id}). Finché non è approvata, le pagine mostrano i dati precedenti.",
        "en": "{n} rows correct months already published: they wait for an administrator's approval (correction "
              "no. {id}). Until it is approved, the pages show the earlier figures."},
    "corrections.title": {"it": "Correzioni in attesa di approvazione", "en": "Corrections waiting for approval"},
    "corrections.why": {
        "it": "Ogni correzione pubblicata dà un nuovo rumore alle celle che cambia: se un referente potesse "
              "reinviare lo stesso mese molte volte, variando le proprie righe, potrebbe leggere più volte lo stesso "
              "numero degli altri progetti e togliere il rumore. Per questo le correzioni dei referenti a mesi già "
              "pubblicati attendono un amministratore, che le approva solo se correggono un errore reale "
              "(vedere Metodologia).",
        "en": "Each correction published gives new noise to the cells it changes: if a data steward could send the "
              "same month many times, varying their own rows, they could read the other projects' figures many "
              "times over and strip the noise away. So data stewards' corrections of months already published "
              "wait for an administrator, who approves them only when they fix a real error (see Methodology)."},
    "corrections.none": {"it": "Nessuna correzione in attesa.", "en": "No correction waiting."},
    "corrections.none_own": {"it": "Non hai inviato correzioni di mesi già pubblicati.",
                             "en": "You have sent no correction of months already published."},
    "corrections.revisions_note": {
        "it": "«Revisioni già pubblicate»: quante volte i dati di quei mesi sono già stati sostituiti. Ogni "
              "approvazione è una lettura in più di quelle celle: più di una correzione dello stesso mese, senza "
              "un motivo chiaro, è un segnale d'allarme.",
        "en": "\"Revisions already published\": how many times the figures of those months have already been "
              "replaced. Each approval is one more reading of those cells: more than one correction of the same "
              "month, without a clear reason, is a warning sign."},
    "corrections.pick": {"it": "Correzione", "en": "Correction"},
    "corrections.option": {"it": "n. {id} ({who})", "en": "no. {id} ({who})"},
    "corrections.confirm": {"it": "Ho verificato la correzione n. {id} con il referente",
                            "en": "I have checked correction no. {id} with the data steward"},
    "corrections.approve": {"it": "Approva e pubblica", "en": "Approve and publish"},
    "corrections.reject": {"it": "Respingi", "en": "Reject"},
    "corrections.loaded": {"it": "Correzione n. {id} approvata: versione dei dati {version}.",
                           "en": "Correction no. {id} approved: data version {version}."},
    "corrections.approved": {"it": "Correzione n. {id} approvata: i dati contenevano già queste righe.",
                             "en": "Correction no. {id} approved: the data already held these rows."},
    "corrections.rejected": {"it": "Correzione n. {id} respinta: non è stato caricato nulla.",
                             "en": "Correction no. {id} rejected: nothing was loaded."},
    "corrections.col.id": {"it": "N.", "en": "No."},
    "corrections.col.created_at": {"it": "Inviata (UTC)", "en": "Sent (UTC)"},
    "corrections.col.created_by": {"it": "Da", "en": "By"},
    "corrections.col.table": {"it": "Tabella", "en": "Table"},
    "corrections.col.months": {"it": "Progetto e mesi", "en": "Project and months"},
    "corrections.col.rows": {"it": "Righe", "en": "Rows"},
    "corrections.col.measures": {"it": "Misure cambiate", "en": "Measures changed"},
    "corrections.col.revisions": {"it": "Revisioni già pubblicate", "en": "Revisions already published"},
    "corrections.col.status": {"it": "Stato", "en": "Status"},
    "corrections.col.decided_by": {"it": "Deciso da", "en": "Decided by"},
    "corrections.col.version": {"it": "Versione", "en": "Version"},
    # Configuration (config/settings.py)
    "disclosure.config.hours_noise": {
        "it": "La variabile {variable} (rumore delle ore accanto alle persone, frazione del contributo più grande) "
              "deve essere un numero da 0 a 1: valore letto {raw}. Predefinito: {default}.",
        "en": "The variable {variable} (noise of the hours beside people, a fraction of the largest contribution) "
              "must be a number from 0 to 1: value read {raw}. Default: {default}."},
    "disclosure.config.sparsity": {
        "it": "La variabile {variable} (quota massima di celle a 0 o «<k» in una ripartizione) deve essere un numero "
              "maggiore di 0 e al massimo 1 (1 disattiva il controllo): valore letto {raw}. Predefinito: {default}.",
        "en": "The variable {variable} (largest share of cells at 0 or \"<k\" in a breakdown) must be a number "
              "greater than 0 and at most 1 (1 turns the check off): value read {raw}. Default: {default}."},
    # Hours beside people (views/rete.py; Servizi uses servizi.people_note)
    "disclosure.training_hours_note": {
        "it": "Le ore di formazione seguono i partecipanti, che sono un conteggio protetto: sono le ore per "
              "partecipante (con un piccolo rumore) per i partecipanti mostrati, 0 accanto a 0 partecipanti e non "
              "mostrate accanto a «<5». Corsi: come sono.",
        "en": "Training hours follow the participants, a protected count: hours per participant (with a little "
              "noise) times the participants shown, 0 beside 0 participants and not shown beside \"<5\". Courses: "
              "as they are."},
}
