"""`perbup templates`: which template each document kind uses, what it may hold, and copies to customise."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perbup.base.errors import TemplateError, UsageError
from perbup.base.paths import display_path, seeds_dir, templates_dir
from perbup.base.problems import Problem
from perbup.documents.registry import kind as kind_called
from perbup.documents.registry import kinds
from perbup.docx.render import PreparedTemplate
from perbup.load.workspace import Workspace
from perbup.pipeline.check import layout_problems, load_all, template_problems


def template_name(kind: str) -> str:
    """The template file of `kind`; UsageError listing the kinds when it is none of them."""
    return kind_called(kind).template


@dataclass(frozen=True)
class TemplateUse:
    """The template a workspace uses for one kind: its own copy or the bundled one."""

    kind: str
    path: Path
    own: bool
    differs: bool  # an own copy that is not byte for byte the bundled one
    older: bool  # an own copy last saved before the bundled one was

    def line(self) -> str:
        if not self.own:
            return f"{self.kind}\tbundled\t{display_path(self.path)}"
        state = ("same as the bundled one" if not self.differs else
                 "differs from the bundled one" + (", which is newer" if self.older else ""))
        return f"{self.kind}\town copy\t{display_path(self.path)}\t{state}"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def list_templates(workspace: Workspace) -> list[TemplateUse]:
    """For each kind, the template `workspace` uses and how its own copy stands."""
    uses = []
    for kind in kinds():
        path, bundled = workspace.template(kind.template), templates_dir() / kind.template
        own = path != bundled
        differs = own and _digest(path) != _digest(bundled)
        older = differs and path.stat().st_mtime < bundled.stat().st_mtime
        uses.append(TemplateUse(kind.name, path, own, differs, older))
    return uses


def check_template(path: Path, name: str | None = None) -> list[Problem]:
    """Every problem of the template at `path` for the document kind of `name` (by default its
    file name): Jinja syntax, unknown variables, layout rules, fonts; each with the template's
    name and where it sits."""
    name = name or path.name
    display = display_path(path)
    kind = next((k for k in kinds() if k.template == name), None)
    if kind is None:
        raise UsageError(f"{display}: not a template perbup uses; name it after its kind: "
                         f"{', '.join(k.template for k in kinds())}")
    try:
        data = path.read_bytes()
        template = PreparedTemplate.load(path, name=name, data=data)
    except OSError as exc:
        return [Problem(display, None, "error", f"cannot read the template: {exc.strerror}")]
    except TemplateError as exc:
        return [Problem(display, None, "error", exc.message + (f" in {exc.tag}" if exc.tag else ""))]
    return kind.unknown(template, display) + layout_problems(kind, display, data)


def check_templates(workspace: Workspace, files: list[Path] | None = None) -> list[Problem]:
    """`check_template` on `files`, or on every template `workspace` uses."""
    if files:
        return [p for path in files for p in check_template(path)]
    return [p for kind in kinds() for p in template_problems(workspace, kind)]


@dataclass(frozen=True)
class Variable:
    """One variable a template of a kind can use: its name (`kab.nama`, `aparat[].nik`), its
    type and an example from the seed workspace."""

    name: str
    type: str
    example: str


def _example(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def _flatten(prefix: str, value: Any) -> list[Variable]:
    if isinstance(value, dict):
        out = [Variable(prefix, "mapping", "")]
        for key, item in value.items():
            out.extend(_flatten(f"{prefix}.{key}", item))
        return out
    if isinstance(value, list | tuple):
        out = [Variable(prefix, f"list ({len(value)} in the example)", "")]
        first = value[0] if value else None
        if isinstance(first, dict):
            for key, item in first.items():
                out.extend(_flatten(f"{prefix}[].{key}", item))
        elif value:
            out.append(Variable(f"{prefix}[]", type(first).__name__, _example(first)))
        return out
    if prefix.endswith(".nik"):  # personal data stays in the letters
        return [Variable(prefix, "str", "(16 digits)")]
    return [Variable(prefix, type(value).__name__, _example(value))]


def contract(kind: str) -> list[Variable]:
    """Every variable a template of `kind` can use, with its type and an example, from the
    context perbup builds for the bundled seed workspace (so the list cannot drift)."""
    chosen = kind_called(kind)
    loaded, _ = load_all(Workspace.load(seeds_dir()))
    samples = chosen.samples(loaded)
    context = samples[0].context if samples else {}
    variables = []
    for top in sorted(chosen.variables):
        if top in context:
            variables.extend(_flatten(top, context[top]))
        else:
            variables.append(Variable(top, "?", "(not in the seed data)"))
    return variables


def copy_template(workspace: Workspace, kind: str, directory: Path | None = None) -> Path:
    """The bundled template of `kind` copied into `directory` (default: the workspace's
    templates/ folder, where it then wins over the bundled one); refuses to overwrite."""
    name = template_name(kind)
    folder = directory if directory is not None else workspace.root / "templates"
    target = folder / name
    if target.exists():
        raise UsageError(f"{display_path(target)} already exists; remove it first to start again "
                         "from the bundled template")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(templates_dir() / name, target)
    return target
