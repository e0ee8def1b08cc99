"""`perbup check`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click

from perbup.base.errors import EXIT_DATA, DataError
from perbup.cli.common import CONTEXT, err, format_option, print_problems, workspace_options
from perbup.load.workspace import Workspace
from perbup.pipeline.check import CheckResult, check_workspace


@click.command(context_settings=CONTEXT)
@workspace_options
@format_option
def check(workspace: Callable[[], Workspace], aparat: Path | None, fmt: str) -> None:
    """Validate settings and data; print every problem as FILE:ROW: error|warning: MESSAGE.

    Exits 0 when there are no errors (warnings allowed), 1 when there are.

    \b
    Example:
      perbup check --aparat kiriman/aparat-amarasi.xlsx
    """
    try:
        result = check_workspace(workspace(), aparat)
    except DataError as exc:
        if fmt != "json":
            raise
        result = CheckResult({"kecamatan": 0, "desa": 0, "aparat": 0, "terdaftar": 0},
                             exc.problems)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_problems(result.problems)
        if refusals := result.refusals():
            err(refusals)
        err(result.summary())
    if not result.ok:
        raise click.exceptions.Exit(EXIT_DATA)
