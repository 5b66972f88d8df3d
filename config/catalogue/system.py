"""The words of the data core for the person running the program: database, configuration, loading and rollback,
the Cell Key Method's parameters and the map's refusals (Italian first, English second).

Most of these are raised as exceptions where no language is known (the command line, the start-up checks), so the
code asks for them in Italian, the default of :func:`config.labels.t`.
"""

TEXT: dict[str, dict[str, str]] = {
    # Database (data_access/db.py)
    "system.db.invalid_url_shown": {"it": "(URL non valido)", "en": "(invalid URL)"},
    "system.db.invalid_url": {"it": "DATABASE_URL non è un indirizzo di database valido: {url!r}.",
                              "en": "DATABASE_URL is not a valid database address: {url!r}."},
    "system.db.unsupported": {"it": "Database non supportato: {backend!r}. Usare SQLite o PostgreSQL.",
                              "en": "Unsupported database: {backend!r}. Use SQLite or PostgreSQL."},
    "system.db.path_unreadable": {"it": "Il percorso del database SQLite «{path}» non è accessibile: {reason}.",
                                  "en": "The SQLite database path «{path}» cannot be accessed: {reason}."},
    "system.db.path_blocked": {
        "it": "Il percorso del database SQLite «{path}» non è valido: «{blocker}» non è una cartella.",
        "en": "The SQLite database path «{path}» is not valid: «{blocker}» is not a folder."},
    "system.db.path_not_file": {"it": "Il percorso del database SQLite «{path}» non è un file.",
                                "en": "The SQLite database path «{path}» is not a file."},
    "system.db.missing_file": {
        "it": "Il database SQLite «{path}» non esiste: crearlo con `python manage.py init-db` (o `make run`), oppure "
              "correggere DATABASE_URL.",
        "en": "The SQLite database «{path}» does not exist: create it with `python manage.py init-db` (or `make run`), "
              "or correct DATABASE_URL."},
    "system.db.folder_not_made": {"it": "Impossibile creare la cartella «{folder}» del database: {reason}.",
                                  "en": "Cannot create the database folder «{folder}»: {reason}."},
    "system.db.unreachable": {"it": "Database non raggiungibile ({url}): {reason}",
                              "en": "Database not reachable ({url}): {reason}"},
    "system.db.unusable": {"it": "Il database {url} non è utilizzabile: {reason}",
                           "en": "The database {url} cannot be used: {reason}"},
    "system.db.newer_untouched": {
        "it": "Lo schema del database ({revision}) è più recente di questa versione del programma: aggiornare il "
              "codice prima di usare questo database. Nessuna modifica eseguita.",
        "en": "The database schema ({revision}) is newer than this version of the program: update the code before "
              "using this database. Nothing was changed."},
    "system.db.empty": {"it": "Il database è vuoto: eseguire `python manage.py init-db` (o `make run`).",
                        "en": "The database is empty: run `python manage.py init-db` (or `make run`)."},
    "system.db.outdated": {"it": "Lo schema del database è da aggiornare: eseguire `python manage.py init-db`.",
                           "en": "The database schema needs an update: run `python manage.py init-db`."},
    "system.db.newer": {"it": "Lo schema del database è più recente di questa versione del programma.",
                        "en": "The database schema is newer than this version of the program."},
    # What went wrong with a path (data_access/db.os_reason; the system's own words for rarer errors)
    "system.os.ENOENT": {"it": "file o cartella inesistente", "en": "no such file or folder"},
    "system.os.EACCES": {"it": "permesso negato", "en": "permission denied"},
    "system.os.EPERM": {"it": "operazione non permessa", "en": "operation not permitted"},
    "system.os.ENOTDIR": {"it": "una parte del percorso non è una cartella",
                          "en": "a part of the path is not a folder"},
    "system.os.EISDIR": {"it": "è una cartella", "en": "it is a folder"},
    "system.os.EEXIST": {"it": "esiste già e non è una cartella", "en": "it already exists and is not a folder"},
    "system.os.EROFS": {"it": "il file system è in sola lettura", "en": "the file system is read-only"},
    "system.os.ENOSPC": {"it": "spazio su disco esaurito", "en": "no space left on the disk"},
    "system.os.ENAMETOOLONG": {"it": "nome troppo lungo", "en": "name too long"},
    "system.os.ELOOP": {"it": "troppi collegamenti simbolici", "en": "too many symbolic links"},
    # Configuration (config/settings.py)
    "system.config.not_integer": {"it": "La variabile {name} deve essere un numero intero (valore letto: {raw!r}).",
                                  "en": "The variable {name} must be a whole number (value read: {raw!r})."},
    "system.config.not_number": {"it": "La variabile {name} deve essere un numero (valore letto: {raw!r}).",
                                 "en": "The variable {name} must be a number (value read: {raw!r})."},
    "system.config.ckm_refused": {
        "it": "La variabile {variable} ({meaning}) non è ammissibile: valore letto «{raw}». Ammesso: {allowed} "
              "(predefinito {default:g}).",
        "en": "The variable {variable} ({meaning}) is not allowed: value read «{raw}». Allowed: {allowed} "
              "(default {default:g})."},
    "system.config.ckm_together": {"it": "Le variabili {names} non sono ammissibili insieme. {problem}",
                                   "en": "The variables {names} are not allowed together. {problem}"},
    "system.config.origin.streamlit": {"it": "secrets di Streamlit", "en": "Streamlit secrets"},
    "system.config.origin.environment": {"it": "ambiente", "en": "environment"},
    "system.config.origin.demo_file": {"it": "file locale demo", "en": "local demo file"},
    "system.config.secret_short": {"it": "{variable} è troppo corto: servono almeno 16 caratteri casuali.",
                                   "en": "{variable} is too short: at least 16 random characters are needed."},
    "system.config.secret_missing": {
        "it": "Manca il segreto del Cell Key Method: impostare la variabile d'ambiente {variable} (o la stessa chiave "
              "in .streamlit/secrets.toml). Senza segreto i dati reali non si caricano e il cruscotto non si avvia.",
        "en": "The Cell Key Method secret is missing: set the environment variable {variable} (or the same key in "
              ".streamlit/secrets.toml). Without a secret real data are not loaded and the dashboard does not "
              "start."},
    "system.config.local_key_failed": {
        "it": "Non riesco a creare o leggere la chiave demo in {path} ({reason}): rendere scrivibile la cartella "
              "{folder} oppure impostare la variabile d'ambiente {variable}.",
        "en": "Cannot create or read the demo key in {path} ({reason}): make the folder {folder} writable or set "
              "the environment variable {variable}."},
    "system.config.local_key_damaged": {
        "it": "Il file {path} è vuoto o danneggiato: cancellarlo (se ne crea uno nuovo; con dati demo già caricati "
              "eseguire poi `python manage.py rekey`) oppure impostare {variable}.",
        "en": "The file {path} is empty or damaged: delete it (a new one is made; with demo data already loaded, "
              "then run `python manage.py rekey`) or set {variable}."},
    "system.config.cookie_key_short": {
        "it": "{variable} è troppo corta: servono almeno 32 caratteri casuali (per esempio: python -c \"import "
              "secrets; print(secrets.token_hex(32))\").",
        "en": "{variable} is too short: at least 32 random characters are needed (for example: python -c \"import "
              "secrets; print(secrets.token_hex(32))\")."},
    "system.config.cookie_key_missing": {
        "it": "Manca la chiave dei cookie di accesso: impostare la variabile d'ambiente {variable} (almeno 32 "
              "caratteri casuali) o la stessa chiave in .streamlit/secrets.toml. Senza chiave il cruscotto non si "
              "avvia con dati reali.",
        "en": "The login cookie key is missing: set the environment variable {variable} (at least 32 random "
              "characters) or the same key in .streamlit/secrets.toml. Without a key the dashboard does not start "
              "with real data."},
    "system.config.cookie_days": {"it": "{variable} deve essere tra 0 e 30 giorni (valore letto: {days:g}).",
                                  "en": "{variable} must be between 0 and 30 days (value read: {days:g})."},
    "system.config.import_mb": {"it": "{variable} deve essere tra 0 e 1000 MB (valore letto: {megabytes:g}).",
                                "en": "{variable} must be between 0 and 1000 MB (value read: {megabytes:g})."},
    "system.config.import_rows": {"it": "{variable} deve essere tra 1 e 10.000.000 (valore letto: {rows}).",
                                  "en": "{variable} must be between 1 and 10,000,000 (value read: {rows})."},
    # Loading and rollback (data_access/loading.py)
    "system.load.unknown_tables": {"it": "Tabelle sconosciute: {tables}", "en": "Unknown tables: {tables}"},
    "system.load.rollback_source": {"it": "annullamento della versione {version} ({source})",
                                    "en": "rollback of version {version} ({source})"},
    "system.rollback.missing": {"it": "La versione {version} non esiste.", "en": "Version {version} does not exist."},
    "system.rollback.done": {"it": "La versione {version} è già stata annullata.",
                             "en": "Version {version} has already been rolled back."},
    "system.rollback.not_import": {
        "it": "La versione {version} non è un caricamento di file ({kind}): si annullano solo i caricamenti.",
        "en": "Version {version} is not a file upload ({kind}): only uploads can be rolled back."},
    "system.rollback.projects": {
        "it": "La versione {version} ha caricato l'anagrafica dei progetti, che non si annulla: correggerla "
              "caricando di nuovo il file dei progetti.",
        "en": "Version {version} loaded the projects register, which cannot be rolled back: correct it by uploading "
              "the projects file again."},
    "system.rollback.replaced": {
        "it": "Una parte dei dati della versione {version} è stata sostituita dalla versione {later}: annullare prima "
              "la versione {later}.",
        "en": "Part of the data of version {version} was replaced by version {later}: roll back version {later} "
              "first."},
    "system.startup.demo_hint": {
        "it": "Per provare il cruscotto con dati dimostrativi, senza configurazione: `make run` (oppure `python "
              "manage.py seed-demo`).",
        "en": "To try the dashboard with demo data, with no configuration: `make run` (or `python manage.py "
              "seed-demo`)."},
    # Cell Key Method parameters (data_access/disclosure.py): what each means, the values allowed
    "system.ckm.D.meaning": {"it": "rumore massimo", "en": "largest noise"},
    "system.ckm.D.allowed": {"it": "un numero intero da 1 in su", "en": "a whole number from 1 up"},
    "system.ckm.V.meaning": {"it": "varianza del rumore", "en": "variance of the noise"},
    "system.ckm.V.allowed": {"it": "un numero finito maggiore di 0", "en": "a finite number greater than 0"},
    "system.ckm.js.meaning": {"it": "i valori da 1 a js non si pubblicano", "en": "values 1 to js are not published"},
    "system.ckm.js.allowed": {"it": "un numero intero da 0 in su", "en": "a whole number from 0 up"},
    "system.ckm.pstay.meaning": {"it": "probabilità di nessun cambiamento", "en": "probability of no change"},
    "system.ckm.pstay.allowed": {"it": "un numero da 0 (compreso) a 1 (escluso)",
                                 "en": "a number from 0 (included) to 1 (excluded)"},
    "system.ckm.k.meaning": {"it": "soglia di visualizzazione «<k»", "en": "display threshold «<k»"},
    "system.ckm.k.allowed": {"it": "un numero intero da 1 in su", "en": "a whole number from 1 up"},
    "system.ckm.parameter_refused": {
        "it": "Parametro {name} ({meaning}) non ammissibile: {value}. Ammesso: {allowed} (predefinito {default}).",
        "en": "Parameter {name} ({meaning}) not allowed: {value}. Allowed: {allowed} (default {default})."},
    "system.ckm.infeasible": {
        "it": "Parametri della p-table non ammissibili insieme (D={D}, V={V}, js={js}, pstay={pstay}): nella riga "
              "i={row} i rumori ammessi sono {noises} e nessuna distribuzione ha media 0, varianza V = {V}{stay} e "
              "probabilità che non crescono allontanandosi da 0 ({reason}). Provare un'altra varianza V, un D più "
              "grande, un js o un pstay più piccoli (predefiniti: D={default_D}, V={default_V}, js={default_js}, "
              "pstay={default_pstay}).",
        "en": "p-table parameters not allowed together (D={D}, V={V}, js={js}, pstay={pstay}): in row i={row} the "
              "allowed noises are {noises} and no distribution has mean 0, variance V = {V}{stay} and probabilities "
              "that do not grow away from 0 ({reason}). Try another variance V, a larger D, a smaller js or pstay "
              "(defaults: D={default_D}, V={default_V}, js={default_js}, pstay={default_pstay})."},
    "system.ckm.infeasible.stay": {"it": ", p(0) = pstay = {pstay}", "en": ", p(0) = pstay = {pstay}"},
    "system.ckm.infeasible.no_solution": {"it": "i vincoli non hanno soluzione",
                                          "en": "the constraints have no solution"},
    "system.ckm.infeasible.no_convergence": {
        "it": "nessun calcolo converge a un punto che rispetti i vincoli entro 1e-9",
        "en": "no computation converges to a point that meets the constraints within 1e-9"},
    "system.ckm.infeasible.check_failed": {"it": "la verifica della riga calcolata non riesce",
                                           "en": "the check of the computed row fails"},
    # The map's refusals (data_access/geo.py)
    "system.map.bad_measure": {"it": "Misura non prevista per la mappa: {measure!r} (ammesse: {allowed}).",
                               "en": "Measure not available on the map: {measure!r} (allowed: {allowed})."},
    "system.map.bad_level": {"it": "Livello non previsto per la mappa: {level!r} (ammessi: {allowed}).",
                             "en": "Level not available on the map: {level!r} (allowed: {allowed})."},
    "system.map.level_too_fine": {"it": "Il livello {level!r} è più fine di quello consentito ({allowed!r}).",
                                  "en": "The level {level!r} is finer than the one allowed ({allowed!r})."},
    "system.map.unknown_territory": {"it": "Territorio sconosciuto: {code!r}.", "en": "Unknown territory: {code!r}."},
}
