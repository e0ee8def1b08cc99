"""BPJS Ketenagakerjaan contributions per person and programme, per desa and per kecamatan.

The rates, shares, caps and minimums are the law in force on the date (perbup/load/ketentuan.py).
Rounding is not regulated: each person x programme monthly share (the employer's, the worker's)
is rounded half-up to whole rupiah, the amounts are summed, and a year is 12 x the month
(shared/reference/bpjs.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from perbup.base.formats import persen
from perbup.load.aparat import Aparat
from perbup.load.ketentuan import Ketentuan, Tarif
from perbup.load.rules import Program

NAMA_PROGRAM: dict[str, str] = {
    "jkk": "Jaminan Kecelakaan Kerja",
    "jkm": "Jaminan Kematian",
    "jht": "Jaminan Hari Tua",
    "jp": "Jaminan Pensiun",
}


def daftar(items: Sequence[str]) -> str:
    """"A", "A dan B", "A, B, dan C": a series as EYD writes it."""
    if len(items) < 3:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def program_teks(programs: Sequence[str]) -> str:
    """"Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)"."""
    return daftar([f"{NAMA_PROGRAM[p]} ({p.upper()})" for p in programs])


def jatuh_tempo(k: Ketentuan) -> str:
    """When a month's contributions fall due: "tanggal 15 bulan berikutnya" (a day of the month
    takes no words, as PP 44/2015 Pasal 21 ayat (2) writes it)."""
    row = k.jatuh_tempo
    month = "bulan berikutnya" if row.bulan == "berikutnya" else "bulan yang bersangkutan"
    return f"tanggal {row.tanggal} {month}"


RULE = ("Iuran dihitung per orang per program dari dasar upah sebulan dan dibulatkan ke rupiah "
        "penuh terdekat; iuran setahun adalah 12 kali iuran sebulan.")
RULE_BPU = ("Iuran dihitung per orang per program dari penghasilan yang dilaporkan sebulan dan "
            "dibulatkan ke rupiah penuh terdekat; iuran setahun adalah 12 kali iuran sebulan.")
# With a worker's share, each share is rounded on its own (PP 45/2015 Pasal 28 ayat (3) splits
# the rate; rounding is not regulated).
RULE_SPLIT = ("Iuran dihitung per orang per program dari dasar upah sebulan, bagian pemberi kerja "
              "dan bagian peserta masing-masing dibulatkan ke rupiah penuh terdekat; iuran setahun "
              "adalah 12 kali iuran sebulan.")


def rule(k: Ketentuan) -> str:
    """The rounding rule, as the documents state it."""
    return RULE_BPU if k.bpu else RULE_SPLIT if k.potongan else RULE


def tarif_teks(tarif: Tarif, money: Callable[[int], str]) -> str:
    """The rate as a document prints it: "0,24%", or a flat amount written by `money`."""
    return money(int(tarif.jumlah)) if tarif.flat else persen(tarif.jumlah)


#: What the letters say of the scheme: the category and the heading of the base column.
SKEMA_TEKS = {
    "pu": {"kategori": "Penerima Upah", "dasar": "Dasar Upah per Bulan (Rp)"},
    "bpu": {"kategori": "Bukan Penerima Upah", "dasar": "Penghasilan yang Dilaporkan per Bulan (Rp)"},
}


class _Shares:
    """The sums of a contribution's shares, per programme, for one person or a group."""

    __slots__ = ()
    per_program: tuple[int, ...]  # the employer's and the worker's shares together
    pemberi_kerja: tuple[int, ...]
    pekerja: tuple[int, ...]

    @property
    def iuran(self) -> int:
        """The whole contribution a month, as the desa remits it."""
        return sum(self.per_program)

    @property
    def dianggarkan(self) -> int:
        """What the desa budgets a month: the employer's shares."""
        return sum(self.pemberi_kerja)

    @property
    def dipotong(self) -> int:
        """What is deducted from the siltap a month: the worker's shares."""
        return sum(self.pekerja)


