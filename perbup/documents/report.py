"""`perbup report`: where enrollment stands, as a text table, JSON, a workbook, a chart and a Word report.

Every figure comes from perbup.compute.coverage, as in the decree's annexes, so the two always agree.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from perbup.base.formats import angka, persen_hasil, rupiah, rupiah_tabel, rupiah_terbilang, tanggal
from perbup.base.output import session
from perbup.base.paths import display_path
from perbup.base.problems import Problem
from perbup.compute.coverage import Cakupan, Coverage, compute_coverage
from perbup.compute.iuran import NAMA_PROGRAM, rule
from perbup.compute.timeline import Timeline, load_timeline
from perbup.documents.kind import Kind, Loaded, Sample
from perbup.documents.surat import short_name
from perbup.docx.package import Properties
from perbup.docx.pictures import EMU_PER_CM, named_pictures
from perbup.docx.xlsx import rezip, save
from perbup.load.config import Config
from perbup.load.dataset import Dataset
from perbup.load.enrolled import MatchResult
from perbup.load.workspace import Workspace

TEMPLATE = "laporan.docx"
#: The variables the report template may use (checked before anything is written).
VARIABLES = frozenset({"kab", "laporan", "ringkas", "program_teks", "pencocokan", "bpjs",
                       "kecamatan", "total", "pembulatan", "ttd"})
CHART_NAME = "grafik_cakupan"  # the template's picture that the chart replaces
XLSX, PNG, DOCX = "report/report.xlsx", "report/coverage.png", "report/report.docx"
PROGRESS = "report/progress.png"  # once letters are issued: the share registered week by week
PROGRESS_TITLE = "Perkembangan Kepesertaan Aparat Desa\ndalam Program BPJS Ketenagakerjaan"
CHART_TITLE = "Kepesertaan Aparat Desa dalam Program\nBPJS Ketenagakerjaan per Kecamatan"
DEFAULT_DATE = dt.date(2026, 1, 1)  # workbook dates when perbup.yaml sets no surat.tanggal



@dataclass(frozen=True)
class Report:
    """The figures of one report and the date they describe."""

    config: Config
    coverage: Coverage
    tanggal: dt.date
    enrolled: MatchResult | None
    timeline: Timeline | None = None  # week by week since the first letters, and who is overdue


def build_report(dataset: Dataset, today: dt.date | None = None) -> Report:
    """Coverage as of the documents' date (surat.tanggal, else the day the data was loaded); the
    weeks since the first letters and the desa past their deadline as of `today` (default: today)."""
    coverage = compute_coverage(dataset)
    return Report(dataset.workspace.config, coverage, coverage.law.tanggal, dataset.enrolled,
                  load_timeline(dataset, today or dt.date.today()))


# --- numbers as Indonesian documents write them ---------------------------------------------


def _words(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


# --- stdout: JSON and the text table ----------------------------------------------------------

def _figures(c: Cakupan) -> dict[str, object]:
    data = c.as_dict()
    del data["kode"], data["nama"]
    data["aparat_belum"] = c.aparat_belum
    return data


def as_json(report: Report) -> dict[str, object]:
    """Everything the report shows, for `--format json`."""
    cov, kab = report.coverage, report.config.kabupaten
    data: dict[str, object] = {"kabupaten": kab.nama, "kode": kab.kode,
                               "tanggal": report.tanggal.isoformat(), "program": list(cov.programs),
                               **_figures(cov.kabupaten)}
    data["per_kecamatan"] = [{"kecamatan": c.nama, "kode": c.kode, **_figures(c)}
                             for c in cov.per_kecamatan]
    data["per_jabatan"] = [{"jabatan": c.nama, **_figures(c)} for c in cov.per_jabatan]
    data["pencocokan"] = _match_json(report.enrolled) if report.enrolled else None
    data["perkembangan"] = _timeline_json(report.timeline) if report.timeline else None
    return data


def _timeline_json(t: Timeline) -> dict[str, object]:
    return {
        "keadaan": t.tanggal.isoformat(),
        "mulai": t.start.isoformat() if t.start else None,
        "minggu": [{"tanggal": w.tanggal.isoformat(), "terdaftar": w.terdaftar, "aparat": w.aparat,
                    "per_kecamatan": [{"kode": k.kode, "kecamatan": k.nama, "terdaftar": done,
                                       "aparat": whole} for k, done, whole in w.per_kecamatan]}
                   for w in t.weeks],
        "lewat_batas": [{"kode": o.desa.kode, "desa": o.desa.nama,
                         "kecamatan": o.desa.kecamatan.nama, "nomor": o.nomor,
                         "tanggal_surat": o.tanggal.isoformat(), "batas": o.batas.isoformat(),
                         "aparat": o.aparat, "belum": len(o.belum)} for o in t.overdue],
    }


def _match_json(m: MatchResult) -> dict[str, object]:
    return {
        "file": m.file,
        "cocok": [{"baris": p.line, "nik": p.nik, "kpj": p.kpj, "nama": p.nama,
                   "kode_desa": p.aparat.desa.kode if p.aparat else None,
                   "desa": p.aparat.desa.nama if p.aparat else None, "baru": p.baru}
                  for p in m.matched],
        "tidak_dikenal": [{"baris": p.line, "nik": p.nik, "kpj": p.kpj, "nama": p.nama}
                          for p in m.unknown],
        "belum_per_desa": [{"kode": d.desa.kode, "desa": d.desa.nama,
                            "kecamatan": d.desa.kecamatan.nama, "aparat": d.aparat,
                            "belum": d.belum, "dalam_daftar": d.disentuh} for d in m.missing],
    }


_HEADER = ("Kecamatan", "Desa", "Desa terdaftar", "% desa", "Aparat", "Aparat terdaftar",
           "% aparat", "Iuran/bulan (Rp)", "Iuran/tahun (Rp)")


def _cells(c: Cakupan, name: str) -> list[str]:
    return [name, angka(c.desa), angka(c.desa_terdaftar), persen_hasil(c.persen_desa)[:-1],
            angka(c.aparat), angka(c.aparat_terdaftar), persen_hasil(c.persen_aparat)[:-1],
            angka(c.iuran_bulanan), angka(c.iuran_tahunan)]


def as_text(report: Report) -> str:
    """The aligned table per kecamatan with its total row, then what the BPJS list matched."""
    cov = report.coverage
    rows = [list(_HEADER), *(_cells(c, c.nama) for c in cov.per_kecamatan),
            _cells(cov.kabupaten, "Jumlah")]
    widths = [max(len(r[i]) for r in rows) for i in range(len(_HEADER))]

    def line(cells: list[str]) -> str:
        return "  ".join([cells[0].ljust(widths[0])] +
                         [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]).rstrip()

    rule = "-" * len(line(rows[0]))
    programs = " + ".join(p.upper() for p in cov.programs)
    lines = [line(rows[0]), rule, *map(line, rows[1:-1]), rule, line(rows[-1]),
             f"Desa terdaftar: seluruh aparatnya terdaftar. Iuran ({programs}): aparat yang belum "
             f"terdaftar, keadaan {tanggal(report.tanggal)}."]
    if report.enrolled:
        lines += ["", *_match_text(report.enrolled)]
    if report.timeline and report.timeline.weeks:
        lines += ["", *_timeline_text(report.timeline)]
    return "\n".join(lines) + "\n"


def _timeline_text(t: Timeline) -> list[str]:
    """The regency's coverage week by week (per kecamatan: report.xlsx), then the overdue desa."""
    lines = [f"Perkembangan sejak surat pertama ({tanggal(t.weeks[0].tanggal)}), aparat terdaftar:"]
    lines += [f"  {tanggal(w.tanggal)}: {angka(w.terdaftar)} dari {angka(w.aparat)} "
              f"({persen_hasil(100 * w.terdaftar / w.aparat if w.aparat else 0)})" for w in t.weeks]
    lines.append(f"Desa yang melewati batas waktu dengan aparat belum terdaftar, keadaan "
                 f"{tanggal(t.tanggal)}: {angka(len(t.overdue))} desa")
    lines += [f"  {o.desa.kode}  {o.desa.nama} ({o.desa.kecamatan.nama}): {angka(len(o.belum))} dari "
              f"{angka(o.aparat)} aparat belum terdaftar; surat {o.nomor}, batas {tanggal(o.batas)}"
              for o in t.overdue]
    return lines


