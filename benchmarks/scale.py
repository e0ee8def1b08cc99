"""Peak memory of `perbup letters` at two sizes of a generated province-scale list.

    python benchmarks/scale.py [--small 300] [--large 3000]

Builds two synthetic workspaces (fictitious desa codes inside one regency code, 9 people a
desa, valid NIKs), runs the real command in a child process for each, and prints the peak
resident memory (ru_maxrss) and time of each run. Memory should stay nearly flat: letters are
computed and written one at a time; only the validated list itself grows with the input.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONFIG = """\
kabupaten: {kode: "53.01", nama: Kabupaten Kupang, ibu_kota: Oelamasi, provinsi: Nusa Tenggara Timur}
pejabat: {bupati: {nama: Yosef Lede}, sekretaris_daerah: {nama: Sekretaris}}
surat: {tanggal: 2026-12-01}
"""
POSITIONS = ["Kepala Desa", "Sekretaris Desa", "Kaur Keuangan", "Kaur Perencanaan",
             "Kaur Tata Usaha dan Umum", "Kasi Pemerintahan", "Kasi Pelayanan", "Kepala Dusun I",
             "Kepala Dusun II"]


def workspace(root: Path, desa_count: int) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "perbup.yaml").write_text(CONFIG, encoding="utf-8")
    with (root / "data" / "desa.csv").open("w", newline="", encoding="utf-8") as d_handle, \
            (root / "data" / "aparat.csv").open("w", newline="", encoding="utf-8") as a_handle:
        desa, aparat = csv.writer(d_handle), csv.writer(a_handle)
        desa.writerow(["Kode Desa", "Nama Desa", "Kecamatan"])
        aparat.writerow(["Kode Desa", "Nama", "NIK", "Jabatan"])
        serial = 0
        for i in range(desa_count):
            kec = 1 + i // 500
            kode = f"53.01.{kec:02d}.{2000 + i % 500}"
            desa.writerow([kode, f"Desa Uji {i}", f"Kecamatan Uji {kec}"])
            for position in POSITIONS:
                serial += 1
                # the birth day changes every 9,999 people so every NIK stays unique
                day = 1 + (serial // 10_000) % 28
                nik = f"5301{kec:02d}{day:02d}0385{serial % 10_000 or 9999:04d}"
                aparat.writerow([kode, f"Orang {serial}", nik, position])
    return root


def measure(root: Path, out: Path) -> tuple[float, float]:
    """Peak RSS (MiB) and seconds of one `perbup letters` run, measured in a fresh child."""
    probe = ("import resource, subprocess, sys; "
             "subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "perbup", "letters",
                           "-w", str(root), "-o", str(out), "-q"],
                          check=True, capture_output=True, text=True)
    return int(done.stdout.strip()) / 1024, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=300)
    parser.add_argument("--large", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size in (args.small, args.large):
            root = workspace(Path(tmp) / f"ws{size}", size)
            rss, seconds = measure(root, Path(tmp) / f"out{size}")
            print(f"desa={size} aparat={size * len(POSITIONS)} peak_rss_mib={rss:.1f} "
                  f"seconds={seconds:.1f}")


if __name__ == "__main__":
    main()
