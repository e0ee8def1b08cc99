"""`perbup build`: everything checked first, then every document, and a summary of where."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import HEADER, make_workspace, run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_build_writes_everything_and_sums_it_up(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "content").mkdir()
    (ws / "content" / "perbup.yaml").write_bytes((SEEDS / "content" / "perbup.yaml").read_bytes())
    out = tmp_path / "out"
    result = run("build", "-w", ws, "-o", out, "-q")
    assert result.code == 0, result.stderr
    assert result.lines == [
        f"decree:  {out / 'decree' / 'perbup-draft.docx'} (12 pasal, 2 lampiran)",
        f"letters: 1 written, 0 unchanged, in {out / 'letters'} (manifest "
        f"{out / 'letters' / 'manifest.csv'}); contributions Rp 50.713 per month",
        f"bundles: 1 kecamatan bundle(s) in {out / 'letters'}; everything to send in "
        f"{out / 'letters.zip'}",
        f"report:  {out / 'report' / 'report.xlsx'}, {out / 'report' / 'coverage.png'}, "
        f"{out / 'report' / 'report.docx'}",
    ]
    assert (out / "letters" / "53.01.04-Semau.docx").is_file()


def test_build_with_an_error_writes_nothing(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", HEADER + "53.01.04.2003,Yohanis Tefa,123,Kades,,,,,\n")
    result = run("build", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert not (tmp_path / "out").exists()


def _workspace_with_content(root: Path) -> Path:
    ws = make_workspace(root)
    (ws / "content").mkdir()
    (ws / "content" / "perbup.yaml").write_bytes((SEEDS / "content" / "perbup.yaml").read_bytes())
    return ws


def test_files_perbup_did_not_write_are_kept_unless_forced(tmp_path: Path) -> None:
    ws = _workspace_with_content(tmp_path / "ws")
    out = tmp_path / "out"
    (out / "report").mkdir(parents=True)
    mine = out / "report" / "report.xlsx"
    mine.write_bytes(b"my own spreadsheet")
    for command in (("build", "-q"), ("report",)):
        result = run(*command, "-w", ws, "-o", out)
        assert result.code == 1, command
        assert result.stderr == (f"{mine}: error: perbup did not write this file, or it was edited "
                                 "since\n  hint: move it away, or use --force to replace it\n")
    assert mine.read_bytes() == b"my own spreadsheet"
    assert not (out / "decree").exists() and not (out / "letters").exists()
    assert run("build", "-w", ws, "-o", out, "-q", "--force").code == 0
    assert mine.read_bytes()[:2] == b"PK"
    assert run("build", "-w", ws, "-o", out, "-q").code == 0  # its own files: replaced freely


def test_an_edited_decree_draft_is_not_overwritten(tmp_path: Path) -> None:
    ws = _workspace_with_content(tmp_path / "ws")
    out = tmp_path / "out"
    assert run("decree", "-w", ws, "-o", out, "-q").code == 0
    draft = out / "decree" / "perbup-draft.docx"
    draft.write_bytes(draft.read_bytes() + b"edited in Word")
    refused = run("decree", "-w", ws, "-o", out, "-q")
    assert refused.code == 1
    assert refused.stderr == (f"{draft}: error: perbup did not write this file, or it was edited "
                              "since\n  hint: move it away, or use --force to replace it\n")
    assert draft.read_bytes().endswith(b"edited in Word")
    assert run("decree", "-w", ws, "-o", out, "-q", "--force").code == 0


def test_a_rerun_sweeps_what_a_killed_run_left_half_written(tmp_path: Path) -> None:
    ws = _workspace_with_content(tmp_path / "ws")
    out = tmp_path / "out"
    stale = [out / "decree" / ".perbup-tmp-1a2b", out / "report" / ".perbup-tmp-3c4d",
             out / "letters" / "53.01.04-Semau" / ".perbup-tmp-5e6f"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a document")
    result = run("build", "-w", ws, "-o", out, "-q")
    assert result.code == 0, result.stderr
    assert [p for p in stale if p.exists()] == []
    assert not list(out.rglob(".perbup-tmp-*"))


def test_a_template_error_check_finds_writes_nothing(tmp_path: Path) -> None:
    import docx

    ws = _workspace_with_content(tmp_path / "ws")
    (ws / "templates").mkdir()
    document = docx.Document()
    document.add_paragraph("LAPORAN {{ kab.nama_upperr }}")
    document.save(str(ws / "templates" / "laporan.docx"))
    out = tmp_path / "out"
    check = run("check", "-w", ws)
    result = run("build", "-w", ws, "-o", out, "-q")
    assert check.code == result.code == 1
    error = (f"{ws / 'templates' / 'laporan.docx'}: error: body: 'dict object' has no attribute "
             "'nama_upperr'; check the spelling or add it to the data in {{ kab.nama_upperr }}")
    assert error in check.lines and error in result.lines
    assert not out.exists()


def test_an_empty_apparatus_list_is_an_error_for_every_document(ws: Path) -> None:
    make_workspace(ws, HEADER)
    for command in ("build", "decree", "letters", "report"):
        result = run(command, "-w", ws, "-o", ws / "out")
        assert result.code == 1, command
        assert (f"{ws / 'data' / 'aparat.csv'}: error: the apparatus list holds nobody, so there is "
                "no document to make") in result.lines, command
    assert not (ws / "out").exists()
    assert run("check", "-w", ws).code == 0  # check says what is missing and goes on
