"""Cell parsers and the position list: the spellings people really type."""

from __future__ import annotations

import datetime as dt

import pytest

from perbup.base import values
from perbup.load.jabatan import parse_jabatan, suggest


@pytest.mark.parametrize(("typed", "expected"), [
    ("Kades", "Kepala Desa"), ("KEPALA DESA", "Kepala Desa"), ("kepala desa ", "Kepala Desa"),
    ("Sekdes", "Sekretaris Desa"), ("Sekertaris Desa", "Sekretaris Desa"),
    ("Kaur TU dan Umum", "Kepala Urusan Tata Usaha dan Umum"),
    ("Kaur Tata Usaha & Umum", "Kepala Urusan Tata Usaha dan Umum"),
    ("Kaur Keuangan", "Kepala Urusan Keuangan"), ("KAUR KEU", "Kepala Urusan Keuangan"),
    ("Kaur Umum dan Perencanaan", "Kepala Urusan Umum dan Perencanaan"),
    ("Kasi Kesra", "Kepala Seksi Kesejahteraan"), ("Kasie Pemerintahan", "Kepala Seksi Pemerintahan"),
    ("Kasi Kesejahteraan dan Pelayanan", "Kepala Seksi Kesejahteraan dan Pelayanan"),
    ("Kadus 1", "Kepala Dusun 1"), ("Kepala Dusun II", "Kepala Dusun II"),
    ("Ka. Dusun III", "Kepala Dusun III"), ("kadus oeleta", "Kepala Dusun Oeleta"),
    ("Dusun 4", "Kepala Dusun 4"), ("Kepala Dusun", "Kepala Dusun"),
])
def test_positions(typed: str, expected: str) -> None:
    jabatan = parse_jabatan(typed)
    assert jabatan is not None
    assert jabatan.nama == expected


def test_position_order_and_golongan() -> None:
    names = ["Kadus 2", "Kaur Keuangan", "Sekdes", "Kades", "Kasi Pelayanan", "Kadus 10", "Kadus 1"]
    ordered = sorted(parse_jabatan(n) for n in names)  # type: ignore[type-var]
    assert [j.nama for j in ordered] == [
        "Kepala Desa", "Sekretaris Desa", "Kepala Urusan Keuangan", "Kepala Seksi Pelayanan",
        "Kepala Dusun 1", "Kepala Dusun 2", "Kepala Dusun 10"]
    assert [j.golongan for j in ordered[:3]] == ["kepala_desa", "sekretaris_desa", "perangkat"]


def test_unknown_position_and_suggestion() -> None:
    assert parse_jabatan("Ketua RT") is None
    assert parse_jabatan("Kaur Pembangunan") is None
    assert suggest("Sekretaris Dsa") == "Sekretaris Desa"


@pytest.mark.parametrize(("typed", "expected"), [
    ("12/03/1985", dt.date(1985, 3, 12)), ("12-03-1985", dt.date(1985, 3, 12)),
    ("1985-03-12", dt.date(1985, 3, 12)), ("12 Maret 1985", dt.date(1985, 3, 12)),
    ("12 Agt 1985", dt.date(1985, 3, 12).replace(month=8)), (31118, dt.date(1985, 3, 12)),
    ("31118", dt.date(1985, 3, 12)), (dt.datetime(1985, 3, 12), dt.date(1985, 3, 12)),
])
def test_dates(typed: object, expected: dt.date) -> None:
    assert values.parse_date(typed) == expected


@pytest.mark.parametrize(("typed", "message"), [
    ("31/02/1985", 'impossible date "31/02/1985"'),
    ("kemarin", '"kemarin" is not a date; write it as dd/mm/yyyy'),
])
def test_bad_dates(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(") + "$"):
        values.parse_date(typed)


@pytest.mark.parametrize(("typed", "expected"), [
    ("2426640", 2426640), ("2.426.640", 2426640), ("Rp 2.426.640,00", 2426640),
    ("Rp2.426.640", 2426640), ("2,426,640", 2426640), (2426640.0, 2426640),
])
def test_rupiah(typed: object, expected: int) -> None:
    assert values.parse_rupiah(typed) == expected


def test_yes_no_gender_and_control_characters() -> None:
    assert [values.parse_yes_no(v) for v in ("Ya", "sudah", "1", "Tidak", "belum", "")[:5]] == [
        True, True, True, False, False]
    assert [values.parse_gender(v) for v in ("L", "Laki-laki", "perempuan", "P")] == ["L", "L", "P", "P"]
    assert values.control_character("Ana\u0007") == "U+0007"
    assert values.control_character("Ma'ruf & <Léo>") is None


@pytest.mark.parametrize(("typed", "message"), [
    (float("nan"), '"nan" is not an amount in rupiah; write it like 2426640'),
    (float("inf"), '"inf" is not an amount in rupiah; write it like 2426640'),
    ("\u0662\u0664\u0662\u0666\u0666\u0664\u0660", '"\u0662\u0664\u0662\u0666\u0666\u0664\u0660" '
     "is not an amount in rupiah; write it like 2426640"),
    ("24266400000", 'amount "24266400000" is more than Rp 1.000.000.000 a month; check the number '
     "of digits"),
    (1e300, 'amount "1e+300" is more than Rp 1.000.000.000 a month; check the number of digits'),
])
def test_amounts_no_siltap_can_be_are_refused_with_a_message(typed: object, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("+", r"\+") + "$"):
        values.parse_rupiah(typed)


def test_digits_int_cannot_read_are_not_numbers() -> None:
    with pytest.raises(ValueError, match=r'^"²²²²²" is not a date; write it as dd/mm/yyyy$'):
        values.parse_date("²²²²²")
    # a dusun "number" int() refuses, or too long to be one, is the dusun's name instead
    assert [parse_jabatan(t).nama for t in ("Kadus ²", "Kadus " + "9" * 5000)] == [  # type: ignore[union-attr]
        "Kepala Dusun ²", "Kepala Dusun " + "9" * 5000]
