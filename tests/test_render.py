"""Tests for perbup.docx.render: same document content as docxtpl, deterministic bytes, safe errors."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument
from docxtpl import DocxTemplate
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from perbup.base.errors import TemplateError
from perbup.docx.render import PreparedTemplate
from tests.helpers import with_equal_grid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RENDERED = {"word/document.xml", "word/header1.xml", "word/footer1.xml"}
# made once per template: the file properties, and the package relationships without the thumbnail
PROPERTIES = {"docProps/core.xml", "docProps/app.xml", "_rels/.rels"}
DROPPED = {"docProps/thumbnail.jpeg"}  # python-docx's default template has one


def build(path: Path, fill: Callable[[DocxDocument], object]) -> Path:
    document = docx.Document()
    fill(document)
    document.save(str(path))
    return path


def surat(document: DocxDocument) -> None:
    """The letter: a letterhead header, a name, an apparatus row loop, a conditional paragraph."""
    document.sections[0].header.paragraphs[0].text = "PEMERINTAH KABUPATEN {{ kab }}"
    document.sections[0].footer.paragraphs[0].text = "Desa {{ nama }}"
    document.add_paragraph("Kepada Yth. Kepala Desa {{ nama }}")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Nama"
    table.rows[0].cells[1].text = "Jabatan"
    table.add_row().cells[0].text = "{%tr for a in aparat %}"
    row = table.add_row().cells
    row[0].text, row[1].text = "{{ a.nama }}", "{{ a.jabatan }}"
    table.add_row().cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{%p if flag %}")
    document.add_paragraph("Tembusan: BPD {{ nama }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("Penutup.")


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def lampiran(document: DocxDocument) -> None:
    """docxtpl's slow paths: a {%tc column loop, merged cells, a picture (drawing ids)."""
    surat(document)
    document.add_picture(io.BytesIO(tiny_png()))
    table = document.add_table(rows=2, cols=4)
    cells = table.rows[0].cells
    cells[0].text, cells[1].text, cells[2].text, cells[3].text = (
        "Bulan", "{%tc for b in bulan %}", "{{ b }}", "{%tc endfor %}")
    merged = document.add_table(rows=2, cols=3)
    merged.rows[0].cells[0].merge(merged.rows[0].cells[2]).text = "Rekap {{ nama }}"
    merged.rows[1].cells[1].text = "{{ kab }}"


def context(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "nama": "Oe'ekam & <Nian> \"Baru\"",
        "kab": "Timor Tengah Selatan",
        "flag": True,
        "aparat": [{"nama": "Yohanis Tefa", "jabatan": "Sekretaris Desa"},
                   {"nama": "Maria Nenobais", "jabatan": "Kaur Keuangan"}],
        "bulan": ["Januari", "Februari", "Maret", "April", "Mei"],
    }
    return base | changes


