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


def pdf_a_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--pdf-a`: the PDFs as PDF/A-2b (and so PDFs at all); the command gets `pdf_a`."""
    return click.option("--pdf-a", "pdf_a", is_flag=True,
                        help="Make the PDFs PDF/A-2b, for archiving and signing (implies --pdf; "
                             "terbit.pdf_a: true in perbup.yaml does it always).")(command)


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
