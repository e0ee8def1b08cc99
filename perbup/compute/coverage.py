"""Where enrollment stands: per kecamatan, per position and for the regency, with what is still owed.

The decree's annexes and `perbup report` both use these figures, so they always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from perbup.base.formats import satu_desimal
from perbup.compute.iuran import IuranOrang, per_person
from perbup.load.dataset import Dataset
from perbup.load.jabatan import KEPALA_DUSUN
from perbup.load.ketentuan import Ketentuan
from perbup.load.rules import Program


@dataclass(frozen=True)
class Cakupan:
    """Coverage of one group: a kecamatan, a position, or the whole regency."""

    kode: str
    nama: str
    desa: int
    desa_terdaftar: int  # desa whose listed apparatus are all enrolled
    aparat: int
    aparat_terdaftar: int
    # Still to be budgeted for the people not yet enrolled: the employer's shares, which the
    # APB Desa pays; the worker's shares are deducted from their siltap.
    iuran_bulanan: int
    per_program: tuple[int, ...]  # the employer's shares per programme
    pekerja: tuple[int, ...] = ()  # the worker's shares per programme

    @property
    def potongan_bulanan(self) -> int:
        """What is deducted from the siltap a month: the worker's shares."""
        return sum(self.pekerja)

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
    law: Ketentuan  # what the figures rest on, and their date


class _Tally:
    """A group's running totals: each person is added as computed and then dropped, so a
    national list is never held a second time as contributions."""

    def __init__(self, n_programs: int, urutan: tuple[int, int, str] | None = None) -> None:
        self.desa: dict[str, bool] = {}  # desa code: whether everyone listed so far is enrolled
        self.aparat = 0
        self.terdaftar = 0
        self.bulanan = 0
        self.per_program = [0] * n_programs
        self.pekerja = [0] * n_programs
        self.urutan = urutan  # the first person's position, which orders the position table

    def add(self, row: IuranOrang) -> None:
        person = row.aparat
        kode = person.desa.kode
        self.desa[kode] = self.desa.get(kode, True) and person.terdaftar
        self.aparat += 1
        self.terdaftar += person.terdaftar
        self.bulanan += row.dianggarkan
        for i, amount in enumerate(row.pemberi_kerja):
            self.per_program[i] += amount
        for i, amount in enumerate(row.pekerja):
            self.pekerja[i] += amount


def _group(kode: str, nama: str, desa: Iterable[str], tally: _Tally) -> Cakupan:
    desa = list(desa)
    return Cakupan(
        kode=kode, nama=nama, desa=len(desa),
        desa_terdaftar=sum(1 for d in desa if tally.desa.get(d)),
        aparat=tally.aparat, aparat_terdaftar=tally.terdaftar, iuran_bulanan=tally.bulanan,
        per_program=tuple(tally.per_program), pekerja=tuple(tally.pekerja),
    )


def _position_group(row: IuranOrang) -> str:
    """Every Kepala Dusun counts as one position in the per-position table."""
    jabatan = row.aparat.jabatan
    return KEPALA_DUSUN if jabatan.nama.startswith(KEPALA_DUSUN) else jabatan.nama


def compute_coverage(dataset: Dataset) -> Coverage:
    """Coverage of the whole dataset; contributions under the law in force on its date."""
    config = dataset.workspace.config
    law = dataset.law
    n = len(config.iuran.program)
    total = _Tally(n)
    per_kec: dict[str, _Tally] = {}
    per_jab: dict[str, _Tally] = {}
    for person in dataset.aparat:
        row = per_person(person, law)
        total.add(row)
        kec = person.desa.kecamatan.kode
        (per_kec.get(kec) or per_kec.setdefault(kec, _Tally(n))).add(row)
        group = _position_group(row)
        if group not in per_jab:
            per_jab[group] = _Tally(n, person.jabatan.urutan)
        per_jab[group].add(row)
    kecamatan = tuple(
        _group(k.kode, k.nama, [d.kode for d in dataset.desa.desa if d.kecamatan == k],
               per_kec.get(k.kode) or _Tally(n)) for k in dataset.desa.kecamatan)
    order = sorted(per_jab, key=lambda name: per_jab[name].urutan or ())
    jabatan = tuple(_group("", name, per_jab[name].desa, per_jab[name]) for name in order)
    kab = config.kabupaten
    return Coverage(_group(kab.kode, kab.nama, [d.kode for d in dataset.desa.desa], total),
                    kecamatan, jabatan, tuple(config.iuran.program), law)
