"""How long work reports on itself: the core names each phase and counts its steps; the CLI shows them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from perbup.base.problems import Problem

#: Called with how many more steps of the phase are done.
Step = Callable[[int], None]

#: The phases, in the order `build` runs them.
PHASES = ("check", "decree", "letters", "report", "bundles", "pdf")


class Progress:
    """Reports nothing, the default; the CLI passes one that draws a bar or prints a line per phase."""

    def warn(self, problems: Sequence[Problem]) -> None:
        """Warnings known before the long work starts, to show then rather than after it."""

    def notice(self, text: str) -> None:
        """A line about the run itself (a database migrated, a wait for another run's lock)."""

    @contextmanager
    def phase(self, name: str, total: int) -> Iterator[Step]:
        """A phase (one of PHASES) of `total` steps; the body calls the step as they are done."""
        yield _nothing


def _nothing(steps: int) -> None:
    del steps


SILENT = Progress()
