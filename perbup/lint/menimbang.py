"""Drafting lint, rule 2: the Menimbang of a perbup, and of an instruksi in its own form.

UU 12/2011 Lampiran II, BAB I (Konsiderans): each consideration "bahwa …;"; several end with the
summing-up "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, …, perlu menetapkan
Peraturan Bupati tentang …;", one alone is "bahwa untuk melaksanakan ketentuan …". An instruksi
is issued, not enacted: its considerations lead to "perlu mengeluarkan Instruksi Bupati tentang …;",
and one consideration may carry that ending by itself.
"""

from __future__ import annotations

import re

from perbup.base.problems import Problem
from perbup.compute import numbering as num
from perbup.lint.ctx import Ctx

SUMMING_UP = "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf"
EXECUTING = "bahwa untuk melaksanakan ketentuan"
#: What the considerations lead to: a regulation is made ("menetapkan"), an instruction is
#: issued ("mengeluarkan"), as its last diktum says it takes effect "pada tanggal dikeluarkan".
_DECISION = {"perbup": ("menetapkan", "Peraturan"), "instruksi": ("mengeluarkan", "Instruksi")}


def _decision(ctx: Ctx) -> str:
    verb, kind = _DECISION.get(ctx.content.jenis, _DECISION["perbup"])
    return f"perlu {verb} {kind} Bupati tentang"


def _and(parts: list[str]) -> str:
    """"huruf a", "huruf a dan huruf b", "huruf a, huruf b, dan huruf c"."""
    return parts[0] if len(parts) == 1 else (
        f"{parts[0]} dan {parts[1]}" if len(parts) == 2 else ", ".join(parts[:-1]) + ", dan " + parts[-1])


def menimbang_bahwa(ctx: Ctx) -> list[Problem]:
    out = []
    for i, item in enumerate(ctx.content.menimbang, 1):
        if not item.teks.startswith("bahwa "):
            out.append(ctx.error(item.line, f'menimbang item {num.huruf(i)} must start with "bahwa"',
                                 'in lower case: "bahwa …"'))
        if not item.teks.endswith(";"):
            out.append(ctx.error(item.line, f'menimbang item {num.huruf(i)} must end with ";"'))
    return out


def _single_ok(ctx: Ctx) -> bool:
    """Whether a lone consideration may stand: a perbup's executing form, or any in an instruksi."""
    items = ctx.content.menimbang
    return ctx.content.jenis == "instruksi" or items[0].teks.startswith(EXECUTING)


def menimbang_jumlah(ctx: Ctx) -> list[Problem]:
    items = ctx.content.menimbang
    if len(items) == 1 and not _single_ok(ctx):
        return [ctx.error(items[0].line, 'menimbang needs at least two items, or the single '
                                         '"bahwa untuk melaksanakan ketentuan …" form')]
    return []


def menimbang_penutup(ctx: Ctx) -> list[Problem]:
    items, judul, decision = ctx.content.menimbang, ctx.content.judul, _decision(ctx)
    if not items or (len(items) == 1 and not _single_ok(ctx)):
        return []  # menimbang_jumlah says what is wrong
    last, out = items[-1], []
    if len(items) > 1:
        before = [f"huruf {num.huruf(i)}" for i in range(1, len(items))]
        if not last.teks.startswith(SUMMING_UP):
            return [ctx.error(last.line, "the last menimbang item must be the summing-up formula "
                                         f'"{SUMMING_UP} a …, {decision} …;"')]
        named = [f"huruf {x}" for x in re.findall(r"\bhuruf ([a-z]+)\b", last.teks.split(", perlu")[0])]
        if named != before:
            out.append(ctx.error(last.line, f"the summing-up menimbang item cites {_and(named)}; it must "
                                            f"cite every item before it: {_and(before)}"))
    verb, kind = decision.split(" ")[1:3]
    found = re.search(rf"perlu {verb} {kind} (?:Bupati|Wali Kota) tentang (.+?);?$", last.teks)
    if found is None:
        out.append(ctx.error(last.line, f'the last menimbang item must end with "{decision} {judul};"'))
    elif found.group(1) != judul:
        out.append(ctx.error(last.line, f'the last menimbang item names "{found.group(1)}" but the '
                                        f'title is "{judul}"', "repeat the name exactly"))
    return out
