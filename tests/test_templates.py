"""The shipped templates (templates/*.docx, edited in Word and committed): what each must hold,
read from the file itself, and the golden text of a rendered letter."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from lxml import etree

from perbup.base.paths import templates_dir
from perbup.documents.registry import kind
from perbup.docx.layout import FONT, LAYOUTS, Finding, layout_findings
from perbup.docx.render import PreparedTemplate
from perbup.load.workspace import Workspace
from perbup.pipeline.check import TEMPLATES
from perbup.pipeline.templates import check_template
from tests.helpers import run
from tests.test_letter_template import sample_context

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "templates"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_every_template_the_code_reads_is_shipped_and_nothing_else() -> None:
    assert sorted(p.name for p in SHIPPED.glob("*.docx")) == sorted(TEMPLATES)
    assert sorted(LAYOUTS) == sorted(TEMPLATES)
    assert templates_dir().resolve() == SHIPPED.resolve() or sorted(
        p.name for p in templates_dir().glob("*.docx")) == sorted(TEMPLATES)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_shipped_template_uses_only_its_kind_s_variables(name: str) -> None:
    template = PreparedTemplate.load(SHIPPED / name)
    assert kind(name).unknown(template, name) == []
    assert template.variables  # a template without a tag would print its placeholder text


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_shipped_template_keeps_the_layout_rules(name: str) -> None:
    assert layout_findings(SHIPPED / name) == []
    document = docx.Document(str(SHIPPED / name))
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size.pt) == (FONT, 12)
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (215, 330)


def test_the_letter_uses_exactly_its_contract() -> None:
    # every variable of the letter's context is printed somewhere in the bundled letter
    assert PreparedTemplate.load(SHIPPED / "surat_desa.docx").variables == TEMPLATES["surat_desa.docx"]


def _edited(tmp_path: Path, name: str, change: str, into: str) -> Path:
    """A copy of a shipped template with one text change in word/document.xml."""
    target = tmp_path / name
    with zipfile.ZipFile(SHIPPED / name) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                text = data.decode()
                assert change in text
                data = text.replace(change, into, 1).encode()
            out.writestr(item, data)
    return target


def test_the_layout_check_names_paper_margins_font_and_where(tmp_path: Path) -> None:
    path = tmp_path / "surat_desa.docx"
    document = docx.Document(str(SHIPPED / "surat_desa.docx"))
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = Mm(30)
    document.paragraphs[0].add_run("x").font.name = "Arial"
    document.save(str(path))
    assert [str(f) for f in layout_findings(path)] == [
        "paper is 210 x 297 mm, not F4 215 x 330 mm (section 1)",
        "margins are 2 / 2 / 3 / 2 cm (top, bottom, left, right), not 2 / 2 / 2.5 / 2 cm (section 1)",
        "font 'Arial' is used; the documents are set in Bookman Old Style (word/document.xml)"]


def test_the_layout_check_finds_a_missing_picture_and_a_broken_grid(tmp_path: Path) -> None:
    path = _edited(tmp_path, "laporan.docx", 'name="grafik_cakupan"', 'name="Picture 1"')
    assert layout_findings(path) == [Finding("document", "no picture named 'grafik_cakupan'; perbup "
                                                         "puts its image in place of that picture")]
    with zipfile.ZipFile(SHIPPED / "surat_desa.docx") as archive:
        tree = etree.fromstring(archive.read("word/document.xml"))
    annex = tree.findall(f".//{_W}tbl")[1]
    spans = annex.findall(f"{_W}tr")[0].findall(f"{_W}tc")[0].find(f"{_W}tcPr/{_W}gridSpan")
    assert spans is not None
    wide = spans.get(f"{_W}val")
    broken = _edited(tmp_path, "surat_desa.docx", f'<w:gridSpan w:val="{wide}"/>',
                     f'<w:gridSpan w:val="{int(wide) + 1}"/>')
    assert layout_findings(broken) == [Finding("table 2 row 1", "the row's cells span 61 grid column(s), "
                                                                "the table's grid has 60")]


def test_a_column_loop_keeps_its_widths_whatever_grid_the_table_was_saved_with() -> None:
    # tests/fixtures/libreoffice/surat_desa.docx: the shipped letter as LibreOffice 7 saved it,
    # its annex grid rebuilt as 9 unequal columns (one per cell edge)
    saved = FIXTURES / "libreoffice" / "surat_desa.docx"
    with zipfile.ZipFile(saved) as archive:
        tree = etree.fromstring(archive.read("word/document.xml"))
    annex = tree.findall(f".//{_W}tbl")[1]
    assert len({col.get(f"{_W}w") for col in annex.findall(f"{_W}tblGrid/{_W}gridCol")}) > 1
    context = sample_context()
    context["program"] = [{"kode": k, "nama": k, "tarif": "1%"} for k in ("JKK", "JKM", "JHT", "JP")]
    for person in context["aparat"]:
        person["iuran"] = ["1"] * 4
    for key in ("iuran", "pemberi_kerja", "pekerja"):
        context["total"][key] = ["1"] * 4
    shipped = annex_widths(PreparedTemplate.load(SHIPPED / "surat_desa.docx").render(context))
    resaved = annex_widths(PreparedTemplate.load(saved).render(context))
    assert len(resaved) == 10 and len({round(w, 3) for w in resaved[4:8]}) == 1  # JKK .. JP
    assert all(abs(a - b) < 0.002 for a, b in zip(shipped, resaved, strict=True)), (shipped, resaved)


def annex_widths(data: bytes) -> list[float]:
    """The width of each cell of the letter annex's first body row, as a share of the table."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        tree = etree.fromstring(archive.read("word/document.xml"))
    annex = tree.findall(f".//{_W}tbl")[1]
    grid = [int(c.get(f"{_W}w") or 0) for c in annex.findall(f"{_W}tblGrid/{_W}gridCol")]
    widths, start = [], 0
    for cell in annex.findall(f"{_W}tr")[2].findall(f"{_W}tc"):
        span = cell.find(f"{_W}tcPr/{_W}gridSpan")
        wide = int(span.get(f"{_W}val")) if span is not None else 1
        widths.append(sum(grid[start:start + wide]) / sum(grid))
        start += wide
    assert start == len(grid)
    return widths


