"""The workspace settings (`perbup.yaml`): typed, strict, every mistake reported at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from perbup.base.errors import DataError
from perbup.base.problems import Problem
from perbup.base.values import MAX_RUPIAH, YEARS
from perbup.load.instrumen import PERISTIWA, peristiwa
from perbup.load.rules import KelasRisiko, Program, Skema
from perbup.load.unfilled import SETTING_MESSAGE, Unfilled, has_dots, placeholders, setting_reaches, warnings
from perbup.load.yamlfile import line_of, load_yaml, problem_at, setting_lines

CONFIG_NAME = "perbup.yaml"

#: pu: wage earners (Penerima Upah), the village government as employer; bpu: self-employed
#: (Bukan Penerima Upah), registered on a declared income (shared/reference/bpjs.md).
# Bounds on what a person types, so a slip (an amount of 1e999999, a year 9999) is a message at
# its line instead of an overflow deep in the arithmetic or the calendar.
Rupiah = Annotated[int, Field(ge=0, le=MAX_RUPIAH)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]  # a line that prints


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Kabupaten(_Strict):
    """The regency (or city) whose government issues the documents."""

    kode: str = Field(pattern=r"^\d{2}\.\d{2}$")
    nama: str  # "Kabupaten Kupang", as the region data writes it
    ibu_kota: str  # seat of government, where documents are signed
    provinsi: str
    kepala_daerah: str = "Bupati"  # "Wali Kota" for a kota
    alamat: str = ""
    telepon: str = ""
    laman: str = ""
    email: str = ""
    kode_pos: str = ""
    # Images the bureau supplies (PNG or JPEG, relative to the workspace); empty: the templates'
    # marked stand-in pictures stay.
    lambang: str = ""  # the regency's coat of arms, in the letterhead
    garuda: str = ""  # Garuda Pancasila, above the decree's title


class Pejabat(_Strict):
    """An official who signs or is named in the documents."""

    nama: str
    pangkat: str = ""
    nip: str = ""


class PejabatDaerah(_Strict):
    bupati: Pejabat
    sekretaris_daerah: Pejabat
    # Titles of the officials who initial a decree draft (paraf koordinasi), in order; a final
    # copy (--final) carries no initials boxes.
    paraf: list[str] = []


class DataFiles(_Strict):
    """Data files, relative to the workspace."""

    desa: str = "data/desa.csv"
    aparat: str = "data/aparat.csv"


class SiltapDaerah(_Strict):
    """The siltap the regent's own Peraturan Bupati sets per position (PP 16/2026 Pasal 92): the
    contribution base for anyone whose Siltap cell is empty. A position left out gets the
    minimum in force (perbup/load/rules.yaml); an amount below it is an error
    (perbup/load/ketentuan.py)."""

    dasar: str  # "Peraturan Bupati Kupang Nomor 5 Tahun 2026 tentang …", as documents cite it
    ditetapkan: dt.date | None = None  # the day it was set: siltap set before a new act stays a while
    kepala_desa: Rupiah | None = None
    sekretaris_desa: Rupiah | None = None
    perangkat: Rupiah | None = None
    # The Perbup sets less than the minimum because ADD and the other sources of the APB Desa
    # cannot pay it (PP 16/2026 Pasal 90 ayat (5)).
    di_bawah_minimum: bool = False

    @model_validator(mode="after")
    def _all_or_none(self) -> SiltapDaerah:
        amounts = (self.kepala_desa, self.sekretaris_desa, self.perangkat)
        if None in amounts and any(a is not None for a in amounts):
            raise ValueError("give the amounts of all three positions (kepala_desa, sekretaris_desa, "
                             "perangkat) or of none: the Peraturan Bupati sets them all")
        return self


class Bpu(_Strict):
    """Self-employed participants (Bukan Penerima Upah), when a regency chooses them.

    JKK is 1 % of a declared income band's nominal, from Rp 10,000 to Rp 207,000 a month, so from
    Rp 1,000,000 to Rp 20,700,000 declared; JKM is Rp 6,800 a month, flat; JHT optionally 2 %
    (the rates are in perbup/load/rules.yaml). The bands between those ends are unverified, so perbup
    registers everyone on one declared income, which must be a band's nominal: the lowest,
    Rp 1,000,000, gives the cheapest package, JKK + JKM = Rp 16,800.
    """

    penghasilan: int = Field(default=1_000_000, ge=1_000_000, le=20_700_000)


class Iuran(_Strict):
    """Which programmes the villages pay for; the rates are the law's (perbup/load/rules.yaml)."""

    skema: Skema = "pu"
    program: list[Program] = ["jkk", "jkm"]
    # The work-accident risk class (PP 44/2015 Pasal 16 ayat (1)); village governments in
    # practice are the lowest.
    kelas_risiko: KelasRisiko = "sangat_rendah"
    bpu: Bpu = Bpu()
    siltap: SiltapDaerah | None = None

    @field_validator("program")
    @classmethod
    def _known_to_the_scheme(cls, program: list[Program], info: Any) -> list[Program]:
        if not program:
            raise ValueError("name at least one programme: jkk, jkm, jht or jp")
        if len(set(program)) != len(program):
            raise ValueError("a programme is named twice")
        if info.data.get("skema") == "bpu" and "jp" in program:
            raise ValueError("JP (pension) is for wage earners only; a self-employed (bpu) "
                             "participant can join jkk, jkm and jht")
        return program


