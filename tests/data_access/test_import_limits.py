"""What an upload may cost the server (issue 17): an XLSX zip bomb is refused before anything expands it, with the
memory of the process measured (not the time); archives whose declared sizes lie are measured by what they
inflate to; sheet names are read without expanding the workbook; and the check and the load run in a process of
their own (data_access/imports/worker.py), whose answers are the same as the check's, whose refusals are recorded,
and whose death is said in Italian.
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from config import settings
from data_access import imports
from data_access.imports import reading, worker, xlsx
from tests.data_access import test_imports as base
from tests.data_access.test_imports import CAP_H, audit, cap, cap_row, current_rows, snapshot, xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]
MB = 1 << 20
db_engine = base.db_engine

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKBOOK_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                    f'Type="{OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{OFFICE_RELS}">'
                        '<sheets><sheet name="Dati" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
                                   f'<Relationship Id="rId1" Type="{OFFICE_RELS}/worksheet" '
                                   'Target="worksheets/sheet1.xml"/></Relationships>'),
}


def _zip(members: dict[str, tuple[bytes, int, int]], lie: bool = False) -> bytes:
    """A zip archive from raw deflated members (name -> (deflate stream, CRC-32, inflated size)), written by
    hand so that a member may be far larger inflated than anything a test could hold; ``lie`` declares every
    member 100 bytes long."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, (raw, crc, size) in members.items():
        declared = 100 if lie else size
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(raw), declared,
                              len(name.encode()), 0) + name.encode() + raw)
        central.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(raw), declared,
                                  len(name.encode()), 0, 0, 0, 0, 0, offset) + name.encode())
    start = out.tell()
    out.write(central.getvalue())
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central.getvalue()),
                          start, 0))
    return out.getvalue()


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    pack = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return pack.compress(data) + pack.flush(), zlib.crc32(data), len(data)


