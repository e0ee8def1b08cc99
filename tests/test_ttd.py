"""`ttd` in perbup.yaml: a document signed by hand (basah, the default) keeps the gap for the pen;
one signed with a certified electronic signature (elektronik) keeps room for the QR code the
signing application stamps, and the footer of an electronic signature under its signature."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from perbup.base.paths import templates_dir
from perbup.documents.decree import DecreeOptions, make_decree
from perbup.documents.letters import LettersOptions, plan_letters
from perbup.docx.render import PreparedTemplate
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace
from tests.helpers import CONFIG, make_workspace, run
from tests.test_decree import SMALL, copy_workspace
from tests.test_templates import document_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# The footer as the documents print it: a little space, then each note numbered.
FOOTER = [
    "",
    "1.\tPasal 5 ayat (1) Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi "
    "Elektronik sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 1 Tahun "
    "2024: \u201cInformasi Elektronik dan/atau Dokumen Elektronik dan/atau hasil cetaknya merupakan "
    "alat bukti hukum yang sah.\u201d",
    "2.\tDokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
    "diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara (BSSN).",
]
CLOSING = "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."


def _letter_context(ws: Path, settings: str = "") -> dict[str, Any]:
    make_workspace(ws, config=CONFIG + settings)
    planned, _ = plan_letters(load_dataset(Workspace.load(ws), today=dt.date(2026, 12, 1)),
                              LettersOptions())
    return planned[0].context


def _render(name: str, context: dict[str, Any]) -> bytes:
    return PreparedTemplate.load(templates_dir() / name).render(context)


def _between(data: bytes, first: str, last: str, start: int = 0) -> list[str]:
    """The body's lines from the first `first` after line `start` up to, not including, `last`."""
    lines = document_text(data).splitlines()
    begin = lines.index(first, start)
    return lines[begin:lines.index(last, begin)]


