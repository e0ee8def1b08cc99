"""Builds templates/laporan.docx, the coverage report to the regent, with python-docx; drafters then edit it in Word.

Usage: ``python scripts/make_report_template.py [--out templates]``

*Laporan Kepesertaan Aparat Desa dalam Program BPJS Ketenagakerjaan*: a summary, the table per
kecamatan and the chart. It is a docxtpl/Jinja template that perbup renders with autoescape on
(``perbup report``). The variables it reads (strings already formatted by perbup, except
``kecamatan[].no``) are::

    kab         nama, nama_upper, kepala, ibu_kota
    laporan     tanggal, tempat_tanggal
    ringkas     desa, desa_terdaftar, desa_belum, persen_desa, aparat, aparat_terdaftar,
                aparat_belum, persen_aparat, bulanan, tahunan, bulanan_terbilang, tahunan_terbilang
    program_teks
    pencocokan  file, cocok, baru, tidak_dikenal (empty when no BPJS list was applied)
    bpjs        kantor
    kecamatan   [{no, nama, desa, desa_terdaftar, aparat, aparat_terdaftar, persen_aparat,
                  bulanan, tahunan}]
    total       desa, desa_terdaftar, aparat, aparat_terdaftar, persen_aparat, bulanan, tahunan
    pembulatan
    ttd         jabatan, nama, pangkat, nip

The chart is a picture named ``grafik_cakupan`` (Word: right-click > View Alt Text / Selection
Pane). The template holds a grey placeholder; perbup replaces the picture's bytes with the chart,
drawn at the picture's size in the template. So a drafter may move or resize the picture, but must
keep its name and keep it a PNG.

Layout as the letter template (scripts/make_templates.py, whose helpers this script uses): F4
(215 x 330 mm), Bookman Old Style 12 pt, the table at 9 pt. The output is the same byte for byte
on every run.
"""  # noqa: E501 - the first line is the script's one-line summary, kept whole

from __future__ import annotations

import argparse
import io
import struct
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_templates import (  # the letter template's helpers, for the same look
    CENTER,
    DEFAULT_OUT,
    JUSTIFY,
    LEFT,
    RIGHT,
    RIGHT_BLOCK_CM,
    TWIPS_PER_EMU,
    _new_table,
    _page_setup,
    _properties,
    _setup_styles,
    _signature,
    _table_props,
    add_par,
    add_row,
    cell_par,
    save_deterministic,
)

NAME = "laporan.docx"
CHART_NAME = "grafik_cakupan"  # perbup finds the chart picture by this name
CHART_WIDTH_CM, CHART_HEIGHT_CM = 16.0, 19.0
# No, Kecamatan, Desa (jumlah, terdaftar), Aparat (jumlah, terdaftar, %), Iuran (bulan, tahun)
WIDTHS_CM = (0.8, 3.5, 1.5, 1.7, 1.5, 1.7, 1.2, 2.3, 2.6)


