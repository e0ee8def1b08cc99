"""Writes tests/golden/outputs.json: the sha256 of every file perbup writes for two workspaces.

    python scripts/make_output_hashes.py    (tests/test_outputs_unchanged.py fails when one changes)

The two workspaces are the bundled seeds, built with `perbup build` (working copies: the decree
marked KONSEP, letters unnumbered, bundles, letters.zip, the report), and a generated regency of
852 desa, built with `perbup decree`, `perbup letters` (issued: numbered by the register) and
`perbup report`. The large one is not given to `perbup build` because of its 24 kecamatan
bundles: composing them takes 49 of the build's 58 s of CPU (2 cores, December 2026); the
seeds' bundles cover that code. Neither depends on the day it is built: both fix surat.tanggal,
the seeds have no register, and the report of the large one is dated with --date.

Run it only after a deliberate change of the output, and say in the commit why the files changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from perbup.cli import main as perbup

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "tests" / "golden" / "outputs.json"
SEEDS = ROOT / "seeds"
COMMAND = "python scripts/make_output_hashes.py"

#: The generated regency: every setting its documents print filled in, and the letter date
#: fixed, so its output depends on the code alone.
LARGE_CONFIG = """\
kabupaten:
  kode: "53.01"
  nama: Kabupaten Kupang
  ibu_kota: Oelamasi
  provinsi: Nusa Tenggara Timur
  alamat: Jalan Uji 1, Oelamasi
  telepon: "0380 000000"
  laman: uji.example
  email: uji@uji.example
  kode_pos: "85361"
pejabat:
  bupati:
    nama: Yosef Lede
  sekretaris_daerah:
    nama: Mateldius Soleman Jilis Sanam, S.T.
    pangkat: Pembina Utama Muda (IV/c)
    nip: "197001012000031001"
iuran:
  skema: pu
  program: [jkk, jkm, jht]
  kelas_risiko: sangat_rendah
  siltap:
    dasar: Peraturan Bupati Kupang Nomor 3 Tahun 2026 tentang Penghasilan Tetap Kepala Desa dan Perangkat Desa
surat:
  tanggal: 2026-12-01
  tembusan:
    - Camat {kecamatan}
    - Kepala BPJS Ketenagakerjaan Kantor Cabang Kupang
dasar:
  jenis: Peraturan Bupati Kupang
  nomor: "7"
  tahun: 2026
  tentang: Petunjuk Khusus Kepesertaan Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan
  tanggal: 2026-11-20
bpjs:
  kantor: BPJS Ketenagakerjaan Kantor Cabang Kupang
  alamat: Jalan Uji 2, Kupang
