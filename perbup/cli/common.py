"""What every command shares: output helpers, workspace options, the context settings."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from perbup.problems import Problem
from perbup.workspace import find_workspace

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def err(text: str) -> None:
    """A line on stderr: diagnostics and progress never mix with data on stdout."""
    click.echo(text, err=True)


def notice(text: str) -> None:
    err(f"perbup: {text}")


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        err(problem.format())


def workspace_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`-w/--workspace` and `--aparat`; the command gets `workspace`, a function that loads it."""

    @click.option("-w", "--workspace", "workspace_dir", type=click.Path(file_okay=False, path_type=Path),
                  help="Workspace folder (default: the current folder if it has perbup.yaml, "
                       "else the bundled Kupang seeds).")
    @click.option("--aparat", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                  help="Use this apparatus list (CSV or .xlsx) instead of the workspace's for one run.")
    @functools.wraps(command)
    def wrapper(workspace_dir: Path | None, aparat: Path | None, **kwargs: Any) -> Any:
        return command(workspace=lambda: find_workspace(workspace_dir, notice), aparat=aparat,
                       **kwargs)

    return wrapper
