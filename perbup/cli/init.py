"""`perbup init`."""

from __future__ import annotations

from pathlib import Path

import click

from perbup.cli.common import CONTEXT, err
from perbup.pipeline.init import KUPANG, init_workspace


@click.command(context_settings=CONTEXT)
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("-k", "--kabupaten", default=KUPANG, show_default=True, metavar="CODE",
              help="Kemendagri code of the regency or city, e.g. 33.22.")
@click.option("--with-templates", is_flag=True,
              help="Also copy every bundled Word template into DIRECTORY/templates (by default the "
                   "workspace uses the bundled ones until you copy one: perbup templates copy).")
def init(directory: Path, kabupaten: str, with_templates: bool) -> None:
    """Create a workspace in DIRECTORY.

    For Kabupaten Kupang (the default) it is a copy of the bundled seeds; for any other code,
    the regency's real kecamatan and desa list with an empty apparatus list to fill in.

    \b
    Example:
      perbup init kab-semarang --kabupaten 33.22
    """
    summary = init_workspace(directory, kabupaten, with_templates=with_templates)
    err(f"created {directory}: {summary}")
    err(f"next: fill in the [placeholders] in {directory / 'perbup.yaml'}, then "
         f"perbup check -w {directory}")
