"""Drafting lint: the checkable rules of UU 12/2011 Lampiran II, each a function."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from perbup import numbering as num
from perbup.content import Content, Teks
from perbup.formats import terbilang
from perbup.lint_istilah import istilah_tanpa_definisi, istilah_tidak_dipakai
from perbup.lint_mengingat import (
    mengingat_belum_lengkap,
    mengingat_bukan_dasar,
    mengingat_lembaran_negara,
    mengingat_pertama,
    mengingat_tanda_baca,
    mengingat_urutan,
)
from perbup.numbering import Letak, Penomoran
from perbup.problems import Problem
from perbup.unfilled import unfinished_citations, warnings

SUMMING_UP = "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf"
EXECUTING = "bahwa untuk melaksanakan ketentuan"
DEFINITIONS = "yang dimaksud dengan:"


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


def _prose(content: Content) -> Iterator[tuple[int, str]]:
    """The texts a drafter writes in sentences (not regulation titles in mengingat)."""
    yield from ((t.line, t.teks) for t in content.menimbang)
    yield from ((t.line, t.teks) for t in content.semua_teks())
    yield from ((t.line, t.teks) for t in content.kepada)
    yield from ((t.line, t.teks) for t in (content.dalam_rangka, content.penutup) if t is not None)


def _everything(content: Content) -> Iterator[tuple[int, str]]:
    yield content.line, content.judul
    yield from _prose(content)
    yield from ((t.line, t.teks) for t in content.mengingat)
    yield from ((b.line, b.judul) for b in content.bab)
    yield from ((a.line, a.judul) for a in content.lampiran)


def _and(parts: list[str]) -> str:
    """"huruf a", "huruf a dan huruf b", "huruf a, huruf b, dan huruf c"."""
    return parts[0] if len(parts) == 1 else (
        f"{parts[0]} dan {parts[1]}" if len(parts) == 2 else ", ".join(parts[:-1]) + ", dan " + parts[-1])


# --- Menimbang (rule 2) -------------------------------------------------------------------------

def menimbang_bahwa(ctx: Ctx) -> list[Problem]:
    out = []
    for i, item in enumerate(ctx.content.menimbang, 1):
        if not item.teks.startswith("bahwa "):
            out.append(ctx.error(item.line, f'menimbang item {num.huruf(i)} must start with "bahwa"',
                                 'in lower case: "bahwa …"'))
        if not item.teks.endswith(";"):
            out.append(ctx.error(item.line, f'menimbang item {num.huruf(i)} must end with ";"'))
    return out


def menimbang_jumlah(ctx: Ctx) -> list[Problem]:
    items = ctx.content.menimbang
    if len(items) == 1 and not items[0].teks.startswith(EXECUTING):
        return [ctx.error(items[0].line, 'menimbang needs at least two items, or the single '
                                         '"bahwa untuk melaksanakan ketentuan …" form')]
    return []


def menimbang_penutup(ctx: Ctx) -> list[Problem]:
    items, judul = ctx.content.menimbang, ctx.content.judul
    if not items or (len(items) == 1 and not items[0].teks.startswith(EXECUTING)):
        return []  # menimbang_jumlah says what is wrong
    last, out = items[-1], []
    if len(items) > 1:
        before = [f"huruf {num.huruf(i)}" for i in range(1, len(items))]
        if not last.teks.startswith(SUMMING_UP):
            return [ctx.error(last.line, "the last menimbang item must be the summing-up formula "
                                         f'"{SUMMING_UP} a …, perlu menetapkan Peraturan Bupati '
                                         'tentang …;"')]
        named = [f"huruf {x}" for x in re.findall(r"\bhuruf ([a-z]+)\b", last.teks.split(", perlu")[0])]
        if named != before:
            out.append(ctx.error(last.line, f"the summing-up menimbang item cites {_and(named)}; it must "
                                            f"cite every item before it: {_and(before)}"))
    found = re.search(r"perlu menetapkan Peraturan (?:Bupati|Wali Kota) tentang (.+?);?$", last.teks)
    if found is None:
        out.append(ctx.error(last.line, 'the last menimbang item must end with "perlu menetapkan '
                                        f'Peraturan Bupati tentang {judul};"'))
    elif found.group(1) != judul:
        out.append(ctx.error(last.line, f'the last menimbang item names "{found.group(1)}" but the '
                                        f'title is "{judul}"', "repeat the name exactly"))
    return out


# --- Structure (rules 5, 10) --------------------------------------------------------------------

def ketentuan_umum(ctx: Ctx) -> list[Problem]:
    babs, out = ctx.content.bab, []
    if babs and babs[0].judul.lower() != "ketentuan umum":
        out.append(ctx.error(babs[0].line, 'BAB I must be "Ketentuan Umum"'))
    first = next(ctx.content.semua_pasal(), None)
    if first is None:
        return out
    if first.teks is None or not first.teks.teks.endswith(DEFINITIONS) or not first.teks.daftar:
        out.append(ctx.error(first.line, 'Pasal 1 must hold the definitions: "Dalam Peraturan Bupati '
                                         'ini yang dimaksud dengan:" and a numbered list'))
    elif first.teks.penomoran != "angka":
        out.append(ctx.error(first.teks.line, "the definitions in Pasal 1 are numbered 1., 2., …",
                             "add 'penomoran: angka' to Pasal 1"))
    return out


def ketentuan_penutup(ctx: Ctx) -> list[Problem]:
    if not ctx.content.bab:
        return []
    last = ctx.content.bab[-1]
    if last.judul.lower() != "ketentuan penutup":
        return [ctx.error(last.line, 'the last BAB must be "Ketentuan Penutup"')]
    closing = ctx.content.penutup
    text = " ".join([*(t.teks for p in last.semua_pasal() for t in ([p.teks] if p.teks else p.ayat)),
                     closing.teks if closing else ""])
    out = []
    if "mulai berlaku" not in text:
        out.append(ctx.error(last.line, "Ketentuan Penutup must say when the regulation takes effect",
                             '"Peraturan Bupati ini mulai berlaku pada tanggal diundangkan."'))
    # Without a promulgation order of its own the decree gets the standard one, which is right.
    if "memerintahkan pengundangan" in text and "Berita Daerah" not in text:
        out.append(ctx.error(closing.line if closing else last.line,
                             "the promulgation order must name the Berita Daerah "
                             "(a Peraturan Bupati is not placed in the Lembaran Daerah)",
                             '"… dengan penempatannya dalam Berita Daerah {{ kabupaten }}."'))
    return out


def bab_kosong(ctx: Ctx) -> list[Problem]:
    out = []
    for i, bab in enumerate(ctx.content.bab, 1):
        if next(bab.semua_pasal(), None) is None:
            out.append(ctx.error(bab.line, f'BAB {num.romawi(i)} "{bab.judul}" has no pasal'))
        for j, bagian in enumerate(bab.bagian, 1):
            if next(bagian.semua_pasal(), None) is None:
                out.append(ctx.error(bagian.line, f'Bagian {num.ordinal(j)} "{bagian.judul}" of BAB '
                                                  f"{num.romawi(i)} has no pasal"))
    return out


def ayat_tunggal(ctx: Ctx) -> list[Problem]:
    return [ctx.warning(pasal.line, f"Pasal {n} has a single ayat; a lone ayat is not numbered",
                        "write it as 'teks' instead of 'ayat'")
            for n, pasal in enumerate(ctx.content.semua_pasal(), 1) if len(pasal.ayat) == 1]


def judul_nama(ctx: Ctx) -> list[Problem]:
    title, out = ctx.content.judul, []
    if title.endswith((".", ",", ";", ":")):
        out.append(ctx.error(ctx.content.line, "the title must not end with punctuation"))
    if title.isupper():
        out.append(ctx.warning(ctx.content.line, "write the title as it reads in a sentence "
                                                 '("Petunjuk Khusus …")',
                               "the title lines, the diktum and the annex headers put it in capitals"))
    return out


# --- References (rules 6, 11) ------------------------------------------------------

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


# --- Wording (rules 6, 8, 12, 13) ---------------------------------------------------------------

_PHRASES = {"tersebut di atas": r"tersebut\s+di\s?atas", "berikut ini": r"berikut\s+ini"}
_LIMITS = {"selambat-lambatnya": '"paling lama" (a period) or "paling lambat" (a date)',
           "sekurang-kurangnya": '"paling sedikit"', "sebanyak-banyaknya": '"paling banyak"',
           "sesingkat-singkatnya": '"paling singkat"', "setinggi-tingginya": '"paling tinggi"',
           "serendah-rendahnya": '"paling rendah"'}


def frasa_rujukan(ctx: Ctx) -> list[Problem]:
    return [ctx.warning(line, f'avoid "{phrase}": cite the Pasal, ayat or huruf',
                        "label what you mean and write [[label]]")
            for line, text in _prose(ctx.content) for phrase, pattern in _PHRASES.items()
            if re.search(pattern, text, re.IGNORECASE)]


def kutipan_belum_lengkap(ctx: Ctx) -> list[Problem]:
    # A warning on a draft; a final copy refuses it (perbup/unfilled.py).
    return warnings(unfinished_citations(ctx.content, ctx.display))


def frasa_batas(ctx: Ctx) -> list[Problem]:
    return [ctx.warning(line, f'write {better} instead of "{word}"')
            for line, text in _prose(ctx.content) for word, better in _LIMITS.items()
            if word in text.lower()]


_MASK = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\[\[.*?\]\]")
_FIGURE = re.compile(r"(?:(?P<rp>Rp\.? ?)|(?<![\w.,/-]))(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d+))?"
                     r"(?![\w/]|[.,]\d)(?P<pct> ?%)?")
_SKIP = re.compile(r"(?:Pasal|ayat|Nomor|No\.|Tahun|angka|huruf|BAB|Paragraf|Lampiran|tanggal|pukul)"
                   r" ?\(?$", re.IGNORECASE)
_MONTH = re.compile(r" (?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober"
                    r"|November|Desember)\b")


def _words(whole: int, frac: str | None) -> list[str]:
    base = terbilang(whole)
    if not frac or not frac.strip("0"):
        return [base]
    return [f"{base} koma {' '.join(terbilang(int(d)) for d in frac)}", f"{base} koma {terbilang(int(frac))}"]


def bilangan(ctx: Ctx) -> list[Problem]:
    out = []
    for line, raw in _prose(ctx.content):
        text = _MASK.sub(" DATA ", raw)
        for m in _FIGURE.finditer(text):
            digits = m["int"].replace(".", "")
            before, after = text[:m.start("int")], text[m.end():]
            if (len(digits) >= 16 or _SKIP.search(before) or _MONTH.match(after)
                    or (len(digits) == 4 and not m["rp"] and 1900 <= int(digits) <= 2100)
                    or (before.endswith("(") and after.startswith(")"))):
                continue  # NIK (own rule), pasal/regulation numbers, dates, years, (1)
            suffix = " rupiah" if m["rp"] else " persen" if m["pct"] else ""
            expected = _words(int(digits), m["frac"])
            figure = m.group(0).strip()
            bracket = re.match(r" ?\(([^()]*)\)", after)
            if bracket is None or re.search(r"\d", bracket.group(1)):
                out.append(ctx.warning(line, f"write the quantity {figure} in words too: "
                                             f'"{figure} ({expected[0]}{suffix})"'))
                continue
            said = " ".join(bracket.group(1).lower().split())
            if said.removesuffix(suffix) not in expected:
                out.append(ctx.error(line, f'{figure} is written "{bracket.group(1)}" in words; it should '
                                           f'read "{expected[0]}{suffix}"'))
    return out


def nik(ctx: Ctx) -> list[Problem]:
    return [ctx.error(line, "a 16-digit number looks like a NIK: personal data does not belong in a "
                            "regulation", "name positions, not people")
            for line, text in _everything(ctx.content) if re.search(r"(?<!\d)\d{16}(?!\d)", text)]


# --- Sentences and lists (rule 9) ---------------------------------------------------------------

def kalimat(ctx: Ctx) -> list[Problem]:
    out = []
    for name, unit in num.units(ctx.content):
        if unit.daftar and not unit.teks.endswith(":"):
            out.append(ctx.error(unit.line, f'{name} introduces a list and must end with ":"'))
        elif not unit.daftar and not unit.teks.endswith("."):
            out.append(ctx.error(unit.line, f'{name} must end with "."'))
    return out


_ENDINGS = {";": ('must end with ";"', lambda t: t.endswith(";")),
            "dan": ('(the last but one) must end with "; dan", "; atau" or "; dan/atau"',
                    lambda t: re.search(r"; (?:dan|atau|dan/atau)$", t) is not None),
            ".": ('(the last) must end with "."', lambda t: t.endswith("."))}


def _check_list(ctx: Ctx, name: str, parent: Teks, style: int, last: str, definitions: bool,
                out: list[Problem]) -> None:
    count = len(parent.daftar)
    for i, item in enumerate(parent.daftar, 1):
        here = "{} {} {}".format(name, *num.item_ref(style, i))
        # Definitions each end with a full stop; a list's items with ";", "; dan", and the last
        # with whatever its own position asks (a nested list carries its parent item's ending).
        wanted = "." if definitions else (last if i == count else "dan" if i == count - 1 else ";")
        if item.daftar:
            if not item.teks.endswith(":"):
                out.append(ctx.error(item.line, f'{here} introduces a list and must end with ":"'))
            _check_list(ctx, here, item, style + 1, wanted, False, out)
        elif not _ENDINGS[wanted][1](item.teks):
            out.append(ctx.error(item.line, f"{here} {_ENDINGS[wanted][0]}"))


def daftar_tanda_baca(ctx: Ctx) -> list[Problem]:
    out: list[Problem] = []
    for name, unit in num.units(ctx.content):
        _check_list(ctx, name, unit, 1 if unit.penomoran == "angka" else 0, ".",
                    unit.teks.endswith(DEFINITIONS), out)
    return out


#: Every rule, in the order their problems are listed; the perbup-only ones check its skeleton.
PERBUP_RULES: tuple[Rule, ...] = (
    judul_nama, menimbang_bahwa, menimbang_jumlah, menimbang_penutup, mengingat_pertama, mengingat_urutan,
    mengingat_tanda_baca, mengingat_lembaran_negara, mengingat_belum_lengkap, mengingat_bukan_dasar,
    ketentuan_umum, ketentuan_penutup, bab_kosong, ayat_tunggal, istilah_tidak_dipakai,
    istilah_tanpa_definisi)
RULES: tuple[Rule, ...] = (label, lampiran_dirujuk, frasa_rujukan, frasa_batas, bilangan, nik, kalimat,
                           daftar_tanda_baca, kutipan_belum_lengkap)


def lint(content: Content, display: str) -> list[Problem]:
    """Every drafting problem found, errors and warnings, in file order."""
    ctx = Ctx(content, display, num.number(content, display))
    rules = (*PERBUP_RULES, *RULES) if content.jenis == "perbup" else RULES
    problems = [p for rule in rules for p in rule(ctx)]
    return sorted(problems, key=lambda p: p.row or 0)
