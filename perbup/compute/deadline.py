"""The registration deadline: one rule, stated once, for the decree and the letters.

Aparat are registered within N working days (`surat.batas_hari_kerja`) of the day the regent's
instrument takes effect: a Peraturan Bupati the day it is promulgated (diundangkan, when it comes
into force), an Instruksi the day it is issued (dikeluarkan), a Surat Edaran or a Keputusan the
day it is set (ditetapkan). The decree states the rule for itself ("sejak Peraturan Bupati ini
diundangkan"); a letter rests on an instrument already made (`dasar`), so it states the same rule
with that instrument's date and the date it gives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from perbup.base.formats import angka_terbilang, tanggal
from perbup.compute.workdays import add_working_days
from perbup.load.instrumen import peristiwa


def aturan(hari: int, instrumen: str, jenis: str) -> str:
    """The rule as a text states it: "30 (tiga puluh) hari kerja sejak Peraturan Bupati ini
    diundangkan"; `jenis` is the instrument's kind ("Peraturan Bupati Kupang")."""
    return f"{angka_terbilang(hari)} hari kerja sejak {instrumen} {peristiwa(jenis) or 'ditetapkan'}"


@dataclass(frozen=True)
class Batas:
    """The deadline a letter gives: counted from `sejak`, the day its instrument took effect."""

    hari: int
    sejak: dt.date | None  # None while the instrument's date is not filled in
    tanggal: dt.date | None
    unknown_years: tuple[int, ...] = ()  # years whose national holidays perbup does not know

    def teks(self, instrumen: str, jenis: str) -> str:
        """"30 (tiga puluh) hari kerja sejak Peraturan … diundangkan pada tanggal 20 November 2026,
        yaitu paling lambat tanggal 6 Januari 2027"; dots for dates not known yet."""
        sejak = tanggal(self.sejak) if self.sejak else "…"
        sampai = tanggal(self.tanggal) if self.tanggal else "…"
        return (f"{aturan(self.hari, instrumen, jenis)} pada tanggal {sejak}, yaitu paling lambat "
                f"tanggal {sampai}")


def batas(hari: int, sejak: dt.date | None) -> Batas:
    """The deadline `hari` working days after `sejak` (weekends and national holidays skipped)."""
    if sejak is None:
        return Batas(hari, None, None)
    until, unknown = add_working_days(sejak, hari)
    return Batas(hari, sejak, until, tuple(unknown))
