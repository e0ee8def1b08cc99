"""Drafting lint, rule 10: when a document takes effect, said the way its kind says it.

A Peraturan Bupati takes effect when it is promulgated in the Berita Daerah (UU 12/2011 Pasal 87;
Lampiran II, BAB I, Ketentuan Penutup: "… mulai berlaku pada tanggal diundangkan", never "berlaku
efektif"). An Instruksi Bupati is not promulgated: its last diktum says it takes effect on the
day it is issued (shared/reference/legal-format.md, after Permendagri 1/2023 on official
documents).
"""

from __future__ import annotations

import re

from perbup.base.problems import Problem
from perbup.compute import numbering as num
from perbup.lint.ctx import Ctx

#: How a Peraturan Bupati says when it takes effect; an instruksi, in its last diktum.
TAKES_EFFECT = "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan."
_INSTRUKSI = "Instruksi Bupati ini mulai berlaku pada tanggal dikeluarkan."
#: "Peraturan Bupati ini mulai berlaku pada tanggal ditetapkan", "… berlaku sejak diundangkan".
_REGULATION = re.compile(r"\bPeraturan (?:Bupati|Wali Kota) ini (?:mulai )?berlaku\b(?P<rest>[^.;]*)")
_INSTRUCTION = re.compile(r"\bInstruksi (?:Bupati |Wali Kota )?ini (?:mulai )?berlaku\b(?P<rest>[^.;]*)")
_WHEN = re.compile(r"^\s*(?:pada|sejak|mulai)?\s*(?:tanggal\s+)?(?P<when>\w+)")


def _when(rest: str) -> str:
    found = _WHEN.match(rest)
    return found["when"] if found else ""


def berlaku_diundangkan(ctx: Ctx) -> list[Problem]:
    texts = [*ctx.content.semua_teks(), *(t for t in (ctx.content.penutup,) if t)]
    out = []
    for teks in texts:
        for m in _REGULATION.finditer(teks.teks):
            when = _when(m["rest"])
            if when == "efektif":
                out.append(ctx.error(teks.line, 'do not write "berlaku efektif": a regulation takes effect '
                                                "on a date, or when it is promulgated", f'"{TAKES_EFFECT}"'))
            elif when in ("ditetapkan", "ditandatangani", "dikeluarkan"):
                out.append(ctx.error(teks.line, "a Peraturan Bupati takes effect when it is promulgated, not "
                                                f"when it is {when}", f'"{TAKES_EFFECT}"'))
    return out


def berlaku_dikeluarkan(ctx: Ctx) -> list[Problem]:
    diktum = ctx.content.diktum
    out = []
    for n, teks in enumerate(diktum, 1):
        said = _INSTRUCTION.search(teks.teks)
        if n < len(diktum) and said:
            out.append(ctx.error(teks.line, f"diktum {num.ordinal(n).upper()} says when the instruksi takes "
                                            "effect: that is the last diktum's place"))
        elif n == len(diktum) and (when := _when(said["rest"]) if said else "") != "dikeluarkan":
            why = (f"an instruksi is not {when}: it takes effect on the day it is issued (dikeluarkan)"
                   if when in ("diundangkan", "ditetapkan") else
                   "the last diktum must say when the instruksi takes effect")
            out.append(ctx.error(teks.line, why, f'"{_INSTRUKSI}"'))
    return out
