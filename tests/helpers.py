"""Test helpers: build a workspace inline and run the CLI the way a user does."""

from __future__ import annotations

import functools
import io
import tempfile
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

from click.testing import CliRunner

from perbup.cli import main
from perbup.compute.numbering import Decree, TempatTanggal

CONFIG = """\
kabupaten:
  kode: "53.01"
  nama: Kabupaten Kupang
  ibu_kota: Oelamasi
  provinsi: Nusa Tenggara Timur
pejabat:
  bupati:
    nama: Yosef Lede
  sekretaris_daerah:
    nama: Mateldius Soleman Jilis Sanam, S.T.
surat:
  tanggal: 2026-12-01
"""
#: Letters cite a numbered instrument; make_workspace adds it after whatever a test appends, so
#: the lines of CONFIG stay where the tests expect them.
DASAR = 'dasar: {nomor: "7", tanggal: 2026-11-20}\n'


SEEDS = Path(__file__).resolve().parent.parent / "seeds"

DESA = """\
Kode Desa,Nama Desa,Kode Kecamatan,Kecamatan
53.01.04.2003,Bokonusan,53.01.04,Semau
53.01.04.2004,Otan,53.01.04,Semau
53.01.08.2006,Oelnasi,53.01.08,Kupang Tengah
53.01.08.2008,Noelbaki,53.01.08,Kupang Tengah
"""

HEADER = "Kode Desa,Nama Lengkap,NIK,Jabatan,Tanggal Lahir,L/P,Siltap,Terdaftar,Nomor KPJ\n"


def numbered_decree(**fields: Any) -> Decree:
    """A small decree as numbering.build_decree numbers one, with `fields` instead of its own:
    a test names only what it is about."""
    undated = TempatTanggal("", None, "…")
    return replace(Decree(
        jenis="perbup", judul_dokumen="PERATURAN BUPATI KUPANG", nomor_tahun="NOMOR … TAHUN 2026",
        tentang="UJI", nama="Uji", menimbang=[("a.", "bahwa uji;")],
        mengingat=[("1.", "Pasal 18 ayat (6) ….")], menetapkan="PERATURAN BUPATI TENTANG UJI.",
        blocks=[], lampiran=[], penetapan=undated, pengundangan=undated,
        berita_daerah="BERITA DAERAH KABUPATEN KUPANG TAHUN 2026 NOMOR …", konsep=True, labels={}),
        **fields)


def nik(kecamatan: str = "530104", born: str = "120385", serial: int = 1) -> str:
    """A structurally valid NIK: kecamatan code, DDMMYY (day + 40 for women), serial."""
    return f"{kecamatan}{born}{serial:04d}"


def aparat_rows(desa: str = "53.01.04.2003", kecamatan: str = "530104", start: int = 1) -> str:
    """A complete, valid desa: Kepala Desa, Sekretaris Desa, a Kaur and a Kepala Dusun."""
    people = [("Yohanis Tefa", "Kepala Desa"), ("Maria Neno", "Sekretaris Desa"),
              ("Markus Baok", "Kaur Keuangan"), ("Daniel Lakapu", "Kadus 1")]
    lines = []
    for i, (name, jabatan) in enumerate(people):
        female = name.startswith("Maria")
        day = 12 + (40 if female else 0)
        lines.append(f"{desa},{name},{nik(kecamatan, f'{day:02d}0385', start + i)},{jabatan},"
                     f"12/03/1985,{'P' if female else 'L'},,Tidak,\n")
    return "".join(lines)


