"""The workspace settings (`perbup.yaml`): typed, strict, every mistake reported at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from perbup.errors import DataError
from perbup.problems import Problem
from perbup.unfilled import SETTING_MESSAGE, Unfilled, has_dots, placeholders, setting_reaches, warnings
from perbup.values import MAX_RUPIAH, YEARS
from perbup.yamlfile import line_of, load_yaml, problem_at

CONFIG_NAME = "perbup.yaml"

Program = Literal["jkk", "jkm", "jht", "jp"]
#: pu: wage earners (Penerima Upah), the village government as employer; bpu: self-employed
#: (Bukan Penerima Upah), registered on a declared income (shared/reference/bpjs.md).
Skema = Literal["pu", "bpu"]
# Bounds on what a person types, so a slip (a rate of 1e999999, a year 9999) is a message at
# its line instead of an overflow deep in the arithmetic or the calendar.
Percent = Annotated[Decimal, Field(ge=0, le=100)]
Rupiah = Annotated[int, Field(ge=0, le=MAX_RUPIAH)]


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


class Tarif(_Strict):
    """Contribution rates in percent of the monthly wage, for wage earners (Penerima Upah)."""

    jkk: Percent = Decimal("0.24")  # PP 44/2015 Ps 16(1), lowest risk class; PP 82/2019
    jkm: Percent = Decimal("0.30")  # PP 44/2015 Ps 18(1)
    jht: Percent = Decimal("5.7")  # PP 46/2015 Ps 16(1): 3.7 employer + 2 worker
    jp: Percent = Decimal("3")  # PP 45/2015 Ps 28(3): 2 employer + 1 worker


# JP wage cap per year, applied from the March contribution month (PP 45/2015 Ps 29);
# 2021 is derived from the rule and unverified (shared/reference/bpjs.md; docs/workspace.md).
_JP_CAP = {2020: 8_939_700, 2021: 8_754_600, 2022: 9_077_600, 2023: 9_559_600,
           2024: 10_042_300, 2025: 10_547_400, 2026: 11_086_300}


class SiltapMinimum(_Strict):
    """Statutory fixed income per month; the base when data has none.

    PP 16/2026 Ps 90(2) (before it, PP 11/2019 Ps 81(2)): 120 %, 110 % and 100 % of a grade II/a
    civil servant's base pay at 0 years; the amounts are those of the reference (base pay
    Rp 2,022,200), to be checked against the base pay in force (docs/workspace.md).
    """

    kepala_desa: Rupiah = 2_426_640  # 120 % of civil-servant grade II/a base pay
    sekretaris_desa: Rupiah = 2_224_420  # 110 %
    perangkat: Rupiah = 2_022_200  # 100 %


class Bpu(_Strict):
    """Contributions of self-employed participants (Bukan Penerima Upah), when a regency chooses them.

    JKK is 1 % of a declared income band's nominal, from Rp 10,000 to Rp 207,000 a month, so from
    Rp 1,000,000 to Rp 20,700,000 declared; JKM is Rp 6,800 a month, flat; JHT optionally 2 %
    (PP 44/2015 Lampiran II; shared/reference/bpjs.md). The bands between those ends are
    unverified, so perbup registers everyone on one declared income, which must be a band's
    nominal: the lowest, Rp 1,000,000, gives the cheapest package, JKK + JKM = Rp 16,800.
    """

    penghasilan: int = Field(default=1_000_000, ge=1_000_000, le=20_700_000)
    jkk: Percent = Decimal("1")  # percent of the declared income
    jkm: Rupiah = 6_800  # rupiah a month
    jht: Percent = Decimal("2")  # percent of the declared income


class Iuran(_Strict):
    """Which programmes the villages pay for, and at what rates."""

    skema: Skema = "pu"
    program: list[Program] = ["jkk", "jkm"]
    tarif: Tarif = Tarif()
    bpu: Bpu = Bpu()
    jp_batas_upah: dict[int, Rupiah] = dict(_JP_CAP)
    siltap_minimum: SiltapMinimum = SiltapMinimum()

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


class DasarHukum(_Strict):
    """The regent's instrument the letters cite."""

    jenis: str = "Peraturan Bupati"
    nomor: str = "…"
    tahun: int | None = None
    tentang: str = ""


class Bpjs(_Strict):
    kantor: str = "BPJS Ketenagakerjaan Kantor Cabang Kupang"
    alamat: str = ""


class Database(_Strict):
    """Where the register and the ledger live (perbup/store/)."""

    # Empty: perbup.db in the workspace (SQLite). A PostgreSQL office database:
    # postgresql://user@host/name (PERBUP_DATABASE_URL, when set, wins).
    url: str = ""


class Config(_Strict):
    """Everything `perbup.yaml` holds."""

    kabupaten: Kabupaten
    pejabat: PejabatDaerah
    data: DataFiles = DataFiles()
    iuran: Iuran = Iuran()
    surat: Surat = Surat()
    dasar: DasarHukum = DasarHukum()
    bpjs: Bpjs = Bpjs()
    database: Database = Database()


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
    return items


def load_config(path: Path, display: str) -> tuple[Config, list[Unfilled]]:
    """Reads and validates `perbup.yaml`; errors raise DataError, what is still to fill in is
    returned (a warning on a draft, an error on what goes out: perbup/unfilled.py)."""
    raw = load_yaml(path, display)
    if not isinstance(raw, dict):
        raise DataError([Problem(display, None, "error", "must be a mapping of settings",
                                 "start from the example: perbup init NEW_FOLDER")])
    try:
        config = Config.model_validate(raw)
    except ValidationError as exc:
        raise DataError([problem_at(display, raw, e, Config) for e in exc.errors()]) from None
    unfilled = unfilled_settings(config, raw, display)
    from perbup.pictures import check_images  # Pillow only when a workspace is loaded

    images = check_images(config, path.parent, raw, display)
    if images:
        raise DataError([*images, *warnings(unfilled)])
    return config, unfilled
