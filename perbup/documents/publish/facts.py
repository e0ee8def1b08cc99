"""What a promulgated decree's publication says of it: number, dates, gazette, signer, files."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from perbup.base.formats import tanggal

#: The abbreviation of the kind, as the national JDIH feed and the Berita Daerah write it.
SINGKATAN = {"perbup": "PERBUP"}
JENIS_NAMA = {"perbup": "Peraturan Bupati"}


@dataclass(frozen=True)
class Tabel:
    """An annex table as published: its title lines, column headings, rows and total row."""

    judul: tuple[str, ...]
    kolom: tuple[str, ...]
    baris: tuple[tuple[str, ...], ...]
    jumlah: tuple[str, ...] = ()
    catatan: tuple[str, ...] = ()


@dataclass(frozen=True)
class Terbitan:
    """A promulgated decree's publication facts, from its content and perbup.yaml."""

    jenis: str  # "perbup"
    kabupaten: str  # "Kabupaten Kupang"
    kepala_daerah: str  # "Bupati"
    nomor: str  # "3"
    tahun: int
    judul: str  # the name, as written: "Petunjuk Khusus …"
    tempat: str  # where it was signed: "Oelamasi"
    ditetapkan: dt.date
    diundangkan: dt.date
    berita_daerah: str  # "3", the gazette number
    bupati: str  # the signer's name as printed: "YOSEF LEDE"
    sekretaris_daerah: str
    lampiran: tuple[Tabel, ...] = field(default=())

    @property
    def nama_jenis(self) -> str:
        """"Peraturan Bupati" (or "Peraturan Wali Kota")."""
        return f"Peraturan {self.kepala_daerah}" if self.jenis == "perbup" else JENIS_NAMA[self.jenis]

    @property
    def daerah(self) -> str:
        """The region's name without its kind: "Kupang"."""
        return re.sub(r"^(Kabupaten|Kota)\s+", "", self.kabupaten)

    @property
    def sebutan(self) -> str:
        """"Peraturan Bupati Kupang Nomor 3 Tahun 2026"."""
        return f"{self.nama_jenis} {self.daerah} Nomor {self.nomor} Tahun {self.tahun}"

    @property
    def judul_lengkap(self) -> str:
        """"Peraturan Bupati Kupang Nomor 3 Tahun 2026 tentang Petunjuk Khusus …"."""
        return f"{self.sebutan} tentang {self.judul}"

    @property
    def sumber(self) -> str:
        """The gazette it was placed in: "Berita Daerah Kabupaten Kupang Tahun 2026 Nomor 3"."""
        return f"Berita Daerah {self.kabupaten} Tahun {self.diundangkan.year} Nomor {self.berita_daerah}"

    @property
    def slug(self) -> str:
        """The region as a FRBR name part: "kabupaten-kupang"."""
        return re.sub(r"[^a-z0-9]+", "-", self.kabupaten.lower()).strip("-")

    @property
    def nomor_id(self) -> str:
        """The number as a name part: "3", "3A"."""
        return re.sub(r"[^A-Za-z0-9.-]+", "-", self.nomor).strip("-")

    @property
    def frbr_work(self) -> str:
        """"/akn/id/act/perbup/kabupaten-kupang/2026/3"."""
        return f"/akn/id/act/{self.jenis}/{self.slug}/{self.tahun}/{self.nomor_id}"

    @property
    def basename(self) -> str:
        """The published files' name before the extension: "perbup-kabupaten-kupang-2026-3"."""
        return f"{self.jenis}-{self.slug}-{self.tahun}-{self.nomor_id}"

    @property
    def file_pdf(self) -> str:
        return f"{self.basename}.pdf"

    @property
    def tanggal_teks(self) -> tuple[str, str]:
        return tanggal(self.ditetapkan), tanggal(self.diundangkan)
