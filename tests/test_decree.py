"""`perbup decree`: the seed decree's structure, annex figures, privacy, KONSEP, determinism, bad input."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from perbup.base.problems import Problem
from perbup.compute.coverage import Coverage, compute_coverage
from perbup.compute.law_text import rate_data
from perbup.compute.numbering import Block, TempatTanggal
from perbup.documents.decree import (
    DECREE_VARIABLES,
    DecreeOptions,
    angka,
    blocks_context,
    catatan,
    decree_context,
    make_decree,
    nama_pejabat,
)
from perbup.docx.render import PreparedTemplate
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace
from tests.expected import angka as e_angka
from tests.expected import seed_totals
from tests.helpers import CONFIG, make_workspace, mengingat_filled, numbered_decree, run, siltap_filled

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")

# A small decree of every structural kind, written inline so the tests do not hang on the seed
# text: BAB with and without Bagian, a definitions list, ayat with nested lists, references.
SMALL = """\
jenis: perbup
judul: Petunjuk Khusus Kepesertaan Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan
konsep: true
menimbang:
  - >-
    bahwa baru {{ jumlah_desa_terdaftar | angka }} dari {{ jumlah_desa | angka }} desa di
    {{ kabupaten }} yang telah mendaftarkan aparat desanya;
  - >-
    bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Peraturan
    Bupati tentang Petunjuk Khusus Kepesertaan Aparat Desa dalam Program Jaminan Sosial
    Ketenagakerjaan;
mengingat:
  - Pasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;
  - >-
    Undang-Undang Nomor 40 Tahun 2004 tentang Sistem Jaminan Sosial Nasional (Lembaran Negara
    Republik Indonesia Tahun 2004 Nomor 150, Tambahan Lembaran Negara Republik Indonesia Nomor 4456).
bab:
  - judul: Ketentuan Umum
    pasal:
      - teks: "Dalam Peraturan Bupati ini yang dimaksud dengan:"
        penomoran: angka
        daftar:
          - Desa adalah desa di Kabupaten Kupang.
          - Aparat Desa adalah kepala desa dan perangkat desa.
  - judul: Kepesertaan
    bagian:
      - judul: Pendaftaran
        pasal:
          - label: wajib
            ayat:
              - teks: "Pemerintah Desa wajib mendaftarkan Aparat Desa dalam program {{ program_teks }}:"
                daftar:
                  - teks: "dengan menyampaikan:"
                    label: syarat
                    daftar:
                      - daftar nama; dan
                      - bukti anggaran; dan
                  - paling lama {{ batas_hari_kerja | angka }} hari kerja melalui {{ bpjs_kantor }}.
              - Pendaftaran sebagaimana dimaksud pada [[syarat]] dicatat dalam [[lampiran:I]].
      - judul: Iuran
        pasal:
          - Iuran Aparat Desa sebagaimana dimaksud dalam [[wajib]] tercantum dalam [[lampiran:II]].
  - judul: Ketentuan Penutup
    pasal:
      - >-
        Peraturan Bupati ini mulai berlaku pada tanggal diundangkan. Agar setiap orang
        mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan penempatannya dalam
        Berita Daerah {{ kabupaten }}.
lampiran:
  - judul: Rekapitulasi Kepesertaan per Kecamatan
    isi: rekap_kecamatan
  - judul: Rekapitulasi Kepesertaan per Jabatan
    isi: rekap_jabatan
"""

INSTRUKSI = """\
jenis: instruksi
judul: Percepatan Kepesertaan Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan
konsep: true
menimbang:
  - >-
    bahwa baru {{ jumlah_desa_terdaftar }} dari {{ jumlah_desa }} desa yang telah mendaftarkan
    aparat desanya, sehingga perlu mengeluarkan Instruksi Bupati tentang Percepatan Kepesertaan
    Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan;
dalam_rangka: percepatan kepesertaan aparat desa dalam program {{ program_teks }}
kepada:
  - Para Camat di {{ kabupaten }}; dan
  - Para Kepala Desa di {{ kabupaten }}.
diktum:
  - teks: "Para Kepala Desa agar:"
    daftar:
      - mendaftarkan aparat desa paling lama {{ batas_hari_kerja | angka }} hari kerja; dan
      - menganggarkan iuran sebagaimana tercantum dalam [[lampiran]].
  - Instruksi Bupati ini mulai berlaku pada tanggal dikeluarkan.
