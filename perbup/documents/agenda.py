"""`perbup register`: the register of outgoing letters exported for the e-office (CSV and .xlsx),
a number voided, and the register rebuilt from the files the letters left."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perbup.base.errors import DataError, UsageError
from perbup.base.output import session
from perbup.base.paths import display_path
from perbup.base.problems import Problem, Problems
from perbup.load.workspace import Workspace
from perbup.store.naskah import Numbering

CSV, XLSX = "register/register.csv", "register/register.xlsx"
#: The export's columns, in order: SRIKANDI's fields for an outgoing naskah first, then what
#: perbup keeps to find the letter again (docs/register.md says where each comes from).
COLUMNS = ["nomor", "tanggal", "jenis_naskah", "sifat", "urgensi", "kode_klasifikasi", "hal",
           "tujuan", "tembusan", "penandatangan", "file", "sha256", "status", "alasan_batal",
           "tanggal_batal", "batas", "kode_desa", "jenis", "tahun", "urut"]
_DATES = {"tanggal", "tanggal_batal", "batas"}
DEFAULT_DATE = dt.date(2026, 1, 1)  # the workbook's date when the register is empty
#: Why a number no file names is voided when the register is rebuilt.
LOST = "no file the register was rebuilt from names this number"


def _row(entry: Any) -> dict[str, str]:
    values = {
        "nomor": entry.nomor, "tanggal": entry.tanggal, "jenis_naskah": entry.jenis_naskah,
        "sifat": entry.sifat, "urgensi": entry.urgensi, "kode_klasifikasi": entry.kode_klasifikasi,
        "hal": entry.hal, "tujuan": entry.tujuan, "tembusan": "; ".join(entry.tembusan.splitlines()),
        "penandatangan": entry.penandatangan, "file": entry.file, "sha256": entry.sha256,
        "status": entry.status, "alasan_batal": entry.alasan_batal,
        "tanggal_batal": entry.tanggal_batal, "batas": entry.batas, "kode_desa": entry.kode_tujuan,
        "jenis": entry.jenis, "tahun": entry.tahun, "urut": entry.urut}
    return {k: ("" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v))
            for k, v in values.items()}


def export_bytes(entries: Sequence[Any], creator: str) -> dict[str, bytes]:
    """The register as CSV and as a workbook, one row per number (voided ones too)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from perbup.docx.xlsx import save

    rows = [_row(e) for e in entries]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    book = Workbook()
    sheet = book.active
    sheet.title = "Agenda Surat Keluar"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[c] for c in COLUMNS])
    sheet.freeze_panes = "A2"
    dates = [e.tanggal for e in entries if e.tanggal is not None]
    workbook = save(book, creator=creator, title="Agenda surat keluar",
                    date=max(dates) if dates else DEFAULT_DATE)
    return {CSV: buffer.getvalue().encode("utf-8"), XLSX: workbook}


@dataclass(frozen=True)
class Exported:
    files: tuple[Path, ...]
    entries: int
    void: int


def export_register(workspace: Workspace, out: Path, *, force: bool = False) -> Exported:
    """Writes OUTPUT/register/register.csv and register.xlsx."""
    from perbup.load.workspace import workspace_store
    from perbup.store import register
    from perbup.store.models import VOID

    with workspace_store(workspace, create=False) as store:
        entries = register.entries(store)
    outputs = export_bytes(entries, workspace.config.kabupaten.nama)
    with session(out, force=force) as ledger:
        ledger.check(outputs, force=force)
        for name, data in outputs.items():
            ledger.write(name, data)
    return Exported(tuple(out / name for name in outputs), len(entries),
                    sum(e.status == VOID for e in entries))


def void_number(workspace: Workspace, nomor: str, reason: str, *,
                today: dt.date | None = None) -> Any:
    """Voids a number of the register (see perbup.store.register.void)."""
    from perbup.load.workspace import workspace_store
    from perbup.store import register

    with workspace_store(workspace, create=False) as store:
        if store is None:
            raise UsageError(f'the register is empty: there is no "{nomor}" to void')
        return register.void(store, nomor, reason, today or dt.date.today())


# --- rebuilding the register from the files ---------------------------------------------------