def _after(data: bytes, text: str) -> list[etree._Element]:
    """The body paragraphs that follow each paragraph reading `text`, up to the next one with text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{_W}body")
    found = []
    for paragraph in body.iter(f"{_W}p"):
        if "".join(paragraph.itertext()) == text:
            gap, following = [], paragraph.getnext()
            while following is not None and not "".join(following.itertext()):
                gap.append(following)
                following = following.getnext()
            found.append(gap)
    return found


def _heights(gap: list[etree._Element]) -> list[tuple[str | None, str | None]]:
    spacing = [p.find(f"{_W}pPr/{_W}spacing") for p in gap]
    return [(s.get(f"{_W}line"), s.get(f"{_W}lineRule")) for s in spacing if s is not None]


def test_a_letter_signed_by_hand_keeps_the_gap_for_the_pen_and_prints_no_footer(ws: Path) -> None:
    data = _render("surat_desa.docx", _letter_context(ws))
    assert _between(data, CLOSING, "LAMPIRAN") == [CLOSING, "BUPATI KUPANG,", "", "", "", "YOSEF LEDE"]
    lines = document_text(data).splitlines()
    annex = lines.index("BUPATI KUPANG,", lines.index("LAMPIRAN"))
    assert lines[annex:lines.index("--- word/header1.xml")] == ["BUPATI KUPANG,", "", "", "", "YOSEF LEDE"]
    # three lines of the body's height, nothing sized for a stamp
    assert [_heights(gap) for gap in _after(data, "BUPATI KUPANG,")] == [[(None, None)] * 3] * 2
    assert "Sertifikasi Elektronik" not in document_text(data)


def test_a_letter_signed_electronically_keeps_room_for_the_qr_code_and_prints_the_footer(
        ws: Path) -> None:
    data = _render("surat_desa.docx", _letter_context(ws, "ttd: elektronik\n"))
    assert _between(data, CLOSING, "LAMPIRAN") == [CLOSING, "BUPATI KUPANG,", "", "YOSEF LEDE", *FOOTER]
    lines = document_text(data).splitlines()
    annex = lines.index("BUPATI KUPANG,", lines.index("LAMPIRAN"))
    assert lines[annex:lines.index("--- word/header1.xml")] == [
        "BUPATI KUPANG,", "", "YOSEF LEDE", *FOOTER]
    # one paragraph exactly 2 cm (1134 twentieths of a point) high, where the stamp goes
    assert [_heights(gap) for gap in _after(data, "BUPATI KUPANG,")] == [[("1134", "exact")]] * 2


def test_the_sekretaris_daerah_signing_electronically_keeps_name_rank_and_nip(ws: Path) -> None:
    settings = ("  penandatangan: sekretaris_daerah\nttd: elektronik\n"
                "catatan_elektronik:\n  - Dokumen ini ditandatangani secara elektronik.\n")
    config = CONFIG.replace("    nama: Mateldius Soleman Jilis Sanam, S.T.\n",
                            "    nama: Mateldius Soleman Jilis Sanam, S.T.\n"
                            "    pangkat: Pembina Utama Muda (IV/c)\n    nip: '197507252000031001'\n")
    make_workspace(ws, config=config + settings)
    planned, _ = plan_letters(load_dataset(Workspace.load(ws), today=dt.date(2026, 12, 1)),
                              LettersOptions())
    data = _render("surat_desa.docx", planned[0].context)
    assert _between(data, CLOSING, "LAMPIRAN") == [
        CLOSING, "a.n. BUPATI KUPANG", "SEKRETARIS DAERAH,", "", "Mateldius Soleman Jilis Sanam, S.T.",
        "Pembina Utama Muda (IV/c)", "NIP. 197507252000031001", "",
        "1.\tDokumen ini ditandatangani secara elektronik."]


def test_the_reminder_is_signed_the_same_way(ws: Path) -> None:
    letter = _letter_context(ws, "ttd: elektronik\n")
    context = {key: letter[key] for key in ("kab", "surat", "tujuan", "bpjs", "ttd", "tembusan")}
    context.update(rujukan={"nomor": "560/1/BAG.HUK/2026", "tanggal": "1 Desember 2026",
                            "hal": "Kepesertaan", "batas": "7 Januari 2027"},
                   ringkas={"belum": 1, "jumlah": 4},
                   aparat=[{"no": 1, "nama": "Markus Baok", "jabatan": "Kaur Keuangan",
                            "nik": "530104xxxxxx0003"}],
                   batas={"tanggal": "28 Januari 2027", "hari": "14 (empat belas) hari kerja"})
    lines = document_text(_render("surat_pengingat.docx", context)).splitlines()
    assert lines[lines.index(CLOSING):lines.index("--- word/header1.xml")] == [
        CLOSING, "BUPATI KUPANG,", "", "YOSEF LEDE", *FOOTER]
    context["ttd"] = {**context["ttd"], "elektronik": False}
    lines = document_text(_render("surat_pengingat.docx", context)).splitlines()
    assert lines[lines.index(CLOSING):lines.index("--- word/header1.xml")] == [
        CLOSING, "BUPATI KUPANG,", "", "", "", "YOSEF LEDE"]


@pytest.mark.parametrize("ttd", ["basah", "elektronik"])
def test_a_perbup_is_signed_and_promulgated_in_the_form_of_its_signature(
        tmp_path: Path, ttd: str) -> None:
    ws = copy_workspace(tmp_path / "ws", SMALL)
    with (ws / "perbup.yaml").open("a", encoding="utf-8") as settings:
        settings.write(f"ttd: {ttd}\n")
    data = make_decree(Workspace.load(ws), None, DecreeOptions(out=tmp_path / "out")).path.read_bytes()
    room = ["", "", ""] if ttd == "basah" else [""]
    footer = FOOTER if ttd == "elektronik" else []
    assert _between(data, "Ditetapkan di Oelamasi", "Paraf Koordinasi") == [
        "Ditetapkan di Oelamasi", "pada tanggal …", "BUPATI KUPANG,", *room, "YOSEF LEDE",
        "Diundangkan di Oelamasi", "pada tanggal …", "SEKRETARIS DAERAH KABUPATEN KUPANG,", *room,
        "MATELDIUS SOLEMAN JILIS SANAM", "BERITA DAERAH KABUPATEN KUPANG TAHUN 2026 NOMOR …", *footer]
    lines = document_text(data).splitlines()
    ends = [n for n, line in enumerate(lines) if line.startswith("LAMPIRAN")][1:]
    ends.append(lines.index("--- word/footer1.xml"))
    for end in ends:  # each lampiran closes with the regent's signature
        start = lines.index("BUPATI KUPANG,", end - 10)
        assert lines[start:end] == ["BUPATI KUPANG,", *room, "YOSEF LEDE", *footer]
    assert len(ends) == 2


@pytest.mark.parametrize(("jenis", "place"), [("instruksi", "Dikeluarkan di Oelamasi"),
                                              ("surat_edaran", "Ditetapkan di Oelamasi")])
def test_an_instruksi_and_a_surat_edaran_carry_the_footer_under_the_signature(
        tmp_path: Path, jenis: str, place: str) -> None:
    ws = copy_workspace(tmp_path / "ws")
    with (ws / "perbup.yaml").open("a", encoding="utf-8") as settings:
        settings.write("ttd: elektronik\n")
    result = make_decree(Workspace.load(ws), None, DecreeOptions(out=tmp_path / "out", jenis=jenis))
    lines = _between(result.path.read_bytes(), place, "Paraf Koordinasi")
    assert lines[:5] == [place, "pada tanggal …", "BUPATI KUPANG,", "", "YOSEF LEDE"]
    assert lines[-3:] == FOOTER  # after the tembusan of a surat edaran, before the initials


def test_the_settings_of_the_signature_are_checked_at_their_lines(ws: Path) -> None:
    make_workspace(ws, config=CONFIG + "ttd: digital\ncatatan_elektronik:\n  - \"  \"\n")
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.stderr == (
        f"{ws / 'perbup.yaml'}:13: error: 'ttd': Input should be 'basah' or 'elektronik'\n"
        f"{ws / 'perbup.yaml'}:15: error: 'catatan_elektronik.0': String should have at least 1 "
        "character\n"
        "2 error(s), 0 warning(s); nothing was written\n")
