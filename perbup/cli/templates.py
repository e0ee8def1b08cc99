"""`perbup templates`: list, check, vars, copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from perbup.base.errors import EXIT_DATA
from perbup.base.paths import display_path
from perbup.cli.common import CONTEXT, err, print_problems, workspace_option
from perbup.load.workspace import Workspace


@click.group(context_settings=CONTEXT)
def templates() -> None:
    """The Word templates: which one each document kind uses, what it may hold, a copy to edit.

    A workspace uses the bundled template of each kind (surat_desa, perbup, instruksi,
    surat_edaran, laporan) until its templates/ folder holds its own copy (perbup templates
    copy). docs/templates.md is the guide for editing them in Word.

    \b
    Example:
      perbup templates list -w kupang
      perbup templates copy surat_desa -w kupang
      perbup templates check -w kupang
      perbup templates vars surat_desa
    """


@templates.command("list", context_settings=CONTEXT)
@workspace_option
def list_(workspace: Callable[[], Workspace]) -> None:
    """Show the template each document kind uses: bundled, or the workspace's own copy and
    whether it differs from (or was saved before) the bundled one.

    \b
    Example:
      perbup templates list -w kupang
    """
    from perbup.pipeline.templates import list_templates

    for use in list_templates(workspace()):
        click.echo(use.line())


@templates.command(context_settings=CONTEXT)
@workspace_option
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check(workspace: Callable[[], Workspace], files: tuple[Path, ...]) -> None:
    """Check FILES (default: every template the workspace uses), every problem at once.

    Unknown variables (with a suggestion and the list of those available), Jinja syntax errors,
    tables whose cells do not fill their grid (errors); paper, margins, a missing named picture
    and fonts that would print in a fallback font (warnings). A file is checked as the document
    kind its name says (surat_desa.docx, perbup.docx ...).

    \b
    Example:
      perbup templates check -w kupang kupang/templates/surat_desa.docx
    """
    from perbup.pipeline.templates import check_templates

    problems = check_templates(workspace(), list(files))
    print_problems(problems)
    errors = sum(p.is_error for p in problems)
    err(f"{errors} error(s), {len(problems) - errors} warning(s)")
    if errors:
        raise click.exceptions.Exit(EXIT_DATA)


@templates.command("vars", context_settings=CONTEXT)
@click.argument("kind")
def vars_(kind: str) -> None:
    """List every variable a template of KIND can use, its type and an example value.

    Built from the context perbup makes for the bundled seed workspace, so it is what a
    template really receives.

    \b
    Example:
      perbup templates vars surat_desa
    """
    from perbup.pipeline.templates import contract

    for variable in contract(kind):
        click.echo(f"{variable.name}\t{variable.type}\t{variable.example}".rstrip("\t"))


@templates.command(context_settings=CONTEXT)
@workspace_option
@click.argument("kind")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def copy(workspace: Callable[[], Workspace], kind: str, directory: Path | None) -> None:
    """Copy the bundled template of KIND into DIRECTORY (default: the workspace's templates/
    folder, where it then replaces the bundled one for that workspace).

    \b
    Example:
      perbup templates copy surat_desa -w kupang
    """
    from perbup.pipeline.templates import copy_template

    target = copy_template(workspace(), kind, directory)
    err(f"copied to {display_path(target)}; edit it in Word, then: perbup templates check")
