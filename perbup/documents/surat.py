"""The content of one village's letter: every value the letter template shows, already formatted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from perbup.base.formats import (
    angka_terbilang,
    persen,
    rupiah,
    rupiah_kata,
    rupiah_tabel,
    rupiah_terbilang,
    tanggal,
)
from perbup.compute.deadline import Batas
from perbup.compute.iuran import (
    NAMA_PROGRAM,
    SKEMA_TEKS,
    IuranOrang,
    Rekap,
    daftar,
    jatuh_tempo,
    program_teks,
    rekap,
    rule,
    tarif_teks,
)
from perbup.compute.law_text import siltap_catatan, tarif_sumber
from perbup.load.config import Config
from perbup.load.ketentuan import Ketentuan
from perbup.load.nik import masked
from perbup.load.regions import Desa
from perbup.store.naskah import Letter, Numbering

#: The variables the letter template may use (checked before a batch starts).
VARIABLES = frozenset({"kab", "surat", "tujuan", "dasar", "program_teks", "batas", "bpjs", "ringkas",
                       "program", "aparat", "total", "ttd", "tembusan", "pembulatan", "skema",
                       "jatuh_tempo", "potongan", "catatan"})

ROWS_PER_SHEET = 18  # annex rows that fit one F4 sheet at 10 pt


@dataclass(frozen=True)
class LetterSettings:
    """What is the same for every letter of one batch; `common` is the part of the context that
    does not depend on the desa, built once."""

    config: Config
    tanggal: dt.date
    batas: Batas
    law: Ketentuan
    full_nik: bool = False
    common: dict[str, Any] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "common", _common(self))


def dasar_nama(config: Config, year: int) -> str:
    """"Peraturan Bupati Kupang Nomor 7 Tahun 2026": the instrument the letters rest on."""
    return f"{config.dasar.jenis} Nomor {config.dasar.nomor} Tahun {config.dasar.tahun or year}"


def _catatan(law: Ketentuan) -> list[str]:
    """The annex's notes: the base with its source, and each rate with its source."""
    rates = "; ".join(f"{p.upper()} {tarif_teks(law.tarif[p], rupiah)} ({tarif_sumber(law, p)})"
                      for p in law.programs)
    base = ("Dasar iuran adalah penghasilan yang dilaporkan sebulan." if law.bpu
            else siltap_catatan(law, rupiah_kata))  # running text: figures with words
    return [base, f"Tarif iuran: {rates}."]


def _common(settings: LetterSettings) -> dict[str, Any]:
    config, law = settings.config, settings.law
    programs = config.iuran.program
    dasar = dasar_nama(config, settings.tanggal.year)
    shares = [f"{p.upper()} {persen(law.tarif[p].pekerja)}" for p in programs if law.tarif[p].pekerja]
    skema = SKEMA_TEKS[config.iuran.skema]
    month = "bulan berikutnya" if law.jatuh_tempo.bulan == "berikutnya" else "bulan yang bersangkutan"
    return {
        "kab": kop(config),
        "dasar": {"judul": f"{dasar} tentang {config.dasar.tentang}", "nama": dasar,
                  "tanggal": tanggal(config.dasar.tanggal) if config.dasar.tanggal else "…"},
        "program_teks": program_teks(programs),
        "batas": {"tanggal": tanggal(settings.batas.tanggal) if settings.batas.tanggal else "…",
                  "hari": f"{angka_terbilang(config.surat.batas_hari_kerja)} hari kerja",
                  "teks": settings.batas.teks(dasar, config.dasar.jenis)},
        "bpjs": {"kantor": config.bpjs.kantor, "alamat": config.bpjs.alamat},
        "program": [{"kode": p.upper(), "nama": NAMA_PROGRAM[p],
                     "tarif": tarif_teks(law.tarif[p], rupiah)} for p in programs],
        "skema": {**skema, "jatuh_tempo": month},
        "jatuh_tempo": jatuh_tempo(law),
        "potongan": {"ada": law.potongan, "program": daftar(shares)},
        "ttd": signature(config),
        "pembulatan": rule(law),
        "catatan": _catatan(law),
    }


def kop(config: Config) -> dict[str, str]:
    """The letterhead's values, shared by every letter on the kop."""
    kab = config.kabupaten
    return {"pemerintah": f"PEMERINTAH {kab.nama.upper()}", "alamat": kab.alamat,
            "telepon": kab.telepon, "laman": kab.laman, "email": kab.email,
            "kode_pos": kab.kode_pos, "kepala_upper": kepala_upper(config)}


def short_name(config: Config) -> str:
    """"Kupang" from "Kabupaten Kupang"."""
    nama = config.kabupaten.nama
    for prefix in ("Kabupaten ", "Kota "):
        if nama.startswith(prefix):
            return nama[len(prefix):]
    return nama


def kepala_upper(config: Config) -> str:
    """"BUPATI KUPANG"."""
    return f"{config.kabupaten.kepala_daerah} {short_name(config)}".upper()


def numbering(config: Config) -> Numbering:
    """How the register numbers letters: the pattern of surat.nomor, from surat.nomor_awal."""
    return Numbering(config.surat.nomor, config.surat.nomor_awal)