def _match_text(m: MatchResult) -> list[str]:
    lines = [f"Daftar peserta BPJS {m.file}: {angka(len(m.matched) + len(m.unknown))} NIK",
             f"  cocok dengan daftar aparat: {angka(len(m.matched))} "
             f"({angka(m.baru)} baru terdaftar)",
             f"  tidak dikenal (NIK tidak ada di daftar aparat): {angka(len(m.unknown))}"]
    for p in m.unknown:
        where = f"baris {p.line}  " if p.line is not None else ""
        extra = "".join(f"  {t}" for t in (f"KPJ {p.kpj}" if p.kpj else "", p.nama or "") if t)
        lines.append(f"    {where}{p.nik}{extra}")
    touched = [d for d in m.missing if d.disentuh]
    if touched:
        lines.append("  masih belum terdaftar di desa yang ada dalam daftar:")
        lines += [f"    {d.desa.kode}  {d.desa.nama} ({d.desa.kecamatan.nama}): {angka(d.belum)} "
                  f"dari {angka(d.aparat)} aparat" for d in touched]
    others = [d for d in m.missing if not d.disentuh]
    lines.append(f"  desa lain dengan aparat yang belum terdaftar: {angka(len(others))} desa, "
                 f"{angka(sum(d.belum for d in others))} aparat")
    return lines


