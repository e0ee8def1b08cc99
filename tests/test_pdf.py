"""PDFs have one owner, perbup/pipeline/pdf.py: what --pdf and --pdf-a ask for, and what a run
does without LibreOffice (the contract that no document or command converts is in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from perbup.base.output import session
from perbup.docx.office import MISSING, find_office
from perbup.load.workspace import Workspace
from perbup.pipeline.pdf import PdfOptions, Pdfs, asked, office_missing, pdfs_of
from tests.helpers import CONFIG, make_workspace


@pytest.mark.parametrize(("config", "pdf", "pdf_a", "expected"), [
    ("", False, False, None),
    ("", True, False, PdfOptions(pdf_a=False, jobs=2, force=True)),
    ("", False, True, PdfOptions(pdf_a=True, jobs=2, force=True)),  # --pdf-a implies --pdf
    ("terbit:\n  pdf_a: true\n", True, False, PdfOptions(pdf_a=True, jobs=2, force=True)),
    ("terbit:\n  pdf_a: true\n", False, False, None),  # the setting alone asks for no PDF
])
def test_what_pdf_and_pdf_a_ask_for(tmp_path: Path, config: str, pdf: bool, pdf_a: bool,
                                    expected: PdfOptions | None) -> None:
    workspace = Workspace.load(make_workspace(tmp_path / "ws", config=CONFIG + config))
    assert asked(workspace.config, pdf=pdf, pdf_a=pdf_a, jobs=2, force=True) == expected


def test_without_libreoffice_only_a_pdf_not_up_to_date_is_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_office() is None
    out = tmp_path / "out"
    with session(out) as ledger:
        ledger.write("decree/a.docx", b"the Word file")
        ledger.write_pdf(out / "decree" / "a.pdf", b"%PDF-1.7 made from it")
    assert pdfs_of(out, [], PdfOptions()) == Pdfs()
    assert pdfs_of(out, ["decree/a.docx"], PdfOptions()) == Pdfs()  # nothing to make
    assert pdfs_of(out, ["decree/a.docx"], PdfOptions(pdf_a=True)) == Pdfs(office_missing=True)
    with session(out) as ledger:
        ledger.write("decree/a.docx", b"the Word file, changed")
    assert pdfs_of(out, ["decree/a.docx"], PdfOptions()) == Pdfs(office_missing=True)


def test_a_run_without_libreoffice_ends_with_exit_code_3_and_how_to_install_it() -> None:
    error = office_missing("; the rest was written")
    assert (error.exit_code, str(error)) == (3, MISSING + "; the rest was written")
