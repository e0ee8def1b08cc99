"""`perbup letters`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

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
from perbup.documents.letters import LettersOptions, LettersResult, plan_letters
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace
from perbup.pipeline.letters import send
from perbup.pipeline.pdf import asked, office_missing


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
    # The data's warnings wait until the letters are chosen: a wrong --kecamatan gets its one line.
    shown = Shown(quiet=quiet)
    shown.hold(dataset.problems)
    options = LettersOptions(out=out, kecamatan=kecamatan, desa=desa, all=all_desa, jobs=jobs,
                             force=force, full_nik=full_nik)
    pdf_options = asked(dataset.workspace.config, pdf=pdf, pdf_a=pdf_a, jobs=jobs, force=force)
    if dry_run:
        planned, warnings = plan_letters(dataset, options)  # its error lists the held warnings too
        shown.warn(warnings)
        for p in planned:
            click.echo(f"{p.nomor}\t{out / p.file}")
        extra = [what for flag, what in ((pdf_options, "a PDF of each"), (combine, "a bundle per "
                 "kecamatan and letters.zip")) if flag]
        also = f", with {' and '.join(extra)}" if extra else ""
        err(f"would write {len(planned)} letter(s){also}; nothing written (--dry-run)")
        return

    def written(result: LettersResult) -> None:
        shown.warn(result.warnings)
        err(f"{result.written} letter(s) written, {result.skipped} unchanged, in {out / 'letters'}; "
            f"contributions {rupiah_pesan(result.iuran_bulanan)} per month")

    made = send(dataset, options, combine=combine, pdf=pdf_options, progress=shown,
                written=written).printed
    shown.warn(made.warnings)
    parts = []
    if pdf_options and not made.pdfs.office_missing:
        parts.append(f"{len(made.pdfs.made)} PDF(s) made, {made.pdfs.current} up to date")
    if combine:
        parts.append(f"{len(made.bundles)} kecamatan bundle(s) in {out / 'letters'}, "
                     f"everything in {made.zip}")
    if made.signed_zip:
        parts.append(f"the signed copies in {made.signed_zip}")
    if parts:
        err("; ".join(parts))
    if made.pdfs.office_missing:
        raise office_missing()
