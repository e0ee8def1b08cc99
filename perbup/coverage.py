"""Where enrollment stands: per kecamatan, per position and for the regency, with what is still owed.

The decree's annexes and `perbup report` both use these figures, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from perbup.config import Program
from perbup.dataset import Dataset
from perbup.formats import satu_desimal
from perbup.iuran import IuranOrang, per_person
from perbup.jabatan import KEPALA_DUSUN


@dataclass(frozen=True)
class Cakupan:
    """Coverage of one group: a kecamatan, a position, or the whole regency."""

    kode: str
    nama: str
    desa: int
    desa_terdaftar: int  # desa whose listed apparatus are all enrolled
    aparat: int
    aparat_terdaftar: int
    iuran_bulanan: int  # still to be budgeted: the people not yet enrolled
    per_program: tuple[int, ...]

    @property
    def aparat_belum(self) -> int:
        return self.aparat - self.aparat_terdaftar

    @property
    def iuran_tahunan(self) -> int:
        return 12 * self.iuran_bulanan

    @property
    def persen_desa(self) -> float:
        return 100 * self.desa_terdaftar / self.desa if self.desa else 0.0

    @property
    def persen_aparat(self) -> float:
        return 100 * self.aparat_terdaftar / self.aparat if self.aparat else 0.0

    def as_dict(self) -> dict[str, object]:
        # percentages rounded half-up to one decimal, as a clerk would: 2 of 160 is 1.3 %
        return {"kode": self.kode, "nama": self.nama, "desa": self.desa,
                "desa_terdaftar": self.desa_terdaftar, "aparat": self.aparat,
                "aparat_terdaftar": self.aparat_terdaftar,
                "persen_desa": float(satu_desimal(self.persen_desa)),
                "persen_aparat": float(satu_desimal(self.persen_aparat)),
                "iuran_bulanan": self.iuran_bulanan, "iuran_tahunan": self.iuran_tahunan}


@dataclass(frozen=True)
class Coverage:
    kabupaten: Cakupan
    per_kecamatan: tuple[Cakupan, ...]
    per_jabatan: tuple[Cakupan, ...]  # desa counts are those where the position is listed
    programs: tuple[Program, ...]


def _group(kode: str, nama: str, desa: Iterable[str], rows: list[IuranOrang],
           n_programs: int) -> Cakupan:
    by_desa: dict[str, list[IuranOrang]] = defaultdict(list)
    for row in rows:
        by_desa[row.aparat.desa.kode].append(row)
    desa = list(desa)
    return Cakupan(
        kode=kode, nama=nama, desa=len(desa),
        desa_terdaftar=sum(1 for d in desa if by_desa.get(d) and
                           all(r.aparat.terdaftar for r in by_desa[d])),
        aparat=len(rows), aparat_terdaftar=sum(r.aparat.terdaftar for r in rows),
        iuran_bulanan=sum(r.bulanan for r in rows),
        per_program=tuple(sum(r.per_program[i] for r in rows) for i in range(n_programs)),
    )


def _position_group(row: IuranOrang) -> str:
    """Every Kepala Dusun counts as one position in the per-position table."""
    jabatan = row.aparat.jabatan
    return KEPALA_DUSUN if jabatan.nama.startswith(KEPALA_DUSUN) else jabatan.nama


def compute_coverage(dataset: Dataset, month: dt.date) -> Coverage:
    """Coverage of the whole dataset; contributions at the rates in force in `month`."""
    config = dataset.workspace.config
    n = len(config.iuran.program)
    rows = [per_person(p, config.iuran, month) for p in dataset.aparat]
    per_kec: dict[str, list[IuranOrang]] = defaultdict(list)
    per_jab: dict[str, list[IuranOrang]] = defaultdict(list)
    for row in rows:
        per_kec[row.aparat.desa.kecamatan.kode].append(row)
        per_jab[_position_group(row)].append(row)
    kecamatan = tuple(
        _group(k.kode, k.nama, [d.kode for d in dataset.desa.desa if d.kecamatan == k],
               per_kec.get(k.kode, []), n) for k in dataset.desa.kecamatan)
    order = sorted(per_jab, key=lambda name: per_jab[name][0].aparat.jabatan.urutan)
    jabatan = tuple(_group("", name, {r.aparat.desa.kode for r in per_jab[name]}, per_jab[name], n)
                    for name in order)
    kab = config.kabupaten
    total = _group(kab.kode, kab.nama, [d.kode for d in dataset.desa.desa], rows, n)
    return Coverage(total, kecamatan, jabatan, tuple(config.iuran.program))
