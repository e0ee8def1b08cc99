"""Drafting lint: the checkable rules of UU 12/2011 Lampiran II, each a function, run by kind.

The rules live by concept in the lint_* modules; this one holds the structure and quantity rules
and runs them all in file order.
"""

from __future__ import annotations

import re

from perbup.base.formats import terbilang
from perbup.base.problems import Problem
from perbup.compute import numbering as num
from perbup.lint.berlaku import TAKES_EFFECT, berlaku_dikeluarkan, berlaku_diundangkan
from perbup.lint.ctx import DEFINITIONS, Ctx, Rule, definitions_list, everything, prose
from perbup.lint.definisi import definisi_urutan, istilah_sebelum_definisi
from perbup.lint.dicabut import peraturan_dicabut
from perbup.lint.frasa import frasa_batas, frasa_dan_atau, frasa_rujukan
from perbup.lint.istilah import istilah_huruf_kecil, istilah_tanpa_definisi, istilah_tidak_dipakai
from perbup.lint.kalimat import daftar_tanda_baca, kalimat, satu_kalimat
from perbup.lint.mengingat import (
    mengingat_belum_lengkap,
    mengingat_berita_negara,
    mengingat_bukan_dasar,
    mengingat_lembaran_negara,
    mengingat_pertama,
    mengingat_tanda_baca,
    mengingat_urutan,
)
from perbup.lint.menimbang import menimbang_bahwa, menimbang_jumlah, menimbang_penutup
from perbup.lint.rujukan import label, lampiran_dirujuk, rujukan_ada, rujukan_kata_depan
from perbup.load.content import Content, unfinished_citations
from perbup.load.unfilled import warnings

#: Pasal 1's opening phrase (Lampiran II, BAB I, Ketentuan Umum).
OPENING = re.compile(rf"Dalam Peraturan (?:Bupati|Wali Kota) ini {DEFINITIONS}")


# --- Structure (rules 5, 10) --------------------------------------------------------------------

def ketentuan_umum(ctx: Ctx) -> list[Problem]:
    babs, out = ctx.content.bab, []
    if babs and babs[0].judul.lower() != "ketentuan umum":
        out.append(ctx.error(babs[0].line, 'BAB I must be "Ketentuan Umum"'))
    first = next(ctx.content.semua_pasal(), None)
    if first is None:
        return out
    listed = definitions_list(ctx.content)
    if listed is None:
        out.append(ctx.error(first.line, 'Pasal 1 must hold the definitions: "Dalam Peraturan Bupati '
                                         'ini yang dimaksud dengan:" and a numbered list'))
        return out
    if not OPENING.fullmatch(listed.teks):
        out.append(ctx.error(listed.line, 'Pasal 1 must open with "Dalam Peraturan Bupati ini yang '
                                          f'dimaksud dengan:", not "{listed.teks}"'))
    if listed.penomoran != "angka":
        out.append(ctx.error(listed.line, "the definitions in Pasal 1 are numbered 1., 2., …",
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
                             f'"{TAKES_EFFECT}"'))
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


# --- Wording (rules 8, 12) -----------------------------------------------------------------------

def kutipan_belum_lengkap(ctx: Ctx) -> list[Problem]:
    # A warning on a draft; a final copy refuses it (perbup/load/unfilled.py).
    return warnings(unfinished_citations(ctx.content, ctx.display))


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
    for line, raw in prose(ctx.content):
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
            for line, text in everything(ctx.content) if re.search(r"(?<!\d)\d{16}(?!\d)", text)]


#: The rules of each kind of document, in the order their problems are listed.
PERBUP_RULES: tuple[Rule, ...] = (
    judul_nama, menimbang_bahwa, menimbang_jumlah, menimbang_penutup, mengingat_pertama, mengingat_urutan,
    mengingat_tanda_baca, mengingat_lembaran_negara, mengingat_berita_negara, mengingat_belum_lengkap,
    mengingat_bukan_dasar, ketentuan_umum, ketentuan_penutup, berlaku_diundangkan, bab_kosong, ayat_tunggal,
    satu_kalimat, definisi_urutan, istilah_sebelum_definisi, istilah_tidak_dipakai, istilah_tanpa_definisi,
    istilah_huruf_kecil)
INSTRUKSI_RULES: tuple[Rule, ...] = (menimbang_bahwa, menimbang_jumlah, menimbang_penutup,
                                     berlaku_dikeluarkan)
#: The rules for every kind: wording, lists, references and personal data.
RULES: tuple[Rule, ...] = (label, lampiran_dirujuk, rujukan_ada, rujukan_kata_depan, frasa_rujukan,
                           frasa_batas, frasa_dan_atau, peraturan_dicabut, bilangan, nik, kalimat,
                           daftar_tanda_baca, kutipan_belum_lengkap)
_BY_KIND = {"perbup": PERBUP_RULES, "instruksi": INSTRUKSI_RULES}


def lint(content: Content, display: str) -> list[Problem]:
    """Every drafting problem found, errors and warnings, in file order."""
    ctx = Ctx(content, display, num.number(content, display))
    rules = (*_BY_KIND.get(content.jenis, ()), *RULES)
    problems = [p for rule in rules for p in rule(ctx)]
    return sorted(problems, key=lambda p: p.row or 0)