#: Settings that held the law before the rules table did: each is refused at its line with what
#: to do, so no one's old value silently stands in for the law, nor is silently dropped.
_LAW = "perbup takes it from its table of legal facts for the letter date (perbup rules shows it)"
RETIRED: dict[tuple[str, ...], tuple[str, str]] = {
    ("iuran", "tarif"): ("the contribution rates are the law's: " + _LAW,
                         "delete it; for a work-accident risk class above the lowest, set "
                         "iuran.kelas_risiko (rendah, sedang, tinggi or sangat_tinggi)"),
    ("iuran", "siltap_minimum"): (
        "the minimum siltap is the law's (PP 16/2026 Pasal 90 ayat (2)): " + _LAW,
        "delete it; if these are the amounts your regent's Peraturan Bupati sets, write them "
        "under iuran.siltap with its citation: siltap: {dasar: \"Peraturan Bupati … Nomor … "
        "Tahun … tentang …\", kepala_desa: …, sekretaris_desa: …, perangkat: …}"),
    ("iuran", "jp_batas_upah"): ("the JP wage cap of each year is the law's (PP 45/2015 Pasal 29): "
                                 + _LAW, "delete it"),
    **{("iuran", "bpu", program): (f"the self-employed {program.upper()} rate is the law's: " + _LAW,
                                   "delete it; iuran.bpu keeps only the declared income, penghasilan")
       for program in ("jkk", "jkm", "jht")},
}


class Surat(_Strict):
    """The per-village letter: numbering, dates and fixed wording."""

    # {kode}: kode_klasifikasi (numbers then run per code and year), {seq}: the register's
    # running number, {tahun}: the year of the letter date.
    nomor: str = "{kode}/{seq}/BAG.HUK/{tahun}"
    # The archive classification code; 560 is unverified (Permendagri 83/2022 replaced the
    # scheme in which it meant labour: shared/reference/legal-format.md).
    kode_klasifikasi: str = "560"
    nomor_awal: int = Field(default=1, ge=1)  # the register's first number of a year
    urgensi: str = "Biasa"  # as the register (SRIKANDI) records it; the letter does not print it
    tanggal: dt.date | None = None  # empty: the day the letters are made
    sifat: str = "Penting"
    hal: str = "Kepesertaan Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan"
    batas_hari_kerja: int = Field(default=30, ge=1, le=365)
    penandatangan: Literal["bupati", "sekretaris_daerah"] = "bupati"
    tembusan: list[str] = []

    @field_validator("tanggal")
    @classmethod
    def _plausible_year(cls, tanggal: dt.date | None) -> dt.date | None:
        if tanggal is not None and tanggal.year not in YEARS:
            raise ValueError(f"a letter date must lie between {YEARS[0]} and {YEARS[-1]}; "
                             f"{tanggal.isoformat()} does not")
        return tanggal


