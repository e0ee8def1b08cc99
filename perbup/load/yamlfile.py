"""Loads YAML keeping the line of every key and list item, so messages (a strict model's among
them) can point into the file."""

from __future__ import annotations

import difflib
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from perbup.base.errors import DataError
from perbup.base.problems import Problem
from perbup.base.values import refused_character, strip_invisible


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping that remembers the 1-based line of each key (`lines`) and of itself (`line`)."""

    line: int = 0
    lines: dict[Any, int]


class LineList(list):  # type: ignore[type-arg]
    """A sequence that remembers the 1-based line of each item (`lines`) and of itself (`line`)."""

    line: int = 0
    lines: list[int]


class _Loader(yaml.SafeLoader):
    """Safe loader whose mappings and sequences carry line numbers.

    A date the resolver recognises but the calendar lacks (2026-02-30) is kept in `bad_dates`,
    an alias in `aliases`, a text with a text-direction control in `bad_texts`, each with its
    line instead of ending the load, so every one of them is reported at once. Texts lose the
    invisible characters pasting brings along, as cells of a table do.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.bad_dates: list[tuple[int, str]] = []
        self.aliases: list[tuple[int, str]] = []
        self.bad_texts: list[tuple[int, str, str]] = []

    def compose_node(self, parent: Any, index: Any) -> Any:
        # Aliases are refused, not expanded: nine nested ones ("billion laughs") turn a few KB
        # into gigabytes, and settings and decree texts have no need for them.
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self.aliases.append((event.start_mark.line + 1, str(event.anchor)))
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [item.start_mark.line + 1 for item in node.value]
    return result


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # PyYAML builds the date inside the load and lets the calendar's ValueError escape.
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        loader.bad_dates.append((node.start_mark.line + 1, str(node.value)))
        return None


def _text(loader: _Loader, node: yaml.ScalarNode) -> str:
    text = strip_invisible(loader.construct_scalar(node))
    reason = refused_character(text)
    if reason:
        loader.bad_texts.append((node.start_mark.line + 1, text, reason))
    return text


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor("tag:yaml.org,2002:str", _text)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_yaml(path: Path, display: str, data: bytes | None = None) -> Any:
    """Parses `path` (or `data`, its bytes read elsewhere: an older version from git); a YAML
    syntax error becomes a DataError at its line."""
    try:
        text = path.read_text(encoding="utf-8-sig") if data is None else data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError([Problem(display, None, "error", "is not UTF-8 text",
                                 "save it as UTF-8 in your editor")]) from None
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        row = mark.line + 1 if mark else None
        message = f"invalid YAML: {exc.problem or exc.context}"
        raise DataError([Problem(display, row, "error", message,
                                 "check the indentation and quotes on this line and the one "
                                 "before it")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(display, None, "error", f"invalid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    problems = [Problem(display, line, "error", f"alias *{name} refused",
                        "write the value out in full where the alias stands; perbup does not "
                        "expand YAML aliases") for line, name in loader.aliases]
    problems += [Problem(display, line, "error", f'impossible date "{value}"',
                         "write a date that exists as YYYY-MM-DD, like 2026-12-01")
                 for line, value in loader.bad_dates]
    problems += [Problem(display, line, "error", f"{text[:60]!r} contains {reason}",
                         "retype it; it was probably pasted from another program")
                 for line, text, reason in loader.bad_texts]
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.row or 0))
    return data


def line_of(data: Any, path: tuple[Any, ...]) -> int | None:
    """The line of the value at `path` (keys and list indexes), or of its nearest parent."""
    best: int | None = getattr(data, "line", None) or None
    node = data
    for part in path:
        if isinstance(node, LineDict) and part in node:
            best = node.lines.get(part, best)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            best = node.lines[part]
            node = node[part]
        else:
            break
    return best


def setting_lines(data: Any, prefix: str = "") -> dict[str, int]:
    """The line of every key of nested mappings, by its dotted name ("iuran.siltap.perangkat")."""
    out: dict[str, int] = {}
    if isinstance(data, LineDict):
        for key, value in data.items():
            name = f"{prefix}{key}"
            out[name] = data.lines[key]
            out.update(setting_lines(value, name + "."))
    return out


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds: itself, or the item of a list of models."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is list and args:
        return _model_of(args[0])
    return None


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The names allowed at `loc` (list indexes skipped), for a "did you mean" hint."""
    for part in loc:
        if isinstance(part, int):
            continue
        inner = _model_of(getattr(model.model_fields.get(str(part)), "annotation", None))
        if inner is None:
            return []
        model = inner
    return list(model.model_fields)


def problem_at(display: str, raw: Any, error: Any, model: type[BaseModel]) -> Problem:
    """One of a strict model's validation errors (pydantic's dict), as a problem at its line."""
    loc = tuple(error["loc"])
    dotted = ".".join(str(p) for p in loc)
    row = line_of(raw, loc)
    if error["type"] == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known settings here: {', '.join(known)}"
        return Problem(display, row, "error", f"unknown setting '{dotted}'", hint)
    if error["type"] == "missing":
        return Problem(display, row, "error", f"missing setting '{dotted}'")
    message = str(error["ctx"]["error"]) if error["type"] == "value_error" else error["msg"]
    date_hint = "write it as YYYY-MM-DD, like 2026-12-01"
    return Problem(display, row, "error", f"'{dotted}': {message}",
                   date_hint if error["type"].startswith("date") else None)
