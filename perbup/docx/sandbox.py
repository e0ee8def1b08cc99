"""The sandboxed Jinja environment every template and text runs in: strict, escaped, bounded."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import html
import re
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, NoReturn

from jinja2 import StrictUndefined, Template, Undefined, meta, nodes
from jinja2.compiler import CodeGenerator, Frame, operators
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
    safe_range,
)
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup, escape

#: Filters and tests that make a missing variable harmless: `{{ x|default("-") }}`,
#: `{% if x is defined %}`; a name only so guarded is optional, not unknown.
_GUARD_FILTERS = frozenset({"default", "d"})
_GUARD_TESTS = frozenset({"defined", "undefined"})


def required_variables(tree: nodes.Template) -> set[str]:
    """The variables a parsed template reads from its context, less those it only reads
    behind `|default` or `is defined` (anywhere in the template)."""
    guarded = {node.node.name for node in tree.find_all(nodes.Filter)
               if node.name in _GUARD_FILTERS and isinstance(node.node, nodes.Name)}
    guarded |= {node.node.name for node in tree.find_all(nodes.Test)
                if node.name in _GUARD_TESTS and isinstance(node.node, nodes.Name)}
    return meta.find_undeclared_variables(tree) - guarded


@dataclasses.dataclass(frozen=True)
class Limits:
    """What one render (a Word part, one decree text) may spend. The busiest part of the seed
    letter takes 149 steps, prints 2,029 characters of values and reads or builds 1,679: these
    leave room for any real template, and none for one that would hang a batch."""

    steps: int = 1_000_000  # loop rounds over any iterable, calls, filters
    calls: int = 100_000  # macro calls (each costs as much as ~20 loop rounds)
    depth: int = 50  # macros (or recursive loops) calling themselves
    size: int = 1_000_000  # characters or items of one value, nested items counted
    digits: int = 1_000  # digits of one number
    output: int = 20_000_000  # characters one render prints
    # characters and items that filters, calls, operators and comparisons read or build in all:
    # one step may cost as much as its values are long (s ~ "x" in a loop, "y" in s)
    work: int = 100_000_000


#: The limits every render starts with; tests lower them to prove a bound quickly.
LIMITS = Limits()


class Refused(SecurityError):
    """A template exceeded a budget; `word` is what to look for in the tag it names."""

    def __init__(self, message: str, word: str = "") -> None:
        super().__init__(message)
        self.word = word


class _Budget:
    """What the current render has spent so far."""

    __slots__ = ("calls", "depth", "limits", "output", "steps", "work")

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.steps = self.calls = self.depth = self.output = self.work = 0

    def step(self, word: str) -> None:
        self.steps += 1
        if self.steps > self.limits.steps:
            raise Refused(f"the template loops or calls more than {self.limits.steps:,} times", word)

    def spend(self, work: int, word: str) -> None:
        self.work += work
        if self.work > self.limits.work:
            raise Refused(f"the template reads or builds more than {self.limits.work:,} characters "
                          "and items in all", word)


_budget: contextvars.ContextVar[_Budget] = contextvars.ContextVar("perbup_budget")


def _current() -> _Budget:
    # outside loop_budget() (a filter folded at compile time, a stray call): a budget of its own
    budget = _budget.get(None)
    return budget if budget is not None else _Budget(LIMITS)


@contextlib.contextmanager
def loop_budget() -> Iterator[None]:
    """A fresh budget (every limit in LIMITS) for one render."""
    token = _budget.set(_Budget(LIMITS))
    try:
        yield
    finally:
        _budget.reset(token)


def _bounded(iterable: Iterable[Any], word: str = "for") -> Iterator[Any]:
    """Counts every round of a loop, whatever it iterates over (range, a string, a list)."""
    budget = _current()
    for item in iterable:
        budget.step(word)
        yield item


def _size(value: Any, memo: dict[int, int] | None = None) -> int:
    """Characters or items a value holds, nested ones included: what printing it would build.
    A container shared many times ([x] * 1000) counts each time, but is walked once."""
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        memo = {} if memo is None else memo
        known = memo.get(id(value))
        if known is not None:
            return known
        items: Iterable[Any] = value
        if isinstance(value, dict):
            items = (*value.keys(), *value.values())
        memo[id(value)] = total = len(value) + sum(_size(item, memo) for item in items)
        return total
    return 1


def _too_big(what: str = "value", word: str = "") -> NoReturn:
    raise Refused(f"the template builds a {what} of more than {_current().limits.size:,} "
                  f"{'characters' if what == 'text' else 'items'}", word)


# What str() of a function, a generator or a plain object looks like: it carries a memory address
# (different every run) and means a name was printed instead of a value.
_ADDRESS = re.compile(r"(?:<|&lt;)[^<>\n]*? at 0x[0-9a-fA-F]+(?:>|&gt;)")


def _checked(value: Any, word: str = "") -> Any:
    """Refuses a value a template built that is too big, or that holds an object's address; its
    size is spent from the budget's work."""
    budget = _current()
    limits = budget.limits
    if isinstance(value, str):
        if len(value) > limits.size:
            _too_big("text", word)
        budget.spend(len(value), word)
        found = _ADDRESS.search(value) if " at 0x" in value else None
        if found:
            shown = re.sub(r" at 0x[0-9a-fA-F]+", "", html.unescape(found.group()))
            raise Refused(f"the template prints a Python object ({shown}) instead of a value", word)
    elif isinstance(value, int):
        if value.bit_length() > limits.digits * 3.33:
            _number(word)
    elif isinstance(value, Decimal):
        if value.is_finite() and abs(value.adjusted()) > limits.digits:
            _number(word)
    elif isinstance(value, (list, tuple, dict, set, frozenset)):
        size = _size(value)
        if size > limits.size:
            _too_big("value", word)
        budget.spend(size, word)
    return value


