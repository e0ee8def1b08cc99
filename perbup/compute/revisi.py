"""Two versions of a decree's content as legal units, matched, and what changed between them.

A unit is what a drafter cites: the judul, a Menimbang or Mengingat item, a BAB, Bagian or
Paragraf, a Pasal, an ayat, a huruf or angka of a list (for an instruksi or a surat edaran its
diktum and addressees too). Units are matched by label first, then by the same text, then by
text similarity (difflib's ratio over words, from the standard library: the lists are a few
hundred units at most, and a ratio over words is what a reader means by "the same provision
reworded"). A matched unit whose place among its siblings changed is *moved*; one whose
number changed only because others were inserted or deleted is *renumbered*, which is noted
but is no change of its own.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from perbup.compute.numbering import Letak, Penomoran, item_ref, marker, number, ordinal, resolve, romawi
from perbup.docx.new import Line
from perbup.load.content import Content, Pasal, Teks

#: How alike two texts must be (difflib's ratio over their words) to count as one unit reworded,
#: when it stands where the old one stood (between the same matched neighbours) ...
SAME_PLACE = 0.5
#: ... and when it stands elsewhere in its list (the unit moved and may also be reworded).
ELSEWHERE = 0.75

#: The parts of a document in reading order; each is one list of units.
SECTIONS = ("judul", "dalam_rangka", "menimbang", "mengingat", "kepada", "body", "penutup",
            "lampiran", "tembusan")
#: The parts that hold one unit at most: the old and the new one are the same unit.
_SINGLE = frozenset({"judul", "dalam_rangka", "penutup"})
#: How deep a heading is: a deleted BAB takes its Bagian and Pasal with it, and so on.
_RANK = {"bab": 0, "bagian": 1, "paragraf": 2}


@dataclass(eq=False)
class Unit:
    """One legal unit of one version, with the units inside it."""

    kind: str  # judul, menimbang, mengingat, bab, bagian, paragraf, pasal, ayat, huruf, angka, …
    nomor: str  # as printed: "Pasal 5", "(2)", "b.", "BAB II"; "" for the judul
    address: str  # as cited: "Pasal 5 ayat (2) huruf b", "Menimbang huruf b"
    raw: str  # its own text as written, [[references]] and {{ data }} included
    text: str  # its own text with the references numbered as in its own version
    line: int
    label: str | None = None
    depth: int = 0  # how far in its lines are set
    children: list[Unit] = field(default_factory=list)
    serial: int = 0  # unique within its version

    @property
    def group(self) -> str:
        """What it is matched against: list items whatever their marker style."""
        return "butir" if self.kind in ("huruf", "angka") else self.kind

    def whole(self) -> str:
        """Its text and every text inside it, as written."""
        return " ".join([self.raw, *(child.whole() for child in self.children)]).strip()

    def lines(self) -> list[Line]:
        """Its own paragraphs, without those of the units inside it."""
        if self.kind in ("bab", "bagian", "paragraf", "lampiran"):
            judul = self.text.upper() if self.kind in ("bab", "lampiran") else self.text
            return [Line("heading", "", self.nomor.upper() if self.kind == "lampiran" else self.nomor),
                    Line("caption", "", judul)]
        if self.kind == "pasal":
            return [Line("heading", "", self.nomor), *([Line("text", "", self.text)] if self.raw else [])]
        if self.kind == "judul":
            return [Line("title", "", self.text.upper())]
        if self.nomor:
            return [Line("item", self.nomor, self.text, self.depth)]
        return [Line("text", "", self.text, self.depth)]

    def all_lines(self) -> list[Line]:
        return [*self.lines(), *(line for child in self.children for line in child.all_lines())]

    def walk(self) -> Iterator[Unit]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Draft:
    """One version: its units by section, in reading order (the body flat: headings and pasal)."""

    display: str
    sections: dict[str, list[Unit]]

    def units(self) -> Iterator[Unit]:
        for name in SECTIONS:
            for unit in self.sections[name]:
                yield from unit.walk()


def _address(parts: Sequence[tuple[str, str]]) -> str:
    return " ".join(f"{kind} {nomor}".strip() for kind, nomor in parts)


class _Builder:
    """Reads a Content into units, numbered as perbup numbers the decree."""

    def __init__(self, content: Content, display: str) -> None:
        self.content = content
        self.display = display
        self.penomoran: Penomoran = number(content, display)
        self.serial = 0

    def unit(self, kind: str, nomor: str, address: str, raw: str, line: int, *,
             letak: Letak | None = None, label: str | None = None, depth: int = 0) -> Unit:
        self.serial += 1
        # A reference the lint would report (a label that names nothing) stays as written here.
        text, _ = resolve(raw, line, letak, self.penomoran, self.display)
        return Unit(kind, nomor, address, raw, text, line, label, depth, serial=self.serial)

    def items(self, parent: Teks, parts: tuple[tuple[str, str], ...], letak: Letak | None,
              depth: int, style: int | None = None) -> list[Unit]:
        style = (1 if parent.penomoran == "angka" else 0) if style is None else style
        out = []
        for n, item in enumerate(parent.daftar, 1):
            here = (*parts, item_ref(style, n))
            unit = self.unit(here[-1][0], marker(style, n), _address(here), item.teks, item.line,
                             letak=letak, label=item.label, depth=depth)
            unit.children = self.items(item, here, letak, depth + 1, style + 1)
            out.append(unit)
        return out

    def pasal(self, pasal: Pasal, n: int) -> Unit:
        parts = (("Pasal", str(n)),)
        teks = pasal.teks
        unit = self.unit("pasal", f"Pasal {n}", f"Pasal {n}", teks.teks if teks else "", pasal.line,
                         letak=Letak(n), label=pasal.label)
        if teks is not None:
            unit.children = self.items(teks, parts, Letak(n), 1)
        for a, ayat in enumerate(pasal.ayat, 1):
            here = (*parts, ("ayat", f"({a})"))
            child = self.unit("ayat", f"({a})", _address(here), ayat.teks, ayat.line,
                              letak=Letak(n, a), label=ayat.label, depth=1)
            child.children = self.items(ayat, here, Letak(n, a), 2)
            unit.children.append(child)
        return unit

    def body(self) -> list[Unit]:
        out: list[Unit] = []
        numbered = iter(range(1, 10**6))
        for b, bab in enumerate(self.content.bab, 1):
            name = f"BAB {romawi(b)}"
            out.append(self.unit("bab", name, name, bab.judul, bab.line))
            out += [self.pasal(p, next(numbered)) for p in bab.pasal]
            for g, bagian in enumerate(bab.bagian, 1):
                nomor = f"Bagian {ordinal(g)}"
                out.append(self.unit("bagian", nomor, f"{nomor} {name}", bagian.judul, bagian.line))
                out += [self.pasal(p, next(numbered)) for p in bagian.pasal]
                for k, paragraf in enumerate(bagian.paragraf, 1):
                    out.append(self.unit("paragraf", f"Paragraf {k}", f"Paragraf {k} {nomor} {name}",
                                         paragraf.judul, paragraf.line))
                    out += [self.pasal(p, next(numbered)) for p in paragraf.pasal]
        instruksi = self.content.jenis == "instruksi"
        for n, diktum in enumerate(self.content.diktum, 1):
            nomor = ordinal(n).upper() if instruksi else f"{n}."
            parts = (("Diktum", nomor),) if instruksi else (("angka", str(n)),)
            text = f"{diktum.judul}: {diktum.teks}" if diktum.judul else diktum.teks
            unit = self.unit("diktum", nomor, _address(parts), text, diktum.line, label=diktum.label,
                             depth=1)
            unit.children = self.items(diktum, parts, None, 2)
            out.append(unit)
        return out

    def listed(self, kind: str, items: Sequence[Teks], cite: str, style: int = 1) -> list[Unit]:
        """Menimbang (lettered, style 0), Mengingat, addressees and copies (numbered)."""
        out = []
        for n, t in enumerate(items, 1):
            part = item_ref(style, n)
            out.append(self.unit(kind, marker(style, n), _address(((cite, ""), part)), t.teks, t.line,
                                 depth=1))
        return out

    def draft(self) -> Draft:
        c = self.content
        several = len(c.lampiran) > 1
        sections = {
            "judul": [self.unit("judul", "", "Judul", c.judul, c.line)],
            "dalam_rangka": [self.unit("dalam_rangka", "", "Dalam rangka", t.teks, t.line)
                             for t in (c.dalam_rangka,) if t is not None],
            "menimbang": self.listed("menimbang", c.menimbang, "Menimbang", style=0),
            "mengingat": self.listed("mengingat", c.mengingat, "Mengingat"),
            "kepada": self.listed("kepada", c.kepada, "Kepada"),
            "body": self.body(),
            "penutup": [self.unit("penutup", "", "Penutup", t.teks, t.line)
                        for t in (c.penutup,) if t is not None],
            "lampiran": [self.unit("lampiran", f"Lampiran {romawi(n)}" if several else "Lampiran",
                                   f"Lampiran {romawi(n)}" if several else "Lampiran", a.judul, a.line,
                                   label=a.label)
                         for n, a in enumerate(c.lampiran, 1)],
            "tembusan": self.listed("tembusan", c.tembusan, "Tembusan"),
        }
        return Draft(self.display, sections)


def read_units(content: Content, display: str) -> Draft:
    """The units of one version of the content."""
    return _Builder(content, display).draft()


# --- words -------------------------------------------------------------------------------------

def _tokens(text: str) -> list[str]:
    """Words with the spaces after them, so that the tokens join back into the text."""
    out, start = [], 0
    for i in range(1, len(text) + 1):
        if i == len(text) or (text[i - 1].isspace() and not text[i].isspace()):
            out.append(text[start:i])
            start = i
    return out


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The words changed from `old` to `new` as ("=", kept), ("-", deleted), ("+", inserted):
    the kept and deleted parts join into `old`, the kept and inserted ones into `new`."""
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, [t.rstrip() for t in a], [t.rstrip() for t in b],
                                      autojunk=False)
    out: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if text and out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        elif text:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            add("-", "".join(a[i1:i2]))
            add("+", "".join(b[j1:j2]))
            continue
        for was, now in zip(a[i1:i2], b[j1:j2], strict=True):  # the same words, maybe not spaced alike
            word = was.rstrip()
            add("=", was if was == now else word)
            if was != now:
                add("-", was[len(word):])
                add("+", now[len(word):])
    return tuple(out)