# --- the workbook -----------------------------------------------------------------------------

MONEY, PERCENT, TEXT = "#,##0", "0.0%", "@"


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _coverage_sheet(sheet: Any, label: str, rows: Iterable[Cakupan], programs: Sequence[str],
                    *, kode: bool = True, total: Cakupan | None = None) -> None:
    columns: list[tuple[str, str | None, int]] = [  # title, number format, width
        *([("Kode", TEXT, 14)] if kode else []), (label, None, 40 if label == "Jabatan" else 24),
        ("Desa", None, 8), ("Desa terdaftar", None, 11), ("% desa", PERCENT, 9),
        ("Aparat", None, 9), ("Aparat terdaftar", None, 11), ("Aparat belum terdaftar", None, 11),
        ("% aparat", PERCENT, 9), ("Iuran per bulan (Rp)", MONEY, 15),
        ("Iuran per tahun (Rp)", MONEY, 16),
        *((f"Iuran {p.upper()} per bulan (Rp)", MONEY, 15) for p in programs)]
    sheet.append([title for title, _, _ in columns])

    def values(c: Cakupan, name: str) -> list[object]:
        return [*([c.kode] if kode else []), name, c.desa, c.desa_terdaftar,
                _ratio(c.desa_terdaftar, c.desa), c.aparat, c.aparat_terdaftar, c.aparat_belum,
                _ratio(c.aparat_terdaftar, c.aparat), c.iuran_bulanan, c.iuran_tahunan,
                *c.per_program]

    for c in rows:
        sheet.append(values(c, c.nama))
    if total is not None:
        sheet.append(values(total, "Jumlah"))
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    _format(sheet, [(fmt, width) for _, fmt, width in columns])


