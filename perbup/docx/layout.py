"""What a Word template must hold for perbup to print it right: paper, margins, font, named
pictures and table grids, read from the .docx itself (the templates are edited in Word).

The rules are conventions of the bureau (docs/templates.md), not checked against a regulation:
F4 paper is the regional custom (legal-format.md, **verify**), the margins are the bundled
templates' own, the font is Bookman Old Style (Permendagri 53/2011 Pasal 92, which Permendagri
80/2015 replaced; regions still follow it, **verify**).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from perbup.docx.ns import NS as _NS
from perbup.docx.ns import SAFE_XML, W

PAPER_MM = (215, 330)  # F4 / folio
FONT = "Bookman Old Style"
_PAPER_SLACK_MM = 1.0  # Word stores twips; LibreOffice rounds to 1/100 mm
_MARGIN_SLACK_CM = 0.05

_W = W
_TWIPS_PER_MM = 1440 / 25.4
_PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml")


@dataclass(frozen=True)
class Layout:
    """What one kind of template must hold: margins (top, bottom, left, right, cm) and the
    pictures, by name, that perbup fills."""

    margins_cm: tuple[float, float, float, float]
    pictures: tuple[str, ...] = ()


_LETTER_MARGINS = (2.0, 2.0, 2.5, 2.0)
_DECREE_MARGINS = (2.0, 2.0, 3.0, 2.0)  # the wider left margin is the binding side

#: Each bundled template's layout; a template perbup does not know is held to paper and font only.
LAYOUTS = {
    "surat_desa.docx": Layout(_LETTER_MARGINS, ("lambang_daerah",)),
    "surat_edaran.docx": Layout(_LETTER_MARGINS, ("lambang_daerah",)),
    "surat_pengingat.docx": Layout(_LETTER_MARGINS, ("lambang_daerah",)),
    "laporan.docx": Layout(_LETTER_MARGINS, ("grafik_cakupan",)),
    "perbup.docx": Layout(_DECREE_MARGINS, ("lambang_garuda",)),
    "instruksi.docx": Layout(_DECREE_MARGINS, ("lambang_garuda",)),
}


@dataclass(frozen=True)
class Finding:
    """One thing a template holds that the rules do not allow, and where it sits."""

    where: str  # "section 1", "table 2 row 3", "word/header1.xml"
    message: str

    def __str__(self) -> str:
        return f"{self.message} ({self.where})"


def _mm(twips: str | None) -> float:
    return int(twips or 0) / _TWIPS_PER_MM


def _sections(document: etree._Element, name: str) -> list[Finding]:
    found = []
    layout = LAYOUTS.get(name)
    for number, sect in enumerate(document.iterfind(".//w:sectPr", _NS), 1):
        where = f"section {number}"
        size = sect.find("w:pgSz", _NS)
        width, height = (_mm(size.get(f"{{{_W}}}{a}")) if size is not None else 0.0 for a in "wh")
        if size is not None and size.get(f"{{{_W}}}orient") == "landscape":
            width, height = height, width
        paper = zip((width, height), PAPER_MM, strict=True)
        if any(abs(got - want) > _PAPER_SLACK_MM for got, want in paper):
            found.append(Finding(where, f"paper is {width:.0f} x {height:.0f} mm, not F4 "
                                        f"{PAPER_MM[0]} x {PAPER_MM[1]} mm"))
        margin = sect.find("w:pgMar", _NS)
        if layout is None or margin is None:
            continue
        got = tuple(_mm(margin.get(f"{{{_W}}}{a}")) / 10 for a in ("top", "bottom", "left", "right"))
        if any(abs(g - w) > _MARGIN_SLACK_CM for g, w in zip(got, layout.margins_cm, strict=True)):
            found.append(Finding(where, "margins are {} cm (top, bottom, left, right), not {} cm".format(
                " / ".join(f"{g:g}" for g in (round(v, 2) for v in got)),
                " / ".join(f"{w:g}" for w in layout.margins_cm))))
    return found


def _fonts(part: str, tree: etree._Element) -> list[Finding]:
    fonts = sorted({value for element in tree.iterfind(".//w:rFonts", _NS)
                    for attr in ("ascii", "hAnsi") if (value := element.get(f"{{{_W}}}{attr}"))
                    and value != FONT})
    return [Finding(part, f"font {font!r} is used; the documents are set in {FONT}") for font in fonts]


def _grids(tree: etree._Element) -> list[Finding]:
    """Tables whose rows do not fill their grid exactly: Word and LibreOffice draw them
    differently, and the renderer's column loop widens the wrong column."""
    found = []
    for number, table in enumerate(tree.iterfind(".//w:tbl", _NS), 1):
        columns = len(table.findall("w:tblGrid/w:gridCol", _NS))
        for row_number, row in enumerate(table.iterfind("w:tr", _NS), 1):
            spans = sum(int(next(iter(cell.xpath("w:tcPr/w:gridSpan/@w:val", namespaces=_NS)), 1))
                        for cell in row.iterfind("w:tc", _NS))
            if spans != columns:
                found.append(Finding(f"table {number} row {row_number}",
                                     f"the row's cells span {spans} grid column(s), the table's "
                                     f"grid has {columns}"))
    return found


def layout_findings(path: Path, name: str | None = None, data: bytes | None = None) -> list[Finding]:
    """Everything in the template at `path` (or its bytes `data`) that breaks the layout rules of
    the template `name` (by default the file's name); the file must be a readable .docx."""
    name = name or Path(path).name
    found: list[Finding] = []
    pictures: set[str] = set()
    with zipfile.ZipFile(path if data is None else io.BytesIO(data)) as archive:
        for part in sorted(archive.namelist()):
            if not _PARTS.fullmatch(part):
                continue
            tree = etree.fromstring(archive.read(part), SAFE_XML)
            if part == "word/document.xml":
                found.extend(_sections(tree, name))
                found.extend(_grids(tree))
            found.extend(_fonts(part, tree))
            pictures.update(d.get("name", "") for d in tree.iterfind(".//wp:docPr", _NS))
    layout = LAYOUTS.get(name)
    for picture in layout.pictures if layout else ():
        if picture not in pictures:
            found.append(Finding("document", f"no picture named {picture!r}; perbup puts its "
                                             "image in place of that picture"))
    return found
