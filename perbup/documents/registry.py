"""Every kind of document perbup makes, found where each is built: a document module declares
its kinds as `KINDS` (documents/kind.py), and nothing else needs to list them."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from perbup.base.errors import UsageError
from perbup.documents.kind import Kind


@cache
def kinds() -> tuple[Kind, ...]:
    """Each kind, in the order of the modules that declare them (decree, letters, reminders, report)."""
    import perbup.documents as package

    found: list[Kind] = []
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if not module.ispkg and module.name not in ("kind", "registry"):
            found.extend(getattr(importlib.import_module(f"{package.__name__}.{module.name}"),
                                 "KINDS", ()))
    return tuple(found)


def by_template() -> dict[str, Kind]:
    """Each kind by its template's file name (surat_desa.docx)."""
    return {kind.template: kind for kind in kinds()}


def kind(name: str) -> Kind:
    """The kind called `name` (surat_desa) or whose template is `name` (surat_desa.docx);
    UsageError listing the kinds when it is none of them."""
    for each in kinds():
        if name in (each.name, each.template):
            return each
    raise UsageError(f'"{name}" is not a document kind; use one of: '
                     f'{", ".join(k.name for k in kinds())}')