lampiran:
  - judul: Rekapitulasi per Kecamatan
    isi: rekap_kecamatan
"""


WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def body_lines(path: Path) -> list[str]:
    """The text of the body in reading order: each paragraph, and each table cell's paragraphs
    (a merged cell once), tables where they stand among the paragraphs."""
    document = docx.Document(str(path))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            # a named picture shows as "[picture NAME]", where the coat of arms stands
            pictures = [f"[picture {d.get('name')}]" for d in child.iter(f"{{{WP}}}docPr")]
            lines.append(" ".join([*pictures, Paragraph(child, document).text]))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                for cell in row.iterchildren(qn("w:tc")):
                    lines.extend(Paragraph(p, document).text for p in cell.iterchildren(qn("w:p")))
    return [line.strip() for line in lines if line.strip()]


def table_rows(path: Path) -> list[list[list[str]]]:
    """Every table of the body as rows of cell texts."""
    document = docx.Document(str(path))
    return [[[c.text.strip() for c in row.cells] for row in table.rows] for table in document.tables]


def all_xml(path: Path) -> str:
    """Every XML part that holds text (the font table's panose codes are 16 hex digits)."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                         if n.endswith((".xml", ".rels")) and not n.endswith("fontTable.xml"))


def header_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for s in document.sections for p in s.header.paragraphs)


def in_order(lines: list[str], markers: list[str]) -> list[int]:
    """The index of each marker (a line equal to it, or starting with it when it ends in "…"),
    each found after the one before; fails naming the first marker out of place."""
    found, start = [], 0
    for marker in markers:
        prefix = marker.endswith("…")
        for index in range(start, len(lines)):
            line = lines[index]
            if line.startswith(marker[:-1]) if prefix else line == marker:
                found.append(index)
                start = index + 1
                break
        else:
            pytest.fail(f"{marker!r} not found after line {start}: {lines[max(start - 3, 0):start + 3]}")
    return found


