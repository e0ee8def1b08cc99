"""Village apparatus (aparat desa): the typed record, and turning one table row into it."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from perbup.base import values
from perbup.base.problems import Problems
from perbup.load import nik as nik_mod
from perbup.load.jabatan import Jabatan, parse_jabatan, suggest
from perbup.load.regions import Desa, DesaIndex, is_kelurahan, name_key, normalize_code
from perbup.load.tabular import Row

#: Accepted column headers per field; compared ignoring case, spaces and punctuation.
COLUMNS: dict[str, list[str]] = {
    "kode_desa": ["Kode Desa", "Kode Wilayah Desa", "Kode Kemendagri", "Kode Wilayah"],
    "nama_desa": ["Nama Desa", "Desa", "Desa/Kelurahan"],
    "kecamatan": ["Kecamatan", "Nama Kecamatan", "Kec"],
    "nama": ["Nama", "Nama Lengkap", "Nama Aparat", "Nama Perangkat", "Nama Perangkat Desa",
             "Nama Pegawai"],
    "nik": ["NIK", "No NIK", "Nomor NIK", "No KTP", "Nomor KTP", "NIK KTP",
            "Nomor Induk Kependudukan"],
    "jabatan": ["Jabatan", "Posisi", "Jabatan Perangkat"],
    "tanggal_lahir": ["Tanggal Lahir", "Tgl Lahir", "Tgl Lhr", "Tanggal Lhr", "Lahir",
                      "Tgl Lahir dd mm yyyy"],
    "jenis_kelamin": ["Jenis Kelamin", "L/P", "JK", "Kelamin", "Sex", "Gender"],
    "siltap": ["Siltap", "Penghasilan Tetap", "Penghasilan", "Upah", "Gaji", "Gaji Pokok",
               "Siltap Per Bulan", "Upah Sebulan", "Dasar Upah"],
    "terdaftar": ["Terdaftar", "Status BPJS", "Sudah Terdaftar", "Status Kepesertaan",
                  "Terdaftar BPJS", "Peserta BPJS"],
    "kpj": ["Nomor KPJ", "No KPJ", "KPJ", "No Kartu", "Nomor Kartu", "Nomor Peserta",
            "No Peserta", "No Kartu BPJS"],
}
REQUIRED = ("nama", "nik", "jabatan")


# A national list repeats a few dozen spellings of a position a million times: one shared
# (frozen) Jabatan per spelling instead of one per row.
_parse_jabatan = functools.lru_cache(maxsize=1024)(parse_jabatan)


# slots: a list of a million people is held whole, and a slotted record is ~100 bytes smaller
@dataclass(frozen=True, slots=True)
class Aparat:
    """One member of a village's apparatus, as validated from one row of the list.

    The birth date and sex columns are only checked against the NIK while the row is read: no
    document prints them, so a record does not keep them (personal data, and a million rows).
    """

    line: int
    desa: Desa
    nama: str
    # The 16 digits checked by perbup.load.nik.parse, as one number: 32 bytes, where the string
    # of them takes 64 (a million of them); `nik` gives them back as text.
    nik_number: int
    jabatan: Jabatan
    siltap: int | None  # the monthly base from the data; None → the statutory minimum
    terdaftar: bool
    kpj: str | None

    @property
    def nik(self) -> str:
        """The NIK's 16 digits."""
        return f"{self.nik_number:016d}"


def _text(row: Row, key: str) -> str | None:
    value = row.values.get(key)
    return None if value is None else str(value).strip() or None


def _desa(row: Row, index: DesaIndex, regency: str, display: str, out: Problems) -> Desa | None:
    raw_code, nama, kec = _text(row, "kode_desa"), _text(row, "nama_desa"), _text(row, "kecamatan")
    if raw_code:
        kode = normalize_code(raw_code)
        desa = index.by_code(kode) if kode else None
        if desa is None:
            if kode and is_kelurahan(kode):
                out.error(display, row.line, f"{kode} is a kelurahan, not a desa",
                          "kelurahan staff are civil servants, not village apparatus; remove the row")
                return None
            named = index.by_name(nama, kec) if nama else []
            hint = f"did you mean {named[0].kode} ({named[0].nama})?" if len(named) == 1 else None
            out.error(display, row.line, f'desa code "{raw_code}" is not a desa of {regency}', hint)
            return None
        # The code decides; a name beside it that means something else is a sign that one of the
        # two was copied from another row.
        if nama and name_key(nama) != name_key(desa.nama):
            out.warning(display, row.line,
                        f'desa name "{nama}" does not match code {desa.kode} ({desa.nama})',
                        f"code {desa.kode} is desa {desa.nama}, Kecamatan {desa.kecamatan.nama}; "
                        "correct whichever is wrong")
        if kec and name_key(kec) != name_key(desa.kecamatan.nama):
            out.warning(display, row.line,
                        f'kecamatan "{kec}" does not match code {desa.kode} '
                        f"(Kecamatan {desa.kecamatan.nama})",
                        f"code {desa.kode} is desa {desa.nama}, Kecamatan {desa.kecamatan.nama}; "
                        "correct whichever is wrong")
        return desa
    if not nama:
        out.error(display, row.line, "no desa given", "fill in Kode Desa, or Nama Desa and Kecamatan")
        return None
    found = index.by_name(nama, kec)
    misspelt = kec is not None and not found and index.kecamatan_named(kec) is None
    if misspelt:
        # A kecamatan the regency does not have says nothing about where the desa is: look the
        # desa up by its name alone, as if the column were empty.
        found = index.by_name(nama)
    if len(found) == 1:
        if misspelt:
            out.warning(display, row.line, f'kecamatan "{kec}" is not a kecamatan of {regency}',
                        f"desa {found[0].nama} is in Kecamatan {found[0].kecamatan.nama}; "
                        "correct the Kecamatan column")
        return found[0]
    if len(found) > 1:
        places = ", ".join(d.kecamatan.nama for d in found)
        near_kec = index.suggest_kecamatan(kec) if misspelt and kec else None
        out.error(display, row.line, f'desa "{nama}" exists in several kecamatan ({places})',
                  f'kecamatan "{kec}" is none of them; did you mean "{near_kec.nama}"?' if near_kec
                  else f'kecamatan "{kec}" is none of them' if misspelt
                  else "fill in the Kecamatan or Kode Desa column")
        return None
    near = index.suggest(nama)
    where = f" in Kecamatan {kec}" if kec and index.kecamatan_named(kec) else ""
    hint = f'did you mean "{near.nama}" (Kecamatan {near.kecamatan.nama})?' if near else None
    out.error(display, row.line, f'desa "{nama}"{where} is not a desa of {regency}', hint)
    return None


