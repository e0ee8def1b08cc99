"""Drafting lint, rule 7: every term defined in Pasal 1 is used, as defined, and only those are.

UU 12/2011 Lampiran II, BAB I (Ketentuan Umum): a defined term is written with capitals and means
the same wherever it is used; a word written like a term (capitalised) is a term.
"""

from __future__ import annotations

import re

from perbup.base.problems import Problem
from perbup.lint.ctx import MASK, Ctx, blank
from perbup.lint.definisi import as_words, definitions
from perbup.load.content import Teks

# A capitalised word: "Desa", "Undang-Undang", "Daerah-daerah"; not an acronym ("JKK", "APB").
_WORD = r"[A-Z][a-z]+(?:-[A-Za-z]+)*\b"
_LINK = r"(?:dan|atau|atas|di|dalam|untuk|bagi|serta|pada|tentang|Nomor|Tahun|\d[\d./]*)"
# Names that are capitalised without being defined terms, masked before looking:
_MASKED = (
    MASK,  # references, data variables and anything quoted
    # a cited act's title, which runs on through its own capitalised words and links:
    # "… tentang Perubahan Kedua atas Undang-Undang Nomor 6 Tahun 2014 tentang Desa"
    re.compile(rf"\btentang(?:\s+(?:{_WORD}|{_LINK}))+"),
    # a place: "Kabupaten Kupang", "Provinsi Nusa Tenggara Timur", "Kecamatan Kupang Tengah"
    re.compile(rf"\b(?:Kabupaten|Kota|Provinsi|Kecamatan|Kelurahan)(?:\s+{_WORD})+"),
    # an account or classification name after its code: "5.1.3.03 Jaminan Ketenagakerjaan …"
    re.compile(rf"\b\d+(?:\.\d+)+(?:\s+{_WORD})+"),
)
# Capitalised by the drafting rules themselves, or names of things rather than terms.
_NAMES = frozenset((
    "Rp", "Pasal", "Ayat", "Bab", "Bagian", "Paragraf", "Lampiran", "Nomor", "Tahun", "Huruf", "Angka",
    "Undang-Undang", "Dasar", "Peraturan", "Pemerintah", "Pengganti", "Presiden", "Menteri",
    "Daerah", "Bupati", "Wali", "Kota", "Gubernur", "Provinsi", "Kabupaten", "Keputusan",
    "Instruksi", "Surat", "Edaran", "Berita", "Lembaran", "Tambahan", "Negara", "Republik",
    "Indonesia", "Tuhan", "Yang", "Maha", "Esa", "Januari", "Februari", "Maret", "April", "Mei",
    "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember", "Senin", "Selasa",
    "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
))
_PHRASE = re.compile(rf"{_WORD}(?:\s+(?:(?:dan|atau)\s+)?{_WORD})*")
_SENTENCE_START = re.compile(r"(?:^|[.:;!?]\s+|\(\w+\)\s+|^\w\.\s+)$")


#: Defined terms a data variable prints (perbup/compute/law_text.py): where the text uses the variable,
#: they count as used. {{ program_singkat }} names the programmes covered ("JKK dan JKM").
VARIABLE_TERMS = {"program_singkat": ("JKK", "JKM", "JHT", "JP"),
                  "besaran_iuran": ("JKK", "JKM", "JHT", "JP")}


def _printed(texts: list[Teks]) -> str:
    names = {m.group(1) for t in texts for m in re.finditer(r"\{\{\s*(\w+)", t.teks)}
    return " ".join(term for name in sorted(names) for term in VARIABLE_TERMS.get(name, ()))


def istilah_tidak_dipakai(ctx: Ctx) -> list[Problem]:
    found = definitions(ctx)
    if found is None:
        return []
    terms = [(d.name, d.item) for d in found]  # the text uses the short form
    texts = [*ctx.content.semua_teks(), *ctx.content.kepada]
    annexes = " ".join(a.judul for a in ctx.content.lampiran) + "\n" + _printed(texts)
    out = []
    for term, own in terms:
        corpus = "\n".join(t.teks for t in texts if t is not own) + "\n" + annexes
        # "Desa" is not used just because "Kepala Desa" is: take out the longer defined terms first.
        for longer, _ in terms:
            if longer != term and re.search(rf"\b{re.escape(term)}\b", longer):
                corpus = corpus.replace(longer, " ")
        if not re.search(rf"\b{re.escape(term)}\b", corpus):
            out.append(ctx.warning(own.line, f'defined term "{term}" is not used anywhere else',
                                   "use it in the body or drop the definition"))
    return out


