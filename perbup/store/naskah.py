"""What the register numbers: a letter's details and the number pattern, without the database
(documents import these; only issuing opens the database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: What a number stands for while it is not taken yet (drafts, trial renders).
UNNUMBERED = "…"


@dataclass(frozen=True)
class Numbering:
    """The number pattern (surat.nomor) and where a year's running numbers start."""

    pattern: str  # "{kode}/{seq}/BAG.HUK/{tahun}"
    start: int = 1

    def scope(self, kode: str) -> str:
        """What the running number counts within besides the year: the code when the pattern
        prints it, so each classification code has its own numbers."""
        return kode if "{kode}" in self.pattern else ""

    def format(self, kode: str, seq: int | str, tahun: int) -> str:
        return (self.pattern.replace("{kode}", kode).replace("{seq}", str(seq))
                .replace("{tahun}", str(tahun)))


@dataclass(frozen=True)
class Letter:
    """What the register records of one letter, known before its number is."""

    jenis: str  # the document kind: "surat_desa", "surat_pengingat"
    kode_tujuan: str  # the desa's code: with jenis, hal and year, what keeps the number
    tujuan: str  # "Kepala Desa Bokonusan, Kecamatan Semau"
    hal: str
    tanggal: dt.date
    jenis_naskah: str  # "Surat Dinas"
    sifat: str
    urgensi: str
    kode_klasifikasi: str
    penandatangan: str
    tembusan: tuple[str, ...] = ()
    batas: dt.date | None = None  # the deadline the letter gives

    @property
    def key(self) -> tuple[str, str, str, int]:
        return self.jenis, self.kode_tujuan, self.hal, self.tanggal.year