def copy_workspace(target: Path, content: str | None = None, name: str = "perbup") -> Path:
    """A copy of the seed workspace (its settings, data and content), optionally with `content`."""
    shutil.copytree(SEEDS, target)
    if content is not None:
        (target / "content").mkdir(exist_ok=True)
        (target / "content" / f"{name}.yaml").write_text(content, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def seed_coverage() -> Coverage:
    workspace = Workspace.load(SEEDS)
    return compute_coverage(load_dataset(workspace))


@pytest.fixture(scope="module")
def seed_decree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed workspace's own decree, rendered once through the command."""
    out = tmp_path_factory.mktemp("seed-decree")
    result = run("decree", "-w", SEEDS, "-o", out, "-q")
    assert result.code == 0, result.stderr
    path = out / "decree" / "perbup-draft.docx"
    assert result.stderr.startswith(f"wrote {path} (draft marked KONSEP; ")
    return path


@pytest.fixture(scope="module")
def small_decree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The inline SMALL content on the seed data."""
    root = tmp_path_factory.mktemp("small")
    workspace = Workspace.load(copy_workspace(root / "ws", SMALL))
    return make_decree(workspace, None, DecreeOptions(out=root / "out")).path


# --- the seed decree ----------------------------------------------------------------------------

def test_seed_decree_has_every_part_in_order(seed_decree: Path) -> None:
    lines = body_lines(seed_decree)
    in_order(lines, [
        "[picture lambang_garuda]", "BUPATI KUPANG", "PROVINSI NUSA TENGGARA TIMUR",
        "PERATURAN BUPATI KUPANG", "NOMOR … TAHUN 2026", "TENTANG", "…",
        "DENGAN RAHMAT TUHAN YANG MAHA ESA", "BUPATI KUPANG,",
        "Menimbang", ":", "a.", "bahwa…", "Mengingat", ":", "1.", "Pasal 18 ayat (6) Undang-Undang Dasar…",
        "MEMUTUSKAN:", "Menetapkan", ":", "PERATURAN BUPATI TENTANG…",
        "BAB I", "KETENTUAN UMUM", "Pasal 1", "Dalam Peraturan Bupati ini yang dimaksud dengan…",
        "Agar setiap orang mengetahuinya…",
        "Ditetapkan di Oelamasi", "pada tanggal…", "BUPATI KUPANG,", "YOSEF LEDE",
        "Diundangkan di Oelamasi", "pada tanggal…", "SEKRETARIS DAERAH KABUPATEN KUPANG,",
        "MATELDIUS SOLEMAN JILIS SANAM", "BERITA DAERAH KABUPATEN KUPANG TAHUN 2026 NOMOR…",
        "LAMPIRAN I", "PERATURAN BUPATI KUPANG", "NOMOR … TAHUN 2026", "TENTANG…", "No", "JUMLAH",
        "Keterangan:", "BUPATI KUPANG,", "YOSEF LEDE",
        "LAMPIRAN II", "PERATURAN BUPATI KUPANG", "NOMOR … TAHUN 2026", "TENTANG…", "No", "JUMLAH",
        "Keterangan:", "BUPATI KUPANG,", "YOSEF LEDE",
    ])
    bab = [line for line in lines if re.fullmatch(r"BAB [IVXLC]+", line)]
    assert bab[-1] != "BAB I" and lines[lines.index(bab[-1]) + 1] == "KETENTUAN PENUTUP"


def test_seed_decree_numbers_pasal_and_bab_without_gaps(seed_decree: Path) -> None:
    lines = body_lines(seed_decree)
    pasal = [int(m.group(1)) for line in lines if (m := re.fullmatch(r"Pasal (\d+)", line))]
    assert pasal == list(range(1, len(pasal) + 1)) and len(pasal) >= 5
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]
    bab = [line.removeprefix("BAB ") for line in lines if re.fullmatch(r"BAB [IVXLC]+", line)]
    assert bab == romans[:len(bab)]


def test_seed_decree_leaves_no_reference_or_template_code(seed_decree: Path) -> None:
    xml = all_xml(seed_decree)
    for leftover in ("[[", "]]", "{{", "}}", "{%", "%}", "{#"):
        assert leftover not in xml, leftover


def test_annex_figures_are_the_coverage_figures(seed_decree: Path, seed_coverage: Coverage) -> None:
    kab = seed_coverage.kabupaten
    expected = seed_totals()  # from the rules table's rows (tests/expected.py)
    assert (kab.desa, kab.aparat, kab.aparat_terdaftar, kab.iuran_bulanan) == (160, 1559, 19,
                                                                               expected.bulanan)
    assert kab.per_program == expected.per_program
    tables = table_rows(seed_decree)
    kecamatan = next(t for t in tables if t[0][:2] == ["No", "Kecamatan"])
    jabatan = next(t for t in tables if t[0][:2] == ["No", "Jabatan"])
    assert kecamatan[-1] == ["JUMLAH", "JUMLAH", angka(kab.desa), angka(kab.aparat),
                             angka(kab.aparat_terdaftar), angka(kab.aparat_belum),
                             angka(kab.iuran_bulanan), angka(kab.iuran_tahunan)]
    assert kecamatan[-1][2:] == ["160", "1.559", "19", "1.540", e_angka(expected.bulanan),
                                 e_angka(expected.tahunan)]
    body = kecamatan[2:-1]  # two header rows
    assert [row[1] for row in body] == [k.nama for k in seed_coverage.per_kecamatan]
    for row, group in zip(body, seed_coverage.per_kecamatan, strict=True):
        assert row[2:] == [angka(group.desa), angka(group.aparat), angka(group.aparat_terdaftar),
                           angka(group.aparat_belum), angka(group.iuran_bulanan),
                           angka(group.iuran_tahunan)]
    assert jabatan[-1][2:] == [angka(kab.aparat), angka(kab.aparat_terdaftar), angka(kab.aparat_belum),
                               angka(kab.iuran_bulanan), angka(kab.iuran_tahunan)]
    assert [row[1] for row in jabatan[2:-1]] == [j.nama for j in seed_coverage.per_jabatan]
    assert sum(j.iuran_bulanan for j in seed_coverage.per_jabatan) == kab.iuran_bulanan
    text = "\n".join(body_lines(seed_decree))
    assert "dibulatkan ke rupiah penuh terdekat" in text  # perbup.compute.iuran.RULE
    # each rate with the article of its row in the rules table
    assert ("Jaminan Kecelakaan Kerja (JKK) 0,24% (Pasal 16 ayat (1) huruf a Peraturan Pemerintah "
            "Nomor 44 Tahun 2015)") in text
    assert "2.184.000,00 menurut Lampiran Peraturan Pemerintah Nomor 5 Tahun 2024" in text
    assert f"seluruhnya Rp{angka(kab.per_program[0])},00 per bulan" in text


def test_decree_names_no_apparatus_and_no_nik(seed_decree: Path) -> None:
    xml = all_xml(seed_decree)
    assert not NIK.search(xml)
    with (SEEDS / "data" / "aparat.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows[:: len(rows) // 12]:
        assert row["Nama Lengkap"] not in xml, row["Nama Lengkap"]
        assert row["Tanggal Lahir"] not in xml
        assert row["NIK"] not in xml


def final_ready(target: Path) -> Path:
    """A copy of the seeds whose Mengingat numbers are filled in (test values): a final copy of
    the seeds' own decree is refused while the numbers left as "…" are open."""
    copy_workspace(target)
    content = target / "content" / "perbup.yaml"
    text = content.read_text(encoding="utf-8")
    assert mengingat_filled(text) != text
    content.write_text(mengingat_filled(text), encoding="utf-8")
    siltap_filled(target / "perbup.yaml")  # the annex notes cite it
    return target


def test_konsep_by_default_and_not_with_final(seed_decree: Path, tmp_path: Path) -> None:
    assert header_text(seed_decree).strip() == "KONSEP"
    ws = final_ready(tmp_path / "ws")
    assert run("decree", "-w", ws, "-o", tmp_path / "draft", "-q").code == 0
    result = run("decree", "-w", ws, "-o", tmp_path, "--final")
    assert result.code == 0, result.stderr
    final = tmp_path / "decree" / "perbup.docx"
    assert re.search(rf"^wrote {re.escape(str(final))} \(final, no KONSEP marking; \d+ pasal, "
                     r"2 lampiran\)$", result.stderr, re.MULTILINE)
    assert "KONSEP" not in all_xml(final)
    assert not (tmp_path / "decree" / "perbup-draft.docx").exists()
    # only the marking and the initials boxes of a draft differ
    draft = body_lines(tmp_path / "draft" / "decree" / "perbup-draft.docx")
    start = draft.index("Paraf Koordinasi")
    end = draft.index("LAMPIRAN I")
    assert body_lines(final) == draft[:start] + draft[end:]


def test_two_runs_give_identical_bytes(seed_decree: Path, tmp_path: Path) -> None:
    again = run("decree", "-w", SEEDS, "-o", tmp_path, "-q")
    assert again.code == 0, again.stderr
    assert (tmp_path / "decree" / "perbup-draft.docx").read_bytes() == seed_decree.read_bytes()


def test_page_setup_font_and_page_numbers(seed_decree: Path) -> None:
    document = docx.Document(str(seed_decree))
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.mm) == 215 and round(section.page_height.mm) == 330
    assert document.styles["Normal"].font.name == "Bookman Old Style"
    assert document.styles["Normal"].font.size.pt == 12
    footer = section.footer._element.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer


# --- the structure, on the inline content ------------------------------------------------------

def test_every_kind_of_block_is_laid_out(small_decree: Path) -> None:
    lines = body_lines(small_decree)
    in_order(lines, [
        "BAB I", "KETENTUAN UMUM", "Pasal 1", "Dalam Peraturan Bupati ini yang dimaksud dengan:",
        "1.\tDesa adalah desa di Kabupaten Kupang.", "2.\tAparat Desa adalah kepala desa dan perangkat desa.",
        "BAB II", "KEPESERTAAN", "Bagian Kesatu", "Pendaftaran", "Pasal 2",
        "(1)\tPemerintah Desa wajib mendaftarkan Aparat Desa dalam program Jaminan Kecelakaan Kerja "
        "(JKK) dan Jaminan Kematian (JKM):",
        "a.\tdengan menyampaikan:", "1.\tdaftar nama; dan", "2.\tbukti anggaran; dan",
        "b.\tpaling lama 30 (tiga puluh) hari kerja melalui BPJS Ketenagakerjaan Kantor Cabang Kupang.",
        "(2)\tPendaftaran sebagaimana dimaksud pada ayat (1) huruf a dicatat dalam Lampiran I.",
        "Bagian Kedua", "Iuran", "Pasal 3",
        "Iuran Aparat Desa sebagaimana dimaksud dalam Pasal 2 tercantum dalam Lampiran II.",
        "BAB III", "KETENTUAN PENUTUP", "Pasal 4",
        "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
        "Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan "
        "penempatannya dalam Berita Daerah Kabupaten Kupang.",
        "LAMPIRAN I", "REKAPITULASI KEPESERTAAN PER KECAMATAN",
        "LAMPIRAN II", "REKAPITULASI KEPESERTAAN PER JABATAN",
    ])


