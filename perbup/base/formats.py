"""How amounts, numbers and dates are written in Indonesian documents."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from lokal import terbilang as _terbilang


def angka(number: int) -> str:
    """`17.334.408`: a whole number with dots between thousands."""
    return f"{number:,}".replace(",", ".")


# Money is written in one of four forms, each for one place (docs/decree.md, "Money"); every
# document takes its amounts from here, so the decree, the Instruksi, the Surat Edaran, the
# letters and the report never write the same amount two ways.


def rupiah(amount: int) -> str:
    """`Rp17.334.408,00`: an amount in a document's text, as the acts write it (PP 44/2015 Pasal 25
    ayat (3): "Rp12.000.000,00"): the symbol with no space and no full stop, dots between
    thousands, and the two zero decimals of whole rupiah (EYD, the writing of currency)."""
    return f"Rp{angka(amount)},00"


def rupiah_kata(amount: int) -> str:
    """`Rp17.334.408,00 (tujuh belas juta ... rupiah)`: an amount a reader must act on, in figures
    followed by its words in brackets. UU 12/2011 Lampiran II wants every number in a pasal or
    ayat written so ("Penulisan bilangan dalam pasal atau ayat selain menggunakan angka Arab
    diikuti dengan kata atau frasa yang ditulis diantara tanda baca kurung")."""
    return f"{rupiah(amount)} ({rupiah_terbilang(amount)})"


def rupiah_tabel(amount: int) -> str:
    """`17.334.408`: an amount in a table column whose heading says "(Rp)", digits only, so a
    column lines up and a cell never breaks between the symbol and the number."""
    return angka(amount)


def rupiah_pesan(amount: int) -> str:
    """`Rp 17.334.408`: an amount in a message on the terminal (not a document)."""
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
    """An amount in words: 13104 → "tiga belas ribu seratus empat rupiah"."""
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
