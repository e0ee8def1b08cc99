"""What every drafting-lint rule is given: the content, its numbering, and where to report."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from perbup.base.problems import Problem
from perbup.compute.numbering import Penomoran
from perbup.load.content import Content, Teks

DEFINITIONS = "yang dimaksud dengan:"
#: One definition: "Desa adalah …", "Badan … yang selanjutnya disebut BPJS Ketenagakerjaan adalah …".
TERM = re.compile(r"^(?P<term>.+?)(?:,? yang selanjutnya (?:disebut|disingkat) (?P<short>.+?))?,? adalah ")
#: Data variables, [[references]] and anything quoted: never words a drafter typed as such.
MASK = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\[\[.*?\]\]|[\"“][^\"”]*[\"”]")


@dataclass(frozen=True)
class Ctx:
    content: Content
    display: str
    penomoran: Penomoran

    def error(self, line: int | None, message: str, hint: str | None = None) -> Problem:
        return Problem(self.display, line, "error", message, hint)

    def warning(self, line: int | None, message: str, hint: str | None = None) -> Problem:
        return Problem(self.display, line, "warning", message, hint)


Rule = Callable[[Ctx], list[Problem]]


def blank(text: str, pattern: re.Pattern[str] = MASK, fill: str = " ") -> str:
    """`text` with what `pattern` matches overwritten by `fill`, so offsets stay where they were."""
    return pattern.sub(lambda m: fill * len(m.group(0)), text)


def prose(content: Content) -> Iterator[tuple[int, str]]:
    """The texts a drafter writes in sentences (not regulation titles in mengingat)."""
    yield from ((t.line, t.teks) for t in content.menimbang)
    yield from ((t.line, t.teks) for t in content.semua_teks())
    yield from ((t.line, t.teks) for t in content.kepada)
    yield from ((t.line, t.teks) for t in (content.dalam_rangka, content.penutup) if t is not None)


def everything(content: Content) -> Iterator[tuple[int, str]]:
    yield content.line, content.judul
    yield from prose(content)
    yield from ((t.line, t.teks) for t in content.mengingat)
    yield from ((b.line, b.judul) for b in content.bab)
    yield from ((a.line, a.judul) for a in content.lampiran)


def definitions_list(content: Content) -> Teks | None:
    """Pasal 1's text when it holds the definitions, even under a wrong opening phrase.

    A perbup's Pasal 1 list is the definitions when it says so ("… yang dimaksud dengan:") or when
    most of its items read "X adalah …": then a wrong opening is one mistake, not one per item.
    """
    first = next(content.semua_pasal(), None) if content.jenis == "perbup" else None
    if first is None or first.teks is None or not first.teks.daftar:
        return None
    items = first.teks.daftar
    if first.teks.teks.endswith(DEFINITIONS) or 2 * sum(bool(TERM.match(i.teks)) for i in items) > len(items):
        return first.teks
    return None