_SIZED = frozenset({str, Markup, list, tuple, dict})
_DICT_ATTRIBUTES = frozenset(dir(dict))


def _counted(value: Any, operator: str) -> Any:
    """An operand of a comparison: `"y" in s` and `s == t` read all of a long text."""
    if type(value) in _SIZED:
        _current().spend(len(value), operator)
    return value


def _number(word: str) -> NoReturn:
    raise Refused(f"the template builds a number of more than {_current().limits.digits:,} digits",
                  word)


def _width(width: Any, word: str) -> None:
    """A padding or field width (center, ljust, zfill, '%09d', '{:>9}')."""
    limit = _current().limits.size
    if isinstance(width, (int, float)) and width > limit:
        raise Refused(f"the template pads a text to {int(width):,} characters, more than {limit:,}",
                      word)


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")


def _check_printf(template: str, values: Any) -> None:
    """'%09d' % x and |format: the widths and precisions asked for, '*' ones from the values."""
    stars = [v for v in (values if isinstance(values, tuple) else (values,)) if isinstance(v, int)]
    total, widest, word = 0, -1, "%"
    for match in _PRINTF.finditer(template):
        width = sum(max(stars, default=0) if group == "*" else int(group)
                    for group in match.groups() if group)
        total += width
        if width > widest:
            widest, word = width, match.group()  # the conversion to name in the message's tag
    _width(total, word)


def _spec_width(spec: str) -> int:
    return sum(int(d) for d in re.findall(r"\d+", spec))


def _check_format(template: str) -> None:
    """The widths written in a str.format template itself, before any argument is looked at."""
    specs = [spec for _, _, spec, _ in string.Formatter().parse(template) if spec]
    _width(sum(map(_spec_width, specs)), max(specs, key=_spec_width, default="format"))


class _WidthFormatter(SandboxedFormatter):
    """str.format in the sandbox, refusing field widths that would pad to a huge text."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        _width(_spec_width(format_spec), format_spec or "format")
        return super().format_field(value, format_spec)


class _EscapeWidthFormatter(_WidthFormatter, SandboxedEscapeFormatter):
    pass


def _check_join(separator: str, items: list[Any], word: str) -> None:
    if len(separator) * max(len(items) - 1, 0) + _size(items) > _current().limits.size:
        _too_big("text", word)


def _check_replace(text: str, old: Any, new: Any, count: Any = -1) -> None:
    if isinstance(old, str) and isinstance(new, str) and len(new) > len(old):
        found = text.count(old) if old else len(text) + 1
        if isinstance(count, int) and count >= 0:
            found = min(found, count)
        if len(text) + found * (len(new) - len(old)) > _current().limits.size:
            _too_big("text", "replace")


# The str methods a template may call; the others (expandtabs, translate, encode) build values
# no letter needs in ways the checks below do not bound. Markup adds striptags and unescape.
_STR_METHODS = frozenset({
    "capitalize", "casefold", "center", "count", "endswith", "find", "format", "format_map",
    "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower",
    "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower",
    "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex",
    "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip",
    "swapcase", "title", "upper", "zfill", "striptags", "unescape"})
_NUMBER_METHODS = frozenset({"as_integer_ratio", "bit_count", "bit_length", "conjugate", "is_integer"})
_RESTRICTED = ((str, _STR_METHODS), (bool, _NUMBER_METHODS), (int, _NUMBER_METHODS),
               (float, _NUMBER_METHODS))


def _check_str_call(text: str, name: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Checks a call of one of `text`'s methods before it runs; returns the arguments to use."""
    if name in ("center", "ljust", "rjust", "zfill") and args:
        _width(args[0], name)
    elif name == "replace" and len(args) >= 2:
        _check_replace(text, *args[:3])
    elif name == "join" and args:
        items = list(_bounded(args[0], "join"))
        _check_join(text, items, "join")
        args = (items, *args[1:])
    return args


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's lipsum, refused before it writes more than a value may hold (~10 characters a
    word)."""
    if isinstance(n, int) and isinstance(max, int) and n * max * 10 > _current().limits.size:
        _too_big("text", "lipsum")
    return generate_lorem_ipsum(n, html, min, max)


def _range(*args: int) -> Iterable[int]:
    """Jinja's safe range (at most 100,000 items); its rounds are counted by the loop over it."""
    return safe_range(*args)