_WORD = re.compile(r"\w+|[^\w\s]")


def _words(text: str) -> list[str]:
    """Words and punctuation apart, so "kedua;" and "kedua" are the same word and a mark."""
    return _WORD.findall(text)


# --- matching ----------------------------------------------------------------------------------

def _neighbours(i: int, j: int, pairs: dict[int, int], size: int) -> bool:
    """Whether old `i` and new `j` stand between the same matched neighbours."""
    before_old = max((k for k in pairs if k < i), default=None)
    after_old = min((k for k in pairs if k > i), default=None)
    before_new = max((v for v in pairs.values() if v < j), default=-1)
    after_new = min((v for v in pairs.values() if v > j), default=size)
    return ((-1 if before_old is None else pairs[before_old]) == before_new
            and (size if after_old is None else pairs[after_old]) == after_new)


def pair(old: Sequence[Unit], new: Sequence[Unit], context: Sequence[str] | None = None,
         new_context: Sequence[str] | None = None) -> dict[int, int]:
    """Old index → new index of the units that are the same unit: by label, by the same text,
    then by similarity. `context`: the text each is compared by (default: its whole text)."""
    old_text = list(context) if context is not None else [u.whole() for u in old]
    new_text = list(new_context) if new_context is not None else [u.whole() for u in new]
    pairs: dict[int, int] = {}
    labels = {u.label: j for j, u in enumerate(new) if u.label}
    for i, unit in enumerate(old):
        j = labels.get(unit.label) if unit.label else None
        if j is not None and new[j].group == unit.group:
            pairs[i] = j
    taken = set(pairs.values())
    same: dict[tuple[str, str], list[int]] = {}
    for j, unit in enumerate(new):
        if j not in taken:
            same.setdefault((unit.group, new_text[j]), []).append(j)
    for i, unit in enumerate(old):
        queue = same.get((unit.group, old_text[i])) if i not in pairs else None
        if queue:
            pairs[i] = queue.pop(0)
            taken.add(pairs[i])
    candidates = []
    for i, unit in enumerate(old):
        if i in pairs:
            continue
        words = _words(old_text[i])
        for j, other in enumerate(new):
            if j in taken or other.group != unit.group:
                continue
            here = _neighbours(i, j, pairs, len(new))
            floor = SAME_PLACE if here else ELSEWHERE
            matcher = difflib.SequenceMatcher(None, words, _words(new_text[j]), autojunk=False)
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            ratio = matcher.ratio()
            if ratio >= floor:
                candidates.append((-ratio, not here, abs(i - j), i, j))
    for _, _, _, i, j in sorted(candidates):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def out_of_order(pairs: dict[int, int]) -> set[int]:
    """The old indices whose units changed their order against the others: all but the longest
    run that kept it (a longest increasing subsequence of their new places)."""
    order = sorted(pairs)
    best: list[int] = []  # best[k]: index into `order` ending an increasing run of length k + 1
    before: dict[int, int] = {}
    for n, i in enumerate(order):
        value = pairs[i]
        low, high = 0, len(best)
        while low < high:
            mid = (low + high) // 2
            if pairs[order[best[mid]]] < value:
                low = mid + 1
            else:
                high = mid
        if low:
            before[n] = best[low - 1]
        if low == len(best):
            best.append(n)
        else:
            best[low] = n
    kept: set[int] = set()
    n = best[-1] if best else -1
    while n >= 0:
        kept.add(order[n])
        n = before.get(n, -1)
    return set(pairs) - kept