def with_docxtpl(path: Path, values: dict[str, Any]) -> bytes:
    """The naive way perbup replaces: load, render and save per document."""
    template = DocxTemplate(with_equal_grid(path))
    template.render(values, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def canonical(xml: bytes) -> bytes:
    # docxtpl re-serialises every part through lxml, so compare meaning, not bytes; there are
    # no random ids to normalise: both number drawings from 1001
    tree = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    return etree.tostring(tree, method="c14n")


def visible_text(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return texts


def member(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


@pytest.fixture(scope="module")
def surat_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("tpl") / "surat_desa.docx", surat)


@pytest.fixture(scope="module")
def prepared(surat_path: Path) -> PreparedTemplate:
    return PreparedTemplate.load(surat_path)


def one_paragraph(tmp_path: Path, text: str) -> Path:
    return build(tmp_path / "surat.docx", lambda d: d.add_paragraph(text))


@pytest.mark.parametrize("changes", [
    {},
    {"flag": False, "aparat": []},
    {"nama": "Baris satu\nbaris dua\tkolom"},  # docxtpl turns these into <w:br/> and <w:tab/>
])
def test_same_content_as_docxtpl(surat_path: Path, prepared: PreparedTemplate,
                                 changes: dict[str, Any]) -> None:
    values = context(**changes)
    ours, theirs = prepared.render(values), with_docxtpl(surat_path, values)
    assert visible_text(ours) == visible_text(theirs)
    for name in RENDERED:
        assert canonical(member(ours, name)) == canonical(member(theirs, name)), name


def test_same_content_as_docxtpl_with_column_loop_merged_cells_and_picture(tmp_path: Path) -> None:
    path = build(tmp_path / "lampiran.docx", lampiran)
    prepared = PreparedTemplate.load(path)
    for months in (5, 2, 5):  # the grid docxtpl rebuilds differs with the column count
        values = context(bulan=["Januari", "Februari", "Maret", "April", "Mei"][:months])
        ours, theirs = prepared.render(values), with_docxtpl(path, values)
        assert visible_text(ours) == visible_text(theirs)
        assert canonical(member(ours, "word/document.xml")) == canonical(
            member(theirs, "word/document.xml"))
        assert b'id="1001"' in member(ours, "word/document.xml")  # docxtpl renumbers drawings


def test_variables_cover_body_header_and_footer(prepared: PreparedTemplate) -> None:
    assert prepared.name == "surat_desa.docx"
    assert prepared.variables == {"nama", "kab", "flag", "aparat"}


def test_render_is_deterministic(prepared: PreparedTemplate) -> None:
    first, second = prepared.render(context()), prepared.render(context())
    assert first == second
    infos = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_output_keeps_template_member_order(surat_path: Path, prepared: PreparedTemplate) -> None:
    ours = zipfile.ZipFile(io.BytesIO(prepared.render(context())))
    expected = [n for n in zipfile.ZipFile(surat_path).namelist() if n not in DROPPED]
    assert ours.namelist() == expected
    assert ours.testzip() is None


def raw_member(data: bytes, info: zipfile.ZipInfo) -> bytes:
    start = info.header_offset + 30 + sum(struct.unpack(
        "<HH", data[info.header_offset + 26:info.header_offset + 30]))
    return data[start:start + info.compress_size]


def test_unchanged_members_are_copied_still_compressed(surat_path: Path,
                                                       prepared: PreparedTemplate) -> None:
    source = surat_path.read_bytes()
    ours = prepared.render(context())
    before = {i.filename: i for i in zipfile.ZipFile(io.BytesIO(source)).infolist()}
    after = {i.filename: i for i in zipfile.ZipFile(io.BytesIO(ours)).infolist()}
    unchanged = set(before) - RENDERED - PROPERTIES - DROPPED
    assert "word/styles.xml" in unchanged
    for name in unchanged:
        old, new = before[name], after[name]
        assert (new.CRC, new.compress_size, new.compress_type) == (
            old.CRC, old.compress_size, old.compress_type), name
        assert raw_member(ours, new) == raw_member(source, old), name


def test_special_characters_come_out_verbatim(prepared: PreparedTemplate) -> None:
    nama = "Desa O'Ekam & <Tua> \"Lama\" — Ibu Śri Ñoña, Kuanfatu ¼"
    texts = visible_text(prepared.render(context(nama=nama, kab="Kupang & <Rote>")))
    assert f"Kepada Yth. Kepala Desa {nama}" in texts
    assert "PEMERINTAH KABUPATEN Kupang & <Rote>" in texts
    assert f"Desa {nama}" in texts


def test_control_character_is_refused_not_written(prepared: PreparedTemplate) -> None:
    with pytest.raises(TemplateError, match="U\\+0001"):
        prepared.render(context(nama="Oe\x01kam"))


def test_syntax_error_names_template_and_tag(tmp_path: Path) -> None:
    path = build(tmp_path / "surat.docx", lambda d: (
        d.add_paragraph("Awal"), d.add_paragraph("{% if x %}"), d.add_paragraph("Isi {{ y }}")))
    with pytest.raises(TemplateError) as caught:
        PreparedTemplate.load(path)
    assert caught.value.tag == "{% if x %}"
    assert str(caught.value).startswith("surat.docx: error: body: Unexpected end of template")
    assert str(caught.value).endswith(" in {% if x %}")


def test_unknown_tag_is_named(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        PreparedTemplate.load(one_paragraph(tmp_path, "Halo {{ a }} {% iff a %}x{% endif %}"))
    assert caught.value.tag == "{% iff a %}"


def test_missing_value_at_render_is_a_template_error(prepared: PreparedTemplate) -> None:
    values = context()
    del values["kab"]
    with pytest.raises(TemplateError) as caught:
        prepared.render(values)
    assert caught.value.message.startswith("header word/header1.xml: 'kab' is undefined")
    assert caught.value.tag == "{{ kab }}"


@pytest.mark.parametrize("text", ["{{ ''.__class__.__mro__ }}", "{{ x.__class__ }}",
                                  "{{ x.append(1) }}"])
def test_sandbox_refuses_unsafe_code(tmp_path: Path, text: str) -> None:
    template = PreparedTemplate.load(one_paragraph(tmp_path, text))
    with pytest.raises(TemplateError, match="unsafe template code refused"):
        template.render({"x": []})


def test_python_error_at_render_is_a_template_error(tmp_path: Path) -> None:
    template = PreparedTemplate.load(one_paragraph(tmp_path, "Jumlah {{ n + 1 }}"))
    with pytest.raises(TemplateError, match="body: TypeError"):
        template.render({"n": "satu"})


def test_core_properties_are_rendered_and_escaped_once(tmp_path: Path) -> None:
    def fill(document: DocxDocument) -> None:
        document.add_paragraph("Halo {{ nama }}")
        document.core_properties.title = "Surat {{ nama }}"

    template = PreparedTemplate.load(build(tmp_path / "surat.docx", fill))
    assert template.variables == {"nama"}
    rendered = docx.Document(io.BytesIO(template.render({"nama": "A & B"})))
    assert rendered.core_properties.title == "Surat A & B"


def test_static_template_is_copied_whole(tmp_path: Path) -> None:
    path = one_paragraph(tmp_path, "Tanpa isian")
    template = PreparedTemplate.load(path)
    assert template.variables == frozenset()
    assert visible_text(template.render({})) == visible_text(path.read_bytes())


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "surat.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old .doc file")
    with pytest.raises(TemplateError, match="not a zip archive"):
        PreparedTemplate.load(path)


def test_zip_without_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "surat.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(TemplateError, match=r"no word/document\.xml"):
        PreparedTemplate.load(path)


def test_highly_compressed_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (11 * 1024 * 1024))
    with pytest.raises(TemplateError, match="compressed more than 200:1"):
        PreparedTemplate.load(path)


def test_huge_declared_size_is_refused(tmp_path: Path, surat_path: Path) -> None:
    data = bytearray(surat_path.read_bytes())
    directory = data.index(b"PK\x01\x02")  # first central directory entry: claim 300 MB
    struct.pack_into("<I", data, directory + 24, 300 * 1024 * 1024)
    path = tmp_path / "bom.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(TemplateError, match="more than 200 MB"):
        PreparedTemplate.load(path)


printable = st.characters(exclude_categories=("Cc", "Cs", "Cn"))  # XML-safe, no line breaks


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nama=st.text(printable, min_size=1, max_size=40))
def test_any_printable_name_renders_verbatim(prepared: PreparedTemplate, nama: str) -> None:
    assume(not any(escape in nama for escape in ("{_{", "}_}", "{_%", "%_}")))  # docxtpl's escapes
    texts = visible_text(prepared.render(context(nama=nama)))
    assert f"Kepada Yth. Kepala Desa {nama}" in texts


def test_members_nothing_refers_to_are_left_out_with_their_content_types(tmp_path: Path) -> None:
    source = one_paragraph(tmp_path, "Halo {{ nama }}")
    path = tmp_path / "stray.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/stray.xml" '
                                    b'ContentType="application/xml"/></Types>')
            dst.writestr(info, data)
        dst.writestr("word/stray.xml", b"<stray/>")
        dst.writestr("../outside.xml", b"<stray/>")
    data = PreparedTemplate.load(path).render({"nama": "Otan"})
    rendered = zipfile.ZipFile(io.BytesIO(data))
    expected = [n for n in zipfile.ZipFile(source).namelist() if n not in DROPPED]
    assert rendered.namelist() == expected
    assert b"stray" not in rendered.read("[Content_Types].xml")
    assert b"thumbnail" not in rendered.read("_rels/.rels")
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "Halo Otan"