_range.__name__ = _range.__qualname__ = "range"  # the name a template calls it by, for messages


# Checks run before a filter, on its arguments (pass_context and the like already removed):
# the filters whose result can be far bigger than their input.
def _filter_center(value: Any, width: Any = 80, *_: Any) -> None:
    _width(width, "center")


def _filter_indent(value: Any, width: Any = 4, *_: Any, **__: Any) -> None:
    pad = len(width) if isinstance(width, str) else width
    if isinstance(pad, int) and isinstance(value, str):
        _width(len(value) + pad * (value.count("\n") + 1), "indent")


def _filter_format(value: Any, *args: Any, **kwargs: Any) -> None:
    if isinstance(value, str):
        _check_printf(value, kwargs or args)


def _filter_replace(value: Any, old: Any = "", new: Any = "", count: Any = None) -> None:
    if isinstance(value, str):
        _check_replace(value, old, new, -1 if count is None else count)


def _filter_wordwrap(value: Any, width: Any = 79, breaks: Any = True, wrapstring: Any = None,
                     *_: Any, **__: Any) -> None:
    # at worst a line per character
    if isinstance(value, str) and isinstance(wrapstring, str) \
            and len(value) * (1 + len(wrapstring)) > _current().limits.size:
        _too_big("text", "wordwrap")


def _filter_batch(value: Any, linecount: Any = 1, fill_with: Any = None) -> None:
    if fill_with is not None:
        _width(linecount, "batch")


def _filter_slice(value: Any, slices: Any = 1, fill_with: Any = None) -> None:
    _width(slices, "slice")


def _filter_sum(value: Any, attribute: Any = None, start: Any = 0) -> None:
    if not isinstance(start, (int, float, Decimal)):  # summing lists or texts is quadratic
        raise Refused("the template sums lists or texts; |sum adds numbers", "sum")



def _filter_join(value: Any, d: Any = "", attribute: Any = None) -> list[Any] | None:
    if isinstance(value, str) or not isinstance(value, Iterable):
        return None
    items = list(_bounded(value, "|join"))  # a generator (|map) is read once, here
    if isinstance(d, str) and attribute is None:
        _check_join(d, items, "|join")
    return items


