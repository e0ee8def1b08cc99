"""`perbup rules`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import click

from perbup.base.errors import EXIT_DATA
from perbup.cli.common import CONTEXT, date_option, format_option, print_problems, workspace_option
from perbup.documents.audit import as_json, as_text, audit
from perbup.load.workspace import Workspace


@click.command(context_settings=CONTEXT)
@workspace_option
@date_option("date", "The law in force on this day instead of the documents' date (surat.tanggal).")
@format_option
def rules(workspace: Callable[[], Workspace], date: dt.datetime | None, fmt: str) -> None:
    """Show which row of the table of legal facts each figure of the documents rests on.

    For each rate, share, base pay, minimum siltap, wage cap, due day and the registration
    deadline: its value on the documents' date (surat.tanggal, else today), the act and article
    it comes from and the day that row took effect; rows not read from the act's own text are
    marked. The workspace's own siltap is shown with its Peraturan Bupati. Every row of the table
    is listed in docs/rules.md.

    \b
    Example:
      perbup rules -w kupang --date 2023-06-01
    """
    result = audit(workspace(), date.date() if date else None)
    print_problems(list(result.problems))
    if fmt == "json":
        click.echo(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(as_text(result), nl=False)
    if any(p.is_error for p in result.problems):
        raise click.exceptions.Exit(EXIT_DATA)
