"""Drafting lint, rules 6 and 11: every reference points at something that exists, worded as cited.

UU 12/2011 Lampiran II, BAB III (Teknik Pengacuan): a reference names the Pasal or ayat it means,
"sebagaimana dimaksud dalam Pasal …" for a pasal and "sebagaimana dimaksud pada ayat …" for an
ayat of the same pasal. A [[label]] always exists; a number typed by hand, or typed after a
label ("[[iuran]] ayat (5)"), may not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perbup.base.problems import Problem
from perbup.compute import numbering as num
from perbup.compute.numbering import Letak
from perbup.lint.ctx import Ctx, blank
from perbup.load.content import Pasal, Teks

_HINT = "label what you mean and cite it as [[label]]: the number then follows the text"
#: One step of a reference: "Pasal 5", "ayat (2)", "huruf b", "angka 3" (not "huruf b)", a 3rd level).
_STEP = re.compile(r"\b(?:Pasal (?P<pasal>\d+)\b|ayat \((?P<ayat>\d+)\)|huruf (?P<huruf>[a-z]{1,2})\b"
                   r"|angka (?P<angka>\d+)\b)(?!\))")
#: What may stand between the steps of one reference: "Pasal 5 ayat (1) dan ayat (2)".
_JOIN = re.compile(r"\s*(?:,\s*)?(?:(?:dan/atau|dan|atau|serta|sampai dengan)\s+)?")
#: A reference followed by an act's name cites that act, not this one ("Pasal 90 ayat (2) Peraturan
#: Pemerintah …"); "… Peraturan Bupati ini" is this one.
_OTHER_ACT = re.compile(r"\s*,?\s*(?:Undang-Undang|UUD\b|Peraturan|Keputusan|Instruksi|Kitab|Qanun|UU\b|PP\b"
                        r"|Perpres\b|Permen|Perda\b|Perbup\b|Pergub\b)")
_THIS_ACT = re.compile(r"\s*,?\s*(?:Peraturan (?:Bupati|Wali Kota)|Instruksi Bupati) ini\b")
_PREPOSITION = re.compile(r"\bsebagaimana dimaksud (?P<word>pada|dalam) (?P<ref>(?:Pasal \d+|Diktum [A-Z]+"
                          r"(?: BELAS| PULUH)?|ayat \(\d+\))(?: ayat \(\d+\))?(?: huruf [a-z]{1,2}\b)?)")


def label(ctx: Ctx) -> list[Problem]:
    out = list(ctx.penomoran.problems)  # labels defined twice
    content = ctx.content
    citing: list[tuple[int, str, Letak | None]] = [
        *((t.line, t.teks, None) for t in (*content.menimbang, *content.mengingat, *content.kepada,
                                            *(t for t in (content.penutup,) if t))),
        *((b.line, b.teks, b.letak) for b in ctx.penomoran.blocks),
        *((a.line, a.judul, None) for a in content.lampiran)]
    for line, text, letak in citing:
        out.extend(num.resolve(text, line, letak, ctx.penomoran, ctx.display)[1])
    return out


def lampiran_dirujuk(ctx: Ctx) -> list[Problem]:
    names = {n if not n.startswith("lampiran:") else "lampiran:" + n[9:].strip().upper()
             for b in ctx.penomoran.blocks for n in num.cited(b.teks)}
    out = []
    for roman, annex in ctx.penomoran.lampiran:
        own = {"lampiran:" + (roman or "I"), *(["lampiran"] if not roman else []),
               *([annex.label] if annex.label else [])}
        if not names & own:
            out.append(ctx.error(annex.line, f"{f'Lampiran {roman}'.strip()} is not cited in the body",
                                 f'"… tercantum dalam [[lampiran{":" + roman if roman else ""}]] yang '
                                 'merupakan bagian tidak terpisahkan dari Peraturan Bupati ini."'))
    return out


def _body(ctx: Ctx) -> Iterator[tuple[int, str, Letak]]:
    """Each text of the body or the diktum with its references filled in, as it will print."""
    for block in ctx.penomoran.blocks:
        if block.teks:
            text = num.resolve(block.teks, block.line, block.letak, ctx.penomoran, ctx.display)[0]
            yield block.line, blank(text), block.letak


def _chains(text: str) -> Iterator[tuple[list[re.Match[str]], bool]]:
    """The references in a text, each as its steps, and whether it cites this regulation."""
    steps = list(_STEP.finditer(text))
    i = 0
    while i < len(steps):
        chain = [steps[i]]
        while i + 1 < len(steps) and _JOIN.fullmatch(text, chain[-1].end(), steps[i + 1].start()):
            i += 1
            chain.append(steps[i])
        i += 1
        rest = text[chain[-1].end():]
        yield chain, bool(_THIS_ACT.match(rest)) or not _OTHER_ACT.match(rest)


def _nomor(step: re.Match[str]) -> int:
    if step["huruf"]:
        return sum((ord(c) - 96) * 26 ** p for p, c in enumerate(reversed(step["huruf"])))
    return int(step["pasal"] or step["ayat"] or step["angka"])


def _missing(text: str, chain: list[re.Match[str]], letak: Letak, pasals: list[Pasal]) -> str | None:
    """Why a reference to this regulation points at nothing, or None when it exists (or is unclear).

    Each step names a part of the step before it ("Pasal 2 ayat (1) huruf a"), or, after "dan",
    "atau", "," or "sampai dengan", a sibling of it ("ayat (1) dan ayat (3)", "huruf a dan huruf c").
    """
    here = pasals[letak.pasal - 1] if letak.pasal else None
    # (what the step is called, the pasal it is in, the text whose list it may hold, list level)
    parts: list[tuple[str, Pasal, Teks | None, int]] = []
    for i, step in enumerate(chain):
        sibling = i > 0 and text[chain[i - 1].end():step.start()].strip() != ""
        number = _nomor(step)
        if step["pasal"]:
            if not 1 <= number <= len(pasals):
                return f"{step.group(0)} is cited, but there are {len(pasals)} pasal"
            pasal = pasals[number - 1]
            parts = [(step.group(0), pasal, pasal.teks, 0)]
            continue
        if step["ayat"]:
            if not parts:  # "pada ayat (2)": an ayat of the pasal it is written in
                if here is None:
                    return None  # an ayat outside any pasal: not ours to judge
                parts = [("", here, None, 0)]
            pasal_named, pasal = parts[0][0], parts[0][1]
            named = f"{pasal_named} {step.group(0)}".strip()
            if not 1 <= number <= len(pasal.ayat):
                has = f"{len(pasal.ayat)} ayat" if pasal.ayat else "no ayat"
                return f"{named} is cited, but Pasal {pasals.index(pasal) + 1} has {has}"
            parts = [parts[0], (named, pasal, pasal.ayat[number - 1], 0)]
            continue
        if not parts:
            return None  # "huruf b" alone: a letter of a list nearby, or of the menimbang
        if sibling and (chain[i - 1]["huruf"] or chain[i - 1]["angka"]):
            parts = parts[:-1]  # "huruf a dan huruf c": both in the same list
        parent, pasal, unit, level = parts[-1]
        if unit is None:
            return None  # a pasal of ayat has no list of its own
        named = f"{parent} {step.group(0)}"
        level += 1 if level == 0 and unit.penomoran == "angka" else 0
        if not unit.daftar:
            return f"{named} is cited, but {parent} has no list"
        if ("huruf" if level % 2 == 0 else "angka") != ("huruf" if step["huruf"] else "angka"):
            return None  # a level the reference skips: beyond what this rule reads
        if not 1 <= number <= len(unit.daftar):
            last = " ".join(num.item_ref(level, len(unit.daftar)))
            return f"{named} is cited, but the list of {parent} ends at {last}"
        parts.append((named, pasal, unit.daftar[number - 1], level + 1))
    return None


def _diktum_words(count: int) -> dict[str, int]:
    return {num.ordinal(n).upper(): n for n in range(1, max(count, 1) + 40)}


def rujukan_ada(ctx: Ctx) -> list[Problem]:
    pasals = list(ctx.content.semua_pasal())
    words = _diktum_words(len(ctx.content.diktum))
    out: list[Problem] = []
    for line, text, letak in _body(ctx):
        found: list[str] = []
        if ctx.content.jenis == "perbup":
            found += [why for chain, ours in _chains(text) if ours
                      and (why := _missing(text, chain, letak, pasals)) is not None]
        elif ctx.content.jenis == "instruksi":
            for m in re.finditer(r"\bDiktum ([A-Z]+(?: BELAS| PULUH(?: [A-Z]+)?)?)\b", text):
                n = words.get(m.group(1))
                if n is not None and n > len(ctx.content.diktum):
                    found.append(f"{m.group(0)} is cited, but there are {len(ctx.content.diktum)} diktum")
        out.extend(ctx.error(line, why, _HINT) for why in dict.fromkeys(found))
    return out


def rujukan_kata_depan(ctx: Ctx) -> list[Problem]:
    out = []
    for line, text, _ in _body(ctx):
        for m in _PREPOSITION.finditer(text):
            ref, word = m["ref"], m["word"]
            if word == "pada" and not ref.startswith("ayat"):
                out.append(ctx.error(line, f'write "sebagaimana dimaksud dalam {ref}": a Pasal or a Diktum '
                                           'is cited with "dalam"', _KATA_DEPAN))
            elif word == "dalam" and ref.startswith("ayat"):
                out.append(ctx.error(line, f'write "sebagaimana dimaksud pada {ref}": an ayat of the same '
                                           'pasal is cited with "pada"', _KATA_DEPAN))
    return out


_KATA_DEPAN = ("a [[label]] reads \"Pasal …\" when it points into another pasal and \"ayat …\" within "
               "its own: the word before it follows")
