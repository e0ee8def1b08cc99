"""Tests for perbup.load.tabular: CSV and .xlsx as clerks really send them."""

from __future__ import annotations

import csv
import datetime
import io
import random
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perbup.base.problems import Problem
from perbup.load.tabular import Row, Table, normalize_header, read_table

ALIASES = {
    "nama": ["Nama", "Nama Lengkap"],
    "nik": ["NIK", "No KTP"],
    "jabatan": ["Jabatan"],
    "tanggal_lahir": ["Tgl Lahir", "Tanggal Lahir"],
    "jenis_kelamin": ["L/P", "Jenis Kelamin", "JK"],
}
XLSX_HINT = "open it in Excel or LibreOffice and save as .xlsx"
TEXT_HINT = "export it from Excel as 'CSV UTF-8 (Comma delimited)' or save it as .xlsx"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def xlsx_bytes(sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None,
               ) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(title, []):
            sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_ok(path: Path, **kwargs: object) -> Table:
    table, problems = read_table(path, ALIASES, **kwargs)  # type: ignore[arg-type]
    assert problems == []
    assert table is not None
    return table


def read_bad(path: Path, **kwargs: object) -> list[Problem]:
    table, problems = read_table(path, ALIASES, **kwargs)  # type: ignore[arg-type]
    assert table is None
    return problems


@pytest.mark.parametrize(("text", "expected"), [
    ("Tgl. Lahir", "tgl lahir"),
    ("L/P", "l p"),
    ("Nama_Lengkap", "nama lengkap"),
    ("  JENIS   KELAMIN\n(L/P): ", "jenis kelamin"),
    ("Siltap (Rp)", "siltap"),
    ("(L/P)", "l p"),
    ("No.-KTP", "no ktp"),
    ("", ""),
])
def test_normalize_header(text: str, expected: str) -> None:
    assert normalize_header(text) == expected


def test_comma_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "aparat.csv",
                 "No,Nama,NIK,Jabatan,Tgl. Lahir,L/P\n"
                 "1, Yohanes Bani ,5301010101800001,Kepala Desa,17-05-1980,L\n"
                 "2,Maria Seran,,  ,,P\n")
    table = read_ok(path)
    assert table.display == str(path)
    assert table.format == "CSV (',', UTF-8)"
    assert table.header_line == 1
    assert table.columns == {"nama": "Nama", "nik": "NIK", "jabatan": "Jabatan",
                             "tanggal_lahir": "Tgl. Lahir", "jenis_kelamin": "L/P"}
    assert table.ignored == ["No"]
    assert table.rows == [
        Row(2, {"nama": "Yohanes Bani", "nik": "5301010101800001", "jabatan": "Kepala Desa",
                "tanggal_lahir": "17-05-1980", "jenis_kelamin": "L"}),
        Row(3, {"nama": "Maria Seran", "nik": None, "jabatan": None, "tanggal_lahir": None,
                "jenis_kelamin": "P"}),
    ]


def test_utf8_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.csv", b"\xef\xbb\xbfNama,NIK\r\nIb\xc3\xa9,1\r\n")
    table = read_ok(path)
    assert table.format == "CSV (',', UTF-8)"
    assert table.columns == {"nama": "Nama", "nik": "NIK"}
    assert table.rows == [Row(2, {"nama": "Ibé", "nik": "1"})]


def test_semicolon_cp1252_crlf(tmp_path: Path) -> None:
    text = ("No;Nama Lengkap;NIK;Jabatan\r\n"
            "1;Agustinus Ndun;5301010101800001;Kepala Desa\r\n"
            "2;Renée Zoë Tefa;5301014102850002;Sekretaris Desa\r\n")
    table = read_ok(write(tmp_path, "excel.csv", text.encode("cp1252")), display="excel.csv")
    assert table.display == "excel.csv"
    assert table.format == "CSV (';', windows-1252)"
    assert table.columns == {"nama": "Nama Lengkap", "nik": "NIK", "jabatan": "Jabatan"}
    assert table.rows == [
        Row(2, {"nama": "Agustinus Ndun", "nik": "5301010101800001", "jabatan": "Kepala Desa"}),
        Row(3, {"nama": "Renée Zoë Tefa", "nik": "5301014102850002",
                "jabatan": "Sekretaris Desa"}),
    ]