def register_letter(settings: LetterSettings, desa: Desa, jenis: str = "surat_desa",
                    hal: str | None = None) -> Letter:
    """What the register records of `desa`'s letter (SRIKANDI's fields for an outgoing naskah)."""
    config = settings.config
    ttd = signature(config)
    signer = " ".join(part for part in (ttd["an"], ttd["jabatan"], ttd["nama"]) if part)
    return Letter(jenis=jenis, kode_tujuan=desa.kode,
                  tujuan=f"Kepala Desa {desa.nama}, Kecamatan {desa.kecamatan.nama}",
                  hal=hal or config.surat.hal, tanggal=settings.tanggal,
                  jenis_naskah="Surat Dinas", sifat=config.surat.sifat,
                  urgensi=config.surat.urgensi, kode_klasifikasi=config.surat.kode_klasifikasi,
                  penandatangan=signer, tembusan=tuple(tembusan(config, desa)),
                  batas=settings.batas.tanggal)


def tembusan(config: Config, desa: Desa) -> list[str]:
    """The copies, with {kecamatan} and {desa} filled in."""
    return [t.replace("{kecamatan}", desa.kecamatan.nama).replace("{desa}", desa.nama)
            for t in config.surat.tembusan]


def signing(config: Config) -> dict[str, Any]:
    """How every signature block of the documents is signed (`ttd` in perbup.yaml): `elektronik`
    keeps room for the signing application's QR code instead of a gap for the pen, and the
    footer `catatan` (the notes printed under a document signed electronically)."""
    return {"elektronik": config.ttd == "elektronik", "catatan": list(config.catatan_elektronik)}


def signature(config: Config) -> dict[str, Any]:
    """The signature block's values: the regent, or the Sekretaris Daerah a.n. the regent, and
    how it is signed."""
    kepala = kepala_upper(config)
    if config.surat.penandatangan == "sekretaris_daerah":
        sekda = config.pejabat.sekretaris_daerah
        return {"an": f"a.n. {kepala}", "jabatan": "SEKRETARIS DAERAH,", "nama": sekda.nama,
                "pangkat": sekda.pangkat, "nip": sekda.nip, **signing(config)}
    return {"an": "", "jabatan": f"{kepala},", "nama": config.pejabat.bupati.nama.upper(),
            "pangkat": "", "nip": "", **signing(config)}


def _person(row: IuranOrang, no: int, full_nik: bool) -> dict[str, Any]:
    person = row.aparat
    enrolled = person.terdaftar
    deducted = f"Dipotong dari siltap {rupiah(row.dipotong)}" if row.dipotong else ""
    return {
        "no": no,
        "nama": person.nama,
        "jabatan": person.jabatan.nama,
        "nik": person.nik if full_nik else masked(person.nik),
        "upah": rupiah_tabel(row.upah),
        "iuran": ["-" if enrolled else rupiah_tabel(a) for a in row.per_program],
        "jumlah": "-" if enrolled else rupiah_tabel(row.iuran),
        "keterangan": (f"Sudah terdaftar, KPJ {person.kpj}" if person.kpj else "Sudah terdaftar")
        if enrolled else deducted,
    }


def letter_context(settings: LetterSettings, desa: Desa, rows: Sequence[IuranOrang],
                   nomor: str) -> tuple[dict[str, Any], Rekap]:
    """The template context for `desa`'s letter numbered `nomor` (from the register), and its
    totals for the manifest."""
    config = settings.config
    kab = config.kabupaten
    total = rekap(rows, config.iuran.program)
    ordered = sorted(rows, key=lambda r: (r.aparat.jabatan.urutan, r.aparat.nama))
    sheets = 1 + max(len(rows) - 1, 0) // ROWS_PER_SHEET
    context = {
        **settings.common,
        "surat": {"tempat_tanggal": f"{kab.ibu_kota}, {tanggal(settings.tanggal)}",
                  "nomor": nomor,
                  "sifat": config.surat.sifat, "lampiran": f"{angka_terbilang(sheets)} lembar",
                  "hal": config.surat.hal},
        "tujuan": {"desa": desa.nama, "kecamatan": desa.kecamatan.nama, "di": "Tempat"},
        # What the desa budgets (the employer's shares) and what it deducts from the siltap.
        "ringkas": {"belum": total.belum, "sudah": total.terdaftar, "jumlah": total.aparat,
                    "bulanan": rupiah(total.dianggarkan), "tahunan": rupiah(total.tahunan),
                    "bulanan_terbilang": rupiah_terbilang(total.dianggarkan),
                    "tahunan_terbilang": rupiah_terbilang(total.tahunan),
                    "potongan": rupiah(total.dipotong),
                    "potongan_terbilang": rupiah_terbilang(total.dipotong)},
        "aparat": [_person(r, i, settings.full_nik) for i, r in enumerate(ordered, start=1)],
        # the annex table: digits under headings that say "(Rp)"
        "total": {"upah": rupiah_tabel(total.upah), "iuran": [rupiah_tabel(a) for a in total.per_program],
                  "pemberi_kerja": [rupiah_tabel(a) for a in total.pemberi_kerja],
                  "pekerja": [rupiah_tabel(a) for a in total.pekerja],
                  "bulanan": rupiah_tabel(total.iuran), "dianggarkan": rupiah_tabel(total.dianggarkan),
                  "dipotong": rupiah_tabel(total.dipotong), "tahunan": rupiah_tabel(total.tahunan)},
        "tembusan": tembusan(config, desa),
    }
    return context, total
