"""The command line: a thin Click layer over the library; errors map to exit codes here only."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from perbup import __version__
from perbup.check import CheckResult, check_workspace
from perbup.errors import EXIT_DATA, EXIT_USAGE, DataError, PerbupError
from perbup.dataset import load_dataset
from perbup.formats import rupiah
from perbup.init import KUPANG, init_workspace
from perbup.letters import LettersOptions, make_letters, plan_letters
from perbup.problems import Problem
from perbup.workspace import Workspace, find_workspace

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _err(text: str) -> None:
    click.echo(text, err=True)


def _notice(text: str) -> None:
    _err(f"perbup: {text}")


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        _err(problem.format())


def workspace_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`-w/--workspace` and `--aparat`; the command gets `workspace`, a function that loads it."""

    @click.option("-w", "--workspace", "workspace_dir", type=click.Path(file_okay=False, path_type=Path),
                  help="Workspace folder (default: the current folder if it has perbup.yaml, "
                       "else the bundled Kupang seeds).")
    @click.option("--aparat", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                  help="Use this apparatus list (CSV or .xlsx) instead of the workspace's for one run.")
    @functools.wraps(command)
    def wrapper(workspace_dir: Path | None, aparat: Path | None, **kwargs: Any) -> Any:
        return command(workspace=lambda: find_workspace(workspace_dir, _notice), aparat=aparat,
                       **kwargs)

    return wrapper


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="perbup")
def cli() -> None:
    """Turn village-apparatus data into a regent's decree draft and one letter per village.

    \b
    Start with a workspace, check it, then make the documents:
      perbup init kupang            # a copy of the bundled Kupang workspace
      perbup check -w kupang        # every problem in the data, at once
    """


@cli.command(context_settings=CONTEXT)
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
    _err(f"created {directory}: {summary}")
    _err(f"next: fill in the [placeholders] in {directory / 'perbup.yaml'}, then "
         f"perbup check -w {directory}")


@cli.command(context_settings=CONTEXT)
@workspace_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json prints one object on stdout.")
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
        _err(result.summary())
    if not result.ok:
        raise click.exceptions.Exit(EXIT_DATA)


@cli.command(context_settings=CONTEXT)
@workspace_options
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Output folder.")
@click.option("--kecamatan", multiple=True, metavar="NAME", help="Only desa of this kecamatan (repeatable).")
@click.option("--desa", multiple=True, metavar="CODE", help="Only this desa, by code or name (repeatable).")
@click.option("--all", "all_desa", is_flag=True,
              help="Every desa with apparatus, also those already fully enrolled.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes.")
@click.option("--force", is_flag=True, help="Rewrite every letter, even unchanged ones.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--full-nik", is_flag=True,
              help="Show whole NIKs (only when the letter goes to the village alone and the regency "
                   "decided so); default shows the first 6 and last 4 digits.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors and the summary line.")
def letters(workspace: Callable[[], Workspace], aparat: Path | None, out: Path,
            kecamatan: tuple[str, ...], desa: tuple[str, ...], all_desa: bool, jobs: int,
            force: bool, dry_run: bool, full_nik: bool, quiet: bool) -> None:
    """Write one enrollment letter per desa, with its apparatus and their contributions.

    By default every desa with at least one member not yet enrolled. Letters go to
    OUTPUT/letters/<kecamatan>/<kode>-<desa>.docx with OUTPUT/letters/manifest.csv; unchanged
    letters are left as they are.

    \b
    Example:
      perbup letters -o keluar --kecamatan "Kupang Tengah" --jobs 2
    """
    dataset = load_dataset(workspace(), aparat)
    if not quiet:
        print_problems(dataset.problems)
    options = LettersOptions(out=out, kecamatan=kecamatan, desa=desa, all=all_desa, jobs=jobs,
                             force=force, dry_run=dry_run, full_nik=full_nik)
    if dry_run:
        planned, warnings = plan_letters(dataset, options)
        print_problems(warnings)
        for p in planned:
            click.echo(f"{p.nomor}\t{out / p.file}")
        _err(f"would write {len(planned)} letter(s); nothing written (--dry-run)")
        return
    show_bar = not quiet and sys.stderr.isatty()
    with click.progressbar(length=0, label="letters", file=sys.stderr,
                           hidden=not show_bar) as bar:
        result = make_letters(dataset, options, progress=bar.update)
    if not quiet:
        print_problems(result.warnings)
    total = rupiah(result.iuran_bulanan)
    _err(f"{result.written} letter(s) written, {result.skipped} unchanged, in {out / 'letters'}; "
         f"contributions {total} per month")


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: runs the CLI and turns every PerbupError into its message and exit code."""
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="perbup",
                        standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.Abort:
        _err("perbup: interrupted")
        code = 130
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except DataError as exc:
        print_problems(exc.problems)
        errors = sum(p.is_error for p in exc.problems)
        _err(f"{errors} error(s), {len(exc.problems) - errors} warning(s); nothing was written")
        code = exc.exit_code
    except PerbupError as exc:
        prefix = "" if exc.exit_code != EXIT_USAGE else "perbup: error: "
        _err(f"{prefix}{exc}")
        code = exc.exit_code
    sys.exit(code or 0)