def make_workspace(root: Path, aparat: str | bytes | None = None, *, config: str = CONFIG,
                   desa: str = DESA, aparat_name: str = "aparat.csv") -> Path:
    """Writes perbup.yaml, data/desa.csv and data/<aparat_name> into `root`."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    if aparat_name != "aparat.csv":
        config += f"data:\n  aparat: data/{aparat_name}\n"
    if config.startswith("kabupaten:") and "\ndasar:" not in config:
        config += ("" if config.endswith("\n") else "\n") + DASAR
    (root / "perbup.yaml").write_text(config, encoding="utf-8")
    (root / "data" / "desa.csv").write_text(desa, encoding="utf-8")
    if aparat is None:
        aparat = HEADER + aparat_rows()
    target = root / "data" / aparat_name
    if isinstance(aparat, bytes):
        target.write_bytes(aparat)
    else:
        target.write_text(aparat, encoding="utf-8")
    return root


#: The seeds' citation of the regent's siltap Perbup, a [placeholder] that every document prints,
#: and a test value for it.
SILTAP_FILLED = ('"[Peraturan Bupati Kupang Nomor … Tahun … tentang Penghasilan Tetap Kepala Desa dan '
                 'Perangkat Desa]"', "Peraturan Bupati Kupang Nomor 3 Tahun 2026 tentang Penghasilan "
                 "Tetap Kepala Desa dan Perangkat Desa")


def siltap_filled(config: Path) -> None:
    """The seeds' perbup.yaml at `config` with the regent's siltap Perbup cited (a test value)."""
    text = config.read_text(encoding="utf-8")
    assert SILTAP_FILLED[0] in text
    config.write_text(text.replace(*SILTAP_FILLED), encoding="utf-8")


@functools.cache
def letter_seeds() -> Path:
    """One `ready_seeds` copy for the whole test run, for tests that only read it."""
    return ready_seeds(Path(tempfile.mkdtemp(prefix="perbup-seeds-")) / "seeds")


def ready_seeds(root: Path) -> Path:
    """A copy of the seed workspace with what its letters print filled in (test values), so
    letters can go out; the seeds themselves leave them to the bureau."""
    import shutil

    shutil.copytree(SEEDS, root)
    config = root / "perbup.yaml"
    text = config.read_text(encoding="utf-8")
    for old, new in (('"[Alamat Kantor Bupati Kupang, Oelamasi]"', "Jalan Uji 1, Oelamasi"),
                     ('"[Nomor telepon]"', '"0380 000000"'), ('"[Laman resmi]"', "uji.example"),
                     ('"[Alamat surel]"', "uji@uji.example"), ('"[Kode pos]"', '"85361"'),
                     ('"[Alamat Kantor Cabang Kupang]"', "Jalan Uji 2, Kupang"),
                     ('nomor: "…"', 'nomor: "7"'), ("\n  tanggal:\n", "\n  tanggal: 2026-11-20\n"),
                     SILTAP_FILLED):
        assert old in text, old
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")
    return root


def allocated(module: ModuleType, action: Callable[[], object]) -> int:
    """The bytes that code in `module` allocated while `action` ran and still holds after it.

    Only allocations made on `module`'s lines count, so what the interpreter's own tables grow
    by on the way (pathlib interns every path part it parses) does not make a test flaky.
    """
    only = [tracemalloc.Filter(True, module.__file__ or "")]
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot().filter_traces(only)
        action()
        after = tracemalloc.take_snapshot().filter_traces(only)
    finally:
        tracemalloc.stop()
    return sum(s.size_diff for s in after.compare_to(before, "filename"))


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def mengingat_filled(text: str) -> str:
    """A content file's text with its Mengingat filled in (test values): the numbers left as "…"
    and the title left as a [placeholder] (the regent's siltap Perbup) in the seeds."""
    import re

    start, end = text.index("\nmengingat:"), text.index("\nbab:")
    mengingat = re.sub(r"\[judul [^\]]*\]", "Penghasilan Tetap Kepala Desa dan Perangkat Desa",
                       text[start:end].replace("…", "2026"))
    return text[:start] + mengingat + text[end:]


def run(*args: str | Path) -> Result:
    """Runs `perbup ARGS` through the real entry point, capturing output and exit code."""
    runner = CliRunner()
    with runner.isolation() as streams:
        out, err = streams[0], streams[1]
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        stdout = out.getvalue().decode()
        stderr = err.getvalue().decode() if isinstance(err, io.BytesIO) else ""
    return Result(code, stdout, stderr)


def promulgated_seeds(root: Path) -> Path:
    """`ready_seeds` with the decree signed and promulgated (test values): its Mengingat filled
    in, its number, the dates of penetapan and pengundangan and the Berita Daerah number given,
    and no KONSEP marking, as `perbup publish` wants it."""
    ready_seeds(root)
    content = root / "content" / "perbup.yaml"
    text = mengingat_filled(content.read_text(encoding="utf-8"))
    for old, new in (('nomor: "…"        # the legal bureau', 'nomor: "3"        # the legal bureau'),
                     ("konsep: true", "konsep: false"),
                     ("penetapan:\n  tanggal:\n", "penetapan:\n  tanggal: 2026-12-10\n"),
                     ("pengundangan:\n  tanggal:\n  nomor: \"…\"",
                      "pengundangan:\n  tanggal: 2026-12-11\n  nomor: \"3\"")):
        assert old in text, old
        text = text.replace(old, new)
    content.write_text(text, encoding="utf-8")
    return root


def with_equal_grid(template: Path) -> io.BytesIO:
    """The template as perbup reads it: a table with a column loop given an equal grid first
    (render.equal_grid), perbup's one deliberate difference from a naive docxtpl render."""
    import docx
    from docx.oxml.ns import qn

    from perbup.docx.render import equal_grid

    source = docx.Document(str(template))
    for table in source.element.body.iter(qn("w:tbl")):
        if "{%tc" in "".join(table.itertext()):
            equal_grid(table)
    prepared = io.BytesIO()
    source.save(prepared)
    prepared.seek(0)
    return prepared
