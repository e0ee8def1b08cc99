"""`perbup reminders`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click

from perbup.cli.common import CONTEXT, err, workspace_options
from perbup.cli.progress import Shown
from perbup.load.workspace import Workspace


@click.command(context_settings=CONTEXT)
@workspace_options
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Output folder.")
@click.option("--date", "tanggal", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The reminders' date, on which deadlines are judged (default: today).")
@click.option("--dry-run", is_flag=True, help="Show the reminders and the numbers they would take; "
                                               "write nothing, take no number.")
@click.option("--force", is_flag=True, help="Rewrite every reminder, even unchanged ones.")
@click.option("--full-nik", is_flag=True, help="Show whole NIKs (default: first 6 and last 4 digits).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors and the summary line.")
def reminders(workspace: Callable[[], Workspace], aparat: Path | None, out: Path,
              tanggal: dt.datetime | None, dry_run: bool, force: bool, full_nik: bool,
              quiet: bool) -> None:
    """Write a reminder (surat pengingat) to each desa past its letter's deadline.

    A desa is overdue when the deadline its letter gave (kept in the register) is before --date
    and someone of its apparatus is still not registered (by the apparatus list, data/terdaftar.csv
    or the ledger: perbup ledger import). Each reminder names that desa's people still missing,
    cites the letter, gives a new deadline (pengingat.batas_hari_kerja) and takes its number
    from the register; a re-run keeps it. Files: OUTPUT/reminders/<kode>-<kecamatan>/<kode>-<desa>.docx
    and OUTPUT/reminders/manifest.csv.

    \b
    Example:
      perbup reminders --date 2027-01-25 --dry-run
      perbup reminders -o keluar
    """
    from perbup.documents.reminders import make_reminders
    from perbup.load.dataset import load_dataset

    day = tanggal.date() if tanggal else None
    dataset = load_dataset(workspace(), aparat, today=day)
    shown = Shown(quiet=quiet)
    shown.warn(dataset.problems)
    result = make_reminders(dataset, out, today=day, dry_run=dry_run, force=force,
                            full_nik=full_nik, progress=shown)
    if dry_run:
        for r in result.planned:
            click.echo(f"{r.nomor}\t{out / r.file}\t{len(r.overdue.belum)} belum terdaftar")
        err(f"would write {len(result.planned)} reminder(s); nothing written (--dry-run)")
        return
    err(f"{result.written} reminder(s) written, {result.skipped} unchanged, in {out / 'reminders'}")