# --- the changes -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    """One unit changed, inserted, deleted or moved, with the words changed inside it."""

    kind: str  # changed | inserted | deleted | moved
    unit: str  # the unit's kind: pasal, ayat, menimbang, …
    old: str | None  # its address in the old version
    new: str | None  # and in the new one
    old_lines: tuple[Line, ...] = ()
    new_lines: tuple[Line, ...] = ()
    words: tuple[tuple[str, str], ...] = ()  # its own text, word by word (see word_diff)
    after: str | None = None  # inserted, moved: the unit of its kind it now follows; deleted:
    #                           the one it followed; None: the first of its kind
    old_line: int | None = None  # the YAML lines it is written at
    new_line: int | None = None

    @property
    def address(self) -> str:
        """Where it is, as a reader looks for it: the new place, or the old one if it is gone."""
        return self.new or self.old or ""

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "unit": self.unit, "old": self.old, "new": self.new,
                "after": self.after, "old_line": self.old_line, "new_line": self.new_line,
                "old_text": _joined(self.old_lines), "new_text": _joined(self.new_lines),
                "words": [{"op": {"=": "equal", "-": "delete", "+": "insert"}[op], "text": text}
                          for op, text in self.words]}


def _joined(lines: Sequence[Line]) -> str:
    return "\n".join(f"{line.nomor} {line.text}".strip() for line in lines)


