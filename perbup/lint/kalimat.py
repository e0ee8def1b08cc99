"""Drafting lint, rule 9: sentences and lists — their endings, and one sentence to a pasal or ayat.

UU 12/2011 Lampiran II, BAB I (Batang Tubuh): a pasal holds one norm in one sentence; so does each
ayat; a list (tabulasi) is read as one sentence with its opening phrase, its items end with ";",
the last but one adds "dan", "atau" or "dan/atau", and a list item with a list under it ends ":".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perbup.base.problems import Problem
from perbup.compute import numbering as num
from perbup.compute.numbering import CLOSING
from perbup.lint.ctx import Ctx, blank, definitions_list
from perbup.load.content import Teks

_ENDINGS = {";": ('must end with ";"', lambda t: t.endswith(";")),
            "dan": ('(the last but one) must end with "; dan", "; atau" or "; dan/atau"',
                    lambda t: re.search(r"; (?:dan|atau|dan/atau)$", t) is not None),
            ".": ('(the last) must end with "."', lambda t: t.endswith(".")),
            "definition": ('(a definition) must end with "."', lambda t: t.endswith("."))}
#: A full stop ends a sentence when the next one starts with a capital; not after an abbreviation
#: ("Rp.", "No.", "S.H.", "a.n.") or a single letter (a list marker, an initial).
_BREAK = re.compile(r"(?P<word>\S+)[.!?]\s+(?=[A-Z])")
_ABBREVIATIONS = frozenset(("rp", "no", "nomor", "dll", "dsb", "dst", "jl", "prof", "dr", "drs", "ir", "hj",
                            "kec", "kab", "yth", "sdr", "tbk", "hlm", "tgl", "u.p", "a.n", "s.h", "s.e"))


def _items(ctx: Ctx) -> Iterator[tuple[str, Teks, bool]]:
    """Each pasal text or ayat with its name, and whether it is the definitions of Pasal 1."""
    definitions = definitions_list(ctx.content)
    for name, unit in num.units(ctx.content):
        yield name, unit, unit is definitions


def kalimat(ctx: Ctx) -> list[Problem]:
    out = []
    for name, unit, definitions in _items(ctx):
        if definitions:
            continue  # its opening phrase is ketentuan_umum's
        if unit.daftar and not unit.teks.endswith(":"):
            out.append(ctx.error(unit.line, f'{name} introduces a list and must end with ":"'))
        elif not unit.daftar and not unit.teks.endswith("."):
            out.append(ctx.error(unit.line, f'{name} must end with "."'))
    return out


def _check_list(ctx: Ctx, name: str, parent: Teks, style: int, last: str, definitions: bool,
                out: list[Problem]) -> None:
    count = len(parent.daftar)
    for i, item in enumerate(parent.daftar, 1):
        here = "{} {} {}".format(name, *num.item_ref(style, i))
        # Definitions each end with a full stop; a list's items with ";", "; dan", and the last
        # with whatever its own position asks (a nested list carries its parent item's ending).
        wanted = "definition" if definitions else (last if i == count else "dan" if i == count - 1 else ";")
        if item.daftar:
            if not item.teks.endswith(":"):
                out.append(ctx.error(item.line, f'{here} introduces a list and must end with ":"'))
            _check_list(ctx, here, item, style + 1, "." if definitions else wanted, False, out)
        elif not _ENDINGS[wanted][1](item.teks):
            out.append(ctx.error(item.line, f"{here} {_ENDINGS[wanted][0]}"))


def daftar_tanda_baca(ctx: Ctx) -> list[Problem]:
    out: list[Problem] = []
    for name, unit, definitions in _items(ctx):
        _check_list(ctx, name, unit, 1 if unit.penomoran == "angka" else 0, ".", definitions, out)
    return out


def sentences(text: str) -> int:
    """How many sentences a text holds (data, references and quotes do not end one)."""
    text = blank(text, fill="x").partition(CLOSING)[0]  # the promulgation order is printed on its own
    return 1 + sum(1 for m in _BREAK.finditer(text)
                   if len(m["word"].strip("(")) > 1 and m["word"].strip("(").lower() not in _ABBREVIATIONS)


def satu_kalimat(ctx: Ctx) -> list[Problem]:
    if ctx.content.jenis != "perbup":
        return []
    out = []

    def walk(name: str, teks: Teks, style: int, what: str, item: str) -> None:
        count = sentences(teks.teks)
        if count > 1:
            out.append(ctx.error(teks.line, f"{name} holds {count} sentences; {what}",
                                 "split it into ayat (or pasal), or join the sentences"))
        for i, child in enumerate(teks.daftar, 1):
            walk("{} {} {}".format(name, *num.item_ref(style, i)), child, style + 1, item,
                 "a list item goes on with the sentence of its list")

    for name, unit, definitions in _items(ctx):
        walk(name, unit, 1 if unit.penomoran == "angka" else 0,
             "an ayat is one sentence" if "ayat" in name else "a pasal without ayat is one sentence",
             "a definition is one sentence" if definitions else
             "a list item goes on with the sentence of its list")
    return out
