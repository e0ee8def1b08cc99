"""Drafting lint, rule 3: the Mengingat list — first item, hierarchy order, punctuation, gazettes.

UU 12/2011 Lampiran II, BAB I (Dasar Hukum): the legal bases in the order of the hierarchy, each
cited with the gazette it was promulgated in (UU 12/2011 Pasal 81 lists them): the Lembaran
Negara and its Tambahan for a law or a government regulation, the Berita Negara for a minister's
or an agency's regulation.
"""

from __future__ import annotations

import re

from perbup.base.problems import Problem
from perbup.lint.ctx import Ctx
from perbup.load.content import unfinished_mengingat
from perbup.load.unfilled import warnings

UUD_18_6 = "Pasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945"
_LEVELS = ((r"(?:Pasal [^;]*?)?Undang-Undang Dasar", "UUD"),
           (r"(?:Undang-Undang|Peraturan Pemerintah Pengganti Undang-Undang) Nomor", "UU"),
           (r"Peraturan Pemerintah Nomor", "PP"), (r"Peraturan Presiden", "Perpres"),
           (r"Peraturan (?:Menteri|Badan|Lembaga|Kepala)", "Permen"),
           (r"Peraturan Daerah Provinsi", "Perda Provinsi"), (r"Peraturan Gubernur", "Pergub"),
           (r"Peraturan Daerah", "Perda"), (r"Peraturan (?:Bupati|Wali Kota)", "Perbup"))
_ORDER = "UUD, UU/Perppu, PP, Perpres, Permen, Perda, Perbup; then by year, then by number"
_AMENDED = re.compile(r"diubah(?: terakhir)? dengan (?:Undang-Undang|Peraturan Pemerintah)")
_AMENDED_PERMEN = re.compile(r"diubah(?: terakhir)? dengan Peraturan (?:Menteri|Badan|Lembaga|Kepala)")


def _kind(text: str) -> tuple[int, str, int, int] | None:
    """(hierarchy level, short name, year, number) of a mengingat item, or None."""
    for level, (pattern, short) in enumerate(_LEVELS):
        if re.match(pattern, text):
            if level == 0:
                return 0, short, 1945, 0
            found = re.search(r"Nomor (\d+) Tahun (\d{4})", text)
            year, no = (int(found.group(2)), int(found.group(1))) if found else (0, 0)
            return level, short, year, no
    return None


def _name(kind: tuple[int, str, int, int]) -> str:
    return kind[1] if kind[0] == 0 else f"{kind[1]} {kind[3]}/{kind[2]}"


def mengingat_pertama(ctx: Ctx) -> list[Problem]:
    items = ctx.content.mengingat
    if items and not items[0].teks.startswith(UUD_18_6):
        return [ctx.error(items[0].line, f'the first mengingat item must be "{UUD_18_6};"',
                          "the source of a regent's authority to regulate")]
    return []


def mengingat_urutan(ctx: Ctx) -> list[Problem]:
    out, previous = [], None
    for i, item in enumerate(ctx.content.mengingat, 1):
        if item.teks.startswith(("Instruksi", "Surat Edaran")):
            continue  # reported by mengingat_bukan_dasar
        kind = _kind(item.teks)
        if kind is None:
            out.append(ctx.warning(item.line, f"mengingat item {i}: cannot tell which kind of "
                                              "regulation this is", 'start with its full name, e.g. '
                                                                    '"Undang-Undang Nomor …"'))
            continue
        if previous is not None and kind[::2] + kind[3:] < previous[1][::2] + previous[1][3:]:
            out.append(ctx.error(item.line, f"mengingat item {i} ({_name(kind)}) must come before "
                                            f"item {previous[0]} ({_name(previous[1])})", _ORDER))
        previous = (i, kind)
    return out


def mengingat_tanda_baca(ctx: Ctx) -> list[Problem]:
    items, out = ctx.content.mengingat, []
    for i, item in enumerate(items, 1):
        if i < len(items) and not item.teks.endswith(";"):
            out.append(ctx.error(item.line, f'mengingat item {i} must end with ";"'))
        if i == len(items) and not item.teks.endswith("."):
            out.append(ctx.error(item.line, f'the last mengingat item ({i}) must end with "."'))
    return out


def mengingat_lembaran_negara(ctx: Ctx) -> list[Problem]:
    out = []
    for i, item in enumerate(ctx.content.mengingat, 1):
        kind = _kind(item.teks)
        if kind is None or kind[1] not in ("UU", "PP"):
            continue
        acts = 1 + len(_AMENDED.findall(item.teks))  # an amendment cites its own gazette
        ln = item.teks.count("Lembaran Negara Republik Indonesia Tahun")
        tln = item.teks.count("Tambahan Lembaran Negara Republik Indonesia Nomor")
        if ln < acts or tln < acts:
            out.append(ctx.error(item.line, f"mengingat item {i} ({_name(kind)}) must cite the Lembaran "
                                            "Negara and Tambahan Lembaran Negara of every act it names",
                                 '"(Lembaran Negara Republik Indonesia Tahun 2011 Nomor 116, Tambahan '
                                 'Lembaran Negara Republik Indonesia Nomor 5256)"'))
    return out


def mengingat_berita_negara(ctx: Ctx) -> list[Problem]:
    out = []
    for i, item in enumerate(ctx.content.mengingat, 1):
        kind = _kind(item.teks)
        if kind is None or kind[1] != "Permen":
            continue
        acts = 1 + len(_AMENDED_PERMEN.findall(item.teks))  # each amendment has its own number
        if item.teks.count("Berita Negara Republik Indonesia Tahun") < acts:
            out.append(ctx.error(item.line, f"mengingat item {i} ({_name(kind)}) must cite the Berita Negara "
                                            "of every act it names",
                                 '"(Berita Negara Republik Indonesia Tahun … Nomor …)" after the act and '
                                 "after each amendment it names"))
    return out


def mengingat_belum_lengkap(ctx: Ctx) -> list[Problem]:
    # A warning on a draft; a final copy refuses it (perbup/load/unfilled.py).
    return warnings(unfinished_mengingat(ctx.content, ctx.display))


def mengingat_bukan_dasar(ctx: Ctx) -> list[Problem]:
    return [ctx.error(item.line, f"mengingat item {i} is an Instruksi or Surat Edaran, which is not "
                                 "a legal basis", "cite it in menimbang instead")
            for i, item in enumerate(ctx.content.mengingat, 1)
            if item.teks.startswith(("Instruksi", "Surat Edaran"))]
