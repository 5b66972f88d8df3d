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
    "alerts.none_rule": {"it": "Nessuna.", "en": "None."},
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
        "it": "Non ha inviato {tables} da {month} (termine: {deadline})",
        "en": "Has not sent {tables} since {month} (deadline: {deadline})"},
    "alerts.what.late_never": {
        "it": "Non ha ancora inviato alcun mese (dovuto dal mese di {month}; termine: {deadline})",
        "en": "Has not sent any month yet (due from {month}; deadline: {deadline})"},
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
    "alerts.config.base_url": {
        "it": "{variable} deve iniziare con http:// o https:// (valore letto: {raw}).",
        "en": "{variable} must start with http:// or https:// (value read: {raw})."},
}
