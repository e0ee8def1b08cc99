"""`perbup report`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import click

from perbup.cli.common import (
    CONTEXT,
    date_option,
    err,
    force_option,
    format_option,
    output_option,
    print_problems,
    workspace_options,
)
from perbup.documents.report import as_json, as_text, build_report, write_report
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace


@click.command(context_settings=CONTEXT)
@workspace_options
@output_option
@format_option
@click.option("--enrolled", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar="FILE",
              help="The list of registered participants from BPJS (NIK and KPJ; CSV or .xlsx), "
                   "used for this run instead of the workspace's data/terdaftar.csv.")
@date_option("tanggal", "The day the weeks run to and deadlines are judged on (default: today).")
@force_option
def report(workspace: Callable[[], Workspace], aparat: Path | None, out: Path, fmt: str,
           enrolled: Path | None, tanggal: dt.datetime | None, force: bool) -> None:
    """Show where enrollment stands per kecamatan, and write the report for the regent.

    Prints the table (kecamatan, desa, aparat, enrolled, contributions still to budget) and
    writes OUTPUT/report/report.xlsx, coverage.png and report.docx. With a BPJS list of
    registered participants (--enrolled, or data/terdaftar.csv in the workspace) it also shows
    who matched by NIK, whose NIK is unknown and how many are still missing per desa. Once letters
    are issued, it shows coverage week by week since the first (from the ledger: perbup ledger
    import), with OUTPUT/report/progress.png, and the desa past their letter's deadline.

    \b
    Example:
      perbup report --enrolled kiriman/peserta-bpjs.xlsx -o keluar
    """
    ws = workspace()
    dataset = load_dataset(ws, aparat, enrolled_file=enrolled)
    print_problems(dataset.problems, grouped=True)
    result = build_report(dataset, tanggal.date() if tanggal else None)
    written = write_report(result, ws, out, force=force)
    print_problems(written.warnings)
    if fmt == "json":
        click.echo(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(as_text(result), nl=False)
    err(f"report written: {', '.join(str(p) for p in written.files)}")
