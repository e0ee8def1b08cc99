"""Property tests: arbitrary text in any cell never crashes reading and validation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perbup.load.dataset import collect
from perbup.load.workspace import Workspace
from tests.helpers import CONFIG, make_workspace, run

COLUMNS = ["Kode Desa", "Nama Desa", "Kecamatan", "Nama", "NIK", "Jabatan", "Tanggal Lahir", "L/P",
           "Siltap", "Terdaftar", "Nomor KPJ"]
GOOD = ["53.01.04.2003", "Bokonusan", "Semau", "Yohanis Tefa", "5301041203850001", "Kades",
        "12/03/1985", "L", "", "Tidak", ""]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.integers(0, len(COLUMNS) - 1), text=st.text(max_size=60))
def test_any_text_in_any_cell_is_a_value_or_a_problem(tmp_path: Path, column: int, text: str) -> None:
    row = list(GOOD)
    row[column] = text
    # quoted by hand: Python 3.10's csv writer refuses a NUL, which a reader must still survive
    text = "".join(",".join('"' + cell.replace('"', '""') + '"' for cell in line) + "\n"
                   for line in (COLUMNS, row))
    ws = make_workspace(tmp_path / "ws", text)
    _, people, problems = collect(Workspace.load(ws), today=dt.date(2026, 12, 1))
    assert len(people) == 1 or problems.has_errors
    for person in people:
        assert person.nama.strip()
        assert len(person.nik) == 16


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), which=st.sampled_from(["aparat.csv", "aparat.xlsx", "terdaftar.csv",
                                                              "desa.csv"]))
def test_any_bytes_in_any_data_file_end_as_problems_never_a_traceback(tmp_path: Path, data: bytes,
                                                                       which: str) -> None:
    ws = make_workspace(tmp_path / "ws")
    if which.startswith("aparat"):
        (ws / "perbup.yaml").write_text((ws / "perbup.yaml").read_text(encoding="utf-8")
                                        + f"data:\n  aparat: data/{which}\n", encoding="utf-8")
    (ws / "data" / which).write_bytes(data)
    result = run("check", "-w", ws)
    assert result.code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    if result.code == 1:
        assert ": error: " in result.stderr


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(year=st.integers(0, 9999), month=st.integers(0, 99), day=st.integers(0, 99))
def test_any_date_typed_in_the_settings_is_a_date_or_a_message(tmp_path: Path, year: int, month: int,
                                                                day: int) -> None:
    typed = f"{year:04d}-{month:02d}-{day:02d}"  # what YAML reads as a date, existing or not
    ws = make_workspace(tmp_path / "ws", config=CONFIG.replace("2026-12-01", typed))
    result = run("check", "-w", ws)
    assert result.code in (0, 1)
    if result.code == 1:
        assert result.lines[0].startswith(f"{ws / 'perbup.yaml'}:12: error: ")
