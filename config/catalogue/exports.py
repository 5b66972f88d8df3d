"""The words of the downloadable files: table and image footers, the meeting pack's fixed slides, the one-line
captions of its charts, and the messages of the exports (Italian first, English second).

The source line under every export is the screen's own (``app.source``, in ``screens.py``): one sentence for the
screen and the files alike.
"""

TEXT: dict[str, dict[str, str]] = {
    # Under tables and images: a published "<k" may hide a true count above k (up to k - 1 + D), so the note says
    # "after protection", never "1 to k-1".
    "export.small_note": {"it": "«<{k}»: valore protetto, meno di {k} dopo la protezione (vedi Metodologia)",
                          "en": "\"<{k}\": protected value, less than {k} after protection (see Methodology)"},
    "export.sheet": {"it": "Tabella", "en": "Table"},
    # The meeting pack's title slide, summary and methodology
    "export.territory": {"it": "Territorio: {territory}", "en": "Territory: {territory}"},
    "export.period": {"it": "Periodo: {period}", "en": "Period: {period}"},
    "export.data_version": {"it": "versione dei dati {version} (dati al {date})",
                            "en": "data version {version} (data as of {date})"},
    "export.built_on": {"it": "preparato il {date}", "en": "prepared on {date}"},
    "export.picture": {"it": "Grafico: {title}", "en": "Chart: {title}"},
    "export.summary": {"it": "Tabella di sintesi", "en": "Summary table"},
    "export.more_rows": {"it": "... e altre {n} righe", "en": "... and {n} more rows"},
    "export.more_row": {"it": "... e un'altra riga", "en": "... and 1 more row"},
    "export.methodology": {"it": "Metodologia e protezione dei dati", "en": "Methodology and data protection"},
    # The change of a measure on the previous period. {subject} is the measure and the place ("I posti occupati a
    # Sondrio"); Italian agrees the participle with it ({ending}: "i" or "e"), articulates "di" before the percentage
    # ({article}: "del ", "dell'", "dello ") and "a" before the period ({to_period}: "al mese", "all'anno"), from
    # presentation.grammar.
    "export.change.not_computable": {
        "it": "{subject}: variazione non calcolabile (valori non disponibili o protetti)",
        "en": "{subject}: change not computable (values not available or protected)"},
    "export.change.unchanged": {
        "it": "{subject} sono rimast{ending} invariat{ending} rispetto {to_period} precedente",
        "en": "{subject} were unchanged on the previous {period}"},
    "export.change.almost_unchanged": {
        "it": "{subject} sono rimast{ending} quasi invariat{ending} (meno dell'1%) rispetto {to_period} precedente",
        "en": "{subject} were almost unchanged (less than 1%) on the previous {period}"},
    "export.change.up": {"it": "{subject} sono aumentat{ending} {article}{percent} rispetto {to_period} precedente",
                         "en": "{subject} rose by {percent} on the previous {period}"},
    "export.change.down": {"it": "{subject} sono diminuit{ending} {article}{percent} rispetto {to_period} precedente",
                           "en": "{subject} fell by {percent} on the previous {period}"},
    # Messages
    "export.bad_format": {"it": "Formato immagine non supportato: «{fmt}». Formati disponibili: {formats}.",
                          "en": "Unsupported image format: \"{fmt}\". Available formats: {formats}."},
    "export.bad_png": {"it": "Immagine PNG non valida.", "en": "Not a valid PNG image."},
    "export.url_data": {"it": "Il grafico carica dati da un indirizzo ({url}) che l'esportazione non può leggere: "
                              "per una mappa passare la geometria con il parametro topojson.",
                        "en": "The chart loads data from an address ({url}) the export cannot read: for a map pass "
                              "the geometry with the topojson parameter."},
    "export.no_font": {"it": "Font per il PDF non trovato ({path}): installare il pacchetto Debian {package} "
                             "(apt-get install -y {package}).",
                       "en": "PDF font not found ({path}): install the Debian package {package} "
                             "(apt-get install -y {package})."},
}
