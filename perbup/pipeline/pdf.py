"""PDFs of the Word files a run wrote: what --pdf and --pdf-a ask for, and the one place that
asks for LibreOffice, makes the PDFs not up to date (docx/office.py converts) and checks the fonts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from perbup.base.errors import OfficeMissing
from perbup.base.output import session
from perbup.base.problems import Problem
from perbup.base.progress import SILENT, Progress
from perbup.docx.office import MISSING, find_office, font_problems, make_pdfs
from perbup.load.config import Config


@dataclass(frozen=True)
class PdfOptions:
    """PDFs asked for: plain or PDF/A-2b, made by `jobs` LibreOffice processes; `force` remakes
    those up to date and replaces those perbup did not write."""

    pdf_a: bool = False
    jobs: int = 1
    force: bool = False


def asked(config: Config, *, pdf: bool, pdf_a: bool, jobs: int = 1,
          force: bool = False) -> PdfOptions | None:
    """What --pdf and --pdf-a ask for, None for no PDF: --pdf-a implies --pdf, and with
    terbit.pdf_a in perbup.yaml every PDF is a PDF/A."""
    if not (pdf or pdf_a):
        return None
    return PdfOptions(pdf_a=pdf_a or config.terbit.pdf_a, jobs=jobs, force=force)


@dataclass
class Pdfs:
    made: list[Path] = field(default_factory=list)
    current: int = 0  # already there, made from the Word file as it is
    office_missing: bool = False  # LibreOffice is not installed and a PDF asked for is not there
    warnings: list[Problem] = field(default_factory=list)


def pdfs_of(out: Path, documents: Sequence[str], options: PdfOptions, *,
            progress: Progress = SILENT) -> Pdfs:
    """A PDF beside each of `documents` (relative to `out`) that lacks an up-to-date one of the
    kind asked for. Without LibreOffice nothing is made, and `office_missing` is set unless each
    PDF is up to date already: the caller writes the rest, then raises `office_missing()`.
    A PDF in the way that perbup did not write is an OutputError (unless `force`), a signed one
    always."""
    if find_office() is None:
        with session(out, force=options.force) as ledger:
            return Pdfs(office_missing=not all(ledger.pdf_current(d, options.pdf_a) for d in documents))
    made, current = make_pdfs(out, documents, jobs=options.jobs, force=options.force,
                              pdf_a=options.pdf_a, progress=progress)
    # One PDF tells whether the template's fonts are there; they are the same in all.
    return Pdfs(made, current, warnings=font_problems(made[0]) if made else [])


def office_missing(also: str = "") -> OfficeMissing:
    """What a run that was asked for PDFs ends with when LibreOffice is missing, once the rest is
    written and said: the message how to install it, and exit code 3."""
    return OfficeMissing(MISSING + also)
