"""The table of legal facts: read strictly, each mistake at its line; the row in force by date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from perbup.base.errors import DataError
from perbup.load.rules import RULES_FILE, Dicabut, bundled_rules, in_force, load_rules

D = dt.date


def _copy(tmp_path: Path, old: str = "", new: str = "", append: str = "") -> Path:
    text = RULES_FILE.read_text(encoding="utf-8")
    if old:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "rules.yaml"
    path.write_text(text + append, encoding="utf-8")
    return path


def _errors(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_rules(path, "rules.yaml")
    return [p.format() for p in caught.value.problems]


def _line(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_every_row_cites_an_act_of_the_table_and_says_why_when_unverified() -> None:
    rules = bundled_rules()
    for _, _, row in rules.rows():
        act = rules.act(row.peraturan)
        assert row.pasal.startswith(("Pasal", "Lampiran")), row
        assert act.berlaku <= row.berlaku or row.peraturan == "PP 5/2024", row  # its table predates it
        assert not row.unverified or row.catatan, row


def test_the_base_pay_in_force_follows_the_salary_pp_of_the_date() -> None:
    rules = bundled_rules()
    found = [in_force(rules.gaji_pokok, day) for day in (D(2023, 6, 1), D(2026, 12, 1))]
    assert [(r.rupiah, r.peraturan) for r in found if r] == [(2_022_200, "PP 15/2019"),
                                                              (2_184_000, "PP 5/2024")]
    assert in_force(rules.gaji_pokok, D(2018, 12, 31)) is None


def test_a_row_ends_at_its_sampai_and_a_later_row_takes_over() -> None:
    rules = bundled_rules()

    def kepala(day: dt.date) -> tuple[object, ...]:
        row = in_force(rules.siltap_minimum, day, golongan="kepala_desa")
        assert row is not None
        return row.peraturan, row.rupiah, row.persen

    assert kepala(D(2026, 3, 26)) == ("PP 11/2019", 2_426_640, None)
    assert kepala(D(2026, 3, 27)) == ("PP 16/2026", None, 120)
    # The 2015 JP cap ends in February 2016; the table has none again until March 2020.
    assert in_force(rules.jp_batas_upah, D(2018, 6, 1)) is None
    caps = [in_force(rules.jp_batas_upah, day) for day in (D(2026, 2, 28), D(2026, 3, 1))]
    assert [r.rupiah for r in caps if r] == [10_547_400, 11_086_300]


def test_revoked_acts_with_the_act_and_article_that_revoked_them() -> None:
    rules = bundled_rules()
    assert rules.revoked() == [Dicabut(act, "PP 16/2026", D(2026, 3, 27), "PP 16/2026 Pasal 187")
                               for act in ("PP 43/2014", "PP 47/2015", "PP 11/2019")]
    assert rules.revoked(on=D(2026, 3, 26)) == []


def test_a_change_of_law_is_a_row_in_a_copy_of_the_table(tmp_path: Path) -> None:
    path = _copy(tmp_path, "\n# The least siltap", """
  - rupiah: 2300000
    peraturan: PP 5/2024
    pasal: Lampiran
    berlaku: 2027-01-01
    unverified: true
    catatan: a salary raise a test makes up

# The least siltap""")
    rules = load_rules(path)
    found = [in_force(rules.gaji_pokok, day) for day in (D(2026, 12, 31), D(2027, 1, 1))]
    assert [r.rupiah for r in found if r] == [2_184_000, 2_300_000]


def test_mistakes_in_the_table_are_reported_at_their_lines(tmp_path: Path) -> None:
    path = _copy(tmp_path, "  - {program: jkm, rupiah: 6800,", "  - {program: jkm, rupiah: 6800, tarif: 1,")
    text = path.read_text(encoding="utf-8").replace(
        "    catatan: PP 46/2015's text was not available; the rate, the shares and the article are the "
        "reference's\n", "")
    path.write_text(text, encoding="utf-8")
    assert _errors(path) == [
        f"rules.yaml:{_line(path, 'program: jht')}: error: 'tarif_pu.6': an unverified "
        "row needs a 'catatan' saying why",
        f"rules.yaml:{_line(path, 'tarif: 1')}: error: unknown setting 'tarif_bpu.1.tarif'\n"
        "  hint: known settings here: unverified, catatan, peraturan, pasal, berlaku, sampai, program, "
        "persen, rupiah",
    ]


def test_a_citation_of_an_unlisted_act_and_two_rows_of_one_day(tmp_path: Path) -> None:
    path = _copy(tmp_path, "  - {program: jkm, pemberi_kerja: 0.30, peraturan: PP 44/2015,",
                 "  - {program: jkm, pemberi_kerja: 0.30, peraturan: PP 99/2015,")
    text = path.read_text(encoding="utf-8").replace(
        "  - {rupiah: 9077600,", "  - {rupiah: 9077601, peraturan: PP 45/2015, pasal: Pasal 29 ayat (3), "
        "berlaku: 2022-03-01}\n  - {rupiah: 9077600,")
    path.write_text(text, encoding="utf-8")
    jkm, twice = _line(path, "PP 99/2015"), _line(path, "rupiah: 9077600,")
    assert _errors(path) == [
        f"rules.yaml:{jkm}: error: 'tarif_pu' row cites 'PP 99/2015', which 'peraturan' does not list\n"
        "  hint: add the act to 'peraturan' with its name and date",
        f"rules.yaml:{twice}: error: two 'jp_batas_upah' rows of the same fact take effect on 2022-03-01\n"
        f"  hint: the other is at line {twice - 1}; keep one",
    ]
