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


@dataclass(frozen=True, order=True)
class Jabatan:
    """A normalised position; `urutan` orders people in an annex the way a village lists them."""

    urutan: tuple[int, int, str]
    nama: str
    golongan: Golongan


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
_DUSUN_GROUP = 4
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
    "pj": "",  # penjabat: acting, paid and covered as the position itself
    "plt": "",
    "plh": "",
    "penjabat": "",
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
# Names villages use for the same posts (three-urusan form: the general-affairs urusan).
_BY_KEY["kepala urusan tata usaha"] = _BY_KEY["kepala urusan tata usaha dan umum"]
_BY_KEY["kepala urusan umum"] = _BY_KEY["kepala urusan tata usaha dan umum"]
_BY_KEY["kepala seksi kesejahteraan rakyat"] = _BY_KEY["kepala seksi kesejahteraan"]


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
    if len(rest) == 1 and rest[0].isdigit():
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
    if words[:2] == ["kepala", "dusun"]:
        return _dusun(words[2:])
    if words[:1] == ["dusun"]:
        return _dusun(words[1:])
    found = _BY_KEY.get(" ".join(words))
    if found is None:
        return None
    group, name, golongan = found
    return Jabatan((group, [n for _, n, _ in _FIXED].index(name), ""), name, golongan)


def suggest(text: str) -> str | None:
    """The canonical position closest to an unknown spelling, for a "did you mean" hint."""
    candidates = [name for _, name, _ in _FIXED] + [KEPALA_DUSUN]
    typed = " ".join(_words(text))
    match = difflib.get_close_matches(typed, [c.lower() for c in candidates], n=1, cutoff=0.6)
    if not match:
        return None
    return next(c for c in candidates if c.lower() == match[0])
