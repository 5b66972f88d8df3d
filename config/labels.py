"""The label catalogue (Italian first, English second) and the one formatter for numbers and periods.

Pages never write user-facing strings themselves: they call :func:`t` with a key. A missing English label
falls back to Italian; a missing key raises, so a typo fails a test instead of showing a raw key.
"""

from __future__ import annotations

import math

LANGUAGES = ("it", "en")
MONTHS = {
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
MONTHS_SHORT = {
    "it": ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

CATALOGUE: dict[str, dict[str, str]] = {
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
    "app.no_data": {"it": "Nessun dato caricato. Eseguire `make run` oppure `python manage.py seed-demo`.",
                    "en": "No data loaded. Run `make run` or `python manage.py seed-demo`."},
    "app.source": {"it": "Fonte: dati aggregati dei progetti; dati al {date}; versione {version}",
                   "en": "Source: project aggregate data; data as of {date}; version {version}"},
    "app.credit": {"it": "Confini e popolazione: ISTAT, via openpolis (CC BY 4.0)",
                   "en": "Boundaries and population: ISTAT, via openpolis (CC BY 4.0)"},
    "app.small_note": {
        "it": "«<{k}» indica un valore positivo inferiore a {k}: per proteggere le persone il numero esatto non "
              "si mostra. I valori sono protetti con il Cell Key Method: i totali possono non coincidere con la "
              "somma delle parti.",
        "en": "\"<{k}\" marks a positive value below {k}: to protect people the exact number is not shown. "
              "Values are protected by the Cell Key Method: totals may differ from the sum of their parts."},
    "app.not_available": {"it": "n.d.", "en": "n/a"},
    # Pages
    "page.panoramica": {"it": "Panoramica", "en": "Overview"},
    "page.metodologia": {"it": "Metodologia", "en": "Methodology"},
    "page.mappa": {"it": "Mappa territoriale", "en": "Territory map"},
    "page.accoglienza": {"it": "Accoglienza", "en": "Reception"},
    "page.emersione": {"it": "Emersione e contatti", "en": "Outreach and identification"},
    "page.servizi": {"it": "Servizi", "en": "Services"},
    "page.rete": {"it": "Rete e tavolo", "en": "Network and working table"},
    # Filters
    "filter.header": {"it": "Filtri", "en": "Filters"},
    "filter.region": {"it": "Regione", "en": "Region"},
    "filter.province": {"it": "Provincia", "en": "Province"},
    "filter.all_regions": {"it": "Tutte le regioni", "en": "All regions"},
    "filter.all_provinces": {"it": "Tutte le province", "en": "All provinces"},
    "filter.unit": {"it": "Periodo per", "en": "Period by"},
    "filter.period": {"it": "Periodo", "en": "Period"},
    "filter.from": {"it": "Da", "en": "From"},
    "filter.to": {"it": "A", "en": "To"},
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
        "it": "Le cifre principali di {territory} per {period}, con la variazione rispetto a {previous}.",
        "en": "Headline figures for {territory}, {period}, with the change against {previous}."},
    "panoramica.snapshot": {"it": "Posti e presenze alla fine del periodo ({month}); contatti e prese in carico "
                                  "sommati sul periodo.",
                            "en": "Places and presences at the end of the period ({month}); contacts and "
                                  "take-ins summed over the period."},
    "panoramica.no_capacity": {"it": "Nessun dato di accoglienza nel periodo scelto.",
                               "en": "No reception data in the chosen period."},
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
- I valori da 1 a {js} non compaiono mai; i valori positivi sotto {k} si mostrano come **«<{k}»**. Lo zero resta zero.
- **I totali possono non coincidere con la somma delle parti**: ogni totale è protetto per conto suo. Non è un
  errore: sommare le parti non restituisce il numero vero, e il confronto tra due totali filtrati non svela una cella.
- Tassi e percentuali si calcolano su valori già protetti (o sulla popolazione residente, che è pubblica).
- I periodi si scelgono solo per mese, trimestre, anno o periodo di avviso; non si scende mai alle singole righe;
  posti e strutture delle case protette anti-tratta non si mostrano mai sotto il livello provinciale.

**Parametri in vigore:** rumore massimo D = {D}, varianza V = {V}, valori mai pubblicati 1..{js},
probabilità di nessun cambiamento {pstay}, soglia di visualizzazione k = {k}.
""",
        "en": """
The figures are **aggregate tables**: no row describes a person. A small count can still identify someone, so
**every count of people** is protected with the **Cell Key Method** (the European Statistical System's
perturbative method) before it is shown anywhere: each cell carries a random key derived from a server secret,
and the keys of the cells behind a figure choose a small noise (−{D} to +{D}), always the same for the same people.
The same figure asked twice, or from two pages, is the same; values 1..{js} never occur; positive values below
{k} show as **"<{k}"**; **totals need not equal the sum of their parts**; periods are whole months, quarters,
years or call periods only; protected shelters never show below province level.

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
    # Programmes
    "programme.SAI": {"it": "SAI", "en": "SAI"},
    "programme.CAS": {"it": "CAS", "en": "CAS"},
    "programme.ANTITRATTA": {"it": "Anti-tratta", "en": "Anti-trafficking"},
    "programme.FAMI": {"it": "FAMI", "en": "FAMI"},
    "programme.ALTRO": {"it": "Altro", "en": "Other"},
}


def t(key: str, lang: str = "it", **values) -> str:
    """The label for a key in a language, with {placeholders} filled in."""
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry["it"]
    return text.format(**values) if values else text


# --- Formatting (Italian conventions: 1.234,5) -----------------------------------------------------------------
def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))  # NaN, pd.NA
    except TypeError:
        return True


def fmt_number(value, decimals: int = 0, lang: str = "it") -> str:
    if _missing(value):
        return t("app.not_available", lang)
    text = f"{float(value):,.{decimals}f}"
    if lang == "it":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text


def fmt_count(value, small: bool = False, k: int = 5, lang: str = "it") -> str:
    """A published count: "<k" where it is below the threshold, "n.d." where missing."""
    if small:
        return f"<{k}"
    return fmt_number(value, 0, lang)


def fmt_percent(value, decimals: int = 1, lang: str = "it", signed: bool = False) -> str:
    if _missing(value):
        return t("app.not_available", lang)
    text = fmt_number(abs(value) * 100 if signed else value * 100, decimals, lang) + "%"
    if signed:
        text = ("+" if value > 0 else "−" if value < 0 else "±") + text
    return text


def fmt_month(month: str, lang: str = "it", short: bool = False) -> str:
    names = (MONTHS_SHORT if short else MONTHS)[lang]
    return f"{names[int(month[5:7]) - 1]} {month[:4]}"


def fmt_period(unit: str, key: str | None, lang: str = "it") -> str:
    """A period key in words: "marzo 2025", "1° trimestre 2025", "anno 2025", "avviso 5"."""
    if not key:
        return t("app.not_available", lang)
    if unit == "mese":
        return fmt_month(key, lang)
    if unit == "trimestre":
        return f"{key[-1]}° trimestre {key[:4]}" if lang == "it" else f"Q{key[-1]} {key[:4]}"
    if unit == "anno":
        return f"anno {key}" if lang == "it" else f"year {key}"
    number = key.split("-", 1)[1]
    return f"avviso {number}" if lang == "it" else f"call {number}"
