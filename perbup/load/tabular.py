"""Reads a table (CSV or .xlsx) the way people really send it: sniffed, forgiving, row-numbered."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import warnings
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from perbup.base.problems import Problem
from perbup.base.values import refused_character, strip_invisible
from perbup.docx.package import MAX_RATIO, MAX_TOTAL_SIZE, RATIO_CHECK_FROM

CellValue: TypeAlias = str | int | float | datetime.date | None
Records: TypeAlias = Iterator[tuple[int, list[object]]]

HEADER_SEARCH_ROWS = 30
DELIMITERS = {",": "','", ";": "';'", "\t": "tab", "|": "'|'"}
XLSX_HINT = "open it in Excel or LibreOffice and save as .xlsx"
TEXT_HINT = "export it from Excel as 'CSV UTF-8 (Comma delimited)' or save it as .xlsx"
_SEPARATORS = re.compile(r"[./_\-():\s\ufeff]+")
# csv refuses cells over 128 KiB by default; a pasted note can be longer. 2**31 - 1 is the
# largest value the C long behind the limit takes on every platform (Windows included).
_FIELD_LIMIT = 2**31 - 1
# Zip-bomb limits for workbooks, those of templates (docxzip.py): a part openpyxl loads whole
# (shared strings, styles) stays under MAX_TOTAL_SIZE; worksheets are streamed row by row, so
# together they may be larger, enough for a national list (a million rows is ~300 MB unpacked).
MAX_SHEETS_SIZE = 1024 * 1024 * 1024
# No value perbup reads (a name, a NIK, a position, a place) comes near this; a longer cell is a
# paste gone wrong, and would only fail later, inside a document.
MAX_CELL = 1000
PASTED_HINT = "retype it; it was probably pasted from another program"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
# Enough of a file to tell a workbook, an old .xls, UTF-16 or a binary file from a CSV.
_HEAD = 8192
_PIECE = 1 << 16  # a CSV is read in pieces this size, never whole
_FILLED = re.compile(r'[^\s,;|"\0]')  # a character that makes a CSV more than empty
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


class _EachFailed(Exception):
    """What the caller's `each` raised, carried past the net for damaged workbooks."""


class Formula:
    """A formula cell whose workbook holds no saved result (written by a program, not Excel)."""

    def __init__(self, text: object) -> None:
        self.text = str(getattr(text, "text", text))  # openpyxl's ArrayFormula keeps it in .text

    def __str__(self) -> str:
        return self.text


@dataclass(slots=True)
class Row:
    """One data row: the line or sheet row a person sees, and its recognised cells."""

    line: int
    values: dict[str, CellValue]


@dataclass
class Table:
    """A table read from one file, with what was detected about it."""

    display: str
    format: str
    header_line: int
    columns: dict[str, str]
    ignored: list[str]
    rows: list[Row]


_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def normalize_header(text: str) -> str:
    """Header text reduced so that "Tgl. Lahir", "tgl_lahir" and "TGL LAHIR" compare equal.

    A note in brackets is dropped, as in "Siltap (Rp)" or "Tanggal Lahir (dd/mm/yyyy)"; a header
    that is only such a note, like "(L/P)", keeps its text.
    """
    bare = _NOTE.sub(" ", text)
    return _SEPARATORS.sub(" ", (bare if bare.strip() else text).lower()).strip()


def read_table(path: Path, aliases: Mapping[str, Sequence[str]], *, required: Sequence[str] = (),
               display: str | None = None, each: Callable[[Row], None] | None = None,
               ) -> tuple[Table | None, list[Problem]]:
    """Read a CSV or .xlsx file; every problem is returned, nothing is raised for bad content.

    With `each`, every data row is handed to it as soon as it is read and the table's `rows`
    stay empty: a list of a million rows is then validated without being held in memory.
    """
    reader = _Reader(display or str(path), aliases, required, each)
    path, suffix = Path(path), Path(path).suffix.lower()
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
        # A CSV is read from the file piece by piece, so a national list is never held whole,
        # as bytes or as text, while its rows are validated. Anything else is read whole.
        binary = head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or suffix in (".xlsx", ".xlsm")
        streamed = None if binary else _scan(path, head)
        if streamed is None or streamed[1].nul:
            return reader.read(path.read_bytes(), suffix), reader.problems
        return reader.read_text(path, head, *streamed), reader.problems
    except OSError as exc:
        reader.error(None, f"cannot be read ({exc.strerror or exc})")
        return None, reader.problems


