"""The law in force for one workspace on one date: the rows of the rules table each figure rests on.

Resolved once per batch (a letter run, a decree, a report), so each person's contribution only
multiplies. The regent's own siltap (PP 16/2026 Pasal 92) comes from the workspace and is checked
against the minimum in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from perbup.base.formats import angka, persen, tanggal
from perbup.base.problems import Problem
from perbup.load.config import Config
from perbup.load.rules import (
    BatasUpahJp,
    GajiPokok,
    Golongan,
    JatuhTempo,
    Program,
    Row,
    Rules,
    SiltapMinimum,
    in_force,
)

GOLONGAN: tuple[Golongan, ...] = ("kepala_desa", "sekretaris_desa", "perangkat")
#: How the documents name each golongan.
NAMA_GOLONGAN: dict[Golongan, str] = {"kepala_desa": "Kepala Desa", "sekretaris_desa": "Sekretaris Desa",
                                      "perangkat": "perangkat desa lainnya"}
#: The programmes each scheme can hold (JP is for wage earners only).
PROGRAMS: dict[str, tuple[Program, ...]] = {"pu": ("jkk", "jkm", "jht", "jp"), "bpu": ("jkk", "jkm", "jht")}


def cite(rules: Rules, row: Row) -> str:
    """"Pasal 16 ayat (1) huruf a Peraturan Pemerintah Nomor 44 Tahun 2015": a row's source as
    a document cites it."""
    return f"{row.pasal} {rules.act(row.peraturan).judul}"


def short(row: Row) -> str:
    """"PP 44/2015 Pasal 16 ayat (1) huruf a": a row's source in a message."""
    return f"{row.peraturan} {row.pasal}"


@dataclass(frozen=True)
class Tarif:
    """A programme's rate in force: percent of the base split between employer and worker; for
    a self-employed participant's JKM a flat amount in rupiah a month (`flat`)."""

    program: Program
    pemberi_kerja: Decimal
    pekerja: Decimal
    row: Row
    flat: bool = False

    @property
    def jumlah(self) -> Decimal:
        return self.pemberi_kerja + self.pekerja


@dataclass(frozen=True)
class Siltap:
    """One position's siltap: the legal minimum in force, and the regent's amount if stated."""

    golongan: Golongan
    minimum: int
    row: SiltapMinimum
    gaji_pokok: GajiPokok | None  # the base pay the minimum is a share of, if it is one
    daerah: int | None  # what the regent's Peraturan Bupati sets, if the workspace states it

    @property
    def dasar_upah(self) -> int:
        """The contribution base of someone whose siltap the apparatus list does not give."""
        return self.minimum if self.daerah is None else self.daerah


