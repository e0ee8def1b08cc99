"""BPJS Ketenagakerjaan contributions per person and programme, per desa and per kecamatan.

Rounding is not regulated: each person x programme monthly amount is rounded half-up to whole
rupiah, the amounts are summed, and a year is 12 x the month (shared/reference/bpjs.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from perbup.aparat import Aparat
from perbup.config import Iuran, Program
from perbup.formats import persen

NAMA_PROGRAM: dict[str, str] = {
    "jkk": "Jaminan Kecelakaan Kerja",
    "jkm": "Jaminan Kematian",
    "jht": "Jaminan Hari Tua",
    "jp": "Jaminan Pensiun",
}

def program_teks(programs: Sequence[str]) -> str:
    """"Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)"."""
    names = [f"{NAMA_PROGRAM[p]} ({p.upper()})" for p in programs]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]


RULE = ("Iuran dihitung per orang per program dari dasar upah sebulan dan dibulatkan ke rupiah "
        "penuh terdekat; iuran setahun adalah 12 kali iuran sebulan.")
RULE_BPU = ("Iuran dihitung per orang per program dari penghasilan yang dilaporkan sebulan dan "
            "dibulatkan ke rupiah penuh terdekat; iuran setahun adalah 12 kali iuran sebulan.")


def rule(settings: Iuran) -> str:
    """The rounding rule, as the documents state it."""
    return RULE_BPU if settings.skema == "bpu" else RULE


def tarif(settings: Iuran, program: Program) -> Decimal | int:
    """A programme's rate: a percentage (Decimal), or for BPU's JKM a flat amount in rupiah (int)."""
    if settings.skema == "bpu":
        if program == "jp":
            raise ValueError("JP is not open to self-employed participants")  # refused by Iuran
        rate: Decimal | int = getattr(settings.bpu, program)
        return rate
    percent: Decimal = getattr(settings.tarif, program)
    return percent


def tarif_teks(settings: Iuran, program: Program, money: Callable[[int], str]) -> str:
    """The rate as a document prints it: "0,24%", or a flat amount written by `money`."""
    rate = tarif(settings, program)
    return money(rate) if isinstance(rate, int) else persen(rate)


#: What the letters say of the scheme: the category, when a month's contributions fall due
#: (PU: the 15th of the next month; BPU: the 15th of the same month, shared/reference/bpjs.md
#: and BPJS Ketenagakerjaan's published rules), and the heading of the base column.
SKEMA_TEKS = {
    "pu": {"kategori": "Penerima Upah", "jatuh_tempo": "bulan berikutnya",
           "dasar": "Dasar Upah per Bulan (Rp)"},
    "bpu": {"kategori": "Bukan Penerima Upah", "jatuh_tempo": "bulan yang bersangkutan",
            "dasar": "Penghasilan yang Dilaporkan per Bulan (Rp)"},
}


# slots: every person of a national list gets one while coverage and letters are computed
@dataclass(frozen=True, slots=True)
class IuranOrang:
    """What one person costs per month: the base and the amount per programme."""

    aparat: Aparat
    upah: int
    per_program: tuple[int, ...]  # in the order of Iuran.program; zeros for the enrolled

    @property
    def bulanan(self) -> int:
        return sum(self.per_program)


@dataclass(frozen=True)
class Rekap:
    """Totals for a group of people (a desa, a kecamatan, the regency)."""

    aparat: int
    terdaftar: int
    upah: int
    per_program: tuple[int, ...]

    @property
    def belum(self) -> int:
        return self.aparat - self.terdaftar

    @property
    def bulanan(self) -> int:
        return sum(self.per_program)

    @property
    def tahunan(self) -> int:
        return 12 * self.bulanan


T = TypeVar("T")


def _round(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def jp_cap(settings: Iuran, month: dt.date) -> int | None:
    """The JP wage cap in force in `month`: a year's cap applies from March (PP 45/2015 Ps 29)."""
    year = month.year if month.month >= 3 else month.year - 1
    known = [y for y in settings.jp_batas_upah if y <= year]
    return settings.jp_batas_upah[max(known)] if known else None


def base_wage(person: Aparat, settings: Iuran) -> int:
    """The monthly base: the siltap from the data, else the statutory minimum for the position."""
    if person.siltap is not None:
        return person.siltap
    return int(getattr(settings.siltap_minimum, person.jabatan.golongan))


def per_person(person: Aparat, settings: Iuran, month: dt.date) -> IuranOrang:
    """The person's monthly contribution; people already enrolled are not charged again.

    A wage earner (PU) pays a rate of the siltap; a self-employed participant (BPU) a rate of
    the declared income, and JKM as a flat amount.
    """
    bpu = settings.skema == "bpu"
    upah = settings.bpu.penghasilan if bpu else base_wage(person, settings)
    amounts = []
    for program in settings.program:
        base = Decimal(upah)
        if program == "jp":
            cap = jp_cap(settings, month)
            base = min(base, Decimal(cap)) if cap else base
        rate = tarif(settings, program)
        amount = rate if isinstance(rate, int) else _round(base * rate / 100)
        amounts.append(0 if person.terdaftar else amount)
    return IuranOrang(person, _shared(upah), _shared(tuple(amounts)))


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
    return Rekap(
        aparat=len(rows),
        terdaftar=sum(r.aparat.terdaftar for r in rows),
        upah=sum(r.upah for r in rows if not r.aparat.terdaftar),
        per_program=tuple(sum(r.per_program[i] for r in rows) for i in range(len(programs))),
    )
