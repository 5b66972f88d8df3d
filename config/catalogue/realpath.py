"""The words of the real path (issue 14): an empty or partial database, data not sent, plausible protected figures,
changes and periods named (Italian first, English second)."""

TEXT: dict[str, dict[str, str]] = {
    # Missing is not zero (data_access.delivery)
    "realpath.not_sent": {"it": "nessun dato inviato", "en": "no data sent"},
    "realpath.gaps": {"it": "Nessun dato inviato per: {periods}", "en": "No data sent for: {periods}"},
    "realpath.noise_legend": {"it": "* pieno: sopra i posti entro il margine di protezione",
                              "en": "* full: above the places within the protection margin"},
    "realpath.nothing_sent": {"it": "Nessun dato inviato", "en": "No data sent"},
    "realpath.empty_table": {"it": "Nessuna riga da mostrare.", "en": "No rows to show."},
    "realpath.choose": {"it": "Scegliere", "en": "Choose"},
    "realpath.no_periods": {"it": "Nessun mese con dati: i periodi si potranno scegliere quando i progetti avranno "
                                  "inviato i dati mensili.",
                            "en": "No month with data: periods can be chosen once the projects have sent their "
                                  "monthly data."},
    "notice.no_months": {"it": "non si può scegliere: non ci sono ancora mesi con dati",
                         "en": "cannot be chosen: there are no months with data yet"},
    # What a page says when its tables are missing (views.layout.say_missing)
    "realpath.missing.none": {
        "it": "**Nessun dato inviato** per {territory}: {tables}.",
        "en": "**No data sent** for {territory}: {tables}."},
    "realpath.missing.period": {
        "it": "**Nessun dato inviato** per {territory} in {period}: {tables}.",
        "en": "**No data sent** for {territory} in {period}: {tables}."},
    "realpath.missing.last": {"it": "ultimo mese inviato: {month}", "en": "last month sent: {month}"},
    "realpath.missing.load": {
        "it": "Si possono caricare dalla pagina **Carica dati** (un file per tabella; i modelli sono lì).",
        "en": "They can be uploaded on the **Upload data** page (one file per table; the templates are there)."},
    "realpath.missing.load_projects_first": {
        "it": "Per cominciare caricare l'**anagrafica dei progetti** dalla pagina **Carica dati**, poi i file "
              "mensili dei progetti.",
        "en": "To begin, upload the **project register** on the **Upload data** page, then the projects' monthly "
              "files."},
    "realpath.missing.steward_projects": {
        "it": "L'anagrafica dei progetti non è ancora caricata: la carica l'amministratore; poi si potranno "
              "caricare i file mensili dei propri progetti dalla pagina **Carica dati**.",
        "en": "The project register is not loaded yet: the administrator loads it; then you can upload your "
              "projects' monthly files on the **Upload data** page."},
    "realpath.missing.wait": {
        "it": "I progetti non hanno ancora inviato questi dati: i numeri compariranno qui appena saranno caricati.",
        "en": "The projects have not sent these data yet: the figures will show here as soon as they are loaded."},
    "realpath.nothing_loaded": {
        "it": "**Nessun dato caricato.** Il cruscotto mostrerà i numeri quando i progetti avranno inviato i loro "
              "dati.",
        "en": "**No data loaded.** The dashboard will show figures once the projects have sent their data."},
    # Plausible protected figures (data_access.plausible)
    "realpath.full": {"it": "pieno", "en": "full"},
    "realpath.over": {"it": "{rate} (sovraffollato)", "en": "{rate} (overcrowded)"},
    "realpath.noise_note": {
        "it": "\\* **pieno**: le presenze pubblicate superano i posti di non più di {D}, il massimo spostamento che "
              "la protezione può dare a un conteggio. La differenza può essere tutta rumore: il progetto è pieno, "
              "non necessariamente sovraffollato, e il tasso si mostra come pieno (100%). Vedi Metodologia.",
        "en": "\\* **full**: the published presences exceed the places by no more than {D}, the largest shift "
              "protection can give a count. The difference may be all noise: the project is full, not necessarily "
              "overcrowded, and the rate shows as full (100%). See Methodology."},
    "realpath.over_note": {
        "it": "**Sovraffollato**: le presenze pubblicate superano i posti di più di {D}, più di quanto la protezione "
              "possa spostare un conteggio: le presenze reali sono sopra i posti.",
        "en": "**Overcrowded**: the published presences exceed the places by more than {D}, more than protection "
              "can shift a count: the true presences are above the places."},
    "realpath.col.margin": {"it": "Margine di protezione (±)", "en": "Protection margin (±)"},
    "realpath.margin_points": {"it": "±{value} punti", "en": "±{value} points"},
    "realpath.margin_note": {
        "it": "Margine di protezione: di quanto al massimo il tasso pubblicato può scostarsi da quello reale "
              "(±{D} presenze sui posti del progetto). Su un progetto piccolo è ampio: un calo o un aumento entro "
              "il margine può essere solo rumore.",
        "en": "Protection margin: how far at most the published rate may be from the true one (±{D} presences on "
              "the project's places). On a small project it is wide: a fall or a rise within it may be only noise."},
    # The meeting pack's summary
    "realpath.pack.caption_values": {"it": "{current_period}: {current}; {previous_period}: {previous}",
                                     "en": "{current_period}: {current}; {previous_period}: {previous}"},
    "realpath.not_computable": {"it": "{subject}: variazione non calcolabile",
                                "en": "{subject}: change not computable"},
    # Metodologia
    "realpath.method.title": {"it": "Presenze sopra i posti", "en": "Presences above the places"},
    "realpath.method.body": {
        "it": "La protezione sposta ogni conteggio di persone di al massimo **{D}**. Un progetto pieno fino "
              "all'ultimo posto può quindi pubblicare più presenze che posti: 13 posti e 13 persone possono "
              "diventare fino a {example} presenze, un tasso del {example_rate} che nessuno ha mai vissuto. Per non "
              "leggere il rumore come un fatto, e senza mai nascondere un vero sovraffollamento, il cruscotto segue "
              "una regola che usa solo i valori pubblicati, i posti (pubblici) e {D}:\n"
              "\n"
              "- presenze pubblicate **sopra i posti di non più di {D}**: il tasso si mostra **pieno\\*** (100%), le "
              "presenze mantengono il loro valore pubblicato con un asterisco, i posti liberi sono 0;\n"
              "- presenze pubblicate **sopra i posti di più di {D}**: nessun rumore può dare quella differenza, le "
              "presenze reali sono sopra i posti; il tasso si mostra com'è (oltre il 100%) con la parola "
              "**sovraffollato**;\n"
              "- negli altri casi i valori pubblicati come sono.\n"
              "\n"
              "Lo stesso limite dice quanto ci si può fidare di un tasso: con P posti il tasso pubblicato può "
              "scostarsi da quello reale di al massimo {D}/P (il **margine di protezione**, nella tabella dei "
              "progetti di Accoglienza). Con 13 posti è di ±{margin13} punti: un tasso che cambia di meno da un "
              "mese all'altro può essere solo rumore. Sui territori più grandi il margine si riduce.",
        "en": "Protection shifts every count of people by at most **{D}**. A project full to its last place can "
              "therefore publish more presences than places: 13 places and 13 people can become up to {example} "
              "presences, a rate of {example_rate} nobody ever lived. So that noise is not read as a fact, and a "
              "real overcrowding is never hidden, the dashboard follows a rule that uses only the published values, "
              "the (public) places and {D}:\n"
              "\n"
              "- presences published **above the places by no more than {D}**: the rate shows **full\\*** (100%), "
              "the presences keep their published value with an asterisk, free places are 0;\n"
              "- presences published **above the places by more than {D}**: no noise can make that difference, the "
              "true presences are above the places; the rate shows as it is (above 100%) with the word "
              "**overcrowded**;\n"
              "- otherwise the published values as they are.\n"
              "\n"
              "The same bound tells how far a rate can be trusted: with P places the published rate may be off the "
              "true one by at most {D}/P (the **protection margin**, in Reception's table of projects). With 13 "
              "places it is ±{margin13} points: a rate changing by less from one month to the next may be only "
              "noise. On larger territories the margin shrinks."},
    # The command line (cli/): data versions and their kinds in words
    "realpath.cli.no_version": {"it": "nessuna", "en": "none"},
    "realpath.cli.kind_count": {"it": "{kind}: {n}", "en": "{kind}: {n}"},
    "realpath.kind.demo": {"it": "dati dimostrativi", "en": "demo data"},
    "realpath.kind.import": {"it": "caricamenti", "en": "uploads"},
    "realpath.kind.rollback": {"it": "annullamenti", "en": "rollbacks"},
    "realpath.kind.demo_import": {"it": "caricamenti dimostrativi", "en": "demo uploads"},
    "realpath.kind.demo_rollback": {"it": "annullamenti dimostrativi", "en": "demo rollbacks"},
    "realpath.version_kind.demo": {"it": "dati demo", "en": "demo data"},
    "realpath.version_kind.import": {"it": "caricamento", "en": "upload"},
    "realpath.version_kind.rollback": {"it": "annullamento", "en": "rollback"},
    "realpath.version_kind.demo_import": {"it": "caricamento demo", "en": "demo upload"},
    "realpath.version_kind.demo_rollback": {"it": "annullamento demo", "en": "demo rollback"},
    "realpath.version_status.attiva": {"it": "attiva", "en": "active"},
    "realpath.version_status.annullata": {"it": "annullata", "en": "rolled back"},
}
