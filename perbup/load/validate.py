"""Checks across rows of an apparatus list: duplicate NIKs and KPJs, formations, wages, region."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence

from perbup.base.problems import Problems
from perbup.load import nik
from perbup.load.aparat import Aparat
from perbup.load.jabatan import DUSUN, SEKSI, URUSAN, Golongan


def duplicate_niks(people: Sequence[Aparat], rejected: Sequence[tuple[str, int]], display: str,
                   out: Problems) -> None:
    """Reports a NIK used on several rows, on every one of those rows: the rows of `people` and
    `rejected`, the 16-digit NIKs (with their rows) of rows that failed other checks.

    Found by sorting the list by NIK once it is read, not by a table of every NIK kept while it
    is read: a national list holds a million."""
    loose: dict[str, list[int]] = defaultdict(list)
    for digits, line in rejected:
        loose[digits].append(line)
    repeated: list[tuple[str, list[int]]] = []
    for _, group in itertools.groupby(sorted(people, key=_nik), key=_nik):
        same = list(group)
        digits = same[0].nik
        lines = [p.line for p in same] + loose.pop(digits, [])
        if len(lines) > 1:
            repeated.append((digits, sorted(lines)))
    repeated += [(digits, lines) for digits, lines in loose.items() if len(lines) > 1]
    for digits, lines in repeated:
        for line in lines:
            others = ", ".join(str(o) for o in lines if o != line)
            rows_word = "row" if len(lines) == 2 else "rows"
            out.error(display, line, f"NIK {digits} is also used on {rows_word} {others}",
                      "each person has one NIK; check which row has it wrong")


def _nik(person: Aparat) -> int:
    return person.nik_number  # the number, not a string made for each of a million rows


def kpj_key(kpj: str) -> str:
    """How two KPJ numbers are compared: letters and digits only, so spacing never hides a copy."""
    return "".join(ch for ch in kpj.upper() if ch.isalnum())


def duplicate_kpj(kpjs: Sequence[tuple[str, int]], display: str, out: Problems) -> None:
    """Reports a KPJ number given on several rows, on every one of those rows.

    A KPJ number is one person's BPJS Ketenagakerjaan membership: on a second person it marks
    someone enrolled (and not charged) on the strength of another's card.
    """
    rows: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for kpj, line in kpjs:
        if kpj_key(kpj):
            rows[kpj_key(kpj)].append((kpj, line))
    for found in rows.values():
        lines = [line for _, line in found]
        for kpj, line in found if len(found) > 1 else ():
            others = ", ".join(str(o) for o in lines if o != line)
            rows_word = "row" if len(lines) == 2 else "rows"
            out.error(display, line, f"KPJ number {kpj} is also used on {rows_word} {others}",
                      "a KPJ number belongs to one person; check each against their BPJS "
                      "membership card")


def check_list(aparat: Sequence[Aparat], *, kabupaten: str, nama_kabupaten: str,
               floors: Mapping[Golongan, tuple[int, str, str]], display: str, out: Problems,
               heads: bool = True, wage_based: bool = True) -> None:
    """Warnings that need the whole list: heads per desa, wage below minimum, NIK region.

    `floors`: per golongan, the least siltap, what it is and its source (the regent's Peraturan Bupati, or
    the minimum in force). `wage_based`: contributions are a rate of the siltap (wage earners),
    so a low siltap lowers them.
    """
    per_desa: dict[str, list[Aparat]] = defaultdict(list)
    for person in aparat:
        per_desa[person.desa.kode].append(person)
        if not person.nik.startswith(kabupaten.replace(".", "")):
            out.warning(display, person.line,
                        f"NIK {person.nik} was issued outside {nama_kabupaten} "
                        f"(region {nik.kecamatan(person.nik)})", "check that the NIK is right")
        floor, what, source = floors.get(person.jabatan.golongan, (0, "", ""))
        if person.siltap is not None and person.siltap < floor:
            out.warning(display, person.line,
                        f"siltap Rp{person.siltap:,} is below the {what} of "
                        f"Rp{floor:,} for {person.jabatan.nama}".replace(",", "."),
                        source + ("; the contribution uses the amount given" if wage_based else ""))
    for people in per_desa.values() if heads else ():
        desa = people[0].desa
        if not any(p.jabatan.golongan == "kepala_desa" for p in people):
            out.warning(display, people[0].line, f"desa {desa.nama} ({desa.kode}) has no Kepala Desa")
        formation(people, display, out)


# Permendagri 84/2015 (organisation of village government): a sekretariat of at most 3 urusan,
# at most 3 seksi, and a Kepala Dusun per dusun, their number set by the desa's needs and budget.
MAX_URUSAN = 3
MAX_SEKSI = 3
# Kepala Desa, Sekretaris Desa, 3 Kaur and 3 Kasi: the largest the rest of a formation can be.
_LARGEST_REST = 1 + 1 + MAX_URUSAN + MAX_SEKSI
RULE = "Permendagri 84/2015 on the organisation of village government"


def formation(people: Sequence[Aparat], display: str, out: Problems) -> None:
    """Warnings for one desa whose list does not look like a village government's formation."""
    desa = people[0].desa
    where = f"desa {desa.nama} ({desa.kode})"
    # One person per post; only an unnumbered, unnamed "Kepala Dusun" can be written many times.
    # (Compared by place in the order, so "Kepala Dusun 2" and "Kepala Dusun II" are one post.)
    first: dict[tuple[int, int, str], Aparat] = {}
    for person in people:
        post = person.jabatan.urutan
        if person.jabatan.unnamed_dusun:
            continue
        if post in first:
            out.warning(display, person.line, f"{where} has a second {person.jabatan.nama} "
                        f"(the first is on row {first[post].line})")
        else:
            first[post] = person
    for unsur, title, most, unit in ((URUSAN, "Kepala Urusan", MAX_URUSAN,
                                      f"the sekretariat desa has at most {MAX_URUSAN} urusan"),
                                     (SEKSI, "Kepala Seksi", MAX_SEKSI,
                                      f"a desa has at most {MAX_SEKSI} seksi")):
        holders = [p for p in people if p.jabatan.unsur == unsur]
        if len(holders) > most:
            rows = ", ".join(str(p.line) for p in holders)
            out.warning(display, holders[most].line,
                        f"{where} has {len(holders)} {title} (rows {rows}); {unit}",
                        f"{RULE}; check for a position typed wrongly or a person listed twice")
    dusun = [p for p in people if p.jabatan.unsur == DUSUN]
    rest = len(people) - len(dusun)
    # The rule sets no number of dusun, so only a count no formation explains is flagged: more
    # Kepala Dusun than the rest of the largest formation, and more than twice the others listed.
    if len(dusun) > _LARGEST_REST and len(dusun) > 2 * rest:
        out.warning(display, dusun[0].line,
                    f"{where} lists {len(dusun)} Kepala Dusun among its {len(people)} aparat",
                    f"{RULE}: one Kepala Dusun per dusun; {len(dusun)} is more than twice the "
                    f"{rest} other aparat: check that heads of RT or RW, or staff, are not listed "
                    "as Kepala Dusun")