# slots: every person of a national list gets one while coverage and letters are computed
@dataclass(frozen=True, slots=True)
class IuranOrang(_Shares):
    """What one person costs per month: the base, and per programme the employer's share (which
    the desa budgets) and the worker's (deducted from the siltap); zeros for the enrolled."""

    aparat: Aparat
    upah: int
    pemberi_kerja: tuple[int, ...]  # in the order of Iuran.program
    pekerja: tuple[int, ...]
    per_program: tuple[int, ...]  # the two together


@dataclass(frozen=True)
class Rekap(_Shares):
    """Totals for a group of people (a desa, a kecamatan, the regency)."""

    aparat: int
    terdaftar: int
    upah: int
    per_program: tuple[int, ...]
    pemberi_kerja: tuple[int, ...]
    pekerja: tuple[int, ...]

    @property
    def belum(self) -> int:
        return self.aparat - self.terdaftar

    @property
    def tahunan(self) -> int:
        """What the desa budgets a year."""
        return 12 * self.dianggarkan


T = TypeVar("T")


def _round(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def base_wage(person: Aparat, k: Ketentuan) -> int:
    """The monthly base: the siltap from the data, else the regent's amount for the position,
    else the minimum in force."""
    if person.siltap is not None:
        return person.siltap
    return k.siltap[person.jabatan.golongan].dasar_upah


def _share(rate: Decimal, tarif: Tarif, base: int, cap: int | None) -> int:
    if tarif.flat:
        return int(rate)
    capped = min(base, cap) if cap is not None and tarif.program == "jp" else base
    return _round(capped * rate / 100)


def amounts(k: Ketentuan, upah: int) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Per programme: the employer's share, the worker's and both, each share rounded half-up
    on its own. A list repeats a handful of wages, so each wage is computed once per batch."""
    found = k.cache.get(upah)
    if found is None:
        cap = k.jp_batas.rupiah if k.jp_batas is not None else None
        tarif = [k.tarif[p] for p in k.programs]
        employer = tuple(_share(t.pemberi_kerja, t, upah, cap) for t in tarif)
        worker = tuple(_share(t.pekerja, t, upah, cap) if t.pekerja else 0 for t in tarif)
        found = (employer, worker, tuple(e + w for e, w in zip(employer, worker, strict=True)))
        k.cache[upah] = found
    return found  # type: ignore[no-any-return]


def per_person(person: Aparat, k: Ketentuan) -> IuranOrang:
    """The person's monthly contribution; people already enrolled are not charged again.

    A wage earner (PU) pays a rate of the siltap; a self-employed participant (BPU) a rate of
    the declared income, and JKM as a flat amount.
    """
    upah = k.penghasilan_bpu if k.bpu else base_wage(person, k)
    if person.terdaftar:
        zeros = _shared((0,) * len(k.programs))
        return IuranOrang(person, _shared(upah), zeros, zeros, zeros)
    employer, worker, both = amounts(k, upah)
    return IuranOrang(person, _shared(upah), _shared(employer), _shared(worker), _shared(both))


# A list repeats a handful of wages, so a million people have a handful of distinct amounts:
# one shared object per value (the same value, so nothing printed changes), up to a bound, so a
# list where every wage differs only keeps its own.
_SHARED: dict[object, Any] = {}
_MAX_SHARED = 4096


def _shared(value: T) -> T:
    if len(_SHARED) < _MAX_SHARED:
        return _SHARED.setdefault(value, value)  # type: ignore[no-any-return]
    found: T = _SHARED.get(value, value)
    return found


def rekap(rows: Iterable[IuranOrang], programs: Sequence[Program]) -> Rekap:
    rows = list(rows)

    def column(name: str, i: int) -> int:
        return sum(getattr(r, name)[i] for r in rows)

    n = range(len(programs))
    return Rekap(
        aparat=len(rows),
        terdaftar=sum(r.aparat.terdaftar for r in rows),
        upah=sum(r.upah for r in rows if not r.aparat.terdaftar),
        per_program=tuple(column("per_program", i) for i in n),
        pemberi_kerja=tuple(column("pemberi_kerja", i) for i in n),
        pekerja=tuple(column("pekerja", i) for i in n),
    )
