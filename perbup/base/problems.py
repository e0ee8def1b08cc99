"""Problems found in input, collected all at once and printed as `FILE:ROW: severity: MESSAGE`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place; `row` is the line or sheet row a person sees, or None."""

    file: str
    row: int | None
    severity: Severity
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        where = f"{self.file}:{self.row}" if self.row is not None else self.file
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "severity": self.severity,
                "message": self.message, "hint": self.hint}


@dataclass
class Problems:
    """An ordered collection of problems that one file's checks add to."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file: str, row: int | None, message: str, hint: str | None = None) -> None:
        self.items.append(Problem(file, row, "error", message, hint))

    def warning(self, file: str, row: int | None, message: str, hint: str | None = None) -> None:
        self.items.append(Problem(file, row, "warning", message, hint))

    def extend(self, other: Problems | list[Problem]) -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.items)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Files in the order they were first reported, rows in order within each file."""
    first: dict[str, int] = {}
    for problem in problems:
        first.setdefault(problem.file, len(first))
    return sorted(problems, key=lambda p: (first[p.file], p.row or 0))
