"""The command line: a thin Click layer over the library; errors map to exit codes here only."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from perbup import __version__
from perbup.base.errors import EXIT_USAGE, DataError, OfficeMissing, PerbupError
from perbup.cli.build import build
from perbup.cli.check import check
from perbup.cli.common import CONTEXT, err, notice, print_problems
from perbup.cli.decree import decree
from perbup.cli.diff import diff
from perbup.cli.init import init
from perbup.cli.ledger import ledger
from perbup.cli.letters import letters
from perbup.cli.publish import publish
from perbup.cli.register import register
from perbup.cli.reminders import reminders
from perbup.cli.report import report
from perbup.cli.rules import rules
from perbup.cli.templates import templates


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="perbup")
def cli() -> None:
    """Turn village-apparatus data into a regent's decree draft and one letter per village.

    \b
    Start with a workspace, check it, then make the documents:
      perbup init kupang            # a copy of the bundled Kupang workspace
      perbup check -w kupang        # every problem in the data, at once
      perbup build -w kupang --pdf  # decree draft, letters, bundles, report, PDFs

    Exit codes: 0 done, 1 problems in data, settings, content or templates (nothing written),
    2 usage errors, 3 the Word files were written but not the PDFs (--pdf without LibreOffice).
    Docs: docs/ in the repository, docs/cli.md for every option.
    """


# One line per command: each lives in its own module of this package.
for _command in (init, check, letters, decree, diff, report, build, register, rules, ledger,
                 reminders, publish, templates):
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: runs the CLI and turns every PerbupError into its message and exit code."""
    from perbup.store.engine import announce_with

    announce_with(notice)
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="perbup",
                        standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.Abort:
        err("perbup: interrupted")
        code = 130
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except DataError as exc:
        print_problems(exc.problems)
        errors = sum(p.is_error for p in exc.problems)
        err(f"{errors} error(s), {len(exc.problems) - errors} warning(s); nothing was written")
        code = exc.exit_code
    except OfficeMissing as exc:
        notice(str(exc))
        code = exc.exit_code
    except PerbupError as exc:
        prefix = "" if exc.exit_code != EXIT_USAGE else "perbup: error: "
        err(f"{prefix}{exc}")
        code = exc.exit_code
    sys.exit(code or 0)
