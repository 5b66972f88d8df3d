"""The roles of the dashboard, their labels and the pages each may open.

* ``amministratore``: manages users and sees every province, down to province level.
* ``prefettura`` and ``membro_tavolo``: the provinces given to the user (at least one).
* ``referente_dati``: uploads for their projects (at least one, from the projects table); sees the provinces where
  their projects have current data, plus any registered on the user (data_access.auth.access.scope_for).
* ``ospite``: only national and regional totals.
"""

from __future__ import annotations

from config.labels import t

AMMINISTRATORE = "amministratore"
REFERENTE_DATI = "referente_dati"
PREFETTURA = "prefettura"
MEMBRO_TAVOLO = "membro_tavolo"
OSPITE = "ospite"
ROLE_CODES = (AMMINISTRATORE, REFERENTE_DATI, PREFETTURA, MEMBRO_TAVOLO, OSPITE)


def role_label(role: str, lang: str = "it") -> str:
    """A role in words ("Membro del tavolo di lavoro"); an unknown role as it is."""
    return t(f"auth.role.{role}", lang) if role in ROLE_CODES else role


ROLES: dict[str, str] = {role: role_label(role) for role in ROLE_CODES}  # role -> Italian label
ROLES_WITH_PROVINCES = (PREFETTURA, MEMBRO_TAVOLO)  # provinces required
ROLES_WITHOUT_PROVINCES = (AMMINISTRATORE, OSPITE)  # provinces refused (they see everything / only totals)

ANALYTIC_PAGES = ("panoramica", "mappa", "accoglienza", "emersione", "servizi", "rete", "pacchetto")
PAGES_BY_ROLE: dict[str, tuple[str, ...]] = {  # role -> URL paths of the pages it may open (config/navigation.py)
    AMMINISTRATORE: (*ANALYTIC_PAGES, "segnalazioni", "note", "metodologia", "importa", "utenti", "registro"),
    PREFETTURA: (*ANALYTIC_PAGES, "segnalazioni", "note", "metodologia"),
    MEMBRO_TAVOLO: (*ANALYTIC_PAGES, "segnalazioni", "note", "metodologia"),
    REFERENTE_DATI: (*ANALYTIC_PAGES, "segnalazioni", "note", "metodologia", "importa"),
    # national and regional totals only: no network page (members and meetings are listed by province)
    # alerts: only the sharp changes of regional totals (data_access/alerts.py)
    OSPITE: ("panoramica", "mappa", "accoglienza", "emersione", "servizi", "pacchetto", "segnalazioni", "note",
             "metodologia"),
}
# "note": the notes on the charts (views/note.py); who writes them is data_access.annotations.WRITER_ROLES


def pages_for(role: str | None) -> tuple[str, ...]:
    """The pages a role may open (none for an unknown role)."""
    return PAGES_BY_ROLE.get(role or "", ())
