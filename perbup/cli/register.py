"""`perbup register`: export, void, rebuild."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from perbup.cli.common import CONTEXT, err, force_option, output_option, print_problems, workspace_option
from perbup.load.workspace import Workspace


@click.group(context_settings=CONTEXT)
def register() -> None:
    """The register of outgoing letters (agenda surat keluar): export it, void a number, rebuild it.

    A letter takes its number from the register when it is issued (perbup letters; perbup build
    --final): numbers run per year (and per classification code when surat.nomor holds {kode})
    without gaps, a desa keeps its number for the same subject on every re-run, and a voided
    number is never given again. The register is perbup.db in the workspace, or the database
    that database.url or PERBUP_DATABASE_URL names (docs/register.md).

    \b
    Example:
      perbup register export -o keluar
      perbup register void 560/12/BAG.HUK/2026 --reason "salah alamat"
      perbup register rebuild keluar/letters/manifest.csv keluar/register/register.csv
    """


@register.command(context_settings=CONTEXT)
@workspace_option
@output_option
@force_option
def export(workspace: Callable[[], Workspace], out: Path, force: bool) -> None:
    """Write OUTPUT/register/register.csv and register.xlsx for the e-office (SRIKANDI).

    One row per number, voided ones too, with the fields an outgoing naskah is registered with
    (docs/register.md lists the columns). The register holds no NIK, so neither does the export.

    \b
    Example:
      perbup register export -o keluar
    """
    from perbup.documents.agenda import export_register

    done = export_register(workspace(), out, force=force)
    err(f"register written: {', '.join(str(p) for p in done.files)} ({done.entries} number(s), "
        f"{done.void} void)")


@register.command(context_settings=CONTEXT)
@workspace_option
@click.argument("nomor")
@click.option("--reason", required=True, metavar="TEXT", help="Why the number is voided (kept with it).")
def void(workspace: Callable[[], Workspace], nomor: str, reason: str) -> None:
    """Void the letter numbered NOMOR: the number is never given again, and that desa's next
    letter of the same subject takes a new one.

    \b
    Example:
      perbup register void 560/12/BAG.HUK/2026 --reason "dikirim ke desa yang salah"
    """
    from perbup.documents.agenda import void_number

    entry = void_number(workspace(), nomor, reason)
    err(f"voided {entry.nomor} (desa {entry.kode_tujuan}): {entry.alasan_batal}")


@register.command(context_settings=CONTEXT)
@workspace_option
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
def rebuild(workspace: Callable[[], Workspace], files: tuple[Path, ...]) -> None:
    """Fill an empty register from register exports and letters manifests (FILES).

    After perbup.db is lost: every number the files name comes back with its desa, file and
    checksum (an export also brings back voids, signers and copies); a number below the highest
    of its year that no file names is voided, so it is never given again. A register that holds
    anything is refused.

    \b
    Example:
      perbup register rebuild output/register/register.csv output/letters/manifest.csv
    """
    from perbup.documents.agenda import rebuild_register

    done = rebuild_register(workspace(), files)
    print_problems(done.problems)
    lost = f"; {len(done.lost)} number(s) no file names, voided: {', '.join(done.lost[:10])}" \
        if done.lost else ""
    err(f"register rebuilt from {len(files)} file(s): {done.entries} number(s), {done.void} void{lost}")
