"""Checks across rows of an apparatus list: duplicate NIKs, a desa's heads, wages, region."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from perbup.aparat import Aparat
from perbup.config import SiltapMinimum
from perbup.problems import Problems


def duplicate_niks(niks: Sequence[tuple[str, int]], display: str, out: Problems) -> None:
    """Reports a NIK used on several rows, on every one of those rows."""
    rows: dict[str, list[int]] = defaultdict(list)
    for digits, line in niks:
        rows[digits].append(line)
    for digits, lines in rows.items():
        for line in lines if len(lines) > 1 else ():
            others = ", ".join(str(o) for o in lines if o != line)
            rows_word = "row" if len(lines) == 2 else "rows"
            out.error(display, line, f"NIK {digits} is also used on {rows_word} {others}",
                      "each person has one NIK; check which row has it wrong")


def check_list(aparat: Sequence[Aparat], *, kabupaten: str, nama_kabupaten: str,
               minimum: SiltapMinimum, display: str, out: Problems, heads: bool = True,
               wage_based: bool = True) -> None:
    """Warnings that need the whole list: heads per desa, wage below minimum, NIK region.

    `wage_based`: contributions are a rate of the siltap (wage earners), so a low siltap lowers them.
    """
    per_desa: dict[str, list[Aparat]] = defaultdict(list)
    for person in aparat:
        per_desa[person.desa.kode].append(person)
        if not person.nik.digits.startswith(kabupaten.replace(".", "")):
            out.warning(display, person.line,
                        f"NIK {person.nik.digits} was issued outside {nama_kabupaten} "
                        f"(region {person.nik.kecamatan})", "check that the NIK is right")
        floor = getattr(minimum, person.jabatan.golongan)
        if person.siltap is not None and person.siltap < floor:
            out.warning(display, person.line,
                        f"siltap Rp{person.siltap:,} is below the statutory minimum of "
                        f"Rp{floor:,} for {person.jabatan.nama}".replace(",", "."),
                        "PP 16/2026 Pasal 90 ayat (2)"
                        + ("; the contribution uses the amount given" if wage_based else ""))
    for people in per_desa.values() if heads else ():
        desa = people[0].desa
        for golongan, title in (("kepala_desa", "Kepala Desa"), ("sekretaris_desa", "Sekretaris Desa")):
            holders = [p for p in people if p.jabatan.golongan == golongan]
            if golongan == "kepala_desa" and not holders:
                out.warning(display, people[0].line,
                            f"desa {desa.nama} ({desa.kode}) has no {title}")
            for extra in holders[1:]:
                out.warning(display, extra.line, f"desa {desa.nama} ({desa.kode}) has a second "
                            f"{title} (the first is on row {holders[0].line})")
