"""The words of hardening (issue 17): a busy or unreachable database, a refused or failed download, and the
configuration that bounds them (Italian first, English second)."""

TEXT: dict[str, dict[str, str]] = {
    # A database that cannot answer now (data_access/db.py: operational_problem), on the page and the command line
    "security.db.locked": {
        "it": "Il database è occupato da un'altra operazione (per esempio un caricamento di dati) e non ha risposto "
              "entro {seconds} secondi: riprovare tra qualche istante.",
        "en": "The database is busy with another operation (for example a data load) and did not answer within "
              "{seconds} seconds: try again in a moment."},
    "security.db.unreachable": {
        "it": "Il database non risponde ({reason}): riprovare tra qualche istante; se continua, avvisare "
              "l'amministratore.",
        "en": "The database does not answer ({reason}): try again in a moment; if it goes on, tell the "
              "administrator."},
    "security.db.failed": {
        "it": "Il database non ha potuto eseguire l'operazione ({reason}): riprovare; se continua, avvisare "
              "l'amministratore.",
        "en": "The database could not carry out the operation ({reason}): try again; if it goes on, tell the "
              "administrator."},
    "security.db.retry": {"it": "Riprova", "en": "Try again"},
    "security.config.db_wait": {
        "it": "{variable} deve essere tra 1 e 600 secondi (valore letto: {seconds:g}).",
        "en": "{variable} must be between 1 and 600 seconds (value read: {seconds:g})."},
    # Downloads checked at the moment of the click (views/downloads.py)
    "auth.event.export_refused": {"it": "esportazione rifiutata", "en": "export refused"},
    "security.download.refused": {
        "it": "Download rifiutato: la sessione non è più valida o l'utente non vede più questi dati. Ricaricare la "
              "pagina.",
        "en": "Download refused: the session is no longer valid or the user may no longer see these data. Reload "
              "the page."},
    "security.download.failed": {
        "it": "Non è stato possibile preparare il file: riprovare; se si ripete, avvisare l'amministratore.",
        "en": "The file could not be prepared: try again; if it happens again, tell the administrator."},
    # Rendering out of process (presentation/exports/images.py)
    "security.render.failed": {
        "it": "Il grafico non è stato disegnato: il programma di disegno si è interrotto. Riprovare; se si ripete, "
              "segnalare il grafico all'amministratore.",
        "en": "The chart was not drawn: the drawing program stopped. Try again; if it happens again, report the "
              "chart to the administrator."},
    "security.render.timeout": {
        "it": "Il grafico non è stato disegnato entro {seconds} secondi: riprovare con un periodo o un territorio "
              "più piccolo.",
        "en": "The chart was not drawn within {seconds} seconds: try again with a smaller period or territory."},
    # The server's log (for the operator)
    "security.log.download_failed": {"it": "Download non preparato", "en": "Download not prepared"},
    "security.log.sweep_failed": {"it": "Pulizia dei file scaricati non riuscita (riprovata fra poco)",
                                  "en": "Sweeping the downloaded files failed (tried again shortly)"},
    "security.log.database": {"it": "Database occupato o non raggiungibile durante una pagina: {reason}",
                              "en": "Database busy or unreachable during a page run: {reason}"},
    "security.log.renderer_slow": {"it": "Il disegno di un grafico ha superato {seconds} s: processo fermato",
                                   "en": "Drawing a chart took more than {seconds} s: process stopped"},
    "security.log.renderer_died": {
        "it": "Il processo di disegno dei grafici si è interrotto (codice {code}): il prossimo grafico ne avvia uno "
              "nuovo",
        "en": "The chart drawing process stopped (exit code {code}): the next chart starts a new one"},
    # National and regional totals (a guest): programmes per territory, never a project (views/accoglienza.py)
    "accoglienza.full_programmes": {
        "it": "Programmi con il 95% o più dei posti occupati nel territorio: {projects}.",
        "en": "Programmes with 95% or more of their places occupied in the area: {projects}."},
    "accoglienza.none_full_programmes": {
        "it": "Nessun programma con il 95% o più dei posti occupati nel territorio.",
        "en": "No programme with 95% or more of its places occupied in the area."},
}