def _undefined(text: str, terms: list[str], names: frozenset[str]) -> list[str]:
    """The capitalised phrases in `text` that no defined term or name accounts for."""
    for pattern in _MASKED:
        text = blank(text, pattern)
    found = []
    for phrase in _PHRASE.finditer(text):
        words = phrase.group(0)
        covered = bytearray(len(words))  # 1 where a defined term stands
        for term in terms:  # longest first, so "Kepala Desa" goes before "Desa"
            for m in re.finditer(rf"\b{re.escape(term)}\b", words):
                if not any(covered[m.start():m.end()]):
                    covered[m.start():m.end()] = b"\1" * (m.end() - m.start())
        # "Pemerintah Desa dan Badan Permusyawaratan Desa" is two phrases, unless a defined term
        # holds the "dan" ("Anggaran Pendapatan dan Belanja Desa").
        cuts = [m for m in re.finditer(r"\s+(?:dan|atau)\s+", words) if not covered[m.start()]]
        bounds = [0, *(x for m in cuts for x in (m.start(), m.end())), len(words)]
        for start, end in zip(bounds[::2], bounds[1::2], strict=True):
            first_word = start == 0 and _SENTENCE_START.search(text[:phrase.start()])
            loose = [w for w in re.finditer(r"\S+", words[start:end])
                     if not covered[start + w.start()] and w.group(0) not in names
                     and not (first_word and w.start() == 0)]  # a sentence's first capital
            if loose:
                found.append(words[start:end])
    return found


def istilah_tanpa_definisi(ctx: Ctx) -> list[Problem]:
    found = definitions(ctx)
    if not found:
        return []
    own = {id(d.item) for d in found}
    terms = {t for d in found for t in (d.term, d.short) if t}
    longest_first = sorted(terms, key=len, reverse=True)
    # The regency's and the regulation's own names are capitalised without being defined.
    names = _NAMES | {w.capitalize() for w in re.findall(r"[\w-]+", ctx.content.judul)}
    seen: set[str] = set()
    out = []
    for teks in ctx.content.semua_teks():
        if id(teks) in own:
            continue
        for phrase in _undefined(teks.teks, longest_first, names):
            if phrase not in seen:
                seen.add(phrase)
                out.append(ctx.warning(teks.line, f'"{phrase}" is capitalised like a defined term, '
                                                  "but Pasal 1 does not define it",
                                       "define it in Pasal 1, or write it in lower case"))
    return out


#: Lower-case phrases that name something general, not the defined term they contain: UU 23/2014
#: itself writes "kewenangan daerah otonom" and "kepala daerah" beside its defined "Daerah".
_GENERAL = ("daerah otonom", "kepala daerah")


def istilah_huruf_kecil(ctx: Ctx) -> list[Problem]:
    found = definitions(ctx)
    if not found:
        return []
    longest_first = sorted(found, key=lambda d: len(d.name), reverse=True)
    own = {id(d.item): d for d in found}
    out = []
    for teks in ctx.content.semua_teks():
        text = blank(teks.teks, _MASKED[1])  # an act's title is written as the act has it
        text = blank(blank(text), re.compile("|".join(_GENERAL)))
        seen = []
        for d in longest_first:
            if own.get(id(teks)) is d or d.name.lower() == d.name:
                continue  # a term's own definition says what it is in ordinary words
            for m in as_words(d.name.lower()).finditer(text):
                text = text[:m.start()] + " " * len(m.group(0)) + text[m.end():]
                if d not in seen:
                    seen.append(d)
                    out.append(ctx.warning(teks.line, f'"{m.group(0)}" is written in lower case, but Pasal 1 '
                                                      f'angka {d.angka} defines "{d.name}"',
                                           f'write "{d.name}" where the defined term is meant, or reword'))
    return out