def placeholder_png(width: int = 160, height: int = 190) -> bytes:
    """A light grey box with a darker border, in the chart's proportions; no library needed."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    edge, fill = b"\x99", b"\xee"
    border, inside = edge * width, edge * 2 + fill * (width - 4) + edge * 2
    # each row: filter type 0, then one grey byte a pixel
    rows = [b"\x00" + (border if y < 2 or y >= height - 2 else inside) for y in range(height)]
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def _heading(doc, text: str) -> None:
    add_par(doc, text, bold=True, before=12, after=6, keep_next=True, left=0.75, first=-0.75,
            tabs=[0.75])


def _summary(doc) -> None:
    body: dict[str, Any] = {"align": JUSTIFY, "first": 1.25, "after": 6}
    add_par(doc, "Sampai dengan tanggal {{ laporan.tanggal }}, dari {{ ringkas.aparat }} orang "
                 "aparat desa pada {{ ringkas.desa }} desa di {{ kab.nama }}, sebanyak "
                 "{{ ringkas.aparat_terdaftar }} orang ({{ ringkas.persen_aparat }}) telah terdaftar "
                 "sebagai peserta program {{ program_teks }} BPJS Ketenagakerjaan dan "
                 "{{ ringkas.aparat_belum }} orang belum terdaftar. Desa yang seluruh aparatnya telah "
                 "terdaftar sebanyak {{ ringkas.desa_terdaftar }} desa ({{ ringkas.persen_desa }}); "
                 "{{ ringkas.desa_belum }} desa lainnya masih perlu mendaftarkan aparatnya.", **body)
    add_par(doc, "Iuran yang masih perlu dianggarkan dalam APB Desa untuk aparat desa yang belum "
                 "terdaftar sebesar {{ ringkas.bulanan }} ({{ ringkas.bulanan_terbilang }}) per bulan "
                 "atau {{ ringkas.tahunan }} ({{ ringkas.tahunan_terbilang }}) per tahun.", **body)
    add_par(doc, "{%p if pencocokan %}", **body)
    add_par(doc, "Data ini telah dimutakhirkan dengan daftar peserta dari {{ bpjs.kantor }}: "
                 "{{ pencocokan.cocok }} orang dalam daftar tersebut cocok dengan daftar aparat desa "
                 "berdasarkan NIK, {{ pencocokan.baru }} orang di antaranya baru tercatat sebagai "
                 "peserta.{% if pencocokan.tidak_dikenal %} Sebanyak {{ pencocokan.tidak_dikenal }} "
                 "NIK dalam daftar tersebut tidak terdapat dalam daftar aparat desa dan perlu "
                 "diperiksa.{% endif %}", **body)
    add_par(doc, "{%p endif %}", **body)


def _table(doc) -> None:
    add_par(doc, "Tabel 1. Cakupan kepesertaan aparat desa per kecamatan", align=CENTER, after=6,
            keep_next=True)
    widths = [int(Cm(w) * TWIPS_PER_EMU) for w in WIDTHS_CM]
    table = _new_table(doc, len(widths), sum(widths))
    mid = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    hdr: dict[str, Any] = {"align": CENTER, "bold": True, "valign": mid}
    top = add_row(table, [1, 1, 2, 3, 2], header=True)
    for cell, text in zip(top, ("No", "Kecamatan", "Desa", "Aparat Desa",
                                "Iuran yang Belum Dianggarkan (Rp)"), strict=True):
        cell_par(cell, text, **hdr)
    bottom = add_row(table, [1] * len(widths), header=True)
    for cell, text in zip(bottom[2:], ("Jumlah", "Seluruh Aparat Terdaftar", "Jumlah", "Terdaftar",
                                       "%", "per Bulan", "per Tahun"), strict=True):
        cell_par(cell, text, **hdr)
    for index in (0, 1):
        top[index].merge(bottom[index])

    numbers = ("desa", "desa_terdaftar", "aparat", "aparat_terdaftar", "persen_aparat", "bulanan",
               "tahunan")
    (cell,) = add_row(table, [len(widths)])
    cell_par(cell, "{%tr for k in kecamatan %}")
    cells = add_row(table, [1] * len(widths))
    cell_par(cells[0], "{{ k.no }}", align=CENTER)
    cell_par(cells[1], "{{ k.nama }}", align=LEFT)
    for cell, key in zip(cells[2:], numbers, strict=True):
        cell_par(cell, "{{ k." + key + " }}", align=RIGHT)
    (cell,) = add_row(table, [len(widths)])
    cell_par(cell, "{%tr endfor %}")
    cells = add_row(table, [2] + [1] * (len(widths) - 2))
    cell_par(cells[0], "Jumlah", align=CENTER, bold=True)
    for cell, key in zip(cells[1:], numbers, strict=True):
        cell_par(cell, "{{ total." + key + " }}", align=RIGHT, bold=True)
    _table_props(table, widths, borders=True, cell_margin_cm=0.08, cell_margin_v_cm=0.03,
                 align_center=True)
    add_par(doc, "Catatan: desa dihitung terdaftar bila seluruh aparatnya telah terdaftar. Iuran "
                 "dihitung untuk aparat desa yang belum terdaftar. {{ pembulatan }}",
            size=Pt(9), align=JUSTIFY, before=4, after=6)


def _chart(doc) -> None:
    par = add_par(doc, align=CENTER, before=6, keep_next=True)
    run = par.add_run()
    shape = run.add_picture(io.BytesIO(placeholder_png()), width=Cm(CHART_WIDTH_CM),
                            height=Cm(CHART_HEIGHT_CM))
    shape._inline.docPr.set("name", CHART_NAME)
    shape._inline.docPr.set("descr", "Grafik aparat desa yang sudah dan belum terdaftar per "
                                     "kecamatan (dibuat oleh perbup)")
    add_par(doc, "Gambar 1. Aparat desa yang sudah dan belum terdaftar per kecamatan",
            align=CENTER, before=4, after=6)


def _closing(doc) -> None:
    add_par(doc, "Demikian laporan ini disampaikan sebagai bahan pertimbangan {{ kab.kepala }} "
                 "dalam mendorong seluruh desa mendaftarkan aparatnya.", align=JUSTIFY, first=1.25,
            after=12, keep_next=True)  # so the signature never opens a page alone
    add_par(doc, "{{ laporan.tempat_tanggal }}", align=CENTER, left=RIGHT_BLOCK_CM, keep_next=True)
    _signature(doc)  # the letter's signature block, so both documents sign alike


def build_report():
    doc = Document()
    _setup_styles(doc)
    _page_setup(doc)
    body = doc.element.body
    for par in list(body.iterchildren()):  # the default template's empty paragraph
        if par.tag.endswith("}p"):
            body.remove(par)
    title: dict[str, Any] = {"align": CENTER, "bold": True}
    add_par(doc, "LAPORAN", **title)
    add_par(doc, "KEPESERTAAN APARAT DESA DALAM PROGRAM", **title)
    add_par(doc, "BPJS KETENAGAKERJAAN", **title)
    add_par(doc, "{{ kab.nama_upper }}", **title)
    add_par(doc, "Keadaan per {{ laporan.tanggal }}", align=CENTER, before=6, after=12)
    _heading(doc, "A.\tRingkasan")
    _summary(doc)
    _heading(doc, "B.\tCakupan per Kecamatan")
    _table(doc)
    _heading(doc, "C.\tGrafik")
    _chart(doc)
    _heading(doc, "D.\tPenutup")
    _closing(doc)
    _properties(doc, "Laporan kepesertaan aparat desa dalam program BPJS Ketenagakerjaan",
                "Cakupan kepesertaan aparat desa per kecamatan", "scripts/make_report_template.py")
    return doc


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write to")
    args = parser.parse_args(argv)
    target = args.out / NAME
    save_deterministic(build_report(), target)
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
