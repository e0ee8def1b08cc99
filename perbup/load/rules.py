"""The legal facts perbup computes with: a dated table with a source for every row (rules.yaml).

Each row says from when (`berlaku`) and, where it ends without a successor, until when
(`sampai`) it holds, and which act and article set it. For any date, the row in force is the one
with the latest `berlaku` on or before it, unless its `sampai` has passed: a change of law is a
new row, never a code change.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from perbup.base.errors import DataError
from perbup.base.problems import Problem
from perbup.load.yamlfile import line_of, load_yaml, problem_at

#: The bundled table, shipped inside the package.
RULES_FILE = Path(__file__).resolve().parent / "rules.yaml"

Program = Literal["jkk", "jkm", "jht", "jp"]
Skema = Literal["pu", "bpu"]
Golongan = Literal["kepala_desa", "sekretaris_desa", "perangkat"]
#: The five risk classes of the work environment (PP 44/2015 Pasal 16 ayat (1)).
KelasRisiko = Literal["sangat_rendah", "rendah", "sedang", "tinggi", "sangat_tinggi"]
Percent = Annotated[Decimal, Field(ge=0, le=100)]
Rupiah = Annotated[int, Field(ge=0, le=1_000_000_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Sourced(_Strict):
    """What every row carries: its source, and whether it was read from the act's own text."""

    unverified: bool = False
    catatan: str = ""  # a note; why, when the row is unverified

    @model_validator(mode="after")
    def _says_why(self) -> _Sourced:
        if self.unverified and not self.catatan.strip():
            raise ValueError("an unverified row needs a 'catatan' saying why")
        return self


class Peraturan(_Sourced):
    """An act perbup cites: `id` is the short name rows use ("PP 16/2026")."""

    id: str = Field(pattern=r"^(UU|Perppu|PP|Perpres|Permendagri|Permenaker) \d+/\d{4}$")
    jenis: str  # "Peraturan Pemerintah"
    nomor: int
    tahun: int
    tentang: str
    lembaran: str = ""  # its gazette numbers, where read
    berlaku: dt.date  # its first day in force

    @property
    def judul(self) -> str:
        """"Peraturan Pemerintah Nomor 16 Tahun 2026"."""
        return f"{self.jenis} Nomor {self.nomor} Tahun {self.tahun}"


class Row(_Sourced):
    """A fact in force from `berlaku` (until `sampai`, its last day, where it ends without a
    successor), set by `pasal` of the act `peraturan`."""

    peraturan: str
    pasal: str
    berlaku: dt.date
    sampai: dt.date | None = None

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> Row:
        if self.sampai is not None and self.sampai < self.berlaku:
            raise ValueError(f"'sampai' ({self.sampai}) is before 'berlaku' ({self.berlaku})")
        return self

    def key(self) -> tuple[object, ...]:
        """What the row is a version of: rows with the same key replace each other over time."""
        return ()


class Pencabutan(Row):
    """`dicabut` is no longer in force from `berlaku`: `pasal` of `peraturan` revoked it."""

    dicabut: str

    def key(self) -> tuple[object, ...]:
        return (self.dicabut,)


class TarifPu(Row):
    """A wage earner's rate, percent of the monthly wage, split between employer and worker."""

    program: Program
    kelas_risiko: KelasRisiko | None = None  # JKK only
    pemberi_kerja: Percent
    pekerja: Percent = Decimal(0)

    @model_validator(mode="after")
    def _risk_class_for_jkk(self) -> TarifPu:
        if (self.program == "jkk") != (self.kelas_risiko is not None):
            raise ValueError("a JKK rate names its 'kelas_risiko', and only a JKK rate does")
        return self

    @property
    def persen(self) -> Decimal:
        return self.pemberi_kerja + self.pekerja

    def key(self) -> tuple[object, ...]:
        return (self.program, self.kelas_risiko)


class TarifBpu(Row):
    """A self-employed participant's rate: percent of the declared income, or rupiah a month."""

    program: Literal["jkk", "jkm", "jht"]
    persen: Percent | None = None
    rupiah: Rupiah | None = None

    @model_validator(mode="after")
    def _one_measure(self) -> TarifBpu:
        if (self.persen is None) == (self.rupiah is None):
            raise ValueError("give either 'persen' or 'rupiah'")
        return self

    def key(self) -> tuple[object, ...]:
        return (self.program,)


class BatasUpahJp(Row):
    """The highest monthly wage JP is computed on."""

    rupiah: Rupiah


class GajiPokok(Row):
    """The base pay of a civil servant of grade II/a at 0 years of service."""

    rupiah: Rupiah


class SiltapMinimum(Row):
    """The least siltap a month for a position: a share of the base pay in force, or an amount
    the act fixes; `kecuali` is the article under which the regent may set less."""

    golongan: Golongan
    persen: Annotated[Decimal, Field(gt=0, le=1000)] | None = None  # of the base pay: 120
    rupiah: Rupiah | None = None
    kecuali: str = ""

    @model_validator(mode="after")
    def _one_measure(self) -> SiltapMinimum:
        if (self.persen is None) == (self.rupiah is None):
            raise ValueError("give either 'persen' (of the base pay) or 'rupiah'")
        return self

    def key(self) -> tuple[object, ...]:
        return (self.golongan,)


