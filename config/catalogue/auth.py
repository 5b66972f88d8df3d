"""The words of users and access (data_access/auth): roles, audit events, the rules of usernames and passwords,
login outcomes, every refusal of a user change, scope labels, and the words the audit trail stores. Italian
first (the command line and the audit trail use it), English second.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # Roles (data_access/auth/roles.py)
    "auth.role.amministratore": {"it": "Amministratore", "en": "Administrator"},
    "auth.role.referente_dati": {"it": "Referente dati di progetto", "en": "Project data steward"},
    "auth.role.prefettura": {"it": "Prefettura", "en": "Prefecture"},
    "auth.role.membro_tavolo": {"it": "Membro del tavolo di lavoro", "en": "Member of the working table"},
    "auth.role.ospite": {"it": "Ospite (solo totali nazionali e regionali)",
                         "en": "Guest (national and regional totals only)"},
    # Audit events (data_access/auth/audit.py)
    "auth.event.login_ok": {"it": "accesso riuscito", "en": "sign-in succeeded"},
    "auth.event.login_failed": {"it": "accesso non riuscito", "en": "sign-in failed"},
    "auth.event.login_locked": {"it": "accesso bloccato", "en": "sign-in locked"},
    "auth.event.logout": {"it": "uscita", "en": "sign-out"},
    "auth.event.page_view": {"it": "pagina vista", "en": "page viewed"},
    "auth.event.export": {"it": "esportazione", "en": "export"},
    "auth.event.upload": {"it": "caricamento dati", "en": "data upload"},
    "auth.event.upload_rejected": {"it": "caricamento rifiutato", "en": "upload refused"},
    "auth.event.rollback": {"it": "annullamento versione", "en": "version rolled back"},
    "auth.event.user_change": {"it": "modifica utenti", "en": "user change"},
    "auth.audit.unknown_event": {"it": "Evento di audit sconosciuto: {event} (ammessi: {events}).",
                                 "en": "Unknown audit event: {event} (allowed: {events})."},
    "auth.audit.unknown_filter": {"it": "Evento sconosciuto: «{event}» (ammessi: {events}).",
                                  "en": "Unknown event: «{event}» (allowed: {events})."},
    # What the audit trail stores about an event (written in Italian)
    "auth.reason.unknown_user": {"it": "utente sconosciuto", "en": "unknown user"},
    "auth.reason.wrong_password": {"it": "password errata", "en": "wrong password"},
    "auth.reason.disabled": {"it": "disattivato", "en": "disabled"},
    "auth.reason.demo_with_real_data": {"it": "account demo con dati reali", "en": "demo account with real data"},
    "auth.action.create": {"it": "creazione", "en": "creation"},
    "auth.action.enable": {"it": "riattivazione", "en": "enabling"},
    "auth.action.disable": {"it": "disattivazione", "en": "disabling"},
    "auth.action.password": {"it": "nuova password", "en": "new password"},
    # Rules (data_access/auth/users.py, passwords.py)
    "auth.username_rule": {
        "it": "da 3 a 40 caratteri: lettere minuscole senza accenti, cifre, punto, trattino e trattino basso, senza "
              "spazi; il primo carattere è una lettera o una cifra",
        "en": "3 to 40 characters: lower-case letters without accents, digits, point, hyphen and underscore, no "
              "spaces; the first character is a letter or a digit"},
    "auth.password_rule": {"it": "almeno {min} caratteri e al massimo {max} byte, diversa dal nome utente",
                           "en": "at least {min} characters and at most {max} bytes, not the username"},
    "auth.password.missing": {"it": "Password mancante (regola: {rule}).", "en": "Password missing (rule: {rule})."},
    "auth.password.short": {"it": "Password troppo corta: {length} caratteri (regola: {rule}).",
                            "en": "Password too short: {length} characters (rule: {rule})."},
    "auth.password.long": {"it": "Password troppo lunga (regola: {rule}).", "en": "Password too long (rule: {rule})."},
    "auth.password.spaces": {"it": "La password non può essere fatta solo di spazi (regola: {rule}).",
                             "en": "The password cannot be made of spaces only (rule: {rule})."},
    "auth.password.username": {"it": "La password non può essere uguale al nome utente (regola: {rule}).",
                               "en": "The password cannot be the username (rule: {rule})."},
    # Logging in (data_access/auth/login.py)
    "auth.ok": {"it": "Accesso eseguito.", "en": "Signed in."},
    "auth.wrong": {"it": "Nome utente o password non corretti.", "en": "Wrong username or password."},
    "auth.disabled": {"it": "Questo account è disattivato: rivolgersi all'amministratore del cruscotto.",
                      "en": "This account is disabled: contact the dashboard's administrator."},
    "auth.demo_only": {
        "it": "Gli account dimostrativi non sono più utilizzabili: il cruscotto contiene dati reali. Chiedere un "
              "account all'amministratore.",
        "en": "The demo accounts can no longer be used: the dashboard holds real data. Ask the administrator for "
              "an account."},
    "auth.locked.one": {
        "it": "Troppi tentativi non riusciti: accesso bloccato per 1 minuto. Riprovare più tardi o chiedere "
              "all'amministratore una nuova password.",
        "en": "Too many failed attempts: sign-in locked for 1 minute. Try again later or ask the administrator "
              "for a new password."},
    "auth.locked.many": {
        "it": "Troppi tentativi non riusciti: accesso bloccato per {minutes} minuti. Riprovare più tardi o chiedere "
              "all'amministratore una nuova password.",
        "en": "Too many failed attempts: sign-in locked for {minutes} minutes. Try again later or ask the "
              "administrator for a new password."},
    "auth.wrong_and_locked": {"it": "{wrong} {locked}", "en": "{wrong} {locked}"},
    # Users (data_access/auth/users.py)
    "auth.username.invalid": {"it": "Nome utente non valido: «{username}» ({rule}).",
                              "en": "Invalid username: «{username}» ({rule})."},
    "auth.username.demo": {
        "it": "Nome utente non valido: «{username}» (i nomi che iniziano con «{prefix}» sono riservati agli account "
              "dimostrativi).",
        "en": "Invalid username: «{username}» (names starting with «{prefix}» are kept for the demo accounts)."},
    "auth.username.taken": {"it": "Il nome utente «{username}» esiste già.",
                            "en": "The username «{username}» already exists."},
    "auth.name.invalid": {"it": "Nome non valido: al massimo {limit} caratteri, su una riga.",
                          "en": "Invalid name: at most {limit} characters, on one line."},
    "auth.province.unknown": {
        "it": "Codice provincia sconosciuto: «{code}» (codice ISTAT a tre cifre, per esempio 015 per Milano; "
              "`manage.py init-db` carica i territori).",
        "en": "Unknown province code: «{code}» (three-digit ISTAT code, for example 015 for Milano; "
              "`manage.py init-db` loads the territories)."},
    "auth.project.unknown": {"it": "Progetto sconosciuto: «{code}» (per esempio {known}).",
                             "en": "Unknown project: «{code}» (for example {known})."},
    "auth.project.unknown_none": {"it": "Progetto sconosciuto: «{code}» (nessun progetto caricato finora).",
                                  "en": "Unknown project: «{code}» (no project loaded so far)."},
    "auth.role.unknown": {"it": "Ruolo sconosciuto: «{role}» (ammessi: {roles}).",
                          "en": "Unknown role: «{role}» (allowed: {roles})."},
    "auth.role.needs_province": {
        "it": "Il ruolo {role} richiede almeno una provincia (--province CODICE, per esempio 015).",
        "en": "The role {role} needs at least one province (--province CODE, for example 015)."},
    "auth.role.sees_all": {"it": "Il ruolo {role} vede tutte le province: non indicare province.",
                           "en": "The role {role} sees every province: give no provinces."},
    "auth.role.sees_totals": {
        "it": "Il ruolo {role} vede solo i totali nazionali e regionali: non indicare province.",
        "en": "The role {role} sees national and regional totals only: give no provinces."},
    "auth.role.needs_project": {
        "it": "Il ruolo {role} richiede almeno un progetto (--project CODICE, per esempio SAI-SONDRIO).",
        "en": "The role {role} needs at least one project (--project CODE, for example SAI-SONDRIO)."},
    "auth.role.no_projects": {"it": "Solo il ruolo {steward} ha progetti: non indicarne per il ruolo {role}.",
                              "en": "Only the role {steward} has projects: give none for the role {role}."},
    "auth.user.unknown": {"it": "Utente sconosciuto: «{username}» (`manage.py users list` elenca gli utenti).",
                          "en": "Unknown user: «{username}» (`manage.py users list` lists the users)."},
    "auth.user.last_administrator": {
        "it": "«{username}» è l'ultimo amministratore attivo: crearne prima un altro (`manage.py users add NOME "
              "--role amministratore`).",
        "en": "«{username}» is the last active administrator: create another one first (`manage.py users add NAME "
              "--role amministratore`)."},
    "auth.demo_name.amministratore": {"it": "Amministratore (demo)", "en": "Administrator (demo)"},
    "auth.demo_name.prefettura": {"it": "Prefettura di Milano (demo)", "en": "Prefecture of Milano (demo)"},
    "auth.demo_name.membro_tavolo": {"it": "Tavolo di lavoro di Avellino (demo)",
                                     "en": "Working table of Avellino (demo)"},
    "auth.demo_name.referente_dati": {"it": "Referente SAI Provincia di Sondrio (demo)",
                                      "en": "SAI Provincia di Sondrio data steward (demo)"},
    "auth.demo_name.ospite": {"it": "Ospite (demo)", "en": "Guest (demo)"},
    # What a user may see and load (data_access/auth/access.py)
    "auth.import.refused": {
        "it": "L'utente «{username}» ({role}) non può caricare dati: possono farlo gli amministratori e i referenti "
              "dati.",
        "en": "The user «{username}» ({role}) cannot upload data: administrators and data stewards can."},
    "auth.scope.unknown_user": {"it": "Utente sconosciuto: «{username}».", "en": "Unknown user: «{username}»."},
    "auth.scope.unknown_role": {"it": "Ruolo sconosciuto: «{role}».", "en": "Unknown role: «{role}»."},
    "auth.scope.italy": {"it": "Italia", "en": "Italy"},
    "auth.scope.italy_totals": {"it": "Italia (totali nazionali e regionali)",
                                "en": "Italy (national and regional totals)"},
    "auth.scope.no_province": {"it": "nessuna provincia", "en": "no province"},
    "auth.scope.provinces": {"it": "{n} province", "en": "{n} provinces"},
    "auth.scope.projects": {"it": "Progetti {projects} ({provinces})", "en": "Projects {projects} ({provinces})"},
}