def document_text(data: bytes) -> str:
    """Every paragraph of a .docx's headers, body and footers, in order, one a line; table
    cells are paragraphs too, a tab is a tab."""
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = sorted(n for n in archive.namelist() if n.startswith(("word/header", "word/footer")))
        for part in ["word/document.xml", *parts]:
            tree = etree.fromstring(archive.read(part))
            lines.append(f"--- {part}")
            for paragraph in tree.iter(f"{_W}p"):
                lines.append(_paragraph_text(paragraph))
    return "\n".join(lines) + "\n"


def _paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's text: its runs' text and tabs (not the tab stops its properties define),
    without a field's last shown result (a page number), which the office recomputes."""
    text, shown = [], True
    for piece in paragraph.iter(f"{_W}r"):
        mark = piece.find(f"{_W}fldChar")
        if mark is not None:
            shown = mark.get(f"{_W}fldCharType") != "separate"
            continue
        if shown and piece.getparent().tag != f"{_W}fldSimple":
            text.extend("\t" if node.tag == f"{_W}tab" else node.text or ""
                        for node in piece.iter(f"{_W}t", f"{_W}tab"))
    return "".join(text)


def test_a_rendered_letter_reads_as_the_golden_text() -> None:
    # tests/golden/surat_desa.txt is reviewed by hand whenever the template's wording changes
    rendered = PreparedTemplate.load(SHIPPED / "surat_desa.docx").render(sample_context())
    assert document_text(rendered) == (GOLDEN / "surat_desa.txt").read_text(encoding="utf-8")


# --- perbup templates ----------------------------------------------------------------------------