def test_latin1_fallback_warns(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252, so only Latin-1 can decode this file.
    table, problems = read_table(write(tmp_path, "odd.csv", b"Nama;NIK\nA\x81B;1\n"), ALIASES)
    assert problems == [Problem(str(tmp_path / "odd.csv"), None, "warning",
                                "is neither UTF-8 nor Windows-1252 text; it was read as Latin-1, "
                                "so some letters may be wrong", TEXT_HINT),
                        # what Latin-1 makes of the byte is a control character, not a letter
                        Problem(str(tmp_path / "odd.csv"), 2, "error", "Nama 'A\\x81B' contains "
                                "a control character (U+0081)",
                                "retype it; it was probably pasted from another program")]
    assert table is not None
    assert table.format == "CSV (';', latin-1)"
    assert table.rows == []


def test_utf16_unicode_text_export(tmp_path: Path) -> None:
    path = write(tmp_path, "unicode.txt", "Nama\tNIK\r\nAgustinus Ndun\t1\r\n".encode("utf-16"))
    table = read_ok(path)
    assert table.format == "CSV (tab, UTF-16)"
    assert table.rows == [Row(2, {"nama": "Agustinus Ndun", "nik": "1"})]


def test_tabs(tmp_path: Path) -> None:
    table = read_ok(write(tmp_path, "a.tsv", "Nama\tJabatan\tJK\nA, B\tKaur; Umum\tL\n"))
    assert table.format == "CSV (tab, UTF-8)"
    assert table.rows == [Row(2, {"nama": "A, B", "jabatan": "Kaur; Umum", "jenis_kelamin": "L"})]


def test_pipes(tmp_path: Path) -> None:
    table = read_ok(write(tmp_path, "a.txt", "Nama|NIK\nA;B,C|1\n"))
    assert table.format == "CSV ('|', UTF-8)"
    assert table.rows == [Row(2, {"nama": "A;B,C", "nik": "1"})]


def test_quoted_fields_with_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path, "q.csv", 'Nama;Jabatan\n"Ndun; Agustinus";"Kaur ""Umum"""\n')
    assert read_ok(path).rows == [Row(2, {"nama": "Ndun; Agustinus", "jabatan": 'Kaur "Umum"'})]


def test_newline_inside_quotes_keeps_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "n.csv",
                 'Nama,Jabatan\r\n"Agustinus\r\nNdun","Kepala\nDesa"\r\n\r\nMaria,Kaur\r\n')
    assert read_ok(path).rows == [
        Row(2, {"nama": "Agustinus\r\nNdun", "jabatan": "Kepala\nDesa"}),
        Row(6, {"nama": "Maria", "jabatan": "Kaur"}),
    ]


def test_title_lines_above_csv_header(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv",
                 "DAFTAR APARAT DESA;;\nKABUPATEN KUPANG, NTT;;\n;;\n"
                 "No.;Nama;Jabatan\n1;2;3\n1;Agustinus Ndun;Kepala Desa\n2;;\n;;\n")
    table = read_ok(path)
    assert table.format == "CSV (';', UTF-8)"
    assert table.header_line == 4
    assert table.ignored == ["No."]
    # the "1 2 3" column-numbering row and the pre-numbered empty row are not data
    assert table.rows == [Row(6, {"nama": "Agustinus Ndun", "jabatan": "Kepala Desa"})]


def test_short_and_long_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", "Nama,NIK,Jabatan\nA\nB,2,Kaur,extra,more\n")
    assert read_ok(path).rows == [
        Row(2, {"nama": "A", "nik": None, "jabatan": None}),
        Row(3, {"nama": "B", "nik": "2", "jabatan": "Kaur"}),
    ]


