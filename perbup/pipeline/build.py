"""`perbup build`: the whole job in one go — check, decree, letters, report, PDFs and bundles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from perbup.base.errors import DataError
from perbup.base.output import session
from perbup.base.problems import Problem
from perbup.base.progress import SILENT, Progress
from perbup.documents.decree import DecreeOptions, DecreeResult, content_path, make_decree, output_file
from perbup.documents.letters import MANIFEST, LettersOptions, LettersResult, planned_files
from perbup.documents.report import DOCX, PNG, PROGRESS, XLSX, Written, build_report, write_report
from perbup.load.dataset import validated
from perbup.load.unfilled import LETTERS, escalate
from perbup.load.workspace import Workspace
from perbup.pipeline.check import check_workspace
from perbup.pipeline.letters import Printed, print_files, send
from perbup.pipeline.pdf import PdfOptions, Pdfs, asked, pdfs_of

REPORT_FILES = (XLSX, PNG, DOCX, PROGRESS)


@dataclass
class BuildResult:
    """What was written where, and the warnings met on the way."""

    decree: DecreeResult
    letters: LettersResult
    report: Written
    printing: Printed
    pdf: PdfOptions | None = None  # what was asked for; None: no PDF
    pdfs: Pdfs = field(default_factory=Pdfs)  # the decree's and the report's
    warnings: list[Problem] = field(default_factory=list)

    @property
    def office_missing(self) -> bool:
        return self.printing.pdfs.office_missing or self.pdfs.office_missing


def build(workspace: Workspace, *, out: Path, aparat: Path | None = None, pdf: bool = False,
          jobs: int = 1, force: bool = False, today: dt.date | None = None,
          progress: Progress = SILENT, final: bool = False, pdf_a: bool = False) -> BuildResult:
    """Checks everything first (any error: DataError, nothing written), then writes it all.

    `progress` hears of the check's warnings before the documents are made, and of each phase.
    Without `final` the documents are working copies (the decree marked KONSEP) and what is not
    filled in is a warning; with it, the final decree and the letters refuse it, as `decree
    --final` and `letters` do. `pdf` and `pdf_a` are --pdf and --pdf-a (pipeline/pdf.py `asked`).
    """
    with progress.phase("check", 1) as step:
        checked = check_workspace(workspace, aparat, today)
        step(1)
    problems = (escalate(checked.problems, checked.unfilled, "perbup", LETTERS) if final
                else checked.problems)
    if any(p.is_error for p in problems):
        raise DataError(problems)
    progress.warn(checked.problems)
    # What the check read is what every document is made from: the data and the templates are
    # read once (the workspace keeps each prepared template for the run).
    assert checked.loaded is not None
    dataset = validated(checked.loaded.dataset, checked.loaded.problems, aparat)
    asked_for = asked(workspace.config, pdf=pdf, pdf_a=pdf_a, jobs=jobs, force=force)
    letter_options = LettersOptions(out=out, jobs=jobs, force=force, final=final)
    letter_files = planned_files(dataset, letter_options)
    documents = [output_file("perbup", k) for k in (True, False)] + list(REPORT_FILES)
    # Nothing is written while anything in the way is not perbup's own: all checked up front,
    # with the folder locked for the whole job.
    with session(out, force=force) as ledger:
        targets = [*documents, *letter_files, MANIFEST,
                   *print_files(letter_files, combine=True, pdf=asked_for is not None)]
        if asked_for is not None:
            targets += [d.replace(".docx", ".pdf") for d in documents if d.endswith(".docx")]
        ledger.check(targets, force=force)
        with progress.phase("decree", 1) as step:
            numbered = next((n for n in checked.loaded.decrees
                             if n.path == content_path(workspace, "perbup")), None)
            decree = make_decree(workspace, aparat, DecreeOptions(out=out, force=force, final=final),
                                 today=today, dataset=dataset, numbered=numbered)
            step(1)
        reports: list[Written] = []

        def write_the_report(letters: LettersResult) -> None:
            # after the letters: the report counts those just numbered
            with progress.phase("report", 1) as step:
                reports.append(write_report(build_report(dataset, today), workspace, out, force=force))
                step(1)

        sent = send(dataset, letter_options, combine=True, pdf=asked_for, today=today,
                    progress=progress, written=write_the_report)
        result = BuildResult(decree, sent.letters, reports[0], sent.printed, asked_for,
                             warnings=[*checked.problems, *sent.printed.warnings])
        if asked_for is not None:
            result.pdfs = pdfs_of(out, [ledger.relative(decree.path), DOCX], asked_for,
                                  progress=progress)
            result.warnings += result.pdfs.warnings
    return result
