"""`perbup publish`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from perbup.base.paths import display_path
from perbup.cli.common import (
    CONTEXT,
    err,
    force_option,
    output_option,
    print_problems,
    quiet_option,
    workspace_options,
)
from perbup.cli.progress import Shown
from perbup.load.workspace import Workspace
from perbup.pipeline.publish import publish as run_publish


@click.command(context_settings=CONTEXT)
@workspace_options
@output_option
@force_option
@quiet_option
def publish(workspace: Callable[[], Workspace], aparat: Path | None, out: Path, force: bool,
            quiet: bool) -> None:
    """Publish the promulgated decree: final PDF/A, JDIH record, abstract, Akoma Ntoso.

    Refuses a decree that is not promulgated yet: content/perbup.yaml must give its nomor, the
    dates of penetapan and pengundangan and the Berita Daerah number. Then it writes the final
    decree (no KONSEP marking, no initials boxes) and its PDF/A-2b, and in OUTPUT/publish/ the
    copy to publish, the JDIH record as JSON with the keys of the national JDIHN feed (checked
    against its schema), the abstract, and the Akoma Ntoso 3.0 XML (checked against the
    official schema). Without LibreOffice the rest is written and the exit code is 3.

    \b
    Example:
      perbup publish -o keluar
    """
    result = run_publish(workspace(), aparat, out, force=force, progress=Shown(quiet=quiet))
    if not quiet:
        print_problems(result.warnings, grouped=True)
    err(f"final decree {display_path(result.decree)}" if result.decree else "")
    for path in result.files:
        err(f"wrote {display_path(path)}")
