"""A signed PDF is never replaced, merged or bundled: found by its signature, refused by name."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from perbup.base.errors import OutputError
from perbup.base.output import session
from perbup.base.signature import is_signed, signed_bytes
from perbup.documents.bundle import SIGNED_ZIP, zip_signed
from perbup.docx.office import convert_to_pdf
from tests.signing import blank_pdf, sign, validates

REFUSAL = ("{path}: error: this PDF carries a digital signature; perbup never rewrites, merges or "
           "bundles a signed file\n"
           "  hint: move it into the output folder's signed/ folder (perbup zips that folder apart, "
           "unchanged, as signed.zip), then run the same command again")


def test_a_signature_is_found_and_validates() -> None:
    plain = blank_pdf()
    signed = sign(plain)
    assert validates(signed).bottom_line
    assert (signed_bytes(plain), signed_bytes(signed)) == (False, True)


def test_not_a_pdf_and_a_damaged_signed_pdf(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"PK\x03\x04 /ByteRange")
    assert not is_signed(tmp_path / "a.docx")
    assert not is_signed(tmp_path / "missing.pdf")
    # a signature mark in a PDF the parser cannot read: refused rather than broken
    assert signed_bytes(b"%PDF-1.7\n/ByteRange [0 1 2 3] garbage")


@pytest.mark.parametrize("force", [False, True])
def test_the_output_record_refuses_a_signed_file_even_with_force(tmp_path: Path, force: bool) -> None:
    signed = sign(blank_pdf())
    (tmp_path / "decree").mkdir()
    target = tmp_path / "decree" / "perbup.pdf"
    target.write_bytes(signed)
    with pytest.raises(OutputError) as caught, session(tmp_path, force=force) as ledger:
        ledger.check(["decree/perbup.pdf", "decree/perbup.docx"], force=force)
    assert str(caught.value) == REFUSAL.format(path=target)
    assert target.read_bytes() == signed


def test_a_conversion_refuses_to_write_over_a_signed_pdf(tmp_path: Path) -> None:
    (tmp_path / "surat.docx").write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip
    signed = sign(blank_pdf())
    (tmp_path / "surat.pdf").write_bytes(signed)
    with pytest.raises(OutputError) as caught:
        convert_to_pdf([tmp_path / "surat.docx"], office="/nonexistent/soffice")
    assert str(caught.value) == REFUSAL.format(path=tmp_path / "surat.pdf")
    assert (tmp_path / "surat.pdf").read_bytes() == signed


def test_signed_copies_are_zipped_apart_as_they_are(tmp_path: Path) -> None:
    signed = sign(blank_pdf())
    folder = tmp_path / "signed" / "53.01.04-Semau"
    folder.mkdir(parents=True)
    (folder / "53.01.04.2003-Bokonusan.pdf").write_bytes(signed)
    (tmp_path / "signed" / "catatan.pdf").write_bytes(blank_pdf())
    with session(tmp_path) as ledger:
        target, warnings = zip_signed(ledger)
    assert target == tmp_path / SIGNED_ZIP
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["signed/53.01.04-Semau/53.01.04.2003-Bokonusan.pdf"]
        info = archive.infolist()[0]
        assert info.compress_type == zipfile.ZIP_STORED
        assert archive.read(info) == signed
    assert [p.format() for p in warnings] == [
        f"{tmp_path / 'signed' / 'catatan.pdf'}: warning: this file in signed/ carries no digital "
        "signature, so it is not in signed.zip\n"
        "  hint: put only the signed PDFs the signing application returned in signed/"]
    assert (folder / "53.01.04.2003-Bokonusan.pdf").read_bytes() == signed


def test_no_signed_folder_no_signed_zip(tmp_path: Path) -> None:
    with session(tmp_path) as ledger:
        assert zip_signed(ledger) == (None, [])
    assert not (tmp_path / SIGNED_ZIP).exists()