class _Reader:
    def __init__(self, display: str, aliases: Mapping[str, Sequence[str]],
                 required: Sequence[str], each: Callable[[Row], None] | None = None) -> None:
        self.display = display
        self.each = each
        self.required = list(required)
        self.spellings = {name: list(aliases.get(name, ())) or [name]
                          for name in [*aliases, *(r for r in required if r not in aliases)]}
        self.lookup: dict[str, str] = {}
        for name, accepted in self.spellings.items():
            for text in [*accepted, name]:
                self.lookup.setdefault(normalize_header(text), name)
        self.threshold = max(1, min(2, len(self.spellings)))
        self.problems: list[Problem] = []
        self.saw_cells = False  # whether the header search met any filled cell

    def error(self, row: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.display, row, "error", message, hint))

    def warning(self, row: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.display, row, "warning", message, hint))

    def read(self, data: bytes, suffix: str) -> Table | None:
        if data.startswith(b"PK\x03\x04"):
            return self.read_xlsx(data)
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            self.error(None, "is an old Excel .xls file, which perbup cannot read", XLSX_HINT)
            return None
        if suffix in (".xlsx", ".xlsm"):
            looks_text = bool(data) and _decode(data) is not None and not _looks_binary(data)
            reason = "it contains plain text" if looks_text else "it is not a zip archive"
            self.error(None, f"is not a valid .xlsx file ({reason})",
                       "if it is a CSV file, rename it to end in .csv; otherwise " + XLSX_HINT)
            return None
        decoded = _decode(data)
        if decoded is None or _looks_binary(data):
            self.error(None, "is not a text table (it looks like a binary file)", TEXT_HINT)
            return None
        text, encoding = decoded
        del data, decoded  # the caller keeps no reference either (read_table)
        if "\0" in text:
            # A stray NUL (a damaged save, a pasted byte) is reported at its line; the rest of
            # the file is still read so that every other problem shows too.
            for number, line in enumerate(text.split("\n"), start=1):
                if "\0" in line:
                    self.error(number, "contains a NUL character (U+0000), which no cell holds",
                               "retype the cell, or export the file again: it was damaged")
            text = text.replace("\0", "")
        scan = _Scan(quotes=text.count('"'), filled=bool(_FILLED.search(text)),
                     lead=text.lstrip()[:_LEAD])
        return self.read_text_lines(lambda: _lines(text), encoding, scan)

    def read_text(self, path: Path, head: bytes, codec: str, scan: _Scan) -> Table | None:
        """A CSV file read as a stream, its encoding `codec` and what `scan` found in it."""
        if _looks_binary(head):
            self.error(None, "is not a text table (it looks like a binary file)", TEXT_HINT)
            return None
        return self.read_text_lines(lambda: _file_lines(path, codec), _ENCODINGS[codec], scan)

    def read_text_lines(self, lines: Callable[[], Iterator[str]], encoding: str,
                        scan: _Scan) -> Table | None:
        if encoding == "latin-1":
            self.warning(None, "is neither UTF-8 nor Windows-1252 text; it was read as Latin-1, "
                         "so some letters may be wrong", TEXT_HINT)
        if not scan.filled:
            self.error(None, "file is empty")
            return None
        if re.match(r"<(!doctype|html|table|\?xml)", scan.lead, re.IGNORECASE):
            self.error(None, "is a web page or XML file, not a CSV or .xlsx table", XLSX_HINT)
            return None
        return self.read_csv(lines, encoding, odd_quotes=scan.quotes % 2 == 1)

    def read_csv(self, lines: Callable[[], Iterator[str]], encoding: str, *,
                 odd_quotes: bool) -> Table | None:
        """The table in the text `lines` gives (each call from its start)."""
        csv.field_size_limit(_FIELD_LIMIT)
        best: tuple[tuple[int, int, int], str, Records, list[object]] | None = None
        try:
            for order, delimiter in enumerate(DELIMITERS):
                records = _csv_records(lines(), delimiter)
                found = self.find_header(records)
                if found and (best is None or (found[0], -found[2], order) < best[0]):
                    best = ((found[0], -found[2], order), delimiter, records, found[1])
            if best is None:
                self.no_header("")
                return None
            (line, _, _), delimiter, records, header = best
            fmt = f"CSV ({DELIMITERS[delimiter]}, {encoding})"
            table = self.build(fmt, line, header, records, str)
            unclosed = _unclosed_quote_line(lines(), delimiter) if odd_quotes else None
        except csv.Error as exc:  # not raised by the lenient dialect today; kept as a safety net
            self.error(None, f"cannot be read as CSV ({exc})", TEXT_HINT)
            return None
        if unclosed is not None:
            self.error(unclosed, 'a double quote (") that opens a cell here is never closed, '
                       "so the rest of the file was read as one cell",
                       'add the missing " at the end of the cell, or remove the stray one')
        return table

    def read_xlsx(self, data: bytes) -> Table | None:
        if b"application/vnd.oasis.opendocument" in data[:200]:
            self.error(None, "is not a valid .xlsx file (it is an OpenDocument spreadsheet)",
                       XLSX_HINT)
            return None
        refused = _zip_bomb(data)
        if refused:
            self.error(None, f"refused: {refused} (a zip bomb?)",
                       "a list of village apparatus is a few MB; save it again from Excel or "
                       "LibreOffice as .xlsx")
            return None
        # openpyxl warns about styles and extensions it drops; none of that matters to the data.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
                # Only the formulas themselves tell a formula without a saved result from an
                # empty cell: read them alongside, row by row, when the workbook has any.
                formulas = (load_workbook(io.BytesIO(data), read_only=True, data_only=False)
                            if _has_formulas(data) else None)
                try:
                    return self.read_sheets(book.worksheets,
                                            formulas.worksheets if formulas else None)
                finally:
                    book.close()
                    if formulas:
                        formulas.close()
            # A damaged workbook fails deep inside zipfile, lxml or openpyxl with any exception
            # type; the clerk needs one sentence, not a traceback.
            except _EachFailed as failed:
                assert failed.__cause__ is not None
                raise failed.__cause__ from None  # the caller's own bug, not a damaged file
            except Exception as exc:
                detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
                reason = "damaged, or not an Excel workbook" + (f": {detail}" if detail else "")
                self.error(None, f"is not a valid .xlsx file ({reason})", XLSX_HINT)
                return None

    def read_sheets(self, sheets: Sequence[Any], formulas: Sequence[Any] | None) -> Table | None:
        for index, sheet in enumerate(sheets):
            records = _sheet_records(sheet, formulas[index] if formulas else None)
            found = self.find_header(records)
            if found:
                fmt = f"xlsx (sheet '{sheet.title}', header on row {found[0]})"
                return self.build(fmt, found[0], found[1], records, get_column_letter)
            self.saw_cells = self.saw_cells or any(_clean(v) is not None for _, r in records for v in r)
        if not self.saw_cells:
            self.error(None, "file is empty")
        else:
            titles = ", ".join(f"'{s.title}'" for s in sheets)
            self.no_header(f" (looked at sheets {titles})")
        return None

    def find_header(self, records: Records) -> tuple[int, list[object], int] | None:
        for line, cells in records:
            self.saw_cells = self.saw_cells or any(_clean(c) is not None for c in cells)
            matches = sum(normalize_header(str(c)) in self.lookup for c in cells if c is not None)
            if matches >= self.threshold:
                return line, cells, matches
            if line >= HEADER_SEARCH_ROWS:
                break
        return None

    def no_header(self, where: str) -> None:
        names = self.required or list(self.spellings)
        expected = ", ".join(self.spellings[n][0] for n in names)
        self.error(None, f"no header row found; expected columns such as: {expected}",
                   f"the header must be within the first {HEADER_SEARCH_ROWS} rows{where}")

    def build(self, fmt: str, header_line: int, header: list[object], records: Records,
              label: Callable[[int], str]) -> Table | None:
        positions: dict[str, list[int]] = {}
        texts = ["" if (v := _clean(c)) is None else str(v) for c in header]
        ignored = []
        for index, text in enumerate(texts):
            name = self.lookup.get(normalize_header(text))
            if name:
                positions.setdefault(name, []).append(index)
            elif text:
                ignored.append(text)
        usable = True
        for name, indexes in positions.items():
            if len(indexes) > 1:
                both = " and ".join(f'"{texts[i]}" (column {label(i + 1)})' for i in indexes)
                self.error(header_line, f'columns {both} both mean "{self.spellings[name][0]}"',
                           "delete or rename all but one of them")
                usable = False
        missing = [n for n in self.required if n not in positions]
        if missing:
            listed = "; ".join(_quoted(self.spellings[n]) for n in missing)
            plural = "s" if len(missing) > 1 else ""
            self.error(header_line, f"missing required column{plural}: {listed}",
                       "add the column, or rename its header to one of the spellings shown")
            usable = False
        if not usable:
            return None
        columns = {name: texts[indexes[0]] for name, indexes in positions.items()}
        rows: list[Row] = []
        kept, refused = 0, False
        for line, cells in records:
            raw = {name: cells[i[0]] if i[0] < len(cells) else None for name, i in positions.items()}
            values = {name: None if isinstance(v, Formula) else _clean(v) for name, v in raw.items()}
            if all(v is None for v in values.values()) and Formula not in map(type, raw.values()):
                continue  # blank, or only an ignored column such as a pre-filled "No"
            if not kept and _is_column_numbering(cells):
                continue  # the "1 2 3 4" row that official forms put under the header
            if self.refused(line, raw, values, columns):
                refused = True
                continue  # reported; the row's other checks follow once the cell is fixed
            kept += 1
            if self.each:
                try:
                    self.each(Row(line, values))
                except Exception as exc:
                    raise _EachFailed from exc
            else:
                rows.append(Row(line, values))
        if not kept and not refused:
            self.warning(header_line, "no data rows below the header")
        return Table(self.display, fmt, header_line, columns, ignored, rows)


    def refused(self, line: int, raw: dict[str, object], values: dict[str, CellValue],
                columns: dict[str, str]) -> bool:
        """Reports each cell that cannot be used at all; invisible characters are dropped."""
        bad = False
        for name, value in values.items():
            header = columns[name]
            if isinstance(raw[name], Formula):
                self.error(line, f"{header} holds a formula with no saved result: "
                           f"{str(raw[name])[:60]}", "open the file in Excel or LibreOffice and "
                           "save it again, so that the results are saved in it")
                bad = True
            elif isinstance(value, str):
                if len(value) > MAX_CELL:
                    self.error(line, f"{header} holds {len(value):,} characters; perbup reads at "
                               f"most {MAX_CELL:,} in a cell", "check that the cell holds only "
                               "its value: a note belongs in a column perbup does not read")
                    bad = True
                    continue
                text = strip_invisible(value)
                reason = refused_character(text)
                if reason:
                    self.error(line, f"{header} {text!r} contains {reason}", PASTED_HINT)
                    bad = True
                values[name] = text.strip() or None
        return bad