_FILTER_CHECKS: dict[str, Callable[..., Any]] = {
    "join": _filter_join, "center": _filter_center, "indent": _filter_indent, "format": _filter_format,
    "replace": _filter_replace, "wordwrap": _filter_wordwrap, "batch": _filter_batch,
    "slice": _filter_slice, "sum": _filter_sum}


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that counts as a step, is checked before it runs when it can amplify, and whose
    result is checked like any value the template builds."""
    check = _FILTER_CHECKS.get(name)
    passed = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0
    word = f"|{name}" if name.isidentifier() else name

    if check is None and not passed:
        # Most filters a letter uses (trim, upper, title, last...) take neither the context nor
        # a check: a wrapper without the argument juggling, the same counts inline.
        @functools.wraps(func)
        def plain(value: Any, /, *args: Any, **kwargs: Any) -> Any:
            budget = _budget.get(None) or _Budget(LIMITS)
            limits = budget.limits
            budget.steps += 1
            if budget.steps > limits.steps:
                budget.step(word)
            if type(value) in _SIZED:  # a filter reads all its input
                budget.spend(len(value), word)
            result = func(value, *args, **kwargs)
            if type(result) is str and len(result) <= limits.size and " at 0x" not in result:
                budget.work += len(result)  # the usual case, checked without a call
                if budget.work <= limits.work:
                    return result
            return _checked(result, word)

        return plain

    @functools.wraps(func)  # keeps jinja_pass_arg, so Jinja passes the context as before
    def run(*args: Any, **kwargs: Any) -> Any:
        budget = _budget.get(None) or _Budget(LIMITS)
        budget.steps += 1
        if budget.steps > budget.limits.steps:
            budget.step(word)
        if len(args) > passed and type(args[passed]) in _SIZED:  # a filter reads all its input
            budget.spend(len(args[passed]), word)
        if check is not None:
            value = check(*args[passed:], **kwargs)
            if value is not None:  # what the filter is to read instead (|join: a list)
                args = (*args[:passed], value, *args[passed + 1:])
        result = func(*args, **kwargs)
        if type(result) is str and len(result) <= budget.limits.size and " at 0x" not in result:
            budget.work += len(result)  # the usual case, checked without a call: filters run
            if budget.work <= budget.limits.work:  # per value
                return result
        return _checked(result, word)

    return run


class _Undefined(StrictUndefined):
    """StrictUndefined that also fails when a list or dict holding it is printed ([x.nosuch])."""

    __slots__ = ()
    __repr__ = StrictUndefined._fail_with_undefined_error


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, routing every loop, comparison, slice, `~` and literal through
    the budget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._iterables: set[int] = set()  # the nodes {% for %} loops iterate over
        self._operands: dict[int, str] = {}  # the nodes comparisons compare, and how

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        self._iterables.add(id(node.iter))
        super().visit_For(node, frame)

    def visit_Compare(self, node: nodes.Compare, frame: Frame) -> None:
        for operand, op in ((node.expr, node.ops[0]), *((op.expr, op) for op in node.ops)):
            self._operands[id(operand)] = operators[op.op]
        super().visit_Compare(node, frame)

    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if not isinstance(node.arg, nodes.Slice):  # s[1:] copies; s[0] and d.x do not
            super().visit_Getitem(node, frame)
            return
        self.write("environment.checked(")
        super().visit_Getitem(node, frame)
        self.write(")")

    def visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> Any:
        if id(node) in self._iterables:
            self.write("environment.bounded(")
            super().visit(node, *args, **kwargs)
            self.write(")")
        elif id(node) in self._operands:
            self.write("environment.counted(")
            super().visit(node, *args, **kwargs)
            self.write(f", {self._operands[id(node)]!r})")
        else:
            return super().visit(node, *args, **kwargs)
        return None

    def _fused(self, frame: Frame, finalize: Any) -> bool:
        # Jinja writes escape(environment.finalize(value)) for every {{ value }}: with
        # autoescape, one call does both (_Sandbox.escaped), on the hottest path of a render
        return (not frame.eval_ctx.volatile and bool(frame.eval_ctx.autoescape)
                and finalize.src == "environment.finalize(")

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if self._fused(frame, finalize):
            self.write("environment.escaped(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if self._fused(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.joined(")
        super().visit_Concat(node, frame)
        self.write(")")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self.write("environment.checked(")
        super().visit_List(node, frame)
        self.write(")")

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # {% for a, b in ... %}, {% set a, b = ... %}
            super().visit_Tuple(node, frame)
            return
        self.write("environment.checked(")
        super().visit_Tuple(node, frame)
        self.write(")")

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self.write("environment.checked(")
        super().visit_Dict(node, frame)
        self.write(")")


class _Template(Template):
    """A compiled template that never renders outside a budget, whoever calls it."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        if _budget.get(None) is not None:
            return super().render(*args, **kwargs)
        with loop_budget():
            return super().render(*args, **kwargs)


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, bounding everything a template can repeat or grow: see Limits."""

    code_generator_class = _CodeGenerator
    template_class = _Template
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._safe: dict[tuple[type, str], tuple[bool, bool]] = {}  # see is_safe_attribute
        self.finalize = self._printed
        self.bounded = _bounded
        self.checked = _checked
        self.counted = _counted

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
            tag = type(node).__name__.lower().replace("fromimport", "from … import")
            raise TemplateSyntaxError(f"a template cannot {tag} another template ({{% {tag} %}}); "
                                      "write the text here", node.lineno, name, filename)
        return tree

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Jinja's answer and the method allow-lists depend only on the object's type and the
        # name: decided once per pair (loop.index0, a.nama run thousands of times a batch).
        # Only whether the value is callable is looked at each time.
        key = (type(obj), attr)
        decided = self._safe.get(key)
        if decided is None:
            decided = (super().is_safe_attribute(obj, attr, value),
                       next((attr in allowed for kind, allowed in _RESTRICTED
                             if isinstance(obj, kind)), True))
            if len(self._safe) < 10_000:  # |attr with built names must not grow it forever
                self._safe[key] = decided
        return decided[0] and (decided[1] or not callable(value))

    def getattr(self, obj: Any, attribute: str) -> Any:
        # A plain dict (what the data gives templates) has no attribute of any other name than
        # dict's own, so Jinja's attribute lookup would fail and fall back to the item: go to
        # the item straight away, without raising and catching an AttributeError.
        if type(obj) is dict and type(attribute) is str and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # Jinja's own, with formatters that refuse huge widths (see _WidthFormatter)
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        f_self: str = value.__self__
        formatter: SandboxedFormatter = (
            _EscapeWidthFormatter(self, escape=f_self.escape) if isinstance(f_self, Markup)
            else _WidthFormatter(self))
        is_map = value.__name__ == "format_map"

        @functools.wraps(value)
        def bounded(*args: Any, **kwargs: Any) -> str:
            _check_format(f_self)
            if is_map:
                if kwargs or len(args) != 1:
                    return wrapper(*args, **kwargs)  # Jinja's own error message
                kwargs, args = args[0], ()
            return _checked(type(f_self)(formatter.vformat(f_self, args, kwargs)), "format")

        return bounded

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
                and max(left.bit_length(), 1) * right > self._limits.digits * 3.33:
            raise Refused(f"the template raises a number to the power {right:,}, which has more "
                          f"than {self._limits.digits:,} digits", "**")
        if operator == "*":
            sized, count = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(sized, (str, list, tuple)) and isinstance(count, int) \
                    and _size(sized) * count > self._limits.size:
                _too_big("text" if isinstance(sized, str) else "value", "*")
        if operator == "%" and isinstance(left, str):
            _check_printf(left, right)
        return _checked(super().call_binop(context, operator, left, right), operator)

    @property
    def _limits(self) -> Limits:
        return _current().limits

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        budget = _current()
        name = getattr(obj, "__name__", None) or getattr(obj, "name", None) or ""
        word = f"{name}(" if isinstance(name, str) and name else "("
        budget.step(word)
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, str) and not isinstance(obj, type):
            budget.spend(len(owner), word)  # s.count(x), s.split(): a method reads all of s
            args = _check_str_call(owner, name, args)
        if isinstance(obj, (Macro, LoopContext)):
            if isinstance(obj, LoopContext) and args:  # loop(children) in a recursive loop
                args = (_bounded(args[0], "loop"), *args[1:])
            budget.depth += 1
            budget.calls += 1
            try:
                if budget.calls > budget.limits.calls:
                    raise Refused(f"the template calls its macros more than {budget.limits.calls:,} "
                                  "times", word)
                if budget.depth > budget.limits.depth:
                    raise Refused("the template's macros call themselves more than "
                                  f"{budget.limits.depth:,} levels deep", word)
                return _checked(super().call(context, obj, *args, **kwargs), word)
            finally:
                budget.depth -= 1
        return _checked(super().call(context, obj, *args, **kwargs), word)

    def joined(self, text: str) -> str:
        """The result of `~`, checked like any value the template builds."""
        return _checked(text, "~")  # type: ignore[no-any-return]

    def concat(self, parts: Iterable[str]) -> str:  # type: ignore[override]
        """Jinja joins what a render, a macro or a {% set %} block printed: refused if too long
        (printed values were counted as they came, in _printed; this adds the template's text)."""
        parts = parts if isinstance(parts, list) else list(parts)
        limits = _current().limits
        if sum(map(len, parts)) > limits.output:
            raise Refused(f"the template prints more than {limits.output:,} characters", "for")
        return "".join(parts)

    def _printed(self, value: Any) -> Any:
        """Every {{ value }} before it is printed: no function, no object address, no undefined
        value inside a list, and no more output than a render may print."""
        budget = _budget.get(None) or _Budget(LIMITS)
        if type(value) is str or type(value) is Markup:  # the usual case first: no call
            budget.output += len(value)
        elif isinstance(value, (int, float, Decimal)) or value is None:
            return value
        elif isinstance(value, Undefined):
            value._fail_with_undefined_error()
        elif callable(value) and not hasattr(value, "__html__"):
            label = getattr(value, "__name__", None) or getattr(value, "name", None) \
                or type(value).__name__
            raise Refused(f"the template prints a function ({label}) instead of a value", label)
        else:
            text = str(value)  # fails on an undefined value, in a list too (_Undefined)
            budget.output += len(text)
            _checked(text)
        if budget.output > budget.limits.output:
            _printed_too_much(budget.limits)
        return value

    def escaped(self, value: Any) -> Markup:
        """{{ value }} with autoescape (see _CodeGenerator._output_child_pre): _printed, then
        escaped, in one call; a text, the usual value, costs one addition and one comparison."""
        if type(value) is str or type(value) is Markup:
            budget = _budget.get(None) or _Budget(LIMITS)
            budget.output += len(value)
            if budget.output > budget.limits.output:
                _printed_too_much(budget.limits)
            return escape(value)
        return escape(self._printed(value))


def _printed_too_much(limits: Limits) -> NoReturn:
    raise Refused(f"the template prints more than {limits.output:,} characters", "{{")


def sandbox(*, autoescape: bool, filters: Mapping[str, Callable[..., Any]] | None = None,
            ) -> ImmutableSandboxedEnvironment:
    """A strict (undefined variables are errors), immutable, bounded environment. With
    autoescape, markupsafe escapes & < > " ' exactly as docxtpl's autoescape=True does."""
    env = _Sandbox(undefined=_Undefined, autoescape=autoescape)
    env.globals["range"] = _range
    env.globals["lipsum"] = lipsum
    env.filters.update(filters or {})
    # The same inputs give byte-identical documents: a filter that draws at random has no place.
    env.filters.pop("random", None)
    env.filters = {name: _bounded_filter(name, func) for name, func in env.filters.items()}
    return env




def explain(exc: BaseException) -> tuple[str, int | None, str]:
    """What went wrong in a render, for a message: the text, the template line (Jinja rewrites
    tracebacks so template frames carry it) and a word of the tag to name (see tag_at)."""
    lineno = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    message = str(exc)
    if isinstance(exc, SecurityError):
        message = f"unsafe template code refused: {message}"
    elif isinstance(exc, RecursionError):
        message = "unsafe template code refused: the template nests or calls itself too deeply"
    elif not isinstance(exc, (TemplateError, UndefinedError)):
        message = f"{type(exc).__name__}: {message}"
    return message, lineno, getattr(exc, "word", "")


# a tag ends at the first %} or }} outside a quoted string ('{:>{w}}'.format(...) is one tag)
_QUOTED = r"""'[^']*'|"[^"]*"|&apos;.*?&apos;|&quot;.*?&quot;"""
_JINJA_TAG = re.compile(rf"{{%(?:{_QUOTED}|.)*?%}}|{{{{(?:{_QUOTED}|.)*?}}}}|{{#.*?#}}", re.DOTALL)
_BLOCK_TAG = re.compile(r"{%[-+]?\s*(\w+)(.*?)%}", re.DOTALL)
_OPENERS = {"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "raw", "trans"}


def tag_at(source: str, lineno: int | None, message: str, word: str = "") -> str | None:
    """The Jinja tag an error is about, as written in the template (one paragraph per line in a
    Word part; XML escapes undone): the innermost open block at an unexpected end, else the tag
    on the error's line holding `word`, or a word quoted in the message, or the only one."""
    if "end of template" in message.lower():  # the culprit is the innermost block left open
        stack: list[str] = []
        for m in _BLOCK_TAG.finditer(source):
            if m.group(1) in _OPENERS or (m.group(1) == "set" and "=" not in m.group(2)):
                stack.append(m.group(0))
            elif m.group(1).startswith("end") and stack:
                stack.pop()
        if stack:
            return html.unescape(stack[-1])
    lines = re.split(r"\r\n|\r|\n", source)  # how Jinja counts lines
    if lineno is None or not 1 <= lineno <= len(lines):
        return None
    tags = [html.unescape(t) for t in _JINJA_TAG.findall(lines[lineno - 1])]
    for wanted in ([word] if word else []) + re.findall(r"'([^']+)'", message):
        for tag in tags:
            if wanted in tag:
                return tag
    if len(tags) == 1:
        return tags[0]
    text = html.unescape(re.sub(r"<[^>]+>", "", lines[lineno - 1])).strip()
    return text[:120] or None
