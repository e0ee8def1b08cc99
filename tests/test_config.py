"""perbup.yaml: every mistake reported at once, at its line, with a hint."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import CONFIG, make_workspace, run


def test_unknown_and_missing_settings_are_reported_at_their_lines(ws: Path) -> None:
    config = CONFIG.replace("  ibu_kota: Oelamasi\n", "  ibukota: Oelamasi\n") + (
        "iuran:\n  program: [jkk, jkm, jkp]\n  kelas_risiko: tertinggi\n")
    make_workspace(ws, config=config)
    result = run("check", "-w", ws)
    file = ws / "perbup.yaml"
    assert result.code == 1
    assert result.lines == [
        f"{file}:1: error: missing setting 'kabupaten.ibu_kota'",
        f"{file}:4: error: unknown setting 'kabupaten.ibukota'",
        "  hint: did you mean 'ibu_kota'?",
        f"{file}:14: error: 'iuran.program.2': Input should be 'jkk', 'jkm', 'jht' or 'jp'",
        f"{file}:15: error: 'iuran.kelas_risiko': Input should be 'sangat_rendah', 'rendah', 'sedang', "
        "'tinggi' or 'sangat_tinggi'",
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


def test_settings_that_held_the_law_are_refused_at_their_lines_with_what_to_do(ws: Path) -> None:
    # Rates, minimums and caps are the law's now (perbup/load/rules.yaml): an old workspace's values
    # neither override the law silently nor vanish silently.
    config = CONFIG + ("iuran:\n  tarif:\n    jkk: 0.54\n  jp_batas_upah: {2026: 11086300}\n"
                       "  siltap_minimum:\n    perangkat: 2500000\n  bpu:\n    jkm: 6800\n")
    make_workspace(ws, config=config)
    result = run("check", "-w", ws)
    file = ws / "perbup.yaml"
    law = "perbup takes it from its table of legal facts for the letter date (perbup rules shows it)"
    assert result.code == 1
    assert result.lines == [
        f"{file}:14: error: 'iuran.tarif' is no longer a setting: the contribution rates are the "
        f"law's: {law}",
        "  hint: delete it; for a work-accident risk class above the lowest, set iuran.kelas_risiko "
        "(rendah, sedang, tinggi or sangat_tinggi)",
        f"{file}:16: error: 'iuran.jp_batas_upah' is no longer a setting: the JP wage cap of each "
        f"year is the law's (PP 45/2015 Pasal 29): {law}",
        "  hint: delete it",
        f"{file}:17: error: 'iuran.siltap_minimum' is no longer a setting: the minimum siltap is the "
        f"law's (PP 16/2026 Pasal 90 ayat (2)): {law}",
        "  hint: delete it; if these are the amounts your regent's Peraturan Bupati sets, write them "
        'under iuran.siltap with its citation: siltap: {dasar: "Peraturan Bupati … Nomor … Tahun … '
        'tentang …", kepala_desa: …, sekretaris_desa: …, perangkat: …}',
        f"{file}:20: error: 'iuran.bpu.jkm' is no longer a setting: the self-employed JKM rate is "
        f"the law's: {law}",
        "  hint: delete it; iuran.bpu keeps only the declared income, penghasilan",
        "4 error(s), 0 warning(s); nothing was written",
    ]


def test_the_regents_siltap_is_given_for_every_position_or_none(ws: Path) -> None:
    config = CONFIG + "iuran:\n  siltap:\n    dasar: Peraturan Bupati Kupang Nomor 5 Tahun 2026\n" \
                      "    kepala_desa: 3000000\n"
    make_workspace(ws, config=config)
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.lines[:1] == [
        f"{ws / 'perbup.yaml'}:14: error: 'iuran.siltap': give the amounts of all three positions "
        "(kepala_desa, sekretaris_desa, perangkat) or of none: the Peraturan Bupati sets them all"]