def _sheet_records(sheet: Any, formulas: Any) -> Records:
    """A sheet's rows; where `formulas` (the same sheet, formulas read) has a formula and the
    sheet no saved result, the cell is a Formula."""
    sheet.reset_dimensions()  # some writers store a wrong size; trust the cells instead
    rows = sheet.iter_rows(values_only=True)
    if formulas is None:
        yield from ((n, list(r)) for n, r in enumerate(rows, start=1))
        return
    formulas.reset_dimensions()
    for n, (row, twin) in enumerate(zip(rows, formulas.iter_rows(values_only=True),
                                        strict=False), start=1):
        yield n, [Formula(f) if v is None and f is not None else v
                  for v, f in zip(row, (*twin, *[None] * (len(row) - len(twin))), strict=False)]


def _has_formulas(data: bytes) -> bool:
    """Whether any sheet of the workbook holds a formula (its sheets read as a stream)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        for info in archive.infolist():
            if not info.filename.lower().startswith("xl/worksheets/"):
                continue
            with archive.open(info) as member:
                tail = b""
                while chunk := member.read(1 << 20):
                    if _FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error):
        return False  # damaged: openpyxl says so
    return False


def _zip_bomb(data: bytes) -> str | None:
    """Why a workbook would unpack to more than it is safe to read, or None.

    The sizes come from the zip directory; zipfile never inflates a member past its recorded
    size, so a member that lies about it only fails its CRC check.
    """
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None  # damaged: openpyxl says so below
    sheets = 0
    for info in infos:
        if info.file_size > RATIO_CHECK_FROM and info.file_size > MAX_RATIO * info.compress_size:
            return f"{info.filename} is compressed more than {MAX_RATIO}:1"
        if info.filename.lower().startswith("xl/worksheets/"):
            sheets += info.file_size
        elif info.file_size > MAX_TOTAL_SIZE:
            return f"{info.filename} unpacks to more than {MAX_TOTAL_SIZE // 2**20:,} MB"
    if len(infos) > 0xFFFF:
        return f"it holds {len(infos):,} parts"
    if sheets > MAX_SHEETS_SIZE:
        return f"its sheets unpack to more than {MAX_SHEETS_SIZE // 2**20:,} MB"
    return None


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` with their endings, as io.StringIO(newline="") splits them, but
    sliced one at a time: a StringIO copies the whole text at four bytes a character."""
    return (m.group() for m in _LINE.finditer(text))


