"""Progress on stderr: a bar per phase (count, ETA) on a terminal, one line per phase otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

import click

from perbup.base.problems import Problem
from perbup.base.progress import Progress, Step
from perbup.cli.common import notice, print_problems

#: What each phase (perbup.base.progress.PHASES) is called on the screen, given its number of steps.
LABELS: dict[str, Callable[[int], str]] = {
    "check": lambda n: "checking the settings, data, content and templates",
    "decree": lambda n: "writing the decree draft",
    "letters": lambda n: f"writing {n} letter(s)",
    "report": lambda n: "writing the report",
    "bundles": lambda n: f"combining {n} kecamatan bundle(s)",
    "pdf": lambda n: f"making {n} PDF(s) with LibreOffice",
}


def _stderr() -> TextIO:
    return sys.stderr


class Shown(Progress):
    """Shows each phase as it starts and each warning once; with `quiet`, only what is left at the end.

    Warnings held back (`hold`) are shown when the first phase starts: a command that stops
    before its work does (a usage error) does not bury its one message under them.
    """

    def __init__(self, *, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.quiet = quiet
        self.stream = stream
        self.held: list[Problem] = []
        self.shown: set[Problem] = set()

    def hold(self, problems: Sequence[Problem]) -> None:
        self.held += problems

    def warn(self, problems: Sequence[Problem]) -> None:
        fresh = [p for p in dict.fromkeys([*self.held, *problems]) if p not in self.shown]
        self.held = []
        self.shown.update(fresh)
        if not self.quiet:
            print_problems(fresh, grouped=True)

    def notice(self, text: str) -> None:
        notice(text)  # even with quiet: it says why a run waits, or that the database changed

    @contextmanager
    def phase(self, name: str, total: int) -> Iterator[Step]:
        self.warn([])
        # click draws the bar only on a terminal; elsewhere it prints the label once. A phase
        # with nothing to do is not worth a line ("writing 0 letter(s)").
        with click.progressbar(length=total, label=LABELS[name](total),
                               file=self.stream or _stderr(), hidden=self.quiet or not total,
                               show_pos=True, show_eta=True) as bar:
            yield bar.update
