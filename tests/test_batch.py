"""A whole batch: what every document carries of its template, and a batch that fails half-way."""

from __future__ import annotations

import csv
import hashlib
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from lxml import etree

from tests.helpers import HEADER, aparat_rows, make_workspace, run

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"

CORE = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>Surat dinas kepada kepala desa</dc:title>\
<dc:creator>Budi Santoso (NIP 198001012005011001)</dc:creator>\
<cp:lastModifiedBy>Budi Santoso</cp:lastModifiedBy>\
<cp:keywords>C:\\Users\\budi\\Documents\\surat</cp:keywords>\
<dc:description>Disimpan dari C:\\Users\\budi\\Desktop\\surat_desa.docx</dc:description>\
<cp:revision>42</cp:revision>\
<cp:lastPrinted>2025-03-04T05:06:07Z</cp:lastPrinted>\
<dcterms:created xsi:type="dcterms:W3CDTF">2025-03-04T05:06:07Z</dcterms:created>\
<dcterms:modified xsi:type="dcterms:W3CDTF">2025-03-05T05:06:07Z</dcterms:modified>\
</cp:coreProperties>"""

APP_XML = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
<Template>C:\\Users\\budi\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm</Template>\
<TotalTime>613</TotalTime><Application>Microsoft Office Word</Application>\
<Manager>Budi Santoso</Manager><Company>Laptop Budi</Company>\
<HyperlinkBase>file:///C:/Users/budi/</HyperlinkBase><AppVersion>16.0000</AppVersion>\
</Properties>"""

ATTACHED = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            b'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'attachedTemplate" Target="file:///C:\\Users\\budi\\Templates\\Kop%20Surat.dotx" '
            b'TargetMode="External"/></Relationships>')

STRAY = ["../../budi.txt", "word/../../../etc/budi", "customXml/budi-notes.xml",
         *(f"word/media/pad{i:02d}.bin" for i in range(22))]


def hostile(template: Path, target: Path) -> Path:
    """`template` as a careless or hostile drafter saves it: their name and paths in its file
    properties and in the template Word attached, stray members nothing refers to, 22 zero-filled
    ones among them."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = {"docProps/core.xml": CORE.encode(),
                    "docProps/app.xml": APP_XML.encode()}.get(info.filename) or src.read(info)
            if info.filename == "word/settings.xml":
                data = data.replace(b"<w:zoom ", b'<w:attachedTemplate r:id="rId1"/><w:zoom ', 1)
                assert b"attachedTemplate" in data and b"xmlns:r=" in data
            dst.writestr(info.filename, data)
        dst.writestr("word/_rels/settings.xml.rels", ATTACHED)
        for name in STRAY:
            dst.writestr(name, b"budi " + bytes(400 * 1024 if "pad" in name else 0))
    return target


def test_documents_carry_the_regency_as_author_and_only_the_parts_they_need(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "content").mkdir()
    (ws / "content" / "perbup.yaml").write_bytes((SEEDS / "content" / "perbup.yaml").read_bytes())
    for name in ("surat_desa.docx", "perbup.docx", "laporan.docx"):
        hostile(ROOT / "templates" / name, ws / "templates" / name)
    out = tmp_path / "out"
    result = run("build", "-w", ws, "-o", out, "-q")
    assert result.code == 0, result.stderr
    documents = sorted(out.rglob("*.docx"))
    assert [p.relative_to(out).as_posix() for p in documents] == [
        "decree/perbup-draft.docx", "letters/53.01.04-Semau/53.01.04.2003-Bokonusan.docx",
        "letters/53.01.04-Semau.docx", "report/report.docx"]
    for path in documents:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            assert not [n for n in names if ".." in n or "budi" in n or "pad" in n], path
            assert all(b"budi" not in archive.read(n).lower() for n in names), path
            core = etree.fromstring(archive.read("docProps/core.xml"))
            app = etree.fromstring(archive.read("docProps/app.xml"))
        assert core.findtext(f"{DC}creator") == "Kabupaten Kupang", path
        assert core.findtext(f"{CP}lastModifiedBy") == "Kabupaten Kupang", path
        assert core.find(f"{CP}lastPrinted") is None, path
        assert core.findtext(f"{DCTERMS}created") == "2026-12-01T00:00:00Z", path
        assert core.findtext(f"{DCTERMS}modified") == "2026-12-01T00:00:00Z", path
        assert app.find(f"{APP}Template") is None and app.find(f"{APP}Manager") is None, path
        assert app.findtext(f"{APP}Company") == "Kabupaten Kupang", path
    letter = out / "letters" / "53.01.04-Semau" / "53.01.04.2003-Bokonusan.docx"
    assert letter.stat().st_size < 200_000  # not 9 MB of padding
    book = openpyxl.load_workbook(out / "report" / "report.xlsx")
    assert (book.properties.creator, book.properties.lastModifiedBy) == ("Kabupaten Kupang",) * 2


def letter_template(path: Path, *paragraphs: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_template_error_for_a_later_desa_names_it_and_a_rerun_completes(tmp_path: Path,
                                                                          jobs: str) -> None:
    # Bokonusan and Otan are the same kind of desa, so only Otan's own turn finds the error
    ws = make_workspace(tmp_path / "ws", HEADER + aparat_rows()
                        + aparat_rows("53.01.04.2004", start=11))
    template = ws / "templates" / "surat_desa.docx"
    letter_template(template, "Kepada {{ tujuan.desa }}",
                    '{%p if tujuan.desa == "Otan" %}', "{{ tujuan.nama_lama }}", "{%p endif %}")
    out = tmp_path / "out"
    assert run("check", "-w", ws).code == 0  # the trial letter (Bokonusan) renders
    result = run("letters", "-w", ws, "-o", out, "--jobs", jobs)
    assert result.code == 1
    assert result.stderr == (
        "writing 2 letter(s)\n"  # the phase it was in
        "surat_desa.docx: error: letter for desa Otan (53.01.04.2004): body: 'dict object' has no "
        "attribute 'nama_lama'; check the spelling or add it to the data in {{ tujuan.nama_lama }}; "
        "the 1 letter(s) before it are written and in the manifest: fix the template and run the "
        "same command again\n")
    letters = out / "letters"
    assert sorted(p.name for p in letters.rglob("*.docx")) == ["53.01.04.2003-Bokonusan.docx"]
    with (letters / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["desa"], r["sha256"]) for r in rows] == [
        ("Bokonusan", hashlib.sha256((out / rows[0]["file"]).read_bytes()).hexdigest())]
    assert not list(out.rglob(".perbup-tmp-*"))

    letter_template(template, "Kepada {{ tujuan.desa }}")
    rerun = run("letters", "-w", ws, "-o", out, "-q")
    assert rerun.code == 0, rerun.stderr
    assert rerun.stderr.startswith("1 letter(s) written, 1 unchanged")  # Bokonusan is the same
    with (letters / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        assert [r["desa"] for r in csv.DictReader(handle)] == ["Bokonusan", "Otan"]
    assert len(list(letters.rglob("*.docx"))) == 2
