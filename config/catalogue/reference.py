"""The words of the public statistics (the reference layer, issue 18): the files' checks and corrections, the
command ``manage.py reference``, the national-context blocks of the pages, their charts, the attribution the
licence asks for, and the rule of the methodology (Italian first, English second)."""

TEXT: dict[str, dict[str, str]] = {
    # The datasets and a load's summary (data_access/public_files.py)
    "reference.dataset.presenze": {"it": "presenze nel sistema di accoglienza per regione",
                                   "en": "people in the reception system by region"},
    "reference.dataset.sbarchi": {"it": "sbarchi per giorno", "en": "landings by day"},
    "reference.summary.checked": {
        "it": "«{file}» ({dataset}): {rows} righe lette, {loaded} da caricare, dal {first} al {last}. Correzioni e "
              "righe escluse: {changes}.",
        "en": "«{file}» ({dataset}): {rows} rows read, {loaded} to load, from {first} to {last}. Corrections and "
              "rows left out: {changes}."},
    "reference.summary.refused": {
        "it": "«{file}» ({dataset}): {rows} righe lette, {errors} errori: il file non viene caricato.",
        "en": "«{file}» ({dataset}): {rows} rows read, {errors} errors: the file is not loaded."},
    "reference.change.none": {"it": "nessuna", "en": "none"},
    "reference.change.hotspot_blank": {"it": "{n} celle vuote degli hotspot lette come 0 (nessun hotspot nella "
                                             "regione)",
                                       "en": "{n} blank hotspot cells read as 0 (no hotspot in the region)"},
    "reference.change.siproimi": {"it": "{n} righe con il dato SIPROIMI riportato nella serie SAI",
                                  "en": "{n} rows with the SIPROIMI figure carried into the SAI series"},
    "reference.change.shifted": {"it": "{n} righe con le colonne spostate rimesse a posto (Valle d'Aosta, "
                                       "28/02/2022)",
                                 "en": "{n} rows with shifted columns put back (Valle d'Aosta, 28/02/2022)"},
    "reference.change.total_rows": {"it": "{n} righe di totale escluse (i totali si calcolano dalle regioni)",
                                    "en": "{n} total rows left out (totals are computed from the regions)"},
    "reference.change.impossible_date": {"it": "{n} righe rifiutate per una data inesistente",
                                         "en": "{n} rows refused for a date that does not exist"},
    "reference.change.not_a_number": {"it": "{n} righe rifiutate per un valore non numerico",
                                      "en": "{n} rows refused for a value that is not a number"},
    "reference.change.missing_value": {"it": "{n} righe rifiutate per un valore mancante",
                                       "en": "{n} rows refused for a missing value"},
    "reference.change.superseded": {"it": "{n} righe sostituite dal rapporto più recente dello stesso giorno",
                                    "en": "{n} rows replaced by the latest report of the same day"},
    "reference.change.not_yet_reported": {
        "it": "{n} giorni successivi alla data del proprio rapporto esclusi (non ancora rilevati)",
        "en": "{n} days after the date of their report left out (not yet counted)"},
    # the same, for one row
    "reference.change.hotspot_blank.one": {"it": "1 cella vuota degli hotspot letta come 0",
                                           "en": "1 blank hotspot cell read as 0"},
    "reference.change.siproimi.one": {"it": "1 riga con il dato SIPROIMI riportato nella serie SAI",
                                      "en": "1 row with the SIPROIMI figure carried into the SAI series"},
    "reference.change.shifted.one": {"it": "1 riga con le colonne spostate rimessa a posto (Valle d'Aosta, "
                                           "28/02/2022)",
                                     "en": "1 row with shifted columns put back (Valle d'Aosta, 28/02/2022)"},
    "reference.change.total_rows.one": {"it": "1 riga di totale esclusa (i totali si calcolano dalle regioni)",
                                        "en": "1 total row left out (totals are computed from the regions)"},
    "reference.change.impossible_date.one": {"it": "1 riga rifiutata per una data inesistente",
                                             "en": "1 row refused for a date that does not exist"},
    "reference.change.not_a_number.one": {"it": "1 riga rifiutata per un valore non numerico",
                                          "en": "1 row refused for a value that is not a number"},
    "reference.change.missing_value.one": {"it": "1 riga rifiutata per un valore mancante",
                                           "en": "1 row refused for a missing value"},
    "reference.change.superseded.one": {"it": "1 riga sostituita dal rapporto più recente dello stesso giorno",
                                        "en": "1 row replaced by the latest report of the same day"},
    "reference.change.not_yet_reported.one": {
        "it": "1 giorno successivo alla data del proprio rapporto escluso (non ancora rilevato)",
        "en": "1 day after the date of its report left out (not yet counted)"},
    "reference.version_source": {"it": "Dati pubblici del Ministero dell'Interno: {files}",
                                 "en": "Public data of the Ministry of the Interior: {files}"},
    "reference.shipped_invalid": {
        "it": "I file dei dati pubblici in public_data/ministero-interno non superano i controlli: {problem}",
        "en": "The public data files in public_data/ministero-interno do not pass the checks: {problem}"},
    # The checks of a file
    "reference.header.none": {
        "it": "il file «{file}» non ha le colonne di un estratto dei dati pubblici (accoglienza o sbarchi)",
        "en": "the file «{file}» does not have the columns of a public data extract (reception or landings)"},
    "reference.header.none.fix": {
        "it": "usare un estratto nello stesso formato: colonne {presences} (accoglienza), oppure {landings} "
              "(sbarchi)",
        "en": "use an extract in the same format: columns {presences} (reception), or {landings} (landings)"},
    "reference.header.expected": {"it": "Colonne attese per {dataset}: {columns}",
                                  "en": "Columns expected for {dataset}: {columns}"},
    "reference.cell.missing.fix": {"it": "scrivere il valore pubblicato (0 se nessuno)",
                                   "en": "write the published value (0 if none)"},
    "reference.cell.future": {"it": "la data è nel futuro", "en": "the date is in the future"},
    "reference.cell.region_code": {"it": "codice ISTAT di regione inesistente",
                                   "en": "no region has this ISTAT code"},
    "reference.cell.region_code.fix": {"it": "scrivere il codice ISTAT a due cifre della regione (da 01 a 20)",
                                       "en": "write the region's two-digit ISTAT code (01 to 20)"},
    "reference.cell.region_name": {"it": "la regione non corrisponde al codice {code} ({name})",
                                   "en": "the region does not match code {code} ({name})"},
    "reference.cell.region_name.fix": {"it": "controllare nome e codice della regione",
                                       "en": "check the region's name and code"},
    "reference.cell.both_sai": {
        "it": "SIPROIMI e SAI sono lo stesso sistema (rinominato nel 2021): la riga ha un valore in entrambe le "
              "colonne",
        "en": "SIPROIMI and SAI are one system (renamed in 2021): the row has a value in both columns"},
    "reference.cell.both_sai.fix": {"it": "lasciare il valore in una sola delle due colonne",
                                    "en": "keep the value in one of the two columns only"},
    "reference.row.total": {"it": "riga di totale: esclusa", "en": "total row: left out"},
    "reference.row.total.fix": {"it": "i totali nazionali si calcolano dalle regioni",
                                "en": "national totals are computed from the regions"},
    "reference.row.dropped": {"it": "la riga è esclusa e contata tra le righe rifiutate",
                              "en": "the row is left out and counted among the rows refused"},
    "reference.rows.regions_missing": {"it": "alla data del rapporto mancano regioni: {regions}",
                                       "en": "regions are missing at the report date: {regions}"},
    "reference.rows.regions_missing.fix": {
        "it": "ogni data deve avere tutte le 20 regioni: i totali nazionali sono la loro somma",
        "en": "each date needs all 20 regions: the national totals are their sum"},
    "reference.rows.two_values": {"it": "lo stesso giorno ha un altro valore nello stesso rapporto (riga {row})",
                                  "en": "the same day has another value in the same report (row {row})"},
    "reference.rows.two_values.fix": {"it": "tenere una sola riga per giorno e rapporto",
                                      "en": "keep one row per day and report"},
    "reference.rows.too_many_dropped": {
        "it": "{n} righe su {rows} hanno una data inesistente o un valore non numerico",
        "en": "{n} rows out of {rows} have a date that does not exist or a value that is not a number"},
    "reference.rows.too_many_dropped.fix": {
        "it": "controllare che il file sia l'estratto degli sbarchi per giorno, con date AAAA-MM-GG",
        "en": "check that the file is the extract of landings by day, with dates YYYY-MM-DD"},
    # The command line (cli/reference.py, cli/database.py)
    "reference.load.admin_only": {"it": "i dati pubblici li carica solo un amministratore",
                                  "en": "public data are loaded by an administrator only"},
    "cli.cmd.reference": {"it": "dati pubblici del Ministero dell'Interno (presenze nell'accoglienza, sbarchi)",
                          "en": "public data of the Ministry of the Interior (people in reception, landings)"},
    "cli.cmd.reference.description": {
        "it": "I dati pubblici del Ministero dell'Interno (fonte: Liberiamoli tutti!, CC BY 4.0): init-db carica "
              "quelli forniti in public_data/ministero-interno; «load» carica un estratto più recente.",
        "en": "The public data of the Ministry of the Interior (source: Liberiamoli tutti!, CC BY 4.0): init-db loads "
              "those shipped in public_data/ministero-interno; «load» loads a newer extract."},
    "cli.cmd.reference.load": {"it": "controlla e carica estratti più recenti (una nuova versione dei dati pubblici)",
                               "en": "check and load newer extracts (a new version of the public data)"},
    "cli.cmd.reference.load.description": {
        "it": "Controlla uno o più estratti nel formato di accoglienza.csv o sbarchi-per-giorno.csv, corregge i "
              "difetti noti della fonte e, se non ci sono errori, li carica come nuova versione dei dati pubblici "
              "(tutto o niente).",
        "en": "Check one or more extracts in the format of accoglienza.csv or sbarchi-per-giorno.csv, correct the "
              "source's known defects and, if there are no errors, load them as a new version of the public data "
              "(all or nothing)."},
    "cli.arg.reference_file": {"it": "percorso del file CSV (accoglienza o sbarchi per giorno)",
                               "en": "path of the CSV file (reception or landings by day)"},
    "cli.arg.reference_dry_run": {"it": "solo controllo: non carica nulla", "en": "check only: load nothing"},
    "cli.arg.reference_user": {"it": "chi carica, per il registro e i permessi: solo un amministratore (predefinito: "
                                     "manage.py)",
                               "en": "who loads, for the audit trail and the permissions: an administrator only "
                                     "(default: manage.py)"},
    "cli.reference.loaded": {"it": "Caricata: versione {version} dei dati pubblici.",
                             "en": "Loaded: version {version} of the public data."},
    "cli.reference.unchanged": {
        "it": "Nessuna modifica: i file coincidono con i dati pubblici attuali (nessuna nuova versione).",
        "en": "No change: the files match the current public data (no new version)."},
    "cli.init_db.public_loaded": {
        "it": "Dati pubblici del Ministero dell'Interno caricati da public_data/ministero-interno: versione {version}.",
        "en": "Public data of the Ministry of the Interior loaded from public_data/ministero-interno: version "
              "{version}."},
    "cli.init_db.public_current": {"it": "Dati pubblici del Ministero dell'Interno già caricati.",
                                   "en": "Public data of the Ministry of the Interior already loaded."},
    "cli.status.public": {"it": "Dati pubblici (Ministero dell'Interno): versione {version}",
                          "en": "Public data (Ministry of the Interior): version {version}"},
    "cli.status.no_public": {"it": "Dati pubblici (Ministero dell'Interno): non caricati (eseguire init-db)",
                             "en": "Public data (Ministry of the Interior): not loaded (run init-db)"},
    # Chart words (presentation/charts.py)
    "chart.date": {"it": "Data", "en": "Date"},
    "chart.note": {"it": "Nota", "en": "Note"},
    # The attribution the licence asks for, and the marks of public data (presentation/registry.py, views)
    "reference.source": {
        "it": "Fonte: Liberiamoli tutti! ({url}), su dati del Ministero dell'Interno (Cruscotto statistico "
              "giornaliero). Dati modificati: difetti della fonte corretti e totali nazionali calcolati dalle "
              "regioni (vedi Metodologia). Licenza CC BY 4.0. Dati al {date}.",
        "en": "Source: Liberiamoli tutti! ({url}), from data of the Italian Ministry of the Interior (Cruscotto "
              "statistico giornaliero). Data modified: defects of the source corrected and national totals computed "
              "from the regions (see Methodology). Licence CC BY 4.0. Data as of {date}."},
    "reference.subtitle": {"it": "Dati pubblici del Ministero dell'Interno, come pubblicati; dati al {date}",
                           "en": "Public data of the Ministry of the Interior, as published; data as of {date}"},
    "reference.public_note": {
        "it": "Dati pubblici: statistiche ufficiali che il Ministero pubblica già per regione. Si mostrano come "
              "pubblicate, senza la protezione del Cell Key Method, e non si sommano mai ai dati protetti dei "
              "progetti.",
        "en": "Public data: official statistics the Ministry already publishes by region. They are shown as "
              "published, without Cell Key Method protection, and never added to the protected project data."},
    "reference.in_area": {"it": "{preposition} {area}", "en": "in {area}"},
    "reference.correction.colonne_spostate": {
        "it": "valore corretto: nella fonte le colonne sono spostate (hotspot 28 e centri 23 sono centri 28 e SAI 23)",
        "en": "corrected value: the source shifts the columns (hotspot 28 and centres 23 are centres 28 and SAI 23)"},
    "reference.corrected_note": {"it": "Valori corretti in questa vista: {items}.",
                                 "en": "Values corrected in this view: {items}."},
    "reference.corrected_item": {"it": "{area} al {date} ({what})", "en": "{area} on {date} ({what})"},
    "reference.gaps_note": {
        "it": "Date senza dati nella fonte, lasciate vuote: {dates}.",
        "en": "Dates without data in the source, left empty: {dates}."},
    "reference.not_loaded": {
        "it": "Dati pubblici del Ministero dell'Interno non caricati: eseguire `python manage.py init-db`.",
        "en": "Public data of the Ministry of the Interior not loaded: run `python manage.py init-db`."},
    "reference.none_before": {"it": "Nessun dato pubblico fino alla fine del periodo scelto: la serie inizia il "
                                    "{date}.",
                              "en": "No public data up to the end of the chosen period: the series starts on {date}."},
    # Charts
    "reference.system.total": {"it": "Totale", "en": "Total"},
    "reference.system.centres": {"it": "Centri di accoglienza (CAS e altri)",
                                 "en": "Reception centres (CAS and other)"},
    "reference.system.sai": {"it": "SAI (SIPROIMI fino al 2020)", "en": "SAI (SIPROIMI until 2020)"},
    "reference.system.hotspot": {"it": "Hotspot", "en": "Hotspots"},
    "reference.system_short.centres": {"it": "Centri", "en": "Centres"},
    "reference.system_short.sai": {"it": "SAI", "en": "SAI"},
    "reference.system_short.hotspot": {"it": "Hotspot", "en": "Hotspots"},
    "reference.people": {"it": "Persone presenti", "en": "People present"},
    "reference.gap_note": {"it": "Data senza dati nella fonte", "en": "Date without data in the source"},
    "reference.share": {"it": "Quota dei progetti", "en": "Projects' share"},
    "reference.landed": {"it": "Persone sbarcate", "en": "People landed"},
    "reference.month_complete": {"it": "Mese intero", "en": "Whole month"},
    "reference.month_partial": {"it": "Mese parziale (dati fino al {date})", "en": "Part of a month (data to {date})"},
    "reference.chart_presences": {"it": "Persone accolte, {area}, {period}",
                                  "en": "People in reception, {area}, {period}"},
    "reference.area_for": {"it": "{area} (regione di {territory})", "en": "{area} (region of {territory})"},
    "reference.chart_share": {"it": "{what} {area}, {territory}, {period}",
                              "en": "{what} {area}, {territory}, {period}"},
    "reference.share_of.total": {"it": "Presenze dei progetti SAI e CAS sul totale dell'accoglienza",
                                 "en": "Presences in SAI and CAS projects over all reception"},
    "reference.share_of.sai": {"it": "Presenze dei progetti SAI sul sistema SAI",
                               "en": "Presences in SAI projects over the SAI system"},
    "reference.share_of.centres": {"it": "Presenze dei progetti CAS sui centri di accoglienza",
                                   "en": "Presences in CAS projects over the reception centres"},
    "reference.share_of.none": {"it": "Presenze dei progetti (programma non confrontabile) sull'accoglienza",
                                "en": "Presences in projects (programme not comparable) over reception"},
    "reference.chart_landings": {"it": "Persone sbarcate in Italia per mese, {period}",
                                 "en": "People landed in Italy by month, {period}"},
    # The meeting pack
    "pack.choice.contesto": {"it": "Contesto nazionale: persone nel sistema di accoglienza (dati pubblici)",
                             "en": "National context: people in the reception system (public data)"},
    "reference.subject": {"it": "Le persone nel sistema di accoglienza", "en": "People in the reception system"},
    "reference.caption.up": {
        "it": "{subject} {place} sono aumentate {article}{percent} in dodici mesi: {now} al {date}, {then} al "
              "{before}",
        "en": "{subject} {place} rose by {percent} in twelve months: {now} on {date}, {then} on {before}"},
    "reference.caption.down": {
        "it": "{subject} {place} sono diminuite {article}{percent} in dodici mesi: {now} al {date}, {then} al "
              "{before}",
        "en": "{subject} {place} fell by {percent} in twelve months: {now} on {date}, {then} on {before}"},
    "reference.caption.same": {
        "it": "{subject} {place} sono rimaste quasi invariate in dodici mesi: {now} al {date}, {then} al {before}",
        "en": "{subject} {place} were almost unchanged in twelve months: {now} on {date}, {then} on {before}"},
    "reference.caption.not_computable": {
        "it": "{subject} {place}: variazione in dodici mesi non calcolabile (nessun dato al {before})",
        "en": "{subject} {place}: change in twelve months not computable (no data on {before})"},
    "reference.pack_method": {
        "it": "Il contesto nazionale usa dati pubblici del Ministero dell'Interno (fonte: Liberiamoli tutti!, CC BY "
              "4.0): statistiche già pubblicate per regione, mostrate come pubblicate e mai sommate ai dati protetti "
              "dei progetti.",
        "en": "The national context uses public data of the Ministry of the Interior (source: Liberiamoli tutti!, CC "
              "BY 4.0): statistics already published by region, shown as published and never added to the "
              "protected project data."},
    # The map (data_access/geo.py, views/mappa.py)
    "measure.public_presences": {"it": "Accolti (dato pubblico)", "en": "In reception (public data)"},
    "reference.map.regions_only": {
        "it": "Il dato pubblico delle presenze nell'accoglienza esiste solo per regione (livello richiesto: {level}).",
        "en": "The public data on people in reception exist by region only (level asked: {level})."},
    "reference.map.snapshot": {"it": "Dato pubblico al {date} (Ministero dell'Interno)",
                               "en": "Public data as of {date} (Ministry of the Interior)"},
    "reference.map.none": {"it": "Nessun dato pubblico fino alla fine del periodo scelto",
                           "en": "No public data up to the end of the chosen period"},
    "reference.map.regions": {"it": "Dato pubblicato solo per regione: la mappa mostra le regioni.",
                              "en": "Published by region only: the map shows regions."},
    # Panoramica: the national context (views/panoramica.py, views/public_context.py)
    "reference.panoramica.title": {"it": "Contesto nazionale", "en": "National context"},
    "reference.panoramica.intro": {
        "it": "Persone presenti nel sistema di accoglienza (hotspot, centri di accoglienza, SAI) al **{date}**, "
              "ultimo rapporto del Ministero dell'Interno fino alla fine del periodo scelto.",
        "en": "People present in the reception system (hotspots, reception centres, SAI) on **{date}**, the "
              "Ministry of the Interior's last report up to the end of the chosen period."},
    "reference.in_12_months": {"it": "{change} in 12 mesi", "en": "{change} in 12 months"},
    "reference.panoramica.change": {"it": "Variazione rispetto al {before} (dodici mesi prima).",
                                    "en": "Change against {before} (twelve months earlier)."},
    "reference.panoramica.no_change": {
        "it": "Variazione in dodici mesi non calcolabile: la fonte non ha dati al {before}.",
        "en": "Change over twelve months not computable: the source has no data on {before}."},
    # Accoglienza: the area's reception and the projects' share (views/accoglienza.py)
    "reference.accoglienza.title": {"it": "Contesto: l'accoglienza nel territorio (dati pubblici)",
                                    "en": "Context: reception in the area (public data)"},
    "reference.accoglienza.intro": {
        "it": "Le persone presenti nel sistema di accoglienza {area} secondo il Ministero dell'Interno, a ogni data "
              "dei suoi rapporti, e la quota che ne accolgono i progetti SAI e CAS di **{territory}**.",
        "en": "People present in the reception system {area} according to the Ministry of the Interior, at each "
              "date of its reports, and the share of them in the SAI and CAS projects of **{territory}**."},
    "reference.tab_presences": {"it": "Persone nell'accoglienza", "en": "People in reception"},
    "reference.tab_share": {"it": "Quota dei progetti", "en": "Projects' share"},
    "reference.col.report_date": {"it": "Dato pubblico al", "en": "Public data as of"},
    "reference.col.public": {"it": "Accoglienza (dato pubblico)", "en": "Reception (public data)"},
    "reference.col.places": {"it": "Posti dei progetti", "en": "Project places"},
    "reference.col.occupied": {"it": "Presenze nei progetti", "en": "Project presences"},
    "reference.share_note.total": {
        "it": "Quota = presenze dei progetti SAI e CAS (protette) / persone nel sistema di accoglienza (dato "
              "pubblico) all'ultima data del mese di riferimento. È un rapporto, mai una somma dei due dati.",
        "en": "Share = presences in SAI and CAS projects (protected) / people in the reception system (public data) "
              "at the last date of the reference month. A ratio, never a sum of the two."},
    "reference.share_note.sai": {
        "it": "Quota = presenze dei progetti SAI (protette) / persone nel SAI (dato pubblico) all'ultima data del "
              "mese di riferimento. È un rapporto, mai una somma dei due dati.",
        "en": "Share = presences in SAI projects (protected) / people in SAI (public data) at the last date of the "
              "reference month. A ratio, never a sum of the two."},
    "reference.share_note.centres": {
        "it": "Quota = presenze dei progetti CAS (protette) / persone nei centri di accoglienza (dato pubblico) "
              "all'ultima data del mese di riferimento. È un rapporto, mai una somma dei due dati.",
        "en": "Share = presences in CAS projects (protected) / people in reception centres (public data) at the "
              "last date of the reference month. A ratio, never a sum of the two."},
    "reference.share_none": {
        "it": "Per il programma scelto non c'è un dato pubblico confrontabile: il Ministero pubblica le presenze in "
              "hotspot, centri di accoglienza e SAI. Scegliere SAI, CAS o tutti i programmi.",
        "en": "There is no comparable public figure for the chosen programme: the Ministry publishes presences in "
              "hotspots, reception centres and SAI. Choose SAI, CAS or all programmes."},
    # Metodologia: the rule (views/metodologia.py; docs/dati_pubblici.md says the same)
    "reference.method.title": {"it": "Dati pubblici del Ministero dell'Interno: mostrati come pubblicati",
                               "en": "Public data of the Ministry of the Interior: shown as published"},
    "reference.method.body": {
        "it": """
Accanto ai dati dei progetti, il cruscotto mostra **dati pubblici del Ministero dell'Interno**: le persone presenti
nel sistema di accoglienza per regione (hotspot, centri di accoglienza, SAI) e le persone sbarcate in Italia.

**Quali numeri sono protetti e quali no, e perché.**
- **Protetti con il Cell Key Method**: tutti i conteggi di persone che arrivano dai progetti (presenze, contatti,
  valutazioni, vittime identificate, invii, prese in carico, persone nei servizi, partecipanti alla formazione).
  Nessuno li pubblica, sono spesso piccoli e riguardano province e mesi: un numero piccolo può riconoscere una persona.
- **Mostrati come pubblicati**: le statistiche ufficiali che il Ministero dell'Interno pubblica già per regione.
  Sono aggregati grandi (migliaia di persone per regione) già diffusi da una fonte ufficiale: il rumore non
  proteggerebbe nessuno e renderebbe i numeri diversi da quelli che chiunque legge nei rapporti del Ministero.
- I due tipi di dato **non si sommano mai**: un totale protetto non contiene un dato pubblico, né il contrario.
  Dove si confrontano (la quota dei progetti sull'accoglienza della regione) è un rapporto: presenze protette dei
  progetti diviso persone del dato pubblico, come un tasso sulla popolazione residente.
- Ogni vista dei dati pubblici li segnala come tali, con la fonte e la data dei dati («dati al ...»).

**Fonte e licenza.** Ministero dell'Interno, *Cruscotto statistico giornaliero* (rapporti PDF), estratto in CSV dal
progetto di dati aperti *Liberiamoli tutti!* (https://datibenecomune.substack.com/), licenza CC BY 4.0. I file, con
la licenza e la nota di provenienza, sono nella cartella `public_data/ministero-interno/` del programma.

**Correzioni fatte al caricamento** (per questo i dati sono «modificati», come la licenza chiede di dire):
- Valle d'Aosta al 28/02/2022: nella fonte le colonne sono spostate (hotspot 28, centri 23); si leggono centri 28 e
  SAI 23.
- SIPROIMI e SAI sono lo stesso sistema rinominato (SIPROIMI fino al 31/12/2020, SAI dal 15/01/2021): una sola
  serie, «SAI».
- Una cella vuota degli hotspot vale 0: gli hotspot esistono solo in poche regioni del Sud.
- Le date di rapporto che mancano nella fonte (15/10/2020, 15/03/2021, 15/07/2021, 31/03/2024) restano vuote: nessun
  valore viene inventato, e i grafici si interrompono.
- I totali nazionali sono la somma delle regioni, non le righe di totale del Ministero, che a volte non coincidono.
- Sbarchi: se lo stesso giorno compare in più rapporti vale il più recente; le righe con una data inesistente (per
  esempio 31/04/2024) o con un valore non numerico sono rifiutate e contate; i giorni successivi alla data del
  proprio rapporto non sono ancora rilevati e sono esclusi (l'ultimo mese può essere parziale). I dati giornalieri
  sono provvisori: rilevati alle 8:00 e consolidati in seguito.

**Aggiornamento.** Un estratto più recente nello stesso formato si carica con `python manage.py reference load FILE`
(amministratori): stessi controlli dei caricamenti dei progetti, tutto o niente, una nuova versione dei dati.
""",
        "en": """
Beside the project data, the dashboard shows **public data of the Italian Ministry of the Interior**: the people
present in the reception system by region (hotspots, reception centres, SAI) and the people landed in Italy.

**Which figures are protected and which are not, and why.**
- **Protected by the Cell Key Method**: every count of people that comes from the projects (presences, contacts,
  assessments, potential victims, referrals, take-ins, people in services, training participants). Nobody publishes
  them, they are often small and by province and month: a small number can identify a person.
- **Shown as published**: the official statistics the Ministry of the Interior already publishes by region. They
  are large aggregates (thousands of people per region) already released by an official source: noise would protect
  nobody and would make the figures differ from those anyone reads in the Ministry's reports.
- The two kinds of data are **never added together**: a protected total never holds a public figure, nor the other
  way round. Where they are compared (the projects' share of the region's reception) it is a ratio: the projects'
  protected presences over the public figure, like a rate on the resident population.
- Every view of public data marks them as such, with the source and the date of the data ("data as of ...").

**Source and licence.** Ministry of the Interior, *Cruscotto statistico giornaliero* (PDF reports), extracted to CSV
by the open-data project *Liberiamoli tutti!* (https://datibenecomune.substack.com/), licence CC BY 4.0. The files,
with the licence and the provenance note, are in the program's folder `public_data/ministero-interno/`.

**Corrections made on load** (so the data are "modified", as the licence asks to say):
- Valle d'Aosta on 28/02/2022: the source shifts the columns (hotspot 28, centres 23); they read centres 28 and
  SAI 23.
- SIPROIMI and SAI are one system renamed (SIPROIMI until 31/12/2020, SAI from 15/01/2021): one series, "SAI".
- A blank hotspot cell is 0: hotspots exist in a few southern regions only.
- The report dates the source misses (15/10/2020, 15/03/2021, 15/07/2021, 31/03/2024) stay empty: no value is
  invented, and the charts break there.
- National totals are the sums of the regions, not the Ministry's total rows, which sometimes disagree.
- Landings: a day given by several reports takes the latest; rows with a date that does not exist (e.g. 31/04/2024)
  or a value that is not a number are refused and counted; days after the date of their report are not counted yet
  and are left out (the last month may be partial). Daily figures are provisional: counted at 08:00 and
  consolidated later.

**Updating.** A newer extract in the same format is loaded with `python manage.py reference load FILE`
(administrators): the same checks as the project uploads, all or nothing, a new data version.
"""},
    # The versions on the import page (views/importa.py)
    "import.kind.reference": {"it": "dati pubblici (Ministero dell'Interno)",
                              "en": "public data (Ministry of the Interior)"},
}
