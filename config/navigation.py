"""The pages of the dashboard, in menu order: (file, label key, icon, URL path). app.py builds the navigation
from this list, keeping the pages of the user's role; the browser test walks it."""

PAGES: list[tuple[str, str, str, str]] = [
    ("views/panoramica.py", "page.panoramica", ":material/dashboard:", "panoramica"),
    ("views/segnalazioni.py", "page.segnalazioni", ":material/notifications:", "segnalazioni"),
    ("views/mappa.py", "page.mappa", ":material/map:", "mappa"),
    ("views/accoglienza.py", "page.accoglienza", ":material/home_work:", "accoglienza"),
    ("views/emersione.py", "page.emersione", ":material/travel_explore:", "emersione"),
    ("views/servizi.py", "page.servizi", ":material/volunteer_activism:", "servizi"),
    ("views/rete.py", "page.rete", ":material/hub:", "rete"),
    ("views/pacchetto.py", "page.pacchetto", ":material/slideshow:", "pacchetto"),
    ("views/note.py", "page.note", ":material/sticky_note_2:", "note"),
    ("views/metodologia.py", "page.metodologia", ":material/shield_lock:", "metodologia"),
    ("views/importa.py", "page.importa", ":material/upload_file:", "importa"),
    ("views/utenti.py", "page.utenti", ":material/manage_accounts:", "utenti"),
    ("views/registro.py", "page.registro", ":material/fact_check:", "registro"),
]
# Which role sees which page is decided by data_access.auth.PAGES_BY_ROLE, not here.