class SiltapPeralihan(Row):
    """Siltap a regent set before `ditetapkan_sebelum` stays in force until `sampai`."""

    ditetapkan_sebelum: dt.date


class JatuhTempo(Row):
    """The day a month's contributions fall due: `tanggal` of the next month or of the same."""

    skema: Skema
    tanggal: int = Field(ge=1, le=28)
    bulan: Literal["berikutnya", "berjalan"]

    def key(self) -> tuple[object, ...]:
        return (self.skema,)


R = TypeVar("R", bound=Row)

#: The tables of rows, in the order rules.yaml and docs/rules.md give them.
TABLES = ("pencabutan", "tarif_pu", "tarif_bpu", "jp_batas_upah", "gaji_pokok", "siltap_minimum",
          "siltap_peralihan", "jatuh_tempo")


@dataclass(frozen=True)
class Dicabut:
    """A revoked act: which, by which act, since when, and the article that says so."""

    act: str  # "PP 11/2019"
    by: str  # "PP 16/2026"
    since: dt.date
    source: str  # "PP 16/2026 Pasal 187"


class Rules(_Strict):
    """The whole table."""

    peraturan: list[Peraturan]
    pencabutan: list[Pencabutan] = []
    tarif_pu: list[TarifPu]
    tarif_bpu: list[TarifBpu]
    jp_batas_upah: list[BatasUpahJp]
    gaji_pokok: list[GajiPokok]
    siltap_minimum: list[SiltapMinimum]
    siltap_peralihan: list[SiltapPeralihan] = []
    jatuh_tempo: list[JatuhTempo]

    def act(self, act_id: str) -> Peraturan:
        """The act with short name `act_id` ("PP 44/2015"); KeyError if the table has none."""
        for act in self.peraturan:
            if act.id == act_id:
                return act
        raise KeyError(act_id)

    def revoked(self, on: dt.date | None = None) -> list[Dicabut]:
        """The acts revoked (by `on`, if given), each with the act that revoked it and its article."""
        return [Dicabut(row.dicabut, row.peraturan, row.berlaku, f"{row.peraturan} {row.pasal}")
                for row in self.pencabutan if on is None or row.berlaku <= on]

    def rows(self) -> Iterable[tuple[str, int, Row]]:
        """Every row with its table's name and its place in it."""
        for table in TABLES:
            rows: Sequence[Row] = getattr(self, table)
            for index, row in enumerate(rows):
                yield table, index, row


def in_force(rows: Iterable[R], date: dt.date, **match: object) -> R | None:
    """Of the rows whose fields equal `match` (program="jkk"), the one in force on `date`, or None."""
    latest: R | None = None
    for row in rows:
        if (row.berlaku <= date and (latest is None or row.berlaku > latest.berlaku)
                and all(getattr(row, name) == value for name, value in match.items())):
            latest = row
    if latest is not None and latest.sampai is not None and latest.sampai < date:
        return None
    return latest


def _consistency(rules: Rules, raw: Any, display: str) -> list[Problem]:
    """What a row-by-row model cannot see: citations of acts the table lacks, and two rows of
    the same fact from the same day (which would make the row in force ambiguous)."""
    problems: list[Problem] = []
    ids = {act.id for act in rules.peraturan}
    seen_ids: set[str] = set()
    for index, act in enumerate(rules.peraturan):
        if act.id in seen_ids:
            problems.append(Problem(display, line_of(raw, ("peraturan", index)), "error",
                                    f"act '{act.id}' is listed twice"))
        seen_ids.add(act.id)
    first: dict[tuple[object, ...], int] = {}
    for table, index, row in rules.rows():
        where = line_of(raw, (table, index))
        cited = [row.peraturan, *([row.dicabut] if isinstance(row, Pencabutan) else [])]
        for act_id in cited:
            if act_id not in ids:
                problems.append(Problem(display, where, "error",
                                        f"'{table}' row cites '{act_id}', which 'peraturan' does not list",
                                        "add the act to 'peraturan' with its name and date"))
        key = (table, *row.key(), row.berlaku)
        if key in first:
            problems.append(Problem(display, where, "error",
                                    f"two '{table}' rows of the same fact take effect on {row.berlaku}",
                                    f"the other is at line {first[key]}; keep one"))
        else:
            first[key] = where or 0
    return problems


def load_rules(path: Path = RULES_FILE, display: str | None = None) -> Rules:
    """Reads and validates a table of legal facts; every mistake is a DataError at its line."""
    shown = display or path.name
    raw = load_yaml(path, shown)
    if not isinstance(raw, dict):
        raise DataError([Problem(shown, None, "error", "must be a mapping of tables")])
    try:
        rules = Rules.model_validate(raw)
    except ValidationError as exc:
        raise DataError([problem_at(shown, raw, e, Rules) for e in exc.errors()]) from None
    problems = _consistency(rules, raw, shown)
    if problems:
        raise DataError(problems)
    return rules


@functools.cache
def bundled_rules() -> Rules:
    """The table shipped with perbup, read once."""
    return load_rules()
