"""One letter's content: numbering, signature forms, tembusan, deadline, enrolled people."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from perbup.documents.letters import LettersOptions, plan_letters
from perbup.load.config import CATATAN_ELEKTRONIK
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace
from tests.helpers import CONFIG, HEADER, aparat_rows, make_workspace, nik

# ttd: basah unless set; the footer of an electronic signature is there for a template to print
SIGNED_BY_HAND = {"elektronik": False, "catatan": list(CATATAN_ELEKTRONIK)}


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
                              "pangkat": "", "nip": "", **SIGNED_BY_HAND}
    assert context["tembusan"] == ["Camat Semau", "Arsip"]
    # 30 working days from the day the instrument was promulgated (dasar.tanggal, 20 November
    # 2026), skipping 24-25 December, 1 January and 5 January 2027 (national holidays)
    assert context["batas"] == {
        "tanggal": "7 Januari 2027", "hari": "30 (tiga puluh) hari kerja",
        "teks": "30 (tiga puluh) hari kerja sejak Peraturan Bupati Nomor 7 Tahun 2026 diundangkan "
                "pada tanggal 20 November 2026, yaitu paling lambat tanggal 7 Januari 2027"}
    assert context["dasar"]["tanggal"] == "20 November 2026"
    assert context["jatuh_tempo"] == "tanggal 15 bulan berikutnya"  # PP 44/2015 Pasal 21 ayat (2)
    assert context["program_teks"] == "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)"
    assert [a["jabatan"] for a in context["aparat"]] == [
        "Kepala Desa", "Sekretaris Desa", "Kepala Urusan Keuangan", "Kepala Dusun 1"]
    assert context["aparat"][0]["nik"] == "530104xxxxxx0001"
    # the text's amounts read as the acts write them, the table's are digits (perbup.base.formats)
    # The reference's worked check at the 2024 minimums (shared/reference/bpjs.md), the minimums
    # in force on the letter date: 14.152 + 12.973 + 2 x 11.794
    assert context["ringkas"]["bulanan"] == "Rp50.713,00"
    assert context["ringkas"]["bulanan_terbilang"] == "lima puluh ribu tujuh ratus tiga belas rupiah"
    assert context["ringkas"]["tahunan"] == "Rp608.556,00"
    assert (context["aparat"][0]["upah"], context["aparat"][0]["jumlah"]) == ("2.620.800", "14.152")
    assert context["total"]["bulanan"] == "50.713" and context["total"]["tahunan"] == "608.556"
    assert context["ringkas"]["tahunan_terbilang"] == (
        "enam ratus delapan ribu lima ratus lima puluh enam rupiah")
    assert context["potongan"] == {"ada": False, "program": ""}
    assert context["catatan"][0].endswith(
        "dipakai besaran penghasilan tetap menurut Pasal 90 ayat (2) Peraturan Pemerintah Nomor 16 "
        "Tahun 2026 dari gaji pokok pegawai negeri sipil golongan ruang II/a masa kerja 0 (nol) tahun "
        "sebesar Rp2.184.000,00 (dua juta seratus delapan puluh empat ribu rupiah) menurut Lampiran "
        "Peraturan Pemerintah Nomor 5 Tahun 2024: kepala desa Rp2.620.800,00 (dua juta enam ratus dua "
        "puluh ribu delapan ratus rupiah) (120%), sekretaris desa Rp2.402.400,00 (dua juta empat ratus "
        "dua ribu empat ratus rupiah) (110%), dan perangkat desa lainnya Rp2.184.000,00 (dua juta "
        "seratus delapan puluh empat ribu rupiah) (100%).")


def test_delegated_signature_and_enrolled_people(ws: Path) -> None:
    config = CONFIG.replace("    nama: Mateldius Soleman Jilis Sanam, S.T.\n",
                            "    nama: Mateldius Soleman Jilis Sanam, S.T.\n"
                            "    pangkat: Pembina Utama Muda (IV/c)\n    nip: '197507252000031001'\n")
    config += "  penandatangan: sekretaris_daerah\n"
    rows = HEADER + aparat_rows() + f"53.01.04.2003,Obed Selan,{nik(serial=9)},Kadus 2,,,,Ya,21012345678\n"
    context = _context(ws, config, rows)
    assert context["ttd"] == {"an": "a.n. BUPATI KUPANG", "jabatan": "SEKRETARIS DAERAH,",
                              "nama": "Mateldius Soleman Jilis Sanam, S.T.",
                              "pangkat": "Pembina Utama Muda (IV/c)", "nip": "197507252000031001",
                              **SIGNED_BY_HAND}
    enrolled = context["aparat"][-1]
    assert (enrolled["nama"], enrolled["iuran"], enrolled["jumlah"], enrolled["keterangan"]) == (
        "Obed Selan", ["-", "-"], "-", "Sudah terdaftar, KPJ 21012345678")
    assert (context["ringkas"]["sudah"], context["ringkas"]["belum"]) == (1, 4)
    assert context["ringkas"]["bulanan"] == "Rp50.713,00"


def test_jht_and_jp_split_what_the_desa_budgets_from_what_it_deducts(ws: Path) -> None:
    context = _context(ws, CONFIG + "iuran:\n  program: [jkk, jkm, jht, jp]\n")
    # per person and programme, each share rounded half-up on its own (PP 46/2015, PP 45/2015):
    # Kepala Desa at Rp2.620.800: JHT 3,7 % 96.970 + 2 % 52.416; JP 2 % 52.416 + 1 % 26.208
    kades = context["aparat"][0]
    assert kades["iuran"] == ["6.290", "7.862", "149.386", "78.624"]
    assert kades["keterangan"] == "Dipotong dari siltap Rp78.624,00"
    assert context["potongan"] == {"ada": True, "program": "JHT 2% dan JP 1%"}
    worker = [52_416 + 26_208, 48_048 + 24_024, 2 * (43_680 + 21_840)]  # Kades, Sekdes, 2 x perangkat
    deducted = sum(worker)
    assert context["ringkas"]["potongan"] == "Rp" + f"{deducted:,}".replace(",", ".") + ",00"
    assert context["total"]["dipotong"] == f"{deducted:,}".replace(",", ".")


def test_a_self_employed_scheme_changes_the_wording_and_the_amounts(ws: Path) -> None:
    context = _context(ws, CONFIG + "iuran:\n  skema: bpu\n")
    assert context["skema"] == {"kategori": "Bukan Penerima Upah",
                                "jatuh_tempo": "bulan yang bersangkutan",
                                "dasar": "Penghasilan yang Dilaporkan per Bulan (Rp)"}
    assert context["jatuh_tempo"] == "tanggal 15 bulan yang bersangkutan"  # PP 44/2015 Pasal 24 ayat (3)
    assert context["program"] == [
        {"kode": "JKK", "nama": "Jaminan Kecelakaan Kerja", "tarif": "1%"},
        {"kode": "JKM", "nama": "Jaminan Kematian", "tarif": "Rp6.800,00"}]
    assert context["aparat"][0]["upah"] == "1.000.000"
    assert context["ringkas"]["bulanan"] == "Rp67.200,00"  # 4 x (10.000 + 6.800)
    assert context["pembulatan"].startswith("Iuran dihitung per orang per program dari penghasilan "
                                            "yang dilaporkan sebulan")
