"""The law of the date in the documents: the regent's siltap against the minimum, a change of
law as a row of the table, `perbup rules`, and the registration deadline stated once."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from perbup.compute.deadline import aturan, batas
from perbup.documents.letters import LettersOptions, plan_letters
from perbup.load.dataset import load_dataset
from perbup.load.rules import RULES_FILE, load_rules
from perbup.load.workspace import Workspace
from tests.expected import angka, half_up, minimum, rate
from tests.helpers import CONFIG, make_workspace, run

PERBUP = "Peraturan Bupati Kupang Nomor 5 Tahun 2026 tentang Penghasilan Tetap"


def siltap(amounts: tuple[int, int, int], extra: str = "") -> str:
    kades, sekdes, perangkat = amounts
    return (CONFIG + f"iuran:\n  siltap:\n    dasar: {PERBUP}\n{extra}    kepala_desa: {kades}\n"
            f"    sekretaris_desa: {sekdes}\n    perangkat: {perangkat}\n")


# --- the regent's siltap (PP 16/2026 Pasal 92) -------------------------------------------------

def test_the_regents_siltap_is_the_base_and_the_letter_cites_its_perbup(ws: Path) -> None:
    make_workspace(ws, config=siltap((3_000_000, 2_800_000, 2_500_000)))
    planned, _ = plan_letters(load_dataset(Workspace.load(ws)), LettersOptions())
    context = planned[0].context
    assert [a["upah"] for a in context["aparat"]] == ["3.000.000", "2.800.000", "2.500.000", "2.500.000"]
    assert context["catatan"][0].startswith(
        f"Dasar upah iuran adalah penghasilan tetap aparat desa sebulan; apabila daftar aparat desa "
        f"tidak memuatnya, dipakai penghasilan tetap menurut {PERBUP}: kepala desa Rp3.000.000,00")


def test_a_siltap_below_the_minimum_in_force_is_an_error_citing_the_article(ws: Path) -> None:
    # PP 11/2019's amounts, still typed after PP 16/2026 raised the minimum with the base pay
    make_workspace(ws, config=siltap((2_426_640, 2_402_400, 2_184_000)))
    result = run("check", "-w", ws)
    assert result.code == 1
    least = angka(minimum("kepala_desa"))  # from the table's rows
    assert result.lines[:2] == [
        f"{ws / 'perbup.yaml'}:16: error: 'iuran.siltap.kepala_desa': Rp 2.426.640 for Kepala Desa is "
        f"below the minimum of Rp {least} (PP 16/2026 Pasal 90 ayat (2) huruf a: 120% of the grade "
        "II/a base pay of Rp 2.184.000, PP 5/2024 Lampiran)",
        "  hint: check the amount against the Peraturan Bupati; if it sets less because ADD and the "
        "other sources cannot pay the minimum (PP 16/2026 Pasal 90 ayat (5)), add 'di_bawah_minimum: "
        "true'; if it was set before 27 Maret 2026, write its date as 'ditetapkan' (PP 16/2026 Pasal "
        "184 keeps it in force for a while)"]


def test_less_than_the_minimum_under_ayat_5_or_kept_by_pasal_184_is_a_warning(ws: Path) -> None:
    low = (2_426_640, 2_224_420, 2_022_200)
    make_workspace(ws, config=siltap(low, "    di_bawah_minimum: true\n"))
    result = run("check", "-w", ws)
    assert result.code == 0
    assert ("which PP 16/2026 Pasal 90 ayat (5) allows only when ADD and the other sources of the "
            "APB Desa cannot pay the minimum") in result.stderr
    make_workspace(ws, config=siltap(low, "    ditetapkan: 2025-01-10\n"))
    result = run("check", "-w", ws)
    assert result.code == 0
    assert ("set on 10 Januari 2025, it stays in force until 26 Maret 2028 (PP 16/2026 Pasal 184)"
            in result.stderr)
    # after the two years of Pasal 184 it is an error again
    later = siltap(low, "    ditetapkan: 2025-01-10\n").replace("tanggal: 2026-12-01", "tanggal: 2028-04-03")
    make_workspace(ws, config=later)
    assert run("check", "-w", ws).code == 1


# --- a change of law is a row ------------------------------------------------------------------

def test_a_row_added_to_a_copy_of_the_table_changes_the_letters_figures(ws: Path, tmp_path: Path) -> None:
    make_workspace(ws)
    raise_pay = RULES_FILE.read_text(encoding="utf-8").replace("\n# The least siltap", """
  - rupiah: 2300000
    peraturan: PP 5/2024
    pasal: Lampiran
    berlaku: 2026-11-01
    unverified: true
    catatan: a salary raise a test makes up

# The least siltap""")
    copy = tmp_path / "rules.yaml"
    copy.write_text(raise_pay, encoding="utf-8")
    workspace = replace(Workspace.load(ws), rules=load_rules(copy))
    planned, _ = plan_letters(load_dataset(workspace), LettersOptions())
    kades = planned[0].context["aparat"][0]
    base = 120 * 2_300_000 // 100  # PP 16/2026 Pasal 90 ayat (2) huruf a of the new row
    assert kades["upah"] == angka(base)
    assert kades["iuran"] == [angka(half_up(base * Decimal(r) / 100)) for r in ("0.24", "0.30")]
    assert "sebesar Rp2.300.000,00" in planned[0].context["catatan"][0]


# --- perbup rules ------------------------------------------------------------------------------