@dataclass(frozen=True)
class Renumbered:
    """A unit whose number follows from the changes around it; its text is as it was."""

    unit: str
    old: str
    new: str

    def as_dict(self) -> dict[str, str]:
        return {"unit": self.unit, "old": self.old, "new": self.new}


@dataclass
class Revision:
    """What changed from `old` to `new`, in the new version's reading order."""

    old: Draft
    new: Draft
    changes: list[Change] = field(default_factory=list)
    renumbered: list[Renumbered] = field(default_factory=list)
    twins: dict[int, int] = field(default_factory=dict)  # old serial → new serial, same unit
    moved: set[int] = field(default_factory=set)  # old serials of the moved units

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old.display, "new": self.new.display,
                "changes": [c.as_dict() for c in self.changes],
                "renumbered": [r.as_dict() for r in self.renumbered]}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for change in self.changes:
            out[change.kind] = out.get(change.kind, 0) + 1
        return out


def reading_order(size_old: int, size_new: int, pairs: dict[int, int],
           moved: set[int]) -> list[tuple[int | None, int | None]]:
    """(old, new) index pairs in reading order: each unit of the new version, a deleted one
    right after the new place of the unit it followed."""
    inverse = {j: i for i, j in pairs.items()}
    following: dict[int, list[int]] = {}
    anchor = -1
    for i in range(size_old):
        if i in pairs and i not in moved:
            anchor = pairs[i]
        elif i not in pairs:
            following.setdefault(anchor, []).append(i)
    out: list[tuple[int | None, int | None]] = [(i, None) for i in following.get(-1, [])]
    for j in range(size_new):
        out.append((inverse.get(j), j))
        out += [(i, None) for i in following.get(j, [])]
    return out


def _span(units: Sequence[Unit], at: int) -> range:
    """A heading and what it holds: the units up to the next heading of its rank or higher."""
    rank = _RANK[units[at].kind]
    end = at + 1
    while end < len(units) and _RANK.get(units[end].kind, 99) > rank:
        end += 1
    return range(at, end)


def _previous(units: Sequence[Unit], at: int) -> str | None:
    """The unit of the same kind before `at`, by address."""
    return next((units[k].address for k in range(at - 1, -1, -1)
                 if units[k].group == units[at].group), None)


