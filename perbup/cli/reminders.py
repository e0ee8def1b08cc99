"""`perbup reminders`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click

from perbup.cli.common import (
    CONTEXT,
    date_option,
    dry_run_option,
    err,
    force_option,
    full_nik_option,
    output_option,
    quiet_option,
    workspace_options,
)
from perbup.cli.progress import Shown
from perbup.load.workspace import Workspace


@click.command(context_settings=CONTEXT)
@workspace_options
@output_option
@date_option("tanggal", "The reminders' date, on which deadlines are judged (default: today).")
@dry_run_option
@force_option
@full_nik_option
@quiet_option
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