class Pengingat(_Strict):
    """The reminder (surat pengingat) to a desa past its letter's deadline (perbup reminders)."""

    # A desa keeps one reminder number per subject and year: a second round of reminders
    # takes new numbers under another subject ("Pengingat Kedua …").
    hal: str = "Pengingat Kepesertaan Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan"
    batas_hari_kerja: int = Field(default=14, ge=1, le=365)


class DasarHukum(_Strict):
    """The regent's instrument the letters cite, and the day it took effect, from which the
    registration deadline counts (perbup/compute/deadline.py)."""

    jenis: str = "Peraturan Bupati"
    nomor: str = "…"
    tahun: int | None = None
    tentang: str = ""
    # A Peraturan Bupati: the day it is promulgated; an Instruksi, a Surat Edaran: the day it is
    # issued. Empty until then: drafts say "…", the letters refuse.
    tanggal: dt.date | None = None

    @field_validator("jenis")
    @classmethod
    def _kind_the_deadline_knows(cls, jenis: str) -> str:
        if peristiwa(jenis) is None:
            kinds = ", ".join(f'"{kind} …"' for kind in PERISTIWA)
            raise ValueError(f'"{jenis}" is not a kind of instrument the registration deadline can '
                             f"count from; write {kinds}")
        return jenis

    @field_validator("tanggal")
    @classmethod
    def _plausible(cls, tanggal: dt.date | None) -> dt.date | None:
        if tanggal is not None and tanggal.year not in YEARS:
            raise ValueError(f"the date must lie between {YEARS[0]} and {YEARS[-1]}")
        return tanggal


class Bpjs(_Strict):
    kantor: str = "BPJS Ketenagakerjaan Kantor Cabang Kupang"
    alamat: str = ""


class Database(_Strict):
    """Where the register and the ledger live (perbup/store/)."""

    # Empty: perbup.db in the workspace (SQLite). A PostgreSQL office database:
    # postgresql://user@host/name (PERBUP_DATABASE_URL, when set, wins).
    url: str = ""
class Jdih(_Strict):
    """The regency's JDIH (legal documentation network) record of a published decree; see
    docs/publish.md for each key of the national feed it fills. Empty: derived, as there."""

    laman: str = ""  # the JDIH's address, before the files' names: https://jdih.example.go.id/files/
    teu_badan: str = ""  # main entry (tajuk entri utama); empty: the regency's name
    lokasi: str = ""  # where the signed original is kept; empty: the regency's Bagian Hukum
    bidang_hukum: str = "Hukum Administrasi Negara"
    subjek: list[str] = ["JAMINAN SOSIAL", "APARAT DESA"]


class Terbit(_Strict):
    """How the documents go out: PDF/A, and the JDIH record of a published decree."""

    pdf_a: bool = False  # every PDF a PDF/A-2b, as if --pdf-a were given
    jdih: Jdih = Jdih()


#: The footer printed under a document signed with a certified electronic signature (`ttd:
#: elektronik`), one numbered note a line; `catatan_elektronik` in perbup.yaml replaces it.
#: 1. UU ITE Pasal 5 ayat (1), quoted from UU 1/2024 Pasal I angka 1, which restates Pasal 5
#:    with ayat (1) unchanged (UU 19/2016 Pasal I angka 2 left Pasal 5 as it was, changing only
#:    its elucidation); cited with the amendments, as an amended act is cited in a Mengingat
#:    (shared/reference/legal-format.md).
#: 2. The BSrE sentence as government documents print it; no regency's own document was found
#:    to read it from: unverified (docs/publish.md, "The footer of an electronic signature").
CATATAN_ELEKTRONIK = (
    "Pasal 5 ayat (1) Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi "
    "Elektronik sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 1 "
    "Tahun 2024: “Informasi Elektronik dan/atau Dokumen Elektronik dan/atau hasil cetaknya "
    "merupakan alat bukti hukum yang sah.”",
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
    "diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara (BSSN).",
)


class Config(_Strict):
    """Everything `perbup.yaml` holds."""

    kabupaten: Kabupaten
    pejabat: PejabatDaerah
    data: DataFiles = DataFiles()
    iuran: Iuran = Iuran()
    surat: Surat = Surat()
    pengingat: Pengingat = Pengingat()
    dasar: DasarHukum = DasarHukum()
    bpjs: Bpjs = Bpjs()
    database: Database = Database()
    terbit: Terbit = Terbit()
    # How the letters and decrees are signed: basah, by hand (a gap for the signature); or
    # elektronik, with a certified electronic signature (room for the QR code or image the
    # signing application stamps, and the footer below the signature block).
    ttd: Literal["basah", "elektronik"] = "basah"
    catatan_elektronik: list[Line] = list(CATATAN_ELEKTRONIK)


