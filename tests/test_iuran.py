"""Contributions under the law of the date: the reference's worked checks, the base pay and the
minimum siltap in force, each share rounded on its own, the JP cap, enrolled people.

Expected figures come from the rows of the rules table (or the reference's worked checks), not
from the code under test.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from perbup.base.formats import persen, rupiah_terbilang, tanggal
from perbup.compute.iuran import per_person, rekap
from perbup.load.aparat import Aparat
from perbup.load.config import Config
from perbup.load.jabatan import parse_jabatan
from perbup.load.ketentuan import Ketentuan, resolve
from perbup.load.nik import parse
from perbup.load.regions import Desa, Kecamatan
from perbup.load.rules import Rules, bundled_rules, in_force

DESA = Desa("53.01.04.2003", "Bokonusan", Kecamatan("53.01.04", "Semau"))
MONTH = dt.date(2026, 12, 1)
IN_2023 = dt.date(2023, 6, 1)


def config(**iuran: Any) -> Config:
    return Config.model_validate({
        "kabupaten": {"kode": "53.01", "nama": "Kabupaten Kupang", "ibu_kota": "Oelamasi",
                      "provinsi": "Nusa Tenggara Timur"},
        "pejabat": {"bupati": {"nama": "B"}, "sekretaris_daerah": {"nama": "S"}},
        "iuran": iuran})


def law(date: dt.date = MONTH, rules: Rules | None = None, **iuran: Any) -> Ketentuan:
    return resolve(rules or bundled_rules(), config(**iuran), date)


def half_up(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def person(jabatan: str, siltap: int | None = None, terdaftar: bool = False, serial: int = 1) -> Aparat:
    nik = parse(f"5301041203850{serial:03d}", today=MONTH).digits
    found = parse_jabatan(jabatan)
    assert found is not None
    return Aparat(1, DESA, f"Orang {serial}", int(nik), found, siltap, terdaftar, None)


def test_worked_checks_from_the_reference_at_the_2019_and_the_2024_minimums() -> None:
    # shared/reference/bpjs.md: JKK 0.24 % + JKM 0.30 % at each year's minimums.
    for date, expected in ((IN_2023, [(5824, 7280), (5339, 6673), (4853, 6067)]),
                           (MONTH, [(6290, 7862), (5766, 7207), (5242, 6552)])):
        k = law(date)
        rows = [per_person(person(j), k) for j in ("Kades", "Sekdes", "Kaur Keuangan")]
        assert [r.per_program for r in rows] == expected, date
        assert [r.iuran for r in rows] == [sum(e) for e in expected]


def test_a_date_in_2023_gets_the_2019_base_pay_and_one_in_2026_the_2024_one() -> None:
    assert [s.dasar_upah for s in law(IN_2023).siltap.values()] == [2_426_640, 2_224_420, 2_022_200]
    after = law(MONTH)
    assert [s.dasar_upah for s in after.siltap.values()] == [2_620_800, 2_402_400, 2_184_000]
    assert after.siltap["perangkat"].gaji_pokok is not None
    assert after.siltap["perangkat"].gaji_pokok.peraturan == "PP 5/2024"
    # The minimums are the shares of the base pay row, as the table gives them.
    rules = bundled_rules()
    pay = in_force(rules.gaji_pokok, MONTH)
    assert pay is not None
    for golongan, siltap in after.siltap.items():
        row = in_force(rules.siltap_minimum, MONTH, golongan=golongan)
        assert row is not None and row.persen is not None
        assert siltap.minimum == half_up(row.persen * pay.rupiah / 100)


def test_the_regents_siltap_is_the_base_when_the_list_gives_none() -> None:
    k = law(siltap={"dasar": "Peraturan Bupati Kupang Nomor 5 Tahun 2026", "kepala_desa": 3_000_000,
                    "sekretaris_desa": 2_700_000, "perangkat": 2_500_000})
    assert per_person(person("Kades"), k).upah == 3_000_000
    assert per_person(person("Kaur Keuangan", siltap=2_600_000), k).upah == 2_600_000  # the list's


def test_employer_and_worker_shares_are_rounded_each_on_its_own() -> None:
    k = law(program=["jkk", "jkm", "jht", "jp"])
    rules = bundled_rules()
    rows = {p: in_force(rules.tarif_pu, MONTH, program=p,
                        kelas_risiko="sangat_rendah" if p == "jkk" else None) for p in k.programs}
    base = 2_500_009
    got = per_person(person("Kaur Keuangan", siltap=base), k)
    employer = tuple(half_up(base * r.pemberi_kerja / 100) for r in rows.values() if r)
    worker = tuple(half_up(base * r.pekerja / 100) for r in rows.values() if r)
    assert (got.pemberi_kerja, got.pekerja) == (employer, worker)
    # JHT: 3.7 % gives 92.500,33 and 2 % 50.000,18, so 142.500; 5.7 % at once would give 142.501.
    assert got.per_program[2] == 142_500
    assert (got.dianggarkan, got.dipotong, got.iuran) == (sum(employer), sum(worker),
                                                          sum(employer) + sum(worker))


def test_the_jp_base_is_capped_from_march_with_the_year_s_row() -> None:
    rules = bundled_rules()
    for date in (dt.date(2026, 2, 1), dt.date(2026, 3, 1)):
        cap = in_force(rules.jp_batas_upah, date)
        assert cap is not None
        row = per_person(person("Kades", siltap=12_000_001), law(date, program=["jp"]))
        assert row.pemberi_kerja == (half_up(Decimal(cap.rupiah) * 2 / 100),), date
        assert row.pekerja == (half_up(Decimal(cap.rupiah) / 100),), date


def test_enrolled_people_are_not_charged_again() -> None:
    k = law()
    rows = [per_person(person("Kades", terdaftar=True), k), per_person(person("Sekdes", serial=2), k)]
    total = rekap(rows, k.programs)
    assert (total.aparat, total.terdaftar, total.belum, total.iuran) == (2, 1, 1, 5766 + 7207)
    assert total.tahunan == 12 * (5766 + 7207)


def test_formats() -> None:
    assert rupiah_terbilang(1611792) == ("satu juta enam ratus sebelas ribu tujuh ratus sembilan "
                                         "puluh dua rupiah")
    assert tanggal(dt.date(2021, 6, 30)) == "30 Juni 2021"
    assert [persen(Decimal(x)) for x in ("0.24", "0.3", "5.7", "3")] == ["0,24%", "0,30%", "5,7%", "3%"]


def test_self_employed_pay_on_the_declared_income_and_a_flat_jkm() -> None:
    # shared/reference/bpjs.md: JKK 1 % of the declared income, JKM Rp 6.800 flat, JHT 2 %;
    # the cheapest package, on Rp 1.000.000, is Rp 16.800 a month.
    k = law(skema="bpu")
    kades = per_person(person("Kades", siltap=3_000_000), k)
    kaur = per_person(person("Kaur Keuangan", serial=2), k)
    assert (kades.upah, kades.per_program, kades.iuran) == (1_000_000, (10_000, 6_800), 16_800)
    assert kaur.per_program == (10_000, 6_800)  # the siltap plays no part
    desa = rekap([kades] + [kaur] * 11, k.programs)
    assert (desa.dianggarkan, desa.tahunan) == (201_600, 2_419_200)
    higher = law(skema="bpu", program=["jkk", "jkm", "jht"], bpu={"penghasilan": 2_150_000})
    assert per_person(person("Kades"), higher).per_program == (21_500, 6_800, 43_000)


def test_a_risk_class_takes_its_own_jkk_row() -> None:
    rules = bundled_rules()
    row = in_force(rules.tarif_pu, MONTH, program="jkk", kelas_risiko="tinggi")
    assert row is not None
    got = per_person(person("Kaur Keuangan", siltap=2_000_000), law(kelas_risiko="tinggi"))
    assert got.per_program[0] == half_up(2_000_000 * row.pemberi_kerja / 100)
