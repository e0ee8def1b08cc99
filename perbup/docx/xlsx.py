"""Workbooks perbup writes: no cell a spreadsheet would run as a formula, byte-identical saves."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from perbup.base.zips import EPOCH, Stamp, ZipWriter

# What a spreadsheet reads as the start of a formula (a DDE payload or a HYPERLINK that sends
# the NIK beside it away); the tab and carriage return are OWASP's CSV-injection prefixes.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(book: Workbook) -> None:
    """Every cell that would start a formula is written as text, and stays text when edited.

    openpyxl turns a string starting with "=" into a live formula; the other prefixes become
    one when someone edits the cell. perbup writes no formulas, so names, KPJ numbers and region
    names from the data are all refused as formulas: quotePrefix is Excel's own mark for "typed
    with a leading apostrophe", so the value shows as it is and re-editing keeps it text.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def save(book: Workbook, *, creator: str, title: str, date: dt.date) -> bytes:
    """The workbook's bytes, stamped with `date` (openpyxl stamps the time of saving; a fixed
    date keeps equal workbooks byte-identical) and made by `creator`, never a person."""
    as_text(book)
    stamp = dt.datetime.combine(date, dt.time())
    props = book.properties
    props.creator = props.lastModifiedBy = creator
    props.title = title
    props.created = props.modified = stamp
    buffer = io.BytesIO()
    # ExcelWriter, not save_workbook, which would set `modified` to now.
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return rezip(buffer.getvalue(), date_time=(date.year, date.month, date.day, 0, 0, 0))


def rezip(data: bytes, replace: Mapping[str, bytes] | None = None,
          date_time: tuple[int, int, int, int, int, int] = EPOCH) -> bytes:
    """The same zip with some members' bytes replaced, written again by base/zips.py: each
    member at `date_time`, compressed as it was."""
    replace = replace or {}
    # Made on MS-DOS, with rw------- in the attributes: what these files have always said.
    writer = ZipWriter(Stamp(date_time, mode=0o600))
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        for info in src.infolist():
            content = replace.get(info.filename) or src.read(info)
            if info.compress_type == zipfile.ZIP_STORED:
                writer.store(info.filename, content)
            else:
                writer.add(info.filename, content, 6)  # zlib's default
    return writer.finish()
