"""The words of issue 19, "ready for the meeting" (Italian first, English second): the whole period in one click,
the saturation view (Panoramica, Accoglienza), the overdue actions first (Rete), charts that read at every scale
(the programme lines in small multiples, the 100% line, the map's classes and labels, the months without meetings,
training by audience year by year) and the meeting pack (captions over the whole range, the slides of the map, of
the overdue actions and of the meetings, the slides left out, the summary with its periods named)."""

TEXT: dict[str, dict[str, str]] = {
    # --- The filter bar: the whole period in one click -----------------------------------------------------------
    "meeting.filter.whole_period": {"it": "Tutto il periodo", "en": "Whole period"},
    "meeting.filter.whole_period_help": {
        "it": "Dal primo all'ultimo periodo con dati: i cambiamenti strutturali (un progetto ridotto, una nuova "
              "struttura) si vedono solo sull'intero periodo.",
        "en": "From the first to the last period with data: structural changes (a project cut, a new structure) "
              "show only over the whole period."},
    # --- The captions of the pack, written from the whole range (presentation/captions.py) ---------------------
    "meeting.caption.sentence": {"it": "{where}, {period}: {parts}.", "en": "{where}, {period}: {parts}."},
    "meeting.caption.from": {"it": "da", "en": "from"},
    "meeting.caption.in": {"it": "in", "en": "in"},
    "meeting.caption.at": {"it": "a", "en": "in"},
    "meeting.caption.change": {"it": "{name} da {first} a {last}", "en": "{name} from {first} to {last}"},
    "meeting.caption.same": {"it": "{name} sempre {value}", "en": "{name} always {value}"},
    "meeting.caption.back": {"it": "{name} {value} all'inizio e alla fine",
                            "en": "{name} {value} at the start and the end"},
    "meeting.caption.one": {"it": "{name} {value} ({period})", "en": "{name} {value} ({period})"},
    "meeting.caption.none": {"it": "{name}: nessun valore da mostrare", "en": "{name}: no value to show"},
    "meeting.caption.step": {"it": "{name} da {before} a {after} {since}",
                            "en": "{name} from {before} to {after} {since}"},
    "meeting.caption.largest": {"it": "{overall}, il cambiamento più grande da {before} a {after} {since}",
                                "en": "{overall}, the largest change from {before} to {after} {since}"},
    "meeting.caption.within_noise": {
        "it": "{overall} (da un periodo all'altro nessun cambiamento oltre il margine della protezione, ±{D})",
        "en": "{overall} (no change from one period to the next beyond the protection's margin, ±{D})"},
    "meeting.name.places": {"it": "posti", "en": "places"},
    "meeting.name.occupied": {"it": "presenze", "en": "presences"},
    "meeting.name.free_places": {"it": "posti liberi", "en": "free places"},
    "meeting.name.contacts": {"it": "contatti", "en": "contacts"},
    "meeting.name.referrals": {"it": "invii ad altri servizi", "en": "referrals"},
    "meeting.name.take_ins": {"it": "prese in carico", "en": "take-ins"},
    "meeting.name.assessments": {"it": "valutazioni", "en": "assessments"},
    "meeting.name.people": {"it": "persone raggiunte dai servizi", "en": "people reached by services"},
    "meeting.caption.meetings_subject": {"it": "riunioni", "en": "meetings"},
    "meeting.caption.meetings": {"it": "{where}, {period}: {n} riunioni ({bodies}); l'ultima {last}.",
                                 "en": "{where}, {period}: {n} meetings ({bodies}); the last {last}."},
    "meeting.caption.no_meetings": {"it": "{where}, {period}: nessuna riunione registrata.",
                                    "en": "{where}, {period}: no meeting recorded."},
    "meeting.caption.leaders": {"it": "Prime {level} per {measure}: {areas}.",
                                "en": "Leading {level} by {measure}: {areas}."},
    "meeting.caption.level.provincia": {"it": "province", "en": "provinces"},
    "meeting.caption.level.regione": {"it": "regioni", "en": "regions"},
    "meeting.caption.map_none": {"it": "Nessuna area con un valore da mostrare.",
                                "en": "No area with a value to show."},
    "meeting.caption.saturation_subject": {"it": "saturazione", "en": "saturation"},
    "meeting.caption.saturation": {"it": "{where}, {when}: {parts}.", "en": "{where}, {when}: {parts}."},
    "meeting.caption.saturation_level.full": {"it": "al 95% o più: {n} ({names})",
                                              "en": "at 95% or more: {n} ({names})"},
    "meeting.caption.saturation_level.near": {"it": "tra il 90% e il 95%: {n} ({names})",
                                              "en": "between 90% and 95%: {n} ({names})"},
    "meeting.caption.saturation_none.full": {"it": "nessuno al 95% o più", "en": "none at 95% or more"},
    "meeting.caption.saturation_none.near": {"it": "nessuno tra il 90% e il 95%", "en": "none between 90% and 95%"},
    "meeting.caption.more": {"it": " e altri {n}", "en": " and {n} more"},
    # --- The saturation view (Panoramica, Accoglienza) -------------------------------------------------------------
    "meeting.chart.saturation": {"it": "Saturazione dei progetti, {territory}, {period}",
                                 "en": "Saturation of the projects, {territory}, {period}"},
    "meeting.chart.saturation_areas": {"it": "Saturazione per territorio, {territory}, {period}",
                                       "en": "Saturation by area, {territory}, {period}"},
    "meeting.level.full": {"it": "saturo (95% o più)", "en": "full (95% or more)"},
    "meeting.level.near": {"it": "quasi saturo (90-95%)", "en": "nearly full (90-95%)"},
    "meeting.level.below": {"it": "sotto il 90%", "en": "below 90%"},
    "meeting.level.unknown": {"it": "n.d. (presenze protette o senza posti)",
                              "en": "n/a (protected presences or no places)"},
    "meeting.saturation.snapshot": {"it": "Fotografia a {month}: i più pieni in alto",
                                   "en": "As of {month}: fullest first"},
    # --- Charts that read at every scale --------------------------------------------------------------------------
    "meeting.chart.full_line": {"it": "100%: tutti i posti occupati", "en": "100%: every place taken"},
    "meeting.chart.own_scale": {
        "it": "Ogni riquadro ha la sua scala: si confrontano andamenti e cambiamenti, le cifre sono sugli assi e "
              "nella tabella",
        "en": "Each panel has its own scale: compare shapes and changes; the figures are on the axes and in the "
              "table"},
    "meeting.chart.whole_years": {
        "it": "Anni interi, anche dove l'intervallo scelto ne copre solo una parte (totali solo su periodi ammessi)",
        "en": "Whole years, also where the chosen range covers part of one (totals over allowed periods only)"},
    "meeting.map.with_structures": {"it": "{text} · {n} strutture", "en": "{text} · {n} structures"},
    "meeting.map.classes_quantile": {"it": "classi per quantili", "en": "quantile classes"},
    "meeting.map.classes_fixed": {"it": "classi: <90%, 90-95%, ≥95%", "en": "classes: <90%, 90-95%, ≥95%"},
    # --- The pack's new slides -------------------------------------------------------------------------------------
    "pack.choice.saturazione": {"it": "Saturazione dei progetti", "en": "Saturation of the projects"},
    "pack.choice.mappa": {"it": "Mappa del territorio", "en": "Map of the territory"},
    "pack.choice.riunioni": {"it": "Riunioni del tavolo e della rete", "en": "Meetings of the tavolo and the network"},
    "pack.choice.ritardi": {"it": "Azioni del Piano in ritardo", "en": "Overdue actions of the plan"},
    "meeting.slide.overdue": {"it": "Azioni del Piano di intervento locale in ritardo, {territory}, al {date}",
                              "en": "Overdue actions of the local action plan, {territory}, on {date}"},
    "meeting.caption.overdue": {
        "it": "{where} {n} azioni del Piano su {total} sono in ritardo al {date}; la più in ritardo: {code}, "
              "scaduta il {due} ({days} giorni).",
        "en": "{where} {n} of the plan's {total} actions are overdue on {date}; the most overdue: {code}, due on "
              "{due} ({days} days)."},
    "meeting.pack.left_out": {"it": "Lasciate fuori perché senza dati: {slides}",
                              "en": "Left out for lack of data: {slides}"},
    "meeting.pack.file": {"it": "pacchetto-riunione", "en": "meeting-pack"},
    "meeting.pack.slides": {"it": "Le slide del pacchetto ({n}), con le didascalie",
                            "en": "The pack's slides ({n}), with their captions"},
    "meeting.pack.left_out_page": {
        "it": "Lasciate fuori dal pacchetto perché senza dati per il territorio e il periodo scelti: {slides}.",
        "en": "Left out of the pack for lack of data for the chosen territory and period: {slides}."},
    "meeting.pack.nothing": {"it": "Nessuna delle slide scelte ha dati per il territorio e il periodo scelti.",
                             "en": "None of the chosen slides has data for the chosen territory and period."},
    "meeting.saturation.title": {"it": "Saturazione dell'accoglienza a {month}",
                                 "en": "Saturation of reception in {month}"},
    "meeting.saturation.col.level": {"it": "Stato", "en": "Status"},
    "meeting.saturation.summary": {  # labels, not sentences: "1 progetti" never written
        "it": "Progetti saturi (95% o più): **{full}** · quasi saturi (90-95%): **{near}** · in tutto: {total}. I più "
              "pieni in alto.",
        "en": "Projects full (95% or more): **{full}** · nearly full (90-95%): **{near}** · in all: {total}. The "
              "fullest first."},
    "meeting.saturation.summary_programmes": {
        "it": "Programmi per territorio saturi (95% o più): **{full}** · quasi saturi (90-95%): **{near}** · in tutto: "
              "{total}. I più pieni in alto.",
        "en": "Programmes by area full (95% or more): **{full}** · nearly full (90-95%): **{near}** · in all: {total}. "
              "The fullest first."},
    "meeting.saturation.none": {"it": "Nessun dato di accoglienza per il periodo scelto.",
                                "en": "No reception data for the chosen period."},
    "meeting.saturation.tab.projects": {"it": "Progetti", "en": "Projects"},
    "meeting.saturation.tab.programmes": {"it": "Programmi per territorio", "en": "Programmes by area"},
    "meeting.saturation.tab.areas": {"it": "Territori", "en": "Areas"},
    "meeting.saturation.more": {"it": "Altri {n} sotto il 90%: l'elenco intero è su Accoglienza.",
                                "en": "{n} more below 90%: the full list is on Accoglienza."},
    # --- Rete: the overdue actions first ---------------------------------------------------------------------------
    "meeting.rete.overdue_title": {"it": "Azioni del Piano in ritardo al {date}: {n} su {total}",
                                   "en": "Plan actions overdue on {date}: {n} of {total}"},
    "meeting.rete.none_overdue": {"it": "Nessuna azione del Piano in ritardo al {date}.",
                                  "en": "No action of the plan overdue on {date}."},
    "meeting.rete.training_years": {
        "it": "Per destinatari, la formazione si mostra anno per anno su tutto l'intervallo: ogni anno è un periodo "
              "intero (corsi e ore non sono persone, i partecipanti sì e restano protetti; un totale su mesi scelti "
              "liberamente permetterebbe di annullare la protezione, vedi Metodologia).",
        "en": "By audience, training shows year by year over the whole range: each year is a whole period (courses "
              "and hours are not people, participants are and stay protected; a total over freely chosen months "
              "could undo the protection, see Methodology)."},
}
