"""The register of outgoing letters, on SQLite and on PostgreSQL: numbers taken when letters are
issued, kept on re-runs, voided, exported, taken by two processes at once, rebuilt from files."""

from __future__ import annotations

import csv
import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from perbup.base.errors import UsageError
from perbup.store import register
from perbup.store.engine import ENV, Store, locate, open_store
from perbup.store.naskah import Letter, Numbering
from tests.helpers import HEADER, aparat_rows, make_workspace, run

ROOT = Path(__file__).resolve().parent.parent
BOKONUSAN, OTAN, OELNASI, NOELBAKI = "53.01.04.2003", "53.01.04.2004", "53.01.08.2006", "53.01.08.2008"
HAL = "Kepesertaan Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan"
TEMBUSAN = "surat:\n  tanggal: 2026-12-01\n  tembusan: ['Camat {kecamatan}']\n"


def four_desa() -> str:
    return HEADER + "".join(aparat_rows(code, code[:8].replace(".", ""), start)
                            for code, start in ((BOKONUSAN, 1), (OTAN, 5), (OELNASI, 9),
                                                (NOELBAKI, 13)))


def workspace(root: Path, config_extra: str = "") -> Path:
    from tests.helpers import CONFIG

    config = CONFIG.replace("surat:\n  tanggal: 2026-12-01\n", TEMBUSAN) + config_extra
    return make_workspace(root, four_desa(), config=config)


