"""The words of notes on the charts and of citable figures (issue 21): the notes' marks, table column and slide lines,
their page and its messages, and the identifiers and links under every figure (Italian first, English second)."""

TEXT: dict[str, dict[str, str]] = {
    # On a chart and in its table (presentation/charts.py: with_notes, table_view)
    "chart.note_legend": {"it": "Nota", "en": "Note"},
    "chart.note_number": {"it": "Nota n.", "en": "Note no."},
    "chart.note_column": {"it": "Note", "en": "Notes"},
    "annotations.line": {"it": "{number}. {when}, {place}: {text}", "en": "{number}. {when}, {place}: {text}"},
    "annotations.more": {"it": "… e altre {n} note (sul cruscotto, pagina Note)",
                         "en": "… and {n} more notes (on the dashboard, Notes page)"},
    # What a note may not hold, or a change that is not allowed (data_access/annotations.py)
    "annotations.error.territory": {"it": "Territorio della nota non valido.", "en": "Invalid territory for the note."},
    "annotations.error.empty": {"it": "Scrivere il testo della nota.", "en": "Write the text of the note."},
    "annotations.error.long": {
        "it": "La nota è lunga {n} caratteri: al massimo {limit}. Accorciarla (i dettagli vanno nel verbale).",
        "en": "The note is {n} characters long: at most {limit}. Shorten it (details belong in the minutes)."},
    "annotations.error.text": {"it": "La nota non è stata salvata: {problem}; {fix}.",
                               "en": "The note was not saved: {problem}; {fix}."},
    "annotations.fix.address": {"it": "togliere l'indirizzo web (un link si cita nel verbale)",
                                "en": "remove the web address (a link is cited in the minutes)"},
    "annotations.error.personal": {
        "it": "La nota non è stata salvata: sembra contenere {what}. Le note si vedono su ogni grafico del "
              "territorio e non possono contenere dati personali: riscriverla senza.",
        "en": "The note was not saved: it seems to hold {what}. Notes show on every chart of the territory and may "
              "not hold personal data: write it again without."},
    "annotations.error.month": {
        "it": "Mese «{month}» non valido: scriverlo come AAAA-MM (per esempio 2021-01).",
        "en": "Month «{month}» is not valid: write it as YYYY-MM (for example 2021-01)."},
    "annotations.error.month_range": {
        "it": "La data della nota deve essere tra {first} e {last}.",
        "en": "The date of the note must be between {first} and {last}."},
    "annotations.error.role": {
        "it": "Le note sui grafici le scrivono gli amministratori e la prefettura: questo utente può leggerle.",
        "en": "Notes on the charts are written by administrators and the prefecture: this user may read them."},
    "annotations.error.not_yours": {
        "it": "Questo territorio non è tra quelli su cui l'utente può scrivere note (province del suo ambito, una "
              "regione di cui le vede tutte, l'Italia solo per gli amministratori).",
        "en": "This territory is not among those the user may write notes on (provinces of their scope, a region "
              "whose provinces they all see, Italy for administrators only)."},
    "annotations.error.gone": {"it": "La nota non c'è più (eliminata nel frattempo): ricaricare la pagina.",
                               "en": "The note is gone (deleted meanwhile): reload the page."},
    "annotations.error.stale": {
        "it": "Nel frattempo la nota è stata modificata ({by}): ricaricare la pagina e rifare la modifica sulla "
              "versione nuova.",
        "en": "Meanwhile the note was changed ({by}): reload the page and make the change on the new version."},
    "annotations.error.unchanged": {"it": "Nessuna modifica da salvare.", "en": "Nothing changed to save."},
    # The audit trail
    "auth.event.annotation_added": {"it": "nota scritta", "en": "note written"},
    "auth.event.annotation_edited": {"it": "nota modificata", "en": "note edited"},
    "auth.event.annotation_deleted": {"it": "nota eliminata", "en": "note deleted"},
    # Citations (presentation/citations.py)
    "citations.text": {"it": "Rif. {id} · versione {version}", "en": "Ref. {id} · version {version}"},
    "citations.figure": {"it": "Fig. {number}", "en": "Fig. {number}"},
    "citations.config.base_url": {
        "it": "{variable} non è un indirizzo valido («{raw}»): scrivere l'indirizzo a cui gli utenti aprono il "
              "cruscotto, http:// o https:// con il nome del server (ed eventualmente un percorso), senza ? né #; "
              "predefinito {default}.",
        "en": "{variable} is not a valid address («{raw}»): write the address the users open the dashboard at, "
              "http:// or https:// with the server's name (and a path if any), without ? or #; default {default}."},
}