class _Walker:
    def __init__(self, revision: Revision) -> None:
        self.revision = revision

    def walk(self, old: Sequence[Unit], new: Sequence[Unit], pairs: dict[int, int],
             moved: set[int]) -> None:
        folded_old: set[int] = set()
        folded_new: set[int] = set()
        for i, j in reading_order(len(old), len(new), pairs, moved):
            if i is not None and j is not None:
                self.matched(old, new, i, j, i in moved)
            elif i is not None and i not in folded_old:
                span = self.fold(old, i, set(pairs))
                folded_old.update(span)
                lines = tuple(line for k in span for line in old[k].all_lines())
                self.revision.changes.append(Change(
                    "deleted", old[i].kind, old[i].address, None, old_lines=lines,
                    after=_previous(old, i), old_line=old[i].line))
            elif j is not None and j not in folded_new:
                span = self.fold(new, j, set(pairs.values()))
                folded_new.update(span)
                lines = tuple(line for k in span for line in new[k].all_lines())
                self.revision.changes.append(Change(
                    "inserted", new[j].kind, None, new[j].address, new_lines=lines,
                    after=_previous(new, j), new_line=new[j].line))

    @staticmethod
    def fold(units: Sequence[Unit], at: int, matched: set[int]) -> range:
        """A heading deleted (or inserted) with everything under it is one change."""
        if units[at].kind not in _RANK:
            return range(at, at + 1)
        span = _span(units, at)
        return span if not matched.intersection(span) else range(at, at + 1)

    def matched(self, old: Sequence[Unit], new: Sequence[Unit], i: int, j: int, moved: bool) -> None:
        was, now = old[i], new[j]
        self.revision.twins[was.serial] = now.serial
        if moved:
            self.revision.moved.add(was.serial)
        reworded = was.raw != now.raw
        if moved or reworded:
            self.revision.changes.append(Change(
                "moved" if moved else "changed", now.kind, was.address, now.address,
                tuple(was.all_lines() if moved else was.lines()),
                tuple(now.all_lines() if moved else now.lines()),
                word_diff(was.text, now.text) if reworded else (),
                after=_previous(new, j) if moved else None, old_line=was.line, new_line=now.line))
        elif was.nomor != now.nomor:
            self.revision.renumbered.append(Renumbered(now.kind, was.address, now.address))
        inside = pair(was.children, now.children)
        self.walk(was.children, now.children, inside, out_of_order(inside))


def _context(units: Sequence[Unit]) -> list[str]:
    """What each body unit is compared by: a heading by its title and what it holds."""
    out = []
    for at, unit in enumerate(units):
        if unit.kind in _RANK:
            out.append(" ".join([unit.raw, *(units[k].whole() for k in _span(units, at)[1:])]))
        else:
            out.append(unit.whole())
    return out


def _container(units: Sequence[Unit], at: int) -> int | None:
    return next((k for k in range(at - 1, -1, -1) if units[k].kind in _RANK), None)


def _body_moves(old: Sequence[Unit], new: Sequence[Unit], pairs: dict[int, int]) -> set[int]:
    """Moved body units: out of order among their kind, or a pasal now in another BAB, Bagian
    or Paragraf than the one its old one matches."""
    moved: set[int] = set()
    for group in {u.group for u in old}:
        moved |= out_of_order({i: j for i, j in pairs.items() if old[i].group == group})
    for i, j in pairs.items():
        if old[i].kind != "pasal":
            continue
        was, now = _container(old, i), _container(new, j)
        if was is not None and was in pairs and pairs[was] != now:
            moved.add(i)
    return moved


def compare(old: Content, new: Content, old_display: str, new_display: str) -> Revision:
    """Every change from `old` to `new`, addressed in legal units, in reading order."""
    revision = Revision(read_units(old, old_display), read_units(new, new_display))
    walker = _Walker(revision)
    for name in SECTIONS:
        before, after = revision.old.sections[name], revision.new.sections[name]
        if name in _SINGLE:
            pairs = {0: 0} if before and after else {}
            moved: set[int] = set()
        elif name == "body":
            pairs = pair(before, after, _context(before), _context(after))
            moved = _body_moves(before, after, pairs)
        else:
            pairs = pair(before, after)
            moved = out_of_order(pairs)
        walker.walk(before, after, pairs, moved)
    return revision
