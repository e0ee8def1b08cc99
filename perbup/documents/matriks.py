"""matriks-perubahan.docx: the table a legal bureau reviews a draft by in harmonisation, one row
per changed unit in the document's order: Rumusan Semula | Rumusan Perubahan | Keterangan."""

from __future__ import annotations

from collections.abc import Sequence

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from docx.table import _Cell

from perbup.compute.revisi import Change, Revision
from perbup.docx.new import Line, blank, finished, set_line
from perbup.docx.package import Properties

HEADER = ("Rumusan Semula", "Rumusan Perubahan", "Keterangan")
#: Column widths on landscape F4 (28.5 cm between the margins).
WIDTHS_CM = (11.25, 11.25, 6.0)
SIZE = Pt(10)  # a long Pasal in two columns still reads on the page


def keterangan(change: Change) -> str:
    """What the row says happened, as a legal bureau writes it."""
    where = f" setelah {change.after}" if change.after else " di awal"
    if change.kind == "inserted":
        return f"Disisipkan {change.new}{where}."
    if change.kind == "deleted":
        return f"{change.old} dihapus."
    if change.kind == "moved":
        how = "dipindahkan dan diubah" if change.words else "dipindahkan"
        return f"{change.old} {how} menjadi {change.new}{where}."
    if change.old != change.new:
        return f"{change.old} diubah dan menjadi {change.new}."
    return f"{change.old} diubah."


def _fill(cell: _Cell, lines: Sequence[Line], words: Sequence[tuple[str, str]], side: str) -> None:
    """The unit's lines in a cell; the words changed inside a changed unit stand out: struck
    through where they were, underlined where they are now (both in bold)."""
    paragraphs = [cell.paragraphs[0], *(cell.add_paragraph() for _ in lines[1:])]
    if not lines:
        cell.paragraphs[0].add_run("-")
        return
    for paragraph, line in zip(paragraphs, lines, strict=True):
        set_line(paragraph, line)
        if line.nomor:
            paragraph.add_run(f"{line.nomor}\t")
        if not words or len(lines) > 1:
            paragraph.add_run(line.text)
            continue
        for op, text in words:
            if op == "=" or op == side:
                run = paragraph.add_run(text)
                if op != "=":
                    run.bold = True
                    run.font.strike = op == "-"
                    run.font.underline = op == "+"


def _repeat_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    properties.append(OxmlElement("w:tblHeader"))


def matriks(revision: Revision, title: str, properties: Properties) -> bytes:
    """The Word file, landscape: a title, the table, and the units renumbered as a result."""
    document = blank(landscape=True, size=SIZE)
    for text in ("MATRIKS PERUBAHAN", title.upper()):
        heading = document.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.add_run(text).bold = True
    sources = document.add_paragraph(f"Rumusan semula: {revision.old.display}; rumusan perubahan: "
                                     f"{revision.new.display}.")
    sources.paragraph_format.space_before = sources.paragraph_format.space_after = Pt(6)
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name, width in zip(table.rows[0].cells, HEADER, WIDTHS_CM, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].add_run(name).bold = True
    _repeat_header(table.rows[0])
    for change in revision.changes:
        cells = table.add_row().cells
        _fill(cells[0], change.old_lines, change.words, "-")
        _fill(cells[1], change.new_lines, change.words, "+")
        cells[2].paragraphs[0].add_run(keterangan(change))
        for cell, width in zip(cells, WIDTHS_CM, strict=True):
            cell.width = Cm(width)
    if not revision.changes:
        cells = table.add_row().cells
        cells[2].paragraphs[0].add_run("Tidak ada perubahan.")
    if revision.renumbered:
        note = document.add_paragraph("Penomoran yang berubah karena perubahan di atas: " + "; ".join(
            f"{r.old} menjadi {r.new}" for r in revision.renumbered) + ".")
        note.paragraph_format.space_before = Pt(6)
    document.core_properties.title = "Matriks Perubahan"
    return finished(document, "matriks-perubahan.docx", properties)

