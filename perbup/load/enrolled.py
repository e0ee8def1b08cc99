"""Status updates from BPJS: the list of registered participants, matched to the apparatus by NIK."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from perbup.base import values
from perbup.base.paths import display_path
from perbup.base.problems import Problem, Problems
from perbup.load import nik as nik_mod
from perbup.load.aparat import COLUMNS as APARAT_COLUMNS
from perbup.load.aparat import Aparat
from perbup.load.regions import Desa
from perbup.load.tabular import read_table

#: Where a workspace keeps the list BPJS returned; the first that exists is used.
WORKSPACE_FILES = ("data/terdaftar.csv", "data/terdaftar.xlsx")

#: Accepted column headers, as BPJS branch offices and clerks write them.
COLUMNS: dict[str, list[str]] = {
    "nik": [*APARAT_COLUMNS["nik"], "NIK Peserta", "NIK Tenaga Kerja", "Nomor Identitas",
            "No Identitas"],
    "kpj": [*APARAT_COLUMNS["kpj"], "Nomor Kepesertaan", "No Kepesertaan", "KPJ Peserta"],
    "nama": ["Nama", "Nama Lengkap", "Nama Peserta", "Nama Tenaga Kerja", "Nama TK",
             "Nama Aparat"],
}
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?e\+?\d+$", re.IGNORECASE)
_NAME_NOISE = re.compile(r"[^a-z]")


class Enrolled(dict[str, "str | None"]):
    """NIK → KPJ number (None when the list gives none), in file order.

    Also knows, per NIK, the row it is on and the name the list gives, for messages.
    """

    def __init__(self, display: str = "") -> None:
        super().__init__()
        self.display = display
        self.line: dict[str, int] = {}
        self.nama: dict[str, str] = {}


@dataclass(frozen=True)
class Peserta:
    """One NIK of the BPJS list, and the apparatus member it matched (None: unknown)."""

    nik: str
    kpj: str | None
    line: int | None  # its row in the list, when read from a file
    nama: str | None  # as the list writes it
    aparat: Aparat | None  # the updated record
    baru: bool  # the apparatus list did not mark this person as enrolled yet


@dataclass(frozen=True)
class DesaBelum:
    """A desa where someone is still not enrolled, after the list was applied."""

    desa: Desa
    aparat: int
    belum: int
    disentuh: bool  # someone of this desa is on the BPJS list


@dataclass(frozen=True)
class MatchResult:
    """Who on the BPJS list matched, who is unknown, and who is still missing, per desa."""

    matched: tuple[Peserta, ...]
    unknown: tuple[Peserta, ...]
    missing: tuple[DesaBelum, ...]  # in desa code order
    file: str = ""  # the list, as messages name it

    @property
    def baru(self) -> int:
        return sum(p.baru for p in self.matched)

    @property
    def belum(self) -> int:
        return sum(d.belum for d in self.missing)


def workspace_file(root: Path) -> tuple[Path | None, list[Problem]]:
    """The workspace's BPJS list, if it has one; a warning when there are two."""
    found = [root / name for name in WORKSPACE_FILES if (root / name).is_file()]
    problems = [Problem(display_path(other), None, "warning", f"is ignored: {found[0].name} "
                        "is used", "keep only one list of registered participants")
                for other in found[1:]]
    return (found[0] if found else None), problems


def _kpj(value: object) -> str | None:
    """The KPJ number as text; raises ValueError when a spreadsheet mangled it."""
    if value is None:
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"KPJ number {value} is not a whole number")
        value = int(value)
    text = str(value).strip().lstrip("'\u2019")
    if _SCIENTIFIC.match(text):
        raise ValueError(f'KPJ number "{text}" was turned into a number by a spreadsheet; '
                         "format the column as Text and type it again")
    bad = values.control_character(text)
    if bad:
        raise ValueError(f"KPJ number {text!r} contains a control character ({bad})")
    return " ".join(text.split()) or None


def read_enrolled(path: Path, display: str, *, today: dt.date | None = None,
                  ) -> tuple[Enrolled, list[Problem]]:
    """Reads the BPJS list of registered participants (CSV or .xlsx): NIK → KPJ, and problems."""
    today = today or dt.date.today()
    table, found = read_table(path, COLUMNS, required=("nik",), display=display)
    out = Problems(list(found))
    enrolled = Enrolled(display)
    if table is None:
        return enrolled, out.items
    if "kpj" not in table.columns and table.rows:
        out.warning(display, table.header_line, "no KPJ column: the people are counted as "
                    "enrolled without their membership number",
                    f'add the column "{COLUMNS["kpj"][0]}" as BPJS gives it')
    kpj_rows: dict[str, int] = {}
    for row in table.rows:
        raw = row.values.get("nik")
        if raw is None:
            out.error(display, row.line, "NIK is empty",
                      "BPJS matches people by NIK; fill it in or delete the row")
            continue
        try:
            digits = nik_mod.parse(raw, today=today).digits
        except nik_mod.NikError as exc:
            out.error(display, row.line, str(exc), exc.hint)
            continue
        try:
            kpj = _kpj(row.values.get("kpj"))
        except ValueError as exc:
            out.error(display, row.line, str(exc))
            continue
        nama = row.values.get("nama")
        if digits in enrolled:
            first = enrolled.line[digits]
            if kpj and enrolled[digits] and kpj != enrolled[digits]:
                out.error(display, row.line, f"NIK {digits} has KPJ number {kpj} here and "
                          f"{enrolled[digits]} on row {first}",
                          "a person has one KPJ number; ask the BPJS office which is right")
            else:
                out.warning(display, row.line, f"NIK {digits} is listed twice (also on row {first})")
                enrolled[digits] = enrolled[digits] or kpj
            continue
        if kpj is not None and kpj in kpj_rows:
            out.error(display, row.line, f"KPJ number {kpj} is also given on row {kpj_rows[kpj]}, "
                      "to another NIK", "a KPJ number belongs to one person; check both rows")
            continue
        if kpj is None and "kpj" in table.columns:
            out.warning(display, row.line, f"NIK {digits} has no KPJ number; counted as enrolled "
                        "without one", "add the number from the BPJS list")
        enrolled[digits] = kpj
        enrolled.line[digits] = row.line
        if nama is not None and str(nama).strip():
            enrolled.nama[digits] = " ".join(str(nama).split())
        if kpj is not None:
            kpj_rows[kpj] = row.line
    return enrolled, out.items