@dataclass(frozen=True)
class Ketentuan:
    """Every figure the documents of one workspace use on one date, with the row it rests on."""

    rules: Rules
    tanggal: dt.date
    skema: str
    programs: tuple[Program, ...]  # the programmes the desa pay for, in the workspace's order
    tarif: Mapping[Program, Tarif]  # every programme of the scheme
    kelas_risiko: str
    jp_batas: BatasUpahJp | None
    siltap: Mapping[Golongan, Siltap]
    siltap_dasar: str  # the regent's Peraturan Bupati on siltap as the workspace cites it, or ""
    jatuh_tempo: JatuhTempo
    penghasilan_bpu: int
    # A list repeats a handful of wages: each wage's amounts are computed once (perbup/compute/iuran.py).
    cache: dict[int, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def bpu(self) -> bool:
        return self.skema == "bpu"

    @property
    def siltap_daerah(self) -> bool:
        """Whether the base comes from the regent's amounts (the workspace states them)."""
        return all(s.daerah is not None for s in self.siltap.values())

    @property
    def potongan(self) -> bool:
        """Whether a programme the desa pay for has a worker's share, deducted from the siltap."""
        return any(self.tarif[p].pekerja for p in self.programs)

    def dasar_siltap(self, golongan: Golongan) -> str:
        """What a document cites for a position's base when the list gives no siltap."""
        siltap = self.siltap[golongan]
        return self.siltap_dasar if siltap.daerah is not None else cite(self.rules, siltap.row)


class MissingRule(Exception):
    """The table has no row in force on the date for a figure the documents need."""


def _needed(row: Any, what: str, date: dt.date) -> Any:
    if row is None:
        raise MissingRule(f"perbup's table of legal facts has no {what} in force on {tanggal(date)}")
    return row


def resolve(rules: Rules, config: Config, date: dt.date) -> Ketentuan:
    """The law in force on `date` for `config`; MissingRule names what the table lacks."""
    settings = config.iuran
    tarif: dict[Program, Tarif] = {}
    for program in PROGRAMS[settings.skema]:
        if settings.skema == "bpu":
            bpu = _needed(in_force(rules.tarif_bpu, date, program=program),
                          f"{program.upper()} rate for the self-employed", date)
            flat = bpu.rupiah is not None
            tarif[program] = Tarif(program, Decimal(bpu.rupiah) if flat else bpu.persen, Decimal(0),
                                   bpu, flat)
        else:
            kelas = settings.kelas_risiko if program == "jkk" else None
            pu = _needed(in_force(rules.tarif_pu, date, program=program, kelas_risiko=kelas),
                         f"{program.upper()} rate", date)
            tarif[program] = Tarif(program, pu.pemberi_kerja, pu.pekerja, pu)
    base_pay = in_force(rules.gaji_pokok, date)
    daerah = config.iuran.siltap
    siltap: dict[Golongan, Siltap] = {}
    for golongan in GOLONGAN:
        row = _needed(in_force(rules.siltap_minimum, date, golongan=golongan),
                      f"minimum siltap for {NAMA_GOLONGAN[golongan]}", date)
        if row.persen is not None:
            pay = _needed(base_pay, "grade II/a base pay", date)
            minimum = int((row.persen * pay.rupiah / 100).to_integral_value())
        else:
            pay, minimum = None, row.rupiah
        siltap[golongan] = Siltap(golongan, minimum, row, pay,
                                  getattr(daerah, golongan) if daerah is not None else None)
    return Ketentuan(
        rules=rules, tanggal=date, skema=settings.skema, programs=tuple(settings.program),
        tarif=tarif, kelas_risiko=settings.kelas_risiko,
        jp_batas=in_force(rules.jp_batas_upah, date), siltap=siltap,
        siltap_dasar=daerah.dasar if daerah is not None else "",
        jatuh_tempo=_needed(in_force(rules.jatuh_tempo, date, skema=settings.skema),
                            "due day of the contributions", date),
        penghasilan_bpu=settings.bpu.penghasilan)


def siltap_problems(k: Ketentuan, config: Config, display: str,
                    lines: Mapping[str, int]) -> list[Problem]:
    """The regent's siltap against the minimum in force (PP 16/2026 Pasal 90 ayat (2)): below it
    is an error, unless the act in force allows it and the workspace says the regent relies on
    that, or the amounts were set before the act and are still kept in force."""
    daerah = config.iuran.siltap
    if daerah is None:
        return []
    rules, out = k.rules, []
    peralihan = in_force(rules.siltap_peralihan, k.tanggal)
    for golongan, siltap in k.siltap.items():
        if siltap.daerah is None or siltap.daerah >= siltap.minimum:
            continue
        setting = f"iuran.siltap.{golongan}"
        row = siltap.row
        pay = siltap.gaji_pokok
        share = (f": {persen(row.persen)} of the grade II/a base pay of Rp {angka(pay.rupiah)}, "
                 f"{short(pay)}" if row.persen is not None and pay is not None else "")
        below = (f"'{setting}': Rp {angka(siltap.daerah)} for {NAMA_GOLONGAN[golongan]} is below "
                 f"the minimum of Rp {angka(siltap.minimum)} ({short(row)}{share})")
        set_on = daerah.ditetapkan
        if peralihan is not None and set_on is not None and set_on < peralihan.ditetapkan_sebelum:
            until = f"until {tanggal(peralihan.sampai)}" if peralihan.sampai else "for now"
            out.append(Problem(display, lines.get(setting), "warning",
                               f"{below}; set on {tanggal(set_on)}, it stays in force {until} "
                               f"({short(peralihan)})",
                               "the regent sets the new amounts in a Peraturan Bupati before then"))
        elif daerah.di_bawah_minimum and row.kecuali:
            out.append(Problem(display, lines.get(setting), "warning",
                               f"{below}, which {row.peraturan} {row.kecuali} allows only when ADD and "
                               "the other sources of the APB Desa cannot pay the minimum",
                               "check that the Peraturan Bupati rests on that article"))
        else:
            hints = ["check the amount against the Peraturan Bupati"]
            if row.kecuali:
                hints.append(f"if it sets less because ADD and the other sources cannot pay the "
                             f"minimum ({row.peraturan} {row.kecuali}), add 'di_bawah_minimum: true'")
            if peralihan is not None and daerah.ditetapkan is None:
                hints.append(f"if it was set before {tanggal(peralihan.ditetapkan_sebelum)}, write its "
                             f"date as 'ditetapkan' ({short(peralihan)} keeps it in force for a while)")
            out.append(Problem(display, lines.get(setting), "error", below, "; ".join(hints)))
    return out


def floors(k: Ketentuan) -> dict[Golongan, tuple[int, str, str]]:
    """Per position, the least siltap a person's list entry should show, what it is and its
    source: the regent's amount where stated, else the minimum in force."""
    return {g: (s.daerah, "amount the regent sets", k.siltap_dasar) if s.daerah is not None
            else (s.minimum, "statutory minimum", short(s.row)) for g, s in k.siltap.items()}


# --- what each figure rests on, for `perbup rules` -----------------------------------------------

@dataclass(frozen=True)
class Figure:
    """One figure the documents use, its value, and the row (or setting) it rests on."""

    name: str
    value: str
    source: str  # "PP 44/2015 Pasal 16 ayat (1) huruf a", or a setting of perbup.yaml
    berlaku: dt.date | None = None
    sampai: dt.date | None = None
    unverified: bool = False
    catatan: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"figure": self.name, "value": self.value, "source": self.source,
                "berlaku": self.berlaku.isoformat() if self.berlaku else None,
                "sampai": self.sampai.isoformat() if self.sampai else None,
                "unverified": self.unverified, "catatan": self.catatan}


