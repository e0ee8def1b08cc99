"""`perbup check`: validate a workspace's settings and data and sum up what it holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from perbup.content import load_content
from perbup.coverage import compute_coverage
from perbup.dataset import Dataset, collect
from perbup.decree import DECREE_TEMPLATES, DECREE_VARIABLES, coverage_month, decree_data
from perbup.errors import DataError, TemplateError
from perbup.letter import VARIABLES as LETTER_VARIABLES
from perbup.letters import TEMPLATE as LETTER_TEMPLATE
from perbup.lint import lint
from perbup.numbering import build_decree
from perbup.problems import Problem, sort_problems
from perbup.render import PreparedTemplate
from perbup.report import TEMPLATE as REPORT_TEMPLATE
from perbup.report import VARIABLES as REPORT_VARIABLES
from perbup.workspace import Workspace, display_path

#: Each template and the variables its context provides.
TEMPLATES = {LETTER_TEMPLATE: LETTER_VARIABLES, REPORT_TEMPLATE: REPORT_VARIABLES,
             **dict.fromkeys(DECREE_TEMPLATES, DECREE_VARIABLES)}


@dataclass(frozen=True)
class CheckResult:
    """What `check` found: counts of what the data holds, and every problem."""

    counts: dict[str, int]
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def as_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "counts": self.counts,
                "problems": [p.as_dict() for p in self.problems]}

    def summary(self) -> str:
        errors = sum(p.is_error for p in self.problems)
        warnings = len(self.problems) - errors
        c = self.counts
        return (f"{c['kecamatan']} kecamatan, {c['desa']} desa, {c['aparat']} aparat "
                f"({c['terdaftar']} terdaftar): {errors} error(s), {warnings} warning(s)")


def check_templates(workspace: Workspace) -> list[Problem]:
    """Every template prepared and checked as a batch would, as problems instead of errors."""
    problems = []
    for name, variables in TEMPLATES.items():
        path = workspace.template(name)
        try:
            PreparedTemplate.load(path, name=name).check(variables)
        except TemplateError as exc:
            message = exc.message + (f" in {exc.tag}" if exc.tag else "")
            problems.append(Problem(display_path(path), None, "error", message))
    return problems


def check_content(workspace: Workspace, dataset: Dataset) -> list[Problem]:
    """Every decree content file of the workspace: loaded, numbered with the data, and linted."""
    problems: list[Problem] = []
    config = workspace.config
    month = coverage_month(config)
    data = decree_data(config, compute_coverage(dataset, month), month)
    for path in sorted(workspace.path("content").glob("*.yaml")):
        display = display_path(path)
        try:
            content, found = load_content(path, display)
            problems.extend(found)
            problems.extend(lint(content, display))
            build_decree(content, data, display)
        except DataError as exc:
            problems.extend(exc.problems)
    return sort_problems(list(dict.fromkeys(problems)))


def check_workspace(workspace: Workspace, aparat_file: Path | None = None,
                    today: dt.date | None = None) -> CheckResult:
    """Validates everything and reports every problem; raises only for unreadable settings."""
    index, people, problems = collect(workspace, aparat_file, today)
    counts = {
        "kecamatan": len(index.kecamatan),
        "desa": len(index),
        "aparat": len(people),
        "terdaftar": sum(p.terdaftar for p in people),
    }
    dataset = Dataset(workspace, index, tuple(people), ())
    return CheckResult(counts, problems.items + check_content(workspace, dataset)
                       + check_templates(workspace))
