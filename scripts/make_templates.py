"""Builds the default Word templates in templates/ with python-docx; drafters then edit the .docx files in Word.

Usage: ``python scripts/make_templates.py [--out templates]``

Writes ``surat_desa.docx``: the official letter (*surat dinas*, Permendagri 1/2023) from the
regent to one kepala desa, with its annex listing that desa's apparatus and contributions. It is a
docxtpl/Jinja template; perbup renders it with autoescape on, so no tag uses ``|safe``. The
variables it reads (all strings already formatted by perbup, except ``ringkas.belum``,
``ringkas.sudah``, ``ringkas.jumlah`` and ``aparat[].no``) are::

    kab       pemerintah, alamat, telepon, laman, email, kode_pos, kepala_upper
    surat     tempat_tanggal, nomor, sifat, lampiran, hal
    tujuan    desa, kecamatan, di
    dasar     judul, nama, tanggal
    program_teks, pembulatan, jatuh_tempo
    batas     tanggal, hari, teks
    bpjs      kantor, alamat
    ringkas   belum, sudah, jumlah, bulanan, tahunan, bulanan_terbilang, tahunan_terbilang,
              potongan, potongan_terbilang
    program   [{kode, nama, tarif}]
    aparat    [{no, nama, jabatan, nik, upah, iuran: [per program], jumlah, keterangan}]
    total     upah, iuran / pemberi_kerja / pekerja: [per program], bulanan, dianggarkan,
              dipotong, tahunan
    potongan  ada, program (a worker's share: JHT and JP)
    catatan   [str] (the base and the rates, each with its source)

Amounts in the text read ``Rp17.334.408,00`` and are followed by their words; amounts in the
annex table (``aparat``, ``total``) are digits only, ``17.334.408``, under titles marked
"(Rp)" (``perbup.formats``).
    ttd       an, jabatan, nama, pangkat, nip
    tembusan  [str]
    skema     kategori, jatuh_tempo, dasar (wage earners or self-employed: iuran.skema)

``ringkas.bulanan`` and ``tahunan`` are what the desa budgets (the employer's shares); the
worker's shares (``potongan``) are deducted from the siltap.

Layout choices a drafter should know about:

* Paper F4 (215 x 330 mm), margins 2 / 2 / 2.5 / 2 cm (top, bottom, left, right; the margins
  are a convention, not checked against Permendagri 1/2023), Bookman Old Style 12 pt, single
  spacing, language Indonesian.
* The kop (letterhead) is the FIRST-PAGE header; later pages have an empty header. Its left cell
  holds the text ``[LAMBANG DAERAH]`` in a box: replace it with the regency's coat of arms
  (Insert > Picture) and remove the box's borders.
* The annex table has one column per programme, made with docxtpl's ``{%tc for %}`` column
  loop. Its grid is made of equal narrow columns (each real column spans several of them):
  docxtpl drops or adds grid columns at the end of the grid after a column loop, and only an
  equal-width grid keeps every column's width right for one to four programmes. Name and NIK
  share a column, and amounts are digits under titles marked "(Rp)", so that the
  table fits F4 portrait at 9 pt with two programmes (JKK + JKM); with JHT and JP as well, set
  the table to 8 pt or put the annex in a landscape section.
* Every ``{%p %}`` and ``{%tr %}`` tag sits alone in its own paragraph or row.

Writes ``surat_pengingat.docx``: the reminder to a desa past its letter's deadline, on the same
kop, naming the letter it follows up (``rujukan``: nomor, tanggal, hal, batas), who is still
not registered (``aparat``: [{no, nama, jabatan, nik}]) and the new deadline; it reads ``kab``,
``surat``, ``tujuan``, ``ringkas`` (belum, jumlah), ``batas``, ``bpjs``, ``ttd`` and ``tembusan``
as the letter does (docs/register.md).

Also writes ``perbup.docx`` (the Peraturan Bupati with its annexes), ``instruksi.docx`` (the
Instruksi Bupati) and ``surat_edaran.docx`` (the Surat Edaran Bupati, on the letter's kop); their
context variables and layout are described in docs/decree.md (``perbup.decree.DECREE_VARIABLES``).

The output is the same byte for byte on every run: fixed document properties and dates, fixed zip
member order and timestamps.
"""  # noqa: E501 - the first line is the script's one-line summary, kept whole

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from PIL import Image, ImageDraw, ImageFont

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "templates"

FONT = "Bookman Old Style"
SIZE = Pt(12)
TABLE_SIZE = Pt(9)
LANG = "id-ID"

PAGE_WIDTH, PAGE_HEIGHT = Mm(215), Mm(330)  # F4 / folio
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Cm(2), Cm(2), Cm(2.5), Cm(2)
HEADER_DISTANCE = Cm(0.8)

TWIPS_PER_EMU = 1 / 635
TEXT_WIDTH_TWIPS = int((PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) * TWIPS_PER_EMU)

FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)

CENTER, RIGHT, LEFT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY)

# The annex table's grid, in equal grid units (see the module docstring). A programme column is
# PROGRAM_UNITS wide; the template row reserves room for MAX_PROGRAMS of them (the two marker
# cells of the column loop plus its body cell), so after rendering k programmes docxtpl removes
# (MAX_PROGRAMS - k) * PROGRAM_UNITS grid columns from the end and widens the rest equally.
PROGRAM_UNITS = 5
MAX_PROGRAMS = 4  # JKK, JKM, JHT, JP
UNITS = {"no": 2, "nama": 11, "jabatan": 8, "upah": 6, "jumlah": 6, "keterangan": 7}
GRID_COLUMNS = sum(UNITS.values()) + MAX_PROGRAMS * PROGRAM_UNITS  # 60; Word allows 63
assert GRID_COLUMNS <= 63


# --- low-level formatting helpers ------------------------------------------------------------

def _set_fonts(rpr, size: Pt | None = None) -> None:
    """Bookman Old Style for every script and Indonesian as language, in an rPr element."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(size.pt * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    _sort_children(rpr, RPR_ORDER)


RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
             "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
             "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
             "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
             "eastAsianLayout", "specVanish", "oMath"]


def _sort_children(el, order: list[str]) -> None:
    """Puts the children of `el` in the schema's order (Word refuses some other orders)."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    children = sorted(el, key=lambda child: rank.get(child.tag, len(order)))
    for child in children:
        el.remove(child)
        el.append(child)


