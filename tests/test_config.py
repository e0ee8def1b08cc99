"""perbup.yaml: every mistake reported at once, at its line, with a hint."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import CONFIG, make_workspace, run


def test_unknown_and_missing_settings_are_reported_at_their_lines(ws: Path) -> None:
    config = CONFIG.replace("  ibu_kota: Oelamasi\n", "  ibukota: Oelamasi\n") + (
        "iuran:\n  program: [jkk, jkm, jkp]\n  tarif:\n    jkk: banyak\n")
    make_workspace(ws, config=config)
    result = run("check", "-w", ws)
    file = ws / "perbup.yaml"
    assert result.code == 1
    assert result.lines == [
        f"{file}:1: error: missing setting 'kabupaten.ibu_kota'",
        f"{file}:4: error: unknown setting 'kabupaten.ibukota'",
        "  hint: did you mean 'ibu_kota'?",
        f"{file}:14: error: 'iuran.program.2': Input should be 'jkk', 'jkm', 'jht' or 'jp'",
        f"{file}:16: error: 'iuran.tarif.jkk': Input should be a valid decimal",
        "4 error(s), 0 warning(s); nothing was written",
    ]


def test_scheme_mistakes_are_reported_at_their_lines(ws: Path) -> None:
    config = CONFIG.replace("surat:\n", "").replace("  tanggal: 2026-12-01\n", "") + (
        "iuran:\n  skema: bpu\n  program: [jkk, jkm, jp]\n  bpu:\n    penghasilan: 500000\n"
        "surat:\n  tanggal: 2026-12-01\n")
    make_workspace(ws, config=config)
    result = run("check", "-w", ws)
    file = ws / "perbup.yaml"
    assert result.code == 1
    assert result.lines == [
        f"{file}:13: error: 'iuran.program': JP (pension) is for wage earners only; a self-employed "
        "(bpu) participant can join jkk, jkm and jht",
        f"{file}:15: error: 'iuran.bpu.penghasilan': Input should be greater than or equal to 1000000",
        "2 error(s), 0 warning(s); nothing was written",
    ]
    make_workspace(ws, config=CONFIG + "iuran:\n  program: [jkk, jkk]\n")
    assert run("check", "-w", ws).lines[0] == f"{file}:14: error: 'iuran.program': a programme is named twice"


def test_yaml_syntax_error_has_its_line(ws: Path) -> None:
    make_workspace(ws, config=CONFIG + "surat:\n  hal: [tidak ditutup\n")
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.lines[0].startswith(f"{ws / 'perbup.yaml'}:")
    assert "error: invalid YAML" in result.lines[0]


def test_yaml_error_in_json_mode_is_json(ws: Path) -> None:
    make_workspace(ws, config="kabupaten: [\n")
    result = run("check", "-w", ws, "--format", "json")
    assert result.code == 1
    assert '"ok": false' in result.stdout


def test_placeholders_are_warnings(ws: Path) -> None:
    config = CONFIG.replace("nama: Yosef Lede", 'nama: "[Nama Bupati]"')
    make_workspace(ws, config=config)
    result = run("check", "-w", ws)
    assert result.code == 0
    assert result.lines[:2] == [
        f"{ws / 'perbup.yaml'}:8: warning: 'pejabat.bupati.nama' is still a placeholder: [Nama Bupati]",
        "  hint: fill it in before the documents go out",
    ]
