"""`perbup check`: validate a workspace's settings and data and sum up what it holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from perbup.dataset import collect
from perbup.problems import Problem
from perbup.workspace import Workspace


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
    return CheckResult(counts, problems.items)
