"""Expected figures of the seed documents, computed here from the rows of the rules table and the
seed apparatus list, the way the law and the reference describe the sum, never by perbup's own
code: what the letters, the decree and the report print is checked against these."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "perbup" / "load" / "rules.yaml"
APARAT = ROOT / "seeds" / "data" / "aparat.csv"
SEED_DATE = dt.date(2026, 12, 1)  # surat.tanggal of the seeds


def half_up(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _latest(rows: list[dict[str, object]], date: dt.date, **match: object) -> dict[str, object]:
    """The row in force on `date`: the latest `berlaku` on or before it, not past its `sampai`."""
    found = [r for r in rows if all(r.get(k) == v for k, v in match.items())
             and r["berlaku"] <= date]  # type: ignore[operator]
    row = max(found, key=lambda r: r["berlaku"])  # type: ignore[arg-type, return-value]
    assert row.get("sampai") is None or row["sampai"] >= date  # type: ignore[operator]
    return row


@functools.cache
def table() -> dict[str, list[dict[str, object]]]:
    return yaml.safe_load(RULES.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def minimum(golongan: str, date: dt.date = SEED_DATE) -> int:
    """The minimum siltap of a position on `date`, from the table's rows."""
    row = _latest(table()["siltap_minimum"], date, golongan=golongan)
    if row.get("rupiah") is not None:
        return int(row["rupiah"])  # type: ignore[call-overload]
    pay = _latest(table()["gaji_pokok"], date)
    return half_up(Decimal(str(row["persen"])) * int(pay["rupiah"]) / 100)  # type: ignore[call-overload]


def rate(program: str, date: dt.date = SEED_DATE) -> tuple[Decimal, Decimal]:
    """(employer, worker) percent of a wage earner's programme on `date`, the lowest risk class."""
    match = {"program": program, **({"kelas_risiko": "sangat_rendah"} if program == "jkk" else {})}
    row = _latest(table()["tarif_pu"], date, **match)
    return Decimal(str(row["pemberi_kerja"])), Decimal(str(row.get("pekerja", 0)))


@dataclass(frozen=True)
class Totals:
    per_program: tuple[int, ...]  # employer's shares, per programme, a month
    pekerja: tuple[int, ...]

    @property
    def bulanan(self) -> int:
        return sum(self.per_program)

    @property
    def tahunan(self) -> int:
        return 12 * self.bulanan


def _golongan(jabatan: str) -> str:
    return {"Kepala Desa": "kepala_desa", "Sekretaris Desa": "sekretaris_desa"}.get(jabatan, "perangkat")


@functools.cache
def seed_totals(programs: tuple[str, ...] = ("jkk", "jkm"), date: dt.date = SEED_DATE,
                kecamatan: str | None = None, desa: tuple[str, ...] = ()) -> Totals:
    """What the seed desa (of one kecamatan, or those with codes `desa`) budget together a
    month for the aparat not yet enrolled."""
    employer = [0] * len(programs)
    worker = [0] * len(programs)
    with APARAT.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row["Terdaftar"].strip().lower() == "ya" or kecamatan not in (None, row["Kecamatan"])
                    or (desa and row["Kode Desa"] not in desa)):
                continue
            base = int(row["Siltap"]) if row["Siltap"].strip() else minimum(_golongan(row["Jabatan"]), date)
            for i, program in enumerate(programs):
                pk, pw = rate(program, date)
                employer[i] += half_up(base * pk / 100)
                worker[i] += half_up(base * pw / 100)
    return Totals(tuple(employer), tuple(worker))


def angka(number: int) -> str:
    return f"{number:,}".replace(",", ".")