def _setup_styles(doc) -> None:
    """Document defaults and every style: Bookman Old Style, no theme fonts, single spacing."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, SIZE)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    for attr in list(spacing.attrib):
        del spacing.attrib[attr]
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    # Theme fonts would override the explicit ones: replace them in every style that names any.
    for fonts in styles.iter(qn("w:rFonts")):
        if any("Theme" in attr or "theme" in attr for attr in fonts.attrib):
            for attr in list(fonts.attrib):
                del fonts.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), FONT)
    for name in ("Normal", "Header", "Footer", "Table Grid"):
        style = doc.styles[name]
        _set_fonts(style.element.get_or_add_rPr(), SIZE)
        if name != "Table Grid":
            fmt = style.paragraph_format
            fmt.space_before = Pt(0)
            fmt.space_after = Pt(0)
            fmt.line_spacing = 1.0
    # Word's own setting for the proofing language of new text.
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANG)


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = HEADER_DISTANCE
    section.gutter = 0
    section.different_first_page_header_footer = True


def add_par(parent, text: str = "", *, align=None, bold: bool = False, italic: bool = False,
            underline: bool = False, size: Pt | None = None, left: float | None = None,
            first: float | None = None, right: float | None = None, before: float = 0,
            after: float = 0, tabs: Sequence[float] = (), keep_next: bool = False,
            keep_lines: bool = False, page_break_before: bool = False) -> Paragraph:
    """A paragraph with one run of `text` (indents in cm, spacing in pt)."""
    if isinstance(parent, _Cell) and len(parent.paragraphs) == 1 and not parent.paragraphs[0].runs:
        par = parent.paragraphs[0]  # a new cell's own empty paragraph
    else:
        par = parent.add_paragraph()
    fmt = par.paragraph_format
    if align is not None:
        par.alignment = align
    if left is not None:
        fmt.left_indent = Cm(left)
    if first is not None:
        fmt.first_line_indent = Cm(first)
    if right is not None:
        fmt.right_indent = Cm(right)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    for pos in tabs:
        fmt.tab_stops.add_tab_stop(Cm(pos), WD_TAB_ALIGNMENT.LEFT)
    if keep_next:
        fmt.keep_with_next = True
    if keep_lines:
        fmt.keep_together = True
    if page_break_before:
        fmt.page_break_before = True
    if text:
        add_run(par, text, bold=bold, italic=italic, underline=underline, size=size)
    return par


def add_run(par: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
            underline: bool = False, size: Pt | None = None):
    run = par.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if underline:
        run.underline = True
    if size is not None:
        run.font.size = size
    return run


def _border(parent_el, tag: str, edges: Sequence[str], val: str = "single", sz: int = 4,
            space: int = 0) -> None:
    box = parent_el.find(qn(tag))
    if box is None:
        box = OxmlElement(tag)
        parent_el.append(box)
    for edge in edges:
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), val)
        el.set(qn("w:sz"), str(sz))
        el.set(qn("w:space"), str(space))
        el.set(qn("w:color"), "auto")
        box.append(el)


EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _table_props(table: Table, widths: Sequence[int], *, borders: bool, cell_margin_cm: float,
                 cell_margin_v_cm: float = 0,
                 align_center: bool = False) -> None:
    """Fixed layout, grid widths in twips, no per-cell widths (the grid alone decides)."""
    tbl = table._tbl
    tblpr = tbl.tblPr
    for child in list(tblpr):
        if child.tag in (qn("w:tblStyle"), qn("w:tblW"), qn("w:tblLook")):
            tblpr.remove(child)
    tblw = OxmlElement("w:tblW")
    tblw.set(qn("w:w"), str(sum(widths)))
    tblw.set(qn("w:type"), "dxa")
    tblpr.append(tblw)
    if align_center:
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), "center")
        tblpr.append(jc)
    _border(tblpr, "w:tblBorders", EDGES, val="single" if borders else "nil", sz=4)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    mar = OxmlElement("w:tblCellMar")
    for edge, value in (("top", cell_margin_v_cm), ("left", cell_margin_cm), ("bottom", cell_margin_v_cm),
                        ("right", cell_margin_cm)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(Cm(value) * TWIPS_PER_EMU)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)
    look = OxmlElement("w:tblLook")
    look.set(qn("w:val"), "0000")
    tblpr.append(look)
    _sort_children(tblpr, ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                           "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd",
                           "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"])
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width))
    for tcw in tbl.iter(qn("w:tcW")):
        tcw.getparent().remove(tcw)


def _new_table(parent, ncols: int, width_twips: int) -> Table:
    """An empty table; rows come from add_row, and _table_props sets it up at the end."""
    if isinstance(parent, DocumentObject):
        return parent.add_table(rows=0, cols=ncols)
    return parent.add_table(rows=0, cols=ncols, width=Emu(width_twips * 635))


def add_row(table: Table, spans: Sequence[int], *, header: bool = False, cant_split: bool = True,
            height_cm: float | None = None) -> list[_Cell]:
    """A row whose cells span `spans` grid columns each; returns the cells."""
    assert sum(spans) == len(table.columns), (spans, len(table.columns))
    row = table.add_row()
    grid_cells = list(row.cells)
    cells, index = [], 0
    for span in spans:
        cell = grid_cells[index]
        if span > 1:
            cell = cell.merge(grid_cells[index + span - 1])
        cells.append(cell)
        index += span
    trpr = row._tr.get_or_add_trPr()
    if cant_split:
        trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))
    if height_cm is not None:
        row.height = Cm(height_cm)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    return cells


def cell_par(cell: _Cell, text: str = "", *, align=LEFT, bold: bool = False, size=TABLE_SIZE,
             valign=WD_CELL_VERTICAL_ALIGNMENT.TOP, **kwargs) -> Paragraph:
    cell.vertical_alignment = valign
    return add_par(cell, text, align=align, bold=bold, size=size, **kwargs)


# --- the letter --------------------------------------------------------------------------------

KOP_LEFT_CM, KOP_RIGHT_CM = 2.6, 14.4
RIGHT_BLOCK_CM = 7.0  # left edge of the signature block and of the annex's heading block


def _placeholder_png(label: str, width_cm: float, height_cm: float) -> bytes:
    """A clearly marked stand-in picture: dashed grey frame, the label in the middle.

    perbup puts the image named in perbup.yaml (kabupaten.lambang / kabupaten.garuda) in its
    place; without one the printed document shows this box."""
    scale = 100  # pixels per cm
    size = (round(width_cm * scale), round(height_cm * scale))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 16):
        draw.line([(x, 0), (x + 8, 0)], fill="grey", width=3)
        draw.line([(x, size[1] - 2), (x + 8, size[1] - 2)], fill="grey", width=3)
    for y in range(0, size[1], 16):
        draw.line([(0, y), (0, y + 8)], fill="grey", width=3)
        draw.line([(size[0] - 2, y), (size[0] - 2, y + 8)], fill="grey", width=3)
    font = ImageFont.load_default(size=18)
    lines = label.split("\n")
    heights = [draw.textbbox((0, 0), line, font=font)[3] for line in lines]
    top = (size[1] - sum(heights) - 6 * (len(lines) - 1)) // 2
    for line, height in zip(lines, heights, strict=True):
        width = draw.textlength(line, font=font)
        draw.text(((size[0] - width) / 2, top), line, fill="black", font=font)
        top += height + 6
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _named_picture(paragraph, png: bytes, name: str, width_cm: float) -> None:
    """A picture whose drawing is named `name`, so perbup can find and replace it."""
    inline = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
    inline._inline.docPr.set("name", name)
    inline._inline.docPr.set("descr", f"{name}: replaced by the image set in perbup.yaml")



def _kop(doc) -> None:
    """The letterhead: first-page header only. Lambang placeholder left, the kop text centred on
    the page, then a thick-thin double rule."""
    section = doc.sections[0]
    section.header.is_linked_to_previous = False  # later pages: an empty header of their own
    header = section.first_page_header
    header.is_linked_to_previous = False
    rule = header.paragraphs[0]
    widths = [int(Cm(KOP_LEFT_CM) * TWIPS_PER_EMU), int(Cm(KOP_RIGHT_CM) * TWIPS_PER_EMU)]
    table = _new_table(header, 2, sum(widths))
    logo, text = add_row(table, [1, 1], cant_split=True, height_cm=2.4)
    # The regency's coat of arms: a marked stand-in picture until perbup.yaml names the image.
    cell_par(logo, "", align=CENTER, valign=WD_CELL_VERTICAL_ALIGNMENT.CENTER)
    _named_picture(logo.paragraphs[-1], _placeholder_png("LAMBANG\nDAERAH", 2.0, 2.3),
                   "lambang_daerah", 2.0)
    text.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    kop: dict[str, Any] = {"align": CENTER, "valign": WD_CELL_VERTICAL_ALIGNMENT.CENTER}
    cell_par(text, "{{ kab.pemerintah }}", bold=True, size=Pt(14), **kop)
    cell_par(text, "{%p if kab.alamat or kab.telepon %}", size=Pt(10), **kop)
    cell_par(text, "{% if kab.alamat %}{{ kab.alamat }}{% if kab.telepon %}, {% endif %}{% endif %}"
                   "{% if kab.telepon %}Telepon {{ kab.telepon }}{% endif %}", size=Pt(10), **kop)
    cell_par(text, "{%p endif %}", size=Pt(10), **kop)
    cell_par(text, "{%p if kab.laman or kab.email or kab.kode_pos %}", size=Pt(10), **kop)
    cell_par(text, "{% if kab.laman %}Laman {{ kab.laman }}{% if kab.email or kab.kode_pos %}, "
                   "{% endif %}{% endif %}{% if kab.email %}Pos-el {{ kab.email }}"
                   "{% if kab.kode_pos %}, {% endif %}{% endif %}"
                   "{% if kab.kode_pos %}Kode Pos {{ kab.kode_pos }}{% endif %}", size=Pt(10), **kop)
    cell_par(text, "{%p endif %}", size=Pt(10), **kop)
    _table_props(table, widths, borders=False, cell_margin_cm=0.1)
    rule._p.addprevious(table._tbl)
    # The double rule under the kop: thick line above a thin one, on a tiny paragraph.
    _border(rule._p.get_or_add_pPr(), "w:pBdr", ("bottom",), val="thickThinSmallGap", sz=24, space=1)
    _sort_children(rule._p.get_or_add_pPr(), PPR_ORDER)
    add_run(rule, "", size=Pt(4))
    rpr = rule._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "8")
    mark.append(sz)
    rpr.append(mark)


PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
             "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
             "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
             "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
             "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]


def _nomor_block(doc) -> None:
    widths = [int(Cm(w) * TWIPS_PER_EMU) for w in (2.6, 0.5, 9.4)]
    table = _new_table(doc, 3, sum(widths))
    for label, value in (("Nomor", "{{ surat.nomor }}"), ("Sifat", "{{ surat.sifat }}"),
                         ("Lampiran", "{{ surat.lampiran }}"), ("Hal", "{{ surat.hal }}")):
        cells = add_row(table, [1, 1, 1])
        for cell, text in zip(cells, (label, ":", value), strict=True):
            cell_par(cell, text, size=None)
    _table_props(table, widths, borders=False, cell_margin_cm=0)


def _signature(doc) -> None:
    """The signature block in the right half: office, room to sign, name, rank and NIP. The
    paragraph before it carries the space above (the first line here may be left out)."""
    sig: dict[str, Any] = {"align": CENTER, "left": RIGHT_BLOCK_CM, "keep_next": True,
                           "keep_lines": True}
    add_par(doc, "{%p if ttd.an %}", **sig)
    add_par(doc, "{{ ttd.an }}", **sig)
    add_par(doc, "{%p endif %}", **sig)
    add_par(doc, "{{ ttd.jabatan }}", **sig)
    for _ in range(3):
        add_par(doc, "", **sig)
    # The block's last line, whichever it is, does not keep with what follows: chained to the
    # tembusan, a whole too long for the rest of the page, LibreOffice breaks the signature itself.
    last = {**sig, "keep_next": False}
    add_par(doc, "{%p if ttd.pangkat or ttd.nip %}")
    add_par(doc, "{{ ttd.nama }}", bold=True, underline=True, **sig)
    add_par(doc, "{%p else %}")
    add_par(doc, "{{ ttd.nama }}", bold=True, underline=True, **last)
    add_par(doc, "{%p endif %}")
    add_par(doc, "{%p if ttd.pangkat and ttd.nip %}")
    add_par(doc, "{{ ttd.pangkat }}", **sig)
    add_par(doc, "{%p elif ttd.pangkat %}")
    add_par(doc, "{{ ttd.pangkat }}", **last)
    add_par(doc, "{%p endif %}")
    add_par(doc, "{%p if ttd.nip %}")
    add_par(doc, "NIP. {{ ttd.nip }}", **last)
    add_par(doc, "{%p endif %}")


def _opening(doc) -> None:
    """Place and date, Nomor / Sifat / Lampiran / Hal, and the kepala desa addressed: the
    letter's and the reminder's."""
    add_par(doc, "{{ surat.tempat_tanggal }}", align=RIGHT, before=6, after=12)
    _nomor_block(doc)
    add_par(doc, "Yth.\tKepala Desa {{ tujuan.desa }}", left=1.25, first=-1.25, tabs=[1.25],
            before=12)
    add_par(doc, "Kecamatan {{ tujuan.kecamatan }}", left=1.25)
    add_par(doc, "di", left=1.25)
    add_par(doc, "{{ tujuan.di }}", left=2.25, after=12)


def _letter(doc) -> None:
    _opening(doc)

    body: dict[str, Any] = {"align": JUSTIFY, "first": 1.25, "after": 4}
    add_par(doc, "Dalam rangka melaksanakan {{ dasar.judul }}, bersama ini kami sampaikan kepada "
                 "Saudara ketentuan mengenai kepesertaan aparat Desa {{ tujuan.desa }} dalam program "
                 "jaminan sosial ketenagakerjaan.", **body)
    add_par(doc, "Setiap aparat desa wajib didaftarkan oleh Pemerintah Desa sebagai peserta "
                 "{{ skema.kategori }} dalam program {{ program_teks }} melalui {{ bpjs.kantor }}"
                 "{% if bpjs.alamat %}, {{ bpjs.alamat }}{% endif %}.", **body)
    # Who pays (PP 45/2015 Pasal 30 ayat (1)): with a worker's share (JHT, JP) the desa deducts
    # it from the siltap and remits it with its own. The due day is the law's (jatuh_tempo:
    # "tanggal 15 bulan berikutnya", a date, so no words); the budget is "APB Desa" in every
    # document (Permendagri 20/2018).
    add_par(doc, "{% if potongan.ada %}Iuran bagian pemberi kerja dibayar oleh Pemerintah Desa dari "
                 "Anggaran Pendapatan dan Belanja Desa {{ tujuan.desa }} (APB Desa), sedangkan iuran "
                 "bagian peserta ({{ potongan.program }}) dipotong dari siltap aparat desa yang "
                 "bersangkutan; keduanya disetorkan oleh Pemerintah Desa{% else %}Iuran kepesertaan "
                 "dibayar oleh Pemerintah Desa dari Anggaran Pendapatan dan Belanja Desa "
                 "{{ tujuan.desa }} (APB Desa){% endif %} paling lambat {{ jatuh_tempo }}. Nama aparat "
                 "desa dan besaran iurannya tercantum dalam Lampiran yang merupakan bagian tidak "
                 "terpisahkan dari surat ini.", **body)
    add_par(doc, "Sehubungan dengan hal tersebut, Saudara diminta untuk:", align=JUSTIFY, first=1.25,
            after=3, keep_next=True)
    item: dict[str, Any] = {"align": JUSTIFY, "left": 1.9, "first": -0.65, "tabs": [1.9], "after": 3}
    # The deadline counts from the day the instrument took effect, as the decree's own rule does
    # (perbup/deadline.py): batas.teks names that day and the date it gives.
    add_par(doc, "1.\tmendaftarkan {{ ringkas.belum }} orang aparat desa sebagaimana tercantum dalam "
                 "Lampiran surat ini paling lama {{ batas.teks }};", **item)
    add_par(doc, "2.\tmenganggarkan iuran sebesar {{ ringkas.bulanan }} ({{ ringkas.bulanan_terbilang }}) "
                 "per bulan atau {{ ringkas.tahunan }} ({{ ringkas.tahunan_terbilang }}) per tahun dalam "
                 "APB Desa {{ tujuan.desa }}{% if potongan.ada %} dan memotong iuran bagian peserta "
                 "sebesar {{ ringkas.potongan }} ({{ ringkas.potongan_terbilang }}) per bulan dari siltap "
                 "aparat desa yang "
                 "bersangkutan{% endif %}; dan", **item)
    add_par(doc, "3.\tmelaporkan nomor kepesertaan (KPJ) aparat desa yang telah didaftarkan kepada "
                 "{{ kab.kepala_upper|title }} melalui Camat {{ tujuan.kecamatan }}.",
            **{**item, "after": 6})
    add_par(doc, "{%p if ringkas.sudah %}", **body)
    add_par(doc, "Aparat desa yang telah terdaftar sebagai peserta, sebanyak {{ ringkas.sudah }} "
                 "orang, tidak didaftarkan kembali dan iurannya tidak dihitung lagi dalam surat ini.",
            **body)
    add_par(doc, "{%p endif %}", **body)
    # the closing sentence goes with the signature, so the signature never opens a page alone
    add_par(doc, "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
            **{**body, "after": 12}, keep_next=True)

    _signature(doc)
    _tembusan(doc)


def _tembusan(doc) -> None:
    """`Tembusan:` and the numbered copies (`tembusan`, a list of texts), without "Yth."
    (Permendagri 1/2023): the letter's and the surat edaran's."""
    add_par(doc, "{%p if tembusan %}")
    add_par(doc, "Tembusan:", before=6, keep_next=True)
    add_par(doc, "{%p for t in tembusan %}")
    # the list stays whole: every item but the last keeps with the next
    add_par(doc, "{%p if loop.last %}")
    add_par(doc, "{{ loop.index }}.\t{{ t }}", left=0.75, first=-0.75, tabs=[0.75], keep_lines=True)
    add_par(doc, "{%p else %}")
    add_par(doc, "{{ loop.index }}.\t{{ t }}", left=0.75, first=-0.75, tabs=[0.75], keep_lines=True,
            keep_next=True)
    add_par(doc, "{%p endif %}")
    add_par(doc, "{%p endfor %}")
    add_par(doc, "{%p endif %}")


def _annex(doc) -> None:
    label = 2.5  # "TANGGAL", then the tab to the colon
    head: dict[str, Any] = {"left": RIGHT_BLOCK_CM + label + 0.4, "first": -(label + 0.4),
                            "tabs": [RIGHT_BLOCK_CM + label]}
    add_par(doc, "LAMPIRAN", left=RIGHT_BLOCK_CM, page_break_before=True)
    add_par(doc, "SURAT {{ kab.kepala_upper }}", left=RIGHT_BLOCK_CM)
    add_par(doc, "NOMOR\t: {{ surat.nomor }}", **head)
    add_par(doc, "TANGGAL\t: {{ surat.tempat_tanggal.split(\", \")|last }}", **head)

    # The desa and its kecamatan on lines of their own: on one line a long pair of names wraps
    # and leaves a lone word ("TIMUR") under it; four short lines stay balanced.
    title: dict[str, Any] = {"align": CENTER, "bold": True, "keep_next": True}
    add_par(doc, "DAFTAR APARAT DESA {{ tujuan.desa|upper }}", before=18, **title)
    add_par(doc, "KECAMATAN {{ tujuan.kecamatan|upper }}", **title)
    add_par(doc, "YANG DIDAFTARKAN DALAM PROGRAM", **title)
    add_par(doc, "JAMINAN SOSIAL KETENAGAKERJAAN", after=12, **title)

    unit = TEXT_WIDTH_TWIPS // GRID_COLUMNS
    table = _new_table(doc, GRID_COLUMNS, unit * GRID_COLUMNS)
    u, p = UNITS, PROGRAM_UNITS
    # The column loop: a marker cell, the repeated cell, a marker cell. The markers together are
    # as wide as MAX_PROGRAMS - 1 programme columns, so the template's grid is the widest one.
    loop_spans = [p, p, (MAX_PROGRAMS - 2) * p]
    row_spans = [u["no"], u["nama"], u["jabatan"], u["upah"], *loop_spans, u["jumlah"], u["keterangan"]]
    mid = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    hdr: dict[str, Any] = {"align": CENTER, "bold": True, "valign": mid}

    # Two header rows, repeated on every page: "Iuran per Bulan (Rp)" over one column per
    # programme ({% hm %} merges the looped cells into one); the other titles span both rows.
    top = add_row(table, row_spans, header=True)
    for cell, text in zip(top, ("No", "Nama / NIK", "Jabatan", "{{ skema.dasar }}",
                                "{%tc for p in program %}", "{% hm %}Iuran per Bulan (Rp)",
                                "{%tc endfor %}", "Jumlah Iuran per Bulan (Rp)", "Keterangan"),
                          strict=True):
        cell_par(cell, text, **hdr)
    bottom = add_row(table, row_spans, header=True)
    for cell, text in zip(bottom[4:7], ("{%tc for p in program %}", "{{ p.kode }} ({{ p.tarif }})",
                                        "{%tc endfor %}"), strict=True):
        cell_par(cell, text, **hdr)
    for index in (0, 1, 2, 3, 7, 8):
        top[index].merge(bottom[index])

    # Amounts come as digits (perbup.formats.rupiah_tabel): the titles say "(Rp)", so a column
    # holds only digits and never breaks between "Rp" and the number.
    def amount(expr: str) -> str:
        return "{{ " + expr + " }}"

    (cell,) = add_row(table, [GRID_COLUMNS])
    cell_par(cell, "{%tr for a in aparat %}")
    cells = add_row(table, row_spans)
    cell_par(cells[0], "{{ a.no }}", align=CENTER)
    cell_par(cells[1], "{{ a.nama }}")
    cell_par(cells[1], "{{ a.nik }}")
    cell_par(cells[2], "{{ a.jabatan }}")
    cell_par(cells[3], amount("a.upah"), align=RIGHT)
    cell_par(cells[4], "{%tc for p in program %}")
    cell_par(cells[5], amount("a.iuran[loop.index0]"), align=RIGHT)
    cell_par(cells[6], "{%tc endfor %}")
    cell_par(cells[7], amount("a.jumlah"), align=RIGHT)
    cell_par(cells[8], "{{ a.keterangan }}")
    (cell,) = add_row(table, [GRID_COLUMNS])
    cell_par(cell, "{%tr endfor %}")

    cells = add_row(table, [u["no"] + u["nama"] + u["jabatan"], u["upah"], *loop_spans, u["jumlah"],
                            u["keterangan"]])
    cell_par(cells[0], "Jumlah per bulan", align=CENTER, bold=True)
    cell_par(cells[1], amount("total.upah"), align=RIGHT)
    cell_par(cells[2], "{%tc for p in program %}")
    cell_par(cells[3], amount("total.iuran[loop.index0]"), align=RIGHT)
    cell_par(cells[4], "{%tc endfor %}")
    cell_par(cells[5], amount("total.bulanan"), align=RIGHT)
    cell_par(cells[6], "")

    # With a worker's share: what the desa budgets and what it deducts from the siltap, apart.
    for label, shares, sum_ in (("Dianggarkan dalam APB Desa per bulan", "total.pemberi_kerja",
                                 "total.dianggarkan"),
                                ("Dipotong dari siltap per bulan", "total.pekerja", "total.dipotong")):
        (cell,) = add_row(table, [GRID_COLUMNS])
        cell_par(cell, "{%tr if potongan.ada %}")
        cells = add_row(table, [u["no"] + u["nama"] + u["jabatan"], u["upah"], *loop_spans,
                                u["jumlah"], u["keterangan"]])
        cell_par(cells[0], label, align=CENTER)
        cell_par(cells[1], "")
        cell_par(cells[2], "{%tc for p in program %}")
        cell_par(cells[3], amount(f"{shares}[loop.index0]"), align=RIGHT)
        cell_par(cells[4], "{%tc endfor %}")
        cell_par(cells[5], amount(sum_), align=RIGHT)
        cell_par(cells[6], "")
        (cell,) = add_row(table, [GRID_COLUMNS])
        cell_par(cell, "{%tr endif %}")

    # Per year, what the desa budgets: the programme cells merge into one that shows the
    # multiplication.
    cells = add_row(table, [u["no"] + u["nama"] + u["jabatan"] + u["upah"], *loop_spans,
                            u["jumlah"], u["keterangan"]])
    cell_par(cells[0], "{% if potongan.ada %}Dianggarkan per tahun{% else %}Jumlah per tahun{% endif %}",
             align=CENTER, bold=True)
    cell_par(cells[1], "{%tc for p in program %}")
    cell_par(cells[2], "{% hm %}12 \u00d7 " + amount("total.dianggarkan"), align=CENTER)
    cell_par(cells[3], "{%tc endfor %}")
    cell_par(cells[4], amount("total.tahunan"), align=RIGHT)
    cell_par(cells[5], "")
    _table_props(table, [unit] * GRID_COLUMNS, borders=True, cell_margin_cm=0.08, cell_margin_v_cm=0.04,
                 align_center=True)

    # the sum in words and the note go with the signature, which never opens a page alone
    par = add_par(doc, "Terbilang: ", before=6, keep_next=True)
    add_run(par, "{{ ringkas.tahunan_terbilang }}", italic=True)
    # The notes: the base and its source, each rate with its source, the rounding.
    add_par(doc, "Catatan:", size=Pt(9), before=3, keep_next=True)
    add_par(doc, "{%p for c in catatan %}", size=Pt(9))
    add_par(doc, "{{ loop.index }}.\t{{ c }}", size=Pt(9), left=0.6, first=-0.6, tabs=[0.6],
            keep_next=True)
    add_par(doc, "{%p endfor %}", size=Pt(9))
    add_par(doc, "{{ catatan|length + 1 }}.\t{{ pembulatan }}", size=Pt(9), left=0.6, first=-0.6,
            tabs=[0.6], after=18, keep_next=True)

    _signature(doc)


def _new_document(page_setup) -> DocumentObject:
    """An empty document with the house styles and `page_setup`'s paper and margins."""
    doc = Document()
    _setup_styles(doc)
    page_setup(doc)
    body = doc.element.body
    for par in list(body.iterchildren(qn("w:p"))):  # the default template's empty paragraph
        body.remove(par)
    return doc


