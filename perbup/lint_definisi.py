"""Drafting lint, rules 5 and 7: the definitions of Pasal 1, in the order Lampiran II gives them.

UU 12/2011 Lampiran II, BAB I (Ketentuan Umum), on the order of defined terms: a term of general
scope comes before a more specific one, a term that appears earlier in the body comes earlier, and
related terms sit next to each other. What a program can check of that: a term built on another
("Kepala Desa" on "Desa") comes after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perbup.content import Teks
from perbup.lint_ctx import TERM, Ctx, definitions_list
from perbup.problems import Problem


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


def definitions(ctx: Ctx) -> list[Definisi] | None:
    """Each definition of Pasal 1, numbered as printed; None when Pasal 1 holds none."""
    found = definitions_list(ctx.content)
    if found is None:
        return None
    return [Definisi(n, m.group("term"), m.group("short"), item)
            for n, item in enumerate(found.daftar, 1) if (m := TERM.match(item.teks))]


def words(term: str) -> re.Pattern[str]:
    """The term as whole words, exactly as written ("Desa" but not "Desanya" or "desa")."""
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")


def definisi_urutan(ctx: Ctx) -> list[Problem]:
    found = definitions(ctx) or []
    out = []
    for d in found:
        general = [g for g in found if g.angka > d.angka and g.term != d.term
                   and (words(g.term).search(d.term) or (g.short and words(g.short).search(d.name)))]
        for g in general[:1]:
            out.append(ctx.warning(d.item.line, f'"{d.term}" (Pasal 1 angka {d.angka}) comes before '
                                                f'"{g.term}" (angka {g.angka}), the general term it '
                                                "is built on", "define the general term first"))
    return out

