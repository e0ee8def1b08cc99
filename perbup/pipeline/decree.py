"""`perbup decree`: the decree draft or final copy, and its PDF when asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from perbup.base.progress import SILENT, Progress
from perbup.documents.decree import DecreeOptions, DecreeResult, make_decree, output_file
from perbup.load.workspace import Workspace
from perbup.pipeline.pdf import PdfOptions, Pdfs, asked, pdfs_of


@dataclass
class DecreeRun:
    decree: DecreeResult
    pdf: PdfOptions | None = None  # what was asked for; None: no PDF
    pdfs: Pdfs = field(default_factory=Pdfs)


def decree(workspace: Workspace, aparat: Path | None, options: DecreeOptions, *,
           pdf: bool = False, pdf_a: bool = False, progress: Progress = SILENT,
           written: Callable[[DecreeResult], None] | None = None) -> DecreeRun:
    """Writes the decree (documents/decree.py), then with `pdf` or `pdf_a` (--pdf, --pdf-a) its
    PDF. `written` hears of the decree as soon as it is written, before its PDF is made."""
    asked_for = asked(workspace.config, pdf=pdf, pdf_a=pdf_a, force=options.force)
    made = make_decree(workspace, aparat, options)
    if written is not None:
        written(made)
    run = DecreeRun(made, asked_for)
    if asked_for is not None:
        file = output_file(options.jenis, made.konsep, options.perubahan is not None)
        run.pdfs = pdfs_of(options.out, [file], asked_for, progress=progress)
    return run