def build_letter():
    doc = _new_document(_page_setup)
    _kop(doc)
    _letter(doc)
    _annex(doc)
    _properties(doc, "Surat dinas kepada kepala desa",
                "Kepesertaan aparat desa dalam program jaminan sosial ketenagakerjaan")
    return doc


def _reminder(doc) -> None:
    """The reminder (surat pengingat) to a desa past its letter's deadline: which letter, who is
    still missing (that desa's people only), the new deadline."""
    _opening(doc)
    body: dict[str, Any] = {"align": JUSTIFY, "first": 1.25, "after": 4}
    add_par(doc, "Menindaklanjuti surat {{ kab.kepala_upper|title }} Nomor {{ rujukan.nomor }} "
                 "tanggal {{ rujukan.tanggal }} perihal {{ rujukan.hal }}, dengan ini kami "
                 "sampaikan bahwa sampai dengan batas waktu tanggal {{ rujukan.batas }} masih "
                 "terdapat {{ ringkas.belum }} dari {{ ringkas.jumlah }} orang aparat Desa "
                 "{{ tujuan.desa }} yang belum terdaftar sebagai peserta program jaminan sosial "
                 "ketenagakerjaan, yaitu:", **body)
    widths = [int(Cm(w) * TWIPS_PER_EMU) for w in (1.0, 6.0, 4.5, 4.0)]
    table = _new_table(doc, 4, sum(widths))
    for cell, text in zip(add_row(table, [1, 1, 1, 1], header=True), ("No.", "Nama", "Jabatan", "NIK"),
                          strict=True):
        cell_par(cell, text, align=CENTER, bold=True)
    add_row(table, [4])
    cell_par(table.rows[-1].cells[0], "{%tr for a in aparat %}")
    cells = add_row(table, [1, 1, 1, 1])
    for cell, text in zip(cells, ("{{ a.no }}", "{{ a.nama }}", "{{ a.jabatan }}", "{{ a.nik }}"),
                          strict=True):
        cell_par(cell, text, align=CENTER if text == "{{ a.no }}" else LEFT)
    add_row(table, [4])
    cell_par(table.rows[-1].cells[0], "{%tr endfor %}")
    _table_props(table, widths, borders=True, cell_margin_cm=0.1)
    add_par(doc, "Sehubungan dengan hal tersebut, Saudara diminta untuk mendaftarkan aparat desa "
                 "tersebut melalui {{ bpjs.kantor }} paling lama {{ batas.hari }} sejak tanggal "
                 "surat ini, yaitu pada tanggal {{ batas.tanggal }}, dan melaporkan nomor "
                 "kepesertaan (KPJ) aparat desa yang telah didaftarkan kepada "
                 "{{ kab.kepala_upper|title }} melalui Camat {{ tujuan.kecamatan }}.",
            **{**body, "before": 6})
    add_par(doc, "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
            **{**body, "after": 12}, keep_next=True)
    _signature(doc)
    _tembusan(doc)


