"""redline.docx: the new draft with Word's tracked changes against the old one, so a reviewer
accepts or rejects each change in Word (Review > Accept / Reject)."""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from perbup.compute.revisi import SECTIONS, Draft, Revision, Unit, word_diff
from perbup.docx.new import Line, blank, finished, set_line
from perbup.docx.package import Properties

#: What introduces a part of the document, as the decree's pembukaan writes it.
LABELS = {"menimbang": "Menimbang:", "mengingat": "Mengingat:", "kepada": "Kepada:",
          "tembusan": "Tembusan:"}


@dataclass(frozen=True)
class Marks:
    """Who made the changes and when, as Word shows them beside each one. The date is given,
    never read from the clock, so equal inputs give equal files; without one Word shows none."""

    author: str = "perbup"
    date: dt.date | None = None


def paragraph_text(line: Line) -> str:
    """A line as one paragraph: the number, a tab, the text."""
    return f"{line.nomor}\t{line.text}" if line.nomor else line.text


def draft_lines(draft: Draft, key: Callable[[Unit], Hashable]) -> list[tuple[Hashable, Line]]:
    """Every paragraph of a version in reading order, each with what it is aligned by: the
    same unit in both versions gives the same key."""
    out: list[tuple[Hashable, Line]] = []
    for name in SECTIONS:
        units = draft.sections[name]
        if units and name in LABELS:
            out.append((("label", name), Line("text", "", LABELS[name])))
        for top in units:
            for unit in top.walk():
                out += [((key(unit), k), line) for k, line in enumerate(unit.lines())]
    return out


class _Writer:
    """Paragraphs with w:ins and w:del runs, each change numbered in the order written."""

    def __init__(self, document: Document, marks: Marks) -> None:
        self.document = document
        self.marks = marks
        self.ids = itertools.count(1)

    def mark(self, tag: str) -> etree._Element:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(next(self.ids)))
        element.set(qn("w:author"), self.marks.author)
        if self.marks.date is not None:
            element.set(qn("w:date"), f"{self.marks.date.isoformat()}T00:00:00Z")
        return element

    @staticmethod
    def run(text: str, *, deleted: bool, bold: bool) -> etree._Element:
        run = OxmlElement("w:r")
        if bold:
            properties = OxmlElement("w:rPr")
            properties.append(OxmlElement("w:b"))
            run.append(properties)
        for n, part in enumerate(text.split("\t")):
            if n:
                run.append(OxmlElement("w:tab"))
            if part:
                element = OxmlElement("w:delText" if deleted else "w:t")
                element.set(qn("xml:space"), "preserve")
                element.text = part
                run.append(element)
        return run

    def paragraph(self, line: Line, words: tuple[tuple[str, str], ...], whole: str = "") -> Paragraph:
        """A paragraph from word changes; `whole` "+" or "-": the paragraph itself is inserted or
        deleted (its mark too, so accepting or rejecting leaves no empty paragraph)."""
        paragraph = self.document.add_paragraph()
        set_line(paragraph, line)
        if whole:
            properties = paragraph._p.get_or_add_pPr()
            run_properties = OxmlElement("w:rPr")
            run_properties.append(self.mark("w:ins" if whole == "+" else "w:del"))
            properties.append(run_properties)
        bold = line.style == "title"
        for op, text in words:
            run = self.run(text, deleted=op == "-", bold=bold)
            if op == "=":
                paragraph._p.append(run)
            else:
                wrapper = self.mark("w:ins" if op == "+" else "w:del")
                wrapper.append(run)
                paragraph._p.append(wrapper)
        return paragraph


def merged(revision: Revision) -> Iterator[tuple[Line, tuple[tuple[str, str], ...], str]]:
    """The paragraphs of the redline: (line, word changes, "+"/"-" for a whole paragraph)."""
    twins = revision.twins
    old = draft_lines(revision.old, lambda u: ("unit", twins[u.serial]) if u.serial in twins
                      else ("old", u.serial))
    new = draft_lines(revision.new, lambda u: ("unit", u.serial))
    matcher = difflib.SequenceMatcher(None, [k for k, _ in old], [k for k, _ in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for (_, was), (_, now) in zip(old[i1:i2], new[j1:j2], strict=True):
                yield now, word_diff(paragraph_text(was), paragraph_text(now)), ""
            continue
        for _, was in old[i1:i2]:
            yield was, (("-", paragraph_text(was)),), "-"
        for _, now in new[j1:j2]:
            yield now, (("+", paragraph_text(now)),), "+"


def redline(revision: Revision, marks: Marks, properties: Properties) -> bytes:
    """The Word file: unchanged paragraphs as they are, changed words and paragraphs tracked."""
    document = blank()
    settings = document.settings.element
    # Further edits are tracked too, as a reviewer expects of a file with changes in it.
    anchor = settings.find(qn("w:defaultTabStop"))
    tracking = OxmlElement("w:trackRevisions")
    if anchor is not None:
        anchor.addprevious(tracking)
    else:
        settings.append(tracking)
    writer = _Writer(document, marks)
    for line, words, whole in merged(revision):
        writer.paragraph(line, words, whole)
    # The last paragraph mark of a document can be neither inserted nor deleted: this one stays.
    document.add_paragraph()
    document.core_properties.title = "Redline"
    return finished(document, "redline.docx", properties)
