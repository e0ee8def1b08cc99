"""base/zips.py, the one writer of every zip perbup makes: fixed times, system and permissions."""

from __future__ import annotations

import io
import zipfile

from perbup.base.zips import UNIX, Stamp, ZipWriter


def _written(stamp: Stamp) -> bytes:
    writer = ZipWriter(stamp)
    writer.add("word/dokumen-ä.xml", b"<w:t>Desa Oelnasi</w:t>" * 50, 6)
    writer.store("letters/surat.pdf", b"%PDF-1.7 already compressed")
    return writer.finish()


def test_a_zip_reads_back_with_the_stamp_it_was_given() -> None:
    data = _written(Stamp((2026, 12, 1, 10, 30, 4), system=3, mode=0o640))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert [(i.filename, i.date_time, i.create_system, i.external_attr >> 16, i.compress_type,
                 i.flag_bits) for i in archive.infolist()] == [
            ("word/dokumen-ä.xml", (2026, 12, 1, 10, 30, 4), 3, 0o640, zipfile.ZIP_DEFLATED, 0x800),
            ("letters/surat.pdf", (2026, 12, 1, 10, 30, 4), 3, 0o640, zipfile.ZIP_STORED, 0)]
        assert archive.read("word/dokumen-ä.xml") == b"<w:t>Desa Oelnasi</w:t>" * 50


def test_the_bytes_are_those_zipfile_writes_with_the_same_stamp() -> None:
    # (not for WORD's members without attributes: zipfile gives those rw------- of its own)
    for stamp in (UNIX, Stamp((2026, 12, 1, 0, 0, 0), mode=0o600)):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for name, data, method in (
                    ("word/dokumen-ä.xml", b"<w:t>Desa Oelnasi</w:t>" * 50, zipfile.ZIP_DEFLATED),
                    ("letters/surat.pdf", b"%PDF-1.7 already compressed", zipfile.ZIP_STORED)):
                info = zipfile.ZipInfo(name, stamp.date_time)
                info.create_system, info.external_attr = stamp.system, stamp.mode << 16
                archive.writestr(info, data, compress_type=method, compresslevel=6)
        assert _written(stamp) == out.getvalue()