def _format(sheet: Any, columns: Sequence[tuple[str | None, int]]) -> None:
    """Bold wrapped header, frozen under it, number formats and widths per column."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 45
    for index, (fmt, width) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt


def _match_sheets(book: Workbook, m: MatchResult) -> None:
    sheet = book.create_sheet("Peserta BPJS")
    sheet.append(["Baris", "NIK", "KPJ", "Nama (daftar BPJS)", "Status", "Kode Desa", "Desa",
                  "Kecamatan", "Nama (daftar aparat)", "Jabatan"])
    for p in (*m.matched, *m.unknown):
        a = p.aparat
        status = "tidak dikenal" if a is None else ("baru terdaftar" if p.baru else "sudah tercatat")
        sheet.append([p.line, p.nik, p.kpj, p.nama, status, a and a.desa.kode, a and a.desa.nama,
                      a and a.desa.kecamatan.nama, a and a.nama, a and a.jabatan.nama])
    _format(sheet, [(None, 7), (TEXT, 19), (TEXT, 14), (None, 26), (None, 15), (TEXT, 14),
                    (None, 18), (None, 18), (None, 26), (None, 34)])
    sheet = book.create_sheet("Belum per Desa")
    sheet.append(["Kode Desa", "Desa", "Kecamatan", "Aparat", "Belum terdaftar",
                  "Ada dalam daftar BPJS"])
    for d in m.missing:
        sheet.append([d.desa.kode, d.desa.nama, d.desa.kecamatan.nama, d.aparat, d.belum,
                      "Ya" if d.disentuh else "Tidak"])
    _format(sheet, [(TEXT, 14), (None, 20), (None, 20), (None, 9), (None, 11), (None, 12)])


def _timeline_sheets(book: Workbook, t: Timeline) -> None:
    """Share registered per kecamatan week by week, and the desa past their deadline (counts
    only: who is missing goes in the reminder to that desa alone)."""
    sheet = book.create_sheet("Mingguan")
    kecamatan = [k for k, _, _ in t.weeks[0].per_kecamatan]
    sheet.append(["Tanggal", *(k.nama for k in kecamatan), "Kabupaten", "Aparat terdaftar",
                  "Aparat"])
    for w in t.weeks:
        sheet.append([w.tanggal, *(_ratio(done, whole) for _, done, whole in w.per_kecamatan),
                      _ratio(w.terdaftar, w.aparat), w.terdaftar, w.aparat])
    _format(sheet, [("DD/MM/YYYY", 12), *((PERCENT, 11) for _ in kecamatan), (PERCENT, 11),
                    (None, 10), (None, 9)])
    sheet = book.create_sheet("Lewat Batas")
    sheet.append(["Kode Desa", "Desa", "Kecamatan", "Nomor surat", "Tanggal surat", "Batas",
                  "Aparat", "Belum terdaftar"])
    for o in t.overdue:
        sheet.append([o.desa.kode, o.desa.nama, o.desa.kecamatan.nama, o.nomor, o.tanggal, o.batas,
                      o.aparat, len(o.belum)])
    _format(sheet, [(TEXT, 14), (None, 20), (None, 20), (TEXT, 24), ("DD/MM/YYYY", 12),
                    ("DD/MM/YYYY", 12), (None, 9), (None, 11)])


def workbook_bytes(report: Report) -> bytes:
    """report.xlsx: a sheet per level, and the BPJS list's matches when one was applied."""
    cov = report.coverage
    book = Workbook()
    _coverage_sheet(book.active, "Kabupaten", [cov.kabupaten], cov.programs)
    book.active.title = "Kabupaten"
    _coverage_sheet(book.create_sheet("Kecamatan"), "Kecamatan", cov.per_kecamatan, cov.programs,
                    total=cov.kabupaten)
    _coverage_sheet(book.create_sheet("Jabatan"), "Jabatan", cov.per_jabatan, cov.programs,
                    kode=False)
    if report.enrolled:
        _match_sheets(book, report.enrolled)
    if report.timeline and report.timeline.weeks:
        _timeline_sheets(book, report.timeline)
    return save(book, creator=report.config.kabupaten.nama,
                title="Cakupan kepesertaan aparat desa dalam program BPJS Ketenagakerjaan",
                date=report.config.surat.tanggal or DEFAULT_DATE)


# --- the Word report ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ChartSlot:
    """Where the template's chart picture is: its zip member and its size on the page."""

    member: str
    width_cm: float
    height_cm: float


def chart_slot(template: bytes) -> ChartSlot | None:
    """The picture named `grafik_cakupan` in the .docx `template`, if it is there and a PNG."""
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        picture = named_pictures(archive).get(CHART_NAME)
        if picture is None or picture.member not in archive.namelist():
            return None
    width, height = picture.width / EMU_PER_CM, picture.height / EMU_PER_CM
    if not picture.member.lower().endswith(".png") or min(width, height) < 2:
        return None
    return ChartSlot(picture.member, width, height)


def _sums(c: Cakupan) -> dict[str, str]:
    return {"desa": angka(c.desa), "desa_terdaftar": angka(c.desa_terdaftar),
            "aparat": angka(c.aparat), "aparat_terdaftar": angka(c.aparat_terdaftar),
            "persen_aparat": persen_hasil(c.persen_aparat).replace("%", ""),
            "bulanan": rupiah_tabel(c.iuran_bulanan), "tahunan": rupiah_tabel(c.iuran_tahunan)}


