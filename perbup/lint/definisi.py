"""Drafting lint, rules 5 and 7: the definitions of Pasal 1, in the order Lampiran II gives them.

UU 12/2011 Lampiran II, BAB I (Ketentuan Umum), on the order of defined terms: a term of general
scope comes before a more specific one, a term that appears earlier in the body comes earlier, and
related terms sit next to each other. What a program can check of that: a term built on another
("Kepala Desa" on "Desa") comes after it, and a definition only uses terms defined above it —
unless two definitions lean on each other ("Kecamatan" is led by the Camat, the Camat leads the
Kecamatan), which no order can settle, or the later one only names the regency's own ("Bupati
adalah Bupati Kupang"), which the word already says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perbup.base.problems import Problem
from perbup.lint.ctx import TERM, Ctx, blank, definitions_list
from perbup.load.content import Teks


@dataclass(frozen=True)
class Definisi:
    """One definition of Pasal 1: the term, the short form the text then uses, and its item."""

    angka: int
    term: str
    short: str | None
    item: Teks

    @property
    def name(self) -> str:
        """The name the rest of the regulation uses: the short form when there is one."""
        return self.short or self.term

    @property
    def body(self) -> str:
        """The definition itself, after "adalah"."""
        return self.item.teks.split(" adalah ", 1)[-1]

    @property
    def names(self) -> bool:
        """Whether it only names what the word already means: "Bupati adalah Bupati Kupang."."""
        return _NAME.fullmatch(blank(self.body, fill="X").strip()) is not None


_NAME = re.compile(r"(?:[A-Z][\w-]*\s*)+\.?")


def definitions(ctx: Ctx) -> list[Definisi] | None:
    """Each definition of Pasal 1, numbered as printed; None when Pasal 1 holds none."""
    found = definitions_list(ctx.content)
    if found is None:
        return None
    return [Definisi(n, m.group("term"), m.group("short"), item)
            for n, item in enumerate(found.daftar, 1) if (m := TERM.match(item.teks))]


def as_words(term: str) -> re.Pattern[str]:
    """The term as whole words, exactly as written ("Desa" but not "Desanya" or "desa")."""
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")


def used(text: str, defined: list[Definisi]) -> list[Definisi]:
    """The defined terms a text uses, the longest first so "Kepala Desa" is not also "Desa"."""
    text, found = blank(text), []
    for d in sorted(defined, key=lambda d: len(d.name), reverse=True):
        hits = list(as_words(d.name).finditer(text))
        if hits:
            found.append(d)
            for m in hits:
                text = text[:m.start()] + " " * len(m.group(0)) + text[m.end():]
    return found


def definisi_urutan(ctx: Ctx) -> list[Problem]:
    found = definitions(ctx) or []
    out = []
    for d in found:
        general = [g for g in found if g.angka > d.angka and g.term != d.term
                   and (as_words(g.term).search(d.term) or (g.short and as_words(g.short).search(d.name)))]
        for g in general[:1]:
            out.append(ctx.warning(d.item.line, f'"{d.term}" (Pasal 1 angka {d.angka}) comes before '
                                                f'"{g.term}" (angka {g.angka}), the general term it '
                                                "is built on", "define the general term first"))
    return out


def istilah_sebelum_definisi(ctx: Ctx) -> list[Problem]:
    found = definitions(ctx) or []
    uses = {d.angka: {u.angka for u in used(d.body, found) if u.angka != d.angka} for d in found}

    def reaches(start: int, goal: int) -> bool:
        seen, todo = set(), [start]
        while todo:
            here = todo.pop()
            if here == goal:
                return True
            if here not in seen:
                seen.add(here)
                todo.extend(uses.get(here, ()))
        return False

    by_angka = {d.angka: d for d in found}
    out = []  # a term built on a later one ("Kepala Desa" before "Desa") is definisi_urutan's
    for d in found:
        for later in sorted(n for n in uses[d.angka] if n > d.angka and not by_angka[n].names
                            and not reaches(n, d.angka) and not as_words(by_angka[n].name).search(d.term)):
            out.append(ctx.warning(d.item.line, f'Pasal 1 angka {d.angka} uses "{by_angka[later].name}" '
                                                f"before angka {later} defines it",
                                   "move the definition up, or this one down"))
    return out
