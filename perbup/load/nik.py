"""NIK (Nomor Induk Kependudukan) checks with messages a clerk can act on.

The structure (region, birth date with +40 for women, serial) is checked by `lokal.parse_nik`;
this module turns its findings, and the ways spreadsheets mangle a NIK, into messages.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from lokal import parse_nik

_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?e\+?\d+$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s.\-]")
SPREADSHEET_HINT = "format the column as Text and type the NIK again"


# Birth dates repeat across a big list: one date object per day, not per person.
_date = functools.lru_cache(maxsize=65536)(dt.date.fromisoformat)


@dataclass(frozen=True, slots=True)
class Nik:
    """A NIK that passed the structure checks, with what it encodes.

    A validated record keeps only the `digits` (a national list holds a million of them); the
    birth date and sex serve the checks made while its row is read.
    """

    digits: str
    birth_date: dt.date
    gender: str  # "L" or "P"


def kecamatan(digits: str) -> str:
    """The kecamatan code of issuance of a NIK's digits, dotted: "53.01.04"."""
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"


def masked(digits: str) -> str:
    """First 6 and last 4 digits shown, the rest as "x" (for letters that leave the village)."""
    return digits[:6] + "x" * 6 + digits[12:]


class NikError(ValueError):
    """The NIK is unusable; the text is the message, `hint` what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def parse(value: object, *, today: dt.date) -> Nik:
    """Checks one NIK cell; raises NikError with the message to report."""
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        shown = f"{value:.0f}" if isinstance(value, float) else str(value)
        raise NikError(f"NIK {shown} is stored as a number, and a spreadsheet keeps only 15 "
                       "digits of a number, so its last digit may be lost", SPREADSHEET_HINT)
    # A leading apostrophe is how Excel users force a cell to text; it is not part of the NIK.
    text = str(value).strip().lstrip("'\u2019")
    if _SCIENTIFIC.match(text):
        raise NikError(f'NIK "{text}" was turned into a number by a spreadsheet', SPREADSHEET_HINT)
    digits = _SEPARATORS.sub("", text)
    if not (digits.isascii() and digits.isdigit()):  # "²" and "٣" pass isdigit()
        raise NikError(f'NIK "{text}" must be 16 digits; it contains other characters')
    if len(digits) != 16:
        raise NikError(f'NIK "{text}" has {len(digits)} digits; a NIK has 16')
    info = parse_nik(digits, reference_date=today)
    codes = {issue.code for issue in info.errors}
    if "province" in codes:
        raise NikError(f'NIK {digits} starts with "{digits[:2]}", which is not a province code')
    if "wilayah" in codes:
        raise NikError(f"NIK {digits} has a regency or kecamatan code 00")
    if "birth_date" in codes:
        raise NikError(f'NIK {digits} holds an impossible birth date ("{digits[6:12]}" in digits '
                       "7-12: day, month, year, with 40 added to the day for women)")
    if "serial" in codes:
        raise NikError(f"NIK {digits} has the serial number 0000, which is never issued")
    assert info.birth_date and info.gender
    return Nik(digits, _date(info.birth_date), info.gender)
