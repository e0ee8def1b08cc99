"""`perbup ledger`: import the list BPJS sent back; show a person's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click

from perbup.cli.common import CONTEXT, date_option, err, print_problems, workspace_options
from perbup.load.workspace import Workspace


@click.group(context_settings=CONTEXT)
def ledger() -> None:
    """The ledger of each person's enrollment: named in a letter, registered, left office.

    Issuing a letter records everyone it asks to register; importing the list BPJS sends back
    records who registered, on which day, with their KPJ number, and who is gone from the
    apparatus list since. Every command then counts those people as enrolled, and perbup report
    shows coverage week by week and the desa past their deadline (docs/report.md).

    \b
    Example:
      perbup ledger import kiriman/peserta-bpjs-2026-12-15.xlsx --date 2026-12-15
    """


@ledger.command("import", context_settings=CONTEXT)
@workspace_options
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@date_option("tanggal", "The day the list gives (default: today): the people on it count as "
                        "registered from then.")
def import_(workspace: Callable[[], Workspace], aparat: Path | None, file: Path,
            tanggal: dt.datetime | None) -> None:
    """Record the BPJS list of registered participants FILE (NIK and KPJ; CSV or .xlsx).

    Each person on it who is in the apparatus list is recorded as registered on --date (once;
    again only with a new KPJ number); each row that matches nobody is a warning at its row;
    everyone the ledger knew who is no longer in the workspace's apparatus list is recorded as
    having left office (not with --aparat, which names another list for one run). A list with
    errors records nothing.

    \b
    Example:
      perbup ledger import kiriman/peserta-bpjs.xlsx --date 2026-12-15
    """
    from perbup.load.dataset import load_dataset
    from perbup.load.ledger_import import import_list

    day = tanggal.date() if tanggal else dt.date.today()
    dataset = load_dataset(workspace(), aparat, today=day)
    print_problems(dataset.problems, grouped=True)
    done = import_list(dataset, file, tanggal=day, whole=aparat is None)
    print_problems(done.problems)
    err(f"ledger: {done.matched} of the list's people are in the apparatus list, {done.registered} "
        f"newly registered on {day.isoformat()}; {done.left} left office")
