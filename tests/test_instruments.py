"""The Instruksi Bupati and the Surat Edaran Bupati on the seeds: parts in order, privacy,
determinism, a clean lint, the bundled template, and the rate data the content cites."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from perbup.base.formats import terbilang
from perbup.compute.coverage import compute_coverage
from perbup.compute.law_text import rate_data
from perbup.compute.numbering import build_decree
from perbup.documents.decree import DECREE_TEMPLATES, DECREE_VARIABLES, decree_data
from perbup.docx.render import PreparedTemplate
from perbup.lint.run import lint
from perbup.load.content import load_content
from perbup.load.dataset import load_dataset
from perbup.load.ketentuan import resolve
from perbup.load.rules import bundled_rules
from perbup.load.workspace import Workspace
from tests.expected import angka, minimum
from tests.helpers import letter_seeds, run
from tests.test_decree import all_xml, body_lines, header_text, in_order

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
DIKTUM = re.compile(r"^([A-Z]+)\t:\t(.*)$")
SILTAP_PERBUP = ("still a placeholder: [judul Peraturan Bupati Kupang yang menetapkan penghasilan tetap "
                 "Kepala Desa dan Perangkat Desa]")


def make(out: Path, jenis: str) -> Path:
    result = run("decree", "-w", SEEDS, "-o", out, "--jenis", jenis, "-q")
    assert result.code == 0, result.stderr
    path = out / "decree" / f"{jenis}-draft.docx"
    assert result.stderr.startswith(f"wrote {path} (draft marked KONSEP; ")
    return path


@pytest.fixture(scope="module")
def instruksi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(tmp_path_factory.mktemp("instruksi"), "instruksi")


@pytest.fixture(scope="module")
def edaran(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(tmp_path_factory.mktemp("edaran"), "surat_edaran")


@pytest.fixture(scope="module")
def data() -> dict[str, object]:
    workspace = Workspace.load(SEEDS)
    return decree_data(workspace.config, compute_coverage(load_dataset(workspace)), "perbup")


def kata(amount: int) -> str:
    """An amount with its words, as the texts write it (perbup.base.formats.rupiah_kata)."""
    return f"Rp{angka(amount)},00 ({terbilang(amount)} rupiah)"


def first_page_header(path: Path) -> list[str]:
    """The first page's header in reading order, its tables' cells included."""
    document = docx.Document(str(path))
    header = document.sections[0].first_page_header._element
    return [line for p in header.iter(qn("w:p")) if (line := Paragraph(p, document).text.strip())]


# --- the Instruksi Bupati -----------------------------------------------------------------------

def test_instruksi_has_every_part_in_order(instruksi: Path) -> None:
    lines = body_lines(instruksi)
    in_order(lines, [
        "BUPATI KUPANG", "PROVINSI NUSA TENGGARA TIMUR",
        "INSTRUKSI BUPATI KUPANG", "NOMOR … TAHUN 2026", "TENTANG",
        # the name in balanced lines (perbup.compute.titles)
        "PERCEPATAN KEPESERTAAN APARAT DESA DALAM\nPROGRAM JAMINAN SOSIAL KETENAGAKERJAAN",
        "BUPATI KUPANG,",
        "Menimbang", ":", "a.", "bahwa kepala desa…", "b.", "bahwa Instruksi Presiden Nomor 2 Tahun 2021…",
        "c.", "bahwa dari 160 (seratus enam puluh) desa di Kabupaten Kupang…", "d.",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, huruf b, dan huruf c, perlu "
        "mengeluarkan Instruksi Bupati tentang Percepatan…",
        "Dalam rangka mempercepat kepesertaan seluruh kepala desa dan perangkat desa di Kabupaten Kupang "
        "dalam program jaminan sosial ketenagakerjaan, dengan ini menginstruksikan:",
        "Kepada", ":", "1.", "Para Camat se-Kabupaten Kupang;",
        "2.", "Para Kepala Desa se-Kabupaten Kupang; dan",
        "3.", "Kepala Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kupang.",
        "Untuk\t:",
        "KESATU\t:\tPara Kepala Desa mendaftarkan…", "a.\tdaftar nama…",
        "KEDUA\t:\tPara Kepala Desa menghitung iuran…",
        "KETIGA\t:\tPara Kepala Desa menganggarkan dan membayar iuran sebagaimana dimaksud dalam "
        "Diktum KEDUA…",
        "KEEMPAT\t:\tPara Kepala Desa melaporkan kepada Bupati melalui Camat:",
        "KELIMA\t:\tPara Camat agar:",
        "KEENAM\t:\tKepala Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kupang agar:",
        "KETUJUH\t:\tInstruksi Bupati ini mulai berlaku pada tanggal dikeluarkan.",
        "Dikeluarkan di Oelamasi", "pada tanggal …", "BUPATI KUPANG,", "YOSEF LEDE",
        "LAMPIRAN", "INSTRUKSI BUPATI KUPANG", "NOMOR … TAHUN 2026", "TENTANG…",
        "REKAPITULASI KEPESERTAAN DAN KEBUTUHAN", "IURAN APARAT DESA PER KECAMATAN", "No", "JUMLAH",
        "Keterangan:", "BUPATI KUPANG,", "YOSEF LEDE",
    ])
    diktum = [m.group(1) for line in lines if (m := DIKTUM.match(line))]
    assert diktum == ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH"]
    assert "Mengingat" not in lines and "MEMUTUSKAN:" not in lines
    assert "Diundangkan di Oelamasi" not in lines
    assert not any(line.startswith(("Agar setiap orang", "BERITA DAERAH")) for line in lines)
    assert header_text(instruksi).strip() == "KONSEP"


def test_instruksi_cites_the_data_and_the_rates(instruksi: Path) -> None:
    text = "\n".join(body_lines(instruksi))
    for expected in (
        "paling lama 30 (tiga puluh) hari kerja sejak Instruksi Bupati ini dikeluarkan",
        "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)",
        "BPJS Ketenagakerjaan Kantor Cabang Kupang",
        "besaran iuran dari dasar iuran setiap bulan adalah Jaminan Kecelakaan Kerja sebesar 0,24% "
        "(nol koma dua puluh empat persen) untuk kelompok tingkat risiko sangat rendah dan Jaminan "
        "Kematian sebesar 0,30% (nol koma tiga puluh persen);",
        # the minimums in force on the letter date, from the rules table, with their source
        f"{kata(minimum('kepala_desa'))} bagi kepala desa, {kata(minimum('sekretaris_desa'))} bagi "
        f"sekretaris desa, dan {kata(minimum('perangkat'))} bagi perangkat desa lainnya;",
        "menurut Pasal 90 ayat (2) Peraturan Pemerintah Nomor 16 Tahun 2026 tentang Peraturan "
        "Pelaksanaan Undang-Undang Nomor 6 Tahun 2014 tentang Desa dari gaji pokok pegawai negeri sipil "
        "golongan ruang II/a masa kerja 0 (nol) tahun menurut Peraturan Pemerintah Nomor 5 Tahun 2024",
        "seluruh iuran dibayar oleh pemerintah desa sebagai pemberi kerja.",
        "paling lambat tanggal 15 bulan berikutnya",
        "5.1.3.03 Jaminan Ketenagakerjaan Kepala Desa; dan",
        "kebutuhan iuran bagi aparat desa yang belum menjadi peserta di seluruh desa, dengan rincian per "
        "kecamatan, tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Instruksi "
        "Bupati ini.",
        "paling lama 5 (lima) hari kerja setelah pendaftaran sebagaimana dimaksud dalam Diktum KESATU",
        "kepada Bupati melalui Camat",
    ):
        assert expected in text, expected


# --- the Surat Edaran Bupati --------------------------------------------------------------------

SECTIONS = ["Latar Belakang", "Maksud dan Tujuan", "Ruang Lingkup", "Dasar", "Isi Edaran", "Penutup"]


def test_surat_edaran_has_the_kop_and_every_part_in_order(edaran: Path) -> None:
    kop = first_page_header(edaran)
    in_order(kop, ["KONSEP", "PEMERINTAH KABUPATEN KUPANG"])
    document = docx.Document(str(edaran))
    rule = document.sections[0].first_page_header._element.xpath(".//w:pBdr/w:bottom/@w:val")
    assert rule == ["thickThinSmallGap"]  # the letter's double rule under the kop
    lines = body_lines(edaran)
    in_order(lines, [
        "SURAT EDARAN", "NOMOR …", "TENTANG",
        "KEPESERTAAN APARAT DESA DALAM PROGRAM\nJAMINAN SOSIAL KETENAGAKERJAAN",
        "Yth.", "1.", "Para Camat se-Kabupaten Kupang;", "2.", "Para Kepala Desa se-Kabupaten Kupang; dan",
        "3.", "Kepala Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kupang", "di", "Tempat",
        *(f"{n}.\t{title}" for n, title in enumerate(SECTIONS, 1)),
        "Demikian Surat Edaran ini disampaikan untuk dilaksanakan dengan penuh tanggung jawab.",
        "Ditetapkan di Oelamasi", "pada tanggal …", "BUPATI KUPANG,", "YOSEF LEDE",
        # the copies, numbered and without "Yth.", as the letters' (Permendagri 1/2023)
        "Tembusan:", "1.\tGubernur Nusa Tenggara Timur",
        "2.\tKetua Dewan Perwakilan Rakyat Daerah Kabupaten Kupang",
        "3.\tKepala BPJS Ketenagakerjaan Kantor Cabang Kupang",
        "LAMPIRAN", "SURAT EDARAN BUPATI KUPANG", "NOMOR …", "TENTANG…", "No", "JUMLAH",
        "Keterangan:", "BUPATI KUPANG,", "YOSEF LEDE",
    ])
    # A surat edaran is no regulation: no Garuda head, no considerations, no gazette.
    for absent in ("PROVINSI NUSA TENGGARA TIMUR", "Menimbang", "Mengingat", "NOMOR … TAHUN 2026",
                   "Diundangkan di Oelamasi"):
        assert absent not in lines, absent
    assert [line for line in lines if re.fullmatch(r"\d+\.\t.*", line)
            and line.split("\t")[1] in SECTIONS] == [f"{n}.\t{t}" for n, t in enumerate(SECTIONS, 1)]
    assert header_text(edaran).strip() == "KONSEP"  # the later pages


def test_surat_edaran_says_what_must_be_done(edaran: Path) -> None:
    lines = body_lines(edaran)
    isi = lines[lines.index("5.\tIsi Edaran"):lines.index("6.\tPenutup")]
    in_order(isi, ["a.\tPara Kepala Desa agar:", "1.\tmendaftarkan…", "b.\tPara Camat agar:",
                   "c.\tKepala Dinas Pemberdayaan Masyarakat dan Desa agar:"])
    text = "\n".join(isi)
    for expected in ("paling lama 30 (tiga puluh) hari kerja sejak Surat Edaran ini ditetapkan",
                     "Jaminan Kecelakaan Kerja sebesar 0,24% (nol koma dua puluh empat persen) untuk "
                     "kelompok tingkat risiko sangat rendah",
                     "Jaminan Kematian sebesar 0,30% (nol koma tiga puluh persen)",
                     f"{kata(minimum('kepala_desa'))} bagi kepala desa",
                     "APB Desa", "paling lambat tanggal 15 bulan berikutnya",
                     "kepada Bupati melalui Camat paling lama 5 (lima) hari kerja"):
        assert expected in text, expected
    assert "Sehubungan dengan hal sebagaimana dimaksud dalam angka 1," in text


# --- both ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["instruksi", "edaran"])
def test_no_personal_data_and_no_template_code(which: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(which)
    xml = all_xml(path)
    assert not NIK.search(xml)
    with (SEEDS / "data" / "aparat.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows[:: len(rows) // 25]:
        assert row["Nama Lengkap"] not in xml, row["Nama Lengkap"]
        assert row["NIK"] not in xml
        assert row["Tanggal Lahir"] not in xml
    for leftover in ("[[", "]]", "{{", "}}", "{%", "%}"):
        assert leftover not in xml, leftover


@pytest.mark.parametrize("jenis", ["instruksi", "surat_edaran"])
def test_two_runs_give_identical_bytes(jenis: str, tmp_path: Path) -> None:
    assert make(tmp_path / "a", jenis).read_bytes() == make(tmp_path / "b", jenis).read_bytes()


def test_final_drops_the_konsep_marking(tmp_path: Path) -> None:
    # a final copy refuses the seeds' letterhead placeholders: use them filled in
    result = run("decree", "-w", letter_seeds(), "-o", tmp_path, "--jenis", "surat_edaran", "--final",
                 "-q")
    assert result.code == 0, result.stderr
    assert "KONSEP" not in all_xml(tmp_path / "decree" / "surat_edaran.docx")


def test_every_seed_content_file_lints_clean() -> None:
    files = sorted((SEEDS / "content").glob("*.yaml"))
    assert [f.stem for f in files] == ["instruksi", "perbup", "surat_edaran"]
    for path in files:
        content, warnings = load_content(path, path.name)
        # the regent's siltap Perbup, cited with its title left open on purpose (see the seed)
        assert [w.message for w in warnings] == ([SILTAP_PERBUP] if path.stem == "perbup" else []), path
        assert content.jenis == path.stem
        problems = lint(content, path.name)
        if path.stem == "perbup":  # gazette numbers left open on purpose (see the seed's comments)
            assert problems and all("is unfinished" in p.message for p in problems)
        else:
            assert problems == [], path.name
    checked = run("check", "-w", SEEDS)
    assert checked.code == 0, checked.stderr
    assert ": 0 error(s), " in checked.lines[-1]
    for name in ("instruksi", "surat_edaran"):
        assert f"content/{name}.yaml" not in checked.stderr


# --- the data the content cites ------------------------------------------------------------------

def test_rates_and_minimum_incomes_are_data(data: dict[str, object]) -> None:
    assert {k: data[k] for k in ("tarif_jkk", "tarif_jkm", "tarif_jht", "tarif_jp")} == {
        "tarif_jkk": "0,24%", "tarif_jkm": "0,30%", "tarif_jht": "5,7%", "tarif_jp": "3%"}
    assert data["tarif_jkk_terbilang"] == "nol koma dua puluh empat persen"
    assert data["tarif_jkm_terbilang"] == "nol koma tiga puluh persen"
    assert data["tarif_jht_terbilang"] == "lima koma tujuh persen"
    assert data["tarif_jp_terbilang"] == "tiga persen"
    # each share, as the table splits it (PP 45/2015 Pasal 28 ayat (3))
    assert (data["tarif_jp_pemberi_kerja"], data["tarif_jp_pekerja"]) == ("2%", "1%")
    assert data["tarif_jht_pekerja_terbilang"] == "dua persen"
    for golongan in ("kepala_desa", "sekretaris_desa", "perangkat"):
        amount = minimum(golongan)  # from the table's rows, on the seeds' letter date
        assert data[f"siltap_minimum_{golongan}"] == f"Rp{angka(amount)},00"
        assert data[f"siltap_minimum_{golongan}_terbilang"] == f"{terbilang(amount)} rupiah"
        assert data[f"siltap_{golongan}"] == data[f"siltap_minimum_{golongan}"]  # the seeds state none
    assert data["siltap_minimum_kepala_desa"] == "Rp2.620.800,00"  # 120 % of Rp2.184.000 (PP 5/2024)
    assert data["jatuh_tempo"] == "tanggal 15 bulan berikutnya"
    assert data["batas_pendaftaran"] == "30 (tiga puluh) hari kerja sejak Peraturan Bupati ini diundangkan"
    assert data["program_singkat"] == "JKK dan JKM"


def test_the_perbup_seed_takes_its_rates_from_the_rules_table(data: dict[str, object]) -> None:
    path = SEEDS / "content" / "perbup.yaml"
    content, _ = load_content(path, "content/perbup.yaml")
    texts = [b.teks for b in build_decree(content, data, "content/perbup.yaml").blocks]
    assert "Peserta diikutsertakan dalam program JKK dan JKM." in texts
    assert ("Iuran dihitung dari Penghasilan Tetap setiap bulan dengan besaran Iuran JKK sebesar 0,24% "
            "(nol koma dua puluh empat persen) untuk kelompok tingkat risiko sangat rendah dan Iuran JKM "
            "sebesar 0,30% (nol koma tiga puluh persen).") in texts
    # Another risk class takes its own row; with JHT and JP, the text lists them with their shares.
    config = Workspace.load(SEEDS).config
    wider = config.model_copy(update={"iuran": config.iuran.model_copy(update={
        "kelas_risiko": "tinggi", "program": ["jkk", "jkm", "jht", "jp"]})})
    law = resolve(bundled_rules(), wider, dt.date(2026, 12, 1))
    texts = [b.teks for b in build_decree(content, {**data, **rate_data(law, formal=True)},
                                          "content/perbup.yaml").blocks]
    assert "Peserta diikutsertakan dalam program JKK, JKM, JHT, dan JP." in texts
    assert any("Iuran JKK sebesar 1,27% (satu koma dua puluh tujuh persen) untuk kelompok tingkat "
               "risiko tinggi" in t and "Iuran JHT sebesar 5,7% (lima koma tujuh persen), terdiri atas "
               "3,7% (tiga koma tujuh persen) bagian pemberi kerja dan 2% (dua persen) bagian Peserta"
               in t for t in texts)
    assert any(t.endswith("ke atas, dan bagian pemberi kerja dibayar oleh Pemerintah Desa sebagai "
                          "pemberi kerja, sedangkan bagian Peserta dipotong dari Penghasilan Tetap "
                          "Peserta dan disetorkan oleh Pemerintah Desa.") for t in texts)


# --- the bundled template ------------------------------------------------------------------------

def test_bundled_surat_edaran_template_is_checked(tmp_path: Path) -> None:
    assert "surat_edaran.docx" in DECREE_TEMPLATES  # perbup check checks it
    template = PreparedTemplate.load(ROOT / "templates" / "surat_edaran.docx")
    assert template.variables <= DECREE_VARIABLES
    assert {"kab", "konsep", "judul", "kepada", "blocks", "penetapan", "lampiran"} <= template.variables
