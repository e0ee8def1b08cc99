"""How amounts, numbers and dates are written in Indonesian documents."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from lokal import terbilang as _terbilang


def angka(number: int) -> str:
    """`17.334.408`: a whole number with dots between thousands."""
    return f"{number:,}".replace(",", ".")


def rupiah(amount: int) -> str:
    """`Rp 1.234.567`: whole rupiah, dots between thousands."""
    return f"Rp {angka(amount)}"


def satu_desimal(value: float) -> Decimal:
    """A measured value rounded half-up to one decimal, as a clerk would: 1.25 → 1.3."""
    return Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def persen_hasil(value: float) -> str:
    """`1,3%`: a share in percent, one decimal rounded half-up, decimal comma."""
    return f"{satu_desimal(value)}".replace(".", ",") + "%"


def terbilang(number: int) -> str:
    """A whole number in Indonesian words: 1611792 → "satu juta enam ratus sebelas ribu ..."."""
    return _terbilang(number)


def rupiah_terbilang(amount: int) -> str:
    return f"{terbilang(amount)} rupiah"


def angka_terbilang(number: int) -> str:
    """A quantity in figures followed by words, as legal drafting wants: "14 (empat belas)",
    "1.559 (seribu lima ratus lima puluh sembilan)"."""
    return f"{angka(number)} ({terbilang(number)})"


def tanggal(date: dt.date) -> str:
    """`30 Juni 2021`: day, Indonesian month name, year."""
    return format_date(date, "d MMMM y", locale="id")


def persen(rate: Decimal) -> str:
    """`0,24%`: a rate in percent with a decimal comma."""
    # Regulations write rates below one percent with two decimals (0,24%; 0,30%).
    text = format(rate.quantize(Decimal("0.01")) if rate < 1 else rate.normalize(), "f")
    return text.replace(".", ",") + "%"