_MANIFEST = {"kode_desa", "nomor", "file", "sha256"}
# The folder a manifest names its letters from: OUTPUT/letters/manifest.csv → OUTPUT.
_KIND_OF_MANIFEST = {"letters": "surat_desa", "reminders": "surat_pengingat"}


@dataclass
class Rebuilt:
    """What a rebuild brought back, and the numbers no file named (voided, never reused)."""

    entries: int = 0
    void: int = 0
    lost: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _pattern(numbering: Numbering) -> re.Pattern[str]:
    parts = re.split(r"(\{kode\}|\{seq\}|\{tahun\})", numbering.pattern)
    groups = {"{kode}": "(?P<kode>.+?)", "{seq}": r"(?P<seq>\d+)", "{tahun}": r"(?P<tahun>\d{4})"}
    return re.compile("".join(groups.get(p, re.escape(p)) for p in parts))


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def read_sources(paths: Sequence[Path], workspace: Workspace) -> tuple[list[dict[str, Any]], Problems]:
    """The entries the files name: register exports whole, manifests' letters with the settings'
    words for what a manifest does not hold; every row that cannot be read is a problem."""
    from perbup.documents.surat import numbering as letter_numbering

    config = workspace.config
    numbering = letter_numbering(config)
    pattern = _pattern(numbering)
    out = Problems()
    found: list[dict[str, Any]] = []
    for path in paths:
        shown = display_path(path)
        try:
            rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            out.error(shown, None, f"cannot read it: {exc}")
            continue
        header = set(rows[0]) if rows else set()
        export = set(COLUMNS) <= header
        if not export and not header >= _MANIFEST:
            out.error(shown, 1, "is neither a register export (perbup register export) nor a "
                      "letters manifest (OUTPUT/letters/manifest.csv)")
            continue
        kind = _KIND_OF_MANIFEST.get(path.parent.name, "surat_desa")
        for line, row in enumerate(rows, start=2):
            try:
                found.append(_entry(row, export, kind, pattern, numbering, config, path))
            except ValueError as exc:
                out.error(shown, line, str(exc), "correct the row or leave the file out")
    return found, out


def _entry(row: dict[str, str], export: bool, kind: str, pattern: re.Pattern[str],
           numbering: Numbering, config: Any, path: Path) -> dict[str, Any]:
    nomor = (row.get("nomor") or "").strip()
    if export:
        values: dict[str, Any] = {c: (row.get(c) or "").strip() for c in COLUMNS}
        for name in _DATES:
            values[name] = _date(values[name])
        values["tahun"], values["urut"] = int(values["tahun"]), int(values["urut"])
        values["tembusan"] = "\n".join(t.strip() for t in values["tembusan"].split(";") if t.strip())
        values["lingkup"] = numbering.scope(values["kode_klasifikasi"])
        values["folder"], values["export"] = None, True
        return values
    match = pattern.fullmatch(nomor)
    if match is None:
        raise ValueError(f'nomor "{nomor}" does not follow surat.nomor ("{numbering.pattern}")')
    kode = match.groupdict().get("kode") or config.surat.kode_klasifikasi
    tanggal = _date((row.get("tanggal") or "").strip())
    tahun = int(match.group("tahun")) if "tahun" in match.groupdict() else (
        tanggal.year if tanggal else None)
    if tahun is None:
        raise ValueError("the row gives no year: neither its nomor nor a tanggal column")
    return {"nomor": nomor, "tanggal": tanggal, "jenis_naskah": "Surat Dinas",
            "sifat": config.surat.sifat, "urgensi": config.surat.urgensi, "kode_klasifikasi": kode,
            "hal": (row.get("hal") or "").strip() or config.surat.hal,
            "tujuan": f"Kepala Desa {row.get('desa', '')}, Kecamatan {row.get('kecamatan', '')}",
            "tembusan": "", "penandatangan": "", "file": row.get("file") or None,
            "sha256": row.get("sha256") or None, "status": "issued", "alasan_batal": None,
            "tanggal_batal": None, "batas": None, "kode_desa": (row.get("kode_desa") or "").strip(),
            "jenis": kind, "tahun": tahun, "urut": int(match.group("seq")),
            "lingkup": numbering.scope(kode), "folder": str(path.resolve().parent.parent),
            "export": False}


