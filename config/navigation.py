"""The pages of the dashboard, in menu order: (file, label key, icon, URL path). app.py builds the navigation
from this list, keeping the pages of the user's role; the browser test walks it."""

PAGES: list[tuple[str, str, str, str]] = [
    ("pages/panoramica.py", "page.panoramica", ":material/dashboard:", "panoramica"),
    ("pages/mappa.py", "page.mappa", ":material/map:", "mappa"),
    ("pages/accoglienza.py", "page.accoglienza", ":material/home_work:", "accoglienza"),
    ("pages/emersione.py", "page.emersione", ":material/travel_explore:", "emersione"),
    ("pages/servizi.py", "page.servizi", ":material/volunteer_activism:", "servizi"),
    ("pages/rete.py", "page.rete", ":material/hub:", "rete"),
    ("pages/pacchetto.py", "page.pacchetto", ":material/slideshow:", "pacchetto"),
    ("pages/metodologia.py", "page.metodologia", ":material/shield_lock:", "metodologia"),
    ("pages/importa.py", "page.importa", ":material/upload_file:", "importa"),
    ("pages/utenti.py", "page.utenti", ":material/manage_accounts:", "utenti"),
    ("pages/registro.py", "page.registro", ":material/fact_check:", "registro"),
]
# Which role sees which page is decided by data_access.auth.PAGES_BY_ROLE, not here.