def test_rules_shows_each_figure_with_its_source_and_another_day_with_date(ws: Path) -> None:
    make_workspace(ws, config=CONFIG + "iuran:\n  program: [jkk, jkm, jp]\n")
    result = run("rules", "-w", ws)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Kabupaten Kupang: the law in force on 1 Desember 2026 (surat.tanggal, else today)"
    at = lines.index(next(line for line in lines if line.startswith("rate JKK")))
    assert lines[at].split() == ["rate", "JKK", "(sangat", "rendah)", "0,24%,", "all", "employer"]
    assert lines[at + 1].strip() == "PP 44/2015 Pasal 16 ayat (1) huruf a, in force from 2015-07-01"
    assert "3%: employer 2%, worker 1%" in result.stdout
    assert "PP 5/2024 Lampiran, in force from 2024-01-01 (unverified)" in result.stdout
    assert "Rp 2.620.800 (120% of the base pay)" in result.stdout
    assert "PP 11/2019 revoked" in result.stdout
    earlier = run("rules", "-w", ws, "--date", "2023-06-01", "--format", "json")
    assert earlier.code == 0, earlier.stderr
    data = json.loads(earlier.stdout)
    assert data["tanggal"] == "2023-06-01"
    found = {f["figure"]: f for f in data["figures"]}
    assert found["minimum siltap Kepala Desa"] == {
        "figure": "minimum siltap Kepala Desa", "value": "Rp 2.426.640",
        "source": "PP 11/2019 Pasal 81 ayat (2) huruf a", "berlaku": "2019-02-28",
        "sampai": "2026-03-26", "unverified": True,
        "catatan": "read from press copies of the act; the amounts applied from January 2020 where a "
                   "desa could not pay them earlier (Pasal 81A, unverified)"}
    assert found["JP wage cap"]["value"] == "Rp 9.559.600 a month"
    assert not any(f["figure"].endswith("revoked") for f in data["figures"])  # not yet in 2023


def test_rules_for_a_day_the_table_has_no_row_for_says_so(ws: Path) -> None:
    make_workspace(ws)
    result = run("rules", "-w", ws, "--date", "2014-01-01")
    assert result.code == 1
    assert result.lines[0] == (f"{ws / 'perbup.yaml'}:12: error: perbup's table of legal facts has no "
                               "JKK rate in force on 1 Januari 2014")


# --- the registration deadline: one rule -------------------------------------------------------

def test_the_decree_and_the_letters_state_the_deadline_with_one_rule(ws: Path) -> None:
    assert aturan(30, "Peraturan Bupati ini", "Peraturan Bupati") == (
        "30 (tiga puluh) hari kerja sejak Peraturan Bupati ini diundangkan")
    assert aturan(30, "Instruksi Bupati ini", "Instruksi Bupati") == (
        "30 (tiga puluh) hari kerja sejak Instruksi Bupati ini dikeluarkan")
    deadline = batas(30, dt.date(2026, 11, 20))
    assert deadline.teks("Peraturan Bupati Kupang Nomor 7 Tahun 2026", "Peraturan Bupati Kupang") == (
        "30 (tiga puluh) hari kerja sejak Peraturan Bupati Kupang Nomor 7 Tahun 2026 diundangkan pada "
        "tanggal 20 November 2026, yaitu paling lambat tanggal 7 Januari 2027")
    assert batas(30, None).teks("X", "Peraturan Bupati") == (
        "30 (tiga puluh) hari kerja sejak X diundangkan pada tanggal …, yaitu paling lambat tanggal …")


def test_a_deadline_before_the_letter_date_and_an_instrument_after_it_are_warnings(ws: Path) -> None:
    make_workspace(ws, config=CONFIG + 'dasar: {nomor: "7", tanggal: 2026-09-01}\n')
    result = run("letters", "-w", ws, "-o", ws / "out", "--dry-run")
    assert (f"{ws / 'perbup.yaml'}:13: warning: the registration deadline (13 Oktober 2026) is before "
            "the letter date (1 Desember 2026)") in result.lines
    make_workspace(ws, config=CONFIG + 'dasar: {nomor: "7", tanggal: 2026-12-10}\n')
    result = run("letters", "-w", ws, "-o", ws / "out", "--dry-run")
    assert (f"{ws / 'perbup.yaml'}:13: warning: 'dasar.tanggal' (10 Desember 2026) is after the letter "
            "date (1 Desember 2026): the letters would rest on an instrument not yet in force"
            ) in result.lines


def test_a_kind_of_instrument_the_deadline_cannot_count_from_is_refused(ws: Path) -> None:
    make_workspace(ws, config=CONFIG + 'dasar: {nomor: "7", jenis: Nota Dinas, tanggal: 2026-11-20}\n')
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.lines[0] == (
        f"{ws / 'perbup.yaml'}:13: error: 'dasar.jenis': \"Nota Dinas\" is not a kind of instrument the "
        'registration deadline can count from; write "Peraturan …", "Instruksi …", "Surat Edaran …", '
        '"Keputusan …"')


def test_the_report_and_the_decree_budget_only_the_employers_share(ws: Path) -> None:
    make_workspace(ws, config=CONFIG + "iuran:\n  program: [jkk, jkm, jht, jp]\n")
    bases = [minimum(g) for g in ("kepala_desa", "sekretaris_desa", "perangkat", "perangkat")]
    employer = sum(half_up(b * rate(p)[0] / 100) for b in bases for p in ("jkk", "jkm", "jht", "jp"))
    report = run("report", "-w", ws, "-o", ws / "out", "--format", "json")
    assert report.code == 0, report.stderr
    assert json.loads(report.stdout)["iuran_bulanan"] == employer
    dataset = load_dataset(Workspace.load(ws))
    from perbup.compute.coverage import compute_coverage

    coverage = compute_coverage(dataset)
    worker = sum(half_up(b * rate(p)[1] / 100) for b in bases for p in ("jht", "jp"))
    assert (coverage.kabupaten.iuran_bulanan, coverage.kabupaten.potongan_bulanan) == (employer, worker)