def _letter_with(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "edited"
    folder.mkdir()
    document = docx.Document(str(SHIPPED / "surat_desa.docx"))
    document.add_paragraph(text)
    document.save(str(folder / "surat_desa.docx"))
    return folder / "surat_desa.docx"


def test_templates_check_names_the_template_the_variable_and_a_suggestion(tmp_path: Path) -> None:
    path = _letter_with(tmp_path, "{{ surta.nomor }} {{ tujuan.desa }} {{ keterangan_lain }}")
    result = run("templates", "check", path)
    assert result.code == 1
    available = ", ".join(sorted(TEMPLATES["surat_desa.docx"]))
    assert result.stderr.endswith(
        f"{path}: error: unknown variable 'keterangan_lain'\n"
        f"  hint: a surat_desa template can use: {available}\n"
        f"{path}: error: unknown variable 'surta'\n"
        f"  hint: did you mean 'surat'? a surat_desa template can use: {available}\n"
        "2 error(s), 0 warning(s)\n")


def test_templates_check_reports_syntax_and_layout_at_once(tmp_path: Path) -> None:
    path = _letter_with(tmp_path, "{% if tujuan.desa %}tanpa penutup")
    assert [(p.severity, p.message) for p in check_template(path)] == [
        ("error", "body: Unexpected end of template. Jinja was looking for the following tags: "
                  "'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'. "
                  "in {% if tujuan.desa %}")]
    broken = tmp_path / "laporan.docx"
    document = docx.Document(str(SHIPPED / "laporan.docx"))
    document.sections[0].page_width = Mm(210)
    document.save(str(broken))
    assert [(p.severity, p.message) for p in check_template(broken)] == [
        ("warning", "section 1: paper is 210 x 330 mm, not F4 215 x 330 mm")]


def test_init_leaves_the_templates_bundled_unless_asked(tmp_path: Path) -> None:
    assert run("init", tmp_path / "ws").code == 0
    assert not (tmp_path / "ws" / "templates").exists()
    workspace = Workspace.load(tmp_path / "ws")
    assert workspace.template("surat_desa.docx") == templates_dir() / "surat_desa.docx"
    assert run("init", tmp_path / "own", "--with-templates").code == 0
    assert sorted(p.name for p in (tmp_path / "own" / "templates").iterdir()) == sorted(TEMPLATES)


def test_templates_copy_and_list_say_which_template_is_used(tmp_path: Path) -> None:
    assert run("init", tmp_path / "ws").code == 0
    result = run("templates", "copy", "surat_desa", "-w", tmp_path / "ws")
    own = tmp_path / "ws" / "templates" / "surat_desa.docx"
    assert (result.code, result.stderr) == (
        0, f"copied to {own}; edit it in Word, then: perbup templates check\n")
    again = run("templates", "copy", "surat_desa", "-w", tmp_path / "ws")
    assert again.code == 2
    assert "already exists; remove it first" in again.stderr
    listed = run("templates", "list", "-w", tmp_path / "ws")
    assert listed.stdout.splitlines() == [
        "perbup\tbundled\t<bundled templates>/perbup.docx",
        "instruksi\tbundled\t<bundled templates>/instruksi.docx",
        "surat_edaran\tbundled\t<bundled templates>/surat_edaran.docx",
        f"surat_desa\town copy\t{own}\tsame as the bundled one",
        "surat_pengingat\tbundled\t<bundled templates>/surat_pengingat.docx",
        "laporan\tbundled\t<bundled templates>/laporan.docx"]
    document = docx.Document(str(own))
    document.add_paragraph("Demikian kami sampaikan.")
    document.save(str(own))
    os.utime(own, (0, 0))  # saved before the bundled one was
    listed = run("templates", "list", "-w", tmp_path / "ws")
    assert listed.stdout.splitlines()[3] == (f"surat_desa\town copy\t{own}\tdiffers from the "
                                             "bundled one, which is newer")


def test_templates_vars_is_the_contract_with_seed_examples() -> None:
    result = run("templates", "vars", "surat_desa")
    assert result.code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert {row[0] for row in rows if "." not in row[0] and "[" not in row[0]} == TEMPLATES[
        "surat_desa.docx"]
    assert ["surat", "mapping"] in rows
    assert ["aparat[].nik", "str", "(16 digits)"] in rows  # no NIK leaves the letters
    assert ["kab.pemerintah", "str", "PEMERINTAH KABUPATEN KUPANG"] in rows
    assert ["ttd.elektronik", "bool", "False"] in rows  # ttd: basah in the seeds
    assert ["ttd.catatan", "list (2 in the example)"] in rows
    decree = [line.split("\t")[:2] for line in run("templates", "vars", "perbup").stdout.splitlines()]
    assert ["ttd.elektronik", "bool"] in decree and ["ttd.catatan[]", "str"] in decree
    assert run("templates", "vars", "surat").stderr == (
        'perbup: error: "surat" is not a document kind; use one of: perbup, instruksi, '
        "surat_edaran, surat_desa, surat_pengingat, laporan\n")
