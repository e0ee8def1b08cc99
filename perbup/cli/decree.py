"""`perbup decree`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from perbup.base.paths import display_path
from perbup.cli.common import (
    CONTEXT,
    err,
    final_option,
    force_option,
    output_option,
    pdf_a_option,
    pdf_option,
    print_problems,
    quiet_option,
    workspace_options,
)
from perbup.cli.progress import Shown
from perbup.documents.decree import DecreeOptions, DecreeResult
from perbup.load.instrumen import JENIS
from perbup.load.workspace import Workspace
from perbup.pipeline.decree import decree as run_decree
from perbup.pipeline.pdf import office_missing


@click.command(context_settings=CONTEXT)
@workspace_options
@output_option
@click.option("--jenis", type=click.Choice(JENIS), default="perbup", show_default=True,
              help="Which instrument: its text comes from content/JENIS.yaml and its layout from "
                   "templates/JENIS.docx.")
@final_option
@click.option("--perubahan", "perubahan", metavar="OLD",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Draft the amending regulation (Perubahan atas …) of OLD, the content of the "
                   "Perbup in force as promulgated, so that it reads as content/perbup.yaml: "
                   "Pasal I lists each change, Pasal II says when it takes effect.")
@pdf_option
@pdf_a_option
@force_option
@quiet_option
def decree(workspace: Callable[[], Workspace], aparat: Path | None, out: Path, jenis: str,
           final: bool, perubahan: Path | None, pdf: bool, pdf_a: bool, force: bool,
           quiet: bool) -> None:
    """Write the regent's decree draft from content/perbup.yaml, with annexes from the data.

    The annexes (coverage per kecamatan and per position, what is still to be budgeted) use
    the same figures as the letters. Data, content and drafting rules are checked first: any
    error writes nothing. The file goes to OUTPUT/decree/JENIS-draft.docx, or
    OUTPUT/decree/JENIS.docx with --final; the same inputs give the same bytes. With
    --perubahan, the amending regulation goes to OUTPUT/decree/perbup-perubahan-draft.docx.

    \b
    Example:
      perbup decree -o keluar
      perbup decree --final --pdf
      perbup decree --perubahan arsip/perbup-2026-3.yaml
    """
    def written(result: DecreeResult) -> None:
        if not quiet:
            print_problems(result.warnings, grouped=True)
        marking = "draft marked KONSEP" if result.konsep else "final, no KONSEP marking"
        err(f"wrote {display_path(result.path)} ({marking}; {result.pasal} {result.unit}, "
            f"{result.lampiran} lampiran)")

    run = run_decree(workspace(), aparat, DecreeOptions(out=out, jenis=jenis, final=final, force=force,
                                                        perubahan=perubahan),
                     pdf=pdf, pdf_a=pdf_a, progress=Shown(quiet=quiet), written=written)
    if run.pdf is None:
        return
    if run.pdfs.office_missing:
        raise office_missing()
    print_problems(run.pdfs.warnings)
    pdf_path = run.decree.path.with_suffix(".pdf")
    err(f"wrote {display_path(pdf_path)}" if run.pdfs.made else
        f"{display_path(pdf_path)} is up to date")
