"""`perbup build`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from perbup.base.formats import rupiah_pesan
from perbup.base.paths import display_path
from perbup.cli.common import (
    CONTEXT,
    err,
    final_option,
    force_option,
    jobs_option,
    output_option,
    pdf_a_option,
    pdf_option,
    quiet_option,
    workspace_options,
)
from perbup.cli.progress import Shown
from perbup.load.workspace import Workspace
from perbup.pipeline.build import build as run_build
from perbup.pipeline.pdf import office_missing


@click.command(context_settings=CONTEXT)
@workspace_options
@output_option
@pdf_option
@pdf_a_option
@jobs_option
@force_option
@final_option
@quiet_option
def build(workspace: Callable[[], Workspace], aparat: Path | None, out: Path, pdf: bool,
          pdf_a: bool, jobs: int, force: bool, final: bool, quiet: bool) -> None:
    """Run the whole job: check, the decree draft, the letters, the report, print bundles.

    Everything is checked first; any error writes nothing. Without --final the documents are
    working copies to review, and what is not filled in yet is a warning. Then the decree draft,
    one letter per desa still to enroll, the coverage report, a Word bundle per kecamatan and
    OUTPUT/letters.zip are written (with --pdf, a PDF beside each document), and a summary says
    what went where. Each phase shows a bar with count and time left on a terminal, one line
    otherwise.

    \b
    Example:
      perbup build --pdf --jobs 2
      perbup build --final
    """
    shown = Shown(quiet=quiet)
    result = run_build(workspace(), out=out, aparat=aparat, pdf=pdf, jobs=jobs, force=force,
                       progress=shown, final=final, pdf_a=pdf_a)
    shown.warn(result.warnings)  # those found on the way (fonts); the others were shown before
    letters, printing, pdfs = result.letters, result.printing, result.pdfs
    lines = [
        f"decree:  {display_path(result.decree.path)} ({result.decree.pasal} {result.decree.unit}, "
        f"{result.decree.lampiran} lampiran)",
        f"letters: {letters.written} written, {letters.skipped} unchanged, in {out / 'letters'} "
        f"(manifest {letters.manifest}); contributions {rupiah_pesan(letters.iuran_bulanan)} per month",
        f"bundles: {len(printing.bundles)} kecamatan bundle(s) in {out / 'letters'}; "
        f"everything to send in {printing.zip}"
        + (f"; the signed copies in {printing.signed_zip}" if printing.signed_zip else ""),
        f"report:  {', '.join(str(p) for p in result.report.files)}",
    ]
    if result.pdf and not result.office_missing:
        lines.append(f"pdf:     {len(printing.pdfs.made) + len(pdfs.made)} "
                     f"{'PDF/A-2b file(s)' if result.pdf.pdf_a else 'PDF(s)'} made, "
                     f"{printing.pdfs.current + pdfs.current} up to date, beside their Word files")
    for line in lines:
        err(line)
    if result.office_missing:
        raise office_missing()