def report_context(report: Report) -> dict[str, Any]:
    """Every value the report template shows, already formatted."""
    config, cov = report.config, report.coverage
    kab, k = config.kabupaten, cov.kabupaten
    sekda = config.pejabat.sekretaris_daerah
    m = report.enrolled
    return {
        "kab": {"nama": kab.nama, "nama_upper": kab.nama.upper(), "ibu_kota": kab.ibu_kota,
                "kepala": f"{kab.kepala_daerah} {short_name(config)}"},
        "laporan": {"tanggal": tanggal(report.tanggal),
                    "tempat_tanggal": f"{kab.ibu_kota}, {tanggal(report.tanggal)}"},
        "ringkas": {"desa": angka(k.desa), "desa_terdaftar": angka(k.desa_terdaftar),
                    "desa_belum": angka(k.desa - k.desa_terdaftar),
                    "persen_desa": persen_hasil(k.persen_desa), "aparat": angka(k.aparat),
                    "aparat_terdaftar": angka(k.aparat_terdaftar),
                    "aparat_belum": angka(k.aparat_belum), "persen_aparat": persen_hasil(k.persen_aparat),
                    "bulanan": rupiah(k.iuran_bulanan), "tahunan": rupiah(k.iuran_tahunan),
                    "bulanan_terbilang": rupiah_terbilang(k.iuran_bulanan),
                    "tahunan_terbilang": rupiah_terbilang(k.iuran_tahunan)},
        "program_teks": _words([f"{NAMA_PROGRAM[p]} ({p.upper()})" for p in cov.programs]),
        "pencocokan": {"file": m.file, "cocok": angka(len(m.matched)), "baru": angka(m.baru),
                       "tidak_dikenal": angka(len(m.unknown)) if m.unknown else ""} if m else "",
        "bpjs": {"kantor": config.bpjs.kantor},
        "kecamatan": [{"no": i, "nama": c.nama, **_sums(c)}
                      for i, c in enumerate(cov.per_kecamatan, start=1)],
        "total": _sums(k),
        "pembulatan": rule(cov.law),
        "ttd": {"an": "", "jabatan": f"SEKRETARIS DAERAH {kab.nama.upper()},", "nama": sekda.nama,
                "pangkat": sekda.pangkat, "nip": sekda.nip},
    }


def properties(report: Report) -> Properties:
    """The Word report's file properties: the regency wrote it, on the date it describes."""
    return Properties(report.config.kabupaten.nama, report.tanggal)


# --- writing -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Written:
    files: tuple[Path, ...]
    warnings: tuple[Problem, ...]


def write_report(report: Report, workspace: Workspace, out: Path, *, force: bool = False) -> Written:
    """Renders the workbook, the chart and the Word report, then writes each atomically.

    The template is checked first: a template error writes nothing; nor does a file there that
    perbup did not write, unless `force`.
    """
    # matplotlib takes ~0.7 s to import: only `report` should pay for it, not every command.
    from perbup.documents.chart import coverage_chart, progress_chart

    prepared = workspace.prepared(TEMPLATE, properties(report))
    KINDS[0].require(prepared, display_path(workspace.template(TEMPLATE)))
    slot = chart_slot(workspace.template_bytes(TEMPLATE))
    warnings: list[Problem] = []
    if slot is None:
        warnings.append(Problem(display_path(workspace.template(TEMPLATE)), None, "warning",
                                f'no PNG picture named "{CHART_NAME}"; the report has no chart',
                                "put the bundled laporan.docx back, or name a picture "
                                f"{CHART_NAME} (Word: View Alt Text / Selection Pane)"))
    subtitle = (f"{report.config.kabupaten.nama}, keadaan {tanggal(report.tanggal)}")
    size = {"width_cm": slot.width_cm, "height_cm": slot.height_cm} if slot else {}
    chart = coverage_chart(report.coverage.per_kecamatan, title=CHART_TITLE, subtitle=subtitle,
                           **size)
    document = prepared.render(report_context(report))
    if slot is not None:
        document = rezip(document, {slot.member: chart})
    outputs = {XLSX: workbook_bytes(report), PNG: chart, DOCX: document}
    if report.timeline and report.timeline.weeks:
        outputs[PROGRESS] = progress_chart(
            [(w.tanggal, w.terdaftar, w.aparat) for w in report.timeline.weeks],
            title=PROGRESS_TITLE, subtitle=f"{report.config.kabupaten.nama}, keadaan "
                                           f"{tanggal(report.timeline.tanggal)}")
    with session(out, force=force) as ledger:
        ledger.check(outputs, force=force)
        for name, data in outputs.items():
            ledger.write(name, data)
        ledger.drop_stale_pdf(DOCX)
    return Written(tuple(out / name for name in outputs), tuple(warnings))


def _samples(loaded: Loaded) -> list[Sample]:
    if loaded.coverage is None:
        return []
    return [Sample(report_context(build_report(loaded.dataset, loaded.today)))]


KINDS = (Kind("laporan", TEMPLATE, VARIABLES, DOCX, publishable=False,
              summary="where enrollment stands: per kecamatan and position, with the desa overdue",
              samples=_samples),)
