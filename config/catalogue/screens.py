"""The words of the screens: app, pages, filters, charts, measures, notices (Italian first, English second)."""

TEXT: dict[str, dict[str, str]] = {
    # Application
    "app.title": {"it": "Cruscotto territoriale", "en": "Territorial dashboard"},
    "app.subtitle": {"it": "Tratta, sfruttamento lavorativo e accoglienza: dati aggregati e protetti",
                     "en": "Trafficking, labour exploitation and reception: aggregate, protected data"},
    "app.language": {"it": "Lingua", "en": "Language"},
    "app.demo_banner": {
        "it": "DATI DIMOSTRATIVI SINTETICI: i numeri di questo cruscotto sono generati per prova e non "
              "descrivono persone, progetti o territori reali.",
        "en": "SYNTHETIC DEMO DATA: the figures in this dashboard are generated for testing and describe no "
              "real people, projects or territories."},
    "app.source": {"it": "Fonte: dati aggregati dei progetti; dati al {date}; versione {version}",
                   "en": "Source: aggregated project data; data as of {date}; version {version}"},
    "app.credit": {"it": "Confini e popolazione: ISTAT, via openpolis (CC BY 4.0)",
                   "en": "Boundaries and population: ISTAT, via openpolis (CC BY 4.0)"},
    "app.small_note": {
        "it": "«<{k}» indica un valore protetto, meno di {k} dopo la protezione: per proteggere le persone il "
              "numero esatto non si mostra, e quello reale può essere più alto (vedi Metodologia). I valori sono "
              "protetti con il Cell Key Method: i totali possono non coincidere con la somma delle parti.",
        "en": "\"<{k}\" marks a protected value, less than {k} after protection: to protect people the exact number "
              "is not shown, and the true one may be higher (see Methodology). Values are protected by the Cell Key "
              "Method: totals may differ from the sum of their parts."},
    "app.not_available": {"it": "n.d.", "en": "n/a"},
    # Pages
    "page.panoramica": {"it": "Panoramica", "en": "Overview"},
    "page.metodologia": {"it": "Metodologia", "en": "Methodology"},
    "page.mappa": {"it": "Mappa territoriale", "en": "Territory map"},
    "page.accoglienza": {"it": "Accoglienza", "en": "Reception"},
    "page.emersione": {"it": "Emersione e contatti", "en": "Outreach and identification"},
    "page.servizi": {"it": "Servizi", "en": "Services"},
    "page.rete": {"it": "Rete e tavolo", "en": "Network and working table"},
    "page.utenti": {"it": "Utenti", "en": "Users"},
    "page.registro": {"it": "Registro accessi", "en": "Audit trail"},
    "page.importa": {"it": "Carica dati", "en": "Upload data"},
    # Data import (pages/importa.py)
    "import.intro": {
        "it": "Si caricano solo **tabelle aggregate** (mai dati di persone), una tabella per file. Il file viene "
              "controllato riga per riga; se non ha errori si vede l'anteprima e lo si carica come nuova versione "
              "dei dati, tutto o niente. Ricaricare gli stessi progetti e mesi sostituisce i dati precedenti.",
        "en": "Only **aggregate tables** are uploaded (never data about people), one table per file. The file is "
              "checked row by row; with no errors you see a preview and load it as a new data version, all or "
              "nothing. Re-loading the same projects and months replaces the earlier figures."},
    "import.demo_warning": {
        "it": "Database dimostrativo: i file caricati qui restano dati di prova, visibili agli account demo. Non "
              "caricare dati reali (si caricano in un'installazione senza dati demo, vedere il README).",
        "en": "Demo database: files uploaded here stay test data, visible to the demo accounts. Do not upload real "
              "data (they go into an installation without demo data, see the README)."},
    "import.steward_scope": {"it": "Il proprio profilo carica i dati dei progetti: {projects}.",
                             "en": "Your profile uploads the data of the projects: {projects}."},
    "import.no_projects": {"it": "Nessun progetto è assegnato al proprio profilo: chiedere all'amministratore.",
                           "en": "No project is assigned to your profile: ask the administrator."},
    "import.table": {"it": "Tabella da caricare", "en": "Table to upload"},
    "import.table.projects": {"it": "Anagrafica dei progetti", "en": "Project register"},
    "import.table.capacity": {"it": "Accoglienza: strutture, posti e presenze",
                              "en": "Reception: structures, places and presences"},
    "import.table.outreach": {"it": "Emersione: contatti, valutazioni, invii e prese in carico",
                              "en": "Outreach: contacts, assessments, referrals and take-ins"},
    "import.table.outreach_activity": {"it": "Attività di contatto: uscite e aperture",
                                       "en": "Outreach activity: outings and opening days"},
    "import.table.services": {"it": "Servizi erogati", "en": "Services delivered"},
    "import.table.network_members": {"it": "Rete territoriale: enti aderenti", "en": "Territorial network: members"},
    "import.table.meetings": {"it": "Riunioni del tavolo e della rete", "en": "Meetings of the tavolo and network"},
    "import.table.actions": {"it": "Piano di intervento locale: azioni", "en": "Local action plan: actions"},
    "import.table.training": {"it": "Formazione degli operatori", "en": "Training of practitioners"},
    "import.templates": {"it": "Modelli da compilare (con la spiegazione di ogni colonna e una riga di esempio)",
                         "en": "Templates to fill in (with every column explained and an example row)"},
    "import.template_csv": {"it": "Modello CSV", "en": "CSV template"},
    "import.template_xlsx": {"it": "Modello XLSX", "en": "XLSX template"},
    "import.columns": {"it": "Colonne e valori ammessi", "en": "Columns and allowed values"},
    "import.col.header": {"it": "Intestazione", "en": "Header"},
    "import.col.required": {"it": "Obbligatoria", "en": "Required"},
    "import.col.values": {"it": "Valori", "en": "Values"},
    "import.col.description": {"it": "Descrizione", "en": "Description"},
    "import.file": {"it": "File CSV o XLSX (al massimo {mb} MB e {rows} righe)",
                    "en": "CSV or XLSX file (at most {mb} MB and {rows} rows)"},
    "import.sheet": {"it": "Foglio", "en": "Sheet"},
    "import.checking": {"it": "Controllo del file... ({seconds} s)", "en": "Checking the file... ({seconds} s)"},
    "import.unreadable": {"it": "Il file non si può leggere. {problem}", "en": "The file cannot be read. {problem}"},
    "import.errors": {"it": "**{n}** errori: nulla sarà caricato. Correggere il file e caricarlo di nuovo.",
                      "en": "**{n}** errors: nothing will be loaded. Correct the file and upload it again."},
    "import.warnings": {"it": "**{n}** avvisi da controllare: non impediscono il caricamento.",
                        "en": "**{n}** warnings to check: they do not prevent the upload."},
    "import.report": {"it": "Rapporto del controllo", "en": "Check report"},
    "import.report_download": {"it": "Scarica il rapporto (CSV)", "en": "Download the report (CSV)"},
    "import.preview": {"it": "Anteprima rispetto ai dati attuali", "en": "Preview against the current data"},
    "import.added": {"it": "Righe nuove", "en": "New rows"},
    "import.replaced": {"it": "Righe che sostituiscono dati attuali", "en": "Rows replacing current data"},
    "import.replaced_help": {"it": "Sostituiscono {n} righe attuali degli stessi progetti e mesi.",
                             "en": "They replace {n} current rows of the same projects and months."},
    "import.unchanged": {"it": "Righe invariate (già caricate)", "en": "Unchanged rows (already loaded)"},
    "import.nothing": {"it": "Il file coincide con i dati attuali: non c'è nulla da caricare.",
                       "en": "The file matches the current data: there is nothing to load."},
    "import.load": {"it": "Carica", "en": "Load"},
    "import.loading": {"it": "Caricamento in corso (tutto o niente)... ({seconds} s)",
                       "en": "Loading (all or nothing)... ({seconds} s)"},
    "import.done": {"it": "Caricato «{file}»: versione dei dati {version} ({added} righe nuove, {replaced} "
                          "sostituite). I grafici mostrano già i nuovi dati.",
                    "en": "Loaded «{file}»: data version {version} ({added} new rows, {replaced} replaced). The "
                          "charts already show the new data."},
    "import.config_error": {"it": "Caricamento non eseguito, nessun dato è cambiato: la configurazione del server "
                                  "non lo permette. {problem}",
                            "en": "Nothing was loaded and no data changed: the server configuration does not allow "
                                  "it. {problem}"},
    "import.versions": {"it": "Versioni dei dati", "en": "Data versions"},
    "import.versions_own": {"it": "I propri caricamenti.", "en": "Your uploads."},
    "import.vcol.id": {"it": "Versione", "en": "Version"},
    "import.vcol.created_at": {"it": "Data e ora (UTC)", "en": "Date and time (UTC)"},
    "import.vcol.kind": {"it": "Tipo", "en": "Kind"},
    "import.vcol.source": {"it": "Origine", "en": "Source"},
    "import.vcol.created_by": {"it": "Chi", "en": "Who"},
    "import.vcol.rows": {"it": "Righe", "en": "Rows"},
    "import.vcol.file_hash": {"it": "Impronta SHA-256", "en": "SHA-256 fingerprint"},
    "import.vcol.status": {"it": "Stato", "en": "Status"},
    "import.kind.demo": {"it": "dati demo", "en": "demo data"},
    "import.kind.import": {"it": "caricamento", "en": "upload"},
    "import.kind.demo_import": {"it": "caricamento (demo)", "en": "upload (demo)"},
    "import.kind.rollback": {"it": "annullamento", "en": "rollback"},
    "import.kind.demo_rollback": {"it": "annullamento (demo)", "en": "rollback (demo)"},
    "import.rollback": {"it": "Annulla un caricamento", "en": "Roll back an upload"},
    "import.rollback_intro": {
        "it": "Una nuova versione ripristina i dati com'erano prima del caricamento scelto; nulla si cancella, "
              "e i pacchetti che citano le versioni precedenti restano ricostruibili.",
        "en": "A new version restores the data as they were before the chosen upload; nothing is deleted, and "
              "packs citing earlier versions can still be rebuilt."},
    "import.rollback_pick": {"it": "Versione da annullare", "en": "Version to roll back"},
    "import.rollback_confirm": {"it": "Confermo l'annullamento della versione {version}",
                                "en": "I confirm the rollback of version {version}"},
    "import.rollback_button": {"it": "Annulla la versione", "en": "Roll back the version"},
    "import.rollback_done": {"it": "Versione {version} annullata: dati ripristinati dalla versione {undo}.",
                             "en": "Version {version} rolled back: data restored by version {undo}."},
    "import.rollback_none": {"it": "Nessun caricamento da annullare.", "en": "No upload to roll back."},
    # Login
    "login.title": {"it": "Accesso al Cruscotto territoriale", "en": "Sign in to the Territorial dashboard"},
    "login.intro": {"it": "I dati riguardano persone vulnerabili: ogni accesso è personale e registrato. Ognuno "
                          "vede solo i territori del proprio ruolo.",
                    "en": "The data concern vulnerable people: every account is personal and every access is "
                          "recorded. Each user sees only the territories of their role."},
    "login.username": {"it": "Nome utente", "en": "Username"},
    "login.password": {"it": "Password", "en": "Password"},
    "login.submit": {"it": "Entra", "en": "Sign in"},
    "login.role": {"it": "Ruolo", "en": "Role"},
    "login.territory": {"it": "Territorio o progetti", "en": "Territory or projects"},
    "login.ended": {"it": "La sessione è terminata (uscita, account modificato o disattivato): accedere di nuovo.",
                    "en": "The session has ended (signed out, account changed or disabled): please sign in again."},
    "login.demo_title": {"it": "Account dimostrativi", "en": "Demo accounts"},
    "login.demo_intro": {"it": "Il cruscotto contiene solo dati dimostrativi sintetici: si può entrare con uno di "
                               "questi account, uno per ruolo, con la password `{password}`. Smettono di funzionare "
                               "appena si caricano dati reali.",
                         "en": "The dashboard holds synthetic demo data only: sign in with one of these accounts, "
                               "one per role, with the password `{password}`. They stop working as soon as real "
                               "data are loaded."},
    "login.no_users": {"it": "Nessun utente registrato. Creare il primo amministratore dalla riga di comando: "
                             "`python manage.py users add NOME --role amministratore` (la password si digita "
                             "quando richiesta).",
                       "en": "No users yet. Create the first administrator on the command line: "
                             "`python manage.py users add NAME --role amministratore` (type the password when "
                             "asked)."},
    "login.who": {"it": "Utente: **{name}** ({role})", "en": "Signed in as **{name}** ({role})"},
    "login.logout": {"it": "Esci", "en": "Sign out"},
    "panoramica.coverage_none": {"it": "Nessun progetto da elencare per il proprio profilo (i totali nazionali e "
                                       "regionali non mostrano i singoli progetti).",
                                 "en": "No project to list for your profile (national and regional totals do not "
                                       "show single projects)."},
    "page.pacchetto": {"it": "Pacchetto riunione", "en": "Meeting pack"},
    "pack.title": {"it": "Pacchetto riunione", "en": "Meeting pack"},
    "pack.intro": {"it": "Le slide per la riunione del tavolo: **{territory}**, {period}. Territorio e periodo si "
                         "scelgono nei filtri a sinistra; il pacchetto cita la versione dei dati da cui è costruito.",
                   "en": "The slides for the tavolo's meeting: **{territory}**, {period}. Choose territory and period "
                         "in the filters on the left; the pack cites the data version it is built from."},
    "pack.tavolo": {"it": "Nome del tavolo", "en": "Name of the tavolo"},
    "pack.tavolo_default": {"it": "Tavolo di lavoro - {territory}", "en": "Working table - {territory}"},
    "pack.charts": {"it": "Grafici da includere", "en": "Charts to include"},
    "pack.none_chosen": {"it": "Scegliere almeno un grafico.", "en": "Choose at least one chart."},
    "pack.choice.posti": {"it": "Posti e presenze nel tempo", "en": "Places and presences over time"},
    "pack.choice.liberi": {"it": "Posti liberi nel tempo", "en": "Free places over time"},
    "pack.choice.contatti": {"it": "Contatti e invii nel tempo", "en": "Contacts and referrals over time"},
    "pack.choice.percorso": {"it": "Dalla valutazione alla presa in carico", "en": "From assessment to take-in"},
    "pack.choice.servizi": {"it": "Persone raggiunte dai servizi", "en": "People reached by services"},
    "pack.subject.occupied": {"it": "I posti occupati", "en": "Occupied places"},
    "pack.subject.free_places": {"it": "I posti liberi", "en": "Free places"},
    "pack.subject.contacts": {"it": "I contatti", "en": "Contacts"},
    "pack.subject.take_ins": {"it": "Le prese in carico", "en": "Take-ins"},
    "pack.subject.people": {"it": "Le persone raggiunte dai servizi", "en": "People reached by services"},
    "pack.summary": {"it": "Tabella riassuntiva (inizio dell'intervallo, periodo precedente e ultimo periodo)",
                     "en": "Summary table (start of the range, the period before the last, the last period)"},
    "pack.col.measure": {"it": "Misura", "en": "Measure"},
    "pack.col.people_served": {"it": "Persone raggiunte dai servizi", "en": "People reached by services"},
    "pack.download": {"it": "Scarica il pacchetto", "en": "Download the pack"},
    "pack.download_note": {"it": "{n} slide, tabella riassuntiva e nota di metodo; dati della versione {version}. "
                                 "Il file si prepara al clic (qualche secondo).",
                           "en": "{n} slides, summary table and methodology note; data of version {version}. The "
                                 "file is prepared on click (a few seconds)."},
    "pack.pptx": {"it": "Slide (PPTX)", "en": "Slides (PPTX)"},
    "pack.pdf": {"it": "PDF", "en": "PDF"},
    "pack.method.1": {"it": "I numeri sono aggregati mensili inviati dai progetti: nessun dato riguarda una singola "
                            "persona.",
                      "en": "The figures are monthly aggregates sent by the projects: no figure concerns a single "
                            "person."},
    "pack.method.2": {"it": "Ogni conteggio di persone è protetto con il Cell Key Method: un piccolo rumore "
                            "controllato, sempre lo stesso per la stessa cella. Per questo i totali possono non "
                            "coincidere con la somma delle parti.",
                      "en": "Every count of people is protected with the Cell Key Method: a small controlled noise, "
                            "always the same for the same cell. Totals may therefore differ from the sum of parts."},
    "pack.method.3": {"it": "«<{k}» indica un valore protetto, meno di {k} dopo la protezione (il numero reale può "
                            "essere più alto: vedi Metodologia); le variazioni non si calcolano su valori protetti.",
                      "en": "«<{k}» marks a protected value, less than {k} after protection (the true number may "
                            "be higher: see Methodology); changes are never computed from protected values."},
    "pack.method.4": {"it": "Le strutture anti-tratta non si mostrano mai sotto il livello provinciale. Dettagli "
                            "nella pagina Metodologia del cruscotto.",
                      "en": "Anti-trafficking shelters are never shown below province level. Details on the "
                            "dashboard's Methodology page."},
    "export.help": {"it": "Scarica in formato {fmt}, con fonte, versione dei dati e nota sui valori protetti",
                    "en": "Download as {fmt}, with source, data version and the note on protected values"},
    "login.forbidden": {"it": "Questa pagina non è disponibile per il proprio ruolo.",
                        "en": "This page is not available to your role."},
    # Users (administrators)
    "users.intro": {"it": "Gli utenti del cruscotto. Ogni modifica è registrata nel registro accessi. Le password "
                          "sono conservate solo come hash bcrypt.",
                    "en": "The users of the dashboard. Every change is recorded in the audit trail. Passwords are "
                          "stored only as bcrypt hashes."},
    "users.col.username": {"it": "Nome utente", "en": "Username"},
    "users.col.name": {"it": "Nome", "en": "Name"},
    "users.col.role": {"it": "Ruolo", "en": "Role"},
    "users.col.territory": {"it": "Province o progetti", "en": "Provinces or projects"},
    "users.col.active": {"it": "Attivo", "en": "Active"},
    "users.col.demo": {"it": "Demo", "en": "Demo"},
    "users.col.password_changed": {"it": "Password cambiata il", "en": "Password changed on"},
    "users.new": {"it": "Nuovo utente", "en": "New user"},
    "users.change": {"it": "Disattiva, riattiva, nuova password", "en": "Disable, enable, new password"},
    "users.provinces": {"it": "Province (prefettura, membro del tavolo)", "en": "Provinces (prefecture, tavolo)"},
    "users.provinces_help": {"it": "Obbligatorie per prefettura e membro del tavolo; da non indicare per "
                                   "amministratore e ospite.",
                             "en": "Required for prefecture and tavolo member; not for administrator and guest."},
    "users.projects": {"it": "Progetti (referente dati)", "en": "Projects (data steward)"},
    "users.projects_help": {"it": "Obbligatori per il referente dati, e solo per lui.",
                            "en": "Required for the data steward, and only for that role."},
    "users.password_again": {"it": "Ripetere la password", "en": "Repeat the password"},
    "users.password_mismatch": {"it": "Le due password non coincidono: nessuna modifica eseguita.",
                                "en": "The two passwords differ: nothing changed."},
    "users.create": {"it": "Crea utente", "en": "Create user"},
    "users.created": {"it": "Utente «{username}» creato.", "en": "User «{username}» created."},
    "users.disable": {"it": "Disattiva l'utente", "en": "Disable the user"},
    "users.disabled": {"it": "Utente «{username}» disattivato: le sue sessioni aperte sono chiuse.",
                       "en": "User «{username}» disabled: their open sessions are closed."},
    "users.enable": {"it": "Riattiva l'utente", "en": "Enable the user"},
    "users.enabled": {"it": "Utente «{username}» riattivato.", "en": "User «{username}» enabled."},
    "users.reset_title": {"it": "Nuova password per **{username}** (chiude le sue sessioni aperte e toglie "
                                "un eventuale blocco):",
                          "en": "New password for **{username}** (closes their open sessions and lifts a "
                                "lock-out):"},
    "users.reset": {"it": "Imposta la nuova password", "en": "Set the new password"},
    "users.reset_done": {"it": "Nuova password impostata per «{username}».",
                         "en": "New password set for «{username}»."},
    # Audit trail (administrators)
    "audit.intro": {"it": "Accessi, pagine viste con i filtri, esportazioni, caricamenti e modifiche agli utenti. "
                          "Orari in ora italiana; il CSV li riporta in UTC.",
                    "en": "Logins, page views with their filters, exports, uploads and user changes. Times in "
                          "Italian time; the CSV has them in UTC."},
    "audit.dates": {"it": "Dal ... al (compreso)", "en": "From ... to (included)"},
    "audit.user": {"it": "Utente (vuoto: tutti)", "en": "User (empty: all)"},
    "audit.events": {"it": "Eventi (vuoto: tutti)", "en": "Events (empty: all)"},
    "audit.pick_end": {"it": "Scegliere anche la data finale.", "en": "Pick the end date too."},
    "audit.count": {"it": "**{n}** eventi nel periodo scelto.", "en": "**{n}** events in the chosen period."},
    "audit.truncated": {"it": "Sono mostrati i {n} eventi più recenti; il CSV li contiene tutti.",
                        "en": "The {n} most recent events are shown; the CSV has them all."},
    "audit.download": {"it": "Scarica il registro (CSV)", "en": "Download the audit trail (CSV)"},
    "audit.col.at": {"it": "Data e ora", "en": "Date and time"},
    "audit.col.username": {"it": "Utente", "en": "User"},
    "audit.col.event": {"it": "Evento", "en": "Event"},
    "audit.col.page": {"it": "Pagina", "en": "Page"},
    "audit.col.details": {"it": "Dettagli", "en": "Details"},
    # Filters
    "filter.header": {"it": "Filtri", "en": "Filters"},
    # Words of the charts (charts.py)
    "chart.no_data": {"it": "Nessun dato", "en": "No data"},
    "chart.small_note": {"it": "<{k}: valore protetto", "en": "<{k}: protected value"},
    "chart.missing_note": {"it": "n.d.: dato non disponibile", "en": "n/a: not available"},
    "chart.period": {"it": "Periodo", "en": "Period"},
    "chart.series": {"it": "Serie", "en": "Series"},
    "chart.stage": {"it": "Fase", "en": "Stage"},
    "chart.conversion": {"it": "Conversione dalla fase precedente", "en": "Conversion from the previous stage"},
    "chart.territory": {"it": "Territorio", "en": "Territory"},
    "chart.category": {"it": "Categoria", "en": "Category"},
    "chart.status": {"it": "Stato", "en": "Status"},
    "chart.yes": {"it": "sì", "en": "yes"},
    "chart.no": {"it": "no", "en": "no"},
    "app.language_switch": {"it": "Lingua / Language", "en": "Lingua / Language"},
    "language.it": {"it": "Italiano", "en": "Italiano"},
    "language.en": {"it": "English", "en": "English"},
    "filter.project": {"it": "Progetto", "en": "Project"},
    "filter.all_projects": {"it": "Tutti i progetti", "en": "All projects"},
    "territory.with_project": {"it": "{territory}, progetto {project}", "en": "{territory}, project {project}"},
    # Notices of URL parameters that are ignored (data_access.scope.filters_from_params)
    "notice.ignored": {"it": "Parametro «{name}» ignorato: «{value}» {why}.",
                       "en": "Parameter \"{name}\" ignored: \"{value}\" {why}."},
    "notice.unknown": {"it": "Parametro «{name}» sconosciuto, ignorato (ammessi: {allowed}).",
                       "en": "Unknown parameter \"{name}\" ignored (allowed: {allowed})."},
    "notice.reversed": {
        "it": "Parametri «da»/«a» ignorati: il periodo iniziale {start} è successivo a quello finale {end}.",
        "en": "Parameters \"da\"/\"a\" ignored: the first period {start} comes after the last one {end}."},
    "notice.unit": {"it": "non è un'unità di periodo (ammesse: {allowed})",
                    "en": "is not a period unit (allowed: {allowed})"},
    "notice.period": {"it": "non è un periodo valido per l'unità «{unit}» (per esempio {example})",
                      "en": "is not a valid period for the unit \"{unit}\" (for example {example})"},
    "notice.outside": {"it": "è fuori dai mesi con dati ({first} - {last})",
                       "en": "is outside the months with data ({first} - {last})"},
    "notice.coarse": {"it": "non è disponibile per il proprio profilo (solo totali nazionali e regionali)",
                      "en": "is not available to your profile (national and regional totals only)"},
    "notice.province": {"it": "non è una provincia tra quelle visibili", "en": "is not one of the provinces you see"},
    "notice.region_of": {"it": "non contiene la provincia {province}",
                         "en": "does not contain the province {province}"},
    "notice.region": {"it": "non è una regione tra quelle visibili", "en": "is not one of the regions you see"},
    "notice.programme": {"it": "non è un programma (ammessi: {allowed})",
                         "en": "is not a programme (allowed: {allowed})"},
    "notice.project": {"it": "non è un progetto con dati visibili", "en": "is not a project with data you can see"},
    "notice.project_programme": {"it": "non appartiene al programma {programme}",
                                 "en": "does not belong to the programme {programme}"},
    "notice.project_area": {"it": "non ha dati nel territorio scelto ({area})",
                            "en": "has no data in the chosen area ({area})"},
    "notice.map_value": {"it": "non è tra i valori ammessi ({allowed})", "en": "is not an allowed value ({allowed})"},
    "notice.as_of_role": {
        "it": "non è disponibile per il proprio profilo (le versioni precedenti dei dati sono riservate agli "
              "amministratori)",
        "en": "is not available to your profile (earlier versions of the data are for administrators)"},
    "notice.as_of": {"it": "non è una versione dei dati (ammesse: da {first} a {last})",
                     "en": "is not a data version (allowed: {first} to {last})"},
    "filter.region": {"it": "Regione", "en": "Region"},
    "filter.province": {"it": "Provincia", "en": "Province"},
    "filter.all_regions": {"it": "Tutte le regioni", "en": "All regions"},
    "filter.all_provinces": {"it": "Tutte le province", "en": "All provinces"},
    "filter.unit": {"it": "Periodo per", "en": "Period by"},
    "filter.period": {"it": "Periodo", "en": "Period"},
    "filter.from": {"it": "Da", "en": "From"},
    "filter.to": {"it": "A", "en": "To"},
    "filter.as_of": {"it": "Dati alla versione", "en": "Data as of version"},
    "filter.as_of_current": {"it": "attuale ({version})", "en": "current ({version})"},
    "filter.as_of_version": {"it": "versione {version}", "en": "version {version}"},
    "filter.as_of_notice": {
        "it": "Dati come erano alla versione {version} del {date}: le cifre sono quelle di allora (per ricostruire un "
              "pacchetto che cita questa versione). Per i dati attuali scegliere «attuale» nella barra laterale.",
        "en": "Data as they were at version {version} of {date}: the figures are those of then (to rebuild a pack "
              "that cites this version). For the current data choose «current» in the sidebar."},
    "filter.programme": {"it": "Programma", "en": "Programme"},
    "filter.all_programmes": {"it": "Tutti i programmi", "en": "All programmes"},
    "unit.mese": {"it": "mese", "en": "month"},
    "unit.trimestre": {"it": "trimestre", "en": "quarter"},
    "unit.anno": {"it": "anno", "en": "year"},
    "unit.avviso": {"it": "periodo di avviso", "en": "call period"},
    # Measures
    "measure.places": {"it": "Posti", "en": "Places"},
    "measure.occupied": {"it": "Presenze", "en": "Presences"},
    "measure.occupancy_rate": {"it": "Tasso di occupazione", "en": "Occupancy rate"},
    "measure.free_places": {"it": "Posti liberi", "en": "Free places"},
    "measure.structures": {"it": "Strutture", "en": "Structures"},
    "measure.contacts": {"it": "Contatti", "en": "Contacts"},
    "measure.new_contacts": {"it": "Nuovi contatti", "en": "New contacts"},
    "measure.assessments": {"it": "Valutazioni", "en": "Assessments"},
    "measure.potential_victims": {"it": "Potenziali vittime identificate", "en": "Potential victims identified"},
    "measure.referrals": {"it": "Invii ai servizi", "en": "Referrals"},
    "measure.take_ins": {"it": "Prese in carico", "en": "Take-ins"},
    "measure.people": {"it": "Persone", "en": "People"},
    "measure.hours": {"it": "Ore", "en": "Hours"},
    "measure.participants": {"it": "Partecipanti", "en": "Participants"},
    # Panoramica
    "panoramica.title": {"it": "Panoramica", "en": "Overview"},
    "panoramica.intro": {
        "it": "**{territory}**, {period}: le cifre principali e la variazione rispetto al periodo precedente "
              "({previous}).",
        "en": "**{territory}**, {period}: headline figures and the change against {previous}."},
    "panoramica.snapshot": {"it": "Posti e presenze alla fine del periodo ({month}); contatti e prese in carico "
                                  "sommati sul periodo.",
                            "en": "Places and presences at the end of the period ({month}); contacts and "
                                  "take-ins summed over the period."},
    "panoramica.coverage": {"it": "Copertura dei dati: ultimo mese ricevuto per progetto",
                            "en": "Data coverage: last month received per project"},
    "panoramica.change_pp": {"it": "{value} punti", "en": "{value} points"},
    "coverage.project_code": {"it": "Codice", "en": "Code"},
    "coverage.name": {"it": "Progetto", "en": "Project"},
    "coverage.programme": {"it": "Programma", "en": "Programme"},
    "coverage.managing_body": {"it": "Ente gestore", "en": "Managing body"},
    "coverage.provinces": {"it": "Province", "en": "Provinces"},
    "coverage.last_capacity": {"it": "Accoglienza", "en": "Reception"},
    "coverage.last_outreach": {"it": "Emersione", "en": "Outreach"},
    "coverage.last_services": {"it": "Servizi", "en": "Services"},
    "coverage.last_period": {"it": "Ultimo mese", "en": "Last month"},
    "coverage.end_date": {"it": "Fine progetto", "en": "Project end"},
    "territory.italy": {"it": "Italia", "en": "Italy"},
    # Metodologia
    "metodologia.title": {"it": "Metodologia: come sono protetti i numeri",
                          "en": "Methodology: how figures are protected"},
    "metodologia.body": {
        "it": """
I dati di questo cruscotto sono **tabelle aggregate**: nessuna riga descrive una persona. Ma un numero piccolo
(per esempio 2 donne transgender di 18-25 anni prese in carico in una provincia in un mese) può bastare a
riconoscere una persona che i trafficanti stanno cercando. Per questo **ogni conteggio di persone** (presenze,
contatti, valutazioni, vittime identificate, invii, prese in carico, persone nei servizi, partecipanti alla
formazione) è protetto prima di essere mostrato, in ogni grafico, tabella, mappa ed esportazione.

**Il metodo: Cell Key Method.** È il metodo perturbativo del Sistema statistico europeo, usato dal censimento
britannico 2021, dal censimento tedesco 2022 e dall'ABS australiano. A ogni cella della tabella di partenza è
associata una chiave casuale, calcolata con un segreto che resta sul server. Quando una pagina chiede un numero,
le chiavi delle celle che lo compongono si sommano e decidono un piccolo rumore (da −{D} a +{D}), sempre lo
stesso per lo stesso insieme di persone.

**Che cosa significa per chi legge.**
- Lo stesso numero, chiesto due volte o da due pagine diverse, è sempre uguale: ripetere la domanda non rivela nulla.
- I valori da 1 a {js} non compaiono mai; i valori positivi sotto {k} si mostrano come **«<{k}»**, e dietro un «<{k}»
  possono esserci fino a {hidden_max} persone. Zero persone danno sempre 0; uno 0 pubblicato può invece nascondere
  qualche persona (al massimo {D}).
- **I totali possono non coincidere con la somma delle parti**: ogni totale è protetto per conto suo. Non è un
  errore: sommare le parti non restituisce il numero vero, e il confronto tra due totali filtrati non svela una cella.
- Tassi e percentuali si calcolano su valori già protetti (o sulla popolazione residente, che è pubblica).
- I periodi si scelgono solo per mese, trimestre, anno o periodo di avviso; non si scende mai alle singole righe;
  posti e strutture delle case protette anti-tratta non si mostrano mai sotto il livello provinciale.
- Un intervallo di periodi serve agli andamenti, periodo per periodo. I totali (il percorso dal contatto alla presa
  in carico, le ripartizioni, i servizi per tipo, la mappa dei flussi) sono quelli dell'**ultimo periodo
  dell'intervallo**: totali su intervalli liberi (gennaio-maggio, gennaio-giugno...), sottratti l'uno dall'altro,
  darebbero tante stime dello stesso mese da annullare il rumore.

**Parametri in vigore:** rumore massimo D = {D}, varianza V = {V}, valori mai pubblicati 1..{js},
probabilità di nessun cambiamento {pstay}, soglia di visualizzazione k = {k}.
""",
        "en": """
The figures are **aggregate tables**: no row describes a person. A small count can still identify someone, so
**every count of people** is protected with the **Cell Key Method** (the European Statistical System's
perturbative method) before it is shown anywhere: each cell carries a random key derived from a server secret,
and the keys of the cells behind a figure choose a small noise (−{D} to +{D}), always the same for the same people.
The same figure asked twice, or from two pages, is the same; values 1..{js} never occur; positive values below
{k} show as **"<{k}"** (behind a "<{k}" there may be up to {hidden_max} people; zero people always give 0, but a
published 0 may hide a few people, at most {D}); **totals need not equal the sum of their parts**; periods are whole
months, quarters, years or call periods only; a range of periods is for trends, and totals (funnel, breakdowns, services
by type, the map of flows) are those of the range's last period, since totals over free ranges, subtracted from
one another, would average the noise away; protected shelters never show below province level.

**Parameters in force:** D = {D}, V = {V}, js = {js}, pstay = {pstay}, k = {k}.
"""},
    "metodologia.ptable": {"it": "La tabella delle probabilità (p-table)", "en": "The probability table (p-table)"},
    "metodologia.ptable_caption": {
        "it": "Per ogni valore originale i (i valori oltre {imax} usano la riga {imax}): il valore pubblicato j, il "
              "rumore v = j − i, la sua probabilità p e il limite cumulato usato con la chiave di cella.",
        "en": "For each original value i (values above {imax} use row {imax}): published value j, noise v = j − i, "
              "its probability p and the cumulative bound used with the cell key."},
    "metodologia.i": {"it": "Valore originale i", "en": "Original value i"},
    "metodologia.j": {"it": "Valore pubblicato j", "en": "Published value j"},
    "metodologia.v": {"it": "Rumore v", "en": "Noise v"},
    "metodologia.p": {"it": "Probabilità p", "en": "Probability p"},
    "metodologia.ub": {"it": "Limite cumulato", "en": "Cumulative bound"},
    # Analytic pages: shared words (Accoglienza, Emersione, Servizi, Rete)
    "analytics.tab_chart": {"it": "Grafico", "en": "Chart"},
    "analytics.tab_table": {"it": "Tabella", "en": "Table"},
    "analytics.totals_last_period": {
        "it": "I totali di questa sezione sono quelli di {period}, l'ultimo periodo dell'intervallo: totali su "
              "intervalli liberi di periodi, sottratti l'uno dall'altro, permetterebbero di annullare la protezione "
              "dei dati (vedi Metodologia).",
        "en": "The totals of this section are those of {period}, the last period of the range: totals over free "
              "ranges of periods, subtracted from one another, would undo the protection of the data (see "
              "Methodology)."},
    "analytics.single_period": {
        "it": "Per vedere l'andamento nel tempo scegliere nella barra laterale un intervallo di più periodi "
              "(«Da» e «A»).",
        "en": "To see the trend over time choose a range of several periods in the sidebar (\"From\" and \"To\")."},
    "analytics.total": {"it": "Totale", "en": "Total"},
    "analytics.territory": {"it": "Territorio", "en": "Territory"},
    "analytics.period": {"it": "Periodo", "en": "Period"},
    "analytics.people": {"it": "Persone", "en": "People"},
    "analytics.snapshot_month": {"it": "Mese di riferimento", "en": "Reference month"},
    "analytics.totals_note": {
        "it": "La riga «Totale» è un valore protetto per conto suo: può non coincidere con la somma delle righe.",
        "en": "The \"Total\" row is protected on its own: it may differ from the sum of the rows."},
    "measure.outings": {"it": "Uscite", "en": "Outings"},
    "measure.members": {"it": "Organizzazioni", "en": "Organisations"},
    "measure.meetings": {"it": "Riunioni", "en": "Meetings"},
    "measure.mean_present": {"it": "Organizzazioni presenti (media)", "en": "Organisations present (average)"},
    "measure.organisations_present": {"it": "Presenze di organizzazioni", "en": "Organisations present"},
    "measure.decisions": {"it": "Decisioni", "en": "Decisions"},
    "measure.courses": {"it": "Corsi", "en": "Courses"},
    "measure.actions": {"it": "Azioni", "en": "Actions"},
    # Accoglienza
    "accoglienza.title": {"it": "Accoglienza: posti, presenze e posti liberi",
                          "en": "Reception: places, presences and free places"},
    "accoglienza.intro": {
        "it": "{territory}, {period}. Posti e strutture si mostrano come sono; le presenze sono protette. Per ogni "
              "periodo i valori sono quelli dell'ultimo mese del periodo con dati (fotografia a fine periodo).",
        "en": "{territory}, {period}. Places and structures show as they are; presences are protected. Each "
              "period shows its last month with data (a snapshot at the end of the period)."},
    "accoglienza.kpi": {"it": "Fotografia a {month}, con la variazione rispetto al periodo precedente ({previous}).",
                        "en": "Snapshot at {month}, with the change against {previous}."},
    "accoglienza.section_time": {"it": "Andamento nel tempo", "en": "Over time"},
    "accoglienza.tab_places": {"it": "Posti e presenze", "en": "Places and presences"},
    "accoglienza.chart_places": {"it": "Posti e presenze, {territory}, {period}",
                                 "en": "Places and presences, {territory}, {period}"},
    "accoglienza.chart_free": {"it": "Posti liberi, {territory}, {period}", "en": "Free places, {territory}, {period}"},
    "accoglienza.chart_rate": {"it": "Tasso di occupazione, {territory}, {period}",
                               "en": "Occupancy rate, {territory}, {period}"},
    "accoglienza.chart_structures": {"it": "Strutture, {territory}, {period}",
                                     "en": "Structures, {territory}, {period}"},
    "accoglienza.free_note": {
        "it": "Posti liberi = posti − presenze protette; tasso di occupazione = presenze protette / posti. Dove le "
              "presenze sono «<{k}» posti liberi e tasso non si calcolano (n.d.).",
        "en": "Free places = places − protected presences; occupancy rate = protected presences / places. Where "
              "presences are \"<{k}\" neither is computed (n/a)."},
    "accoglienza.section_breakdown": {"it": "Per linea di accoglienza e tipologia di ospiti",
                                      "en": "By reception line and target group"},
    "accoglienza.breakdown": {"it": "Suddividi per", "en": "Break down by"},
    "accoglienza.by.line": {"it": "linea di accoglienza", "en": "reception line"},
    "accoglienza.by.target_group": {"it": "tipologia di ospiti", "en": "target group"},
    "accoglienza.chart_places_by": {"it": "Posti per {breakdown}, {territory}, {period}",
                                    "en": "Places by {breakdown}, {territory}, {period}"},
    "accoglienza.chart_free_by": {"it": "Posti liberi per {breakdown}, {territory}, {period}",
                                  "en": "Free places by {breakdown}, {territory}, {period}"},
    "accoglienza.chart_rate_by": {"it": "Tasso di occupazione per {breakdown}, {territory}, {period}",
                                  "en": "Occupancy rate by {breakdown}, {territory}, {period}"},
    "accoglienza.section_projects": {"it": "Progetti per territorio", "en": "Projects by territory"},
    "accoglienza.projects_intro": {"it": "Fotografia a {month} ({period}), con la variazione rispetto al periodo "
                                         "precedente ({previous}).",
                                   "en": "Snapshot at {month} ({period}), with the change against {previous}."},
    "accoglienza.full": {"it": "Progetti con il 95% o più dei posti occupati: {projects}.",
                         "en": "Projects with 95% or more of their places occupied: {projects}."},
    "accoglienza.none_full": {"it": "Nessun progetto con il 95% o più dei posti occupati.",
                              "en": "No project with 95% or more of its places occupied."},
    "accoglienza.full_note": {
        "it": "Il tasso di occupazione (e la saturazione in cima alla pagina) usa le presenze protette divise per i "
              "posti. Dove le presenze sono «<{k}» il tasso non si calcola (n.d.). Le variazioni sono rispetto al "
              "periodo precedente ({previous}); n.d. dove il progetto non ha dati in quel periodo o le presenze sono "
              "«<{k}».",
        "en": "Occupancy (and saturation at the top of the page) uses protected presences over places. Where "
              "presences are \"<{k}\" the rate is not computed (n/a). Changes are against {previous}; n/a where the "
              "project has no data then or presences are \"<{k}\"."},
    "accoglienza.col.project": {"it": "Progetto", "en": "Project"},
    "accoglienza.col.programme": {"it": "Programma", "en": "Programme"},
    "accoglienza.col.full": {"it": "Occupazione ≥95%", "en": "Occupancy ≥95%"},
    "accoglienza.col.change_places": {"it": "Variazione posti", "en": "Change in places"},
    "accoglienza.col.change_occupied": {"it": "Variazione presenze", "en": "Change in presences"},
    "accoglienza.col.change_occupancy": {"it": "Variazione tasso (punti)", "en": "Change in rate (points)"},
    "accoglienza.col.line": {"it": "Linea di accoglienza", "en": "Reception line"},
    "accoglienza.col.target_group": {"it": "Tipologia di ospiti", "en": "Target group"},
    "line.SAI_ORD": {"it": "SAI ordinari", "en": "SAI ordinary"},
    "line.SAI_MSNA": {"it": "SAI minori stranieri non accompagnati", "en": "SAI unaccompanied minors"},
    "line.SAI_DMDS": {"it": "SAI disagio mentale e disabilità", "en": "SAI mental distress and disability"},
    "line.CAS": {"it": "CAS", "en": "CAS"},
    "line.ANTITRATTA": {"it": "Case protette anti-tratta", "en": "Anti-trafficking shelters"},
    "line.ALTRO": {"it": "Altri", "en": "Others"},
    "target_group.uomini": {"it": "Uomini soli", "en": "Single men"},
    "target_group.donne": {"it": "Donne sole", "en": "Single women"},
    "target_group.nuclei": {"it": "Nuclei familiari", "en": "Families"},
    "target_group.monoparentali": {"it": "Nuclei monoparentali", "en": "Single-parent families"},
    "target_group.msna": {"it": "Minori stranieri non accompagnati", "en": "Unaccompanied minors"},
    "target_group.dm_ds": {"it": "Disagio mentale e disabilità", "en": "Mental distress and disability"},
    "target_group.lgbtqia": {"it": "Persone LGBTQIA+", "en": "LGBTQIA+ people"},
    "target_group.misto": {"it": "Misto", "en": "Mixed"},
    # Emersione e contatti
    "emersione.title": {"it": "Emersione e contatti", "en": "Outreach and identification"},
    "emersione.intro": {
        "it": "{territory}, {period}: contatti, valutazioni, potenziali vittime identificate, invii ai servizi e "
              "prese in carico. Ogni valore è un conteggio di persone protetto.",
        "en": "{territory}, {period}: contacts, assessments, potential victims identified, referrals and take-ins. "
              "Every figure is a protected count of people."},
    "emersione.section_trend": {"it": "Andamento nel tempo", "en": "Over time"},
    "emersione.tab_contacts": {"it": "Contatti e invii", "en": "Contacts and referrals"},
    "emersione.tab_path": {"it": "Valutazioni, vittime, prese in carico",
                           "en": "Assessments, victims, take-ins"},
    "emersione.chart_contacts": {"it": "Contatti e invii ai servizi, {territory}, {period}",
                                 "en": "Contacts and referrals, {territory}, {period}"},
    "emersione.chart_path": {
        "it": "Valutazioni, potenziali vittime identificate e prese in carico, {territory}, {period}",
        "en": "Assessments, potential victims identified and take-ins, {territory}, {period}"},
    "emersione.section_funnel": {"it": "Dal contatto alla presa in carico", "en": "From contact to take-in"},
    "emersione.chart_funnel": {"it": "Dal contatto alla presa in carico, {territory}, {period}",
                               "en": "From contact to take-in, {territory}, {period}"},
    "emersione.funnel_note": {
        "it": "Ogni fase è sommata sul periodo ed è protetta per conto suo; la percentuale è rispetto "
              "alla fase precedente e non si calcola accanto a un valore «<{k}». Gli invii ai servizi non sono una "
              "fase del percorso: sono persone contattate e orientate ad altri servizi, confrontate con i contatti. "
              "Le prese in carico possono superare le potenziali vittime identificate: alcuni servizi (per esempio "
              "per persone senza dimora) prendono in carico dopo la valutazione, senza un'identificazione come "
              "vittima.",
        "en": "Each stage is summed over the period and protected on its own; the percentage is against "
              "the previous stage and is not computed next to a \"<{k}\" value. Referrals are not a stage of the "
              "path: they are people contacted and oriented to other services, compared with contacts. Take-ins "
              "may exceed potential victims: some services (for homeless people, for instance) take people in after "
              "an assessment, without identifying them as victims."},
    "emersione.referrals_share": {"it": "{share} dei contatti", "en": "{share} of contacts"},
    "emersione.col.stage": {"it": "Fase", "en": "Stage"},
    "emersione.col.rate": {"it": "Rispetto alla fase precedente", "en": "Of the previous stage"},
    "emersione.col.share": {"it": "Rispetto ai contatti", "en": "Of contacts"},
    "emersione.section_breakdown": {"it": "Chi è stato raggiunto", "en": "Who was reached"},
    "emersione.measure": {"it": "Misura", "en": "Measure"},
    "emersione.dimension": {"it": "Per", "en": "By"},
    "emersione.chart_by": {"it": "{measure} per {dimension}, {territory}, {period}",
                           "en": "{measure} by {dimension}, {territory}, {period}"},
    "emersione.dimension.exploitation": {"it": "forma di sfruttamento", "en": "form of exploitation"},
    "emersione.dimension.gender": {"it": "genere", "en": "gender"},
    "emersione.dimension.age_group": {"it": "classe di età", "en": "age group"},
    "emersione.dimension.channel": {"it": "canale", "en": "channel"},
    "emersione.col.exploitation": {"it": "Forma di sfruttamento", "en": "Form of exploitation"},
    "emersione.col.gender": {"it": "Genere", "en": "Gender"},
    "emersione.col.age_group": {"it": "Classe di età", "en": "Age group"},
    "emersione.col.channel": {"it": "Canale", "en": "Channel"},
    "emersione.section_outings": {"it": "Uscite delle unità di strada", "en": "Street-unit outings"},
    "emersione.chart_outings": {"it": "Uscite delle unità di strada, {territory}, {period}",
                                "en": "Street-unit outings, {territory}, {period}"},
    "emersione.outings_note": {"it": "Le uscite sono attività, non persone: si mostrano come sono.",
                               "en": "Outings are activities, not people: they show as they are."},
    "exploitation.sessuale": {"it": "Sessuale", "en": "Sexual"},
    "exploitation.lavorativo": {"it": "Lavorativo", "en": "Labour"},
    "exploitation.accattonaggio": {"it": "Accattonaggio", "en": "Forced begging"},
    "exploitation.economie_illegali": {"it": "Economie illegali forzate", "en": "Forced illegal activities"},
    "exploitation.matrimoni_forzati": {"it": "Matrimoni forzati", "en": "Forced marriage"},
    "exploitation.altro": {"it": "Altro", "en": "Other"},
    "exploitation.non_determinato": {"it": "Non determinato", "en": "Not determined"},
    "gender.donna": {"it": "Donne", "en": "Women"},
    "gender.uomo": {"it": "Uomini", "en": "Men"},
    "gender.transgender": {"it": "Persone transgender", "en": "Transgender people"},
    "gender.non_indicato": {"it": "Non indicato", "en": "Not stated"},
    "age_group.0-17": {"it": "0-17 anni", "en": "0-17 years"},
    "age_group.18-25": {"it": "18-25 anni", "en": "18-25 years"},
    "age_group.26-40": {"it": "26-40 anni", "en": "26-40 years"},
    "age_group.41+": {"it": "41 anni e più", "en": "41 years and over"},
    "age_group.non_indicato": {"it": "Non indicata", "en": "Not stated"},
    "channel.unita_mobile": {"it": "Unità di strada", "en": "Street unit"},
    "channel.drop_in": {"it": "Drop-in", "en": "Drop-in"},
    "channel.sportello": {"it": "Sportello", "en": "Desk"},
    "channel.numero_verde": {"it": "Numero Verde", "en": "Helpline"},
    "channel.commissione_territoriale": {"it": "Commissione territoriale", "en": "Territorial commission"},
    "channel.altro": {"it": "Altro", "en": "Other"},
    # Servizi
    "servizi.title": {"it": "Servizi erogati", "en": "Services delivered"},
    "servizi.intro": {"it": "{territory}, {period}: persone seguite e ore di servizio per tipo di servizio.",
                      "en": "{territory}, {period}: people served and service hours by type of service."},
    "servizi.people_note": {
        "it": "Le persone sono un conteggio protetto, e le ore le seguono: sono le ore per persona (con un piccolo "
              "rumore) moltiplicate per le persone mostrate, 0 accanto a 0 persone e non mostrate accanto a «<5». "
              "Una persona che riceve più tipi di servizio è contata una volta per ciascun tipo; il totale è "
              "protetto per conto suo.",
        "en": "People are a protected count, and hours follow them: hours per person (with a little noise) times "
              "the people shown, 0 beside 0 people and not shown beside \"<5\". A person who receives several types "
              "of service is counted once for each type; the total is protected on its own."},
    "servizi.section_time": {"it": "Andamento nel tempo", "en": "Over time"},
    "servizi.section_type": {"it": "Per tipo di servizio", "en": "By type of service"},
    "servizi.chart_people_time": {"it": "Persone nei servizi ({service}), {territory}, {period}",
                                  "en": "People in services ({service}), {territory}, {period}"},
    "servizi.chart_hours_time": {"it": "Ore di servizio ({service}), {territory}, {period}",
                                 "en": "Service hours ({service}), {territory}, {period}"},
    "servizi.service": {"it": "Tipo di servizio", "en": "Type of service"},
    "servizi.all_services": {"it": "tutti i servizi", "en": "all services"},
    "servizi.chart_people_type": {"it": "Persone per tipo di servizio, {territory}, {period}",
                                  "en": "People by type of service, {territory}, {period}"},
    "servizi.chart_hours_type": {"it": "Ore per tipo di servizio, {territory}, {period}",
                                 "en": "Hours by type of service, {territory}, {period}"},
    "servizi.col.service": {"it": "Servizio", "en": "Service"},
    "service.accompagnamento": {"it": "Accompagnamento ai servizi", "en": "Accompaniment to services"},
    "service.orientamento_legale": {"it": "Orientamento legale", "en": "Legal guidance"},
    "service.formazione_linguistica": {"it": "Formazione linguistica", "en": "Language training"},
    "service.certificazione_l2": {"it": "Certificazione di italiano L2", "en": "Italian L2 certification"},
    "service.formazione_professionale": {"it": "Formazione professionale", "en": "Vocational training"},
    "service.bilancio_competenze": {"it": "Bilancio di competenze", "en": "Skills assessment"},
    "service.tirocinio": {"it": "Tirocinio", "en": "Traineeship"},
    "service.inserimento_lavorativo": {"it": "Inserimento lavorativo", "en": "Job placement"},
    "service.mediazione_abitativa": {"it": "Mediazione abitativa", "en": "Housing mediation"},
    "service.supporto_psicologico": {"it": "Supporto psicologico", "en": "Psychological support"},
    "service.altro": {"it": "Altro", "en": "Other"},
    # Rete e tavolo
    "rete.title": {"it": "Rete territoriale e tavolo di lavoro", "en": "Territorial network and working table"},
    "rete.intro": {
        "it": "{territory}: la rete al {date}, le riunioni e la formazione {period}, il Piano di intervento locale.",
        "en": "{territory}: the network on {date}, meetings and training {period}, the local action plan."},
    "rete.programme_note": {
        "it": "Rete, tavolo, piano e formazione non dipendono da programmi o progetti: qui il filtro «Programma» "
              "non si applica.",
        "en": "Network, working table, plan and training do not depend on programmes or projects: the "
              "\"Programme\" filter does not apply here."},
    "rete.section_members": {"it": "Chi fa parte della rete", "en": "Who is in the network"},
    "rete.chart_by_type": {"it": "Organizzazioni nella rete per tipo, {territory}, al {date}",
                           "en": "Network organisations by type, {territory}, on {date}"},
    "rete.chart_by_territory": {"it": "Organizzazioni nella rete per territorio, {territory}, al {date}",
                                "en": "Network organisations by territory, {territory}, on {date}"},
    "rete.members_note": {
        "it": "Sono contate le organizzazioni in carica al {date}: entrate entro quella data e non ancora uscite. "
              "Sono organizzazioni, non persone: si mostrano come sono.",
        "en": "Organisations in office on {date}: joined by that date and not yet left. They are organisations, "
              "not people: they show as they are."},
    "rete.members_list": {"it": "Elenco delle organizzazioni", "en": "List of organisations"},
    "rete.table_by_type": {"it": "Tabella per tipo", "en": "Table by type"},
    "rete.table_by_territory": {"it": "Tabella per territorio", "en": "Table by area"},
    "rete.col.organisation": {"it": "Organizzazione", "en": "Organisation"},
    "rete.col.organisation_type": {"it": "Tipo di organizzazione", "en": "Organisation type"},
    "rete.col.joined": {"it": "Nella rete dal", "en": "Member since"},
    "rete.section_meetings": {"it": "Riunioni e partecipazione", "en": "Meetings and participation"},
    "rete.chart_meetings": {"it": "Riunioni per organismo, {territory}, {period}",
                            "en": "Meetings by body, {territory}, {period}"},
    "rete.chart_participation": {"it": "Organizzazioni presenti in media per riunione, {territory}, {period}",
                                 "en": "Average organisations present per meeting, {territory}, {period}"},
    "rete.col.body": {"it": "Organismo", "en": "Body"},
    "rete.section_plan": {"it": "Piano di intervento locale", "en": "Local action plan"},
    "rete.chart_plan": {"it": "Azioni del piano per stato, {territory}, al {date}",
                        "en": "Plan actions by status, {territory}, on {date}"},
    "rete.overdue": {"it": "Azioni in ritardo al {date}", "en": "Actions overdue on {date}"},
    "rete.overdue_note": {
        "it": "Un'azione è in ritardo se la scadenza è anteriore al {date} (il giorno che viene prima tra oggi e la "
              "fine del periodo scelto) e non risulta completata entro quella data. Lo stato è quello attuale.",
        "en": "An action is overdue if its due date is before {date} (the earlier of today and the end of the "
              "chosen range) and it was not completed by then. Statuses are the current ones."},
    "rete.col.action_code": {"it": "Codice", "en": "Code"},
    "rete.col.title": {"it": "Azione", "en": "Action"},
    "rete.col.lead": {"it": "Capofila", "en": "Lead"},
    "rete.col.status": {"it": "Stato", "en": "Status"},
    "rete.col.due_date": {"it": "Scadenza", "en": "Due"},
    "rete.col.completed_date": {"it": "Completata il", "en": "Completed on"},
    "rete.col.overdue": {"it": "In ritardo", "en": "Overdue"},
    "rete.col.days_late": {"it": "Giorni di ritardo", "en": "Days overdue"},
    "rete.section_training": {"it": "Formazione degli operatori", "en": "Training for operators"},
    "rete.chart_training": {"it": "Partecipanti alla formazione, {territory}, {period}",
                            "en": "Training participants, {territory}, {period}"},
    "rete.chart_training_audience": {"it": "Partecipanti alla formazione per destinatari, {territory}, {period}",
                                     "en": "Training participants by audience, {territory}, {period}"},
    "rete.col.audience": {"it": "Destinatari", "en": "Audience"},
    "organisation_type.prefettura": {"it": "Prefettura", "en": "Prefecture"},
    "organisation_type.comune": {"it": "Comune", "en": "Municipality"},
    "organisation_type.ambito_sociale": {"it": "Ambito sociale", "en": "Social district"},
    "organisation_type.asl": {"it": "Azienda sanitaria", "en": "Health authority"},
    "organisation_type.forze_ordine": {"it": "Forze dell'ordine", "en": "Police"},
    "organisation_type.procura": {"it": "Procura", "en": "Public prosecutor"},
    "organisation_type.ispettorato_lavoro": {"it": "Ispettorato del lavoro", "en": "Labour inspectorate"},
    "organisation_type.commissione_territoriale": {"it": "Commissione territoriale", "en": "Territorial commission"},
    "organisation_type.sindacato": {"it": "Sindacato", "en": "Trade union"},
    "organisation_type.associazione_datoriale": {"it": "Associazione datoriale", "en": "Employers' association"},
    "organisation_type.terzo_settore": {"it": "Terzo settore", "en": "Third sector"},
    "organisation_type.ente_gestore": {"it": "Ente gestore", "en": "Managing body"},
    "organisation_type.altro": {"it": "Altro", "en": "Other"},
    "body.tavolo": {"it": "Tavolo di lavoro", "en": "Working table"},
    "body.rete": {"it": "Rete territoriale", "en": "Territorial network"},
    "body.cabina_regia": {"it": "Cabina di regia", "en": "Steering committee"},
    "status.pianificata": {"it": "Pianificata", "en": "Planned"},
    "status.in_corso": {"it": "In corso", "en": "In progress"},
    "status.completata": {"it": "Completata", "en": "Completed"},
    "status.sospesa": {"it": "Sospesa", "en": "Suspended"},
    "audience.operatori_pubblici": {"it": "Operatori pubblici", "en": "Public-sector staff"},
    "audience.operatori_privati": {"it": "Operatori privati", "en": "Private-sector staff"},
    "audience.forze_ordine": {"it": "Forze dell'ordine", "en": "Police"},
    "audience.misto": {"it": "Misto", "en": "Mixed"},
    # Mappa
    "mappa.title": {"it": "Mappa territoriale", "en": "Territory map"},
    "mappa.intro": {
        "it": "La mappa colora province o regioni secondo la misura scelta. Fare clic su un'area per vederne "
              "l'andamento e il confronto con le province della stessa regione; doppio clic per annullare.",
        "en": "The map colours provinces or regions by the chosen measure. Click an area to see its trend and "
              "how it compares with the provinces of its region; double-click to clear."},
    "mappa.measure": {"it": "Misura", "en": "Measure"},
    "mappa.mode": {"it": "Valori", "en": "Values"},
    "mappa.mode.absolute": {"it": "Valori assoluti", "en": "Absolute values"},
    "mappa.mode.per_100k": {"it": "Ogni 100.000 residenti", "en": "Per 100,000 residents"},
    "mappa.level": {"it": "Livello", "en": "Level"},
    "mappa.level.provincia": {"it": "Province", "en": "Provinces"},
    "mappa.level.regione": {"it": "Regioni", "en": "Regions"},
    "mappa.by.provincia": {"it": "per provincia", "en": "by province"},
    "mappa.by.regione": {"it": "per regione", "en": "by region"},
    "mappa.chart_title": {"it": "{measure} {by}: {territory}, {period}", "en": "{measure} {by}: {territory}, {period}"},
    "mappa.per_100k": {"it": "ogni 100.000 residenti", "en": "per 100,000 residents"},
    "mappa.per_100k_title": {"it": "{measure} ogni 100.000 residenti", "en": "{measure} per 100,000 residents"},
    "mappa.tooltip": {"it": "{value} · {rate} ogni 100.000 residenti", "en": "{value} · {rate} per 100,000 residents"},
    "mappa.tooltip_rate": {"it": "{rate} · {measure}: {value}", "en": "{rate} · {measure}: {value}"},
    "mappa.snapshot": {"it": "Situazione all'ultimo mese con dati del periodo: {month}",
                       "en": "At the last month with data in the period: {month}"},
    "mappa.no_snapshot": {"it": "Nessun dato di accoglienza nel periodo scelto",
                          "en": "No reception data in the chosen period"},
    "mappa.summed": {"it": "Somma dei mesi del periodo", "en": "Sum of the months of the period"},
    "mappa.population_note": {"it": "Residenti: popolazione ISTAT {year}", "en": "Residents: ISTAT population {year}"},
    "mappa.occupancy_note": {
        "it": "Tasso di occupazione = presenze (protette) / posti; n.d. dove le presenze si mostrano come «<{k}». "
              "Per questa misura non c'è un valore ogni 100.000 residenti.",
        "en": "Occupancy rate = presences (protected) / places; n/a where presences show as \"<{k}\". This "
              "measure has no per-100,000 form."},
    "mappa.outside": {"it": "Le aree fuori da {territory} non hanno valori in questa vista (n.d.).",
                      "en": "Areas outside {territory} have no values in this view (n/a)."},
    "mappa.selected": {"it": "Selezionato sulla mappa: **{name}**. Doppio clic sulla mappa per tornare a {territory}.",
                       "en": "Selected on the map: **{name}**. Double-click the map to go back to {territory}."},
    "mappa.ranking_title": {"it": "Classifica {by}: {measure}, {territory}, {period}",
                            "en": "Ranking {by}: {measure}, {territory}, {period}"},
    "mappa.ranking_top": {"it": "I primi {n} territori su {total}", "en": "Top {n} of {total} areas"},
    "mappa.ranking_region": {"it": "Province della regione {region}", "en": "Provinces of {region}"},
    "mappa.series_title": {"it": "Andamento: {measure}, {territory}, {period}",
                           "en": "Trend: {measure}, {territory}, {period}"},
    "mappa.table": {"it": "Tabella dei valori della mappa", "en": "Table of the map values"},
    "mappa.rate_small": {"it": "non calcolato (conteggio «<{k}»)", "en": "not computed (count \"<{k}\")"},
    "mappa.table_ranking": {"it": "Tabella della classifica", "en": "Table of the ranking"},
    "mappa.table_series": {"it": "Tabella dell'andamento", "en": "Table of the trend"},
    "mappa.col.territory": {"it": "Territorio", "en": "Area"},
    "mappa.col.code": {"it": "Codice ISTAT", "en": "ISTAT code"},
    "mappa.col.population": {"it": "Residenti", "en": "Residents"},
    "mappa.col.rate": {"it": "Ogni 100.000 residenti", "en": "Per 100,000 residents"},
    "mappa.no_levels": {
        "it": "Il profilo consente solo dati nazionali: la mappa per territorio non è disponibile.",
        "en": "This profile allows national figures only: the territory map is not available."},
    # Programmes
    "programme.SAI": {"it": "SAI", "en": "SAI"},
    "programme.CAS": {"it": "CAS", "en": "CAS"},
    "programme.ANTITRATTA": {"it": "Anti-tratta", "en": "Anti-trafficking"},
    "programme.FAMI": {"it": "FAMI", "en": "FAMI"},
    "programme.ALTRO": {"it": "Altro", "en": "Other"},
}
