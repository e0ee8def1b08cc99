"""`perbup check`: every problem in settings, data and content, and every template rendered with the data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from perbup.base.errors import DataError, TemplateError
from perbup.base.paths import display_path
from perbup.base.problems import Problem, sort_problems
from perbup.compute.coverage import compute_coverage
from perbup.compute.numbering import build_decree
from perbup.documents.decree import DECREE_TEMPLATES, DECREE_VARIABLES, decree_context, decree_data
from perbup.documents.decree import TEMPLATES as DECREE_TEMPLATE
from perbup.documents.letters import TEMPLATE as LETTER_TEMPLATE
from perbup.documents.letters import render_letter, trial_letters
from perbup.documents.reminders import TEMPLATE as REMINDER_TEMPLATE
from perbup.documents.reminders import VARIABLES as REMINDER_VARIABLES
from perbup.documents.report import TEMPLATE as REPORT_TEMPLATE
from perbup.documents.report import VARIABLES as REPORT_VARIABLES
from perbup.documents.report import build_report, report_context
from perbup.documents.surat import VARIABLES as LETTER_VARIABLES
from perbup.docx.render import PreparedTemplate
from perbup.lint.run import lint
from perbup.load.content import content_unfilled, load_content
from perbup.load.dataset import Dataset, inspect
from perbup.load.unfilled import DECREES, LETTERS, Unfilled
from perbup.load.workspace import Workspace

#: Each template and the variables its context provides.
TEMPLATES = {LETTER_TEMPLATE: LETTER_VARIABLES, REPORT_TEMPLATE: REPORT_VARIABLES,
             REMINDER_TEMPLATE: REMINDER_VARIABLES, **dict.fromkeys(DECREE_TEMPLATES, DECREE_VARIABLES)}


@dataclass(frozen=True)
class CheckResult:
    """What `check` found: counts of what the data holds, and every problem."""

    counts: dict[str, int]
    problems: list[Problem] = field(default_factory=list)
    unfilled: list[Unfilled] = field(default_factory=list)  # among problems, as warnings

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def as_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "counts": self.counts,
                "problems": [p.as_dict() for p in self.problems]}

    def refusals(self) -> str | None:
        """What the documents that go out would refuse, in one line; None when nothing."""
        decree = sum(bool(u.reaches & DECREES) for u in self.unfilled)
        letters = sum(LETTERS in u.reaches for u in self.unfilled)
        if not decree and not letters:
            return None
        return (f"not filled in yet: {decree} item(s) a final decree (decree --final) would refuse, "
                f"{letters} the letters would refuse")

    def summary(self) -> str:
        errors = sum(p.is_error for p in self.problems)
        warnings = len(self.problems) - errors
        c = self.counts
        return (f"{c['kecamatan']} kecamatan, {c['desa']} desa, {c['aparat']} aparat "
                f"({c['terdaftar']} terdaftar): {errors} error(s), {warnings} warning(s)")


#: Renders one document from a prepared template, in memory; raises TemplateError.
Trial = Callable[[PreparedTemplate], object]


def check_templates(workspace: Workspace, trials: dict[str, list[Trial]] | None = None,
                    today: dt.date | None = None) -> list[Problem]:
    """Every template prepared and checked as a batch would, then rendered in memory with each
    of its `trials` (the real data); every failure a problem naming the template, part and tag."""
    problems = []
    for name, variables in TEMPLATES.items():
        path = workspace.template(name)
        try:
            template = PreparedTemplate.load(path, name=name, properties=workspace.properties(today))
            template.check(variables)
            for trial in (trials or {}).get(name, []):
                trial(template)
        except TemplateError as exc:
            message = exc.message + (f" in {exc.tag}" if exc.tag else "")
            problems.append(Problem(display_path(path), None, "error", message))
    return problems


def _render(template: PreparedTemplate, context: dict[str, Any]) -> bytes:
    return template.render(context)


def sample_contexts(dataset: Dataset, decrees: list[tuple[str, Any]],
                    today: dt.date | None) -> dict[str, list[dict[str, Any]]]:
    """What each template is rendered with on trial, from the real data: a letter of each kind
    of desa, the decree of each content file (as a draft and as a final copy), and the report."""
    config = dataset.workspace.config
    contexts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if dataset.ketentuan is None:  # no law in force on the date: an error already says so
        return contexts
    coverage = compute_coverage(dataset)
    contexts[LETTER_TEMPLATE] = [letter.context for letter in trial_letters(dataset, today)]
    for jenis, decree in decrees:
        for konsep in (None, False):  # as the content says, and `decree --final`
            contexts[DECREE_TEMPLATE[jenis]].append(
                decree_context(decree, config, coverage, konsep=konsep))
    contexts[REPORT_TEMPLATE].append(report_context(build_report(dataset)))
    return contexts


def _trials(dataset: Dataset, decrees: list[tuple[str, Any]],
            today: dt.date | None) -> dict[str, list[Trial]]:
    """Each template's trial renders (sample_contexts); a letter's failure names its desa."""
    trials: dict[str, list[Trial]] = defaultdict(list)
    for letter in trial_letters(dataset, today) if dataset.ketentuan is not None else ():
        trials[LETTER_TEMPLATE].append(partial(render_letter, planned=letter))
    for name, contexts in sample_contexts(dataset, decrees, today).items():
        if name != LETTER_TEMPLATE:
            trials[name].extend(partial(_render, context=context) for context in contexts)
    return trials


def _content(workspace: Workspace, dataset: Dataset, today: dt.date | None,
             unfilled: list[Unfilled] | None = None) -> tuple[list[Problem], list[tuple[str, Any]]]:
    """Every decree content file of the workspace: loaded, numbered with the data, and linted;
    and each decree that could be numbered, by its jenis. What the texts still leave to fill in
    is added to `unfilled`."""
    unfilled = [] if unfilled is None else unfilled
    problems: list[Problem] = []
    decrees: list[tuple[str, Any]] = []
    config = workspace.config
    coverage = compute_coverage(dataset) if dataset.ketentuan is not None else None
    for path in sorted(workspace.path("content").glob("*.yaml")):
        display = display_path(path)
        try:
            content, found = load_content(path, display)
            problems.extend(found)
            problems.extend(lint(content, display))
            unfilled.extend(content_unfilled(content, display))
            if coverage is not None:
                data = decree_data(config, coverage, content.jenis)
                decrees.append((content.jenis, build_decree(content, data, display)))
        except DataError as exc:
            problems.extend(exc.problems)
    return sort_problems(list(dict.fromkeys(problems))), decrees


def workspace_contexts(workspace: Workspace, today: dt.date | None = None,
                       ) -> dict[str, list[dict[str, Any]]]:
    """What each template of `workspace` is rendered with on trial (see sample_contexts)."""
    dataset, _ = inspect(workspace, None, today)
    return sample_contexts(dataset, _content(workspace, dataset, today)[1], today)


def check_content(workspace: Workspace, dataset: Dataset) -> list[Problem]:
    """Every decree content file of the workspace: loaded, numbered with the data, and linted."""
    return _content(workspace, dataset, None)[0]


def check_workspace(workspace: Workspace, aparat_file: Path | None = None,
                    today: dt.date | None = None) -> CheckResult:
    """Validates everything and renders every template with the real data in memory, as the
    batch will; reports every problem, and raises only for unreadable settings. `build` calls it
    before it writes anything, so a check that passes is a batch that can be written."""
    dataset, problems = inspect(workspace, aparat_file, today)
    counts = {
        "kecamatan": len(dataset.desa.kecamatan),
        "desa": len(dataset.desa),
        "aparat": len(dataset.aparat),
        "terdaftar": sum(p.terdaftar for p in dataset.aparat),
    }
    unfilled = list(workspace.unfilled)
    content_problems, decrees = _content(workspace, dataset, today, unfilled)
    return CheckResult(counts, problems.items + content_problems
                       + check_templates(workspace, _trials(dataset, decrees, today), today), unfilled)