def build_reminder():
    doc = _new_document(_page_setup)
    _kop(doc)
    _reminder(doc)
    _properties(doc, "Surat pengingat kepada kepala desa",
                "Kepesertaan aparat desa dalam program jaminan sosial ketenagakerjaan")
    return doc


# --- the decree (Peraturan Bupati) -----------------------------------------------------------
# Its own page setup; the helpers above (styles, paragraphs, tables) are shared with the letter.

DECREE_MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 2.0}  # a convention: verify
DECREE_TEXT_CM = 21.5 - DECREE_MARGINS_CM["left"] - DECREE_MARGINS_CM["right"]  # 16.5 on F4
# Konsiderans and diktum: label ("Menimbang"), colon, item number ("a.", "10."), text.
KONSIDERANS_CM = (3.0, 0.5, 0.9, DECREE_TEXT_CM - 4.4)
SIGN_LEFT_CM = 8.0  # left edge of the regent's signature block and of an annex's heading block
UNDANG_RIGHT_CM = 6.0  # the promulgation block on the left: wide enough for the Sekda's office
STEP_CM = 1.0  # hanging indent of an ayat or a list item, per nesting level
MAX_DEPTH = 5  # ayat + four list levels (a. / 1. / a) / 1)); perbup.decree clamps deeper items
ANNEX_SIZE = Pt(9)  # the per-kecamatan table of a regency with ~25 kecamatan fits one F4 page
MID = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _twips(*widths_cm: float) -> list[int]:
    return [int(Cm(w) * TWIPS_PER_EMU) for w in widths_cm]


