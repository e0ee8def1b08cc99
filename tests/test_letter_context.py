"""One letter's content: numbering, signature forms, tembusan, deadline, enrolled people."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from perbup.dataset import load_dataset
from perbup.letters import LettersOptions, plan_letters
from perbup.workspace import Workspace
from tests.helpers import CONFIG, HEADER, aparat_rows, make_workspace, nik


def _context(ws: Path, config: str = CONFIG, rows: str | None = None) -> dict:  # type: ignore[type-arg]
    make_workspace(ws, rows, config=config)
    planned, _ = plan_letters(load_dataset(Workspace.load(ws), today=dt.date(2026, 12, 1)),
                              LettersOptions())
    return planned[0].context


def test_letter_for_the_regent_signature(ws: Path) -> None:
    context = _context(ws, CONFIG + "  tembusan:\n    - Camat {kecamatan}\n    - Arsip\n")
    assert context["surat"]["tempat_tanggal"] == "Oelamasi, 1 Desember 2026"
    assert context["surat"]["nomor"] == "560/1/BAG.HUK/2026"
    assert context["surat"]["lampiran"] == "1 (satu) lembar"
    assert context["tujuan"] == {"desa": "Bokonusan", "kecamatan": "Semau", "di": "Tempat"}
    assert context["ttd"] == {"an": "", "jabatan": "BUPATI KUPANG,", "nama": "YOSEF LEDE",
                              "pangkat": "", "nip": ""}
    assert context["tembusan"] == ["Camat Semau", "Arsip"]
    # 30 working days from 1 December 2026, skipping 24-25 December and 1 January 2027
    assert context["batas"] == {"tanggal": "18 Januari 2027", "hari": "30 (tiga puluh) hari kerja"}
    assert context["program_teks"] == "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)"
    assert [a["jabatan"] for a in context["aparat"]] == [
        "Kepala Desa", "Sekretaris Desa", "Kepala Urusan Keuangan", "Kepala Dusun 1"]
    assert context["aparat"][0]["nik"] == "530104xxxxxx0001"
    # the text's amounts read as the acts write them, the table's are digits (perbup.formats)
    assert context["ringkas"]["bulanan"] == "Rp46.956,00"  # 13.104 + 12.012 + 2 x 10.920
    assert context["ringkas"]["bulanan_terbilang"] == ("empat puluh enam ribu sembilan ratus lima puluh "
                                                       "enam rupiah")
    assert context["ringkas"]["tahunan"] == "Rp563.472,00"
    assert (context["aparat"][0]["upah"], context["aparat"][0]["jumlah"]) == ("2.426.640", "13.104")
    assert context["total"]["bulanan"] == "46.956" and context["total"]["tahunan"] == "563.472"
    assert context["ringkas"]["tahunan_terbilang"] == (
        "lima ratus enam puluh tiga ribu empat ratus tujuh puluh dua rupiah")


def test_delegated_signature_and_enrolled_people(ws: Path) -> None:
    config = CONFIG.replace("    nama: Mateldius Soleman Jilis Sanam, S.T.\n",
                            "    nama: Mateldius Soleman Jilis Sanam, S.T.\n"
                            "    pangkat: Pembina Utama Muda (IV/c)\n    nip: '197507252000031001'\n")
    config += "  penandatangan: sekretaris_daerah\n"
    rows = HEADER + aparat_rows() + f"53.01.04.2003,Obed Selan,{nik(serial=9)},Kadus 2,,,,Ya,21012345678\n"
    context = _context(ws, config, rows)
    assert context["ttd"] == {"an": "a.n. BUPATI KUPANG", "jabatan": "SEKRETARIS DAERAH,",
                              "nama": "Mateldius Soleman Jilis Sanam, S.T.",
                              "pangkat": "Pembina Utama Muda (IV/c)", "nip": "197507252000031001"}
    enrolled = context["aparat"][-1]
    assert (enrolled["nama"], enrolled["iuran"], enrolled["jumlah"], enrolled["keterangan"]) == (
        "Obed Selan", ["-", "-"], "-", "Sudah terdaftar, KPJ 21012345678")
    assert (context["ringkas"]["sudah"], context["ringkas"]["belum"]) == (1, 4)
    assert context["ringkas"]["bulanan"] == "Rp46.956,00"


def test_a_self_employed_scheme_changes_the_wording_and_the_amounts(ws: Path) -> None:
    context = _context(ws, CONFIG + "iuran:\n  skema: bpu\n")
    assert context["skema"] == {"kategori": "Bukan Penerima Upah",
                                "jatuh_tempo": "bulan yang bersangkutan",
                                "dasar": "Penghasilan yang Dilaporkan per Bulan (Rp)"}
    assert context["program"] == [
        {"kode": "JKK", "nama": "Jaminan Kecelakaan Kerja", "tarif": "1%"},
        {"kode": "JKM", "nama": "Jaminan Kematian", "tarif": "Rp6.800,00"}]
    assert context["aparat"][0]["upah"] == "1.000.000"
    assert context["ringkas"]["bulanan"] == "Rp67.200,00"  # 4 x (10.000 + 6.800)
    assert context["pembulatan"].startswith("Iuran dihitung per orang per program dari penghasilan "
                                            "yang dilaporkan sebulan")