def test_nested_items_hang_deeper_than_their_parent(small_decree: Path) -> None:
    document = docx.Document(str(small_decree))
    indent = {p.text.split("\t")[0]: p.paragraph_format.left_indent for p in document.paragraphs
              if "\t" in p.text and p.text.split("\t")[0] in ("(1)", "a.", "b.")}
    nested = next(p for p in document.paragraphs if p.text.startswith("1.\tdaftar nama"))
    assert indent["(1)"] < indent["a."] == indent["b."] < nested.paragraph_format.left_indent


def test_blocks_get_their_depth_on_the_page() -> None:
    def block(kind: str, level: int = 0) -> Block:
        return Block(kind, "x", "", "t", level)

    blocks = [block("pasal"), block("teks"), block("butir", 1), block("butir", 2),
              block("pasal"), block("ayat"), block("butir", 1), block("butir", 2), block("butir", 4),
              block("butir", 9), block("bab"), block("pasal"), block("butir", 1)]
    assert [b["tingkat"] for b in blocks_context(blocks)] == [0, 0, 1, 2, 0, 1, 2, 3, 5, 5, 0, 0, 1]


def test_context_from_a_hand_made_decree(seed_coverage: Coverage) -> None:
    config = Workspace.load(SEEDS).config
    decree = numbered_decree(
        lampiran=[("", "Rekapitulasi", "rekap_kecamatan")],
        penetapan=TempatTanggal("Oelamasi", dt.date(2026, 7, 1), "1 Juli 2026"))
    context = decree_context(decree, config, seed_coverage, konsep=False)
    assert set(context) == DECREE_VARIABLES
    assert context["konsep"] is False
    assert context["menimbang"] == [{"huruf": "a.", "teks": "bahwa uji;"}]
    assert context["penetapan"] == {"tempat": "Oelamasi", "tanggal": "1 Juli 2026",
                                    "jabatan": "BUPATI KUPANG,", "nama": "YOSEF LEDE"}
    assert context["pengundangan"]["tanggal"] == "…"
    assert context["pengundangan"]["nama"] == "MATELDIUS SOLEMAN JILIS SANAM"
    assert context["lampiran"] == [{"nomor": "", "judul": ["REKAPITULASI"], "isi": "rekap_kecamatan"}]
    assert context["rekap_kecamatan"]["jumlah"]["bulanan"] == e_angka(seed_totals().bulanan)
    assert context["berita_daerah"] == "BERITA DAERAH KABUPATEN KUPANG TAHUN 2026 NOMOR …"


def test_signature_names_lose_degrees_and_honorifics() -> None:
    assert nama_pejabat("Mateldius Soleman Jilis Sanam, S.T.") == "MATELDIUS SOLEMAN JILIS SANAM"
    assert nama_pejabat("Drs. H. Ahmad Yani, M.Si.") == "AHMAD YANI"
    assert nama_pejabat("Yosef Lede") == "YOSEF LEDE"
    assert angka(17_334_408) == "17.334.408" and angka(0) == "0"


def test_instruksi(tmp_path: Path) -> None:
    ws = copy_workspace(tmp_path / "ws", INSTRUKSI, name="instruksi")
    result = run("decree", "-w", ws, "-o", tmp_path / "out", "--jenis", "instruksi", "-q")
    assert result.code == 0, result.stderr
    path = tmp_path / "out" / "decree" / "instruksi-draft.docx"
    lines = body_lines(path)
    in_order(lines, [
        "[picture lambang_garuda]", "BUPATI KUPANG", "INSTRUKSI BUPATI KUPANG", "NOMOR … TAHUN 2026",
        "TENTANG", "PERCEPATAN KEPESERTAAN APARAT DESA DALAM\nPROGRAM JAMINAN SOSIAL KETENAGAKERJAAN",
        "BUPATI KUPANG,", "Menimbang", "Dalam rangka percepatan kepesertaan aparat desa dalam program "
        "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM), dengan ini menginstruksikan:",
        "Kepada", ":", "1.", "Para Camat di Kabupaten Kupang; dan", "Untuk\t:",
        "KESATU\t:\tPara Kepala Desa agar:", "a.\tmendaftarkan aparat desa paling lama 30 (tiga puluh) "
        "hari kerja; dan", "b.\tmenganggarkan iuran sebagaimana tercantum dalam Lampiran.",
        "KEDUA\t:\tInstruksi Bupati ini mulai berlaku pada tanggal dikeluarkan.",
        "Dikeluarkan di Oelamasi", "BUPATI KUPANG,", "YOSEF LEDE",
        "LAMPIRAN", "INSTRUKSI BUPATI KUPANG", "JUMLAH",
    ])
    assert "Mengingat" not in lines and "Diundangkan di Oelamasi" not in lines
    assert not any(line.startswith("Agar setiap orang") for line in lines)
    assert header_text(path).strip() == "KONSEP"


