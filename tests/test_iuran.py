"""Contributions: the worked check from the reference, rounding, JP cap, enrolled people."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from perbup.aparat import Aparat
from perbup.config import Iuran
from perbup.formats import persen, rupiah_terbilang, tanggal
from perbup.iuran import jp_cap, per_person, rekap
from perbup.jabatan import parse_jabatan
from perbup.nik import parse
from perbup.regions import Desa, Kecamatan

DESA = Desa("53.01.04.2003", "Bokonusan", Kecamatan("53.01.04", "Semau"))
MONTH = dt.date(2026, 12, 1)


def person(jabatan: str, siltap: int | None = None, terdaftar: bool = False, serial: int = 1) -> Aparat:
    nik = parse(f"5301041203850{serial:03d}", today=MONTH)
    found = parse_jabatan(jabatan)
    assert found is not None
    return Aparat(1, DESA, f"Orang {serial}", nik, found, None, None, siltap, terdaftar, None)


def test_worked_check_from_the_reference() -> None:
    # shared/reference/bpjs.md: JKK 0.24 % + JKM 0.30 % at the minimums.
    settings = Iuran()
    kades = per_person(person("Kades"), settings, MONTH)
    sekdes = per_person(person("Sekdes"), settings, MONTH)
    kaur = per_person(person("Kaur Keuangan"), settings, MONTH)
    assert (kades.per_program, kades.bulanan) == ((5824, 7280), 13104)
    assert (sekdes.per_program, sekdes.bulanan) == ((5339, 6673), 12012)
    assert (kaur.per_program, kaur.bulanan) == ((4853, 6067), 10920)
    desa = rekap([kades, sekdes] + [kaur] * 10, settings.program)
    assert (desa.bulanan, desa.tahunan) == (134316, 1611792)


def test_all_programmes_half_up_rounding_and_jp_cap() -> None:
    settings = Iuran(program=["jkk", "jkm", "jht", "jp"])
    row = per_person(person("Kades", siltap=12_000_001), settings, MONTH)
    # JP base is capped at Rp 11.086.300 (2026): 3 % of it is 332.589
    assert row.per_program == (28800, 36000, 684000, 332589)
    assert jp_cap(settings, dt.date(2026, 2, 1)) == 10_547_400
    assert jp_cap(settings, dt.date(2026, 3, 1)) == 11_086_300
    half = per_person(person("Kaur Keuangan", siltap=2_500_000), Iuran(), MONTH)
    assert half.per_program == (6000, 7500)
    odd = per_person(person("Kaur Keuangan", siltap=2_022_250), Iuran(), MONTH)
    assert odd.per_program == (4853, 6067)  # 4853.4 → 4853; 6066.75 → 6067


def test_enrolled_people_are_not_charged_again() -> None:
    settings = Iuran()
    rows = [per_person(person("Kades", terdaftar=True), settings, MONTH),
            per_person(person("Sekdes", serial=2), settings, MONTH)]
    total = rekap(rows, settings.program)
    assert (total.aparat, total.terdaftar, total.belum, total.bulanan) == (2, 1, 1, 12012)


def test_formats() -> None:
    assert rupiah_terbilang(1611792) == ("satu juta enam ratus sebelas ribu tujuh ratus sembilan "
                                         "puluh dua rupiah")
    assert tanggal(dt.date(2021, 6, 30)) == "30 Juni 2021"
    assert [persen(Decimal(x)) for x in ("0.24", "0.3", "5.7", "3")] == ["0,24%", "0,30%", "5,7%", "3%"]


def test_self_employed_pay_on_the_declared_income_and_a_flat_jkm() -> None:
    # shared/reference/bpjs.md: JKK 1 % of the declared income, JKM Rp 6.800 flat, JHT 2 %;
    # the cheapest package, on Rp 1.000.000, is Rp 16.800 a month.
    settings = Iuran(skema="bpu")
    kades = per_person(person("Kades", siltap=3_000_000), settings, MONTH)
    kaur = per_person(person("Kaur Keuangan", serial=2), settings, MONTH)
    assert (kades.upah, kades.per_program, kades.bulanan) == (1_000_000, (10_000, 6_800), 16_800)
    assert kaur.per_program == (10_000, 6_800)  # the siltap plays no part
    desa = rekap([kades] + [kaur] * 11, settings.program)
    assert (desa.bulanan, desa.tahunan) == (201_600, 2_419_200)
    higher = Iuran(skema="bpu", program=["jkk", "jkm", "jht"], bpu={"penghasilan": 2_150_000})
    assert per_person(person("Kades"), higher, MONTH).per_program == (21_500, 6_800, 43_000)
    enrolled = per_person(person("Kades", terdaftar=True), settings, MONTH)
    assert enrolled.per_program == (0, 0)


def test_contributions_of_a_big_list_are_compact_and_share_their_amounts() -> None:
    # A national list computes one of these a person: no per-object __dict__, and people with
    # the same wage share one amounts tuple (and wage) instead of each holding a copy.
    settings = Iuran()
    first = per_person(person("Kaur Keuangan", serial=1), settings, MONTH)
    second = per_person(person("Kaur Keuangan", serial=2), settings, MONTH)
    assert not hasattr(first, "__dict__")
    assert first.per_program == second.per_program == (4853, 6067)
    assert first.per_program is second.per_program
    assert first.upah is second.upah
