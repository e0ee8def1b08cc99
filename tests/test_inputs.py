"""Hostile or mistyped input: every value a user types ends as a message at its row."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

import pytest

from perbup.load import dataset as dataset_module
from perbup.load import validate
from perbup.load.dataset import collect, load_dataset
from perbup.load.workspace import Workspace
from tests.helpers import CONFIG, DESA, HEADER, aparat_rows, make_workspace, nik, run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ROW = "53.01.04.2003,Ana Bani,{nik},Kaur Umum,{lahir},,{siltap},,\n"


def test_impossible_dates_in_the_settings_are_all_reported_at_their_lines(ws: Path) -> None:
    config = CONFIG.replace("2026-12-01", "2026-13-01") + "dasar:\n  tahun: 2026\n  x: 2026-02-30\n"
    make_workspace(ws, config=config)
    for command in ("check", "letters"):
        result = run(command, "-w", ws)
        assert result.code == 1
        assert result.lines == [
            f'{ws / "perbup.yaml"}:12: error: impossible date "2026-13-01"',
            "  hint: write a date that exists as YYYY-MM-DD, like 2026-12-01",
            f'{ws / "perbup.yaml"}:15: error: impossible date "2026-02-30"',
            "  hint: write a date that exists as YYYY-MM-DD, like 2026-12-01",
            "2 error(s), 0 warning(s); nothing was written",
        ]


def test_a_letter_date_the_deadline_cannot_follow_is_refused(ws: Path, tmp_path: Path) -> None:
    make_workspace(ws, config=CONFIG.replace("2026-12-01", "9999-12-30"))
    result = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert result.lines == [
        f"{ws / 'perbup.yaml'}:12: error: 'surat.tanggal': a letter date must lie between 1945 "
        "and 2200; 9999-12-30 does not",
        "1 error(s), 0 warning(s); nothing was written",
    ]
    make_workspace(ws, config=CONFIG.replace("2026-12-01", '"1 Desember 2026"'))
    assert run("check", "-w", ws).lines[:2] == [
        f"{ws / 'perbup.yaml'}:12: error: 'surat.tanggal': Input should be a valid date or "
        "datetime, invalid character in year",
        "  hint: write it as YYYY-MM-DD, like 2026-12-01",
    ]


def test_an_impossible_date_in_the_decree_content_is_reported_at_its_line(ws: Path) -> None:
    make_workspace(ws)
    (ws / "content").mkdir()
    text = (SEEDS / "content" / "perbup.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, t in enumerate(lines) if t.startswith("penetapan:"))
    lines.insert(at + 1, "  tanggal: 2026-02-29")
    (ws / "content" / "perbup.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.lines[:2] == [
        f'{ws / "content" / "perbup.yaml"}:{at + 2}: error: impossible date "2026-02-29"',
        "  hint: write a date that exists as YYYY-MM-DD, like 2026-12-01",
    ]


def test_rates_and_amounts_in_the_settings_are_bounded(ws: Path) -> None:
    config = CONFIG + ("iuran:\n  siltap:\n    dasar: Peraturan Bupati Kupang Nomor 5 Tahun 2026\n"
                       "    kepala_desa: -1\n    sekretaris_desa: 2402400\n"
                       "    perangkat: 99999999999999999999999\n")
    make_workspace(ws, config=config)
    result = run("check", "-w", ws)
    assert result.code == 1
    file = ws / "perbup.yaml"
    assert result.lines == [
        f"{file}:16: error: 'iuran.siltap.kepala_desa': Input should be greater than or equal to 0",
        f"{file}:18: error: 'iuran.siltap.perangkat': Input should be less than or equal to 1000000000",
        "2 error(s), 0 warning(s); nothing was written",
    ]


def test_digits_dates_and_amounts_a_cell_cannot_hold_are_messages_at_their_rows(ws: Path) -> None:
    rows = [ROW.format(nik="530104120385000\u00b2", lahir="", siltap=""),
            ROW.format(nik="\u0665\u0663\u0660\u0661\u0660\u0664\u0661\u0662\u0660\u0663\u0668"
                       "\u0665\u0660\u0660\u0660\u0669", lahir="", siltap=""),
            ROW.format(nik="5301041203850011", lahir="", siltap="9" * 30),
            ROW.format(nik="5301041203850012", lahir="01/01/0001", siltap=""),
            ROW.format(nik="5301041203850013", lahir="\u00b2\u00b2\u00b2\u00b2\u00b2", siltap="")]
    make_workspace(ws, HEADER + aparat_rows() + "".join(rows))
    result = run("check", "-w", ws)
    assert result.code == 1
    file = ws / "data" / "aparat.csv"
    assert result.lines == [
        f'{file}:6: error: NIK "530104120385000\u00b2" must be 16 digits; it contains other '
        "characters",
        f'{file}:7: error: NIK "\u0665\u0663\u0660\u0661\u0660\u0664\u0661\u0662\u0660\u0663'
        '\u0668\u0665\u0660\u0660\u0660\u0669" must be 16 digits; it contains other characters',
        f'{file}:8: error: amount "{"9" * 30}" is more than Rp 1.000.000.000 a month; check the '
        "number of digits",
        f"{file}:9: error: birth date 01/01/0001 is before 1900",
        "  hint: check it against the KTP",
        f'{file}:10: error: "\u00b2\u00b2\u00b2\u00b2\u00b2" is not a date; write it as dd/mm/yyyy',
        "2 kecamatan, 4 desa, 4 aparat (0 terdaftar): 5 error(s), 0 warning(s)",
    ]


# nine levels of nine aliases each: expanded, a billion items
LAUGHS = "  a: &a [lol]\n" + "".join(f"  {n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
                                       for p, n in zip("abcdefgh", "bcdefghi", strict=True))


def test_yaml_aliases_are_refused_in_settings_and_content_without_being_expanded(ws: Path) -> None:
    make_workspace(ws, config=CONFIG + "x:\n" + LAUGHS)
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.lines[:2] == [
        f"{ws / 'perbup.yaml'}:15: error: alias *a refused",
        "  hint: write the value out in full where the alias stands; perbup does not expand YAML "
        "aliases",
    ]
    assert result.lines[-1] == "72 error(s), 0 warning(s); nothing was written"
    make_workspace(ws)
    (ws / "content").mkdir()
    (ws / "content" / "perbup.yaml").write_text("judul: &j Kepesertaan\nnomor: *j\n", encoding="utf-8")
    result = run("decree", "-w", ws, "-o", ws / "out")
    assert result.code == 1
    assert result.lines[0] == f"{ws / 'content' / 'perbup.yaml'}:2: error: alias *j refused"
    assert not (ws / "out").exists()


PASTED = "  hint: retype it; it was probably pasted from another program"


def test_text_direction_controls_are_refused_wherever_text_reaches_a_document(ws: Path,
                                                                              tmp_path: Path) -> None:
    reversed_ = "which can make it display reversed"
    make_workspace(ws, config=CONFIG.replace("nama: Yosef Lede", "nama: Yosef \u2067Lede"))
    assert run("letters", "-w", ws, "-o", tmp_path / "out").lines == [
        f"{ws / 'perbup.yaml'}:8: error: 'Yosef \\u2067Lede' contains a text-direction control "
        f"character (U+2067), {reversed_}", PASTED,
        "1 error(s), 0 warning(s); nothing was written",
    ]
    make_workspace(ws, HEADER + aparat_rows().replace("Maria Neno", "\u202eoneN airaM"),
                   desa=DESA.replace("Otan,", "O\u202etan,"))
    (ws / "data" / "terdaftar.csv").write_text("NIK,Nama\n5301041203850001,Yohanis\u202e Tefa\n",
                                               encoding="utf-8")
    result = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert result.lines == [
        f"{ws / 'data' / 'desa.csv'}:3: error: Nama Desa 'O\\u202etan' contains a text-direction "
        f"control character (U+202E), {reversed_}", PASTED,
        f"{ws / 'data' / 'aparat.csv'}:3: error: Nama Lengkap '\\u202eoneN airaM' contains a "
        f"text-direction control character (U+202E), {reversed_}", PASTED,
        f"{ws / 'data' / 'terdaftar.csv'}:2: error: Nama 'Yohanis\\u202e Tefa' contains a "
        f"text-direction control character (U+202E), {reversed_}", PASTED,
        "3 error(s), 0 warning(s); nothing was written",
    ]
    assert not (tmp_path / "out").exists()


def test_invisible_characters_are_dropped_before_they_reach_a_letter(ws: Path) -> None:
    make_workspace(ws, HEADER + aparat_rows().replace("Maria Neno", "Maria\u200b Ne\u200dno\ufeff")
                   .replace("Kadus 1", "Kadus\u00ad 1"))
    dataset = load_dataset(Workspace.load(ws), today=dt.date(2026, 12, 1))
    assert [(p.nama, p.jabatan.nama) for p in dataset.aparat][1:] == [
        ("Maria Neno", "Sekretaris Desa"), ("Markus Baok", "Kepala Urusan Keuangan"),
        ("Daniel Lakapu", "Kepala Dusun 1")]
    assert dataset.problems == ()


def test_a_huge_cell_fails_check_at_its_row_not_the_letters_later(ws: Path) -> None:
    make_workspace(ws, HEADER + aparat_rows().replace("Maria Neno", "x" * 2_000_000))
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.lines == [
        f"{ws / 'data' / 'aparat.csv'}:3: error: Nama Lengkap holds 2,000,000 characters; perbup "
        "reads at most 1,000 in a cell",
        "  hint: check that the cell holds only its value: a note belongs in a column perbup does "
        "not read",
        "2 kecamatan, 4 desa, 3 aparat (0 terdaftar): 1 error(s), 0 warning(s)",
    ]


def test_a_nul_in_one_cell_is_reported_at_its_row(ws: Path) -> None:
    make_workspace(ws, HEADER + aparat_rows().replace("Maria Neno", "Maria\0 Neno"))
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.lines == [
        f"{ws / 'data' / 'aparat.csv'}:3: error: contains a NUL character (U+0000), which no cell "
        "holds",
        "  hint: retype the cell, or export the file again: it was damaged",
        "2 kecamatan, 4 desa, 4 aparat (0 terdaftar): 1 error(s), 0 warning(s)",
    ]


def test_a_validated_person_is_a_compact_record(ws: Path) -> None:
    make_workspace(ws)
    dataset = load_dataset(Workspace.load(ws), today=dt.date(2026, 12, 1))
    people = dataset.aparat
    # a national list holds a million of these: no per-record dict, one Jabatan per spelling,
    # the NIK as its digits alone, and no birth date or sex (checked against the NIK while the
    # row is read, and printed in no document)
    assert not hasattr(people[0], "__dict__")
    assert type(people[0].nik_number) is int and people[0].nik_number == 5301041203850001
    assert type(people[0].nik) is str
    assert people[0].nik == "5301041203850001"
    assert not hasattr(people[0], "tanggal_lahir") and not hasattr(people[0], "jenis_kelamin")
    again = load_dataset(Workspace.load(ws), today=dt.date(2026, 12, 1)).aparat
    assert again[0].jabatan is people[0].jabatan
    # and the desa they point at: no dict either, and the desa of a kecamatan share one Kecamatan
    bokonusan, otan = dataset.desa.by_code("53.01.04.2003"), dataset.desa.by_code("53.01.04.2004")
    assert bokonusan and otan and bokonusan.kecamatan.nama == "Semau"
    assert not hasattr(bokonusan, "__dict__") and not hasattr(bokonusan.kecamatan, "__dict__")
    assert bokonusan.kecamatan is otan.kecamatan


def test_repeated_niks_are_found_without_a_table_of_every_nik_kept_as_rows_are_read(
        ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A national list holds a million NIKs: repeats are found by sorting the records once the
    # list is read, not by a second table of every NIK that grows while it is read.
    rows = "".join(f"53.01.04.2003,Orang {i},{nik(serial=i)},Kadus {i},,,,,\n" for i in range(1, 60))
    twice = f"53.01.04.2004,Ana Bani,{nik(serial=7)},Kaur Umum,,,,,\n"
    make_workspace(ws, HEADER + rows + twice)
    only = [tracemalloc.Filter(True, validate.__file__)]
    held: list[int] = []
    real = dataset_module.build_aparat

    def build_aparat(*args: object) -> object:
        held.append(sum(t.size for t in tracemalloc.take_snapshot().filter_traces(only).traces))
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(dataset_module, "build_aparat", build_aparat)
    tracemalloc.start()
    try:
        _, _, problems = collect(Workspace.load(ws), today=dt.date(2026, 12, 1))
    finally:
        tracemalloc.stop()
    assert len(held) == 60 and held[-1] == held[0]
    shown = ws / "data" / "aparat.csv"
    assert [p.format() for p in problems.errors] == [
        f"{shown}:8: error: NIK {nik(serial=7)} is also used on row 61\n"
        "  hint: each person has one NIK; check which row has it wrong",
        f"{shown}:61: error: NIK {nik(serial=7)} is also used on row 8\n"
        "  hint: each person has one NIK; check which row has it wrong"]