def _decree_page_setup(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = Cm(DECREE_MARGINS_CM["top"]), Cm(DECREE_MARGINS_CM["bottom"])
    section.left_margin, section.right_margin = Cm(DECREE_MARGINS_CM["left"]), Cm(DECREE_MARGINS_CM["right"])
    section.header_distance = section.footer_distance = Cm(1.0)
    section.gutter = 0
    section.different_first_page_header_footer = False


def _konsep_header(doc) -> None:
    """Every page of a draft says KONSEP at the top right; a final copy has an empty header."""
    header = doc.sections[0].header
    header.is_linked_to_previous = False
    par = header.paragraphs[0]
    par.alignment = RIGHT
    add_run(par, "{% if konsep %}KONSEP{% endif %}", bold=True, size=Pt(14))


def _page_number_footer(doc) -> None:
    """The page number, centred: a PAGE field Word and LibreOffice update when they lay out."""
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    par = footer.paragraphs[0]
    par.alignment = CENTER
    for kind, text in (("begin", ""), ("", " PAGE "), ("separate", ""), ("", "1"), ("end", "")):
        run = par.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def _placeholder_box(doc, text: str, width_cm: float, height_cm: float) -> None:
    """A bordered, centred box holding `text`: where the drafters insert a picture."""
    widths = _twips(width_cm)
    table = _new_table(doc, 1, sum(widths))
    (cell,) = add_row(table, [1], height_cm=height_cm)
    cell_par(cell, text, align=CENTER, size=Pt(7), valign=MID)
    _table_props(table, widths, borders=True, cell_margin_cm=0.1, align_center=True)


def _kepala_decree(doc) -> None:
    # The national coat of arms: a marked stand-in picture until perbup.yaml names the image.
    _named_picture(add_par(doc, "", align=CENTER), _placeholder_png("GARUDA\nPANCASILA", 2.6, 2.6),
                   "lambang_garuda", 2.6)
    add_par(doc, "{{ kepala_upper }}", align=CENTER, bold=True, before=6)
    add_par(doc, "{{ provinsi_upper }}", align=CENTER, bold=True, after=12)


def _judul_decree(doc) -> None:
    title: dict[str, Any] = {"align": CENTER, "bold": True, "keep_next": True}
    add_par(doc, "{{ judul.dokumen }}", **title)
    add_par(doc, "{{ judul.nomor_tahun }}", **title)
    add_par(doc, "TENTANG", before=12, **title)
    add_par(doc, "{{ judul.tentang_baris }}", before=12, **title)
    add_par(doc, "DENGAN RAHMAT TUHAN YANG MAHA ESA", before=18, **title)
    add_par(doc, "{{ kepala_upper }},", before=12, after=12, **title)


def _konsiderans(doc, label: str, items: str, number: str) -> None:
    """A borderless table: the label and colon on the first row, then number and text per item,
    so every item hangs under its number like Word's own layout of a konsiderans."""
    add_par(doc, f"{{%p if {items} %}}")  # no items, no table: Word refuses a table without rows
    widths = _twips(*KONSIDERANS_CM)
    table = _new_table(doc, 4, sum(widths))
    (cell,) = add_row(table, [4])
    cell_par(cell, f"{{%tr for m in {items} %}}", size=None)
    cells = add_row(table, [1, 1, 1, 1], cant_split=False)
    cell_par(cells[0], f"{{% if loop.first %}}{label}{{% endif %}}", size=None)
    cell_par(cells[1], "{% if loop.first %}:{% endif %}", size=None)
    cell_par(cells[2], f"{{{{ m.{number} }}}}", size=None)
    cell_par(cells[3], "{{ m.teks }}", align=JUSTIFY, size=None)
    (cell,) = add_row(table, [4])
    cell_par(cell, "{%tr endfor %}", size=None)
    _table_props(table, widths, borders=False, cell_margin_cm=0)
    add_par(doc, "{%p endif %}")


def _pembukaan(doc) -> None:
    _konsiderans(doc, "Menimbang", "menimbang", "huruf")
    add_par(doc, "")
    _konsiderans(doc, "Mengingat", "mengingat", "angka")
    add_par(doc, "MEMUTUSKAN:", align=CENTER, bold=True, before=12, after=12, keep_next=True)
    widths = _twips(*KONSIDERANS_CM)
    table = _new_table(doc, 4, sum(widths))
    cells = add_row(table, [1, 1, 2], cant_split=False)
    cell_par(cells[0], "Menetapkan", size=None)
    cell_par(cells[1], ":", size=None)
    cell_par(cells[2], "{{ menetapkan }}", align=JUSTIFY, size=None)
    _table_props(table, widths, borders=False, cell_margin_cm=0)


# A block's paragraph comes in two kinds: one that keeps with the next paragraph (b.keep_next:
# perbup.decree sets it on a lead-in ending in ":" and on the last block, so a list never
# starts a page without its lead-in and the signature never starts one alone), and one that
# does not. Word takes "keep with next" from the paragraph, not from the data.
_KEEP = {True: " and b.keep_next", False: ""}


def _batang_tubuh(doc) -> None:
    """One paragraph per block: headings centred, numbered items hanging by depth, text justified.

    perbup.decree gives each block its `tingkat` (depth on the page, ayat counting as one level)
    so the template needs only one paragraph per depth; Word cannot compute indents itself.
    """
    heading: dict[str, Any] = {"align": CENTER, "keep_next": True}
    add_par(doc, "{%p for b in blocks %}")
    add_par(doc, '{%p if b.kind == "bab" %}')
    add_par(doc, "{{ b.nomor }}", before=18, **heading)
    add_par(doc, "{{ b.judul }}", **heading)
    add_par(doc, '{%p elif b.kind == "bagian" or b.kind == "paragraf" %}')
    add_par(doc, "{{ b.nomor }}", before=12, **heading)
    add_par(doc, "{{ b.judul }}", **heading)
    add_par(doc, '{%p elif b.kind == "pasal" %}')
    add_par(doc, "{{ b.nomor }}", before=12, after=6, **heading)
    for depth in range(1, MAX_DEPTH + 1):
        for keep in (True, False):
            add_par(doc, f"{{%p elif b.nomor and b.tingkat == {depth}{_KEEP[keep]} %}}")
            add_par(doc, "{{ b.nomor }}\t{{ b.teks }}", align=JUSTIFY, left=depth * STEP_CM,
                    first=-STEP_CM, tabs=[depth * STEP_CM], keep_next=keep)
    for depth in range(MAX_DEPTH + 1):
        for keep in (True, False):
            add_par(doc, f"{{%p elif b.tingkat == {depth}{_KEEP[keep]} %}}")
            add_par(doc, "{{ b.teks }}", align=JUSTIFY, left=depth * STEP_CM if depth else None,
                    keep_next=keep)
    add_par(doc, "{%p endif %}")
    add_par(doc, "{%p endfor %}")
    # the promulgation order goes with the signature blocks after it
    add_par(doc, "{%p for t in penutup %}")
    add_par(doc, "{{ t }}", align=JUSTIFY, first=STEP_CM, before=12, keep_next=True)
    add_par(doc, "{%p endfor %}")


def _tanda_tangan(doc, who: str, *, verb: str | None, left: float | None, right: float | None,
                 then: bool = False) -> None:
    """A signature block: "`verb` di" place and date (unless None), office, room to sign, name.
    It stays on one page; with `then`, its name keeps with what follows as well."""
    block: dict[str, Any] = {"left": left, "right": right, "keep_next": True, "keep_lines": True}
    if verb:
        add_par(doc, f"{verb} di {{{{ {who}.tempat }}}}", before=18, **block)
        add_par(doc, f"pada tanggal {{{{ {who}.tanggal }}}}", **block)
    add_par(doc, f"{{{{ {who}.jabatan }}}}", align=CENTER, before=0 if verb else 18, **block)
    for _ in range(3):
        add_par(doc, "", **block)
    add_par(doc, f"{{{{ {who}.nama }}}}", align=CENTER, bold=True, left=left, right=right,
            keep_lines=True, keep_next=then)


PARAF_CM = (1.0, 7.0, 2.5)


def _paraf(doc) -> None:
    """On a draft: the initials boxes (paraf koordinasi) of the officials who review it, from
    pejabat.paraf in perbup.yaml; a final copy has none."""
    add_par(doc, "{%p if konsep and paraf %}")
    add_par(doc, "Paraf Koordinasi", bold=True, size=ANNEX_SIZE, before=18, keep_next=True)
    widths = _twips(*PARAF_CM)
    table = _new_table(doc, 3, sum(widths))
    header = add_row(table, [1, 1, 1])
    for cell, text in zip(header, ("No.", "Jabatan", "Paraf"), strict=True):
        cell_par(cell, text, align=CENTER, bold=True, size=ANNEX_SIZE, valign=MID)
    (cell,) = add_row(table, [3])
    cell_par(cell, "{%tr for p in paraf %}", size=ANNEX_SIZE)
    cells = add_row(table, [1, 1, 1], height_cm=0.8)
    cell_par(cells[0], "{{ loop.index }}", align=CENTER, size=ANNEX_SIZE, valign=MID)
    cell_par(cells[1], "{{ p }}", size=ANNEX_SIZE, valign=MID)
    cell_par(cells[2], "", size=ANNEX_SIZE)
    (cell,) = add_row(table, [3])
    cell_par(cell, "{%tr endfor %}", size=ANNEX_SIZE)
    _table_props(table, widths, borders=True, cell_margin_cm=0.1)
    add_par(doc, "{%p endif %}")


def _penutup_decree(doc) -> None:
    """The signature, the promulgation and the Berita Daerah line: one block on one page, after
    the end of the text (a promulgation block alone at the top of a page is no promulgation)."""
    _tanda_tangan(doc, "penetapan", verb="Ditetapkan", left=SIGN_LEFT_CM, right=None, then=True)
    _tanda_tangan(doc, "pengundangan", verb="Diundangkan", left=None, right=UNDANG_RIGHT_CM,
                  then=True)
    add_par(doc, "{{ berita_daerah }}", bold=True, before=18, keep_lines=True)


def _annex_header_rows(table: Table, spans: Sequence[int], top: Sequence[str],
                       bottom: Sequence[str], merged: Sequence[int]) -> None:
    """Two header rows repeated on every page; the columns in `merged` span both rows."""
    hdr: dict[str, Any] = {"align": CENTER, "bold": True, "valign": MID, "size": ANNEX_SIZE}
    upper = add_row(table, [s for s in spans if s], header=True)
    for cell, text in zip(upper, top, strict=True):
        cell_par(cell, text, **hdr)
    lower = add_row(table, [1] * len(table.columns), header=True)
    for cell, text in zip(lower, bottom, strict=True):
        if text:
            cell_par(cell, text, **hdr)
    # vertical merges: a column whose title spans both rows
    column = 0
    for index, span in enumerate(s for s in spans if s):
        if index in merged:
            upper[index].merge(lower[column])
        column += span


def _annex_table(doc, widths_cm: Sequence[float], spans: Sequence[int], top: Sequence[str],
                 bottom: Sequence[str], merged: Sequence[int], rows: str,
                 cells: Sequence[tuple[str, Any]], total_label_span: int,
                 totals: Sequence[str]) -> None:
    """A bordered annex table: two header rows, one row per item, a JUMLAH row."""
    widths = _twips(*widths_cm)
    n = len(widths)
    table = _new_table(doc, n, sum(widths))
    _annex_header_rows(table, spans, top, bottom, merged)
    (cell,) = add_row(table, [n])
    cell_par(cell, f"{{%tr for r in {rows} %}}", size=ANNEX_SIZE)
    for cell, (text, align) in zip(add_row(table, [1] * n), cells, strict=True):
        cell_par(cell, text, align=align, size=ANNEX_SIZE)
    (cell,) = add_row(table, [n])
    cell_par(cell, "{%tr endfor %}", size=ANNEX_SIZE)
    last = add_row(table, [total_label_span] + [1] * (n - total_label_span))
    cell_par(last[0], "JUMLAH", align=CENTER, bold=True, size=ANNEX_SIZE)
    for cell, text in zip(last[1:], totals, strict=True):
        cell_par(cell, text, align=RIGHT, bold=True, size=ANNEX_SIZE)
    _table_props(table, widths, borders=True, cell_margin_cm=0.08, cell_margin_v_cm=0.03,
                 align_center=True)


def _lampiran_decree(doc, dokumen: str = "{{ judul.dokumen }}") -> None:
    """Every annex on a new page: heading block, title, its table, the notes, the signature.
    `dokumen` is the heading block's second line, the instrument the annex belongs to."""
    head: dict[str, Any] = {"left": SIGN_LEFT_CM, "keep_next": True}
    add_par(doc, "{%p for l in lampiran %}")
    add_par(doc, "LAMPIRAN{% if l.nomor %} {{ l.nomor }}{% endif %}", page_break_before=True, **head)
    add_par(doc, dokumen, **head)
    add_par(doc, "{{ judul.nomor_tahun }}", **head)
    hang = 2.3  # "TENTANG" and a space: the name's wrapped lines align after it
    add_par(doc, "TENTANG\t{{ judul.tentang }}", left=SIGN_LEFT_CM + hang, first=-hang,
            tabs=[SIGN_LEFT_CM + hang], keep_next=True)
    add_par(doc, "", keep_next=True)
    add_par(doc, "{%p for j in l.judul %}")  # lines perbup.decree has balanced
    add_par(doc, "{{ j }}", align=CENTER, bold=True, keep_next=True)
    add_par(doc, "{%p endfor %}")
    add_par(doc, "", keep_next=True)
    left, c, r = LEFT, CENTER, RIGHT
    add_par(doc, '{%p if l.isi == "rekap_kecamatan" %}')
    _annex_table(
        doc, (0.8, 3.6, 1.4, 1.6, 1.8, 1.8, 2.5, 3.0), (1, 1, 1, 3, 0, 0, 2, 0),
        ("No", "Kecamatan", "Jumlah Desa", "Jumlah Aparat Desa", "Perkiraan Iuran (Rp)"),
        ("", "", "", "Jumlah", "Sudah Terdaftar", "Belum Terdaftar", "per Bulan", "per Tahun"),
        (0, 1, 2), "rekap_kecamatan.baris",
        (("{{ r.no }}", c), ("{{ r.nama }}", left), ("{{ r.desa }}", r), ("{{ r.aparat }}", r),
         ("{{ r.terdaftar }}", r), ("{{ r.belum }}", r), ("{{ r.bulanan }}", r),
         ("{{ r.tahunan }}", r)),
        2, tuple(f"{{{{ rekap_kecamatan.jumlah.{k} }}}}" for k in
                 ("desa", "aparat", "terdaftar", "belum", "bulanan", "tahunan")))
    add_par(doc, '{%p elif l.isi == "rekap_jabatan" %}')
    _annex_table(
        doc, (0.8, 5.2, 1.6, 1.8, 1.8, 2.5, 2.8), (1, 1, 3, 0, 0, 2, 0),
        ("No", "Jabatan", "Jumlah Aparat Desa", "Perkiraan Iuran (Rp)"),
        ("", "", "Jumlah", "Sudah Terdaftar", "Belum Terdaftar", "per Bulan", "per Tahun"),
        (0, 1), "rekap_jabatan.baris",
        (("{{ r.no }}", c), ("{{ r.nama }}", left), ("{{ r.aparat }}", r), ("{{ r.terdaftar }}", r),
         ("{{ r.belum }}", r), ("{{ r.bulanan }}", r), ("{{ r.tahunan }}", r)),
        2, tuple(f"{{{{ rekap_jabatan.jumlah.{k} }}}}" for k in
                 ("aparat", "terdaftar", "belum", "bulanan", "tahunan")))
    add_par(doc, "{%p endif %}")
    add_par(doc, "Keterangan:", size=ANNEX_SIZE, before=6, keep_next=True)
    add_par(doc, "{%p for k in catatan %}")
    # the notes and the signature under them make one block
    add_par(doc, "{{ loop.index }}.\t{{ k }}", align=JUSTIFY, size=ANNEX_SIZE, left=0.6, first=-0.6,
            tabs=[0.6], keep_next=True)
    add_par(doc, "{%p endfor %}")
    _tanda_tangan(doc, "penetapan", verb=None, left=SIGN_LEFT_CM, right=None)
    add_par(doc, "{%p endfor %}")


def _properties(doc, title: str, subject: str, script: str = "scripts/make_templates.py") -> None:
    """Fixed document properties, so the same script gives the same bytes; a decree's title
    is rendered from its own (a PDF/A carries it in its metadata)."""
    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.author = "perbup"
    props.comments = f"Templat docxtpl/Jinja; dibuat oleh {script}."
    props.last_modified_by = "perbup"
    props.language = LANG
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)


