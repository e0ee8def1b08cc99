"""The ledger, on SQLite and on PostgreSQL: who a letter named, who BPJS registered and when,
who left office; the report's weeks, chart and overdue desa move with it; migrations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from perbup.store import engine, ledger
from perbup.store.engine import locate, open_store
from tests.helpers import HEADER, aparat_rows, nik, run
from tests.test_register import BOKONUSAN, OTAN, four_desa, workspace

BOKONUSAN_NIKS = [nik("530104", day, serial) for day, serial in
                  (("120385", 1), ("520385", 2), ("120385", 3), ("120385", 4))]


def events(ws: Path) -> list[tuple[str, str, str, str, str | None]]:
    store = open_store(locate(ws))
    assert store is not None
    try:
        return [(e.nik, e.kode_desa, e.peristiwa, e.tanggal.isoformat(), e.nomor or e.kpj)
                for e in ledger.events(store)]
    finally:
        store.close()


def bpjs_list(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("NIK,Nomor KPJ\n" + "".join(f"{n},{k}\n" for n, k in rows),
                    encoding="utf-8")
    return path


def test_issuing_names_each_person_once_with_the_letters_number(database: str, ws: Path,
                                                                tmp_path: Path) -> None:
    workspace(ws)
    assert run("letters", "-w", ws, "-o", tmp_path / "a", "-q").code == 0
    assert run("letters", "-w", ws, "-o", tmp_path / "b", "--force", "-q").code == 0
    listed = events(ws)
    assert len(listed) == 16
    assert listed[:4] == [(n, BOKONUSAN, "listed", "2026-12-01", "560/1/BAG.HUK/2026")
                          for n in BOKONUSAN_NIKS]
    assert run("register", "void", "-w", ws, "560/2/BAG.HUK/2026", "--reason", "salah").code == 0
    assert run("letters", "-w", ws, "-o", tmp_path / "a", "-q").code == 0
    again = events(ws)
    assert len(again) == 20  # Otan's people, named again in the letter that replaces the void one
    assert {e[4] for e in again[16:]} == {"560/5/BAG.HUK/2026"} and {e[1] for e in again[16:]} == {OTAN}


def test_a_batch_is_numbered_and_recorded_a_chunk_at_a_time(database: str, ws: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # A national batch numbers tens of thousands of letters and names a hundred thousand people:
    # the database session holds one chunk of them at a time (and the year's counter), never
    # the whole batch.
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    workspace(ws)
    monkeypatch.setattr(engine, "CHUNK", 3)
    held: list[int] = []

    def count(session: Session, context: object) -> None:
        held.append(len(session.identity_map))

    event.listen(Session, "after_flush", count)
    try:
        assert run("letters", "-w", ws, "-o", tmp_path / "a", "-q").code == 0
    finally:
        event.remove(Session, "after_flush", count)
    assert len(events(ws)) == 16
    assert held and max(held) <= 3 + 1


def _report(ws: Path, out: Path, day: str) -> dict[str, object]:
    result = run("report", "-w", ws, "-o", out, "--date", day, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_an_imported_bpjs_list_moves_the_report_and_the_chart(database: str, ws: Path,
                                                             tmp_path: Path) -> None:
    workspace(ws)
    out = tmp_path / "out"
    before = _report(ws, out, "2026-12-20")
    assert before["perkembangan"] == {"keadaan": "2026-12-20", "mulai": None, "minggu": [],
                                      "lewat_batas": []}
    assert not (out / "report" / "progress.png").exists()  # no letter issued: no progress yet
    assert run("letters", "-w", ws, "-o", out, "-q").code == 0
    issued = _report(ws, out, "2026-12-20")
    chart = (out / "report" / "progress.png").read_bytes()
    weeks = issued["perkembangan"]["minggu"]  # type: ignore[index]
    assert [(w["tanggal"], w["terdaftar"], w["aparat"]) for w in weeks] == [
        ("2026-12-01", 0, 16), ("2026-12-08", 0, 16), ("2026-12-15", 0, 16), ("2026-12-20", 0, 16)]
    listed = bpjs_list(tmp_path / "peserta.csv", [(BOKONUSAN_NIKS[0], "26110000001"),
                                                  ("5301041203859999", "26110000099"),
                                                  (BOKONUSAN_NIKS[1], "26110000002")])
    imported = run("ledger", "import", "-w", ws, listed, "--date", "2026-12-10")
    assert imported.code == 0, imported.stderr
    assert imported.lines == [
        f"{listed}:3: warning: NIK 5301041203859999 is not in the apparatus list "
        f"({ws / 'data' / 'aparat.csv'})",
        "  hint: check the NIK against the KTP, or add the person to the apparatus list if they "
        "belong to a desa",
        "ledger: 2 of the list's people are in the apparatus list, 2 newly registered on "
        "2026-12-10; 0 left office"]
    moved = _report(ws, out, "2026-12-20")
    weeks = moved["perkembangan"]["minggu"]  # type: ignore[index]
    assert [(w["tanggal"], w["terdaftar"]) for w in weeks] == [
        ("2026-12-01", 0), ("2026-12-08", 0), ("2026-12-15", 2), ("2026-12-20", 2)]
    assert weeks[-1]["per_kecamatan"][0] == {"kode": "53.01.04", "kecamatan": "Semau",
                                             "terdaftar": 2, "aparat": 8}
    assert moved["aparat_terdaftar"] == 2 and before["aparat_terdaftar"] == 0
    assert (out / "report" / "progress.png").read_bytes() != chart
    again = run("ledger", "import", "-w", ws, listed, "--date", "2026-12-11")
    assert again.lines[-1] == ("ledger: 2 of the list's people are in the apparatus list, 0 newly "
                               "registered on 2026-12-11; 0 left office")


def test_the_desa_past_their_deadline_are_those_still_missing_people(database: str, ws: Path,
                                                                     tmp_path: Path) -> None:
    workspace(ws)
    out = tmp_path / "out"
    assert run("letters", "-w", ws, "-o", out, "-q").code == 0
    assert _report(ws, out, "2027-01-07")["perkembangan"]["lewat_batas"] == []  # type: ignore[index]
    everyone = bpjs_list(tmp_path / "bokonusan.csv",
                         [(n, f"2611000000{i}") for i, n in enumerate(BOKONUSAN_NIKS)])
    assert run("ledger", "import", "-w", ws, everyone, "--date", "2027-01-05").code == 0
    late = _report(ws, out, "2027-01-08")["perkembangan"]["lewat_batas"]  # type: ignore[index]
    assert [o["kode"] for o in late] == [OTAN, "53.01.08.2006", "53.01.08.2008"]
    assert late[0] == {"kode": OTAN, "desa": "Otan", "kecamatan": "Semau",
                       "nomor": "560/2/BAG.HUK/2026", "tanggal_surat": "2026-12-01",
                       "batas": "2027-01-07", "aparat": 4, "belum": 4}
    text = run("report", "-w", ws, "-o", out, "--date", "2027-01-08").stdout
    assert text.endswith(
        "Desa yang melewati batas waktu dengan aparat belum terdaftar, keadaan 8 Januari 2027: 3 desa\n"
        "  53.01.04.2004  Otan (Semau): 4 dari 4 aparat belum terdaftar; surat 560/2/BAG.HUK/2026, "
        "batas 7 Januari 2027\n"
        "  53.01.08.2006  Oelnasi (Kupang Tengah): 4 dari 4 aparat belum terdaftar; surat "
        "560/3/BAG.HUK/2026, batas 7 Januari 2027\n"
        "  53.01.08.2008  Noelbaki (Kupang Tengah): 4 dari 4 aparat belum terdaftar; surat "
        "560/4/BAG.HUK/2026, batas 7 Januari 2027\n")
    # Bokonusan is complete: its letter is no longer due
    assert "53.01.04.2003" not in run("letters", "-w", ws, "-o", out, "--dry-run", "-q").stdout


def test_someone_gone_from_a_newer_apparatus_list_has_left_office(database: str, ws: Path,
                                                                  tmp_path: Path) -> None:
    workspace(ws)
    assert run("letters", "-w", ws, "-o", tmp_path / "out", "-q").code == 0
    newer = "".join(line for line in four_desa().splitlines(keepends=True)
                    if BOKONUSAN_NIKS[3] not in line)
    (ws / "data" / "aparat.csv").write_text(newer, encoding="utf-8")
    listed = bpjs_list(tmp_path / "peserta.csv", [(BOKONUSAN_NIKS[0], "26110000001")])
    done = run("ledger", "import", "-w", ws, listed, "--date", "2026-12-20")
    assert done.lines[-1].endswith("1 newly registered on 2026-12-20; 1 left office"), done.stderr
    assert (BOKONUSAN_NIKS[3], BOKONUSAN, "left", "2026-12-20", None) in events(ws)
    again = run("ledger", "import", "-w", ws, listed, "--date", "2026-12-21")
    assert again.lines[-1].endswith("0 newly registered on 2026-12-21; 0 left office")
    # one village's list for one run says nothing about who left the others
    one = tmp_path / "bokonusan.csv"
    one.write_text(HEADER + aparat_rows(), encoding="utf-8")
    alone = run("ledger", "import", "-w", ws, "--aparat", one, listed, "--date", "2026-12-22")
    assert alone.lines[-1].endswith("; 0 left office"), alone.stderr


def test_an_older_database_is_migrated_with_one_line(database: str, ws: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from perbup.store.engine import MIGRATIONS

    workspace(ws)
    url = locate(ws).url
    engine = create_engine(url)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")  # the register as the first release made it
    engine.dispose()
    shown = locate(ws).shown
    checked = run("check", "-w", ws)
    assert checked.code == 0, checked.stderr
    assert checked.lines[0] == f"perbup: {shown}: the database was migrated from schema 0001 to 0002"
    assert sum("migrated" in line for line in run("check", "-w", ws).lines) == 0


def test_weeks_run_from_the_first_letter_to_the_day_of_the_report() -> None:
    from perbup.compute.timeline import weeks_between

    start = dt.date(2026, 12, 1)
    assert weeks_between(start, start) == [start]
    assert weeks_between(start, dt.date(2026, 12, 15)) == [start, dt.date(2026, 12, 8),
                                                           dt.date(2026, 12, 15)]
    assert weeks_between(start, dt.date(2026, 12, 10)) == [start, dt.date(2026, 12, 8),
                                                           dt.date(2026, 12, 10)]
