"""A document kind: what perbup makes from one Word template, as every stage needs to know it.

Each document module declares its kinds (`KINDS`) beside the code that builds them; the registry
(documents/registry.py) finds them, so `check`, `templates` and `build` never name a writer. A new
kind is one module (its context builder and its `Kind`) and its template in templates/.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from perbup.base.errors import DataError, TemplateError
from perbup.base.problems import Problem
from perbup.compute.coverage import Coverage
from perbup.compute.numbering import Decree
from perbup.docx.render import PreparedTemplate
from perbup.load.content import Content
from perbup.load.dataset import Dataset


@dataclass(frozen=True)
class Sample:
    """A context a template is rendered with on trial; `about` names what it is for in an error
    ("letter for desa Oelnasi (53.01.01.2001)"), empty when the template alone says it."""

    context: Mapping[str, object]
    about: str = ""

    def render(self, template: PreparedTemplate) -> bytes:
        """The document in memory; a TemplateError names the template, `about`, part and tag."""
        try:
            return template.render(dict(self.context))
        except TemplateError as exc:
            if not self.about:
                raise
            where = f" in {exc.tag}" if exc.tag else ""
            raise TemplateError(exc.template, f"{self.about}: {exc.message}{where}") from None


@dataclass(frozen=True)
class Numbered:
    """A decree content file as the run read it, once: its content, what reading and the lint
    found in it, and the decree numbered with the data."""

    path: Path
    content: Content
    problems: tuple[Problem, ...]
    decree: Decree


@dataclass(frozen=True)
class Loaded:
    """What a run has loaded once and hands to every document: the data, its coverage (None when
    no law is in force on the date: an error already says so), each decree content file that
    could be numbered, the day the run takes as today, and what the data itself
    raised (load.dataset.validated turns the two into the dataset documents are made from)."""

    dataset: Dataset
    coverage: Coverage | None
    decrees: tuple[Numbered, ...] = ()
    today: dt.date | None = None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Kind:
    """One kind of document.

    `name` is how people call it (`perbup templates vars surat_desa`); `template` the file in
    templates/; `variables` the top-level names its context provides (a template naming another
    is refused before anything is written); `output` where it goes in the output folder;
    `publishable` whether it carries no personal data (counts and amounts only) and may be
    published; `samples` the contexts `check` renders it with, from the real data (one of each
    way the template can go: a letter of each kind of desa, a decree as draft and final).
    """

    name: str
    template: str
    variables: frozenset[str]
    output: str
    publishable: bool
    summary: str
    samples: Callable[[Loaded], list[Sample]]

    def unknown(self, template: PreparedTemplate, display: str) -> list[Problem]:
        """An error for each variable `template` uses that this kind does not provide, with the
        nearest one it does."""
        problems = []
        for variable in sorted(template.variables - self.variables):
            close = difflib.get_close_matches(variable, sorted(self.variables), n=1)
            guess = f"did you mean '{close[0]}'? " if close else ""
            problems.append(Problem(display, None, "error", f"unknown variable '{variable}'",
                                    f"{guess}a {self.name} template can use: "
                                    f"{', '.join(sorted(self.variables))}"))
        return problems

    def require(self, template: PreparedTemplate, display: str) -> None:
        """DataError naming every variable `template` (shown as `display`) uses that this kind
        lacks: checked before anything is written."""
        problems = self.unknown(template, display)
        if problems:
            raise DataError(problems)
