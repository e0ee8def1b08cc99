"""`perbup init`."""

from __future__ import annotations

from pathlib import Path

import click

from perbup.cli.common import CONTEXT, err
from perbup.init import KUPANG, init_workspace


@click.command(context_settings=CONTEXT)
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("-k", "--kabupaten", default=KUPANG, show_default=True, metavar="CODE",
              help="Kemendagri code of the regency or city, e.g. 33.22.")
def init(directory: Path, kabupaten: str) -> None:
    """Create a workspace in DIRECTORY.

    For Kabupaten Kupang (the default) it is a copy of the bundled seeds; for any other code,
    the regency's real kecamatan and desa list with an empty apparatus list to fill in.

    \b
    Example:
      perbup init kab-semarang --kabupaten 33.22
    """
    summary = init_workspace(directory, kabupaten)
    err(f"created {directory}: {summary}")
    err(f"next: fill in the [placeholders] in {directory / 'perbup.yaml'}, then "
         f"perbup check -w {directory}")
