"""Peak memory of `perbup check` and `perbup letters` at two sizes of a generated list.

    python benchmarks/scale.py [--small 300] [--large 3000] [--command check --command letters]

Builds two synthetic workspaces (fictitious desa codes inside one regency code, 9 people a
desa, valid NIKs), runs each real command in a child process for each, and prints the rows of
the list, the peak resident memory (ru_maxrss) and time of each run, then what one more row
costs between the two sizes. Letters are computed and written one at a time and rows are
validated as they are read, so only the validated list grows with the input: that cost per row,
times the rows of a national list (about a million), is what the list needs.

Measured on 2 cores, December 2026 (`--large 11112 --command letters --command check`):
letters 1,013 bytes a row before each desa's contributions were computed only when its letter is
made, 769 after, 540 as issue #12 found it, 454 once the register's records, the manifest and the
output record were made as they are written and the NIK was kept as a number (0.6 GB a million
rows); check 725 before contributions were slotted, 508 after, 422 as found, 373 now (0.5 GB).
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
dasar: {nomor: "7", tanggal: 2026-11-20}
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


def measure(root: Path, out: Path, command: str) -> tuple[float, float]:
    """Peak RSS (MiB) and seconds of one `perbup COMMAND` run, measured in a fresh child."""
    probe = ("import resource, subprocess, sys; "
             "subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    start = time.perf_counter()
    options = ["-o", str(out), "-q"] if command == "letters" else []
    done = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "perbup", command,
                           "-w", str(root), *options], check=True, capture_output=True, text=True)
    return int(done.stdout.strip()) / 1024, time.perf_counter() - start


#: What one more row may cost (bytes), for a national list of a million rows to stay well under
#: 1 GB with the rest of a run (issue #12).
TARGET = 450
NATIONAL = 1_000_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=300)
    parser.add_argument("--large", type=int, default=3000)
    parser.add_argument("--command", action="append", choices=["check", "letters"])
    parser.add_argument("--target", type=int, default=TARGET, help="bytes a row at most")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        roots = {size: workspace(Path(tmp) / f"ws{size}", size) for size in (args.small, args.large)}
        for command in args.command or ["check", "letters"]:
            peaks = []
            for size, root in roots.items():
                rss, seconds = measure(root, Path(tmp) / f"out{size}", command)
                peaks.append(rss)
                print(f"{command}: desa={size} rows={size * len(POSITIONS)} "
                      f"peak_rss_mib={rss:.1f} seconds={seconds:.1f}")
            rows = (args.large - args.small) * len(POSITIONS)
            per_row = (peaks[1] - peaks[0]) * 2**20 / rows
            national = (peaks[0] * 2**20 + per_row * (NATIONAL - args.small * len(POSITIONS))) / 1e9
            verdict = "met" if per_row <= args.target else "MISSED"
            print(f"{command}: bytes_per_row={per_row:.0f} target<={args.target} {verdict}; "
                  f"{NATIONAL:,} rows would peak at about {national:.2f} GB")


if __name__ == "__main__":
    main()
