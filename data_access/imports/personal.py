"""The personal-data guard: what looks like a fiscal code, an email address, a telephone number, a street address
or a person's name, in a cell, a header or a file's name. Such a file is refused and the value never repeated.

Fiscal codes: every code the Agenzia delle Entrate issues, *omocodia* included (where a code is already taken,
digits from the right are replaced by the letters L M N P Q R S T U V: RSSMRA85T10A56NH). A code with digits is
caught whatever its check character (a mistyped code is still a person's); a code written only with letters must
have a valid check character, so that a long word is not taken for one. No library is used: the maintained one on
PyPI (python-codicefiscale) validates codes and decodes birthplaces from a bundled list of comuni, while the guard
must catch invalid codes too; the rule is twenty lines, tested here against known codes.

Every pattern's repetitions are bounded (a test checks it), so a search costs at most a constant per character of
the text: a long cell cannot stall the check (issue 17: 45 s for one 120,000-character cell with the old e-mail
pattern). Callers look at a bounded prefix of a cell (data_access/imports/cells.py, ``CELL_MAX_CHARS``).
"""

from __future__ import annotations

import re

from config.labels import t
from config.phrases import Phrase
from data_access.contract import norm
from data_access.imports.text import invisible

OMOCODIA = "LMNPQRSTUV"  # the letters that stand for the digits 0-9 in an omocodia code
_D = f"[0-9{OMOCODIA}]"  # a digit, or its omocodia letter
FISCAL_CODE = re.compile(rf"(?<![A-Z0-9])[A-Z]{{6}}{_D}{{2}}[ABCDEHLMPRST]{_D}{{2}}[A-Z]{_D}{{3}}[A-Z](?![A-Z0-9])",
                         re.IGNORECASE)
PATTERNS = (
    (re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,190}"), "imports.personal.email"),
    (re.compile(r"(?<![\d-])(?:\+|00)?(?:39)?[ .]?(?:3\d{2}|0\d{1,3})[ ./-]?\d{3,4}[ ./-]?\d{3,4}(?![\d-])"),
     "imports.personal.phone"),
    (re.compile(r"\b(?:via|viale|piazza|p\.zza|corso|vicolo|largo|strada|contrada|localit[aà])\s{1,3}[^,;]{2,40}"
                r"(?:,\s{0,3}|\s{1,3})(?:n\.?\s{0,3})?\d{1,5}", re.IGNORECASE), "imports.personal.address"),
    (re.compile(r"\b(?:sig\.?(?:ra)?|signor[ae]?|dott\.?(?:ssa)?|nat[oa] il|nat[oa] a)\s", re.IGNORECASE),
     "imports.personal.person"),
)
HEADER_WORDS = {
    "nome", "nomi", "cognome", "cognomi", "nominativo", "name", "surname", "firstname", "lastname", "fiscale", "cf",
    "nascita", "nato", "nata", "birth", "dob", "telefono", "tel", "cellulare", "phone", "mobile", "email", "mail",
    "indirizzo", "address", "residenza", "domicilio", "note", "nota", "notes", "osservazioni", "commenti",
    "comments", "descrizione", "racconto", "nazionalita", "cittadinanza", "nationality", "passaporto",
    "documento", "permesso", "cup", "iban",
}

# The check character: the value of each character in an odd position (1st, 3rd...) and in an even one.
_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12,
                 14, 16, 10, 22, 25, 24, 23], strict=True))
_EVEN = {c: (int(c) if c.isdigit() else ord(c) - ord("A")) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def check_character(first15: str) -> str:
    """The 16th character of a fiscal code from its first fifteen."""
    total = sum((_ODD if i % 2 == 0 else _EVEN)[c] for i, c in enumerate(first15.upper()))
    return chr(ord("A") + total % 26)


def fiscal_code(text: str) -> bool:
    """Whether ``text`` holds something written like a fiscal code (omocodia included)."""
    for match in FISCAL_CODE.finditer(text):
        code = match.group().upper()
        if any(c.isdigit() for c in code) or check_character(code[:15]) == code[15]:
            return True
    return False


def personal(text: str) -> Phrase | None:
    """What ``text`` looks like if it looks like personal data ("un codice fiscale"...), else None."""
    if fiscal_code(text):
        return Phrase("imports.personal.fiscal_code")
    for pattern, key in PATTERNS:
        if pattern.search(text):
            return Phrase(key)
    return None


def personal_header(header: str) -> bool:
    """A header naming personal data (nome, codice fiscale, telefono, note...)."""
    return bool(set(norm(header).split("_")) & HEADER_WORDS)


def personal_file_name(file_name: str) -> Phrase | None:
    """What a file's name looks like if it holds personal data (RSSMRA85T10A562S_mario.rossi@example.com.csv):
    the name is checked without its extension, its separators read as spaces."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    return personal(file_name) or personal(re.sub(r"[_+]", " ", stem))


def safe_file_name(file_name: str) -> str:
    """A file's name as the audit trail may keep it: as it is, or a placeholder when it looks like personal data
    or holds a control character."""
    if personal_file_name(file_name) is not None or invisible(file_name) is not None:
        return t("imports.file.name_hidden")
    return file_name
