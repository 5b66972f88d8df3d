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
    # The sparsity guard (views/sparsity.py)
    "sparsity.too_sparse": {
        "it": "Questa ripartizione non si disegna a questo livello di dettaglio: {sparse} celle su {cells} "
              "sarebbero 0 o «<{k}» (il limite è {share}). Una tabella fatta quasi solo di zeri e di «<{k}» "
              "mostra più il rumore della protezione che i dati, e le sue caselle vuote dicono più di quanto il "
              "rumore nasconde. Provare una vista meno dettagliata:",
        "en": "This breakdown is not drawn at this level of detail: {sparse} cells out of {cells} would show 0 or "
              "\"<{k}\" (the limit is {share}). A table made almost only of zeros and \"<{k}\" shows the noise of "
              "the protection more than the data, and its empty cells tell more than the noise hides. Try a less "
              "detailed view:"},
    "sparsity.no_coarser": {
        "it": "Non c'è una vista meno dettagliata per il proprio profilo: il totale resta nella riga «Totale» delle "
              "altre tabelle della pagina.",
        "en": "There is no less detailed view for your profile: the total stays in the \"Total\" row of the "
              "page's other tables."},
    "sparsity.view.period": {"it": "Per {unit}", "en": "By {unit}"},
    "sparsity.view.territory": {"it": "Territorio più ampio", "en": "Wider territory"},
    "sparsity.view.project": {"it": "Tutti i progetti", "en": "All projects"},
    "sparsity.chart_text": {"it": "Troppo dettagliato", "en": "Too detailed"},
    "sparsity.chart_subtitle": {
        "it": "Quasi tutte le celle sarebbero 0 o «<{k}»: scegliere un periodo o un territorio più ampio",
        "en": "Almost every cell would show 0 or \"<{k}\": choose a longer period or a wider territory"},
    # Metodologia: the rules added by issue 16 (views/metodologia.py; docs/metodologia.md says more)
    "metodologia.revisions.title": {"it": "Correzioni e invii ripetuti", "en": "Corrections and repeated uploads"},
    "metodologia.revisions.body": {
        "it": """
**Una correzione non rivela la sua entità.** Il rumore di una cella dipende dalla cella e dal numero che contiene:
se un progetto corregge un dato (per esempio da 3 a 4 persone), la cella corretta riceve un nuovo rumore,
indipendente dal precedente, e la differenza tra il valore di prima (magari in una presentazione già distribuita) e
quello di dopo non dice di quanto è cambiato il dato. Le celle che non cambiano tengono il loro rumore, e i dati
«alla versione N» restano quelli pubblicati allora. Le misure di una stessa riga che contano lo stesso numero (per
esempio contatti e valutazioni delle stesse due persone) hanno lo stesso rumore: una sola lettura di quelle persone,
non una per misura.

**Gli invii ripetuti non tolgono il rumore.** Ogni correzione pubblicata è una nuova lettura delle celle che cambia.
Un referente dati che potesse reinviare lo stesso mese molte volte, variando le proprie righe, otterrebbe molte
letture dei numeri degli altri progetti della stessa provincia, e la lettura più frequente sarebbe quella vera. Per
questo **le correzioni dei referenti a mesi già pubblicati attendono l'approvazione di un amministratore** (pagina
Carica dati, oppure `manage.py corrections`), mentre i mesi mai pubblicati si caricano subito. Un tetto al numero di
invii lascerebbe comunque più letture; con l'approvazione ogni lettura in più è una decisione registrata, e la
pagina mostra all'amministratore quante volte quei mesi sono già stati corretti.
""",
        "en": """
**A correction does not reveal its size.** The noise of a cell depends on the cell and on the number it holds: when
a project corrects a figure (say from 3 to 4 people), the corrected cell gets fresh noise, independent of the one
it had, and the difference between the figure before (perhaps on a slide already handed out) and after does not
tell how much it changed. Cells that do not change keep their noise, and the data "as of version N" stay what was
published then. Measures of a row that count the same number (contacts and assessments of the same two people)
share their noise: one reading of those people, not one per measure.

**Repeated uploads do not strip the noise.** Every correction published is a new reading of the cells it changes.
A data steward free to send the same month many times, varying their own rows, would get many readings of the
other projects' figures in the same province, and the most frequent reading would be the true one. So **data
stewards' corrections of months already published wait for an administrator's approval** (Carica dati page, or
`manage.py corrections`), while months never published load at once. A cap on uploads would still give several
readings; with approval each extra reading is a recorded decision, and the page shows the administrator how many
times those months have already been corrected.
"""},
    "metodologia.hours.title": {"it": "Ore accanto alle persone", "en": "Hours beside people"},
    "metodologia.hours.body": {
        "it": """
Le ore di servizio e di formazione sono legate a conteggi protetti: ore esatte accanto a persone perturbate
restituirebbero il conteggio vero (le ore divise per le ore di una persona). Per questo **le ore seguono le
persone**: sono le ore per persona della cella, con un piccolo rumore (al massimo il {noise} del contributo più
grande, come nel metodo europeo per le tabelle di grandezze, deciso dalla chiave della cella), moltiplicate per le
persone mostrate. Accanto a 0 persone le ore sono 0; accanto a «<{k}» non si mostrano. Le ore di celle piccole
possono quindi scostarsi molto dalle ore vere; quelle di celle grandi di pochi punti percentuali.
""",
        "en": """
Hours of service and of training are tied to protected counts: exact hours beside perturbed people would give the
true count back (hours divided by one person's hours). So **hours follow the people**: they are the cell's hours
per person, with a little noise (at most {noise} of the largest contribution, as in the European method for tables
of magnitudes, chosen by the cell's key), times the people shown. Beside 0 people the hours are 0; beside "<{k}"
they are not shown. Hours of small cells may therefore be far from the true hours; those of large cells within a
few per cent.
"""},
    "metodologia.zeros.title": {"it": "Zeri e celle vuote", "en": "Zeros and empty cells"},
    "metodologia.zeros.body": {
        "it": """
Uno 0 pubblicato può nascondere qualche persona; una cella vuota («n.d.») sulla mappa, accanto a zeri pubblicati,
direbbe invece «proprio nessuno». Per questo la mappa mostra 0 in ogni territorio dove nel periodo lavora un
progetto, anche se non ha inviato righe; «n.d.» resta solo dove non lavora nessun progetto (un fatto pubblico).

Resta un caso: uno 0 accanto a un'altra misura della stessa cella mostrata sopra 0 (0 contatti e «<{k}»
valutazioni) dice che quello 0 nasconde almeno una persona. Quando le due misure contano lo stesso numero non
succede più, perché hanno lo stesso rumore; quando contano numeri diversi può succedere ancora. Sui dati
dimostrativi riguarda circa il 2% delle celle (prima il 7%), e chi ne approfitta indovina il numero esatto di
contatti piccoli (da 1 a 5) circa una volta su cento più spesso che leggendo la sola cella.
""",
        "en": """
A published 0 may hide a few people; an empty cell ("n.d.") on the map, beside published zeros, would instead say
"truly nobody". So the map shows 0 in every territory where a project works in the period, even one that sent no
rows; "n.d." stays only where no project works (a public fact).

One case remains: a 0 beside another measure of the same cell shown above 0 (0 contacts and "<{k}" assessments)
says that the 0 hides at least one person. Where the two measures count the same number it no longer happens,
since they share their noise; where they count different numbers it still can. On the demo data it concerns about
2% of the cells (7% before), and an attacker using it guesses the exact number of small contacts (1 to 5) about one
time in a hundred more often than by reading the cell alone.
"""},
    "metodologia.sparsity.title": {"it": "Ripartizioni troppo dettagliate", "en": "Breakdowns too detailed"},
    "metodologia.sparsity.body": {
        "it": """
Una ripartizione (per forma di sfruttamento, genere, età, canale, tipo di servizio, pubblico della formazione) in
cui più del {share} delle celle sarebbero 0 o «<{k}» **non si disegna a quel livello di dettaglio**, come fanno
l'ufficio statistico britannico (ONS) e quello australiano (ABS) nei loro strumenti di tabelle su richiesta: una
tabella fatta quasi solo di zeri e di «<{k}» mostra il rumore più che i dati, e proprio nelle tabelle rade la
struttura (quali celle sono vuote) dice di più. La pagina lo spiega e offre la vista meno dettagliata: per trimestre
o per anno, per un territorio più ampio, per tutti i progetti. La soglia ({share}) si imposta con la variabile
CRUSCOTTO_SPARSITY_MAX.
""",
        "en": """
A breakdown (by form of exploitation, gender, age, channel, type of service, training audience) where more than
{share} of the cells would show 0 or "<{k}" **is not drawn at that level of detail**, as the British (ONS) and
Australian (ABS) statistical offices do in their tools for tables on request: a table made almost only of zeros
and "<{k}" shows the noise more than the data, and sparse tables are where the structure (which cells are empty)
tells most. The page says so and offers the less detailed view: by quarter or year, for a wider territory, for all
projects. The threshold ({share}) is set with the variable CRUSCOTTO_SPARSITY_MAX.
"""},
}