def rebuild_register(workspace: Workspace, paths: Sequence[Path], *,
                     today: dt.date | None = None) -> Rebuilt:
    """Fills an empty register from register exports and letters manifests.

    A number two files give to different letters is an error; a number below the highest of its
    year that no file names is voided (LOST), so it is never issued again. Refuses a register
    that holds anything: a rebuild never merges into one in use.
    """
    from perbup.load.workspace import workspace_store
    from perbup.store.models import VOID, Counter, Entry

    found, problems = read_sources(paths, workspace)
    merged: dict[tuple[int, str, int], dict[str, Any]] = {}
    for values in found:
        key = (values["tahun"], values["lingkup"], values["urut"])
        other = merged.get(key)
        if other is not None and (other["kode_desa"], other["jenis"]) != (values["kode_desa"],
                                                                        values["jenis"]):
            problems.error("perbup", None, f"number {values['nomor']} is given to desa "
                           f"{other['kode_desa']} and to desa {values['kode_desa']}",
                           "leave out the file that is wrong")
        # An export knows more than a manifest (voids, signer, tembusan): it wins.
        if other is None or not other["export"]:
            merged[key] = values
    letters: dict[tuple[str, str, str, int], str] = {}
    for v in merged.values():
        if v["status"] != VOID:
            number = letters.setdefault((v["jenis"], v["kode_desa"], v["hal"], v["tahun"]), v["nomor"])
            if number != v["nomor"]:
                problems.error("perbup", None, f"desa {v['kode_desa']} has two numbers for one "
                               f"letter: {number} and {v['nomor']}", "void one of them in a "
                               "register export (status void, alasan_batal), or leave a file out")
    if problems.has_errors:
        raise DataError(problems.items)
    start = workspace.config.surat.nomor_awal
    result = Rebuilt(problems=problems.items)

    def body(session: Any) -> None:
        from sqlalchemy import func, select

        held = session.scalar(select(func.count()).select_from(Entry))
        if held:
            raise UsageError(f"the register already holds {held} number(s); a rebuild only fills "
                             "an empty one: move the database away first (docs/register.md)")
        highest: dict[tuple[int, str], int] = {}
        for (tahun, lingkup, urut), v in sorted(merged.items()):
            session.add(Entry(jenis=v["jenis"], tahun=tahun, lingkup=lingkup, urut=urut,
                              nomor=v["nomor"], kode_tujuan=v["kode_desa"], status=v["status"],
                              jenis_naskah=v["jenis_naskah"], sifat=v["sifat"],
                              urgensi=v["urgensi"], kode_klasifikasi=v["kode_klasifikasi"],
                              hal=v["hal"], tujuan=v["tujuan"], tembusan=v["tembusan"],
                              tanggal=v["tanggal"], batas=v["batas"],
                              penandatangan=v["penandatangan"], file=v["file"],
                              folder=v["folder"], sha256=v["sha256"],
                              alasan_batal=v["alasan_batal"], tanggal_batal=v["tanggal_batal"]))
            highest[(tahun, lingkup)] = max(highest.get((tahun, lingkup), 0), urut)
            result.entries += 1
            result.void += v["status"] == VOID
        numbering = _numbering(workspace)
        for (tahun, lingkup), last in sorted(highest.items()):
            for urut in range(start, last):
                if (tahun, lingkup, urut) in merged:
                    continue
                nomor = numbering.format(lingkup or workspace.config.surat.kode_klasifikasi, urut,
                                         tahun)
                session.add(Entry(jenis="", tahun=tahun, lingkup=lingkup, urut=urut, nomor=nomor,
                                  kode_tujuan="", status=VOID, jenis_naskah="", sifat="",
                                  urgensi="", kode_klasifikasi=lingkup, hal="", tujuan="",
                                  tembusan="", tanggal=None, penandatangan="", alasan_batal=LOST,
                                  tanggal_batal=today or dt.date.today()))
                result.lost.append(nomor)
            session.add(Counter(tahun=tahun, lingkup=lingkup, terakhir=last))

    with workspace_store(workspace, create=True) as store:
        assert store is not None
        store.write(body)
    return result


def _numbering(workspace: Workspace) -> Numbering:
    from perbup.documents.surat import numbering

    return numbering(workspace.config)
