"""The words of issue 21's alerts, e-mail, ``manage.py pack`` and the action plan's indicators (Italian first,
English second)."""

TEXT: dict[str, dict[str, str]] = {
    # --- The page -----------------------------------------------------------------------------------------------
    "page.segnalazioni": {"it": "Segnalazioni", "en": "Alerts"},
    "alerts.nav_count": {"it": "Segnalazioni ({n})", "en": "Alerts ({n})"},
    "alerts.title": {"it": "Segnalazioni", "en": "Alerts"},
    "alerts.intro": {
        "it": "Ciò che merita attenzione tra una riunione e l'altra, per **{territory}**: progetti pieni, mesi non "
              "inviati, azioni del piano scadute o in scadenza, variazioni nette degli andamenti. Calcolate oggi "
              "({today}) sui dati al {date} (versione {version}), solo da valori pubblicati e dati pubblici.",
        "en": "What deserves attention between meetings, for **{territory}**: full projects, months not sent, "
              "action-plan items overdue or due soon, sharp changes of trends. Computed today ({today}) on the data "
              "of {date} (version {version}), from published values and public data only."},
    "alerts.nothing_loaded": {
        "it": "Nessun dato caricato: le segnalazioni compaiono quando i progetti inviano i loro dati.",
        "en": "No data loaded: alerts appear once the projects send their data."},
    "alerts.none": {"it": "Nessuna segnalazione per il tuo territorio.",
                    "en": "No alerts for your area."},
    "alerts.none_rules": {"it": "Nessuna segnalazione per: {rules}.", "en": "No alerts for: {rules}."},
    "alerts.guest_note": {
        "it": "Con l'accesso agli andamenti nazionali e regionali si vedono solo le variazioni nette dei totali "
              "regionali: le segnalazioni sui singoli progetti e sulle province non sono mostrate.",
        "en": "With access to national and regional totals only the sharp changes of regional totals show: alerts on "
              "single projects and provinces are not shown."},
    "alerts.rules_title": {"it": "Come sono calcolate", "en": "How they are computed"},
    "alerts.col.what": {"it": "Che cosa", "en": "What"},
    "alerts.col.where": {"it": "Dove", "en": "Where"},
    "alerts.col.since": {"it": "Da quando", "en": "Since"},
    "alerts.open": {"it": "Apri la vista", "en": "Open the view"},
    "alerts.dismiss": {"it": "Ignora", "en": "Dismiss"},
    "alerts.dismiss_help": {
        "it": "Nasconde questa segnalazione solo per te, finché dura; la scelta resta nel registro accessi.",
        "en": "Hides this alert for you only, while it lasts; the choice is kept in the audit trail."},
    "alerts.restore": {"it": "Mostra di nuovo", "en": "Show again"},
    "alerts.dismissed_title": {"it": "Segnalazioni ignorate ({n})", "en": "Dismissed alerts ({n})"},
    "alerts.dismissed_done": {"it": "Segnalazione ignorata.", "en": "Alert dismissed."},
    "alerts.count_rule": {"it": "{title} ({n})", "en": "{title} ({n})"},
    "alerts.show_all": {"it": "Mostra tutte le {n}", "en": "Show all {n}"},
    "alerts.more": {
        "it": "Sono mostrate le prime {shown} di {n}: «Mostra tutte le {n}», sopra, elenca anche le altre {rest}.",
        "en": "The first {shown} of {n} are shown: \"Show all {n}\", above, lists the other {rest} too."},
    "alerts.since.month": {"it": "da {month}", "en": "since {month}"},
    "alerts.since.day": {"it": "dal {date}", "en": "since {date}"},
    # the rules, titled and stated
    "alerts.rule.full": {"it": "Progetti pieni", "en": "Full projects"},
    "alerts.rule.late": {"it": "Mesi non inviati", "en": "Months not sent"},
    "alerts.rule.action": {"it": "Azioni del piano scadute o in scadenza", "en": "Action-plan items overdue or due"},
    "alerts.rule.trend": {"it": "Variazioni nette degli andamenti", "en": "Sharp changes of trends"},
    "alerts.rule_text.full": {
        "it": "Un progetto, in una provincia, con l'occupazione pubblicata al {threshold}% o più in {months} mesi di "
              "fila: il suo ultimo mese inviato (uno degli ultimi due della tabella Accoglienza) e quello prima. Le "
              "presenze pubblicate sopra i posti entro il rumore della protezione (D = {D}, mostrate «pieno*») "
              "contano come pieno (100%); presenze «<{k}» lasciano l'occupazione ignota e interrompono la serie.",
        "en": "A project, in one province, with published occupancy at {threshold}% or more in {months} months in a "
              "row: its last month sent (one of the last two of the Reception table) and the month before. Presences "
              "published above the places within the protection's noise (D = {D}, shown \"full*\") count as full "
              "(100%); presences \"<{k}\" leave the occupancy unknown and break the run."},
    "alerts.rule_text.late": {
        "it": "Un progetto attivo in un mese che, entro il giorno {day} del mese seguente, non ha inviato quel mese "
              "di una tabella che invia (Accoglienza, Emersione, Servizi: la tabella della copertura in Panoramica). "
              "Un progetto che non ha ancora inviato nulla conta dal suo avvio. Oggi il mese dovuto è {month}.",
        "en": "A project active in a month that, by day {day} of the following month, has not sent that month of a "
              "table it sends (Reception, Outreach, Services: Overview's coverage table). A project that has sent "
              "nothing yet counts from its start. Today the month due is {month}."},
    "alerts.rule_text.action": {
        "it": "Un'azione del piano di intervento locale non completata con la scadenza passata (in ritardo) o entro "
              "{days} giorni da oggi (in scadenza).",
        "en": "A local action-plan item not completed whose due date has passed (overdue) or falls within {days} "
              "days from today (due soon)."},
    "alerts.rule_text.trend": {
        "it": "Il totale mensile di un territorio (presenze, contatti, prese in carico) cambia tra il penultimo e "
              "l'ultimo mese della tabella più di {z} volte la deviazione standard della differenza di due valori "
              "protetti (√(2V) = {sd}: una variazione di almeno {limit}), con il mese più alto di almeno {minimum} e "
              "la variazione pari ad almeno il {share}% del mese precedente; nessuno dei due mesi «<{k}». Due rumori "
              "indipendenti superano questa soglia meno di 3 volte su 1.000 (con {z} = 3). Province per chi vede le "
              "province, regioni per i totali nazionali e regionali.",
        "en": "A territory's monthly total (presences, contacts, take-ins) changes between the last two months of "
              "the table by more than {z} times the standard deviation of the difference of two protected values "
              "(√(2V) = {sd}: a change of at least {limit}), the higher month at least {minimum} and the change at "
              "least {share}% of the earlier month; neither month \"<{k}\". Two independent noises pass this limit in "
              "fewer than 3 cases in 1,000 (with {z} = 3). Provinces for those who see provinces, regions for national "
              "and regional totals."},
    "alerts.rule_text.common": {
        "it": "Calcolate una volta per versione dei dati e per giorno (dopo ogni caricamento e ogni notte), su tutte "
              "le province e tutti i progetti, con gli stessi valori pubblicati delle pagine; ciascuno vede quelle "
              "del proprio territorio.",
        "en": "Computed once per data version and day (after every load and every night), over every province and "
              "project, with the same published values as the pages; each user sees those of their area."},
    # what each alert says
    "alerts.what.full": {
        "it": "Occupazione al 95% o più da {months} mesi di fila ({previous_month}: {previous_rate}; {month}: {rate})",
        "en": "Occupancy at 95% or more for {months} months in a row ({previous_month}: {previous_rate}; {month}: "
              "{rate})"},
    "alerts.what.late": {
        "it": "Non ha inviato {tables} da {month}: mesi mancanti: {months} (il primo era dovuto entro il {deadline})",
        "en": "Has not sent {tables} since {month}: {months} months missing (the first was due by {deadline})"},
    "alerts.what.late_never": {
        "it": "Non ha ancora inviato alcun mese, dovuto da {month}: mesi mancanti: {months} (il primo era dovuto entro "
              "il {deadline})",
        "en": "Has not sent any month yet, due since {month}: {months} months missing (the first was due by "
              "{deadline})"},
    "alerts.what.action_overdue": {
        "it": "Azione {code} «{title}» ({status}): scaduta il {due}, da {days} giorni",
        "en": "Action {code} \"{title}\" ({status}): due on {due}, {days} days ago"},
    "alerts.what.action_due": {
        "it": "Azione {code} «{title}» ({status}): scade il {due}, tra {days} giorni",
        "en": "Action {code} \"{title}\" ({status}): due on {due}, in {days} days"},
    "alerts.what.trend": {
        "it": "{measure}: da {before} ({previous_month}) a {now} ({month}), {change}: oltre ciò che la protezione può "
              "spostare (soglia {limit})",
        "en": "{measure}: from {before} ({previous_month}) to {now} ({month}), {change}: beyond what the protection "
              "can move (limit {limit})"},
    "alerts.measure.presenze": {"it": "Presenze", "en": "Presences"},
    "alerts.measure.contatti": {"it": "Contatti", "en": "Contacts"},
    "alerts.measure.prese_in_carico": {"it": "Prese in carico", "en": "Take-ins"},
    "alerts.table.capacity": {"it": "Accoglienza", "en": "Reception"},
    "alerts.table.outreach": {"it": "Emersione", "en": "Outreach"},
    "alerts.table.services": {"it": "Servizi", "en": "Services"},
    # the audit trail
    "auth.event.alert_dismissed": {"it": "segnalazione ignorata", "en": "alert dismissed"},
    "auth.event.alert_restored": {"it": "segnalazione ripristinata", "en": "alert restored"},
    "auth.event.notify_settings": {"it": "preferenze e-mail", "en": "e-mail settings"},
    # --- Settings ------------------------------------------------------------------------------------------------
    "alerts.config.range": {
        "it": "{variable} deve essere un numero tra {low:g} e {high:g} (valore letto: {raw}; predefinito {default:g}).",
        "en": "{variable} must be a number between {low:g} and {high:g} (value read: {raw}; default {default:g})."},
    "alerts.config.tls": {
        "it": "{variable} deve essere uno tra {allowed} (valore letto: {raw}).",
        "en": "{variable} must be one of {allowed} (value read: {raw})."},
    "alerts.config.sender": {
        "it": "Con {host_variable} impostato serve {variable}: l'indirizzo del mittente (per esempio "
              "cruscotto@prefettura.example.it).",
        "en": "With {host_variable} set, {variable} is needed: the sender's address (for example "
              "cruscotto@prefettura.example.it)."},
    "alerts.config.login": {
        "it": "{user} e {password} vanno impostati insieme (o nessuno dei due, per un server senza accesso).",
        "en": "{user} and {password} go together (or neither, for a server without login)."},
    # --- E-mail choices (views/notify_form.py) -----------------------------------------------------------------
    "notify.title": {"it": "Ricevere per e-mail", "en": "Receive by e-mail"},
    "notify.off": {
        "it": "L'invio di e-mail non è attivo: può attivarlo l'amministratore del cruscotto.",
        "en": "Sending e-mail is not switched on: the dashboard's administrator can switch it on."},
    "notify.off_admin": {
        "it": "L'invio di e-mail non è attivo: si attiva impostando CRUSCOTTO_SMTP_HOST, CRUSCOTTO_SMTP_SENDER e gli "
              "altri parametri SMTP (README, «E-mail»).",
        "en": "Sending e-mail is not switched on: set CRUSCOTTO_SMTP_HOST, CRUSCOTTO_SMTP_SENDER and the other SMTP "
              "settings (README, \"E-mail\")."},
    "notify.email": {"it": "Indirizzo e-mail", "en": "E-mail address"},
    "notify.email_help": {"it": "Un solo indirizzo, per esempio nome.cognome@prefettura.example.it.",
                          "en": "One address, for example name.surname@prefettura.example.it."},
    "notify.digest": {"it": "Riepilogo delle nuove segnalazioni", "en": "Digest of new alerts"},
    "notify.pack": {"it": "Pacchetto riunione del mio territorio a ogni nuova versione dei dati",
                    "en": "Meeting pack of my area at every new data version"},
    "notify.pack_help": {
        "it": "Il pacchetto (PPTX) degli ultimi 12 mesi, con i grafici che hanno dati nel tuo territorio.",
        "en": "The pack (PPTX) of the last 12 months, with the charts that have data in your area."},
    "notify.save": {"it": "Salva le preferenze", "en": "Save the choices"},
    "notify.saved": {"it": "Preferenze salvate.", "en": "Choices saved."},
    "notify.bad_email": {
        "it": "L'indirizzo e-mail non è valido: scrivere un solo indirizzo, come nome.cognome@esempio.it, senza "
              "spazi né nomi.",
        "en": "The e-mail address is not valid: write one address, like name.surname@example.it, with no spaces or "
              "names."},
    "notify.note": {
        "it": "Le e-mail partono dalla coda del server (manage.py notify); il riepilogo contiene solo le segnalazioni "
              "del tuo territorio che non hai ignorato e non hai già ricevuto.",
        "en": "E-mail leaves from the server's queue (manage.py notify); the digest holds only the alerts of your "
              "area you have not dismissed and not yet received."},
    # --- E-mail messages (mail/compose.py) ------------------------------------------------------------------------
    "mail.digest.subject": {"it": "Cruscotto territoriale: {n} nuove segnalazioni",
                            "en": "Cruscotto territoriale: {n} new alerts"},
    "mail.digest.intro": {
        "it": "Nuove segnalazioni del tuo territorio ({n}), da valori pubblicati e dati pubblici:",
        "en": "New alerts of your area ({n}), from published values and public data:"},
    "mail.digest.page": {"it": "Tutte le segnalazioni: {link}", "en": "Every alert: {link}"},
    "mail.pack.subject": {"it": "Pacchetto riunione – {territory} (dati versione {version})",
                          "en": "Meeting pack – {territory} (data version {version})"},
    "mail.pack.intro": {
        "it": "In allegato il pacchetto riunione di {territory}, {period}: {n} grafici, il riepilogo e la nota "
              "metodologica, con i dati al {date} (versione {version}).",
        "en": "Attached, the meeting pack of {territory}, {period}: {n} charts, the summary and the methodology "
              "note, with the data of {date} (version {version})."},
    "mail.pack.page": {"it": "Per scegliere altri grafici o un altro periodo: {link}",
                       "en": "To choose other charts or another period: {link}"},
    "mail.footer": {
        "it": "Messaggio automatico del Cruscotto territoriale. Le preferenze di invio si cambiano nella pagina "
              "Segnalazioni.",
        "en": "Automatic message of the Cruscotto territoriale. Change what you receive on the Alerts page."},
    # --- Command line (cli/alerts.py, cli/pack.py) --------------------------------------------------------------
    "cli.cmd.alerts": {"it": "segnalazioni del giorno (calcolo, elenco)", "en": "the day's alerts (compute, list)"},
    "cli.cmd.alerts.description": {
        "it": "Le segnalazioni dei dati correnti: «run» le calcola e le conserva per la versione dei dati e il giorno "
              "(di notte, da cron o da un timer systemd); «list» le elenca.",
        "en": "The alerts of the current data: \"run\" computes and stores them for the data version and the day (at "
              "night, from cron or a systemd timer); \"list\" lists them."},
    "cli.cmd.alerts.run": {"it": "calcola e conserva le segnalazioni di oggi",
                           "en": "compute and store today's alerts"},
    "cli.cmd.alerts.list": {"it": "elenca le segnalazioni in vigore", "en": "list the alerts in force"},
    "cli.cmd.notify": {"it": "accoda e invia le e-mail dovute", "en": "queue and send the e-mail due"},
    "cli.cmd.notify.description": {
        "it": "Accoda i messaggi dovuti (riepiloghi delle nuove segnalazioni, pacchetti di una nuova versione dei "
              "dati) e invia la coda; un messaggio non inviato resta in coda e viene ritentato più tardi. Da cron o "
              "da un timer systemd, ogni pochi minuti.",
        "en": "Queue the messages due (digests of new alerts, packs of a new data version) and send the queue; a "
              "message not sent stays queued and is tried again later. From cron or a systemd timer, every few "
              "minutes."},
    "cli.cmd.pack": {"it": "pacchetto riunione di un tavolo (PPTX o PDF)",
                     "en": "a tavolo's meeting pack (PPTX or PDF)"},
    "cli.cmd.pack.description": {
        "it": "Il pacchetto riunione di un territorio e di un periodo, con le stesse diapositive della pagina "
              "Pacchetto riunione. Senza opzioni: tutta Italia, gli ultimi 12 mesi con dati, i grafici con dati.",
        "en": "The meeting pack of an area and a period, with the same slides as the Meeting pack page. Without "
              "options: all of Italy, the last 12 months with data, the charts with data."},
    "cli.metavar.day": {"it": "AAAA-MM-GG", "en": "YYYY-MM-DD"},
    "cli.metavar.period": {"it": "PERIODO", "en": "PERIOD"},
    "cli.metavar.charts": {"it": "GRAFICI", "en": "CHARTS"},
    "cli.value.day": {"it": "«{text}» non è un giorno scritto AAAA-MM-GG",
                      "en": "\"{text}\" is not a day written YYYY-MM-DD"},
    "cli.arg.today": {"it": "il giorno di riferimento (predefinito: oggi)", "en": "the reference day (default: today)"},
    "cli.arg.alerts_user": {"it": "le segnalazioni del territorio di questo utente (predefinito: tutte)",
                            "en": "the alerts of this user's area (default: all)"},
    "cli.arg.notify_status": {"it": "mostra la coda dei messaggi, senza inviare",
                              "en": "show the message queue, send nothing"},
    "cli.arg.pack_province": {"it": "provincia (codice ISTAT, per esempio 014)",
                              "en": "province (ISTAT code, e.g. 014)"},
    "cli.arg.pack_region": {"it": "regione (codice ISTAT, per esempio 03)", "en": "region (ISTAT code, e.g. 03)"},
    "cli.arg.pack_programme": {"it": "programma (SAI, CAS, ANTITRATTA, FAMI, ALTRO)",
                               "en": "programme (SAI, CAS, ANTITRATTA, FAMI, ALTRO)"},
    "cli.arg.pack_project": {"it": "codice del progetto", "en": "project code"},
    "cli.arg.pack_unit": {"it": "unità di periodo (predefinita mese)", "en": "period unit (default mese)"},
    "cli.arg.pack_from": {"it": "primo periodo (2025-01, 2025-T1, 2025, avviso-5)",
                          "en": "first period (2025-01, 2025-T1, 2025, avviso-5)"},
    "cli.arg.pack_to": {"it": "ultimo periodo (predefinito: l'ultimo con dati)",
                        "en": "last period (default: the last with data)"},
    "cli.arg.pack_charts": {
        "it": "grafici separati da virgole: posti, liberi, contatti, percorso, servizi, contesto (predefiniti: quelli "
              "con dati)",
        "en": "charts separated by commas: posti, liberi, contatti, percorso, servizi, contesto (default: those with "
              "data)"},
    "cli.arg.pack_format": {"it": "formato (predefinito pptx)", "en": "format (default pptx)"},
    "cli.arg.pack_output": {"it": "file da scrivere (predefinito: pacchetto-riunione-vN-DATA.pptx|pdf)",
                            "en": "file to write (default: pacchetto-riunione-vN-DATE.pptx|pdf)"},
    "cli.arg.pack_tavolo": {"it": "nome del tavolo sulla copertina", "en": "the tavolo's name on the title slide"},
    "cli.arg.pack_user": {"it": "il territorio di questo utente (predefinito: tutte le province)",
                          "en": "this user's area (default: every province)"},
    "cli.arg.pack_version": {"it": "i dati com'erano a questa versione", "en": "the data as they were at this version"},
    "cli.pack.refused": {"it": "{option} «{value}» rifiutato: {why}.", "en": "{option} \"{value}\" refused: {why}."},
    "cli.pack.charts": {"it": "--charts «{value}» rifiutato: grafici ammessi, separati da virgole: {allowed}.",
                        "en": "--charts \"{value}\" refused: charts allowed, separated by commas: {allowed}."},
    "cli.pack.no_data": {"it": "nessun dato caricato: il pacchetto non ha figure da mostrare.",
                         "en": "no data loaded: the pack has no figures to show."},
    "cli.pack.nothing": {
        "it": "per questo territorio non è stato inviato nessun dato delle tabelle del pacchetto ({tables}).",
        "en": "for this area none of the pack's tables was sent ({tables})."},
    "cli.pack.unwritable": {"it": "impossibile scrivere {path}: {problem}.", "en": "cannot write {path}: {problem}."},
    "cli.pack.written": {
        "it": "Pacchetto scritto in {path}: {territory}, {period}; {n} grafici; dati alla versione {version}.",
        "en": "Pack written to {path}: {territory}, {period}; {n} charts; data version {version}."},
    "cli.alerts.done": {"it": "Segnalazioni della versione {version} al {day}: {counts}.",
                        "en": "Alerts of version {version} on {day}: {counts}."},
    "cli.alerts.columns": {"it": "Regola|Da quando|Dove|Che cosa", "en": "Rule|Since|Where|What"},
    "cli.notify.off": {"it": "l'invio di e-mail non è configurato: impostare {variable} (README, «E-mail»).",
                       "en": "e-mail is not configured: set {variable} (README, \"E-mail\")."},
    "cli.notify.done": {
        "it": "Messaggi accodati: {queued}; inviati: {sent}; non inviati (ritentati più tardi): {failed}; annullati: "
              "{cancelled}.",
        "en": "Messages queued: {queued}; sent: {sent}; not sent (tried again later): {failed}; cancelled: "
              "{cancelled}."},
    "cli.notify.empty": {"it": "La coda dei messaggi è vuota.", "en": "The message queue is empty."},
    "cli.notify.columns": {"it": "N.|Creato|Utente|Tipo|Stato|Tentativi|Ultimo errore",
                           "en": "No.|Created|User|Kind|Status|Attempts|Last error"},
    # --- The action plan's indicator (contract, Rete) -----------------------------------------------------------
    "imports.column.actions.indicator": {
        "it": "Facoltativo: l'indicatore a cui l'azione mira, nella provincia dell'azione (Rete e tavolo ne mostra "
              "l'andamento accanto allo stato dell'azione).",
        "en": "Optional: the indicator the action targets, in the action's province (Network and tavolo shows its "
              "trend beside the action's status)."},
    "indicator.posti": {"it": "Posti", "en": "Places"},
    "indicator.presenze": {"it": "Presenze", "en": "Presences"},
    "indicator.occupazione": {"it": "Occupazione", "en": "Occupancy"},
    "indicator.posti_liberi": {"it": "Posti liberi", "en": "Free places"},
    "indicator.contatti": {"it": "Contatti", "en": "Contacts"},
    "indicator.valutazioni": {"it": "Valutazioni", "en": "Assessments"},
    "indicator.potenziali_vittime": {"it": "Potenziali vittime", "en": "Potential victims"},
    "indicator.invii": {"it": "Invii ad altri servizi", "en": "Referrals"},
    "indicator.prese_in_carico": {"it": "Prese in carico", "en": "Take-ins"},
    "indicator.persone_servizi": {"it": "Persone nei servizi", "en": "People in services"},
    "indicator.partecipanti_formazione": {"it": "Partecipanti alla formazione", "en": "Training participants"},
    "rete.col.indicator": {"it": "Indicatore", "en": "Indicator"},
    "rete.indicators.title": {"it": "Le azioni accanto ai loro indicatori", "en": "Actions beside their indicators"},
    "rete.indicators.open": {"it": "Le azioni accanto ai loro indicatori ({n})",
                             "en": "Actions beside their indicators ({n})"},
    "rete.indicators.intro": {
        "it": "Le azioni del piano che indicano l'indicatore a cui mirano (colonna «indicatore» del file delle "
              "azioni): lo stato dell'azione accanto all'andamento dell'indicatore nella sua provincia, {period}.",
        "en": "The plan's actions that name the indicator they target (the \"indicatore\" column of the actions "
              "file): the action's status beside the indicator's trend in its province, {period}."},
    "rete.indicators.none": {
        "it": "Nessuna azione del piano indica un indicatore: si aggiunge con la colonna facoltativa «indicatore» del "
              "file delle azioni.",
        "en": "No action of the plan names an indicator: add one with the optional \"indicatore\" column of the "
              "actions file."},
    "rete.indicators.chart_title": {"it": "{indicator}: {territory}, {period}",
                                    "en": "{indicator}: {territory}, {period}"},
    "rete.indicators.due": {"it": "Scadenza: {date}", "en": "Due: {date}"},
    "rete.indicators.no_due": {"it": "Senza scadenza", "en": "No due date"},
    "rete.indicators.completed": {"it": "Completata il {date}", "en": "Completed on {date}"},
    "rete.indicators.more": {"it": "Altre {n} azioni con un indicatore non mostrate: restringere il territorio.",
                             "en": "{n} more actions with an indicator not shown: narrow the area."},
    # --- Operators' log ----------------------------------------------------------------------------------------
    "alerts.log.count_failed": {"it": "Conteggio delle segnalazioni non riuscito",
                                "en": "Counting the alerts failed"},
    "alerts.log.after_load": {
        "it": "Segnalazioni dopo il caricamento non calcolate (di nuovo alla prossima vista o di notte)",
        "en": "Alerts not computed after the load (again at the next view or at night)"},
    "alerts.log.enqueue": {"it": "Messaggi dopo il caricamento non accodati (riprovato da manage.py notify)",
                           "en": "Messages not queued after the load (tried again by manage.py notify)"},
    "alerts.log.not_sent": {"it": "Messaggio {id} non inviato (nuovo tentativo più tardi): {error}",
                            "en": "Message {id} not sent (tried again later): {error}"},
    "alerts.log.not_composed": {"it": "Messaggio {id} non composto", "en": "Message {id} not composed"},
}
