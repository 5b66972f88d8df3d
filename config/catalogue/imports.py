"""The words of file imports (data_access/imports, data_access/contract, presentation/import_files.py): why a file
cannot be read, the problem and the fix of every message of a check, the report's summary and headers, the
templates. Italian first (the command line and the report CSV use it), English second.

Problems start in lower case and fixes are completed into a sentence when a message is written as a line
("Errore - riga 3: problem. Fix."); placeholders in braces are filled in when the message is shown.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # Files that cannot be read as a table (data_access/imports/reading.py)
    "imports.file.empty": {
        "it": "Il file «{file}» è vuoto: compilare il modello e caricarlo di nuovo.",
        "en": "The file «{file}» is empty: fill in the template and upload it again."},
    "imports.file.too_big": {
        "it": "Il file «{file}» è troppo grande: {size} (limite {limit}). Dividerlo per periodo o per progetto e "
              "caricare le parti.",
        "en": "The file «{file}» is too big: {size} (limit {limit}). Split it by period or by project and upload "
              "the parts."},
    "imports.file.old_excel": {
        "it": "Il file «{file}» è nel vecchio formato Excel 97-2003 (.xls) o è un XLSX protetto da password: "
              "salvarlo come «Cartella di lavoro Excel (.xlsx)» senza password, o come CSV, e caricarlo di nuovo.",
        "en": "The file «{file}» is in the old Excel 97-2003 format (.xls) or is an XLSX protected by a password: "
              "save it as «Excel Workbook (.xlsx)» without a password, or as CSV, and upload it again."},
    "imports.file.pdf": {
        "it": "Il file «{file}» è un PDF, non un foglio di calcolo: caricare il modello CSV o XLSX compilato.",
        "en": "The file «{file}» is a PDF, not a spreadsheet: upload the filled-in CSV or XLSX template."},
    "imports.file.utf16": {
        "it": "Il file «{file}» è in codifica UTF-16 («testo Unicode»): salvarlo come «CSV UTF-8» o come XLSX e "
              "caricarlo di nuovo.",
        "en": "The file «{file}» is encoded as UTF-16 («Unicode text»): save it as «CSV UTF-8» or as XLSX and "
              "upload it again."},
    "imports.file.binary": {
        "it": "Il file «{file}» non è un foglio di calcolo (è un file binario): caricare un CSV o un XLSX.",
        "en": "The file «{file}» is not a spreadsheet (it is a binary file): upload a CSV or an XLSX."},
    "imports.file.csv_sheet": {
        "it": "Il file «{file}» è un CSV, che non ha fogli: togliere l'indicazione del foglio «{sheet}».",
        "en": "The file «{file}» is a CSV, which has no sheets: leave out the sheet «{sheet}»."},
    "imports.file.bad_utf8": {
        "it": "Il file «{file}» dichiara la codifica UTF-8 ma contiene un byte non valido alla posizione "
              "{position}: salvarlo di nuovo come «CSV UTF-8».",
        "en": "The file «{file}» declares the UTF-8 encoding but holds an invalid byte at position {position}: "
              "save it again as «CSV UTF-8»."},
    "imports.file.encoding": {
        "it": "Codifica del file «{file}» non riconosciuta (byte {byte} alla posizione {position}): salvarlo come "
              "«CSV UTF-8» o come XLSX.",
        "en": "Encoding of the file «{file}» not recognised (byte {byte} at position {position}): save it as "
              "«CSV UTF-8» or as XLSX."},
    "imports.file.web_page": {
        "it": "Il file «{file}» è una pagina web o un file XML, non un foglio di calcolo: caricare un CSV o un "
              "XLSX.",
        "en": "The file «{file}» is a web page or an XML file, not a spreadsheet: upload a CSV or an XLSX."},
    "imports.file.no_headers": {
        "it": "Il file «{file}» non contiene intestazioni né dati (solo commenti o righe vuote).",
        "en": "The file «{file}» holds neither headers nor data (only comments or blank lines)."},
    "imports.file.separator": {
        "it": "Il file «{file}» usa come separatore {separator}: salvarlo come CSV separato da punto e virgola (o "
              "da virgola) e caricarlo di nuovo.",
        "en": "The file «{file}» uses {separator} as separator: save it as CSV separated by semicolons (or by "
              "commas) and upload it again."},
    "imports.file.separator.tab": {"it": "la tabulazione", "en": "the tab"},
    "imports.file.separator.bar": {"it": "la barra verticale «|»", "en": "the vertical bar «|»"},
    "imports.file.too_many_rows": {
        "it": "Il file «{file}» ha più di {limit} righe di dati (il limite): dividerlo per periodo o per progetto.",
        "en": "The file «{file}» has more than {limit} data rows (the limit): split it by period or by project."},
    "imports.file.bad_csv": {
        "it": "Il file «{file}» non è un CSV leggibile (riga {row}: {problem}): salvarlo di nuovo come CSV dal "
              "foglio di calcolo.",
        "en": "The file «{file}» is not a readable CSV (row {row}: {problem}): save it again as CSV from the "
              "spreadsheet."},
    "imports.file.bad_xlsx": {
        "it": "Il file «{file}» non è un XLSX leggibile (danneggiato, protetto da password o di un altro tipo: "
              "{kind}): salvarlo di nuovo come XLSX o come CSV.",
        "en": "The file «{file}» is not a readable XLSX (damaged, protected by a password or of another kind: "
              "{kind}): save it again as XLSX or as CSV."},
    "imports.file.expands": {
        "it": "Il file «{file}» si espande oltre {limit} una volta aperto (è compresso in modo anomalo, forse per "
              "bloccare il server): salvarlo di nuovo come XLSX dal foglio di calcolo, o come CSV.",
        "en": "The file «{file}» expands beyond {limit} once opened (it is compressed abnormally, perhaps to block "
              "the server): save it again as XLSX from the spreadsheet, or as CSV."},
    "imports.file.no_sheet": {
        "it": "Il file «{file}» non ha un foglio «{sheet}»; fogli presenti: {sheets}.",
        "en": "The file «{file}» has no sheet «{sheet}»; its sheets: {sheets}."},
    "imports.file.bad_sheet": {
        "it": "Il foglio «{sheet}» del file «{file}» non si può leggere ({kind}): salvarlo di nuovo come XLSX o "
              "come CSV.",
        "en": "The sheet «{sheet}» of the file «{file}» cannot be read ({kind}): save it again as XLSX or as CSV."},
    "imports.file.empty_sheet": {"it": "Il foglio «{sheet}» del file «{file}» è vuoto.",
                                 "en": "The sheet «{sheet}» of the file «{file}» is empty."},
    "imports.file.personal_name": {
        "it": "Il nome del file sembra contenere dati personali ({what}): rinominare il file (per esempio "
              "accoglienza_2024-03.csv) e caricarlo di nuovo. Il nome non viene ripetuto né registrato.",
        "en": "The file's name seems to hold personal data ({what}): rename the file (for example "
              "accoglienza_2024-03.csv) and upload it again. The name is neither repeated nor recorded."},
    "imports.file.name_hidden": {"it": "(nome nascosto: possibile dato personale)",
                                 "en": "(name hidden: possibly personal data)"},
    "imports.file.control_name": {
        "it": "Il nome del file contiene un carattere di controllo: rinominare il file e caricarlo di nuovo.",
        "en": "The file's name holds a control character: rename the file and upload it again."},
    "imports.unknown_table": {"it": "Tabella sconosciuta «{table}»; ammesse: {tables}.",
                              "en": "Unknown table «{table}»; allowed: {tables}."},
    # How a file was read
    "imports.form.csv": {"it": "CSV, separatore {separator}, {encoding}", "en": "CSV, {separator} separator, "
                                                                              "{encoding}"},
    "imports.form.semicolon": {"it": "punto e virgola", "en": "semicolon"},
    "imports.form.comma": {"it": "virgola", "en": "comma"},
    "imports.form.utf8_bom": {"it": "UTF-8 con BOM", "en": "UTF-8 with BOM"},
    "imports.form.utf8": {"it": "UTF-8", "en": "UTF-8"},
    "imports.form.cp1252": {"it": "Windows-1252", "en": "Windows-1252"},
    "imports.form.xlsx": {"it": "XLSX, foglio «{sheet}»", "en": "XLSX, sheet «{sheet}»"},
    "imports.form.xlsx_of": {"it": "XLSX, foglio «{sheet}», uno di {n}; altri fogli: {others}",
                             "en": "XLSX, sheet «{sheet}», one of {n}; other sheets: {others}"},
    # Rows as read
    "imports.row.fields": {"it": "la riga ha {cells} campi, le intestazioni sono {headers}",
                           "en": "the row has {cells} fields, the headers are {headers}"},
    "imports.row.fields.fix": {"it": "togliere i valori oltre l'ultima colonna o aggiungere l'intestazione",
                               "en": "remove the values beyond the last column or add the header"},
    "imports.row.fields.fix_comma": {
        "it": "controllare il separatore: in un file separato da virgole i decimali vanno scritti con il punto o "
              "tra virgolette (meglio: usare il punto e virgola come separatore)",
        "en": "check the separator: in a file separated by commas, decimals are written with a point or in "
              "quotes (better: use the semicolon as separator)"},
    "imports.row.mixed_separator": {
        "it": "la riga è separata da {row_separator}, le intestazioni da {separator}",
        "en": "the row is separated by {row_separator}, the headers by {separator}"},
    "imports.row.mixed_separator.fix": {
        "it": "salvare di nuovo il file dal foglio di calcolo, con un solo separatore per tutte le righe",
        "en": "save the file again from the spreadsheet, with one separator for every row"},
    "imports.row.beyond_headers": {"it": "c'è un valore in una colonna senza intestazione",
                                   "en": "there is a value in a column without header"},
    "imports.row.beyond_headers.fix": {"it": "togliere il valore o aggiungere l'intestazione della colonna",
                                       "en": "remove the value or add the column's header"},
    # Headers (data_access/imports/checking.py)
    "imports.header.unnamed": {"it": "la colonna ha dati ma nessuna intestazione (celle unite?)",
                               "en": "the column has data but no header (merged cells?)"},
    "imports.header.unnamed.fix": {
        "it": "scrivere un'intestazione in ogni colonna della prima riga, senza unire celle",
        "en": "write a header in every column of the first row, without merging cells"},
    "imports.header.unnamed.fix_near": {
        "it": "scrivere un'intestazione in ogni colonna della prima riga, senza unire celle (vicino a: {near})",
        "en": "write a header in every column of the first row, without merging cells (next to: {near})"},
    "imports.header.personal": {
        "it": "l'intestazione sembra un dato personale (manca la riga delle intestazioni?)",
        "en": "the header looks like personal data (is the header row missing?)"},
    "imports.header.personal.fix": {
        "it": "la prima riga deve contenere le intestazioni del modello; nessun dato di persone nel file",
        "en": "the first row must hold the template's headers; no data about people in the file"},
    "imports.header.personal_column": {
        "it": "la colonna sembra contenere dati personali (nomi, codici fiscali, date di nascita, contatti, "
              "indirizzi o note)",
        "en": "the column seems to hold personal data (names, fiscal codes, dates of birth, contacts, addresses "
              "or notes)"},
    "imports.header.personal_column.fix": {"it": "togliere la colonna: il cruscotto accetta solo tabelle aggregate",
                                           "en": "remove the column: the dashboard accepts aggregate tables only"},
    "imports.header.extra_empty": {"it": "colonna non prevista e vuota: ignorata",
                                   "en": "unexpected, empty column: ignored"},
    "imports.header.extra_empty.fix": {"it": "si può togliere", "en": "it can be removed"},
    "imports.header.unknown": {"it": "colonna non prevista per questa tabella",
                               "en": "column not expected in this table"},
    "imports.header.unknown.allowed": {"it": "Colonne ammesse: {columns}", "en": "Allowed columns: {columns}"},
    "imports.header.repeated": {"it": "colonna ripetuta (già nella colonna {letter})",
                                "en": "repeated column (already in column {letter})"},
    "imports.header.repeated.fix": {"it": "tenere una sola colonna con questa intestazione",
                                    "en": "keep one column with this header"},
    "imports.header.missing": {"it": "mancano le colonne obbligatorie: {columns}",
                               "en": "required columns are missing: {columns}"},
    "imports.header.missing.fix": {"it": "partire dal modello della tabella", "en": "start from the table's template"},
    "imports.header.missing_all": {
        "it": "mancano le colonne obbligatorie: {columns} (nessuna intestazione riconosciuta nella prima riga)",
        "en": "required columns are missing: {columns} (no header recognised in the first row)"},
    "imports.header.missing_all.fix": {
        "it": "partire dal modello della tabella «{title}»: le intestazioni vanno nella prima riga, separate da "
              "punto e virgola o virgola",
        "en": "start from the template of the table «{title}»: the headers go in the first row, separated by "
              "semicolons or commas"},
    # The file as a whole
    "imports.personal_file": {"it": "il file sembra contenere dati personali: non viene caricato nulla",
                              "en": "the file seems to hold personal data: nothing is loaded"},
    "imports.personal_file.fix_columns": {"it": "togliere le colonne indicate e caricare di nuovo",
                                          "en": "remove the columns listed and upload again"},
    "imports.personal_file.fix_values": {"it": "togliere i dati indicati e caricare di nuovo",
                                         "en": "remove the data listed and upload again"},
    "imports.guess": {
        "it": "il file sembra della tabella «{title}»: le sue intestazioni sono quelle di quella tabella, non di "
              "«{chosen}»",
        "en": "the file seems to be of the table «{title}»: its headers are those of that table, not of «{chosen}»"},
    "imports.guess.fix": {"it": "scegliere «{title}» come tabella da caricare e controllare di nuovo il file",
                          "en": "choose «{title}» as the table to upload and check the file again"},
    "imports.guess.fix_admin": {
        "it": "la tabella «{title}» la carica solo un amministratore: inviargli il file",
        "en": "the table «{title}» is uploaded by an administrator only: send the file to one"},
    "imports.admin_table": {"it": "la tabella «{title}» la carica solo un amministratore",
                            "en": "the table «{title}» is uploaded by an administrator only"},
    "imports.admin_table.fix": {"it": "i referenti dati caricano i dati dei propri progetti",
                                "en": "data stewards upload the data of their own projects"},
    "imports.no_rows": {"it": "il file ha le intestazioni ma nessuna riga di dati",
                        "en": "the file has the headers but no data rows"},
    "imports.no_rows.fix": {"it": "aggiungere le righe sotto le intestazioni", "en": "add the rows below the headers"},
    "imports.more_rows": {"it": "{problem}: altre {n} righe con lo stesso problema",
                          "en": "{problem}: {n} more rows with the same problem"},
    "imports.more_rows.fix": {"it": "correggere allo stesso modo", "en": "correct them the same way"},
    # Cells (data_access/imports/cells.py)
    "imports.cell.missing": {"it": "valore mancante", "en": "missing value"},
    "imports.cell.missing.fix_zero": {"it": "scrivere 0 se non ci sono stati casi", "en": "write 0 if there were "
                                                                                         "no cases"},
    "imports.cell.missing.fix": {"it": "scrivere un valore ({values})", "en": "write a value ({values})"},
    "imports.cell.formula": {"it": "la cella contiene una formula di cui il file non ha salvato il valore",
                             "en": "the cell holds a formula whose value the file did not store"},
    "imports.cell.formula.fix": {
        "it": "aprire il file nel foglio di calcolo e salvarlo di nuovo (il valore viene calcolato), oppure "
              "copiare la colonna e incollare solo i valori",
        "en": "open the file in the spreadsheet and save it again (the value is computed), or copy the column and "
              "paste the values only"},
    "imports.cell.personal": {"it": "sembra {what}: il cruscotto accetta solo dati aggregati, mai dati di persone",
                              "en": "it looks like {what}: the dashboard accepts aggregate data only, never data "
                                    "about people"},
    "imports.cell.personal.fix": {"it": "togliere il dato dal file (il valore non viene ripetuto qui)",
                                  "en": "remove the datum from the file (the value is not repeated here)"},
    "imports.personal.fiscal_code": {"it": "un codice fiscale", "en": "a fiscal code"},
    "imports.personal.email": {"it": "un indirizzo email", "en": "an email address"},
    "imports.personal.phone": {"it": "un numero di telefono", "en": "a telephone number"},
    "imports.personal.address": {"it": "un indirizzo", "en": "a street address"},
    "imports.personal.person": {"it": "il nome o i dati di una persona", "en": "the name or details of a person"},
    "imports.cell.no_month": {"it": "il mese non esiste", "en": "the month does not exist"},
    "imports.cell.no_month.fix": {"it": "scrivere un mese da 01 a 12, per esempio 2024-03",
                                  "en": "write a month from 01 to 12, for example 2024-03"},
    "imports.cell.period": {"it": "il periodo non è scritto come AAAA-MM", "en": "the period is not written as "
                                                                                 "YYYY-MM"},
    "imports.cell.period.fix_hint": {"it": "scrivere {hint}", "en": "write {hint}"},
    "imports.cell.period.fix": {"it": "scrivere anno e mese come AAAA-MM, per esempio 2024-03",
                                "en": "write year and month as YYYY-MM, for example 2024-03"},
    "imports.cell.no_date": {"it": "la data non esiste", "en": "the date does not exist"},
    "imports.cell.no_date.fix": {"it": "controllare giorno e mese (GG/MM/AAAA)",
                                 "en": "check day and month (DD/MM/YYYY)"},
    "imports.cell.date": {"it": "la data non è nel formato AAAA-MM-GG né GG/MM/AAAA",
                          "en": "the date is neither in the form YYYY-MM-DD nor DD/MM/YYYY"},
    "imports.cell.date.fix": {"it": "scrivere per esempio 2024-03-31 o 31/03/2024",
                              "en": "write for example 2024-03-31 or 31/03/2024"},
    "imports.cell.not_number": {"it": "non è un numero", "en": "it is not a number"},
    "imports.cell.fix.whole": {"it": "scrivere un numero intero maggiore o uguale a 0",
                               "en": "write a whole number greater than or equal to 0"},
    "imports.cell.fix.whole_or_zero": {
        "it": "scrivere un numero intero maggiore o uguale a 0 (0 se non ci sono casi)",
        "en": "write a whole number greater than or equal to 0 (0 if there are no cases)"},
    "imports.cell.fix.zero_or_more": {"it": "scrivere un numero maggiore o uguale a 0 (0 se non ci sono casi)",
                                      "en": "write a number greater than or equal to 0 (0 if there are no cases)"},
    "imports.cell.fix.number": {"it": "scrivere un numero maggiore o uguale a 0",
                                "en": "write a number greater than or equal to 0"},
    "imports.cell.fix.number_decimal": {
        "it": "scrivere un numero maggiore o uguale a 0 (decimali con la virgola: 7,5)",
        "en": "write a number greater than or equal to 0 (decimals with a comma: 7,5)"},
    "imports.cell.decimals": {"it": "il numero ha decimali, ma qui si contano persone o unità",
                              "en": "the number has decimals, but people or units are counted here"},
    "imports.cell.decimals.fix": {"it": "scrivere un numero intero", "en": "write a whole number"},
    "imports.cell.negative": {"it": "il numero è negativo", "en": "the number is negative"},
    "imports.cell.ambiguous_point3": {
        "it": "numero ambiguo: con un punto e tre cifre si legge come {thousands} (il punto delle migliaia) o come "
              "{decimal} (il punto decimale inglese)",
        "en": "ambiguous number: with a point and three digits it reads as {thousands} (the point grouping "
              "thousands) or as {decimal} (the English decimal point)"},
    "imports.cell.ambiguous_comma3": {
        "it": "numero ambiguo: con una virgola e tre cifre si legge come {decimal} (la virgola decimale) o come "
              "{thousands} (la virgola inglese delle migliaia)",
        "en": "ambiguous number: with a comma and three digits it reads as {decimal} (the decimal comma) or as "
              "{thousands} (the English comma grouping thousands)"},
    "imports.cell.ambiguous.fix": {
        "it": "scrivere {thousands} (senza separatori) se sono migliaia, oppure {decimal} con la virgola decimale",
        "en": "write {thousands} (without separators) for thousands, or {decimal} with the decimal comma"},
    "imports.cell.english": {
        "it": "il numero è scritto all'inglese (la virgola per le migliaia, il punto per i decimali)",
        "en": "the number is written the English way (a comma for thousands, a point for decimals)"},
    "imports.cell.english.fix": {
        "it": "scrivere {digits} (decimali con la virgola) e controllare la lingua del foglio di calcolo: gli altri "
              "numeri del file potrebbero essere letti male",
        "en": "write {digits} (decimals with a comma) and check the spreadsheet's language: the other numbers of the "
              "file could be misread"},
    "imports.cell.scientific": {"it": "il numero è in notazione scientifica",
                                "en": "the number is in scientific notation"},
    "imports.cell.scientific.fix": {"it": "scrivere tutte le cifre: {digits}", "en": "write all the digits: {digits}"},
    "imports.cell.scientific.fix_long": {
        "it": "scrivere tutte le cifre (formattare la colonna come numero senza esponente)",
        "en": "write all the digits (format the column as a number without exponent)"},
    "imports.cell.too_big": {"it": "il numero è troppo grande per un dato mensile aggregato",
                             "en": "the number is too big for a monthly aggregate"},
    "imports.fix.check_value": {"it": "controllare il valore", "en": "check the value"},
    "imports.cell.province_code": {"it": "codice ISTAT di provincia inesistente",
                                   "en": "no province has this ISTAT code"},
    "imports.cell.province_code.fix": {
        "it": "scrivere il codice a tre cifre (per esempio 015 per Milano) o il nome della provincia",
        "en": "write the three-digit code (for example 015 for Milano) or the name of the province"},
    "imports.cell.province": {"it": "provincia non riconosciuta", "en": "province not recognised"},
    "imports.cell.province.fix": {"it": "scrivere il codice ISTAT a tre cifre, il nome o la sigla",
                                  "en": "write the three-digit ISTAT code, the name or the abbreviation"},
    "imports.fix.maybe": {"it": "forse: {choices}?", "en": "perhaps: {choices}?"},
    "imports.fix.maybe_then": {"it": "forse: {choices}? {then}", "en": "perhaps: {choices}? {then}"},
    "imports.fix.maybe_one_then": {"it": "forse «{choice}»? {then}", "en": "perhaps «{choice}»? {then}"},
    "imports.fix.allowed_values": {"it": "Valori ammessi: {values}", "en": "Allowed values: {values}"},
    "imports.fix.province_or_municipality": {"it": "controllare la provincia o il comune",
                                             "en": "check the province or the comune"},
    "imports.cell.municipality_code": {"it": "codice ISTAT di comune inesistente",
                                       "en": "no comune has this ISTAT code"},
    "imports.cell.municipality_code.fix": {"it": "scrivere il codice a sei cifre o il nome del comune",
                                           "en": "write the six-digit code or the name of the comune"},
    "imports.cell.municipality_elsewhere": {
        "it": "il comune non è nella provincia della riga ({province}), ma in: {provinces}",
        "en": "the comune is not in the row's province ({province}) but in: {provinces}"},
    "imports.cell.municipality": {"it": "comune non trovato nella provincia {province}",
                                  "en": "comune not found in the province {province}"},
    "imports.cell.municipality.fix": {"it": "scrivere il codice ISTAT a sei cifre o il nome",
                                      "en": "write the six-digit ISTAT code or the name"},
    "imports.cell.municipality_other": {
        "it": "il comune {municipality} è in provincia di {province}, non di {row_province}",
        "en": "the comune {municipality} is in the province of {province}, not of {row_province}"},
    "imports.cell.no_province": {"it": "il comune non si può controllare senza una provincia valida",
                                 "en": "the comune cannot be checked without a valid province"},
    "imports.cell.no_province.fix": {"it": "correggere la provincia", "en": "correct the province"},
    "imports.cell.project": {"it": "progetto non registrato", "en": "project not registered"},
    "imports.cell.project.fix": {
        "it": "I progetti si registrano caricando prima la tabella dei progetti (amministratore)",
        "en": "Projects are registered by uploading the projects table first (administrator)"},
    "imports.cell.not_your_project": {"it": "il progetto non è tra quelli assegnati al proprio profilo",
                                      "en": "the project is not among those assigned to your profile"},
    "imports.cell.not_your_project.fix": {
        "it": "caricare solo righe dei propri progetti o chiedere all'amministratore di assegnarlo",
        "en": "upload rows of your own projects only, or ask the administrator to assign it"},
    "imports.cell.code": {"it": "codice non ammesso", "en": "code not allowed"},
    "imports.cell.text_long": {
        "it": "testo troppo lungo ({length} caratteri; al massimo {limit}): sembra una nota libera",
        "en": "text too long ({length} characters; at most {limit}): it looks like a free note"},
    "imports.cell.text_long.fix": {"it": "scrivere un testo breve, senza dati di persone",
                                   "en": "write a short text, without data about people"},
    "imports.cell.project_code": {"it": "il codice contiene spazi o caratteri non ammessi",
                                  "en": "the code holds spaces or characters not allowed"},
    "imports.cell.project_code.fix": {
        "it": "usare lettere, cifre, punto, trattino e trattino basso (per esempio SAI-SONDRIO)",
        "en": "use letters, digits, point, hyphen and underscore (for example SAI-SONDRIO)"},
    "imports.cell.too_long": {"it": "valore troppo lungo ({length} caratteri; al massimo {limit})",
                              "en": "value too long ({length} characters; at most {limit})"},
    "imports.cell.too_long.fix": {"it": "scrivere in questa cella solo il valore della colonna",
                                  "en": "write only the column's value in this cell"},
    # Free text (data_access/imports/text.py)
    "imports.text.control": {
        "it": "il testo contiene un carattere di controllo o invisibile ({code})",
        "en": "the text holds a control or invisible character ({code})"},
    "imports.text.control.fix": {
        "it": "riscrivere il testo a mano, senza incollarlo da un altro programma",
        "en": "type the text again by hand, without pasting it from another program"},
    "imports.text.markup": {"it": "il testo contiene «{sign}», un segno di formattazione (markdown o HTML)",
                            "en": "the text holds «{sign}», a formatting sign (markdown or HTML)"},
    "imports.text.markup.fix": {"it": "togliere il segno o scriverlo a parole",
                                "en": "remove the sign or write it in words"},
    "imports.text.address": {"it": "il testo contiene un indirizzo web", "en": "the text holds a web address"},
    "imports.text.address.fix": {"it": "togliere l'indirizzo: qui va solo il nome",
                                 "en": "remove the address: only the name goes here"},
    "imports.text.leading": {"it": "il testo inizia con «{sign}» (formattazione o formula)",
                             "en": "the text starts with «{sign}» (formatting or a formula)"},
    "imports.text.leading.fix": {"it": "togliere il segno iniziale", "en": "remove the leading sign"},
    # Across rows and columns
    "imports.rows.duplicate": {"it": "riga duplicata: stessi valori di {columns} della riga {row}",
                               "en": "duplicate row: same values of {columns} as row {row}"},
    "imports.rows.duplicate.fix": {"it": "tenere una sola riga (o sommare i valori in una riga)",
                                   "en": "keep one row (or add up the values in one row)"},
    "imports.rows.future": {"it": "il periodo è nel futuro", "en": "the period is in the future"},
    "imports.rows.future.fix": {"it": "controllare anno e mese", "en": "check year and month"},
    "imports.rows.before_project": {"it": "il periodo è prima dell'inizio del progetto ({start})",
                                    "en": "the period is before the start of the project ({start})"},
    "imports.rows.after_project": {"it": "il periodo è dopo la fine del progetto ({end})",
                                   "en": "the period is after the end of the project ({end})"},
    "imports.rows.project_period.fix": {"it": "controllare periodo e progetto", "en": "check period and project"},
    "imports.rows.antitratta_comune": {
        "it": "per i progetti ANTITRATTA il comune non si indica (le case protette non si localizzano sotto la "
              "provincia)",
        "en": "ANTITRATTA projects give no comune (safe houses are not located below the province)"},
    "imports.rows.antitratta_comune.fix": {"it": "lasciare vuota la colonna comune",
                                           "en": "leave the comune column empty"},
    "imports.rows.occupied": {"it": "presenze superiori ai posti ({places})",
                              "en": "presences above the places ({places})"},
    "imports.rows.occupied.fix": {"it": "controllare: è possibile solo con posti aggiuntivi temporanei",
                                  "en": "check: it is possible only with temporary extra places"},
    "imports.rows.take_ins": {"it": "prese in carico superiori ai contatti ({contacts})",
                              "en": "take-ins above the contacts ({contacts})"},
    "imports.rows.take_ins.fix": {"it": "controllare: può accadere per invii da altri enti",
                                  "en": "check: it can happen with referrals from other bodies"},
    "imports.rows.new_contacts": {"it": "nuovi contatti superiori ai contatti ({contacts})",
                                  "en": "new contacts above the contacts ({contacts})"},
    "imports.rows.new_contacts.fix": {"it": "controllare: i nuovi contatti sono una parte dei contatti",
                                      "en": "check: the new contacts are part of the contacts"},
    "imports.rows.left_before_joined": {"it": "la data di uscita è prima della data di adesione",
                                        "en": "the date of leaving is before the date of joining"},
    "imports.rows.end_before_start": {"it": "la data di fine è prima della data di inizio",
                                      "en": "the end date is before the start date"},
    "imports.rows.dates.fix": {"it": "controllare le due date", "en": "check the two dates"},
    "imports.rows.completed_undated": {"it": "azione completata senza data di completamento",
                                       "en": "action completed without a completion date"},
    "imports.rows.completed_undated.fix": {"it": "aggiungere la data di completamento",
                                           "en": "add the completion date"},
    # Messages as lines, the report (data_access/imports/report.py)
    "imports.hidden": {"it": "(valore nascosto: possibile dato personale)",
                       "en": "(value hidden: possibly personal data)"},
    "imports.level.errore": {"it": "errore", "en": "error"},
    "imports.level.avviso": {"it": "avviso", "en": "warning"},
    "imports.where.row": {"it": "riga {row}", "en": "row {row}"},
    "imports.where.column": {"it": "colonna {column}", "en": "column {column}"},
    "imports.where.value": {"it": "valore «{value}»", "en": "value «{value}»"},
    "imports.report.level": {"it": "livello", "en": "level"},
    "imports.report.row": {"it": "riga", "en": "row"},
    "imports.report.column": {"it": "colonna", "en": "column"},
    "imports.report.value": {"it": "valore", "en": "value"},
    "imports.report.problem": {"it": "problema", "en": "problem"},
    "imports.report.fix": {"it": "come correggere", "en": "how to fix"},
    "imports.summary.head": {"it": "File «{file}» ({details}), tabella {table}: {rows} righe lette",
                             "en": "File «{file}» ({details}), table {table}: {rows} rows read"},
    "imports.summary.refused": {"it": "{head}; {errors} errori, {warnings} avvisi: nulla è stato caricato.",
                                "en": "{head}; {errors} errors, {warnings} warnings: nothing was loaded."},
    "imports.summary.checked": {"it": "{head}; nessun errore, {warnings} avvisi{preview}.",
                                "en": "{head}; no errors, {warnings} warnings{preview}."},
    "imports.summary.preview": {
        "it": "; da aggiungere {added}, da sostituire {replaced} (al posto di {current} righe attuali), invariate "
              "{unchanged}",
        "en": "; to add {added}, to replace {replaced} (instead of {current} current rows), unchanged {unchanged}"},
    # The import page's own words (views/importa.py; the rest are in screens.py)
    "import.col.english": {"it": "Intestazione inglese (accettata)", "en": "English header (accepted)"},
    "import.columns_english": {
        "it": "Le intestazioni si possono scrivere in italiano, come nei modelli, o con il nome inglese della "
              "colonna; maiuscole, spazi e accenti non contano.",
        "en": "Headers may be written in Italian, as in the templates, or with the column's English name; case, "
              "spaces and accents do not matter."},
    "import.guess_button": {"it": "Controlla il file come «{title}»", "en": "Check the file as «{title}»"},
    "import.figures": {"it": "Dati che cambiano, accanto a quelli attuali",
                       "en": "Figures that change, next to the current ones"},
    "import.figures_note": {
        "it": "Per progetto e mese (o per la chiave della tabella): il dato attuale, quello del file e la "
              "differenza; «—» dove non c'è ancora un dato. Solo i progetti che il proprio profilo può caricare.",
        "en": "By project and month (or by the table's key): the current figure, the file's and the change; «—» "
              "where there is no figure yet. Only the projects your profile may upload."},
    "import.load_refused": {
        "it": "Il file non è stato caricato: i dati sono cambiati dopo il controllo e il nuovo controllo ha trovato "
              "errori. Il file viene controllato di nuovo qui sotto.",
        "en": "The file was not loaded: the data changed after the check and the new check found errors. The file "
              "is checked again below."},
    # The upload limit against the server's ceiling (config/settings.py)
    "system.config.import_mb_ceiling": {
        "it": "{variable} ({megabytes:g} MB) deve restare sotto server.maxUploadSize ({ceiling:g} MB, "
              ".streamlit/config.toml): alzare quest'ultimo, perché i file più grandi del limite ricevano il "
              "messaggio del cruscotto (registrato) e non quello inglese di Streamlit.",
        "en": "{variable} ({megabytes:g} MB) must stay below server.maxUploadSize ({ceiling:g} MB, "
              ".streamlit/config.toml): raise the latter, so that files over the limit get the dashboard's message "
              "(recorded) and not Streamlit's English one."},
    # The preview's figures (presentation/import_files.py)
    "imports.figures.measure": {"it": "misura", "en": "measure"},
    "imports.figures.current": {"it": "dato attuale", "en": "current figure"},
    "imports.figures.new": {"it": "dato del file", "en": "figure in the file"},
    "imports.figures.change": {"it": "differenza", "en": "change"},
    "imports.figures.rows": {"it": "righe", "en": "rows"},
    # Loading and rolling back (data_access/imports/applying.py)
    "imports.apply.errors": {"it": "Il file ha errori: correggerli prima di caricare.",
                             "en": "The file has errors: correct them before loading."},
    "imports.worker.failed": {
        "it": "Il controllo o il caricamento del file si è interrotto senza risposta (codice {code}): nessun dato "
              "è cambiato. Riprovare; se si ripete, dividere il file in parti più piccole.",
        "en": "The check or the load of the file stopped without an answer (code {code}): no data changed. Try "
              "again; if it happens again, split the file into smaller parts."},
    "imports.rollback.admin_only": {"it": "Solo un amministratore può annullare un caricamento.",
                                    "en": "Only an administrator can roll back an upload."},
    # What a new upload replaces (data_access/contract.py, by replacement key)
    "imports.replace.project_code.period": {"it": "i dati dello stesso progetto e dello stesso mese",
                                            "en": "the data of the same project and the same month"},
    "imports.replace.province_code.organisation": {"it": "lo stesso ente nella stessa provincia",
                                                   "en": "the same body in the same province"},
    "imports.replace.province_code.date": {"it": "le riunioni della stessa provincia nella stessa data",
                                           "en": "the meetings of the same province on the same date"},
    "imports.replace.province_code.action_code": {"it": "l'azione con lo stesso codice nella stessa provincia",
                                                  "en": "the action with the same code in the same province"},
    "imports.replace.province_code.period": {"it": "la formazione della stessa provincia nello stesso mese",
                                             "en": "the training of the same province in the same month"},
    "imports.replace.project_code": {"it": "il progetto con lo stesso codice", "en": "the project with the same code"},
    # Templates (presentation/import_files.py)
    "imports.template.head": {"it": "Cruscotto territoriale - modello: {title} (tabella {table}).",
                              "en": "Territorial dashboard - template: {title} (table {table})."},
    "imports.template.rows": {
        "it": "Una riga per cella aggregata; nessun dato personale. Le righe che iniziano con # sono commenti.",
        "en": "One row per aggregate cell; no personal data. Lines starting with # are comments."},
    "imports.template.replaces": {"it": "Un nuovo caricamento sostituisce {rule}.",
                                  "en": "A new upload replaces {rule}."},
    "imports.template.column": {"it": "{header} ({need}): {description} Valori: {values}.",
                                "en": "{header} ({need}): {description} Values: {values}."},
    "imports.template.required": {"it": "obbligatoria", "en": "required"},
    "imports.template.optional": {"it": "facoltativa", "en": "optional"},
    "imports.template.example": {"it": "Esempio di riga: {row}", "en": "Example row: {row}"},
    "imports.template.sheet_title": {"it": "Modello: {title} (tabella {table})",
                                     "en": "Template: {title} (table {table})"},
    "imports.template.fill_in": {
        "it": "Compilare il foglio «{sheet}»: una riga per cella aggregata, le intestazioni nella prima riga.",
        "en": "Fill in the sheet «{sheet}»: one row per aggregate cell, the headers in the first row."},
    "imports.template.head.header": {"it": "intestazione", "en": "header"},
    "imports.template.head.values": {"it": "valori ammessi", "en": "allowed values"},
    "imports.template.head.description": {"it": "descrizione", "en": "description"},
    "imports.template.head.example": {"it": "esempio", "en": "example"},
    "imports.template.yes": {"it": "sì", "en": "yes"},
    "imports.template.no": {"it": "no", "en": "no"},
    "imports.template.example_row": {"it": "Riga di esempio", "en": "Example row"},
    "imports.template.data_sheet": {"it": "Dati", "en": "Data"},
    "imports.template.instructions_sheet": {"it": "Istruzioni", "en": "Instructions"},
    # The data contract: what each column holds (data_access/contract.py)
    "imports.column.period": {
        "it": "Mese dei dati, scritto AAAA-MM (per esempio 2024-03). Deve cadere tra l'inizio e la fine del progetto "
              "e non nel futuro.",
        "en": "Month of the data, written YYYY-MM (for example 2024-03). It must fall between the start and the end "
              "of the project, and not in the future."},
    "imports.column.province_code": {
        "it": "Provincia o città metropolitana: codice ISTAT a tre cifre (015), nome (Milano) o sigla (MI).",
        "en": "Province or metropolitan city: three-digit ISTAT code (015), name (Milano) or abbreviation (MI)."},
    "imports.column.project_code": {
        "it": "Codice del progetto, come registrato nell'anagrafica dei progetti (tabella projects).",
        "en": "Code of the project, as registered in the project register (table projects)."},
    "imports.column.projects.project_code": {
        "it": "Codice breve e stabile del progetto: lettere maiuscole, cifre e trattini (per esempio SAI-SONDRIO).",
        "en": "Short, stable code of the project: capital letters, digits and hyphens (for example SAI-SONDRIO)."},
    "imports.column.projects.name": {"it": "Denominazione del progetto.", "en": "Name of the project."},
    "imports.column.projects.programme": {"it": "Programma di finanziamento.", "en": "Funding programme."},
    "imports.column.projects.lead_body": {"it": "Ente titolare (per esempio il comune capofila).",
                                         "en": "Lead body (for example the lead comune)."},
    "imports.column.projects.managing_body": {"it": "Ente gestore.", "en": "Managing body."},
    "imports.column.projects.start_date": {"it": "Inizio delle attività: AAAA-MM-GG o GG/MM/AAAA.",
                                          "en": "Start of the activities: YYYY-MM-DD or DD/MM/YYYY."},
    "imports.column.projects.end_date": {"it": "Fine delle attività (vuota se in corso).",
                                        "en": "End of the activities (empty if ongoing)."},
    "imports.column.projects.funding_call": {"it": "Avviso o bando di finanziamento.",
                                            "en": "Funding call or tender."},
    "imports.column.capacity.municipality_code": {
        "it": "Comune della struttura: codice ISTAT a sei cifre (014061) o nome. Lasciare vuoto per i progetti "
              "ANTITRATTA (le case protette non si localizzano sotto la provincia).",
        "en": "Comune of the structure: six-digit ISTAT code (014061) or name. Leave it empty for ANTITRATTA "
              "projects (safe houses are not located below the province)."},
    "imports.column.capacity.target_group": {"it": "Gruppo di destinatari dei posti.",
                                            "en": "Group the places are meant for."},
    "imports.column.capacity.structures": {"it": "Strutture attive alla fine del mese.",
                                          "en": "Structures active at the end of the month."},
    "imports.column.capacity.places": {"it": "Posti attivi alla fine del mese.",
                                      "en": "Places active at the end of the month."},
    "imports.column.capacity.occupied": {"it": "Posti occupati (persone presenti) alla fine del mese.",
                                        "en": "Places taken (people present) at the end of the month."},
    "imports.column.outreach.channel": {"it": "Canale di contatto.", "en": "Contact channel."},
    "imports.column.outreach.exploitation": {"it": "Forma di sfruttamento.", "en": "Form of exploitation."},
    "imports.column.outreach.gender": {"it": "Genere delle persone.", "en": "Gender of the people."},
    "imports.column.outreach.age_group": {"it": "Fascia d'età.", "en": "Age group."},
    "imports.column.outreach.contacts": {"it": "Persone contattate nel mese.", "en": "People contacted in the month."},
    "imports.column.outreach.new_contacts": {"it": "Di cui contattate per la prima volta.",
                                            "en": "Of whom contacted for the first time."},
    "imports.column.outreach.assessments": {"it": "Colloqui di valutazione svolti.",
                                           "en": "Assessment interviews held."},
    "imports.column.outreach.potential_victims": {"it": "Potenziali vittime identificate.",
                                                 "en": "Potential victims identified."},
    "imports.column.outreach.referrals": {"it": "Invii ad altri servizi.", "en": "Referrals to other services."},
    "imports.column.outreach.take_ins": {"it": "Nuove prese in carico.", "en": "New take-ins."},
    "imports.column.outreach_activity.channel": {"it": "Canale (unità mobile, drop-in, sportello...).",
                                                "en": "Channel (mobile unit, drop-in, help desk...)."},
    "imports.column.outreach_activity.outings": {"it": "Uscite dell'unità mobile nel mese.",
                                                "en": "Outings of the mobile unit in the month."},
    "imports.column.outreach_activity.opening_days": {"it": "Giorni di apertura nel mese (drop-in, sportello).",
                                                     "en": "Opening days in the month (drop-in, help desk)."},
    "imports.column.services.service": {"it": "Servizio erogato.", "en": "Service delivered."},
    "imports.column.services.people": {"it": "Persone che hanno ricevuto il servizio nel mese.",
                                      "en": "People who received the service in the month."},
    "imports.column.services.hours": {"it": "Ore di servizio nel mese (decimali con la virgola: 7,5).",
                                     "en": "Hours of service in the month (decimals with a comma: 7,5)."},
    "imports.column.network_members.organisation": {
        "it": "Ente aderente alla rete o al tavolo (nome dell'ente, mai di una persona).",
        "en": "Body that is a member of the network or the tavolo (the body's name, never a person's)."},
    "imports.column.network_members.organisation_type": {"it": "Tipo di ente.", "en": "Kind of body."},
    "imports.column.network_members.joined": {"it": "Data di adesione: AAAA-MM-GG o GG/MM/AAAA.",
                                             "en": "Date of joining: YYYY-MM-DD or DD/MM/YYYY."},
    "imports.column.network_members.left": {"it": "Data di uscita dalla rete (vuota se aderisce ancora).",
                                           "en": "Date of leaving the network (empty if still a member)."},
    "imports.column.meetings.date": {"it": "Data della riunione: AAAA-MM-GG o GG/MM/AAAA.",
                                    "en": "Date of the meeting: YYYY-MM-DD or DD/MM/YYYY."},
    "imports.column.meetings.body": {"it": "Organismo riunito.", "en": "Body that met."},
    "imports.column.meetings.organisations_present": {"it": "Enti presenti.", "en": "Bodies present."},
    "imports.column.meetings.decisions": {"it": "Decisioni prese.", "en": "Decisions taken."},
    "imports.column.actions.action_code": {"it": "Codice dell'azione nel Piano di intervento locale.",
                                          "en": "Code of the action in the local action plan."},
    "imports.column.actions.title": {"it": "Titolo dell'azione (breve; nessun nome di persona).",
                                    "en": "Title of the action (short; no person's name)."},
    "imports.column.actions.lead_organisation_type": {"it": "Tipo di ente capofila dell'azione.",
                                                     "en": "Kind of body leading the action."},
    "imports.column.actions.status": {"it": "Stato dell'azione.", "en": "Status of the action."},
    "imports.column.actions.due_date": {"it": "Scadenza prevista.", "en": "Planned deadline."},
    "imports.column.actions.completed_date": {"it": "Data di completamento (se completata).",
                                             "en": "Date of completion (if completed)."},
    "imports.column.training.audience": {"it": "Destinatari della formazione.", "en": "Audience of the training."},
    "imports.column.training.courses": {"it": "Corsi svolti nel mese.", "en": "Courses held in the month."},
    "imports.column.training.hours": {"it": "Ore di formazione (decimali con la virgola).",
                                     "en": "Hours of training (decimals with a comma)."},
    "imports.column.training.participants": {"it": "Partecipanti.", "en": "Participants."},
    # What a column accepts, by kind
    "imports.allowed.period": {"it": "AAAA-MM", "en": "YYYY-MM"},
    "imports.allowed.province": {"it": "codice ISTAT, nome o sigla", "en": "ISTAT code, name or abbreviation"},
    "imports.allowed.municipality": {"it": "codice ISTAT o nome", "en": "ISTAT code or name"},
    "imports.allowed.project": {"it": "codice di un progetto registrato", "en": "code of a registered project"},
    "imports.allowed.count": {"it": "intero >= 0", "en": "whole number >= 0"},
    "imports.allowed.number": {"it": "numero >= 0 (virgola decimale)", "en": "number >= 0 (decimal comma)"},
    "imports.allowed.date": {"it": "AAAA-MM-GG o GG/MM/AAAA", "en": "YYYY-MM-DD or DD/MM/YYYY"},
    "imports.allowed.text": {"it": "testo (al massimo {limit} caratteri)", "en": "text (at most {limit} characters)"},
    # The data dictionary (docs/dizionario_dati.md)
    "imports.dictionary.title": {"it": "# Dizionario dei dati", "en": "# Data dictionary"},
    "imports.dictionary.intro": {
        "it": "Generato da `data_access/contract.py` con `python manage.py dictionary`; un test verifica che "
              "coincida con il codice e con i modelli. I modelli da compilare (CSV e XLSX) si scaricano dalla pagina "
              "*Carica dati* o con `python manage.py template TABELLA`.",
        "en": "Generated from `data_access/contract.py` by `python manage.py dictionary`; a test checks that it "
              "matches the code and the models. The templates to fill in (CSV and XLSX) are downloaded from the "
              "*Upload data* page or by `python manage.py template TABLE`."},
    "imports.dictionary.rules": {"it": "Regole comuni a tutti i file:", "en": "Rules common to every file:"},
    "imports.dictionary.rule.files": {
        "it": "- CSV separato da punto e virgola o da virgola, codifica UTF-8 (con o senza BOM) o Windows-1252; "
              "oppure XLSX (il primo foglio o quello indicato). Le righe che iniziano con `#` prima delle "
              "intestazioni sono commenti.",
        "en": "- CSV separated by semicolons or commas, encoded as UTF-8 (with or without BOM) or Windows-1252; or "
              "XLSX (the first sheet or the one given). Lines starting with `#` before the headers are comments."},
    "imports.dictionary.rule.headers": {
        "it": "- Intestazioni nella prima riga: in italiano (come nei modelli) o con i nomi inglesi del contratto; "
              "maiuscole, spazi e accenti non contano.",
        "en": "- Headers in the first row: in Italian (as in the templates) or with the contract's English names; "
              "case, spaces and accents do not matter."},
    "imports.dictionary.rule.counts": {
        "it": "- Conteggi: numeri interi maggiori o uguali a zero (2000 o 2.000). Ore: decimali con la virgola "
              "(7,5). Le forme accettate e rifiutate sono nella tabella «Come scrivere i numeri» in fondo.",
        "en": "- Counts: whole numbers greater than or equal to zero (2000 or 2.000). Hours: decimals with a comma "
              "(7,5). The accepted and refused forms are in the table «How to write numbers» at the end."},
    "imports.dictionary.rule.personal": {
        "it": "- Nessun dato personale: colonne o valori che sembrano nomi, codici fiscali, date di nascita, "
              "telefoni, email, indirizzi o note libere fanno rifiutare il file.",
        "en": "- No personal data: columns or values that look like names, fiscal codes, dates of birth, telephone "
              "numbers, emails, addresses or free notes make the file refused."},
    "imports.dictionary.rule.versions": {
        "it": "- Ogni caricamento è una versione dei dati, tutto o niente. Un nuovo caricamento sostituisce le "
              "righe attuali con la stessa chiave di sostituzione (indicata per ogni tabella); ricaricare lo stesso "
              "file non cambia nulla.",
        "en": "- Every upload is a data version, all or nothing. A new upload replaces the current rows with the "
              "same replacement key (given for each table); uploading the same file again changes nothing."},
    "imports.dictionary.numbers.title": {"it": "## Come scrivere i numeri", "en": "## How to write numbers"},
    "imports.dictionary.numbers.intro": {
        "it": "Come il controllo legge un numero scritto come testo (in un CSV, o in una cella di testo di un XLSX), "
              "in un conteggio (persone, posti, strutture: numeri interi) e in una quantità con decimali (ore). Il "
              "punto separa le migliaia e la virgola i decimali, come in Italia; un numero che le due convenzioni "
              "leggono in due modi diversi viene rifiutato con il modo di scriverlo. Il segno ␣ indica uno spazio.",
        "en": "How the check reads a number written as text (in a CSV, or in a text cell of an XLSX), in a count "
              "(people, places, structures: whole numbers) and in a quantity with decimals (hours). The point groups "
              "thousands and the comma starts the decimals, as in Italy; a number that the two conventions read "
              "differently is refused, with how to write it. The sign ␣ stands for a space."},
    "imports.dictionary.numbers.columns": {"it": "| scritto | conteggio | ore (decimali) |",
                                           "en": "| written | count | hours (decimals) |"},
    "imports.dictionary.numbers.refused": {"it": "rifiutato: {problem}", "en": "refused: {problem}"},
    "imports.dictionary.replace_key": {"it": "Chiave di sostituzione: {rule} ({keys}).",
                                       "en": "Replacement key: {rule} ({keys})."},
    "imports.dictionary.columns": {"it": "| intestazione | nome del contratto | obbligatoria | valori | descrizione |",
                                   "en": "| header | contract name | required | values | description |"},
}
