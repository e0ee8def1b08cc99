"""Makes PDFs of the seed letters with one LibreOffice start per file, then perbup's batched way.

    python benchmarks/pdf.py [--count N] [--sample S] [--jobs J]

Per file: the usual loop, `soffice --convert-to pdf FILE` once per letter, one after another,
with a profile warmed up beforehand (not timed) and the same options perbup passes. Each start
costs the same whatever the batch, so the per-file rate is measured on the first S letters
(default 10) rather than waiting minutes for all of them. Batched:
`perbup.docx.office.convert_to_pdf`, which cuts the files into J chunks and starts one LibreOffice per
chunk, in parallel, each with a new profile (created inside the timing, as in a real run). The
letters are written first by perbup's letters code into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from perbup.documents.letters import LettersOptions, make_letters, plan_letters
from perbup.docx.office import _command, convert_to_pdf, find_office
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=0, help="letters (default: all seed letters)")
    parser.add_argument("--sample", type=int, default=10,
                        help="letters converted one start each for the per-file rate (default: 10)")
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                        help="LibreOffice processes for the batched way (default: CPUs, at most 4)")
    args = parser.parse_args()
    office = find_office()
    if office is None:
        raise SystemExit("LibreOffice is not installed: sudo apt-get install libreoffice-writer-nogui")
    dataset = load_dataset(Workspace.load(ROOT / "seeds"))
    # Working copies: the seeds leave what letters print to the bureau, and speed is the same.
    planned, _ = plan_letters(dataset, LettersOptions(final=False))
    chosen = tuple(p.desa.kode for p in planned[: args.count or None])
    with tempfile.TemporaryDirectory(prefix="perbup-bench-") as temp:
        root = Path(temp)
        result = make_letters(dataset, LettersOptions(out=root / "out", desa=chosen, final=False))
        files = [root / "out" / p.file for p in result.planned]

        profile, outdir = root / "profile", root / "per-file"
        subprocess.run(_command(office, profile, outdir, files[:1]), check=True,
                       capture_output=True)  # warm-up: the profile exists before timing
        sample = files[: args.sample]
        start = time.perf_counter()
        for file in sample:
            subprocess.run(_command(office, profile, outdir, [file]), check=True,
                           capture_output=True)
        per_file = (time.perf_counter() - start) / len(sample)
        assert len(list(outdir.glob("*.pdf"))) == len(sample)

        start = time.perf_counter()
        pdfs = convert_to_pdf(files, jobs=args.jobs)
        batched = (time.perf_counter() - start) / len(files)
        assert all(p.is_file() for p in pdfs)

    print(f"letters={len(files)}")
    print(f"per_file_sample={len(sample)}")
    print(f"jobs={args.jobs}")
    print(f"cpus={os.cpu_count()}")
    print(f"per_file_s_per_pdf={per_file:.3f}")
    print(f"batched_s_per_pdf={batched:.3f}")
    print(f"ratio={per_file / batched:.1f}")


if __name__ == "__main__":
    main()
