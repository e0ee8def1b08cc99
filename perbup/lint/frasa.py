"""Drafting lint, rules 6 and 13: the words Lampiran II prescribes, wherever a drafter writes prose.

UU 12/2011 Lampiran II, BAB III (Pilihan Kata atau Istilah): limits read "paling lama", "paling
sedikit" …; "dan/atau" states cumulative and alternative at once, written as one word with a
slash. The drafting reference (shared/reference/legal-format.md rule 6) adds: cite the Pasal,
never "tersebut di atas".
"""

from __future__ import annotations

import re

from perbup.base.problems import Problem
from perbup.lint.ctx import Ctx, blank, prose

_PHRASES = {"tersebut di atas": r"tersebut\s+di\s?atas", "berikut ini": r"berikut\s+ini"}
_LIMITS = {"selambat-lambatnya": '"paling lama" (a period) or "paling lambat" (a date)',
           "sekurang-kurangnya": '"paling sedikit"', "sebanyak-banyaknya": '"paling banyak"',
           "sesingkat-singkatnya": '"paling singkat"', "setinggi-tingginya": '"paling tinggi"',
           "serendah-rendahnya": '"paling rendah"'}
#: "dan/atau" as drafters mistype it: without the slash, with spaces, reversed, capitalised.
_DAN_ATAU = re.compile(r"\b(?:dan\s+atau|dan\s*/\s*atau|atau\s*/\s*dan|dan\s*\\\s*atau|dan-atau)\b",
                       re.IGNORECASE)


def frasa_rujukan(ctx: Ctx) -> list[Problem]:
    return [ctx.warning(line, f'avoid "{phrase}": cite the Pasal, ayat or huruf',
                        "label what you mean and write [[label]]")
            for line, text in prose(ctx.content) for phrase, pattern in _PHRASES.items()
            if re.search(pattern, text, re.IGNORECASE)]


def frasa_batas(ctx: Ctx) -> list[Problem]:
    return [ctx.warning(line, f'write {better} instead of "{word}"')
            for line, text in prose(ctx.content) for word, better in _LIMITS.items()
            if word in text.lower()]


def frasa_dan_atau(ctx: Ctx) -> list[Problem]:
    out = []
    for line, text in prose(ctx.content):
        for m in _DAN_ATAU.finditer(blank(text)):
            if m.group(0) != "dan/atau":
                out.append(ctx.error(line, f'write "dan/atau", not "{m.group(0)}"',
                                     '"dan/atau" means both or either: one word, a slash, lower case'))
    return out