def _file_lines(path: Path, codec: str) -> Iterator[str]:
    """The lines of the text file at `path`, with their endings, read as it is iterated."""
    # The file was read through once in `codec` without an error (_scan); "replace" only keeps
    # a file changed in between from ending in a traceback.
    with path.open(encoding=codec, errors="replace", newline="") as handle:
        yield from handle


def _csv_records(lines: Iterator[str], delimiter: str) -> Records:
    reader = csv.reader(lines, delimiter=delimiter, skipinitialspace=True)
    start = 1
    for fields in reader:
        yield start, list(fields)
        start = reader.line_num + 1


def _unclosed_quote_line(lines: Iterator[str], delimiter: str) -> int | None:
    """Where a quote that runs to the end of the file opened, if one does (the file holds an odd
    number of quotes)."""
    for line, fields in deque(_csv_records(lines, delimiter), maxlen=1):
        if any("\n" in str(f) or "\r" in str(f) for f in fields):
            return line
    return None


def _quoted(spellings: Sequence[str]) -> str:
    first, *others = (f'"{s}"' for s in spellings)
    return first + (f" (or {' or '.join(others)})" if others else "")


#: The encodings a text table is tried in, and how messages name them.
_ENCODINGS = {"utf-16": "UTF-16", "utf-8-sig": "UTF-8", "cp1252": "windows-1252", "latin-1": "latin-1"}


