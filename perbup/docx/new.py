"""A blank Word document for what perbup writes without a template (the matriks, the redline):
F4 paper in Bookman Old Style as the decree, each line of a unit set as the decree sets it."""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from perbup.docx.layout import FONT, PAPER_MM
from perbup.docx.package import Properties, rewritten

#: The decree's size and indent (templates/perbup.docx); paper and font are the templates' own.
SIZE = Pt(12)
STEP_CM = 1.0  # the hanging indent of an ayat or a list item, per level


@dataclass(frozen=True)
class Line:
    """One paragraph as a unit prints: `style` is title, heading (BAB II, Pasal 5), caption (the
    title under a heading), item (numbered: an ayat, a list item) or text."""

    style: str
    nomor: str
    text: str
    depth: int = 0


def blank(*, landscape: bool = False, size: Pt = SIZE) -> Document:
    """A document on F4 paper, Bookman Old Style, single-spaced."""
    document = docx.Document()
    section = document.sections[0]
    width, height = (Mm(n) for n in PAPER_MM)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = size
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    spacing = normal.paragraph_format
    spacing.space_before, spacing.space_after, spacing.line_spacing = Pt(0), Pt(0), 1.0
    return document


def set_line(paragraph: Paragraph, line: Line) -> None:
    """Alignment and indents of a unit's line: titles and headings centred, a numbered item
    hanging at its depth with a tab after its number, text justified at its depth."""
    layout = paragraph.paragraph_format
    if line.style in ("title", "heading", "caption"):
        layout.alignment = WD_ALIGN_PARAGRAPH.CENTER
        layout.keep_with_next = True
        if line.style == "heading":
            layout.space_before = Pt(12)
        return
    layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    depth = max(line.depth, 1) if line.style == "item" else line.depth
    if depth:
        layout.left_indent = Cm(depth * STEP_CM)
    if line.style == "item":
        layout.first_line_indent = Cm(-STEP_CM)
        layout.tab_stops.add_tab_stop(Cm(depth * STEP_CM))


def finished(document: Document, name: str, properties: Properties) -> bytes:
    """The document's bytes: the same document always gives the same bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return rewritten(name, buffer.getvalue(), properties)
