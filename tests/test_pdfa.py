"""PDF/A-2b through LibreOffice's export filter, and a signed letter surviving the next batch."""

from __future__ import annotations

import functools
import getpass
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from perbup.base.signature import is_signed, signed_bytes
from tests.helpers import letter_seeds, promulgated_seeds, run
from tests.signing import sign, validates
from tests.test_office import office

__all__ = ["office"]  # the fixture: LibreOffice, skipped without it except in CI
pytestmark = pytest.mark.office

_PDFAID = "http://www.aiim.org/pdfa/ns/id/"


@functools.cache
def seeds() -> Path:
    return promulgated_seeds(Path(tempfile.mkdtemp(prefix="perbup-pdfa-")) / "seeds")


def fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """Every font the pages use (Type 0 fonts through their descendants), and whether its
    program is embedded."""
    found: dict[str, bool] = {}

    def visit(font: Any) -> None:
        font = font.get_object()
        for descendant in font.get("/DescendantFonts", []):
            visit(descendant)
        if font.get("/Subtype") == "/Type0":
            return
        descriptor = font.get("/FontDescriptor")
        embedded = descriptor is not None and any(
            k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        found[str(font.get("/BaseFont"))] = embedded

    for page in reader.pages:
        resources = page.get("/Resources")
        for font in (resources.get_object().get("/Font", {}) if resources else {}).values():
            visit(font)
    return sorted(found.items())


def test_a_final_decree_with_pdf_a_is_pdf_a_2b(office: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("decree", "-w", seeds(), "-o", out, "--pdf-a", "-q")
    assert result.code == 0, result.stderr
    assert result.lines[-2:] == [f"wrote {out / 'decree' / 'perbup.docx'} (final, no KONSEP "
                                 "marking; 12 pasal, 2 lampiran)",
                                 f"wrote {out / 'decree' / 'perbup.pdf'}"]
    pdf = out / "decree" / "perbup.pdf"
    reader = PdfReader(pdf, strict=True)
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert [n.firstChild.data for n in xmp.get_nodes_in_namespace("", _PDFAID)] == ["2", "B"]
    assert xmp.dc_creator == ["Kabupaten Kupang"] != [getpass.getuser()]
    assert reader.metadata is not None and reader.metadata.author == "Kabupaten Kupang"
    assert xmp.dc_title == {"x-default": "PERATURAN BUPATI KUPANG NOMOR 3 TAHUN 2026 TENTANG "
                                         "PETUNJUK KHUSUS KEPESERTAAN APARAT DESA DALAM PROGRAM "
                                         "JAMINAN SOSIAL KETENAGAKERJAAN"}
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "id-ID"
    assert "/Encrypt" not in reader.trailer and not reader.is_encrypted
    (intent,) = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_object().get_data()[36:40] == b"acsp"  # an ICC profile
    embedded = fonts(reader)
    assert embedded and all(e for _, e in embedded), embedded
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), listing.stdout
    # the same decree gives the same bytes, the colour profile's time and the XMP dates left out
    first = pdf.read_bytes()
    assert run("decree", "-w", seeds(), "-o", out, "--pdf-a", "--force", "-q").code == 0
    assert pdf.read_bytes() == first


def test_pdf_a_is_made_again_when_a_plain_pdf_is_there(office: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("decree", "-w", seeds(), "-o", out, "--pdf", "-q").code == 0
    pdf = out / "decree" / "perbup.pdf"
    xmp = PdfReader(pdf).xmp_metadata
    assert xmp is None or not xmp.get_nodes_in_namespace("", _PDFAID)
    plain = pdf.read_bytes()
    result = run("decree", "-w", seeds(), "-o", out, "--pdf-a", "-q")
    assert result.lines[-1] == f"wrote {pdf}"
    assert pdf.read_bytes() != plain
    assert run("decree", "-w", seeds(), "-o", out, "--pdf-a", "-q").lines[-1] == \
        f"{pdf} is up to date"


def test_a_signed_letter_survives_the_next_batch(office: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch = ("letters", "-w", letter_seeds(), "-o", out, "--desa", "53.01.04.2003", "--pdf-a",
             "--combine", "-q")
    assert run(*batch).code == 0
    letter = out / "letters" / "53.01.04-Semau" / "53.01.04.2003-Bokonusan.pdf"
    signed = sign(letter.read_bytes())
    assert validates(signed).bottom_line
    letter.write_bytes(signed)  # the signing application wrote its copy over the letter's PDF
    refusal = (f"{letter}: error: this PDF carries a digital signature; perbup never rewrites, "
               "merges or bundles a signed file\n"
               "  hint: move it into the output folder's signed/ folder (perbup zips that folder "
               "apart, unchanged, as signed.zip), then run the same command again\n")
    for again in (batch, (*batch, "--force")):
        result = run(*again)
        assert (result.code, result.stderr) == (1, refusal)
        assert letter.read_bytes() == signed
    # moved where signed copies go: the batch runs, zips it apart and leaves it as it is
    kept = out / "signed" / "53.01.04.2003-Bokonusan.pdf"
    kept.parent.mkdir()
    shutil.move(letter, kept)
    result = run(*batch)
    assert result.code == 0, result.stderr
    assert result.lines[-1].endswith(f"the signed copies in {out / 'signed.zip'}")
    assert kept.read_bytes() == signed and validates(kept.read_bytes()).bottom_line
    with zipfile.ZipFile(out / "signed.zip") as archive:
        assert archive.namelist() == ["signed/53.01.04.2003-Bokonusan.pdf"]
        assert archive.read("signed/53.01.04.2003-Bokonusan.pdf") == signed
    with zipfile.ZipFile(out / "letters.zip") as archive:
        names = archive.namelist()
        assert "letters/53.01.04-Semau/53.01.04.2003-Bokonusan.pdf" in names
        assert not any(name.startswith("signed/") for name in names)
        assert not any(signed_bytes(archive.read(n)) for n in names if n.endswith(".pdf"))
    assert not is_signed(letter)
