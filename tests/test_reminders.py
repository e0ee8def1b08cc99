"""Reminders (surat pengingat) to the desa past their letter's deadline: who is still missing,
numbered in the register (SQLite and PostgreSQL), kept on re-runs; the template's source."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.helpers import run
from tests.test_ledger import BOKONUSAN_NIKS, bpjs_list
from tests.test_letters import text_of
from tests.test_register import OTAN, export, workspace

ROOT = Path(__file__).resolve().parent.parent
HAL = "Pengingat Kepesertaan Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan"


def test_each_overdue_desa_gets_a_numbered_reminder_naming_who_is_missing(
        database: str, ws: Path, tmp_path: Path) -> None:
    workspace(ws)
    out = tmp_path / "out"
    assert run("letters", "-w", ws, "-o", out, "-q").code == 0
    early = run("reminders", "-w", ws, "-o", out, "--date", "2027-01-07", "--dry-run", "-q")
    assert early.stdout == "" and early.lines == ["would write 0 reminder(s); nothing written (--dry-run)"]
    done = bpjs_list(tmp_path / "peserta.csv", [(BOKONUSAN_NIKS[0], "26110000001"),
                                                *((n, f"2611000000{i}") for i, n in
                                                  enumerate(BOKONUSAN_NIKS[1:], start=2))])
    assert run("ledger", "import", "-w", ws, done, "--date", "2027-01-05").code == 0
    dry = run("reminders", "-w", ws, "-o", out, "--date", "2027-01-08", "--dry-run", "-q")
    tengah = f"{out}/reminders/53.01.08-Kupang-Tengah"
    assert dry.stdout.splitlines() == [
        f"560/1/BAG.HUK/2027\t{out}/reminders/53.01.04-Semau/53.01.04.2004-Otan.docx\t4 belum terdaftar",
        f"560/2/BAG.HUK/2027\t{tengah}/53.01.08.2006-Oelnasi.docx\t4 belum terdaftar",
        f"560/3/BAG.HUK/2027\t{tengah}/53.01.08.2008-Noelbaki.docx\t4 belum terdaftar"]
    assert not (out / "reminders").exists()
    written = run("reminders", "-w", ws, "-o", out, "--date", "2027-01-08", "-q")
    assert written.code == 0, written.stderr
    assert written.lines == [f"3 reminder(s) written, 0 unchanged, in {out / 'reminders'}"]
    again = run("reminders", "-w", ws, "-o", out, "--date", "2027-01-08", "-q")
    assert again.lines == [f"0 reminder(s) written, 3 unchanged, in {out / 'reminders'}"]
    text = text_of(out / "reminders" / "53.01.04-Semau" / "53.01.04.2004-Otan.docx")
    assert "560/1/BAG.HUK/2027" in text and "Nomor 560/2/BAG.HUK/2026" in text
    assert "masih terdapat 4 dari 4 orang aparat Desa Otan" in text
    assert "Yohanis Tefa" in text and "530104xxxxxx0005" in text  # Otan's people, masked
    assert "530104xxxxxx0001" not in text  # never another desa's
    assert "28 Januari 2027" in text  # 14 working days after 8 January 2027
    rows = [r for r in export(ws, out) if r["jenis"] == "surat_pengingat"]
    assert [(r["nomor"], r["kode_desa"], r["hal"], r["status"], r["tanggal"]) for r in rows] == [
        ("560/1/BAG.HUK/2027", OTAN, HAL, "issued", "2027-01-08"),
        ("560/2/BAG.HUK/2027", "53.01.08.2006", HAL, "issued", "2027-01-08"),
        ("560/3/BAG.HUK/2027", "53.01.08.2008", HAL, "issued", "2027-01-08")]
    with (out / "reminders" / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        manifest = list(csv.DictReader(handle))
    assert [(m["nomor"], m["rujukan"], m["belum"]) for m in manifest] == [
        ("560/1/BAG.HUK/2027", "560/2/BAG.HUK/2026", "4"),
        ("560/2/BAG.HUK/2027", "560/3/BAG.HUK/2026", "4"),
        ("560/3/BAG.HUK/2027", "560/4/BAG.HUK/2026", "4")]
