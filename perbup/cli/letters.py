"""`perbup letters`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from perbup.base.errors import OfficeMissing
from perbup.base.formats import rupiah_pesan
from perbup.cli.common import (
    CONTEXT,
    dry_run_option,
    err,
    force_option,
    full_nik_option,
    jobs_option,
    output_option,
    pdf_a_option,
    pdf_option,
    quiet_option,
    workspace_options,
)
from perbup.cli.progress import Shown
from perbup.documents.bundle import PrintOptions, check_print, make_print
from perbup.documents.letters import (
    LettersOptions,
    make_letters,
    plan_letters,
    planned_files,
    refuse_unfilled,
)
from perbup.docx.office import MISSING
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace


@click.command(context_settings=CONTEXT)
@workspace_options
@output_option
@click.option("--kecamatan", multiple=True, metavar="NAME", help="Only desa of this kecamatan (repeatable).")
@click.option("--desa", multiple=True, metavar="CODE", help="Only this desa, by code or name (repeatable).")
@click.option("--all", "all_desa", is_flag=True,
              help="Every desa with apparatus, also those already fully enrolled.")
@jobs_option
@force_option
@dry_run_option
@full_nik_option
@pdf_option
@pdf_a_option
@click.option("--combine", is_flag=True,
              help="Also make one Word file per kecamatan with its letters, "
                   "OUTPUT/letters/<kode>-<kecamatan>.docx, and OUTPUT/letters.zip with every "
                   "letter, bundle, PDF and the manifest.")
@quiet_option
def letters(workspace: Callable[[], Workspace], aparat: Path | None, out: Path,
            kecamatan: tuple[str, ...], desa: tuple[str, ...], all_desa: bool, jobs: int,
            force: bool, dry_run: bool, full_nik: bool, pdf: bool, pdf_a: bool,
            combine: bool, quiet: bool) -> None:
    """Write one enrollment letter per desa, with its apparatus and their contributions.

    By default every desa with at least one member not yet enrolled. Letters go to
    OUTPUT/letters/<kode>-<kecamatan>/<kode>-<desa>.docx with OUTPUT/letters/manifest.csv; unchanged
    letters are left as they are. Each letter takes its number from the register of outgoing
    letters when it is first written, and keeps it (docs/register.md). --pdf and --combine make
    PDFs (with LibreOffice) and print bundles of each kecamatan; without LibreOffice the Word
    files are still written.

    \b
    Example:
      perbup letters -o keluar --kecamatan "Kupang Tengah" --jobs 2
      perbup letters --pdf --combine --jobs 4
    """
    dataset = load_dataset(workspace(), aparat)
    pdf_a = pdf_a or (pdf and dataset.workspace.config.terbit.pdf_a)
    pdf = pdf or pdf_a
    # The data's warnings wait until the letters are chosen: a wrong --kecamatan gets its one line.
    shown = Shown(quiet=quiet)
    shown.hold(dataset.problems)
    options = LettersOptions(out=out, kecamatan=kecamatan, desa=desa, all=all_desa, jobs=jobs,
                             force=force, full_nik=full_nik)
    refuse_unfilled(dataset, options)  # its error lists the held warnings too
    if dry_run:
        planned, warnings = plan_letters(dataset, options)
        shown.warn(warnings)
        for p in planned:
            click.echo(f"{p.nomor}\t{out / p.file}")
        extra = [what for flag, what in ((pdf, "a PDF of each"), (combine, "a bundle per kecamatan "
                 "and letters.zip")) if flag]
        also = f", with {' and '.join(extra)}" if extra else ""
        err(f"would write {len(planned)} letter(s){also}; nothing written (--dry-run)")
        return
    print_options = PrintOptions(pdf=pdf, combine=combine, jobs=jobs, force=force, pdf_a=pdf_a)
    if pdf or combine:  # a bundle, PDF or zip in the way stops the run before any letter is written
        check_print(out, planned_files(dataset, options), print_options)
    result = make_letters(dataset, options, progress=shown)
    shown.warn(result.warnings)
    total = rupiah_pesan(result.iuran_bulanan)
    err(f"{result.written} letter(s) written, {result.skipped} unchanged, in {out / 'letters'}; "
         f"contributions {total} per month")
    if not (pdf or combine):
        return
    made = make_print(out, result.files, print_options, progress=shown)
    shown.warn(made.warnings)
    parts = []
    if pdf and not made.office_missing:
        parts.append(f"{len(made.pdfs)} PDF(s) made, {made.pdfs_current} up to date")
    if combine:
        parts.append(f"{len(made.bundles)} kecamatan bundle(s) in {out / 'letters'}, "
                     f"everything in {made.zip}")
    if made.signed_zip:
        parts.append(f"the signed copies in {made.signed_zip}")
    if parts:
        err("; ".join(parts))
    if made.office_missing:
        raise OfficeMissing(MISSING)
