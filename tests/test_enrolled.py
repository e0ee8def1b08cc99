"""The BPJS list of registered participants: reading it, matching it by NIK, and every command seeing it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from perbup.load.dataset import load_dataset
from perbup.load.enrolled import apply_enrolled, read_enrolled
from perbup.load.workspace import Workspace
from tests.helpers import HEADER, aparat_rows, make_workspace, nik, run

TODAY = dt.date(2026, 12, 1)
# Bokonusan (Semau) and Oelnasi (Kupang Tengah), four people each; see tests/helpers.py.
BOKONUSAN = [nik("530104", born, serial) for born, serial in
             (("120385", 1), ("520385", 2), ("120385", 3), ("120385", 4))]
OELNASI = [nik("530108", born, serial) for born, serial in
           (("120385", 11), ("520385", 12), ("120385", 13), ("120385", 14))]
TWO_DESA = HEADER + aparat_rows() + aparat_rows("53.01.08.2006", "530108", start=11)


def two_desa(root: Path, terdaftar: str | None = None) -> Path:
    make_workspace(root, TWO_DESA)
    if terdaftar is not None:
        (root / "data" / "terdaftar.csv").write_text(terdaftar, encoding="utf-8")
    return root


def read(tmp_path: Path, text: str, name: str = "bpjs.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_enrolled(path, name, today=TODAY)


# --- reading ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "row"), [
    ("NIK,KPJ", "{nik},21000000001"),
    ("No KTP,No KPJ", "{nik},21000000001"),
    ("Nomor Induk Kependudukan;Nomor Peserta", "{nik};21000000001"),
    ("Nama,NIK,Nomor KPJ", "Yohanis Tefa,{nik},21000000001"),
    ("nik;no. kpj;nama tenaga kerja", "'{nik};21000000001;Yohanis Tefa"),
])
def test_common_header_spellings(tmp_path: Path, header: str, row: str) -> None:
    enrolled, problems = read(tmp_path, f"{header}\n{row.format(nik=BOKONUSAN[0])}\n")
    assert problems == []
    assert dict(enrolled) == {BOKONUSAN[0]: "21000000001"}


def test_xlsx_with_a_title_row_and_numbers_as_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DAFTAR PESERTA BPJS KETENAGAKERJAAN"])
    sheet.append(["No", "Nama Peserta", "NIK", "No KPJ"])
    sheet.append([1, "Yohanis Tefa", BOKONUSAN[0], 21000000001])  # KPJ typed as a number
    sheet.append([2, "Maria Neno", int(BOKONUSAN[1]), "21000000002"])  # NIK typed as a number
    path = tmp_path / "peserta.xlsx"
    book.save(path)
    enrolled, problems = read_enrolled(path, "peserta.xlsx", today=TODAY)
    assert dict(enrolled) == {BOKONUSAN[0]: "21000000001"}
    assert enrolled.line == {BOKONUSAN[0]: 3} and enrolled.nama == {BOKONUSAN[0]: "Yohanis Tefa"}
    assert [p.format() for p in problems] == [
        f"peserta.xlsx:4: error: NIK {BOKONUSAN[1]} is stored as a number, and a spreadsheet keeps "
        "only 15 digits of a number, so its last digit may be lost\n"
        "  hint: format the column as Text and type the NIK again"]


def test_bad_rows_are_reported_with_file_and_row(tmp_path: Path) -> None:
    text = ("NIK,No KPJ,Nama\n"
            f"{BOKONUSAN[0]},21000000001,A\n"
            ",21000000002,B\n"
            "530104120385001,21000000003,C\n"
            f"{BOKONUSAN[1]},2.1E+10,D\n"
            f"{BOKONUSAN[0]},21000000009,A\n"
            f"{BOKONUSAN[2]},21000000001,E\n"
            f"{BOKONUSAN[3]},,F\n"
            f"{BOKONUSAN[0]},21000000001,A\n")
    enrolled, problems = read(tmp_path, text)
    assert [p.format().splitlines()[0] for p in problems] == [
        "bpjs.csv:3: error: NIK is empty",
        'bpjs.csv:4: error: NIK "530104120385001" has 15 digits; a NIK has 16',
        'bpjs.csv:5: error: KPJ number "2.1E+10" was turned into a number by a spreadsheet; '
        "format the column as Text and type it again",
        f"bpjs.csv:6: error: NIK {BOKONUSAN[0]} has KPJ number 21000000009 here and 21000000001 "
        "on row 2",
        "bpjs.csv:7: error: KPJ number 21000000001 is also given on row 2, to another NIK",
        f"bpjs.csv:8: warning: NIK {BOKONUSAN[3]} has no KPJ number; counted as enrolled without one",
        f"bpjs.csv:9: warning: NIK {BOKONUSAN[0]} is listed twice (also on row 2)",
    ]
    assert dict(enrolled) == {BOKONUSAN[0]: "21000000001", BOKONUSAN[3]: None}


def test_a_list_without_kpj_column_still_enrols(tmp_path: Path) -> None:
    enrolled, problems = read(tmp_path, f"NIK,Nama\n{BOKONUSAN[0]},Yohanis Tefa\n")
    assert dict(enrolled) == {BOKONUSAN[0]: None}
    assert [p.format().splitlines()[0] for p in problems] == [
        "bpjs.csv:1: warning: no KPJ column: the people are counted as enrolled without their "
        "membership number"]


def test_a_file_without_nik_column_is_refused(tmp_path: Path) -> None:
    enrolled, problems = read(tmp_path, "Nama,No KPJ\nA,21000000001\n")
    assert not enrolled
    assert problems[0].format().startswith('bpjs.csv:1: error: missing required column: "NIK"')


# --- matching ----------------------------------------------------------------------------------

def test_apply_enrolled_matches_by_nik_and_counts_unknown_and_missing(tmp_path: Path) -> None:
    dataset = load_dataset(Workspace.load(two_desa(tmp_path / "ws")), today=TODAY)
    unknown = nik("530104", "010190", 99)
    enrolled, _ = read(tmp_path, "NIK,No KPJ\n" + "".join(
        f"{n},2100000000{i}\n" for i, n in enumerate([*BOKONUSAN[:3], unknown, OELNASI[0]])))
    people, result = apply_enrolled(dataset.aparat, enrolled)
    assert len(people) == len(dataset.aparat) == 8
    by_nik = {p.nik: p for p in people}
    assert [by_nik[n].kpj for n in BOKONUSAN] == ["21000000000", "21000000001", "21000000002", None]
    assert sum(p.terdaftar for p in people) == 4
    # untouched people are the very same records
    assert by_nik[BOKONUSAN[3]] is next(p for p in dataset.aparat if p.nik == BOKONUSAN[3])
    assert [p.nik for p in result.matched] == [*BOKONUSAN[:3], OELNASI[0]]
    assert result.baru == 4
    assert [(p.nik, p.kpj, p.line) for p in result.unknown] == [(unknown, "21000000003", 5)]
    assert [(d.desa.nama, d.aparat, d.belum, d.disentuh) for d in result.missing] == [
        ("Bokonusan", 4, 1, True), ("Oelnasi", 4, 3, True)]
    assert result.belum == 4 and result.file == "bpjs.csv"


def test_apply_enrolled_takes_a_plain_mapping(tmp_path: Path) -> None:
    dataset = load_dataset(Workspace.load(two_desa(tmp_path / "ws")), today=TODAY)
    people, result = apply_enrolled(dataset.aparat, {n: None for n in OELNASI})
    assert [d.desa.nama for d in result.missing] == ["Bokonusan"]
    assert all(p.terdaftar for p in people if p.desa.nama == "Oelnasi")
    assert result.unknown == () and result.matched[0].line is None


# --- every command sees data/terdaftar.csv -------------------------------------------------------

def test_workspace_list_marks_people_enrolled_with_warnings(tmp_path: Path) -> None:
    unknown = nik("530104", "010190", 99)
    ws = two_desa(tmp_path / "ws", "NIK,Nama Peserta,No KPJ\n"
                  f"{BOKONUSAN[0]},Yohanis Tefa S.Pd,21000000001\n"
                  f"{BOKONUSAN[1]},Siti Aminah,21000000002\n"
                  f"{unknown},Orang Lain,21000000003\n")
    dataset = load_dataset(Workspace.load(ws), today=TODAY)
    assert sum(p.terdaftar for p in dataset.aparat) == 2
    assert dataset.enrolled is not None and dataset.enrolled.file.endswith("terdaftar.csv")
    messages = [p.format().splitlines()[0].split("data/", 1)[-1] for p in dataset.problems]
    assert messages == [
        f"terdaftar.csv:3: warning: name \"Siti Aminah\" differs from \"Maria Neno\" for NIK "
        f"{BOKONUSAN[1]} in {ws / 'data' / 'aparat.csv'} (row 3)",
        f"terdaftar.csv:4: warning: NIK {unknown} (Orang Lain) is not in the apparatus list "
        f"({ws / 'data' / 'aparat.csv'})",
    ]


def test_check_reports_errors_in_the_list_and_letters_write_nothing(tmp_path: Path) -> None:
    ws = two_desa(tmp_path / "ws", f"NIK,KPJ\n{BOKONUSAN[0]},21000000001\n12345,21000000002\n")
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.lines[0].endswith('terdaftar.csv:3: error: NIK "12345" has 5 digits; a NIK has 16')
    assert result.lines[-1] == "2 kecamatan, 4 desa, 8 aparat (0 terdaftar): 1 error(s), 0 warning(s)"
    letters = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert letters.code == 1 and not (tmp_path / "out").exists()


def test_next_letters_batch_leaves_a_fully_enrolled_desa_out(tmp_path: Path) -> None:
    ws = two_desa(tmp_path / "ws")
    before = run("letters", "-w", ws, "--dry-run")
    assert before.code == 0 and len(before.stdout.splitlines()) == 2
    (ws / "data" / "terdaftar.csv").write_text(
        "NIK,No KPJ\n" + "".join(f"{n},2100000000{i}\n" for i, n in enumerate(BOKONUSAN)),
        encoding="utf-8")
    after = run("letters", "-w", ws, "--dry-run")
    assert after.code == 0, after.stderr
    assert len(after.stdout.splitlines()) == 1
    assert "Oelnasi" in after.stdout and "Bokonusan" not in after.stdout
    assert run("check", "-w", ws).lines[-1].startswith("2 kecamatan, 4 desa, 8 aparat (4 terdaftar)")


def test_xlsx_list_is_picked_up_and_a_second_list_is_flagged(tmp_path: Path) -> None:
    ws = two_desa(tmp_path / "ws", f"NIK,KPJ\n{OELNASI[0]},21000000001\n")
    book = openpyxl.Workbook()
    book.active.append(["NIK", "KPJ"])
    book.active.append([OELNASI[1], "21000000002"])
    book.save(ws / "data" / "terdaftar.xlsx")
    dataset = load_dataset(Workspace.load(ws), today=TODAY)
    assert {p.nik for p in dataset.aparat if p.terdaftar} == {OELNASI[0]}
    assert [p.format().splitlines()[0] for p in dataset.problems] == [
        f"{ws / 'data' / 'terdaftar.xlsx'}: warning: is ignored: terdaftar.csv is used"]
    (ws / "data" / "terdaftar.csv").unlink()
    dataset = load_dataset(Workspace.load(ws), today=TODAY)
    assert {p.nik for p in dataset.aparat if p.terdaftar} == {OELNASI[1]}
