"""`perbup build`: the whole job in one go — check, decree, letters, report, PDFs and bundles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from perbup.bundle import PrintOptions, PrintResult, make_print
from perbup.check import check_workspace
from perbup.dataset import load_dataset
from perbup.decree import DecreeOptions, DecreeResult, make_decree, output_file
from perbup.errors import DataError, OutputError
from perbup.letters import LettersOptions, LettersResult, foreign_letters, make_letters
from perbup.office import convert_to_pdf, find_office, font_problems
from perbup.output import refuse_foreign
from perbup.problems import Problem
from perbup.report import DOCX, PNG, XLSX, Written, build_report, write_report
from perbup.report import TEMPLATE as REPORT_TEMPLATE
from perbup.workspace import Workspace

REPORT_FILES = (XLSX, PNG, DOCX)


@dataclass
class BuildResult:
    """What was written where, and the warnings met on the way."""

    decree: DecreeResult
    letters: LettersResult
    report: Written
    printing: PrintResult
    pdfs: list[Path] = field(default_factory=list)  # the decree's and the report's
    warnings: list[Problem] = field(default_factory=list)

    @property
    def office_missing(self) -> bool:
        return self.printing.office_missing


def build(workspace: Workspace, *, out: Path, aparat: Path | None = None, pdf: bool = False,
          jobs: int = 1, force: bool = False, today: dt.date | None = None,
          progress: Callable[[int], None] | None = None) -> BuildResult:
    """Checks everything first (any error: DataError, nothing written), then writes it all."""
    checked = check_workspace(workspace, aparat, today)
    if not checked.ok:
        raise DataError(checked.problems)
    dataset = load_dataset(workspace, aparat, today)
    letter_options = LettersOptions(out=out, jobs=jobs, force=force)
    # Nothing is written while any file in the way is not perbup's own: all checked up front.
    foreign = [out / f for f in foreign_letters(dataset, letter_options)]
    if foreign:
        raise OutputError(f"{len(foreign)} existing letter(s) were not written by perbup or were "
                          f"edited since: {foreign[0]} ...; move them away, or use --force")
    refuse_foreign(out, [out / output_file("perbup", k) for k in (True, False)]
                   + [out / name for name in REPORT_FILES], force)
    decree = make_decree(workspace, aparat, DecreeOptions(out=out, force=force), today=today)
    letters = make_letters(dataset, letter_options, today=today,
                           progress=progress)
    report = write_report(build_report(dataset, today), workspace.template(REPORT_TEMPLATE), out,
                          force=force)
    printing = make_print(out, [p.file for p in letters.planned],
                          PrintOptions(pdf=pdf, combine=True, jobs=jobs, force=force))
    result = BuildResult(decree, letters, report, printing,
                         warnings=[*checked.problems, *printing.warnings])
    if pdf and find_office() is not None:
        documents = [decree.path, *(p for p in report.files if p.suffix == ".docx")]
        result.pdfs = convert_to_pdf(documents, jobs=jobs)
        result.warnings += font_problems(result.pdfs[0])
    return result