"""
DESA, KECAMATAN = 852, 24
POSITIONS = ("Kepala Desa", "Sekretaris Desa", "Kaur Tata Usaha dan Umum", "Kaur Keuangan",
             "Kaur Perencanaan", "Kasi Pemerintahan", "Kasi Kesejahteraan", "Kasi Pelayanan",
             "Kepala Dusun I", "Kepala Dusun II", "Kepala Dusun III")
GIVEN = {"L": ("Yohanis", "Markus", "Daniel", "Petrus", "Simon", "Yakobus", "Agustinus", "Ma'ruf"),
         "P": ("Maria", "Debora", "Yuliana", "Ester", "Naomi", "Agustina", "Nur'aini", "Rahel")}
FAMILY = ("Tefa", "Baok", "Lakapu", "Neno", "Manafe", "Nitbani", "Messakh", "Amtiran", "Radja",
          "Fanggidae", "Ndun", "Tlonaen", "Sabaat")
HEADER = "Kode Desa,Nama Lengkap,NIK,Jabatan,Tanggal Lahir,L/P,Siltap,Terdaftar,Nomor KPJ"


def large_workspace(root: Path) -> Path:
    """A whole regency's list, made by arithmetic alone so it is the same on every run: 852 desa
    in 24 kecamatan, 8 to 11 aparat each with valid NIKs (a woman's birth day + 40), a tenth of
    the desa paying their own siltap, two desa enrolled whole (no letter) and a few people
    elsewhere; the decree's text is the seeds'."""
    (root / "data").mkdir(parents=True)
    shutil.copytree(SEEDS / "content", root / "content")
    (root / "perbup.yaml").write_text(LARGE_CONFIG, encoding="utf-8")
    desa, aparat, serial = ["Kode Desa,Nama Desa,Kode Kecamatan,Kecamatan"], [HEADER], 0
    for i in range(DESA):
        kec = 1 + i * KECAMATAN // DESA
        kode = f"53.01.{kec:02d}.{2001 + i:04d}"
        desa.append(f"{kode},Desa Uji {i + 1},53.01.{kec:02d},Kecamatan Uji {kec}")
        for p, jabatan in enumerate(POSITIONS[:8 + i % 4]):
            serial += 1
            gender = "P" if serial % 4 == 0 else "L"
            born = dt.date(1966, 1, 1) + dt.timedelta(days=serial * 37 % 11_000)
            day = born.day + (40 if gender == "P" else 0)
            nik = f"5301{kec:02d}{day:02d}{born:%m%y}{serial % 9999 + 1:04d}"
            name = (f"{GIVEN[gender][serial % 8]} {FAMILY[serial % 13]}"
                    + (", S.Pd." if p == 0 and i % 7 == 0 else ""))
            siltap = {0: "4.000.000", 1: "3.600.000"}.get(p, "") if i % 10 == 3 else ""
            enrolled = i in (5, 6) or (i % 97 == 11 and p < 3)
            kpj = f"21{serial:09d}" if enrolled else ""
            aparat.append(f'{kode},"{name}",{nik},{jabatan},{born:%d/%m/%Y},{gender},"{siltap}",'
                          f'{"Ya" if enrolled else "Tidak"},{kpj}')
    for name, rows in (("desa.csv", desa), ("aparat.csv", aparat)):
        (root / "data" / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def run(*args: str | Path) -> None:
    """`perbup ARGS` in this process, as the command line runs it; any exit code but 0 raises."""
    try:
        perbup([str(a) for a in args])
    except SystemExit as exc:
        if exc.code:
            raise RuntimeError(f"perbup {' '.join(map(str, args))} exited with {exc.code}") from None


def seeds(root: Path, out: Path) -> None:
    shutil.copytree(SEEDS, root)
    run("build", "-q", "-w", root, "-o", out)


def large(root: Path, out: Path) -> None:
    large_workspace(root)
    run("decree", "-q", "-w", root, "-o", out)
    run("letters", "-q", "-w", root, "-o", out)
    # after the letters, so it has weeks to show and desa past their deadline (late
    # December 2026) to name: on a fixed day, not today
    run("report", "--date", "2027-01-15", "-w", root, "-o", out)


#: Each workspace and how it is built, by its name in the golden file.
CASES = {"seeds": seeds, "852-desa": large}


def hashes(out: Path) -> dict[str, str]:
    """The sha256 of every file under `out`, by its path inside it (perbup's own records of what
    it wrote, .perbup-*, left out: they are not output)."""
    return {path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(out.rglob("*"))
            if path.is_file() and not path.name.startswith(".perbup-")}


def build(name: str, folder: Path) -> dict[str, str]:
    """The hashes of what the workspace `name` gives, built inside `folder`."""
    CASES[name](folder / name, folder / f"{name}-out")
    return hashes(folder / f"{name}-out")


def differences(expected: Mapping[str, str], actual: Mapping[str, str], shown: int = 20) -> list[str]:
    """One line per file that changed, appeared or went missing (at most `shown` of each)."""
    lines: list[str] = []
    for label, files in (("changed", [f for f in actual if f in expected and actual[f] != expected[f]]),
                         ("new", [f for f in actual if f not in expected]),
                         ("missing", [f for f in expected if f not in actual])):
        lines += _listed(label, sorted(files), shown)
    return lines


def _listed(label: str, files: Iterable[str], shown: int) -> list[str]:
    files = list(files)
    lines = [f"  {label}: {f}" for f in files[:shown]]
    if len(files) > shown:
        lines.append(f"  {label}: … and {len(files) - shown} more")
    return lines


def render(folder: Path) -> str:
    data = {name: build(name, folder) for name in CASES}
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="perbup-golden-") as folder:
        text = render(Path(folder))
    TARGET.write_text(text, encoding="utf-8")
    counts = ", ".join(f"{name} {len(files)} files" for name, files in json.loads(text).items())
    print(f"wrote {TARGET.relative_to(ROOT)}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
