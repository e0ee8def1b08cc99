"""Village government positions (jabatan): the controlled list and the spellings people type.

The list follows Permendagri 84/2015 on the organisation of village government: Kepala Desa,
Sekretaris Desa, the kepala urusan (three- or two-urusan form), the kepala seksi (three- or
two-seksi form) and one Kepala Dusun per dusun.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Golongan = Literal["kepala_desa", "sekretaris_desa", "perangkat"]
URUSAN, SEKSI, DUSUN = 2, 3, 4  # the sort groups of the kaur, the kasi and the kepala dusun


@dataclass(frozen=True, order=True)
class Jabatan:
    """A normalised position; `urutan` orders people in an annex the way a village lists them."""

    urutan: tuple[int, int, str]
    nama: str
    golongan: Golongan

    @property
    def unsur(self) -> int:
        """Which part of the formation the post belongs to: URUSAN, SEKSI, DUSUN or a head."""
        return self.urutan[0]

    @property
    def unnamed_dusun(self) -> bool:
        """A "Kepala Dusun" written without the dusun's number or name."""
        return self.urutan == (DUSUN, 0, "")


# (sort group, canonical name as written in documents, golongan for the minimum siltap)
_FIXED: list[tuple[int, str, Golongan]] = [
    (0, "Kepala Desa", "kepala_desa"),
    (1, "Sekretaris Desa", "sekretaris_desa"),
    (2, "Kepala Urusan Tata Usaha dan Umum", "perangkat"),
    (2, "Kepala Urusan Umum dan Perencanaan", "perangkat"),
    (2, "Kepala Urusan Keuangan", "perangkat"),
    (2, "Kepala Urusan Perencanaan", "perangkat"),
    (3, "Kepala Seksi Pemerintahan", "perangkat"),
    (3, "Kepala Seksi Kesejahteraan", "perangkat"),
    (3, "Kepala Seksi Kesejahteraan dan Pelayanan", "perangkat"),
    (3, "Kepala Seksi Pelayanan", "perangkat"),
]
_DUSUN_GROUP = DUSUN
KEPALA_DUSUN = "Kepala Dusun"

#: Every canonical position, for messages and documentation.
NAMES: tuple[str, ...] = (*(name for _, name, _ in _FIXED), f"{KEPALA_DUSUN} <nomor atau nama dusun>")

# Short forms and variants, applied word by word after lower-casing and removing punctuation.
_WORDS = {
    "kades": "kepala desa",
    "sekdes": "sekretaris desa",
    "sekertaris": "sekretaris",
    "sekretaris": "sekretaris",
    "kaur": "kepala urusan",
    "kaurs": "kepala urusan",
    "kasi": "kepala seksi",
    "kasie": "kepala seksi",
    "kasubsi": "kepala seksi",
    "kadus": "kepala dusun",
    "kadun": "kepala dusun",
    "ka": "kepala",
    "kep": "kepala",
    "tu": "tata usaha",
    "kesra": "kesejahteraan",
    "kawil": "kepala dusun",  # kepala wilayah (Sumatra)
    "kasun": "kepala dusun",  # kepala dusun (East Java)
    "pj": "",  # penjabat: acting, paid and covered as the position itself
    "plt": "",
    "plh": "",
    "penjabat": "",
    "pejabat": "",
    "pemerintah": "pemerintahan",
    "pem": "pemerintahan",
    "keu": "keuangan",
    "ren": "perencanaan",
    "perencaan": "perencanaan",
    "yan": "pelayanan",
    "seksi": "seksi",
    "urusan": "urusan",
    "&": "dan",
}
_PUNCT = re.compile(r"[.,;:/()\-_]+")
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}

