"""Drafting lint: no revoked act is cited, as a legal basis or anywhere else in the text.

Which acts are revoked, by which act and article, and since when, is the rules table's
(`pencabutan` in perbup/load/rules.yaml): the lint only reads it.
"""

from __future__ import annotations

import re

from perbup.base.problems import Problem
from perbup.lint.ctx import Ctx, everything
from perbup.load.rules import Dicabut, bundled_rules

_CITED = re.compile(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*) Nomor (\d+) Tahun (\d{4})\b")
#: A text that records the revocation itself ("… PP 43/2014 … dicabut") may name the revoked act.
_REVOKING = re.compile(r"\b(?:dicabut|mencabut|pencabutan)\b")


def _revoked(ctx: Ctx) -> dict[tuple[str, int, int], tuple[str, str, Dicabut]]:
    """(kind, number, year) of each act revoked by the day the decree is signed (every revocation
    the table knows while that day is open): the act and the one that revoked it, as cited."""
    rules = bundled_rules()
    out = {}
    for revoked in rules.revoked(ctx.content.penetapan.tanggal):
        act = rules.act(revoked.act)
        out[(act.jenis, act.nomor, act.tahun)] = (act.judul, rules.act(revoked.by).judul, revoked)
    return out


def peraturan_dicabut(ctx: Ctx) -> list[Problem]:
    revoked = _revoked(ctx)
    out: list[Problem] = []
    for line, text in everything(ctx.content):
        if _REVOKING.search(text):
            continue
        found = dict.fromkeys(hit for m in _CITED.finditer(text) if (hit := _match(revoked, m)) is not None)
        out.extend(ctx.error(line, f"{act} was revoked by {by} ({why.source.removeprefix(why.by).strip()}): "
                                   "cite that instead",
                             "an act no longer in force grounds nothing")
                   for act, by, why in found)
    return out


def _match(revoked: dict[tuple[str, int, int], tuple[str, str, Dicabut]],
           m: re.Match[str]) -> tuple[str, str, Dicabut] | None:
    # "bahwa Peraturan Pemerintah Nomor 43 …": the kind is where the run of capitals ends.
    words = m.group(1).split(" ")
    for start in range(len(words)):
        hit = revoked.get((" ".join(words[start:]), int(m.group(2)), int(m.group(3))))
        if hit is not None:
            return hit
    return None