def build_decree():
    """templates/perbup.docx: the regent's regulation (Peraturan Bupati) with its annexes."""
    doc = _new_document(_decree_page_setup)
    _konsep_header(doc)
    _page_number_footer(doc)
    _kepala_decree(doc)
    _judul_decree(doc)
    _pembukaan(doc)
    _batang_tubuh(doc)
    _penutup_decree(doc)
    _paraf(doc)
    _lampiran_decree(doc)
    _properties(doc, "{{ judul.dokumen }} {{ judul.nomor_tahun }} TENTANG {{ judul.tentang }}",
                "Kepesertaan aparat desa dalam program jaminan sosial ketenagakerjaan")
    return doc


# --- the instruction (Instruksi Bupati) -----------------------------------------------------

DIKTUM_CM = KONSIDERANS_CM[0] + KONSIDERANS_CM[1]  # "KESATU", the colon, then the text


def _diktum(doc) -> None:
    """"Untuk:" then KESATU, KEDUA … hanging after their colon, and the lists under them."""
    add_par(doc, "Untuk\t:", tabs=[KONSIDERANS_CM[0]], before=6, keep_next=True)
    add_par(doc, "{%p for b in blocks %}")
    # a diktum or item that introduces a list ("Para Camat agar:") stays on the page of its first
    # item, and the last one on the signature's page (_KEEP)
    opener = "if"
    for keep in (True, False):
        add_par(doc, f'{{%p {opener} b.kind == "diktum"{_KEEP[keep]} %}}')
        add_par(doc, "{{ b.nomor }}\t:\t{{ b.teks }}", align=JUSTIFY, left=DIKTUM_CM,
                first=-DIKTUM_CM, tabs=[KONSIDERANS_CM[0], DIKTUM_CM], before=6, keep_next=keep)
        opener = "elif"
    for depth in range(1, MAX_DEPTH + 1):
        for keep in (True, False):
            add_par(doc, f"{{%p elif b.nomor and b.tingkat == {depth}{_KEEP[keep]} %}}")
            add_par(doc, "{{ b.nomor }}\t{{ b.teks }}", align=JUSTIFY,
                    left=DIKTUM_CM + depth * STEP_CM, first=-STEP_CM,
                    tabs=[DIKTUM_CM + depth * STEP_CM], keep_next=keep)
    add_par(doc, "{%p elif b.keep_next %}")
    add_par(doc, "{{ b.teks }}", align=JUSTIFY, left=DIKTUM_CM, keep_next=True)
    add_par(doc, "{%p else %}")
    add_par(doc, "{{ b.teks }}", align=JUSTIFY, left=DIKTUM_CM)
    add_par(doc, "{%p endif %}")
    add_par(doc, "{%p endfor %}")


