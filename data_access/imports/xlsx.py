"""An XLSX file looked at as the zip archive it is, before any reader expands it: how much it would expand to
(a zip bomb of 1.5 MB can hold 1.5 GB of XML), its sheets' names, and the cells holding a formula without a stored
value.

:func:`check_expansion` inflates every member itself, in chunks of at most :data:`CHUNK` bytes, counting what comes
out and stopping as soon as the total passes the limit: the declared sizes of a zip can lie, the deflate stream
cannot. Memory stays within a chunk whatever the archive holds. Only then does calamine read the workbook
(reading.py).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from xml.etree import ElementTree

from config.phrases import Figure, Phrase
from data_access.imports.report import FileProblem

CHUNK = 1 << 20  # bytes of inflated output at a time
EXPANSION = 10  # an XLSX may expand to ten times the size limit of an upload (XML compresses 5-20 times)
MIN_EXPANDED = 64 << 20  # ...and always to 64 MB (small limits in tests and configurations)
MAX_MEMBERS = 10_000
MAX_XML = 8 << 20  # the largest workbook.xml or relationships file read for the sheet names
LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def expanded_limit(max_bytes: int) -> int:
    """The most an XLSX upload may expand to."""
    return max(max_bytes * EXPANSION, MIN_EXPANDED)


def _archive(data: bytes, file_name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise FileProblem(Phrase("imports.file.bad_xlsx", file=file_name, kind=type(exc).__name__)) from None


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The compressed bytes of a member, located from its local header (no copy)."""
    fields = LOCAL_HEADER.unpack_from(data, info.header_offset)
    if fields[0] != b"PK\x03\x04":
        raise zipfile.BadZipFile(info.filename)  # no local header where the directory says
    start = info.header_offset + LOCAL_HEADER.size + fields[9] + fields[10]
    return memoryview(data)[start:start + info.compress_size]


def _inflated_size(raw: memoryview, method: int, budget: int) -> int:
    """The size a member inflates to, counted chunk by chunk; stops (returning more than ``budget``) as soon as
    it passes ``budget``."""
    if method == zipfile.ZIP_STORED:
        return len(raw)
    if method != zipfile.ZIP_DEFLATED:
        raise zipfile.BadZipFile(f"compression {method}")
    inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    for start in range(0, len(raw), CHUNK):
        pending = raw[start:start + CHUNK]
        while pending:
            size += len(inflate.decompress(pending, CHUNK))
            if size > budget:
                return size
            pending = inflate.unconsumed_tail
    return size + len(inflate.flush())


def check_expansion(data: bytes, file_name: str, max_bytes: int) -> None:
    """Refuse an XLSX that would expand beyond :func:`expanded_limit` (FileProblem), before anything reads it."""
    limit = expanded_limit(max_bytes)
    archive = _archive(data, file_name)
    infos = archive.infolist()
    too_big = FileProblem(Phrase("imports.file.expands", file=file_name, limit=Figure(limit / (1 << 20), 0, " MB")))
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > limit:
        raise too_big
    total = 0
    try:
        for info in infos:
            total += _inflated_size(_raw_member(data, info), info.compress_type, limit - total)
            if total > limit:
                raise too_big
    except (zipfile.BadZipFile, zlib.error, struct.error) as exc:
        raise FileProblem(Phrase("imports.file.bad_xlsx", file=file_name, kind=type(exc).__name__)) from None


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML:
        return None
    with archive.open(info) as member:
        return ElementTree.fromstring(member.read(MAX_XML + 1)[:MAX_XML])


def sheet_paths(data: bytes) -> dict[str, str]:
    """Sheet name -> the path of its XML in the archive, in the workbook's order ({} when unreadable)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        workbook = _xml(archive, "xl/workbook.xml")
        rels = _xml(archive, "xl/_rels/workbook.xml.rels")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, ElementTree.ParseError, zlib.error):
        return {}
    if workbook is None:
        return {}
    targets = {} if rels is None else {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", NS)}
    paths = {}
    for sheet in workbook.findall("m:sheets/m:sheet", NS):
        target = targets.get(sheet.get(f"{{{NS['r']}}}id"), "")
        paths[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return paths


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def formula_cells(data: bytes, sheet: str) -> frozenset[str]:
    """The cells of a sheet (A1 references) that hold a formula without a stored value: a reader sees them empty
    (a file written by a program that does not compute formulas, or saved without recalculation)."""
    path = sheet_paths(data).get(sheet)
    if not path:
        return frozenset()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        with archive.open(path) as member:
            if not _has_formula(member):
                return frozenset()
        with archive.open(path) as member:
            return frozenset(_formulas_without_value(member))
    except (KeyError, zipfile.BadZipFile, OSError, ElementTree.ParseError, zlib.error):
        return frozenset()


def _has_formula(member) -> bool:
    """Whether the sheet's XML has a formula element at all (a fast scan, chunk by chunk)."""
    tail = b""
    while chunk := member.read(CHUNK):
        if _FORMULA.search(tail + chunk):
            return True
        tail = chunk[-8:]
    return False


def _formulas_without_value(member):
    cell, formula, value = f"{{{NS['m']}}}c", f"{{{NS['m']}}}f", f"{{{NS['m']}}}v"
    for _, element in ElementTree.iterparse(member):
        if element.tag == cell:
            stored = element.find(value)
            if element.find(formula) is not None and (stored is None or not stored.text):
                yield element.get("r", "")
            element.clear()
