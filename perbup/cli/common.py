"""What every command shares: output helpers, workspace options, the context settings."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from perbup.base.paths import is_bundled
from perbup.base.problems import Problem
from perbup.load.unfilled import SETTING_PATTERN
from perbup.load.workspace import find_workspace

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def err(text: str) -> None:
    """A line on stderr: diagnostics and progress never mix with data on stdout."""
    click.echo(text, err=True)


def notice(text: str) -> None:
    err(f"perbup: {text}")


def print_problems(problems: Sequence[Problem], *, grouped: bool = False) -> None:
    """Each problem on stderr; `grouped`: a file's placeholder settings as one warning."""
    for problem in group_placeholders(problems) if grouped else problems:
        err(problem.format())


def group_placeholders(problems: Sequence[Problem]) -> list[Problem]:
    """The placeholder warnings of each settings file as one, at the first one's place.

    A command that makes documents only needs to say that settings are unfilled and which;
    `perbup check` lists each at its line. A bundled file cannot be edited at all, so its hint
    says how to get a copy that can.
    """
    def placeholder(problem: Problem) -> str | None:
        match = SETTING_PATTERN.match(problem.message)
        return match.group(1) if match and not problem.is_error else None

    names: dict[str, list[str]] = {}
    for problem in problems:
        if (name := placeholder(problem)) is not None:
            names.setdefault(problem.file, []).append(name)
    out: list[Problem] = []
    for problem in problems:
        found = names.get(problem.file, [])
        if placeholder(problem) is None or len(found) < 2:
            out.append(problem)
        elif placeholder(problem) == found[0]:
            hint = ("this is the bundled workspace, which cannot be edited: make a copy with "
                    "perbup init DIR and fill them in there" if is_bundled(problem.file) else
                    "fill them in before the documents go out; perbup check lists each at its line")
            out.append(Problem(problem.file, problem.row, "warning",
                               f"{len(found)} settings are still placeholders: {', '.join(found)}",
                               hint))
    return out


def workspace_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`-w/--workspace` alone, for a command that reads no apparatus list."""
    return workspace_options(command, aparat=False)


# The options several commands share, each declared once with one help text; each use makes
# its own click.Option from the same declaration (tests/test_cli_options.py holds them to it).
output_option = click.option(
    "-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"), show_default=True, help="Output folder.")
force_option = click.option(
    "--force", is_flag=True,
    help="Rewrite every file, even unchanged ones, replacing files perbup did not write or that "
         "were edited since (never a signed PDF).")
quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help="Only errors and the summary: no warnings, no progress.")
jobs_option = click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
    help="Worker processes, for the letters and for the LibreOffice processes making PDFs.")
pdf_option = click.option(
    "--pdf", is_flag=True,
    help="Also make a PDF beside each Word file with LibreOffice (without it: the Word files, "
         "then exit code 3).")
#: the command gets `pdf_a`
pdf_a_option = click.option(
    "--pdf-a", "pdf_a", is_flag=True,
    help="Make the PDFs PDF/A-2b, for archiving and signing (implies --pdf; terbit.pdf_a: true "
         "in perbup.yaml does it always).")
final_option = click.option(
    "--final", is_flag=True,
    help="Final copies: the decree without KONSEP marking (as konsep: false in its content), and "
         "anything not filled in (a [placeholder], a number left as dots, a total of Rp 0) is an "
         "error instead of a warning.")
dry_run_option = click.option(
    "--dry-run", is_flag=True,
    help="Show what would be written, with the numbers it would take; write nothing, take no "
         "number.")
full_nik_option = click.option(
    "--full-nik", is_flag=True,
    help="Show whole NIKs (only when the letter goes to the village alone and the regency decided "
         "so); default shows the first 6 and last 4 digits.")
#: the command gets `fmt`
format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="json prints one object on stdout.")


def date_option(name: str, meaning: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--date YYYY-MM-DD`, given to the command as `name` (a datetime, or None); what the day
    means differs by command, so each says it in `meaning`."""
    return click.option("--date", name, type=click.DateTime(formats=["%Y-%m-%d"]),
                        metavar="YYYY-MM-DD", help=meaning)


def workspace_options(command: Callable[..., Any], *, aparat: bool = True) -> Callable[..., Any]:
    """`-w/--workspace` and `--aparat`; the command gets `workspace`, a function that loads it."""

    @functools.wraps(command)
    def wrapper(workspace_dir: Path | None, **kwargs: Any) -> Any:
        return command(workspace=lambda: find_workspace(workspace_dir, notice), **kwargs)

    if aparat:
        wrapper = click.option(
            "--aparat", type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Use this apparatus list (CSV or .xlsx) instead of the workspace's for one run.",
        )(wrapper)
    return click.option(
        "-w", "--workspace", "workspace_dir", type=click.Path(file_okay=False, path_type=Path),
        help="Workspace folder (default: the current folder if it has perbup.yaml, else the "
             "bundled Kupang seeds).")(wrapper)