TEXT |= {
    # The sidebar of the analytic pages (views/layout.py)
    "annotations.sidebar": {"it": "Note sui grafici ({n})", "en": "Notes on the charts ({n})"},
    "annotations.sidebar_none": {"it": "Nessuna nota per questo territorio e periodo.",
                                 "en": "No note for this territory and period."},
    # The Note page (views/note.py)
    "page.note": {"it": "Note sui grafici", "en": "Notes on the charts"},
    "note.intro": {
        "it": "Una nota spiega un salto in un andamento: un territorio (una provincia, una regione o l'Italia), un "
              "mese o un giorno, e un testo breve (al massimo {limit} caratteri), per esempio «SAI Besozzo ridotto a "
              "13 posti». Ogni grafico nel tempo di quel territorio la mostra con un segno ▼ numerato (il testo al "
              "passaggio del mouse), la sua tabella nella colonna Note, le slide del pacchetto sotto il grafico.",
        "en": "A note explains a jump in a trend: a territory (a province, a region or Italy), a month or a day, and "
              "a short text (at most {limit} characters), for example «SAI Besozzo cut to 13 places». Every trend "
              "chart of that territory shows it with a numbered ▼ mark (the text on hovering), its table in the Notes "
              "column, the meeting pack's slides under the chart."},
    "note.new": {"it": "Nuova nota", "en": "New note"},
    "note.territory": {"it": "Territorio", "en": "Territory"},
    "note.date": {"it": "Data", "en": "Date"},
    "note.date_help": {"it": "Il giorno dell'evento; per una nota sul mese intero basta un giorno qualsiasi del mese.",
                       "en": "The day of the event; for a note on the whole month any day of the month will do."},
    "note.whole_month": {"it": "mese intero", "en": "whole month"},
    "note.text": {"it": "Testo della nota", "en": "Text of the note"},
    "note.text_help": {
        "it": "Testo semplice, senza dati personali (nomi, codici fiscali, indirizzi, telefoni, e-mail) né "
              "formattazione: la nota si vede su ogni grafico del territorio.",
        "en": "Plain text, without personal data (names, fiscal codes, addresses, phone numbers, e-mail) or "
              "formatting: the note shows on every chart of the territory."},
    "note.save": {"it": "Salva la nota", "en": "Save the note"},
    "note.added": {"it": "Nota salvata ({place}): compare sui grafici di quel territorio.",
                   "en": "Note saved ({place}): it shows on the charts of that territory."},
    "note.edited": {"it": "Modifica salvata: la versione precedente resta nella cronologia.",
                    "en": "Change saved: the previous version stays in the history."},
    "note.deleted": {"it": "Nota eliminata dai grafici: resta nella cronologia e nel registro accessi.",
                     "en": "Note removed from the charts: it stays in the history and the audit trail."},
    "note.no_places": {"it": "Nessun territorio su cui questo utente possa scrivere note.",
                       "en": "No territory this user may write notes on."},
    "note.readers": {
        "it": "Le note le scrivono gli amministratori e la prefettura; qui si leggono quelle dei territori del suo "
              "ambito.",
        "en": "Notes are written by administrators and the prefecture; here you read those of the territories of your "
              "scope."},
    "note.list": {"it": "Note dei territori del suo ambito", "en": "Notes of the territories of your scope"},
    "note.none": {"it": "Ancora nessuna nota per i territori del suo ambito.",
                  "en": "No note yet for the territories of your scope."},
    "note.col.date": {"it": "Data", "en": "Date"},
    "note.col.territory": {"it": "Territorio", "en": "Territory"},
    "note.col.text": {"it": "Testo", "en": "Text"},
    "note.col.author": {"it": "Scritta da", "en": "Written by"},
    "note.col.version": {"it": "Versione", "en": "Version"},
    "note.col.action": {"it": "Operazione", "en": "Action"},
    "note.col.at": {"it": "Quando (UTC)", "en": "When (UTC)"},
    "note.col.by": {"it": "Chi", "en": "Who"},
    "note.action.scritta": {"it": "scritta", "en": "written"},
    "note.action.modificata": {"it": "modificata", "en": "edited"},
    "note.action.eliminata": {"it": "eliminata", "en": "deleted"},
    "note.change": {"it": "Modifica o elimina una nota", "en": "Edit or delete a note"},
    "note.choose": {"it": "Nota", "en": "Note"},
    "note.save_edit": {"it": "Salva la modifica", "en": "Save the change"},
    "note.delete_confirm": {"it": "Sì, eliminare questa nota dai grafici",
                            "en": "Yes, remove this note from the charts"},
    "note.delete": {"it": "Elimina", "en": "Delete"},
    "note.delete_unconfirmed": {"it": "Per eliminare la nota spuntare prima la conferma.",
                                "en": "To delete the note, tick the confirmation first."},
    "note.history": {"it": "Cronologia della nota", "en": "History of the note"},
    "note.writers": {"it": "amministratori e prefettura", "en": "administrators and the prefecture"},
    "note.rules": {
        "it": "Chi scrive: {roles}, sulle province del proprio ambito, su una regione di cui si vedono tutte le "
              "province, sull'Italia gli amministratori. Chi legge: chi vede almeno una parte del territorio della "
              "nota. Ogni modifica resta nella cronologia e nel registro accessi.",
        "en": "Who writes: {roles}, on the provinces of their scope, on a region whose provinces they all see, on "
              "Italy the administrators. Who reads: whoever sees at least part of the note's territory. Every change "
              "stays in the history and the audit trail."},
    # Citations on screen (views/citing.py)
    "citations.caption": {"it": "{text} · [link permanente]({link})", "en": "{text} · [permanent link]({link})"},
    "citations.caption_cited": {"it": "**◆ Figura citata** · {caption}", "en": "**◆ Cited figure** · {caption}"},
    "citations.invalid": {
        "it": "Il riferimento {id} non corrisponde a questa vista (il link è stato modificato o è incompleto, o la "
              "pagina citata non è tra quelle del suo ruolo): i dati mostrati sono quelli attuali, non "
              "necessariamente quelli citati.",
        "en": "Reference {id} does not match this view (the link was changed or is incomplete, or the cited page is "
              "not among those of your role): the data shown are the current ones, not necessarily those cited."},
    "citations.opened": {
        "it": "Si apre la vista citata dal riferimento {id} (versione {version}): la figura citata è segnata con ◆ "
              "sotto di essa. Cambiando un filtro si torna ai dati attuali.",
        "en": "The view cited by reference {id} (version {version}) opens: the cited figure is marked with ◆ under "
              "it. Changing a filter goes back to the current data."},
    "citations.refused": {
        "it": "Il riferimento {id} non si può aprire: riguarda dati fuori dal suo ambito. {reasons}",
        "en": "Reference {id} cannot be opened: it concerns data outside your scope. {reasons}"},
    "citations.refused_other": {"it": "I filtri o la versione dei dati non sono quelli citati.",
                                "en": "The filters or the data version are not those cited."},
    "citations.open_page": {"it": "Aprire la pagina con i propri filtri", "en": "Open the page with your own filters"},
}
