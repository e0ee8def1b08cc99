"""`perbup publish`: a promulgated decree's final copy, its PDF/A, and what is published of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from perbup.base.progress import SILENT, Progress
from perbup.documents.publish.run import DECREE, PublishResult, final_decree, publication
from perbup.load.workspace import Workspace
from perbup.pipeline.pdf import PdfOptions, office_missing, pdfs_of


def publish(workspace: Workspace, aparat: Path | None, out: Path, *, force: bool = False,
            today: dt.date | None = None, progress: Progress = SILENT) -> PublishResult:
    """Refuses a decree not yet promulgated (DataError); otherwise writes its final copy and
    PDF/A, then in OUTPUT/publish/ the copy to publish, the JDIH record, the abstract and the
    Akoma Ntoso XML (documents/publish/run.py). Without LibreOffice the rest is written, and
    OfficeMissing says the PDF/A is still to be made."""
    promulgated = final_decree(workspace, aparat, out, force=force, today=today)
    pdfs = pdfs_of(out, [DECREE], PdfOptions(pdf_a=True, force=force), progress=progress)
    pdf = None if pdfs.office_missing else (out / DECREE).with_suffix(".pdf").read_bytes()
    result = publication(promulgated, pdf, out, force=force)
    result.warnings += pdfs.warnings
    if pdfs.office_missing:
        raise office_missing("; the JDIH record names the PDF/A still to be made")
    return result
