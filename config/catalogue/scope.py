"""Words of data_access.scope: the messages of a period that does not fit its unit (PeriodError)."""

TEXT: dict[str, dict[str, str]] = {
    "period_error.unit": {"it": "Unità di periodo sconosciuta: {unit!r}.", "en": "Unknown period unit: {unit!r}."},
    "period_error.unit_allowed": {
        "it": "Unità di periodo sconosciuta: {unit!r} (ammesse: {allowed}).",
        "en": "Unknown period unit: {unit!r} (allowed: {allowed})."},
    "period_error.reversed": {
        "it": "Il periodo iniziale {start} è successivo a quello finale {end}.",
        "en": "The first period {start} comes after the last one {end}."},
    "period_error.month": {
        "it": "Mese non valido: {period!r} (formato AAAA-MM, per esempio 2025-03).",
        "en": "Invalid month: {period!r} (format YYYY-MM, for example 2025-03)."},
    "period_error.quarter": {
        "it": "Trimestre non valido: {period!r} (formato AAAA-Tn, per esempio 2025-T1).",
        "en": "Invalid quarter: {period!r} (format YYYY-Tn, for example 2025-T1)."},
    "period_error.year": {
        "it": "Anno non valido: {period!r} (formato AAAA, per esempio 2025).",
        "en": "Invalid year: {period!r} (format YYYY, for example 2025)."},
    "period_error.call": {
        "it": "Periodo di avviso sconosciuto: {period!r} (ammessi: {allowed}).",
        "en": "Unknown call period: {period!r} (allowed: {allowed})."},
}
