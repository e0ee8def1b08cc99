"""The sandboxed Jinja environment every template and text runs in: strict, escaped, bounded."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

# The sandbox caps one range() at 100,000 items, but nested loops multiply: a template may take
# at most this many range() steps per render, so a hostile one cannot hang a batch.
MAX_LOOP_STEPS = 1_000_000
MAX_SIZE = 1_000_000  # characters or items one expression may build ("x" * n, [0] * n)
_steps: contextvars.ContextVar[list[int]] = contextvars.ContextVar("perbup_steps")


@contextlib.contextmanager
def loop_budget() -> Iterator[None]:
    """A fresh budget of range() steps for one render."""
    token = _steps.set([0])
    try:
        yield
    finally:
        _steps.reset(token)


def _bounded_range(*args: int) -> Iterator[int]:
    counter = _steps.get([0])  # outside loop_budget(): a budget for this loop alone
    for value in safe_range(*args):
        counter[0] += 1
        if counter[0] > MAX_LOOP_STEPS:
            raise SecurityError(f"the template loops more than {MAX_LOOP_STEPS:,} times")
        yield value


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, also refusing arithmetic that would build huge values."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 100:
            raise SecurityError(f"the template raises a number to the power {right}")
        if operator == "*":
            sized, count = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(sized, (str, list, tuple)) and isinstance(count, int) \
                    and len(sized) * count > MAX_SIZE:
                raise SecurityError(f"the template builds a value of more than {MAX_SIZE:,} items")
        return super().call_binop(context, operator, left, right)


def sandbox(*, autoescape: bool, filters: Mapping[str, Callable[..., Any]] | None = None,
            ) -> ImmutableSandboxedEnvironment:
    """A strict (undefined variables are errors), immutable, bounded environment. With
    autoescape, markupsafe escapes & < > " ' exactly as docxtpl's autoescape=True does."""
    env = _Sandbox(undefined=StrictUndefined, autoescape=autoescape)
    env.globals["range"] = _bounded_range
    env.filters.update(filters or {})
    return env