def _from(row: Row, name: str, value: str) -> Figure:
    return Figure(name, value, short(row), row.berlaku, row.sampai, row.unverified, row.catatan)


def _money(amount: int) -> str:
    return f"Rp {angka(amount)}"


def figures(k: Ketentuan, config: Config, deadline: str) -> list[Figure]:
    """Every figure of the documents on `k.tanggal`, each with its row of the rules table or its
    setting; `deadline` is the registration deadline as the letters state it."""
    out: list[Figure] = []
    for program in k.programs:
        tarif = k.tarif[program]
        label = program.upper() + (f" ({k.kelas_risiko.replace('_', ' ')})" if program == "jkk"
                                   and not k.bpu else "")
        if tarif.flat:
            value = f"{_money(int(tarif.jumlah))} a month"
        elif tarif.pekerja:
            value = (f"{persen(tarif.jumlah)}: employer {persen(tarif.pemberi_kerja)}, "
                     f"worker {persen(tarif.pekerja)}")
        else:
            value = f"{persen(tarif.jumlah)}, all employer"
        out.append(_from(tarif.row, f"rate {label}", value))
    if k.bpu:
        out.append(Figure("declared income (BPU)", _money(k.penghasilan_bpu), "iuran.bpu.penghasilan"))
    else:
        pay = k.siltap["perangkat"].gaji_pokok
        if pay is not None:
            out.append(_from(pay, "grade II/a base pay", _money(pay.rupiah)))
        for golongan, siltap in k.siltap.items():
            share = f" ({persen(siltap.row.persen)} of the base pay)" if siltap.row.persen else ""
            out.append(_from(siltap.row, f"minimum siltap {NAMA_GOLONGAN[golongan]}",
                             _money(siltap.minimum) + share))
        for golongan, siltap in k.siltap.items():
            if siltap.daerah is not None:
                out.append(Figure(f"regent's siltap {NAMA_GOLONGAN[golongan]}", _money(siltap.daerah),
                                  k.siltap_dasar or f"iuran.siltap.{golongan}"))
        if not k.siltap_daerah:
            out.append(Figure("regent's siltap", "not stated: the minimum is the base",
                              k.siltap_dasar or "iuran.siltap (perbup.yaml)"))
    if k.jp_batas is not None:
        out.append(_from(k.jp_batas, "JP wage cap", f"{_money(k.jp_batas.rupiah)} a month"))
    due = k.jatuh_tempo
    month = "next" if due.bulan == "berikutnya" else "same"
    out.append(_from(due, "contributions due", f"day {due.tanggal} of the {month} month"))
    out.append(Figure("registration deadline", deadline, "surat.batas_hari_kerja, dasar.tanggal"))
    for revoked in k.rules.revoked(k.tanggal):
        act = k.rules.act(revoked.by)
        out.append(Figure(f"{revoked.act} revoked", f"by {act.judul}", revoked.source, revoked.since))
    return out
