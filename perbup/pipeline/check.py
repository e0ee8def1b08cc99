"""`perbup check`: every problem in settings, data and content, and every template rendered with the data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perbup.base.errors import DataError, TemplateError
from perbup.base.paths import display_path
from perbup.base.problems import Problem, Severity, sort_problems
from perbup.compute.coverage import Coverage, compute_coverage
from perbup.compute.numbering import build_decree
from perbup.documents.decree import decree_data
from perbup.documents.kind import Kind, Loaded, Numbered
from perbup.documents.registry import kinds
from perbup.docx.layout import FONT, layout_findings
from perbup.docx.office import fallback_font, named_fonts
from perbup.lint.run import lint
from perbup.load.content import content_unfilled, load_content
from perbup.load.dataset import inspect
from perbup.load.unfilled import DECREES, LETTERS, Unfilled
from perbup.load.workspace import Workspace

#: Each template and the variables its context provides (documents/registry.py).
TEMPLATES = {kind.template: kind.variables for kind in kinds()}


@dataclass(frozen=True)
class CheckResult:
    """What `check` found: counts of what the data holds, and every problem."""

    counts: dict[str, int]
    problems: list[Problem] = field(default_factory=list)
    unfilled: list[Unfilled] = field(default_factory=list)  # among problems, as warnings
    loaded: Loaded | None = field(default=None, compare=False, repr=False)

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


def layout_problems(kind: Kind, display: str, data: bytes) -> list[Problem]:
    """The layout rules (docx/layout.py) and the fonts: a broken table grid prints wrong (an
    error); paper, margins, pictures and a font this machine would replace are the bureau's to
    decide (warnings)."""
    problems = []
    for finding in layout_findings(Path(kind.template), kind.template, data):
        severity: Severity = "error" if finding.where.startswith("table") else "warning"
        problems.append(Problem(display, None, severity, f"{finding.where}: {finding.message}"))
    for font in sorted({FONT, *named_fonts(data, body_only=True)}):
        shown = fallback_font(font)
        if shown:
            problems.append(Problem(display, None, "warning",
                                    f"the font {font} is neither installed nor metric-compatible "
                                    f"here: LibreOffice would print it as {shown}",
                                    "install it or its substitute (docs/pdf.md), or use another font"))
    return problems


def template_problems(workspace: Workspace, kind: Kind, loaded: Loaded | None = None,
                      today: dt.date | None = None) -> list[Problem]:
    """Everything wrong with the template `workspace` uses for `kind`: it cannot be read or
    compiled, names a variable its kind lacks, breaks a layout rule, or fails to render with one
    of the kind's samples from the real data (`loaded`); each naming the template, and where."""
    display = display_path(workspace.template(kind.template))
    try:
        template = workspace.prepared(kind.template, today=today)
    except TemplateError as exc:
        return [Problem(display, None, "error", exc.message + (f" in {exc.tag}" if exc.tag else ""))]
    problems = kind.unknown(template, display)
    problems += layout_problems(kind, display, workspace.template_bytes(kind.template))
    if loaded is None or any(p.is_error for p in problems):
        return problems
    try:
        for sample in kind.samples(loaded):
            sample.render(template)
    except TemplateError as exc:
        problems.append(Problem(display, None, "error",
                                exc.message + (f" in {exc.tag}" if exc.tag else "")))
    return problems


def check_templates(workspace: Workspace, loaded: Loaded | None = None,
                    today: dt.date | None = None) -> list[Problem]:
    """Every template prepared and checked as a batch would, then rendered in memory with each
    of its kind's samples from the real data; every failure a problem naming the template, part
    and tag."""
    return [p for kind in kinds() for p in template_problems(workspace, kind, loaded, today)]


def _content(workspace: Workspace, coverage: Coverage | None,
             unfilled: list[Unfilled]) -> tuple[list[Problem], list[Numbered]]:
    """Every decree content file of the workspace: loaded, numbered with the data, and linted;
    and each that could be numbered. What the texts still leave to fill in is added to
    `unfilled`."""
    problems: list[Problem] = []
    decrees: list[Numbered] = []
    config = workspace.config
    for path in sorted(workspace.path("content").glob("*.yaml")):
        display = display_path(path)
        try:
            content, found = load_content(path, display)
            found += lint(content, display)
            problems.extend(found)
            unfilled.extend(content_unfilled(content, display))
            if coverage is not None:
                data = decree_data(config, coverage, content.jenis)
                decrees.append(Numbered(path, content, tuple(found),
                                        build_decree(content, data, display)))
        except DataError as exc:
            problems.extend(exc.problems)
    return sort_problems(list(dict.fromkeys(problems))), decrees


def load_all(workspace: Workspace, aparat_file: Path | None = None, today: dt.date | None = None,
             unfilled: list[Unfilled] | None = None) -> tuple[Loaded, list[Problem]]:
    """The run's data read once: the dataset (with whatever could be read), its coverage, each
    decree content file numbered with it; and every problem found on the way. What is still to
    fill in is added to `unfilled`."""
    dataset, problems = inspect(workspace, aparat_file, today)
    coverage = compute_coverage(dataset) if dataset.ketentuan is not None else None
    content_problems, decrees = _content(workspace, coverage,
                                         [] if unfilled is None else unfilled)
    return (Loaded(dataset, coverage, tuple(decrees), today, tuple(problems.items)),
            problems.items + content_problems)


def workspace_contexts(workspace: Workspace, today: dt.date | None = None,
                       ) -> dict[str, list[dict[str, Any]]]:
    """What each template of `workspace` is rendered with on trial, by template name."""
    loaded, _ = load_all(workspace, None, today)
    return {kind.template: [dict(sample.context) for sample in kind.samples(loaded)]
            for kind in kinds()}


def check_workspace(workspace: Workspace, aparat_file: Path | None = None,
                    today: dt.date | None = None) -> CheckResult:
    """Validates everything and renders every template with the real data in memory, as the
    batch will; reports every problem, and raises only for unreadable settings. `build` calls it
    before it writes anything, so a check that passes is a batch that can be written; the
    result carries what was loaded, for the batch to use as it is."""
    unfilled = list(workspace.unfilled)
    loaded, problems = load_all(workspace, aparat_file, today, unfilled)
    dataset = loaded.dataset
    counts = {
        "kecamatan": len(dataset.desa.kecamatan),
        "desa": len(dataset.desa),
        "aparat": len(dataset.aparat),
        "terdaftar": sum(p.terdaftar for p in dataset.aparat),
    }
    return CheckResult(counts, problems + check_templates(workspace, loaded, today), unfilled,
                       loaded)
