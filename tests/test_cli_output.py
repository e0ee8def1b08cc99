"""What the commands tell a person on stderr: phases, warnings said once, the bundled workspace,
missing PDFs as an exit code."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path
from types import SimpleNamespace

import click._termui_impl
import pytest

from perbup.base.problems import Problem
from perbup.cli import progress as cli_progress
from perbup.cli.progress import Shown
from perbup.docx.office import MISSING, find_office
from tests.helpers import CONFIG, make_workspace, run
from tests.test_office import office  # noqa: F401  (LibreOffice, or a skip outside CI)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Two settings still [in brackets]: a document-making command names them in one warning.
PLACEHOLDERS = CONFIG.replace("  provinsi: Nusa Tenggara Timur\n",
                              "  provinsi: Nusa Tenggara Timur\n  telepon: '[Nomor telepon]'\n"
                              "  laman: '[Laman resmi]'\n")
NOTICE = ("perbup: no perbup.yaml here; using the bundled Kupang seed workspace (<bundled "
          "workspace>, read-only): make a copy you can edit with: perbup init DIR")
BUNDLED_PLACEHOLDERS = [
    "<bundled workspace>/perbup.yaml:11: warning: 9 settings are still placeholders: "
    "kabupaten.alamat, kabupaten.telepon, kabupaten.laman, kabupaten.email, kabupaten.kode_pos, "
    "pejabat.sekretaris_daerah.pangkat, pejabat.sekretaris_daerah.nip, iuran.siltap.dasar, bpjs.alamat",
    "  hint: this is the bundled workspace, which cannot be edited: make a copy with perbup init "
    "DIR and fill them in there",
]


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal, as stderr is when a person watches."""

    def isatty(self) -> bool:
        return True


def _frames(drawn: str) -> list[str]:
    """The successive states of the bars drawn on a terminal, without the cursor hiding codes."""
    return [f.strip() for f in re.sub(r"\x1b\[\?25[hl]", "", drawn).split("\r") if f.strip()]


def _workspace(root: Path, config: str = CONFIG) -> Path:
    ws = make_workspace(root, config=config)
    (ws / "content").mkdir()
    (ws / "content" / "perbup.yaml").write_bytes((SEEDS / "content" / "perbup.yaml").read_bytes())
    return ws


def _no_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_office() is None


# --- phases -------------------------------------------------------------------------------------