def _problem(display: str, raw: Any, error: Any) -> Problem:
    retired = RETIRED.get(tuple(error["loc"])) if error["type"] == "extra_forbidden" else None
    if retired is not None:
        dotted = ".".join(str(p) for p in error["loc"])
        return Problem(display, line_of(raw, tuple(error["loc"])), "error",
                       f"'{dotted}' is no longer a setting: {retired[0]}", retired[1])
    return problem_at(display, raw, error, Config)


def _placeholders(display: str, raw: Any, value: Any, path: tuple[Any, ...],
                  signer: str) -> list[Unfilled]:
    if isinstance(value, dict):
        return [u for k, v in value.items() for u in _placeholders(display, raw, v, (*path, k), signer)]
    if isinstance(value, list):
        return [u for i, v in enumerate(value) for u in _placeholders(display, raw, v, (*path, i), signer)]
    if isinstance(value, str) and placeholders(value):
        dotted = ".".join(str(p) for p in path)
        message = SETTING_MESSAGE.format(setting=dotted, value=value.strip())
        return [Unfilled(display, line_of(raw, path), message, "fill it in before the documents go out",
                         setting_reaches(dotted, signer))]
    return []


def unfilled_settings(config: Config, raw: Any, display: str) -> list[Unfilled]:
    """The settings still to fill in: `[placeholders]`, and the number of the instrument the
    letters cite while it is still dots (the default, until the instrument is enacted)."""
    signer = config.surat.penandatangan
    items = _placeholders(display, raw, raw, (), signer)
    dasar = config.dasar
    if has_dots(dasar.nomor) or not dasar.nomor.strip():
        written = isinstance(raw.get("dasar"), dict) and "nomor" in raw["dasar"]
        items.append(Unfilled(
            display, line_of(raw, ("dasar", "nomor")) if written else None,
            f"'dasar.nomor' is not filled in: the letters would cite \"{dasar.jenis} Nomor "
            f"{dasar.nomor or '…'}\"", "write the number of the instrument once it is enacted",
            setting_reaches("dasar.nomor", signer)))
    if dasar.tanggal is None:
        written = isinstance(raw.get("dasar"), dict) and "tanggal" in raw["dasar"]
        items.append(Unfilled(
            display, line_of(raw, ("dasar", "tanggal" if written else "jenis")) if raw.get("dasar") else None,
            f"'dasar.tanggal' is not filled in: the letters count the registration deadline from the "
            f"day the {dasar.jenis} {peristiwa(dasar.jenis)}",
            "write that day as YYYY-MM-DD once it is known", setting_reaches("dasar.tanggal", signer)))
    return items


def load_config(path: Path, display: str) -> tuple[Config, list[Unfilled], dict[str, int]]:
    """Reads and validates `perbup.yaml`; errors raise DataError. Returned: what is still to
    fill in (a warning on a draft, an error on what goes out: perbup/load/unfilled.py), and the line
    of each setting by its dotted name, for checks made later (perbup/load/ketentuan.py)."""
    raw = load_yaml(path, display)
    if not isinstance(raw, dict):
        raise DataError([Problem(display, None, "error", "must be a mapping of settings",
                                 "start from the example: perbup init NEW_FOLDER")])
    try:
        config = Config.model_validate(raw)
    except ValidationError as exc:
        raise DataError(sorted((_problem(display, raw, e) for e in exc.errors()),
                               key=lambda p: p.row or 0)) from None
    unfilled = unfilled_settings(config, raw, display)
    from perbup.load.pictures import SETTINGS, check_images  # Pillow only when a workspace is loaded

    named = {setting: getattr(config.kabupaten, setting) for setting in SETTINGS.values()}
    images = check_images(named, path.parent, raw, display)
    if images:
        raise DataError([*images, *warnings(unfilled)])
    return config, unfilled, setting_lines(raw)
