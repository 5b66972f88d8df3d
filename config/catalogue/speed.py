"""The words of speed (issue 20): what the warmer (data_access/warm.py) and the view cache
(presentation/view_cache.py) write in the server's log, for its operator. Italian first, English second.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "speed.log.warm_done": {"it": "preparazione: {scopes} ambiti in {seconds:.1f} s, {errors} errori",
                            "en": "warming: {scopes} scopes in {seconds:.1f} s, {errors} errors"},
    "speed.log.warm_query_failed": {"it": "preparazione: la domanda {query} non è riuscita per l'ambito {scope}",
                                    "en": "warming: the query {query} failed for the scope {scope}"},
    "speed.log.warm_scope_failed": {"it": "preparazione: l'ambito {scope} non è riuscito",
                                    "en": "warming: the scope {scope} failed"},
    "speed.log.warm_failed": {"it": "preparazione non riuscita", "en": "warming failed"},
    "speed.log.warm_check_failed": {"it": "preparazione: controllo della versione dei dati non riuscito",
                                    "en": "warming: the check of the data version failed"},
    "speed.log.warm_no_scope": {"it": "preparazione: nessun ambito per l'utente {user}",
                                "en": "warming: no scope for the user {user}"},
    "speed.log.warm_no_version": {"it": "preparazione: versione dei dati non leggibile ora",
                                  "en": "warming: the data version cannot be read now"},
    "speed.log.warm_nudge_failed": {"it": "preparazione: avviso non riuscito", "en": "warming: nudge failed"},
    "speed.log.chart_uncached": {"it": "grafico {chart} disegnato senza cache: nessuna chiave",
                                 "en": "chart {chart} drawn without the cache: no key"},
    "speed.log.result_changed": {"it": "una pagina ha modificato un risultato della cache condivisa (colonne:"
                                       " {columns}): le pagine impaginano, non modificano i risultati",
                                 "en": "a page changed a result of the shared cache (columns: {columns}): pages lay"
                                       " out, they do not change results"},
}
