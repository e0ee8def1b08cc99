"""What Word writes around a tag when it saves: each fixture is a paragraph as Word leaves it
(runs split by spelling marks, bookmarks, revision ids, smart tags, a rendered page break), and
each renders, and is checked, as if the drafter had typed the tag in one run."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from perbup.docx.render import PreparedTemplate
from perbup.pipeline.templates import check_template

_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"')


def _r(text: str, props: str = "", before: str = "", rsid: str = "") -> str:
    """A run as Word writes it: its properties, what comes before its text, its text."""
    attrs = f' w:rsidR="{rsid}"' if rsid else ""
    return (f'<w:r{attrs}>{f"<w:rPr>{props}</w:rPr>" if props else ""}{before}'
            f'<w:t xml:space="preserve">{text}</w:t></w:r>')


def _ts(text: str) -> str:
    return f'<w:t xml:space="preserve">{text}</w:t>'


#: Each fixture: the runs of the paragraph "Kepada Kepala Desa {{ NAME.desa }}" as Word saves
#: them, NAME standing for the variable.
SAVES = {
    "a tag split across runs": lambda v: (
        _r("Kepada Kepala Desa {{ ") + _r(v[:3], "<w:b/>") + _r(v[3:] + ".desa }}")),
    "spelling marks inside the tag": lambda v: (
        _r("Kepada Kepala Desa {{ ") + '<w:proofErr w:type="spellStart"/>' + _r(v) +
        '<w:proofErr w:type="spellEnd"/>' + _r(".desa }}")),
    "a bookmark inside the tag": lambda v: (
        _r("Kepada Kepala Desa {{ ") + '<w:bookmarkStart w:id="0" w:name="_GoBack"/>' + _r(v) +
        '<w:bookmarkEnd w:id="0"/>' + _r(".desa }}")),
    "revision ids on every run": lambda v: (
        _r("Kepada Kepala Desa ", rsid="00A1B2C3") + _r("{{ " + v, rsid="00D4E5F6")
        + _r(".desa }}", '<w:rFonts w:hint="eastAsia"/>', rsid="00123456")),
    "a smart tag around part of the tag": lambda v: (
        _r("Kepada Kepala Desa {{ ") +
        '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
        '<w:smartTagPr><w:attr w:name="Name" w:val="x"/></w:smartTagPr>' + _r(v + ".desa") +
        '</w:smartTag>' + _r(" }}")),
    "a smart tag around the tag's end": lambda v: (
        _r("Kepada Kepala Desa {{ " + v) +
        '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="City">'
        + _r(".desa }}") + '</w:smartTag>'),
    "the braces in different runs": lambda v: (
        _r("Kepada Kepala Desa {") + '<w:proofErr w:type="gramStart"/>' + _r("{ " + v + ".desa }")
        + '<w:proofErr w:type="gramEnd"/>' + _r("}")),
    "a rendered page break inside the tag": lambda v: (
        _r("Kepada Kepala Desa {{ " + v) + _r(".desa }}", before="<w:lastRenderedPageBreak/>")),
}


def _saved(path: Path, runs: str) -> Path:
    """A letter template whose body is the paragraph `runs` (the page set as a letter's is)."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    section.top_margin = section.bottom_margin = section.right_margin = Mm(20)
    section.left_margin = Mm(25)
    document.save(str(path))
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["word/document.xml"].decode()
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("<w:sectPr")
    paragraph = f'<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3" w14:paraId="1A2B3C4D">{runs}</w:p>'
    xml = xml[:start] + paragraph + xml[end:]
    if "xmlns:w14=" not in xml[:xml.index("<w:body>")]:
        xml = xml.replace("<w:document ", f"<w:document {_NS.split(' ', 1)[1]} ", 1)
    members["word/document.xml"] = xml.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("save", sorted(SAVES))
def test_a_tag_word_saved_in_pieces_renders_as_if_typed_in_one_run(save: str,
                                                                   tmp_path: Path) -> None:
    path = _saved(tmp_path / "surat_desa.docx", SAVES[save]("tujuan"))
    template = PreparedTemplate.load(path)
    assert template.variables == {"tujuan"}
    data = template.render({"tujuan": {"desa": "Oe'ekam & Baru"}})
    assert [p.text for p in docx.Document(io.BytesIO(data)).paragraphs] == [
        "Kepada Kepala Desa Oe'ekam & Baru"]


@pytest.mark.parametrize("save", sorted(SAVES))
def test_the_template_check_names_a_misspelt_tag_word_saved_in_pieces(save: str,
                                                                      tmp_path: Path) -> None:
    path = _saved(tmp_path / "surat_desa.docx", SAVES[save]("tujuann"))
    errors = [(p.message, p.hint) for p in check_template(path) if p.is_error]
    assert errors == [("unknown variable 'tujuann'",
                       "did you mean 'tujuan'? a surat_desa template can use: aparat, batas, bpjs, "
                       "catatan, dasar, jatuh_tempo, kab, pembulatan, potongan, program, "
                       "program_teks, ringkas, skema, surat, tembusan, total, ttd, tujuan")]
