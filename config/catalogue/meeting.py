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
}