def build_instruksi():
    """templates/instruksi.docx: the regent's instruction (Instruksi Bupati) with its annexes."""
    doc = _new_document(_decree_page_setup)
    _konsep_header(doc)
    _page_number_footer(doc)
    _kepala_decree(doc)
    title: dict[str, Any] = {"align": CENTER, "bold": True, "keep_next": True}
    add_par(doc, "{{ judul.dokumen }}", **title)
    add_par(doc, "{{ judul.nomor_tahun }}", **title)
    add_par(doc, "TENTANG", before=12, **title)
    add_par(doc, "{{ judul.tentang_baris }}", before=12, **title)
    add_par(doc, "{{ kepala_upper }},", before=18, after=12, **title)
    _konsiderans(doc, "Menimbang", "menimbang", "huruf")
    add_par(doc, "")
    _konsiderans(doc, "Mengingat", "mengingat", "angka")
    add_par(doc, "{{ pembukaan }}", align=JUSTIFY, before=6, after=6, keep_next=True)
    _konsiderans(doc, "Kepada", "kepada", "angka")
    _diktum(doc)
    _tanda_tangan(doc, "penetapan", verb="Dikeluarkan", left=SIGN_LEFT_CM, right=None)
    _paraf(doc)
    _lampiran_decree(doc)
    _properties(doc, "{{ judul.dokumen }} {{ judul.nomor_tahun }} TENTANG {{ judul.tentang }}",
                "Kepesertaan aparat desa dalam program jaminan sosial ketenagakerjaan")
    return doc