def _codecs(head: bytes) -> list[str]:
    """The encodings to try, in order, for a text file that starts with `head`."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text" export
        return ["utf-16"]
    return ["utf-8-sig", "cp1252", "latin-1"]  # Latin-1 reads any bytes


def _decode(data: bytes) -> tuple[str, str] | None:
    for codec in _codecs(data):
        try:
            return data.decode(codec), _ENCODINGS[codec]
        except UnicodeDecodeError:
            pass
    return None


_LEAD = 32  # what of a text, after its leading blanks, tells a web page or an XML file


@dataclass
class _Scan:
    """What one pass through a text table found: its quotes, whether it holds more than blanks
    and separators, a NUL, and its first characters after leading blanks."""

    quotes: int = 0
    filled: bool = False
    nul: bool = False
    lead: str = ""


def _scan(path: Path, head: bytes) -> tuple[str, _Scan] | None:
    """The first encoding the whole file at `path` reads in, and what the text holds; None when
    it reads in none. The file is decoded piece by piece, never held whole."""
    for codec in _codecs(head):
        decoder, scan = codecs.getincrementaldecoder(codec)(), _Scan()
        try:
            with path.open("rb") as handle:
                while True:
                    piece = handle.read(_PIECE)
                    text = decoder.decode(piece, final=not piece)
                    scan.quotes += text.count('"')
                    scan.filled = scan.filled or bool(_FILLED.search(text))
                    scan.nul = scan.nul or "\0" in text
                    if len(scan.lead) < _LEAD:
                        scan.lead = (scan.lead + text).lstrip()[:_LEAD]
                    if not piece:
                        return codec, scan
        except UnicodeDecodeError:
            continue
    return None


def _looks_binary(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = data[:8192]
    controls = sum(b < 32 and b not in b"\t\n\r\f" for b in sample)
    return controls > len(sample) // 10


def _clean(value: object) -> CellValue:
    if value is None or isinstance(value, str):
        return (value or "").strip() or None
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value
    if isinstance(value, (int, float, datetime.date)):
        return value
    return str(value).strip() or None


def _is_column_numbering(cells: list[object]) -> bool:
    filled = [c for c in (_clean(c) for c in cells) if c is not None]
    as_text = [str(int(c)) if isinstance(c, float) and c.is_integer() else str(c) for c in filled]
    return len(filled) >= 2 and as_text == [str(i) for i in range(1, len(filled) + 1)]
