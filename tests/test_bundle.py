"""Print bundles: letters combined with their own sections and letterheads; deterministic zips."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from perbup.documents.bundle import combine, compose, zip_bytes
from tests.helpers import letter_seeds, run

ROOT = Path(__file__).resolve().parent.parent
# The seeds with what letters print filled in: letters refuse anything left to fill in.
SEEDS = letter_seeds()
KOP = "PEMERINTAH KABUPATEN KUPANG"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("letters")
    result = run("letters", "-w", SEEDS, "-o", out, "--kecamatan", "Kupang Tengah", "-q")
    assert result.code == 0, result.stderr
    return sorted((out / "letters" / "53.01.08-Kupang-Tengah").glob("*.docx"))[:3]


def body_text(document: docx.document.Document) -> str:
    """Paragraphs and table cells in the order they come, each paragraph on a line."""
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t", f"{W}tab"))
                     for p in document.element.body.iter(f"{W}p"))


def kop(section: docx.section.Section) -> str:
    """The text of a section's first-page header, tables included."""
    return " ".join(t.text or "" for t in section.first_page_header._element.iter(f"{W}t"))


def test_each_letter_keeps_its_section_letterhead_and_page_numbers(letters: list[Path]) -> None:
    bundle = docx.Document(io.BytesIO(compose(letters)))
    singles = [docx.Document(str(p)) for p in letters]
    assert len(bundle.sections) == 3
    text = body_text(bundle)
    places = [text.index(f"Kepala Desa {p.stem.split('-', 1)[1].replace('-', ' ')}") for p in letters]
    assert places == sorted(places)
    for single in singles:
        assert body_text(single) in text
    for number, (section, single) in enumerate(zip(bundle.sections, singles, strict=True)):
        assert section.different_first_page_header_footer
        assert KOP in kop(section)
        assert not section.first_page_header.is_linked_to_previous
        assert (section.page_width, section.page_height, section.left_margin) == (
            single.sections[0].page_width, single.sections[0].page_height,
            single.sections[0].left_margin)
        restart = section._sectPr.find(f"{W}pgNumType")
        assert (restart is not None and restart.get(f"{W}start") == "1") == (number > 0)
    with zipfile.ZipFile(io.BytesIO(compose(letters))) as archive:
        headers = [n for n in archive.namelist() if n.startswith("word/header")]
    assert len(headers) == 2  # the same kop is stored once


def test_bundle_is_deterministic_with_the_first_letters_dates(letters: list[Path]) -> None:
    data = compose(letters)
    assert compose(letters) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = etree.fromstring(archive.read("docProps/core.xml"))
    with zipfile.ZipFile(letters[0]) as archive:
        first = etree.fromstring(archive.read("docProps/core.xml"))
    for tag in ("created", "modified"):
        name = f"{{http://purl.org/dc/terms/}}{tag}"
        assert core.find(name).text == first.find(name).text  # type: ignore[union-attr]


def test_a_letter_with_another_letterhead_keeps_its_own(letters: list[Path], tmp_path: Path) -> None:
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(letters[1]) as source, zipfile.ZipFile(other, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("word/header"):
                data = data.replace(b"KABUPATEN KUPANG", b"KABUPATEN UJI")
            target.writestr(info, data)
    bundle = docx.Document(io.BytesIO(compose([letters[0], other, letters[2]])))
    kops = [kop(s) for s in bundle.sections]
    assert [("KUPANG" in k, "UJI" in k) for k in kops] == [(True, False), (False, True), (True, False)]


def test_numbered_lists_compose_to_the_same_bytes(tmp_path: Path) -> None:
    paths = []
    for name in ("satu", "dua"):
        document = docx.Document()
        for item in ("pertama", "kedua"):
            document.add_paragraph(f"{name} {item}", style="List Number")
        document.save(str(tmp_path / f"{name}.docx"))
        paths.append(tmp_path / f"{name}.docx")
    data = compose(paths)
    assert compose(paths) == data
    assert "satu pertama" in body_text(docx.Document(io.BytesIO(data)))


def test_combine_writes_only_when_the_bundle_changes(letters: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "53.01.08-Kupang-Tengah.docx"
    assert combine(letters, target)
    assert not combine(letters, target)
    assert combine(letters[:2], target)
    assert not list(tmp_path.glob(".perbup-tmp-*"))


def test_letters_combine_bundles_each_kecamatan_and_zips_the_folder(tmp_path: Path) -> None:
    first = run("letters", "-w", SEEDS, "-o", tmp_path, "--kecamatan", "Semau", "--combine", "-q")
    assert first.code == 0, first.stderr
    assert first.lines[-1] == (f"1 kecamatan bundle(s) in {tmp_path / 'letters'}, "
                               f"everything in {tmp_path / 'letters.zip'}")
    semau = sorted((tmp_path / "letters" / "53.01.04-Semau").glob("*.docx"))
    assert len(docx.Document(str(tmp_path / "letters" / "53.01.04-Semau.docx")).sections) == len(semau)
    zipped = (tmp_path / "letters.zip").read_bytes()
    again = run("letters", "-w", SEEDS, "-o", tmp_path, "--kecamatan", "Semau", "--combine", "-q")
    assert again.code == 0
    assert (tmp_path / "letters.zip").read_bytes() == zipped
    more = run("letters", "-w", SEEDS, "-o", tmp_path, "--desa", "53.01.08.2009", "--combine", "-q")
    assert more.code == 0
    with zipfile.ZipFile(tmp_path / "letters.zip") as archive:
        names = archive.namelist()
    assert names == sorted(
        ["letters/manifest.csv", "letters/53.01.04-Semau.docx", "letters/53.01.08-Kupang-Tengah.docx",
         "letters/53.01.08-Kupang-Tengah/53.01.08.2009-Oelpuah.docx",
         *(f"letters/53.01.04-Semau/{p.name}" for p in semau)])


def test_zip_bytes_are_sorted_stored_and_dated_1980(tmp_path: Path) -> None:
    (tmp_path / "b.pdf").write_bytes(b"%PDF")
    (tmp_path / "a.csv").write_text("x\n", encoding="utf-8")
    members = [("z/b.pdf", tmp_path / "b.pdf"), ("a.csv", tmp_path / "a.csv")]
    data = zip_bytes(members)
    assert data == zip_bytes(reversed(members))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["a.csv", "z/b.pdf"]
        assert archive.getinfo("z/b.pdf").compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("a.csv").date_time == (1980, 1, 1, 0, 0, 0)