def _repeated(head: bytes, chunk: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """``head + chunk * times + tail`` deflated without ever holding it: after a full flush, deflating the same
    chunk again gives the same bytes, so the stream is one compressed block repeated."""
    pack = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = pack.compress(head) + pack.flush(zlib.Z_FULL_FLUSH)
    block = pack.compress(chunk) + pack.flush(zlib.Z_FULL_FLUSH)
    assert pack.compress(chunk) + pack.flush(zlib.Z_FULL_FLUSH) == block
    last = pack.compress(tail) + pack.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return first + block * times + last, zlib.crc32(tail, crc), len(head) + len(chunk) * times + len(tail)


def xlsx_bomb(megabytes: int, lie: bool = False) -> bytes:
    """A real workbook whose one sheet holds one cell of ``megabytes`` MB of text, from about a thousandth of
    that (a reader holds the whole text in memory)."""
    head = f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    tail = b"</t></is></c></row></sheetData></worksheet>"
    members = {name: _deflated(text.encode()) for name, text in WORKBOOK_PARTS.items()}
    members["xl/worksheets/sheet1.xml"] = _repeated(head.encode(), b"a" * MB, megabytes, tail)
    return _zip(members, lie)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomba.xlsx"
    path.write_bytes(xlsx_bomb(1500))
    return path


PEAK = """
import sys
from data_access.imports import reading
from data_access.imports.report import FileProblem

data = open(sys.argv[1], "rb").read()
try:
    reading.read_file(data, "bomba.xlsx")
    print("read")
except FileProblem as problem:
    print(problem)
print(next(line for line in open("/proc/self/status") if line.startswith("VmHWM")))
"""


def test_an_xlsx_zip_bomb_is_refused_with_little_memory(bomb):
    """The file of issue 17: 1.5 MB expanding to 1.5 GB. Read in a fresh process (as the import's worker reads
    it), it is refused before calamine expands it, and the process's peak memory (VmHWM: getrusage would carry
    the parent's over) stays under 300 MB."""
    assert bomb.stat().st_size < 2 * MB
    done = subprocess.run([sys.executable, "-c", PEAK, str(bomb)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=True)
    said, peak = done.stdout.strip().splitlines()
    assert said.startswith("Il file «bomba.xlsx» si espande oltre 200 MB una volta aperto"), said
    peak_mb = int(peak.split()[1]) / 1024
    assert peak_mb < 300, f"peak memory {peak_mb:.0f} MB"


def test_declared_sizes_that_lie_are_measured_by_what_they_inflate_to():
    """A zip may declare a member 100 bytes long and hold 300 MB: the check inflates it itself, chunk by chunk."""
    data = xlsx_bomb(300, lie=True)
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()) < 1000
    with pytest.raises(imports.FileProblem, match="si espande oltre 200 MB"):
        xlsx.check_expansion(data, "bomba.xlsx", 20 * MB)


def test_the_expansion_limit_follows_the_size_limit():
    data = xlsx_bomb(70)
    xlsx.check_expansion(data, "grande.xlsx", 20 * MB)  # 70 MB is within ten times 20 MB
    with pytest.raises(imports.FileProblem, match="si espande oltre 64 MB"):
        xlsx.check_expansion(data, "grande.xlsx", 1 * MB)  # ...not within the floor of 64 MB


def test_sheet_names_are_read_without_expanding_anything(bomb):
    assert imports.sheet_names(bomb.read_bytes()) == ["Dati"]
    assert imports.sheet_names(xlsx_bytes({"Foglio1": [CAP_H], "Note": [["x"]]})) == ["Foglio1", "Note"]
    assert imports.sheet_names(b"PK\x03\x04 non un archivio") == []
    assert imports.sheet_names(cap(cap_row())) == []


def test_an_ordinary_workbook_passes_the_expansion_check():
    data = xlsx_bytes({"Foglio1": [CAP_H, *[cap_row(periodo=f"2024-{m:02d}") for m in range(1, 13)]]})
    xlsx.check_expansion(data, "dati.xlsx", settings.import_limits().max_bytes)
    assert len(reading.read_file(data, "dati.xlsx").rows) == 12


# --- The worker process --------------------------------------------------------------------------------------------
def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _finished(job: worker.Job):
    assert job.wait(180), "the worker did not answer"
    return job.result


def test_the_check_runs_in_another_process_and_says_the_same(db_engine):
    data = cap(cap_row(posti="2.000", presenze="1.500"), cap_row(periodo="2026-12", target="donne"))
    job = worker.start("check", _url(db_engine), data=data, file_name="a.csv", table="capacity", actor="admin",
                       today=base.TODAY)
    result = _finished(job)
    assert job.process.pid != __import__("os").getpid() and job.process.returncode == 0
    here = base.check(db_engine, data, file_name="a.csv")
    assert [m.line() for m in result.messages] == [m.line() for m in here.messages]
    assert result.frame is None  # the rows stay with the worker
    assert [d["errori"] for _, d in audit(db_engine, "upload_rejected")] == [1]  # recorded by the worker itself


def test_a_load_through_the_worker_reports_progress_and_loads(db_engine):
    data = cap(cap_row(posti="2.000", presenze="1.500"), cap_row(target="donne"))
    preview = _finished(worker.start("check", _url(db_engine), data=data, file_name="a.csv", table="capacity",
                                     actor="admin"))
    assert preview.loadable and not preview.ok  # a preview without its rows: the page can offer the load
    job = worker.start("load", _url(db_engine), data=data, file_name="a.csv", table="capacity", actor="admin")
    report, loaded = _finished(job)
    assert loaded.version is not None and job.progress == 1.0
    rows = current_rows(db_engine, "capacity")
    assert sorted(rows["places"].tolist()) == [12, 2000] and sorted(rows["occupied"].tolist()) == [10, 1500]


def test_an_unreadable_file_comes_back_as_its_message(db_engine):
    before = snapshot(db_engine)
    result = _finished(worker.start("check", _url(db_engine), data=b"", file_name="vuoto.csv", table="capacity",
                                    actor="admin"))
    assert isinstance(result, imports.FileProblem)
    assert result.text("en") == "The file «vuoto.csv» is empty: fill in the template and upload it again."
    after = snapshot(db_engine)
    assert after.pop("audit_events") == before.pop("audit_events") + 1 and after == before


def test_a_worker_that_dies_is_said_in_italian(db_engine):
    job = worker.start("check", _url(db_engine), data=cap(cap_row()) * 1, file_name="a.csv", table="capacity",
                       actor="admin")
    job.stop()
    result = _finished(job)
    assert isinstance(result, worker.WorkerFailed)
    assert result.text().startswith("Il controllo o il caricamento del file si è interrotto senza risposta")
