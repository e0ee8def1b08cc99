"""Micro-benchmark: naive docxtpl (load, render, save per document) against perbup.docx.render.

Run: .venv/bin/python benchmarks/render_micro.py [-n 200]
Prints naive_ms_per_doc, perbup_ms_per_doc and ratio (the target is a ratio of at least 20).
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt
from docxtpl import DocxTemplate
from lxml import etree

from perbup.docx.render import PreparedTemplate


def build_template(path: Path) -> None:
    """A regency letter: letterhead header, apparatus row loop, conditional, 2-page annex table."""
    document = docx.Document()
    # A Pemkab house style carries many styles; with python-docx's own ~350 KB styles.xml this
    # gives a styles part of ~400 KB, the kind of unchanging bulk the naive way recompresses.
    for i in range(150):
        style = document.styles.add_style(f"Gaya Surat {i}", WD_STYLE_TYPE.PARAGRAPH)
        style.font.size, style.font.name, style.font.bold = Pt(10 + i % 5), "Arial", bool(i % 2)
        style.paragraph_format.space_after = Pt(i % 7)
    header = document.sections[0].header
    header.paragraphs[0].text = "PEMERINTAH KABUPATEN {{ kabupaten|upper }}"
    header.add_paragraph("KECAMATAN {{ kecamatan|upper }}")
    header.add_paragraph("Jalan El Tari No. 1, Kupang, Telepon (0380) 123456")
    document.sections[0].footer.paragraphs[0].text = "Desa {{ desa }}, Kecamatan {{ kecamatan }}"
    document.add_paragraph("Nomor: {{ nomor }}")
    document.add_paragraph("Perihal: Penetapan Aparat Desa {{ desa }}")
    document.add_paragraph("Kepada Yth. Kepala Desa {{ desa }} di {{ kecamatan }}")
    for _ in range(6):
        document.add_paragraph(
            "Berdasarkan Peraturan Bupati {{ kabupaten }} Nomor 12 Tahun 2024 tentang penghasilan "
            "tetap, tunjangan dan penerimaan lain yang sah bagi kepala desa dan perangkat desa, "
            "bersama ini kami sampaikan daftar aparat desa {{ desa }}.")
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    titles = ["No", "Nama", "NIK", "Jabatan", "Penghasilan"]
    for cell, text in zip(table.rows[0].cells, titles, strict=True):
        cell.text = text
    table.add_row().cells[0].text = "{%tr for a in aparat %}"
    fields = ["{{ loop.index }}", "{{ a.nama }}", "{{ a.nik }}", "{{ a.jabatan }}",
              "{{ a.siltap }}"]
    for cell, text in zip(table.add_row().cells, fields, strict=True):
        cell.text = text
    table.add_row().cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{%p if ada_bpd %}")
    document.add_paragraph("Tembusan disampaikan kepada Ketua BPD Desa {{ desa }}.")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("Lampiran: uraian tugas perangkat desa")
    annex = document.add_table(rows=0, cols=4)  # ~2 pages of static rows
    annex.style = "Table Grid"
    for i in range(70):
        cells = annex.add_row().cells
        cells[0].text, cells[1].text = str(i + 1), f"Uraian tugas nomor {i + 1} perangkat desa"
        cells[2].text, cells[3].text = "Dasar hukum: Permendagri 84/2015", "Keterangan"
    document.add_paragraph("{{ kecamatan }}, {{ tanggal }}")
    document.add_paragraph("BUPATI {{ kabupaten|upper }}")
    document.save(str(path))


def context(i: int) -> dict[str, Any]:
    return {
        "kabupaten": "Kupang", "kecamatan": "Kupang Timur", "desa": f"Oe'ekam & Nian {i}",
        "nomor": f"140/{i}/PEM/2025", "tanggal": "3 Januari 2025", "ada_bpd": i % 2 == 0,
        "aparat": [{"nama": f"Yohanis O'Nail \"Bapa\" {j}", "nik": f"53011{i:05d}{j:05d}",
                    "jabatan": "Kaur Keuangan", "siltap": "Rp 2.022.200"} for j in range(12)],
    }


def naive(path: Path, values: dict[str, Any]) -> bytes:
    template = DocxTemplate(path)
    template.render(values, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def canonical_body(data: bytes) -> bytes:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    return etree.tostring(etree.fromstring(xml, etree.XMLParser(remove_blank_text=True)),
                          method="c14n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="documents per method (default 200)")
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "surat_aparat.docx"
        build_template(path)
        styles = zipfile.ZipFile(path).getinfo("word/styles.xml").file_size
        print(f"template: {path.stat().st_size // 1024} KB, styles.xml {styles // 1024} KB")

        start = time.perf_counter()
        naive_bytes = sum(len(naive(path, context(i))) for i in range(n))
        naive_ms = (time.perf_counter() - start) * 1000 / n

        start = time.perf_counter()
        prepared = PreparedTemplate.load(path)
        load_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        ours_bytes = sum(len(prepared.render(context(i))) for i in range(n))
        ours_ms = (time.perf_counter() - start) * 1000 / n

        # a benchmark of a wrong answer is worthless: the bodies must mean the same XML
        ours, theirs = prepared.render(context(0)), naive(path, context(0))
        same = canonical_body(ours) == canonical_body(theirs)
        assert same, "perbup and docxtpl disagree on word/document.xml"
    print(f"documents={n} perbup_load_ms={load_ms:.1f}")
    print(f"naive_kb_per_doc={naive_bytes / n / 1024:.1f}")
    print(f"perbup_kb_per_doc={ours_bytes / n / 1024:.1f}")
    print(f"naive_ms_per_doc={naive_ms:.2f}")
    print(f"perbup_ms_per_doc={ours_ms:.2f}")
    print(f"ratio={naive_ms / ours_ms:.1f}")


if __name__ == "__main__":
    main()
