"""The one exception hierarchy, and the exit code each kind of failure maps to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from perbup.base.problems import Problem

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
# The Word files were written but --pdf could not be honoured: a script can tell, and still use them.
EXIT_NO_PDF = 3


class PerbupError(Exception):
    """Base of every error perbup reports to a user."""

    exit_code = EXIT_DATA


class UsageError(PerbupError):
    """The command was called wrongly: a missing workspace, a bad option value."""

    exit_code = EXIT_USAGE


class DataError(PerbupError):
    """Input data, configuration or content has errors; carries every problem found."""

    def __init__(self, problems: Sequence[Problem], message: str = "") -> None:
        self.problems = list(problems)
        super().__init__(message or f"{sum(p.is_error for p in self.problems)} error(s) in the input")


class TemplateError(PerbupError):
    """A Word template cannot be used: bad syntax, unknown variable, unsafe code, broken file."""

    def __init__(self, template: str, message: str, tag: str | None = None) -> None:
        self.template = template
        self.tag = tag
        self.message = message
        where = f" in {tag}" if tag else ""
        super().__init__(f"{template}: error: {message}{where}")


class OutputError(PerbupError):
    """Output cannot be written safely (not ours to overwrite, escapes the output folder)."""


class StoreError(PerbupError):
    """The database (the register and the ledger) cannot be used: damaged, newer than this
    perbup, locked too long, unreachable; nothing was written."""


class OfficeError(PerbupError):
    """LibreOffice is missing or failed to convert a document."""


class OfficeMissing(OfficeError):
    """--pdf asked for PDFs and LibreOffice is not installed; raised after the Word files are written."""

    exit_code = EXIT_NO_PDF


class Interrupted(PerbupError):
    """The user pressed Ctrl-C; what was written is whole and a re-run finishes the job."""

    exit_code = 130