def test_special_characters_verbatim_csv(tmp_path: Path) -> None:
    names = ["Tom & Jerry", "<b>Ana</b>", 'Yohanes "Jhon" Ndun', "Na'i Bani", "{{ nama }}"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Nama", "NIK"])
    writer.writerows([name, str(i)] for i, name in enumerate(names))
    table = read_ok(write(tmp_path, "s.csv", buffer.getvalue()))
    assert [row.values["nama"] for row in table.rows] == names


def test_huge_cell_is_refused_at_its_row_and_a_huge_note_is_ignored(tmp_path: Path) -> None:
    big = "x" * 2_000_000
    path = write(tmp_path, "big.csv", f'Nama,NIK,Catatan\n"{big}",1,\nAna,2,"{big}"\n')
    table, problems = read_table(path, ALIASES, display="big.csv")
    assert problems == [Problem("big.csv", 2, "error", "Nama holds 2,000,000 characters; perbup "
                                "reads at most 1,000 in a cell", "check that the cell holds only "
                                "its value: a note belongs in a column perbup does not read")]
    assert table is not None
    assert table.rows == [Row(3, {"nama": "Ana", "nik": "2"})]
    longest = read_ok(write(tmp_path, "ok.csv", f"Nama,NIK\n{'x' * 1000},1\n"))
    assert longest.rows[0].values["nama"] == "x" * 1000


def test_text_direction_controls_are_refused_and_invisible_characters_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "Nama Lengkap,NIK\n"
                 "\u202eineN airaM,1\nMaria\u200b Ne\u200dno\ufeff,5301\u200b0412\n"
                 "Ana \u2066Bani\u2069,3\nAna\ue000,4\n")
    table, problems = read_table(path, ALIASES, display="a.csv")
    hint = "retype it; it was probably pasted from another program"
    assert problems == [
        Problem("a.csv", 2, "error", "Nama Lengkap '\\u202eineN airaM' contains a text-direction "
                "control character (U+202E), which can make it display reversed", hint),
        Problem("a.csv", 4, "error", "Nama Lengkap 'Ana \\u2066Bani\\u2069' contains a "
                "text-direction control character (U+2066), which can make it display reversed", hint),
        Problem("a.csv", 5, "error", "Nama Lengkap 'Ana\\ue000' contains a private-use or unassigned "
                "character (U+E000)",
                hint)]
    assert table is not None
    assert table.rows == [Row(3, {"nama": "Maria Neno", "nik": "53010412"})]


def test_a_nul_is_reported_at_its_line_and_the_rest_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "Nama,NIK\nAna Bani,1\nMaria\0 Neno,2\nNus\0,3\n")
    table, problems = read_table(path, ALIASES, display="a.csv")
    hint = "retype the cell, or export the file again: it was damaged"
    assert problems == [
        Problem("a.csv", 3, "error", "contains a NUL character (U+0000), which no cell holds", hint),
        Problem("a.csv", 4, "error", "contains a NUL character (U+0000), which no cell holds", hint)]
    assert table is not None
    assert len(table.rows) == 3