_BY_KEY = {name.lower(): (group, name, golongan) for group, name, golongan in _FIXED}
# What villages call the same posts, written as _words() leaves them (short forms expanded).
_ALIASES = {
    # local names of the village head (UU 6/2014 lets a region keep its own name for it)
    "kepala desa": ["perbekel", "kuwu", "petinggi", "keuchik", "geuchik", "hukum tua",
                    "kepala kampung", "wali nagari"],
    "sekretaris desa": ["sekretaris", "carik", "penyarikan"],
    # three-urusan form: the general-affairs urusan
    "kepala urusan tata usaha dan umum": ["kepala urusan tata usaha", "kepala urusan umum",
                                          "kepala urusan tata usaha umum"],
    # Permendagri 20/2018 gives the village treasury (kebendaharaan) to the Kaur Keuangan, and
    # lists still call the post by its old name.
    "kepala urusan keuangan": ["bendahara", "bendahara desa", "kepala urusan bendahara"],
    "kepala seksi kesejahteraan": ["kepala seksi kesejahteraan rakyat"],
}
for _canonical, _names in _ALIASES.items():
    for _alias in _names:
        _BY_KEY[_alias] = _BY_KEY[_canonical]
# Words that open a Kepala Dusun's position (pelaksana kewilayahan: "Kepala Dusun atau sebutan
# lain"), longest first; what follows is the dusun's number or name.
_DUSUN_PREFIXES = sorted(
    (p.split() for p in ("kepala dusun", "dusun", "kepala wilayah", "kepala kewilayahan",
                         "kepala dukuh", "dukuh", "kamituwo", "kepala jorong", "kelian dinas",
                         "kelian banjar dinas")), key=len, reverse=True)


def _words(text: str) -> list[str]:
    text = text.lower().replace("&", " & ")
    out: list[str] = []
    for word in _PUNCT.sub(" ", text).split():
        out.extend(_WORDS.get(word, word).split())
    return out


def _roman_to_int(text: str) -> int:
    total = 0
    for char, following in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def _dusun(rest: list[str]) -> Jabatan:
    """A Kepala Dusun: numbered (arabic or roman) or named after the dusun."""
    if not rest:
        return Jabatan((_DUSUN_GROUP, 0, ""), KEPALA_DUSUN, "perangkat")
    # ASCII and short: int() refuses "²" (which isdigit() accepts) and 5,000-digit numbers
    if len(rest) == 1 and rest[0].isascii() and rest[0].isdigit() and len(rest[0]) <= 4:
        number = int(rest[0])
        return Jabatan((_DUSUN_GROUP, number, ""), f"{KEPALA_DUSUN} {number}", "perangkat")
    if len(rest) == 1 and _ROMAN.match(rest[0]):
        number = _roman_to_int(rest[0])
        return Jabatan((_DUSUN_GROUP, number, ""), f"{KEPALA_DUSUN} {rest[0].upper()}", "perangkat")
    name = " ".join(word.capitalize() if word.isalpha() else word for word in rest)
    return Jabatan((_DUSUN_GROUP, 10_000, name.lower()), f"{KEPALA_DUSUN} {name}", "perangkat")


def parse_jabatan(text: str) -> Jabatan | None:
    """The position `text` names, or None when it is not a village-apparatus position."""
    words = _words(text)
    for prefix in _DUSUN_PREFIXES:
        if words[:len(prefix)] == prefix:
            return _dusun(words[len(prefix):])
    found = _BY_KEY.get(" ".join(words))
    if found is None:
        return None
    group, name, golongan = found
    return Jabatan((group, [n for _, n, _ in _FIXED].index(name), ""), name, golongan)


def suggest(text: str) -> str | None:
    """The canonical position closest to an unknown spelling, for a "did you mean" hint."""
    # Compared with every spelling perbup reads, so a misspelt alias ("Bendahra Desa") points to
    # its own post rather than to whatever canonical name shares the most letters.
    candidates = {key: name for key, (_, name, _) in _BY_KEY.items()}
    candidates[KEPALA_DUSUN.lower()] = KEPALA_DUSUN
    typed = " ".join(_words(text))
    match = difflib.get_close_matches(typed, list(candidates), n=1, cutoff=0.6)
    return candidates[match[0]] if match else None