def test_build_names_each_phase_once_and_the_warnings_before_the_work(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws", PLACEHOLDERS)
    out = tmp_path / "out"
    result = run("build", "-w", ws, "-o", out)
    assert result.code == 0, result.stderr
    yaml, content = ws / "perbup.yaml", ws / "content" / "perbup.yaml"
    assert result.lines == [
        "checking the settings, data, content and templates",
        f"{yaml}:6: warning: 2 settings are still placeholders: kabupaten.telepon, kabupaten.laman",
        "  hint: fill them in before the documents go out; perbup check lists each at its line",
        f'{content}:116: warning: mengingat item 11 is unfinished: fill in the "…"',
        "  hint: look the numbers up at peraturan.go.id or the JDIH; never guess them",
        f'{content}:119: warning: mengingat item 12 is unfinished: fill in the "…"',
        "  hint: look the numbers up at peraturan.go.id or the JDIH; never guess them",
        f"{content}:125: warning: still a placeholder: [judul Peraturan Bupati Kupang yang menetapkan "
        "penghasilan tetap Kepala Desa dan Perangkat Desa]",
        "  hint: fill it in before the document goes out",
        f'{content}:125: warning: mengingat item 13 is unfinished: fill in the "…"',
        "  hint: look the numbers up at peraturan.go.id or the JDIH; never guess them",
        "writing the decree draft",
        "writing 1 letter(s)",
        "writing the report",
        "combining 1 kecamatan bundle(s)",
        f"decree:  {out / 'decree' / 'perbup-draft.docx'} (12 pasal, 2 lampiran)",
        f"letters: 1 written, 0 unchanged, in {out / 'letters'} (manifest "
        f"{out / 'letters' / 'manifest.csv'}); contributions Rp 50.713 per month",
        f"bundles: 1 kecamatan bundle(s) in {out / 'letters'}; everything to send in "
        f"{out / 'letters.zip'}",
        f"report:  {out / 'report' / 'report.xlsx'}, {out / 'report' / 'coverage.png'}, "
        f"{out / 'report' / 'report.docx'}",
    ]


def test_quiet_build_prints_only_the_summary(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws", PLACEHOLDERS)
    result = run("build", "-w", ws, "-o", tmp_path / "out", "-q")
    assert result.code == 0, result.stderr
    assert [line.split(":")[0] for line in result.lines] == ["decree", "letters", "bundles", "report"]


def test_letters_names_its_phases(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    out = tmp_path / "out"
    letters = run("letters", "-w", ws, "-o", out, "--combine")
    assert letters.code == 0, letters.stderr
    assert letters.lines == [
        "writing 1 letter(s)",
        f"1 letter(s) written, 0 unchanged, in {out / 'letters'}; contributions Rp 50.713 per month",
        "combining 1 kecamatan bundle(s)",
        f"1 kecamatan bundle(s) in {out / 'letters'}, everything in {out / 'letters.zip'}",
    ]


def test_on_a_terminal_each_phase_is_a_bar_with_count_and_eta(monkeypatch: pytest.MonkeyPatch) -> None:
    # click estimates the time left once a second has passed: a clock that moves 2 s a reading.
    clock = itertools.count(1000, 2)
    monkeypatch.setattr(click._termui_impl, "time", SimpleNamespace(time=lambda: float(next(clock))))
    terminal = FakeTerminal()
    shown = Shown(stream=terminal)
    with shown.phase("pdf", 4) as step:
        step(1)
        step(1)
    drawn = terminal.getvalue()
    frames = _frames(drawn)
    assert frames[0].startswith("making 4 PDF(s) with LibreOffice  [")
    assert frames[0].endswith("]  0/4")
    # the clock moved, so each later frame says how long the rest will take
    assert re.fullmatch(r"making 4 PDF\(s\) with LibreOffice  \[#+-+\]  2/4  00:00:\d\d", frames[-1])
    assert drawn.endswith("\n")  # the finished bar stays on its own line


def test_the_letters_command_draws_bars_on_a_terminal(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(cli_progress, "_stderr", lambda: terminal)
    ws = make_workspace(tmp_path / "ws")
    result = run("letters", "-w", ws, "-o", tmp_path / "out", "--combine")
    assert result.code == 0, result.stderr
    frames = _frames(terminal.getvalue())
    assert frames[0].startswith("writing 1 letter(s)  [") and frames[0].endswith("0/1")
    assert any(f.startswith("combining 1 kecamatan bundle(s)  [") and f.endswith("1/1")
               for f in frames), frames
    assert "writing 1 letter(s)" not in result.stderr  # the bar replaced the line


def test_quiet_draws_nothing_on_a_terminal_nor_does_a_phase_with_nothing_to_do() -> None:
    terminal = FakeTerminal()
    with Shown(quiet=True, stream=terminal).phase("letters", 3) as step:
        step(3)
    with Shown(stream=terminal).phase("letters", 0):
        pass
    assert terminal.getvalue() == ""


def test_a_warning_is_said_once(capsys: pytest.CaptureFixture[str]) -> None:
    warning = Problem("data/aparat.csv", 3, "warning", "desa Otan has no Kepala Desa")
    shown = Shown(stream=io.StringIO())
    shown.hold([warning])
    shown.warn([warning])
    with shown.phase("letters", 1):
        pass
    shown.warn([warning])
    assert capsys.readouterr().err == "data/aparat.csv:3: warning: desa Otan has no Kepala Desa\n"


# --- the bundled workspace ----------------------------------------------------------------------


def test_the_bundled_workspace_is_named_as_such_and_its_placeholders_grouped(tmp_path: Path) -> None:
    # a decree draft: letters refuse the bundled workspace's unfilled letterhead (test_unfilled.py)
    result = run("decree", "-o", tmp_path / "out")
    assert result.code == 0, result.stderr
    assert result.lines[:3] == [NOTICE, *BUNDLED_PLACEHOLDERS]
    assert result.lines[-1].startswith("wrote ")
    assert "site-packages" not in result.stderr and str(SEEDS) not in result.stderr


def test_check_still_lists_each_placeholder_of_the_bundled_workspace_at_its_line() -> None:
    result = run("check")
    assert result.code == 0, result.stderr
    assert result.lines[0] == NOTICE
    assert result.lines[1] == ("<bundled workspace>/perbup.yaml:11: warning: 'kabupaten.alamat' is "
                               "still a placeholder: [Alamat Kantor Bupati Kupang, Oelamasi]")
    assert sum("is still a placeholder" in line for line in result.lines) == 9


def test_a_usage_error_is_not_buried_under_warnings() -> None:
    result = run("letters", "--kecamatan", "Nowhere", "--dry-run")
    assert result.code == 2
    assert result.lines[0] == NOTICE
    assert len(result.lines) == 2 and result.lines[1].startswith(
        'perbup: error: --kecamatan "Nowhere" is not a kecamatan of the workspace')


# --- PDFs that could not be made ----------------------------------------------------------------


def test_build_pdf_without_libreoffice_writes_the_word_files_and_exits_3(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_office(tmp_path, monkeypatch)
    ws = _workspace(tmp_path / "ws")
    out = tmp_path / "out"
    result = run("build", "-w", ws, "-o", out, "--pdf", "-q")
    assert result.code == 3
    assert result.lines[-1] == f"perbup: {MISSING}"
    assert [line.split(":")[0] for line in result.lines[:-1]] == ["decree", "letters", "bundles",
                                                                  "report"]
    assert (out / "decree" / "perbup-draft.docx").is_file() and (out / "letters.zip").is_file()
    assert not list(out.rglob("*.pdf"))
    # Word only, as asked: success.
    assert run("build", "-w", ws, "-o", out, "-q").code == 0


def test_letters_and_decree_pdf_without_libreoffice_exit_3(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _no_office(tmp_path, monkeypatch)
    ws = _workspace(tmp_path / "ws")
    out = tmp_path / "out"
    letters = run("letters", "-w", ws, "-o", out, "--pdf", "-q")
    assert letters.code == 3
    assert letters.lines == [
        f"1 letter(s) written, 0 unchanged, in {out / 'letters'}; contributions Rp 50.713 per month",
        f"perbup: {MISSING}",
    ]
    assert run("letters", "-w", ws, "-o", out, "--combine", "-q").code == 0  # no PDF asked for
    decree = run("decree", "-w", ws, "-o", out, "--pdf", "-q")
    assert decree.code == 3
    assert decree.lines == [
        f"wrote {out / 'decree' / 'perbup-draft.docx'} (draft marked KONSEP; 12 pasal, 2 lampiran)",
        f"perbup: {MISSING}",
    ]
    assert (out / "decree" / "perbup-draft.docx").is_file()


# --- the decree summary -------------------------------------------------------------------------


@pytest.mark.parametrize(("jenis", "counted"), [("surat_edaran", "6 angka, 1 lampiran"),
                                                ("instruksi", "diktum, ")])
def test_the_summary_counts_what_the_instrument_calls_its_parts(jenis: str, counted: str,
                                                                tmp_path: Path) -> None:
    result = run("decree", "-w", SEEDS, "-o", tmp_path, "--jenis", jenis, "-q")
    assert result.code == 0, result.stderr
    assert counted in result.stderr
    assert jenis != "surat_edaran" or "diktum" not in result.stderr


@pytest.mark.office
@pytest.mark.usefixtures("office")
def test_build_pdf_names_its_pdf_phases(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws")
    out = tmp_path / "out"
    result = run("build", "-w", ws, "-o", out, "--pdf")
    assert result.code == 0, result.stderr
    phases = [line for line in result.lines if not line.startswith((str(ws), "  hint:"))][:7]
    assert phases == [
        "checking the settings, data, content and templates",
        "writing the decree draft",
        "writing 1 letter(s)",
        "writing the report",
        "combining 1 kecamatan bundle(s)",
        "making 2 PDF(s) with LibreOffice",  # the letter and its kecamatan's bundle
        "making 2 PDF(s) with LibreOffice",  # the decree draft and the report
    ]
    assert result.lines[-1] == "pdf:     4 PDF(s) made, 0 up to date, beside their Word files"