def apply_enrolled(aparat: Sequence[Aparat], enrolled: Mapping[str, str | None],
                   ) -> tuple[tuple[Aparat, ...], MatchResult]:
    """Everyone on the list marked enrolled with its KPJ number; who matched, who did not."""
    lines = enrolled.line if isinstance(enrolled, Enrolled) else {}
    names = enrolled.nama if isinstance(enrolled, Enrolled) else {}
    updated: list[Aparat] = []
    matched: dict[str, Peserta] = {}
    for person in aparat:
        digits = person.nik
        if digits not in enrolled:
            updated.append(person)
            continue
        kpj = enrolled[digits] or person.kpj  # a list without KPJ keeps the one already known
        new = replace(person, terdaftar=True, kpj=kpj)
        updated.append(new)
        matched[digits] = Peserta(digits, enrolled[digits], lines.get(digits), names.get(digits),
                                  new, baru=not person.terdaftar)
    unknown = tuple(Peserta(n, kpj, lines.get(n), names.get(n), None, baru=False)
                    for n, kpj in enrolled.items() if n not in matched)
    per_desa: dict[Desa, list[Aparat]] = defaultdict(list)
    for person in updated:
        per_desa[person.desa].append(person)
    touched = {p.aparat.desa for p in matched.values() if p.aparat}
    missing = tuple(DesaBelum(desa, len(people), belum, desa in touched)
                    for desa, people in sorted(per_desa.items(), key=lambda item: item[0].kode)
                    if (belum := sum(not p.terdaftar for p in people)))
    ordered = tuple(matched[n] for n in enrolled if n in matched)
    display = enrolled.display if isinstance(enrolled, Enrolled) else ""
    return tuple(updated), MatchResult(ordered, unknown, missing, display)


def _same_name(a: str, b: str) -> bool:
    """Whether two spellings plausibly name one person: titles, case and punctuation aside."""
    x, y = _NAME_NOISE.sub("", a.lower()), _NAME_NOISE.sub("", b.lower())
    return x in y or y in x or difflib.SequenceMatcher(None, x, y).ratio() >= 0.8


def match_problems(result: MatchResult, display: str, aparat_display: str,
                   before: Mapping[int, Aparat]) -> list[Problem]:
    """Warnings a clerk should look at: unknown NIKs, other names, other KPJ numbers.

    `before` is the apparatus list as read, by NIK number, to compare what the list says with it.
    """
    out = Problems()
    for p in result.unknown:
        named = f" ({p.nama})" if p.nama else ""
        out.warning(display, p.line, f"NIK {p.nik}{named} is not in the apparatus list "
                    f"({aparat_display})", "check the NIK against the KTP, or add the person "
                    "to the apparatus list if they belong to a desa")
    for p in result.matched:
        old = before.get(int(p.nik))
        if old is None:
            continue
        if p.nama and not _same_name(p.nama, old.nama):
            out.warning(display, p.line, f'name "{p.nama}" differs from "{old.nama}" for NIK '
                        f"{p.nik} in {aparat_display} (row {old.line})",
                        "BPJS matches people by NIK: check that the NIK is right")
        if p.kpj and old.kpj and p.kpj != old.kpj:
            out.warning(display, p.line, f"KPJ number {p.kpj} differs from {old.kpj} in "
                        f"{aparat_display} (row {old.line}); the BPJS list's number is used",
                        "correct the apparatus list")
    return out.items


def enrol(aparat: Sequence[Aparat], path: Path, aparat_display: str, *, match: bool = True,
          today: dt.date | None = None,
          ) -> tuple[tuple[Aparat, ...], MatchResult | None, list[Problem]]:
    """Reads the BPJS list at `path` and applies it to `aparat`.

    Nothing is applied when the list has errors, or when `match` is false (an apparatus list
    with errors would make people look unknown): then only the list's own problems come back.
    """
    enrolled, problems = read_enrolled(path, display_path(path), today=today)
    if not match or any(p.is_error for p in problems):
        return tuple(aparat), None, problems
    updated, result = apply_enrolled(aparat, enrolled)
    before = {p.nik_number: p for p in aparat}
    return updated, result, problems + match_problems(result, enrolled.display, aparat_display,
                                                      before)