def test_a_formula_without_a_saved_result_is_reported_at_its_row(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nama", "NIK", "Depan", "Belakang"])
    sheet.append(['=C2&" "&D2', "5301010101800001", "Ana", "Bani"])
    sheet.append(["Maria Neno", "5301010101800002"])
    buffer = io.BytesIO()
    book.save(buffer)  # openpyxl, like many programs, stores formulas without their results
    table, problems = read_table(write(tmp_path, "a.xlsx", buffer.getvalue()), ALIASES,
                                 display="a.xlsx")
    assert problems == [Problem("a.xlsx", 2, "error", 'Nama holds a formula with no saved result: '
                                '=C2&" "&D2', "open the file in Excel or LibreOffice and save it "
                                "again, so that the results are saved in it")]
    assert table is not None
    assert table.rows == [Row(3, {"nama": "Maria Neno", "nik": "5301010101800002"})]


def test_header_only_warns(tmp_path: Path) -> None:
    table, problems = read_table(write(tmp_path, "h.csv", "Nama,NIK\n,\n"), ALIASES)
    assert table is not None and table.rows == []
    assert problems == [Problem(str(tmp_path / "h.csv"), 1, "warning",
                                "no data rows below the header")]


def test_unclosed_quote(tmp_path: Path) -> None:
    path = write(tmp_path, "u.csv", 'Nama,NIK\nA,1\n"B,2\nC,3\n')
    table, problems = read_table(path, ALIASES, display="u.csv")
    assert problems == [Problem("u.csv", 3, "error",
                                'a double quote (") that opens a cell here is never closed, '
                                "so the rest of the file was read as one cell",
                                'add the missing " at the end of the cell, or remove the stray one')]
    assert table is not None and table.rows[-1] == Row(3, {"nama": "B,2\nC,3", "nik": None})


def test_stray_quote_inside_cell_is_fine(tmp_path: Path) -> None:
    table = read_ok(write(tmp_path, "q.csv", 'Nama,NIK\nYohanes "Jhon,1\n'))
    assert table.rows == [Row(2, {"nama": 'Yohanes "Jhon', "nik": "1"})]


def test_duplicate_header(tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", "Nama,NIK,Nama Lengkap\nA,1,B\n")
    assert read_bad(path, display="d.csv") == [
        Problem("d.csv", 1, "error",
                'columns "Nama" (column 1) and "Nama Lengkap" (column 3) both mean "Nama"',
                "delete or rename all but one of them")]


def test_missing_required(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", "Nama,L/P\nA,L\n")
    assert read_bad(path, display="m.csv", required=["nama", "nik", "tanggal_lahir"]) == [
        Problem("m.csv", 1, "error",
                'missing required columns: "NIK" (or "No KTP"); "Tgl Lahir" (or "Tanggal Lahir")',
                "add the column, or rename its header to one of the spellings shown")]
    assert read_bad(path, display="m.csv", required=["jabatan"])[0].message == (
        'missing required column: "Jabatan"')


def test_required_column_without_aliases(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "Nama,Desa\nA,Oelnasi\n")
    table, problems = read_table(path, {"nama": ["Nama"]}, required=["nama", "desa"])
    assert problems == []
    assert table is not None and table.rows == [Row(2, {"nama": "A", "desa": "Oelnasi"})]


def test_no_header(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "foo,bar\n1,2\n")
    assert read_bad(path, display="x.csv", required=["nama", "nik"]) == [
        Problem("x.csv", None, "error", "no header row found; expected columns such as: Nama, NIK",
                "the header must be within the first 30 rows")]
    assert read_bad(path)[0].message == (
        "no header row found; expected columns such as: Nama, NIK, Jabatan, Tgl Lahir, L/P")


def test_header_beyond_row_30_is_not_found(tmp_path: Path) -> None:
    path = write(tmp_path, "late.csv", "judul\n" * 30 + "Nama,NIK\nA,1\n")
    assert read_bad(path)[0].message.startswith("no header row found")


@pytest.mark.parametrize("content", [b"", b"\r\n\r\n   \n", b"\xef\xbb\xbf", b";;;\r\n;;;\r\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    assert read_bad(write(tmp_path, "e.csv", content), display="e.csv") == [
        Problem("e.csv", None, "error", "file is empty")]


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, "b.csv", b"Nama,NIK\n\x00\x01\x02\xff")
    assert read_bad(path, display="b.csv") == [
        Problem("b.csv", None, "error", "is not a text table (it looks like a binary file)",
                TEXT_HINT)]
    assert read_bad(write(tmp_path, "c.csv", bytes(range(1, 9)) * 50))[0].message == (
        "is not a text table (it looks like a binary file)")


def test_old_xls(tmp_path: Path) -> None:
    path = write(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert read_bad(path, display="old.xls") == [
        Problem("old.xls", None, "error", "is an old Excel .xls file, which perbup cannot read",
                XLSX_HINT)]


def test_html_saved_as_xls(tmp_path: Path) -> None:
    path = write(tmp_path, "export.xls", "<html><body><table><tr><td>Nama</td></tr></table>")
    assert read_bad(path, display="export.xls") == [
        Problem("export.xls", None, "error",
                "is a web page or XML file, not a CSV or .xlsx table", XLSX_HINT)]


def test_xlsx_that_is_text(tmp_path: Path) -> None:
    path = write(tmp_path, "data.xlsx", "Nama;NIK\nA;1\n")
    assert read_bad(path, display="data.xlsx") == [
        Problem("data.xlsx", None, "error", "is not a valid .xlsx file (it contains plain text)",
                "if it is a CSV file, rename it to end in .csv; otherwise " + XLSX_HINT)]
    garbage = read_bad(write(tmp_path, "g.xlsx", b"\x00\x01garbage"))
    assert garbage[0].message == "is not a valid .xlsx file (it is not a zip archive)"


def test_text_that_is_xlsx(tmp_path: Path) -> None:
    data = xlsx_bytes({"Sheet1": [["Nama", "NIK"], ["Agustinus Ndun", "5301010101800001"]]})
    table = read_ok(write(tmp_path, "aparat.csv", data))
    assert table.format == "xlsx (sheet 'Sheet1', header on row 1)"
    assert table.rows == [Row(2, {"nama": "Agustinus Ndun", "nik": "5301010101800001"})]


def test_corrupt_xlsx(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.xlsx", b"PK\x03\x04" + b"\x00" * 60)
    assert read_bad(path, display="bad.xlsx") == [
        Problem("bad.xlsx", None, "error",
                "is not a valid .xlsx file (damaged, or not an Excel workbook: "
                "File is not a zip file)", XLSX_HINT)]
    # a real zip that is not a workbook (a .docx, a zip of scans) fails the same way
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    problems = read_bad(write(tmp_path, "zip.xlsx", buffer.getvalue()))
    assert problems[0].message.startswith("is not a valid .xlsx file (damaged, or not an Excel")


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook `data` with one more member, as a tool that pads a file might add it."""
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def test_xlsx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    good = xlsx_bytes({"Sheet1": [["Nama", "NIK"], ["Agustinus Ndun", "5301010101800001"]]})
    bomb = _with_member(good, "xl/worksheets/sheet2.xml", b" " * (11 * 2**20))
    assert read_bad(write(tmp_path, "bomb.xlsx", bomb), display="kiriman/bomb.xlsx") == [
        Problem("kiriman/bomb.xlsx", None, "error", "refused: xl/worksheets/sheet2.xml is "
                "compressed more than 200:1 (a zip bomb?)", "a list of village apparatus is a few "
                "MB; save it again from Excel or LibreOffice as .xlsx")]


def test_xlsx_parts_read_whole_and_sheets_have_size_limits(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    good = xlsx_bytes({"Sheet1": [["Nama", "NIK"], ["Agustinus Ndun", "5301010101800001"]]})
    noise = random.Random(1).randbytes(3 * 2**19)  # 1.5 MB that does not compress
    monkeypatch.setattr("perbup.load.tabular.MAX_TOTAL_SIZE", 2**20)
    path = write(tmp_path, "a.xlsx", _with_member(good, "xl/media/image1.png", noise))
    assert read_bad(path)[0].message == ("refused: xl/media/image1.png unpacks to more than 1 MB "
                                         "(a zip bomb?)")
    monkeypatch.setattr("perbup.load.tabular.MAX_SHEETS_SIZE", 2**20)
    path = write(tmp_path, "b.xlsx", _with_member(good, "xl/worksheets/sheet9.xml", noise))
    assert read_bad(path)[0].message == ("refused: its sheets unpack to more than 1 MB "
                                         "(a zip bomb?)")


def test_ods(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert read_bad(write(tmp_path, "a.ods", buffer.getvalue()), display="a.ods") == [
        Problem("a.ods", None, "error",
                "is not a valid .xlsx file (it is an OpenDocument spreadsheet)", XLSX_HINT)]


def test_missing_file(tmp_path: Path) -> None:
    assert read_bad(tmp_path / "nope.csv", display="nope.csv") == [
        Problem("nope.csv", None, "error", "cannot be read (No such file or directory)")]


def test_xlsx_title_block_dates_and_numbers(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["DAFTAR APARAT DESA"],
        ["KABUPATEN KUPANG"],
        [],
        ["No", "Nama", "NIK", "Tanggal\nLahir", "Jenis Kelamin"],
        [1, 2, 3, 4, 5],
        [1, "  Agustinus Ndun ", 5301010101800001, datetime.datetime(1980, 5, 17), "L"],
        [],
        [2, "Renée Zoë", "5301014102850002", datetime.datetime(1985, 2, 1, 7, 30), " "],
        [3, "Tom & <Jerry> \"O'Neil\"", 5.30101e15, "17/05/1980", None, "beyond header"],
        [4],
    ]
    data = xlsx_bytes({"Data": rows}, {"Data": ["A1:E1", "A2:E2"]})
    table = read_ok(write(tmp_path, "aparat.xlsx", data))
    assert table.format == "xlsx (sheet 'Data', header on row 4)"
    assert table.header_line == 4
    assert table.columns == {"nama": "Nama", "nik": "NIK", "tanggal_lahir": "Tanggal\nLahir",
                             "jenis_kelamin": "Jenis Kelamin"}
    assert table.ignored == ["No"]
    assert table.rows == [
        Row(6, {"nama": "Agustinus Ndun", "nik": 5301010101800001,
                "tanggal_lahir": datetime.date(1980, 5, 17), "jenis_kelamin": "L"}),
        Row(8, {"nama": "Renée Zoë", "nik": "5301014102850002",
                "tanggal_lahir": datetime.datetime(1985, 2, 1, 7, 30), "jenis_kelamin": None}),
        Row(9, {"nama": "Tom & <Jerry> \"O'Neil\"", "nik": 5301010000000000,
                "tanggal_lahir": "17/05/1980", "jenis_kelamin": None}),
    ]
    assert type(table.rows[0].values["nik"]) is int
    assert type(table.rows[0].values["tanggal_lahir"]) is datetime.date


def test_xlsx_keeps_float_cells(tmp_path: Path) -> None:
    data = xlsx_bytes({"S": [["Nama", "NIK"], ["A", 5.3010101018e-3]]})
    nik = read_ok(write(tmp_path, "f.xlsx", data)).rows[0].values["nik"]
    assert nik == 5.3010101018e-3 and type(nik) is float


def test_xlsx_several_sheets(tmp_path: Path) -> None:
    data = xlsx_bytes({
        "Kosong": [],
        "Petunjuk": [["Isi data di sheet berikut."], ["Nama harus lengkap."]],
        "Aparat": [["Nama", "Jabatan"], ["Agustinus Ndun", "Kepala Desa"]],
        "Lain": [["Nama", "NIK"], ["X", "1"]],
    })
    table = read_ok(write(tmp_path, "multi.xlsx", data))
    assert table.format == "xlsx (sheet 'Aparat', header on row 1)"
    assert table.rows == [Row(2, {"nama": "Agustinus Ndun", "jabatan": "Kepala Desa"})]


def test_xlsx_duplicate_header_uses_column_letters(tmp_path: Path) -> None:
    data = xlsx_bytes({"S": [["Nama", "No KTP", "NIK"], ["A", "1", "1"]]})
    assert read_bad(write(tmp_path, "d.xlsx", data), display="d.xlsx") == [
        Problem("d.xlsx", 1, "error",
                'columns "No KTP" (column B) and "NIK" (column C) both mean "NIK"',
                "delete or rename all but one of them")]


def test_xlsx_without_header(tmp_path: Path) -> None:
    data = xlsx_bytes({"A": [["x", "y"]], "B": [["Nama saja"]]})
    assert read_bad(write(tmp_path, "n.xlsx", data), display="n.xlsx", required=["nama"]) == [
        Problem("n.xlsx", None, "error", "no header row found; expected columns such as: Nama",
                "the header must be within the first 30 rows (looked at sheets 'A', 'B')")]


def test_empty_xlsx(tmp_path: Path) -> None:
    data = xlsx_bytes({"A": [], "B": [[None, "  "]]})
    assert read_bad(write(tmp_path, "e.xlsx", data), display="e.xlsx") == [
        Problem("e.xlsx", None, "error", "file is empty")]


CELL_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)
# what a cell may hold and keep as it is: no control, format (invisible or text-direction),
# private-use or unassigned character
PLAIN_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc", "Cf", "Co", "Cn"),
                                   include_characters="\t\r\n"), max_size=60)


@settings(max_examples=200, deadline=None)
@given(CELL_TEXT)
def test_any_cell_text_never_raises(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    # quoted by hand: Python 3.10's csv writer refuses a NUL, which the reader must still survive
    quoted = '"' + text.replace('"', '""') + '"'
    path = write(tmp_path_factory.mktemp("cell"), "a.csv", f"Nama,NIK\n{quoted},123\n")
    table, problems = read_table(path, ALIASES)
    assert table is not None or any(p.is_error for p in problems)


@settings(max_examples=200, deadline=None)
@given(PLAIN_TEXT)
def test_plain_cell_text_round_trips(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Nama", "NIK"], [text, "123"]])
    path = write(tmp_path_factory.mktemp("cell"), "a.csv", buffer.getvalue())
    table = read_ok(path)
    assert table.rows == [Row(2, {"nama": text.strip() or None, "nik": "123"})]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.csv", "a.xlsx", "a.txt"]),
       st.sampled_from([b"", b"PK\x03\x04", b"Nama;NIK\n", b"\xef\xbb\xbf"]))
def test_any_bytes_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str,
                               prefix: bytes) -> None:
    path = write(tmp_path_factory.mktemp("bytes"), name, prefix + data)
    table, problems = read_table(path, ALIASES, required=["nama"])
    assert table is not None or any(p.is_error for p in problems)
    assert all(p.severity in ("error", "warning") and p.message for p in problems)


def test_rows_can_be_handed_over_one_at_a_time_instead_of_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "Nama,NIK\nAna,1\n,\nMaria\u202e,2\nNus,3\n")
    seen: list[Row] = []
    table, problems = read_table(path, ALIASES, display="a.csv", each=seen.append)
    assert table is not None
    assert table.rows == []
    assert seen == [Row(2, {"nama": "Ana", "nik": "1"}), Row(5, {"nama": "Nus", "nik": "3"})]
    assert [p.row for p in problems] == [4]


def test_a_failure_in_the_row_handler_is_not_taken_for_a_damaged_workbook(tmp_path: Path) -> None:
    path = write(tmp_path, "a.xlsx", xlsx_bytes({"Sheet1": [["Nama", "NIK"], ["Ana", "1"]]}))

    def each(row: Row) -> None:
        raise LookupError("a bug in the caller")

    with pytest.raises(LookupError, match=r"^a bug in the caller$"):
        read_table(path, ALIASES, each=each)


def test_a_csv_is_read_piece_by_piece_never_held_whole(tmp_path: Path) -> None:
    # A national list is a hundred MB: its rows are validated as the file is read, so neither
    # its bytes nor its text is ever held whole (both were, once: twice the file in memory).
    rows = "".join(f"Orang {i},53010412038{i:05d},Kaur Umum\n" for i in range(24_000))
    path = write(tmp_path, "aparat.csv", "Nama,NIK,Jabatan\n" + rows)
    size = path.stat().st_size
    count, last = 0, None

    def each(row: Row) -> None:
        nonlocal count, last
        count, last = count + 1, row.values["nama"]

    tracemalloc.start()
    try:
        table, problems = read_table(path, ALIASES, each=each)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problems == [] and table is not None and table.rows == []
    assert (count, last) == (24_000, "Orang 23999")
    assert size > 900_000 and peak < size / 3