# --- bad input writes nothing --------------------------------------------------------------------

def test_broken_content_writes_nothing_and_names_file_and_line(tmp_path: Path) -> None:
    broken = SMALL.replace("konsep: true", "konsep: true\nnomer: 12")
    ws = copy_workspace(tmp_path / "ws", broken)
    result = run("decree", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    content = ws / "content" / "perbup.yaml"
    assert f"{content}:4: error: unknown key 'nomer' in the content file" in result.stderr
    assert result.lines[-1].endswith("nothing was written")
    assert not (tmp_path / "out").exists()
    typo = SMALL.replace("[[syarat]]", "[[syaratt]]")
    unresolved = run("decree", "-w", copy_workspace(tmp_path / "ws2", typo), "-o", tmp_path / "out")
    assert unresolved.code == 1
    line = next(n for n, text in enumerate(typo.splitlines(), 1) if "[[syaratt]]" in text)
    assert f"content/perbup.yaml:{line}: error: reference [[syaratt]] names no label" in unresolved.stderr
    assert "did you mean [[syarat]]?" in unresolved.stderr
    assert not (tmp_path / "out").exists()


def test_data_and_content_problems_are_reported_together(tmp_path: Path) -> None:
    ws = copy_workspace(tmp_path / "ws", SMALL.replace("konsep: true", "konsep: perhaps"))
    with (ws / "data" / "aparat.csv").open("a", encoding="utf-8") as handle:
        handle.write("9999,53.01.04.2003,Bokonusan,Semau,Orang Baru,123,Kades,01/01/1980,L,,Tidak,\n")
    result = run("decree", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert "data/aparat.csv:" in result.stderr
    assert "content/perbup.yaml:3: error: 'konsep' must be true or false" in result.stderr
    assert not (tmp_path / "out").exists()


def test_lint_errors_stop_it_and_warnings_are_printed(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    ws = copy_workspace(tmp_path / "ws", SMALL)
    found = [Problem("content/perbup.yaml", 5, "warning", "a defined term is never used")]
    monkeypatch.setattr("perbup.lint.run.lint", lambda content, display: list(found))
    ok = run("decree", "-w", ws, "-o", tmp_path / "out")
    assert ok.code == 0, ok.stderr
    assert "content/perbup.yaml:5: warning: a defined term is never used" in ok.stderr
    found.append(Problem("content/perbup.yaml", 6, "error", "menimbang b. does not start with 'bahwa'"))
    shutil.rmtree(tmp_path / "out")
    failed = run("decree", "-w", ws, "-o", tmp_path / "out")
    assert failed.code == 1
    assert "content/perbup.yaml:6: error: menimbang b. does not start with 'bahwa'" in failed.stderr
    assert not (tmp_path / "out").exists()


def test_missing_or_mismatched_content_file(tmp_path: Path) -> None:
    ws = copy_workspace(tmp_path / "ws")
    (ws / "content" / "surat_edaran.yaml").unlink()
    missing = run("decree", "-w", ws, "-o", tmp_path / "out", "--jenis", "surat_edaran")
    assert missing.code == 1
    assert ("content/surat_edaran.yaml: error: there is no content file for --jenis surat_edaran"
            in missing.stderr)
    (ws / "content" / "instruksi.yaml").write_text(SMALL, encoding="utf-8")
    mismatched = run("decree", "-w", ws, "-o", tmp_path / "out", "--jenis", "instruksi")
    assert mismatched.code == 1
    assert "error: this file holds a perbup, not a instruksi" in mismatched.stderr
    assert not (tmp_path / "out").exists()


def test_template_check_names_unknown_variables(tmp_path: Path) -> None:
    ws = copy_workspace(tmp_path / "ws", SMALL)
    (ws / "templates").mkdir(exist_ok=True)
    document = docx.Document(str(ROOT / "templates" / "perbup.docx"))
    document.add_paragraph("Paraf: {{ paraf_koordinasi }} {{ judul.dokumen }}")
    document.save(str(ws / "templates" / "perbup.docx"))
    result = run("decree", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    # the same message from the batch and from check
    message = (f"{ws / 'templates' / 'perbup.docx'}: error: unknown variable 'paraf_koordinasi'\n"
               "  hint: a perbup template can use: berita_daerah, blocks, ")
    assert message in result.stderr
    assert result.stderr.endswith("1 error(s), 0 warning(s); nothing was written\n")
    assert not (tmp_path / "out").exists()
    check = run("check", "-w", ws)
    assert check.code == 1
    assert message in check.stderr


# --- the bundled templates ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["perbup.docx", "instruksi.docx"])
def test_bundled_template_uses_only_known_variables(name: str) -> None:
    template = PreparedTemplate.load(ROOT / "templates" / name)
    assert template.variables <= DECREE_VARIABLES
    assert {"konsep", "judul", "blocks", "lampiran", "rekap_kecamatan", "catatan"} <= template.variables


def test_a_draft_carries_the_initials_boxes_and_a_final_copy_does_not(tmp_path: Path) -> None:
    ws = final_ready(tmp_path / "ws")
    assert run("decree", "-w", ws, "-o", tmp_path / "out", "-q").code == 0
    draft = body_lines(tmp_path / "out" / "decree" / "perbup-draft.docx")
    boxes = in_order(draft, ["BERITA DAERAH KABUPATEN KUPANG TAHUN 2026 NOMOR…", "Paraf Koordinasi",
                             "No.", "Jabatan", "Paraf", "1", "Sekretaris Daerah", "2",
                             "Asisten Pemerintahan dan Kesejahteraan Rakyat", "3", "Kepala Bagian Hukum",
                             "4", "Kepala Dinas Pemberdayaan Masyarakat dan Desa", "LAMPIRAN I"])
    assert boxes
    assert run("decree", "-w", ws, "-o", tmp_path / "out", "-q", "--final").code == 0
    final = body_lines(tmp_path / "out" / "decree" / "perbup.docx")
    assert "Paraf Koordinasi" not in final


def test_annex_notes_and_rate_variables_for_self_employed(tmp_path: Path) -> None:
    make_workspace(tmp_path, config=CONFIG + "iuran:\n  skema: bpu\n")
    dataset = load_dataset(Workspace.load(tmp_path), today=dt.date(2026, 12, 1))
    notes = catatan(dataset.workspace.config, compute_coverage(dataset))
    assert notes[:3] == [
        "Aparat desa didaftarkan sebagai peserta bukan penerima upah dengan penghasilan yang "
        "dilaporkan sebesar Rp1.000.000,00 sebulan bagi setiap orang.",
        "Tarif iuran: Jaminan Kecelakaan Kerja (JKK) 1% (Pasal 20 ayat (1) dan Lampiran II Peraturan "
        "Pemerintah Nomor 44 Tahun 2015), seluruhnya Rp40.000,00 per bulan; Jaminan Kematian (JKM) "
        "Rp6.800,00 sebulan (Pasal 20 ayat (3) Peraturan Pemerintah Nomor 44 Tahun 2015), seluruhnya "
        "Rp27.200,00 per bulan.",
        "Iuran dihitung per orang per program dari penghasilan yang dilaporkan sebulan dan "
        "dibulatkan ke rupiah penuh terdekat; iuran setahun adalah 12 kali iuran sebulan.",
    ]
    rates = rate_data(dataset.law, formal=True)
    assert (rates["tarif_jkk"], rates["tarif_jkk_terbilang"]) == ("1%", "satu persen")
    assert (rates["tarif_jkm"], rates["tarif_jkm_terbilang"]) == ("Rp6.800,00",
                                                                  "enam ribu delapan ratus rupiah")
    assert rates["penghasilan_bpu"] == "Rp1.000.000,00"
    assert "tarif_jp" not in rates