def export(ws: Path, out: Path) -> list[dict[str, str]]:
    result = run("register", "export", "-w", ws, "-o", out, "--force")
    assert result.code == 0, result.stderr
    with (out / "register" / "register.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def numbers(rows: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    return [(r["nomor"], r["kode_desa"], r["status"]) for r in rows]


def test_letters_issued_twice_keep_their_numbers_consecutive_without_a_gap(
        database: str, ws: Path, tmp_path: Path) -> None:
    workspace(ws)
    first = run("letters", "-w", ws, "-o", tmp_path / "a", "--desa", "Otan", "-q")
    assert first.code == 0, first.stderr
    every = run("letters", "-w", ws, "-o", tmp_path / "a", "-q")
    assert every.stderr.startswith("3 letter(s) written, 1 unchanged"), every.stderr
    again = run("letters", "-w", ws, "-o", tmp_path / "b", "-q")
    assert again.stderr.startswith("4 letter(s) written, 0 unchanged"), again.stderr
    rows = export(ws, tmp_path / "a")
    assert numbers(rows) == [("560/1/BAG.HUK/2026", OTAN, "issued"),
                             ("560/2/BAG.HUK/2026", BOKONUSAN, "issued"),
                             ("560/3/BAG.HUK/2026", OELNASI, "issued"),
                             ("560/4/BAG.HUK/2026", NOELBAKI, "issued")]
    # the same inputs give the same letters in both folders, numbers included
    for name in ("53.01.04-Semau/53.01.04.2004-Otan.docx",
                 "53.01.08-Kupang-Tengah/53.01.08.2008-Noelbaki.docx"):
        assert (tmp_path / "a" / "letters" / name).read_bytes() == \
            (tmp_path / "b" / "letters" / name).read_bytes()
    assert rows[0] == {
        "nomor": "560/1/BAG.HUK/2026", "tanggal": "2026-12-01", "jenis_naskah": "Surat Dinas",
        "sifat": "Penting", "urgensi": "Biasa", "kode_klasifikasi": "560", "hal": HAL,
        "tujuan": "Kepala Desa Otan, Kecamatan Semau", "tembusan": "Camat Semau",
        "penandatangan": "BUPATI KUPANG, YOSEF LEDE",
        "file": "letters/53.01.04-Semau/53.01.04.2004-Otan.docx",
        "sha256": rows[0]["sha256"], "status": "issued", "alasan_batal": "", "tanggal_batal": "",
        "batas": "2027-01-07",  # 30 working days from dasar.tanggal
        "kode_desa": OTAN, "jenis": "surat_desa", "tahun": "2026",
        "urut": "1"}
    import hashlib

    letter = tmp_path / "b" / rows[0]["file"]  # the register keeps the last issue's file
    assert rows[0]["sha256"] == hashlib.sha256(letter.read_bytes()).hexdigest()


def test_dry_run_shows_the_numbers_it_would_take_and_takes_none(database: str, ws: Path,
                                                                 tmp_path: Path) -> None:
    workspace(ws)
    assert run("letters", "-w", ws, "-o", tmp_path / "out", "--desa", "Oelnasi", "-q").code == 0
    dry = run("letters", "-w", ws, "-o", tmp_path / "out", "--dry-run", "-q")
    assert dry.code == 0, dry.stderr
    assert [line.split("\t")[0] for line in dry.stdout.splitlines()] == [
        "560/2/BAG.HUK/2026", "560/3/BAG.HUK/2026", "560/1/BAG.HUK/2026", "560/4/BAG.HUK/2026"]
    assert numbers(export(ws, tmp_path / "out")) == [("560/1/BAG.HUK/2026", OELNASI, "issued")]


def test_a_voided_number_is_never_given_again(database: str, ws: Path, tmp_path: Path) -> None:
    workspace(ws)
    out = tmp_path / "out"
    assert run("letters", "-w", ws, "-o", out, "-q").code == 0
    voided = run("register", "void", "-w", ws, "560/2/BAG.HUK/2026", "--reason", " salah  alamat ")
    assert voided.code == 0, voided.stderr
    assert voided.stderr == f"voided 560/2/BAG.HUK/2026 (desa {OTAN}): salah alamat\n"
    rerun = run("letters", "-w", ws, "-o", out, "-q")
    assert rerun.stderr.startswith("1 letter(s) written, 3 unchanged"), rerun.stderr
    rows = export(ws, out)
    assert numbers(rows) == [("560/1/BAG.HUK/2026", BOKONUSAN, "issued"),
                             ("560/2/BAG.HUK/2026", OTAN, "void"),
                             ("560/3/BAG.HUK/2026", OELNASI, "issued"),
                             ("560/4/BAG.HUK/2026", NOELBAKI, "issued"),
                             ("560/5/BAG.HUK/2026", OTAN, "issued")]
    assert rows[1]["alasan_batal"] == "salah alamat"
    twice = run("register", "void", "-w", ws, "560/2/BAG.HUK/2026", "--reason", "again")
    assert twice.code == 2
    assert twice.stderr == (f'perbup: error: the register has no letter numbered "560/2/BAG.HUK/2026" '
                            f"to void (it was voided on {dt.date.today()}); perbup register export "
                            "lists them\n")


def test_the_export_workbook_holds_the_csv_rows(database: str, ws: Path, tmp_path: Path) -> None:
    workspace(ws)
    assert run("letters", "-w", ws, "-o", tmp_path, "--kecamatan", "Semau", "-q").code == 0
    rows = export(ws, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "register" / "register.xlsx")
    sheet = book["Agenda Surat Keluar"]
    cells = [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == [list(rows[0]), *[list(r.values()) for r in rows]]
    assert not any(c.isdigit() and len(c) == 16 for row in cells for c in row)  # no NIK at all


def _take(store: Store, numbering: Numbering, kode: str, desa: str,
          tanggal: dt.date = dt.date(2026, 12, 1), hal: str = HAL) -> str:
    letter = Letter(jenis="surat_desa", kode_tujuan=desa, tujuan=f"Kepala Desa {desa}", hal=hal,
                    tanggal=tanggal, jenis_naskah="Surat Dinas", sifat="Biasa", urgensi="Biasa",
                    kode_klasifikasi=kode, penandatangan="BUPATI")
    return register.take(store, numbering, [letter])[0].nomor


def test_numbers_run_per_year_and_per_code_when_the_pattern_prints_it(database: str,
                                                                       tmp_path: Path) -> None:
    store = open_store(locate(tmp_path))
    assert store is not None
    per_code = Numbering("{kode}/{seq}/{tahun}", start=10)
    assert [_take(store, per_code, "560", "a"), _take(store, per_code, "400.10.2", "b"),
            _take(store, per_code, "560", "c"), _take(store, per_code, "560", "a"),
            _take(store, per_code, "560", "a", dt.date(2027, 1, 4)),
            _take(store, per_code, "560", "a", hal="Pengingat")] == [
        "560/10/2026", "400.10.2/10/2026", "560/11/2026", "560/10/2026", "560/10/2027",
        "560/12/2026"]
    one_sequence = Numbering("560/{seq}/X/{tahun}")
    assert [_take(store, one_sequence, "560", "d"), _take(store, one_sequence, "400.10.2", "e")] == [
        "560/1/X/2026", "560/2/X/2026"]
    store.close()


# Each process takes its numbers one letter, one transaction at a time, so the two interleave.
_ISSUER = """
import datetime as dt, sys, time
from pathlib import Path
from perbup.store import register
from perbup.store.engine import locate, open_store
from perbup.store.naskah import Letter, Numbering
store = open_store(locate(Path(sys.argv[1])))
Path(sys.argv[3]).touch()
while not Path(sys.argv[4]).exists():
    time.sleep(0.01)
for i in range(25):
    letter = Letter("surat_desa", f"{sys.argv[2]}{i}", "x", "hal", dt.date(2026, 12, 1),
                    "Surat Dinas", "Biasa", "Biasa", "560", "BUPATI")
    print(register.take(store, Numbering("560/{seq}/{tahun}"), [letter])[0].urut, flush=True)
"""


def test_two_processes_issuing_at_once_never_take_the_same_number(database: str,
                                                                  tmp_path: Path) -> None:
    open_store(locate(tmp_path)).close()  # type: ignore[union-attr]  # the schema, made once
    go = tmp_path / "go"
    env = {**os.environ, ENV: database}
    processes = [subprocess.Popen([sys.executable, "-c", _ISSUER, str(tmp_path), name,
                                   str(tmp_path / f"ready-{name}"), str(go)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  cwd=ROOT, env=env) for name in ("a", "b")]
    while not all((tmp_path / f"ready-{name}").exists() for name in ("a", "b")):
        assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
        time.sleep(0.01)
    go.touch()
    taken = []
    for process in processes:
        stdout, stderr = process.communicate()
        assert process.returncode == 0, stderr
        taken.append([int(n) for n in stdout.split()])
    assert all(t == sorted(t) for t in taken)
    assert sorted(taken[0] + taken[1]) == list(range(1, 51))


def test_the_database_is_created_0600_in_the_workspace_on_first_use(ws: Path, tmp_path: Path) -> None:
    workspace(ws)
    assert run("letters", "-w", ws, "-o", tmp_path / "out", "--dry-run", "-q").code == 0
    assert not (ws / "perbup.db").exists()  # a dry run creates nothing
    assert run("letters", "-w", ws, "-o", tmp_path / "out", "-q").code == 0
    assert stat.S_IMODE((ws / "perbup.db").stat().st_mode) == 0o600


def test_a_damaged_database_is_an_error_and_nothing_is_written(ws: Path, tmp_path: Path) -> None:
    workspace(ws)
    (ws / "perbup.db").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = run("letters", "-w", ws, "-o", tmp_path / "out", "-q")
    assert result.code == 1
    assert result.stderr == (
        "ws/perbup.db: error: the database is damaged or is not perbup's (file is not a "
        "database); nothing was written\n  hint: put back a copy from a backup, or move the file "
        "away and rebuild the register from the letters: perbup register rebuild "
        "(docs/register.md)\n").replace("ws/perbup.db", str(ws / "perbup.db"))
    assert not (tmp_path / "out").exists()


def test_another_programs_database_and_a_newer_perbups_are_refused(ws: Path, tmp_path: Path) -> None:
    workspace(ws)
    with sqlite3.connect(ws / "perbup.db") as connection:
        connection.execute("CREATE TABLE surat (nomor TEXT)")
    other = run("letters", "-w", ws, "-o", tmp_path / "out", "-q")
    assert other.code == 1
    assert other.stderr.endswith("perbup.db: error: this database holds tables (surat) but not "
                                 "perbup's; nothing was written\n  hint: point database.url at a "
                                 "database of perbup's own, or an empty one\n"), other.stderr
    (ws / "perbup.db").unlink()
    assert run("letters", "-w", ws, "-o", tmp_path / "out", "-q").code == 0
    with sqlite3.connect(ws / "perbup.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    newer = run("letters", "-w", ws, "-o", tmp_path / "out2", "-q")
    assert newer.code == 1
    assert "perbup.db: error: the database was made by a newer perbup (schema 9999; this " \
           "perbup knows up to 0002); nothing was written\n" in newer.stderr
    assert not (tmp_path / "out2").exists()


def _hold_lock(database: str) -> object:
    """A connection holding the register's write lock, as another run taking numbers would."""
    if database.startswith("sqlite"):
        connection = sqlite3.connect(database.removeprefix("sqlite:///"), isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        return connection
    from sqlalchemy import create_engine

    engine = create_engine(database.replace("postgresql://", "postgresql+psycopg://", 1))
    held = engine.connect()
    held.exec_driver_sql("SELECT * FROM counter FOR UPDATE")
    return held


def test_a_locked_database_waits_with_a_message(database: str, ws: Path, tmp_path: Path) -> None:
    workspace(ws)
    assert run("letters", "-w", ws, "-o", tmp_path / "a", "--desa", "Otan", "-q").code == 0
    held = _hold_lock(database)
    process = subprocess.Popen([sys.executable, "-m", "perbup", "letters", "-w", str(ws), "-o",
                                str(tmp_path / "b"), "-q"], stderr=subprocess.PIPE, text=True,
                               cwd=ROOT, env={**os.environ, ENV: database})
    assert process.stderr is not None
    first = process.stderr.readline()  # blocks until perbup says it waits
    held.commit()  # type: ignore[attr-defined]
    held.close()  # type: ignore[attr-defined]
    rest = process.stderr.read()
    assert process.wait() == 0, first + rest
    assert first.startswith("perbup: ") and first.endswith(
        " is locked by another perbup run or program; waiting for it to finish\n"), first
    assert rest.startswith("4 letter(s) written, 0 unchanged"), rest
    assert "Traceback" not in first + rest


def test_the_register_is_rebuilt_from_the_files_without_losing_a_number(ws: Path,
                                                                        tmp_path: Path) -> None:
    workspace(ws)
    out = tmp_path / "out"
    assert run("letters", "-w", ws, "-o", out, "-q").code == 0
    assert run("register", "void", "-w", ws, "560/2/BAG.HUK/2026", "--reason", "salah").code == 0
    assert run("letters", "-w", ws, "-o", out, "-q").code == 0
    before = export(ws, out)
    saved = tmp_path / "register.csv"
    saved.write_bytes((out / "register" / "register.csv").read_bytes())
    manifest = out / "letters" / "manifest.csv"
    (ws / "perbup.db").unlink()
    # The manifest names the letters still there: the voided number comes back void, as lost.
    rebuilt = run("register", "rebuild", "-w", ws, manifest)
    assert rebuilt.stderr == ("register rebuilt from 1 file(s): 4 number(s), 0 void; 1 number(s) "
                              "no file names, voided: 560/2/BAG.HUK/2026\n")
    assert [(r["nomor"], r["status"]) for r in export(ws, tmp_path / "m")] == [
        (r["nomor"], r["status"]) for r in before]
    assert run("letters", "-w", ws, "-o", out, "-q").stderr.startswith("0 letter(s) written, 4 unchanged")
    # With the export saved beside it, everything comes back as it was.
    (ws / "perbup.db").unlink()
    rebuilt = run("register", "rebuild", "-w", ws, manifest, saved)
    assert rebuilt.stderr == "register rebuilt from 2 file(s): 5 number(s), 1 void\n"
    assert export(ws, tmp_path / "whole") == before
    assert run("letters", "-w", ws, "-o", out, "-q").stderr.startswith("0 letter(s) written, 4 unchanged")
    refused = run("register", "rebuild", "-w", ws, manifest)
    assert refused.code == 2
    assert refused.stderr == ("perbup: error: the register already holds 5 number(s); a rebuild "
                              "only fills an empty one: move the database away first "
                              "(docs/register.md)\n")


def test_the_database_url_comes_from_the_environment_then_the_settings(tmp_path: Path) -> None:
    default = locate(tmp_path, "", {})
    assert default.path == tmp_path / "perbup.db"
    office = locate(tmp_path, "postgresql://clerk:secret@db.kantor/perbup", {})
    assert office.url == "postgresql+psycopg://clerk:secret@db.kantor/perbup"
    assert office.shown == "postgresql+psycopg://clerk:***@db.kantor/perbup"
    assert locate(tmp_path, "postgresql://a@b/c", {ENV: "sqlite:///lain.db"}).path == tmp_path / "lain.db"
    with pytest.raises(UsageError) as caught:
        locate(tmp_path, "mysql://a@b/c", {})
    assert str(caught.value) == ("database.url in perbup.yaml: perbup keeps its register in SQLite "
                                 "or PostgreSQL, not mysql; write postgresql://USER@HOST/NAME")


def test_the_register_holds_no_nik(ws: Path, tmp_path: Path) -> None:
    workspace(ws)
    assert run("letters", "-w", ws, "-o", tmp_path, "--full-nik", "-q").code == 0
    with sqlite3.connect(ws / "perbup.db") as connection:
        entries = connection.execute("SELECT * FROM register").fetchall()
        ledger = connection.execute("SELECT nik FROM ledger").fetchall()
    niks = [row.split(",")[2] for row in four_desa().splitlines()[1:]]
    assert len(niks) == 16 and all(len(n) == 16 for n in niks)
    assert len(entries) == 4
    assert not [n for n in niks if n in repr(entries)]
    # the ledger, in the same file, does: it is personal data, and the file is 0600
    assert sorted(n for (n,) in ledger) == sorted(niks)
