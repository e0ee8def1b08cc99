"""Parsers for the cell values people type: dates, rupiah amounts, yes/no, L/P.

Each returns the value or raises `ValueError` whose text is the message a clerk reads.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

#: The years a document's date may carry: the Republic's to far enough ahead for any plan.
YEARS = range(1945, 2201)
#: The largest monthly amount perbup accepts (Rp 1 miliar): far above any siltap, and small
#: enough that a regency's yearly total can still be written out in words.
MAX_RUPIAH = 1_000_000_000

# Spreadsheet serial dates count days from 1899-12-30 (the Lotus 1-2-3 leap-year quirk included).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")
_MONTHS = {name: i for i, names in enumerate(
    [("jan", "januari", "january"), ("feb", "februari", "pebruari", "february"),
     ("mar", "maret", "march"), ("apr", "april"), ("mei", "may"), ("jun", "juni", "june"),
     ("jul", "juli", "july"), ("agu", "agt", "ags", "aug", "agustus", "august"),
     ("sep", "sept", "september"), ("okt", "oct", "oktober", "october"),
     ("nov", "nopember", "november"), ("des", "dec", "desember", "december")], start=1)
    for name in names}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")

_YES = {"ya", "y", "yes", "sudah", "terdaftar", "sudah terdaftar", "aktif", "1", "true", "v", "✓"}
_NO = {"tidak", "t", "tdk", "no", "n", "belum", "belum terdaftar", "tidak terdaftar", "tidak aktif",
       "non aktif", "nonaktif", "0", "false", "-"}
_GENDER = {"l": "L", "lk": "L", "laki laki": "L", "laki": "L", "pria": "L", "m": "L",
           "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "f": "P", "w": "P"}


def parse_date(value: object) -> dt.date:
    """dd/mm/yyyy, ISO, "12 Maret 1985", a date cell, or a spreadsheet serial number."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Only five-digit serials (1927 to 2173): a bare year such as 1985 is not a date.
        if 10_000 <= value < 100_000 and float(value).is_integer():
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(f'date "{value}" is not a date; write it as dd/mm/yyyy')
    text = str(value).strip()
    if text.isascii() and text.isdigit() and len(text) == 5:
        return _EXCEL_EPOCH + dt.timedelta(days=int(text))
    for pattern, order in ((_DMY, (3, 2, 1)), (_YMD, (1, 2, 3))):
        match = pattern.match(text)
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise ValueError(f'impossible date "{text}"') from None
    match = _DAY_MONTH_YEAR.match(text.lower())
    if match and match.group(2) in _MONTHS:
        try:
            return dt.date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
        except ValueError:
            raise ValueError(f'impossible date "{text}"') from None
    raise ValueError(f'"{text}" is not a date; write it as dd/mm/yyyy')


def parse_rupiah(value: object) -> int:
    """A whole-rupiah amount: 2426640, "2.426.640", "Rp 2.426.640,00", "2,426,640"."""
    if isinstance(value, bool):
        raise ValueError(f'"{value}" is not an amount in rupiah')
    if isinstance(value, float) and not math.isfinite(value):  # a formula's #NUM! result
        raise ValueError(f'"{value}" is not an amount in rupiah; write it like 2426640')
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f'amount {value} has a fraction of a rupiah')
    if isinstance(value, (int, float)):
        amount = int(value)
    else:
        text = re.sub(r"(?i)^rp\.?\s*", "", str(value).strip()).replace(" ", "")
        text = re.sub(r",00$|\.00$|,-$", "", text)
        # ASCII digits only: int() also takes Arabic-Indic digits, a str.isdigit() superscript not
        if not re.fullmatch(r"\d{1,3}([.,]\d{3})+|\d+", text, re.ASCII):
            raise ValueError(f'"{value}" is not an amount in rupiah; write it like 2426640')
        amount = int(re.sub(r"[.,]", "", text))
    if amount > MAX_RUPIAH:
        raise ValueError(f'amount "{value}" is more than Rp 1.000.000.000 a month; '
                         "check the number of digits")
    return amount


def parse_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f'"{value}" is not yes or no; write Ya or Tidak')


def parse_gender(value: object) -> str:
    text = re.sub(r"[\s\-_./]+", " ", str(value).lower()).strip()
    if text in _GENDER:
        return _GENDER[text]
    raise ValueError(f'"{value}" is not a sex; write L or P')


# Bidirectional controls reorder the text after them on screen and on paper: one U+202E makes a
# name in an official letter display reversed ("Trojan Source", CVE-2021-42574).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def strip_invisible(text: str) -> str:
    """`text` without the invisible format characters pasting brings along (U+200B, U+200D,
    U+FEFF, a soft hyphen); bidirectional controls stay, to be refused."""
    if text.isascii():
        return text
    return "".join(c for c in text if c in _BIDI or unicodedata.category(c) != "Cf")


def refused_character(text: str) -> str | None:
    """What in a cell's text cannot go into a document, or None: a bidirectional control, or a
    control character other than tab and line breaks (which the field's own check judges)."""
    if text.isascii() and text.isprintable():
        return None
    for char in text:
        if char in _BIDI:
            return (f"a text-direction control character (U+{ord(char):04X}), which can make "
                    "it display reversed")
        if char not in "\t\n\r" and control_character(char):
            kind = "control" if unicodedata.category(char) == "Cc" else "private-use or unassigned"
            return f"a {kind} character (U+{ord(char):04X})"
    return None


def control_character(text: str) -> str | None:
    """The first control or unassigned character in a name (as U+XXXX), or None."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") or char in "\ufffe\uffff":
            return f"U+{ord(char):04X}"
    return None