def _nama(row: Row, display: str, out: Problems) -> str | None:
    nama = _text(row, "nama")
    if nama is None:
        out.error(display, row.line, "name is empty")
        return None
    bad = values.control_character(nama)
    if bad:
        out.error(display, row.line, f"name {nama!r} contains a control character ({bad})",
                  "retype the name; it was probably pasted from another program")
        return None
    return " ".join(nama.split())


def _jabatan(row: Row, display: str, out: Problems) -> Jabatan | None:
    text = _text(row, "jabatan")
    if text is None:
        out.error(display, row.line, "position (jabatan) is empty")
        return None
    jabatan = _parse_jabatan(text)
    if jabatan is None:
        near = suggest(text)
        hint = (f'did you mean "{near}"?' if near else
                "use Kepala Desa, Sekretaris Desa, Kaur ..., Kasi ... or Kepala Dusun ...")
        out.error(display, row.line, f'unknown position "{text}"', hint)
    return jabatan


def _optional(row: Row, key: str, parse: Any, display: str, out: Problems) -> Any:
    value = row.values.get(key)
    if value is None:
        return None
    try:
        return parse(value)
    except ValueError as exc:
        out.error(display, row.line, str(exc))
        return None


def build_aparat(row: Row, index: DesaIndex, regency: str, display: str, today: dt.date,
                 out: Problems) -> Aparat | None:
    """Validates one row, adding every problem found to `out`; the record when it has no error."""
    before = len(out.errors)
    desa = _desa(row, index, regency, display, out)
    nama = _nama(row, display, out)
    jabatan = _jabatan(row, display, out)
    nik: nik_mod.Nik | None = None
    raw_nik = row.values.get("nik")
    if raw_nik is None:
        out.error(display, row.line, "NIK is empty")
    else:
        try:
            nik = nik_mod.parse(raw_nik, today=today)
        except nik_mod.NikError as exc:
            out.error(display, row.line, str(exc), exc.hint)
    lahir = _optional(row, "tanggal_lahir", values.parse_date, display, out)
    if lahir is not None and lahir > today:
        out.error(display, row.line, f"birth date {lahir:%d/%m/%Y} is in the future")
        lahir = None
    elif lahir is not None and lahir.year < 1900:
        out.error(display, row.line, f"birth date {lahir.day:02d}/{lahir.month:02d}/"
                  f"{lahir.year:04d} is before 1900", "check it against the KTP")
        lahir = None
    jk = _optional(row, "jenis_kelamin", values.parse_gender, display, out)
    siltap = _optional(row, "siltap", values.parse_rupiah, display, out)
    if siltap is not None and siltap <= 0:
        out.error(display, row.line, f"siltap {siltap} is not a monthly income",
                  "write the amount in rupiah, or leave it empty for the statutory minimum")
    terdaftar = _optional(row, "terdaftar", values.parse_yes_no, display, out)
    kpj = _text(row, "kpj")
    if nik is not None:
        if lahir is not None and lahir != nik.birth_date:
            out.warning(display, row.line, f"birth date {lahir:%d/%m/%Y} differs from the one in "
                        f"the NIK ({nik.birth_date:%d/%m/%Y})", "check both against the KTP")
        if jk is not None and jk != nik.gender:
            out.warning(display, row.line, f"sex {jk} differs from the one in the NIK ({nik.gender})",
                        "the NIK adds 40 to the day of birth for women")
    if terdaftar is None:
        terdaftar = kpj is not None
    elif terdaftar and kpj is None:
        out.warning(display, row.line, "marked as enrolled but has no KPJ number",
                    "add the Nomor KPJ from the BPJS membership card")
    elif not terdaftar and kpj is not None:
        out.warning(display, row.line, f"has KPJ number {kpj} but is marked as not enrolled")
    if len(out.errors) > before:
        return None
    assert desa and nama and jabatan and nik
    return Aparat(row.line, desa, nama, int(nik.digits), jabatan, siltap, bool(terdaftar), kpj)