# --- the circular (Surat Edaran Bupati) ------------------------------------------------------
# Issued on the regency's letterhead, so it takes the letter's page and kop (the first page's
# header); the title, the sections and the signature follow Permendagri 1/2023 (verify).

SECTION_CM = 1.0  # a section's number hangs in this; its title, text and lists start after it
YTH_CM = (1.3, 0.7, 15.0)  # "Yth.", an addressee's number, the addressee (17 cm of text on F4)


def _konsep_first_page(doc) -> None:
    """KONSEP above the kop on the first page; later pages carry it in their own header."""
    header = doc.sections[0].first_page_header
    kop = header._element[0]
    for text in ("{%p if konsep %}", "KONSEP", "{%p endif %}"):
        par = add_par(header, align=RIGHT)
        if text == "KONSEP":
            add_run(par, text, bold=True, size=Pt(14))
        else:
            add_run(par, text)
        kop.addprevious(par._p)


def _yth(doc) -> None:
    """"Yth." and the addressees, numbered when there are several, then "di" / "Tempat"."""
    add_par(doc, "{%p if kepada %}")
    widths = _twips(*YTH_CM)
    table = _new_table(doc, 3, sum(widths))
    (cell,) = add_row(table, [3])
    cell_par(cell, "{%tr for m in kepada %}", size=None)
    cells = add_row(table, [1, 1, 1], cant_split=False)
    cell_par(cells[0], "{% if loop.first %}Yth.{% endif %}", size=None)
    cell_par(cells[1], "{% if kepada|length > 1 %}{{ m.angka }}{% endif %}", size=None)
    cell_par(cells[2], "{{ m.teks }}", size=None)
    (cell,) = add_row(table, [3])
    cell_par(cell, "{%tr endfor %}", size=None)
    _table_props(table, widths, borders=False, cell_margin_cm=0)
    add_par(doc, "di", left=YTH_CM[0], before=3)
    add_par(doc, "Tempat", left=YTH_CM[0] + YTH_CM[1])
    add_par(doc, "{%p endif %}")


def _bagian_edaran(doc) -> None:
    """The numbered sections: "1." and the title, the text under the title, the lists below."""
    add_par(doc, "{%p for b in blocks %}")
    # a text or item that introduces a list ("Para Camat agar:") keeps with its first item, and
    # the last one with the signature (_KEEP)
    opener = "if"
    for keep in (True, False):
        add_par(doc, f'{{%p {opener} b.kind == "diktum" and b.judul{_KEEP[keep]} %}}')
        add_par(doc, "{{ b.nomor }}\t{{ b.judul }}", bold=True, left=SECTION_CM, first=-SECTION_CM,
                tabs=[SECTION_CM], before=12, after=3, keep_next=True)
        add_par(doc, "{{ b.teks }}", align=JUSTIFY, left=SECTION_CM, keep_next=keep)
        opener = "elif"
    for keep in (True, False):
        add_par(doc, f'{{%p elif b.kind == "diktum"{_KEEP[keep]} %}}')
        add_par(doc, "{{ b.nomor }}\t{{ b.teks }}", align=JUSTIFY, left=SECTION_CM,
                first=-SECTION_CM, tabs=[SECTION_CM], before=12, keep_next=keep)
    for depth in range(1, MAX_DEPTH + 1):
        for keep in (True, False):
            add_par(doc, f"{{%p elif b.nomor and b.tingkat == {depth}{_KEEP[keep]} %}}")
            add_par(doc, "{{ b.nomor }}\t{{ b.teks }}", align=JUSTIFY,
                    left=SECTION_CM + depth * STEP_CM, first=-STEP_CM,
                    tabs=[SECTION_CM + depth * STEP_CM], before=3, keep_next=keep)
    add_par(doc, "{%p elif b.keep_next %}")
    add_par(doc, "{{ b.teks }}", align=JUSTIFY, left=SECTION_CM, keep_next=True)
    add_par(doc, "{%p else %}")
    add_par(doc, "{{ b.teks }}", align=JUSTIFY, left=SECTION_CM)
    add_par(doc, "{%p endif %}")
    add_par(doc, "{%p endfor %}")


def build_surat_edaran():
    """templates/surat_edaran.docx: the regent's circular (Surat Edaran Bupati) with its annexes."""
    doc = _new_document(_page_setup)  # the letter's page: F4, its margins, the kop on page 1
    _kop(doc)
    _konsep_header(doc)
    _konsep_first_page(doc)
    _page_number_footer(doc)  # from the second page on; the first page has the kop
    title: dict[str, Any] = {"align": CENTER, "bold": True, "keep_next": True}
    add_par(doc, "{{ judul.dokumen }}", before=12, **title)
    add_par(doc, "{{ judul.nomor_tahun }}", **title)
    add_par(doc, "TENTANG", before=12, **title)
    add_par(doc, "{{ judul.tentang_baris }}", before=6, after=18, **title)
    _yth(doc)
    _bagian_edaran(doc)
    _tanda_tangan(doc, "penetapan", verb="Ditetapkan", left=SIGN_LEFT_CM, right=None)
    _tembusan(doc)
    _paraf(doc)
    _lampiran_decree(doc, dokumen="{{ judul.dokumen }} {{ kepala_upper }}")
    _properties(doc, "{{ judul.dokumen }} {{ judul.nomor_tahun }} TENTANG {{ judul.tentang }}",
                "Kepesertaan aparat desa dalam program jaminan sosial ketenagakerjaan")
    return doc


# --- deterministic saving -------------------------------------------------------------------

THUMBNAIL = "docProps/thumbnail.jpeg"


def _normalise(name: str, data: bytes) -> bytes:
    if name == "docProps/core.xml":
        text = data.decode("utf-8")
        for tag in ("created", "modified"):
            text = re.sub(rf"(<dcterms:{tag}[^>]*>)[^<]*(</dcterms:{tag}>)",
                          rf"\g<1>{FIXED_DATE:%Y-%m-%dT%H:%M:%SZ}\g<2>", text)
        return text.encode("utf-8")
    if name == "_rels/.rels":
        # python-docx's default template carries a thumbnail of an unrelated page: drop it.
        text = data.decode("utf-8")
        text = re.sub(r'<Relationship [^>]*Target="docProps/thumbnail\.jpeg"[^>]*/>', "", text)
        return text.encode("utf-8")
    return data


def save_deterministic(doc, path: Path) -> None:
    """Saves `doc` as a zip that depends only on its content: fixed dates, order and modes."""
    raw = io.BytesIO()
    doc.save(raw)
    with zipfile.ZipFile(raw) as src:
        members = {name: src.read(name) for name in src.namelist() if name != THUMBNAIL}
    first = ["[Content_Types].xml", "_rels/.rels"]
    order = first + sorted(name for name in members if name not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, _normalise(name, members[name]), compresslevel=9)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write to")
    args = parser.parse_args(argv)
    for name, build in (("surat_desa.docx", build_letter), ("perbup.docx", build_decree),
                        ("instruksi.docx", build_instruksi), ("surat_edaran.docx", build_surat_edaran),
                        ("surat_pengingat.docx", build_reminder)):
        target = args.out / name
        save_deterministic(build(), target)
        print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
