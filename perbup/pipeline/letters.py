"""`perbup letters`, and the letters of `perbup build`: the letters, then each kecamatan's
bundle, the PDFs and OUTPUT/letters.zip."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from perbup.base.output import session
from perbup.base.problems import Problem
from perbup.base.progress import SILENT, Progress
from perbup.documents.bundle import LETTERS_ZIP, SIGNED_ZIP, bundle_files, make_bundles, zip_letters
from perbup.documents.letters import (
    LettersOptions,
    LettersResult,
    make_letters,
    planned_files,
    refuse_unfilled,
)
from perbup.load.dataset import Dataset
from perbup.pipeline.pdf import PdfOptions, Pdfs, pdfs_of


@dataclass
class Printed:
    """What was made from the letters: bundles, PDFs, the zips."""

    bundles: list[Path] = field(default_factory=list)
    pdfs: Pdfs = field(default_factory=Pdfs)
    zip: Path | None = None  # OUTPUT/letters.zip
    signed_zip: Path | None = None  # OUTPUT/signed.zip: the signed copies, as they are
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Sent:
    letters: LettersResult
    printed: Printed


def print_files(letters: Sequence[str], *, combine: bool, pdf: bool) -> list[str]:
    """What `send` may write beside `letters` (relative to the output folder): with `combine`
    the bundles and the zips, with `pdf` a PDF of each letter and bundle."""
    bundles = bundle_files(letters) if combine else []
    made = [str(PurePosixPath(f).with_suffix(".pdf")) for f in [*letters, *bundles]] if pdf else []
    return [*bundles, *made, *([LETTERS_ZIP, SIGNED_ZIP] if combine else [])]


def send(dataset: Dataset, options: LettersOptions, *, combine: bool = False,
         pdf: PdfOptions | None = None, today: dt.date | None = None, progress: Progress = SILENT,
         written: Callable[[LettersResult], None] | None = None) -> Sent:
    """Writes the letters (documents/letters.py), then with `combine` each kecamatan's bundle,
    with `pdf` a PDF of each letter and bundle, and with `combine` OUTPUT/letters.zip (every
    letter, bundle, up-to-date PDF and the manifest) and OUTPUT/signed.zip.

    A setting the letters print that is not filled in (DataError) and a file in the way that
    perbup did not write (OutputError, unless `force`) stop the run before any letter is
    written. `written` hears of the letters as soon as they are: the letters command says how
    many before the bundles are made, and build writes the report then, which counts them.
    Without LibreOffice the rest is made and `printed.pdfs.office_missing` says so.
    """
    out, force = options.out, options.force
    if combine or pdf:
        # its DataError first, as without --combine and --pdf; then what is in the way
        refuse_unfilled(dataset, options, today)
        with session(out, force=force) as ledger:
            ledger.check(print_files(planned_files(dataset, options), combine=combine,
                                     pdf=pdf is not None), force=force)
    letters = make_letters(dataset, options, today=today, progress=progress)
    if written is not None:
        written(letters)
    printed = Printed()
    if not (combine or pdf):
        return Sent(letters, printed)
    with session(out, force=force) as ledger:
        ledger.check(print_files(letters.files, combine=combine, pdf=pdf is not None), force=force)
        if combine:
            printed.bundles = make_bundles(ledger, letters.files, progress=progress)
        if pdf is not None:
            wanted = [*letters.files, *(bundle_files(letters.files) if combine else [])]
            printed.pdfs = pdfs_of(out, wanted, pdf, progress=progress)
            printed.warnings += printed.pdfs.warnings
        if combine:
            printed.zip, printed.signed_zip, warnings = zip_letters(ledger)
            printed.warnings += warnings
    return Sent(letters, printed)

