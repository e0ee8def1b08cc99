"""The same inputs give the same bytes in any process: whatever its hash seed, whatever it has imported."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx

from perbup.base.paths import seeds_dir
from perbup.docx.render import PreparedTemplate
from tests.helpers import make_workspace
from tests.test_diff import seed_versions, write

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str, *args: str | Path, seed: str = "0") -> bytes:
    """What `code` writes to stdout, run by a fresh Python with hash seed `seed` (this checkout
    on its path); any exit code but 0 fails the test with its stderr."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True,
                          env=env, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def _files(out: Path) -> dict[str, bytes]:
    """Every file under `out` but the lock (empty), by its path inside it."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".perbup-lock"}


def test_build_and_diff_write_the_same_bytes_in_two_processes(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "content").mkdir()
    (ws / "content" / "perbup.yaml").write_bytes((seeds_dir() / "content" / "perbup.yaml").read_bytes())
    old, new = seed_versions()
    drafts = (write(tmp_path, "v1.yaml", old), write(tmp_path, "v2.yaml", new))
    command = "import sys; from perbup.cli import main; main(sys.argv[1:])"
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        _python(command, "build", "-q", "-w", ws, "-o", out / "build", seed=seed)
        _python(command, "diff", *drafts, "-o", out / "diff", "--date", "2026-12-01",
                "--author", "Bagian Hukum", seed=seed)
    first, second = _files(tmp_path / "out-1"), _files(tmp_path / "out-2")
    assert {"build/decree/perbup-draft.docx", "build/letters.zip", "build/report/report.docx",
            "diff/matriks-perubahan.docx", "diff/redline.docx"} <= set(first)
    assert [name for name in first if first[name] != second.get(name)] == []
    assert set(first) == set(second)


def test_core_properties_get_their_prefixes_whatever_the_process_imported(tmp_path: Path) -> None:
    # A template whose core.xml declares only its own namespace (not every tool writes all
    # five): the dates perbup adds there are in dcterms:, declared where they stand. lxml alone
    # would call it ns0, or dcterms once openpyxl (imported here, by the report) registered it.
    document = docx.Document()
    document.add_paragraph("Desa {{ desa }}")
    buffer = io.BytesIO()
    document.save(buffer)
    core = (b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            b'metadata/core-properties"><cp:revision>3</cp:revision></cp:coreProperties>')
    template = tmp_path / "surat.docx"
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(template, "w") as target:
        for info in source.infolist():
            target.writestr(info, core if info.filename == "docProps/core.xml" else source.read(info))
    here = PreparedTemplate.load(template).render({"desa": "Oelnasi"})
    code = ("import sys; from perbup.docx.render import PreparedTemplate; "
            "assert 'openpyxl' not in sys.modules; "
            "sys.stdout.buffer.write(PreparedTemplate.load(sys.argv[1]).render({'desa': 'Oelnasi'}))")
    assert _python(code, template) == here
    with zipfile.ZipFile(io.BytesIO(here)) as archive:
        written = archive.read("docProps/core.xml").decode()
    assert ('<dcterms:created xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF">'
            '2000-01-01T00:00:00Z</dcterms:created>') in written
