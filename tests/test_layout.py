"""Page layout, read back from the real PDFs: no lead-in ends a page, signature blocks stay whole, titles are balanced."""  # noqa: E501

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from perbup.compute.numbering import Block
from perbup.compute.titles import balance, text_width
from perbup.documents.decree import blocks_context
from perbup.docx.office import convert_to_pdf
from perbup.load.instrumen import JENIS
from tests.helpers import letter_seeds, run
from tests.test_office import office, pages  # noqa: F401 - office is a fixture used below

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The seed desa whose names are longest together: on one line they wrapped and left "TIMUR" alone.
LONG_NAMES = "53.01.26.2003"  # Netemnanu Selatan, Kecamatan Amfoang Timur
# On today's seeds the letter's tembusan fits under the signature; with eight it reaches the next
# page, where a list split in two would leave items apart from its heading.
TEMBUSAN = ["Camat Amfoang Timur", "Kepala BPJS Ketenagakerjaan Kantor Cabang Kupang",
            "Kepala Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kupang",
            *(f"Kepala Perangkat Daerah Nomor {n} Kabupaten Kupang" for n in range(4, 9))]
KINDS = (*JENIS, "surat_desa", "surat_desa_tembusan", "laporan")
MIN_BALANCE = 2 / 3  # a balanced title's shortest line against its longest, in characters

PENETAPAN = ["pada tanggal …", "BUPATI KUPANG,", "YOSEF LEDE"]
PENGUNDANGAN = ["Diundangkan di Oelamasi", "pada tanggal …", "SEKRETARIS DAERAH KABUPATEN KUPANG,",
                "MATELDIUS SOLEMAN JILIS SANAM", "BERITA DAERAH KABUPATEN KUPANG TAHUN 2026 NOMOR …"]


def page_lines(pdf: Path) -> list[list[str]]:
    """Each page's text lines, spaces collapsed, without the running KONSEP and the page number."""
    out = []
    for number in range(1, pages(pdf) + 1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf),
                               "-"], capture_output=True, text=True, check=True).stdout
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        lines = [line for line in lines if line != "KONSEP"]
        if lines and lines[-1].isdigit():
            lines.pop()
        out.append(lines)
    return out


@pytest.fixture(scope="module")
def pdfs(office: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[str]]]:  # noqa: F811
    """Every kind of document from the seeds, converted in one LibreOffice run."""
    out = tmp_path_factory.mktemp("layout")
    for jenis in JENIS:
        result = run("decree", "-w", SEEDS, "-o", out, "--jenis", jenis, "-q")
        assert result.code == 0, result.stderr
    result = run("letters", "-w", letter_seeds(), "-o", out, "--desa", LONG_NAMES, "-q")
    assert result.code == 0, result.stderr
    result = run("report", "-w", SEEDS, "-o", out)
    assert result.code == 0, result.stderr
    (letter,) = (out / "letters").rglob("*.docx")
    ws = out / "ws"
    shutil.copytree(letter_seeds(), ws)  # letters refuse the seeds' unfilled letterhead
    settings = (ws / "perbup.yaml").read_text(encoding="utf-8")
    last = "    - Kepala Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Kupang\n"
    assert last in settings
    settings = settings.replace(last, last + "".join(f"    - {t}\n" for t in TEMBUSAN[3:]))
    (ws / "perbup.yaml").write_text(settings, encoding="utf-8")
    result = run("letters", "-w", ws, "-o", out / "tembusan", "--desa", LONG_NAMES, "-q")
    assert result.code == 0, result.stderr
    (longer,) = (out / "tembusan" / "letters").rglob("*.docx")
    files = {**{jenis: out / "decree" / f"{jenis}-draft.docx" for jenis in JENIS},
             "surat_desa": letter, "surat_desa_tembusan": longer,
             "laporan": out / "report" / "report.docx"}
    convert_to_pdf(list(files.values()), office=office)
    return {kind: page_lines(path.with_suffix(".pdf")) for kind, path in files.items()}


def block_page(document: list[list[str]], block: list[str]) -> int:
    """The page (from 1) holding every line of `block`, one after another; fails naming where
    the block starts when it is split or missing."""
    starts = []
    for number, lines in enumerate(document, 1):
        for index, line in enumerate(lines):
            if line == block[0]:
                if lines[index:index + len(block)] == block:
                    return number
                starts.append((number, lines[index:]))
    pytest.fail(f"{block[0]!r} does not start a whole block on one page: {starts}")


def title_lines(document: list[list[str]], title: str) -> list[str]:
    """The lines that set `title` (consecutive lines whose words are the title's)."""
    words = title.split()
    for lines in document:
        for start in range(len(lines)):
            found: list[str] = []
            for line in lines[start:]:
                found.append(line)
                taken = " ".join(found).split()
                if taken == words:
                    return found
                if taken != words[:len(taken)]:
                    break
    pytest.fail(f"title {title!r} not found")


def seed_content(jenis: str) -> dict:
    return yaml.safe_load((SEEDS / "content" / f"{jenis}.yaml").read_text(encoding="utf-8"))


@pytest.mark.office
@pytest.mark.parametrize("kind", KINDS)
def test_no_page_ends_with_a_lead_in(pdfs: dict[str, list[list[str]]], kind: str) -> None:
    ends = [(number, lines[-1]) for number, lines in enumerate(pdfs[kind], 1)
            if lines and lines[-1].endswith(":")]
    assert ends == []


@pytest.mark.office
def test_penutup_of_the_perbup_is_one_block_after_the_end_of_the_text(
        pdfs: dict[str, list[list[str]]]) -> None:
    document = pdfs["perbup"]
    signed = block_page(document, ["Ditetapkan di Oelamasi", *PENETAPAN])
    assert block_page(document, PENGUNDANGAN) == signed
    before = document[signed - 1]
    closing = before[:before.index("Ditetapkan di Oelamasi")]
    assert any(line.startswith("Agar setiap orang mengetahuinya") for line in closing), before


@pytest.mark.office
@pytest.mark.parametrize(("kind", "verb"), [("instruksi", "Dikeluarkan"),
                                            ("surat_edaran", "Ditetapkan")])
def test_signature_of_an_instruksi_and_surat_edaran_is_whole_under_the_last_text(
        pdfs: dict[str, list[list[str]]], kind: str, verb: str) -> None:
    document = pdfs[kind]
    signed = block_page(document, [f"{verb} di Oelamasi", *PENETAPAN])
    assert document[signed - 1].index(f"{verb} di Oelamasi") > 0  # text above it on its page


@pytest.mark.office
@pytest.mark.parametrize("kind", KINDS)
def test_every_signature_has_its_office_above_the_name_on_one_page(
        pdfs: dict[str, list[list[str]]], kind: str) -> None:
    names = {"laporan": ("SEKRETARIS DAERAH KABUPATEN KUPANG,", "Mateldius Soleman Jilis Sanam, S.T.")}
    office_line, name = names.get(kind, ("BUPATI KUPANG,", "YOSEF LEDE"))
    found = [(number, lines[index - 1] if index else None)
             for number, lines in enumerate(pdfs[kind], 1)
             for index, line in enumerate(lines) if line == name]
    assert found and all(above == office_line for _, above in found), found


@pytest.mark.office
@pytest.mark.parametrize(("kind", "count"), [("surat_desa", 3), ("surat_desa_tembusan", 8)])
def test_letter_tembusan_is_whole(pdfs: dict[str, list[list[str]]], kind: str, count: int) -> None:
    block_page(pdfs[kind], ["Tembusan:", *(f"{n}. {t}" for n, t in enumerate(TEMBUSAN[:count], 1))])


@pytest.mark.office
@pytest.mark.parametrize("jenis", JENIS)
def test_titles_are_balanced(pdfs: dict[str, list[list[str]]], jenis: str) -> None:
    content = seed_content(jenis)
    titles = [content["judul"].upper(), *(item["judul"].upper() for item in content["lampiran"])]
    for title in titles:
        lines = title_lines(pdfs[jenis], title)
        lengths = [len(line) for line in lines]
        assert all(len(line.split()) > 1 for line in lines), lines
        assert min(lengths) >= MIN_BALANCE * max(lengths), lines


@pytest.mark.office
def test_letter_annex_title_leaves_no_word_alone(pdfs: dict[str, list[list[str]]]) -> None:
    lines = title_lines(pdfs["surat_desa"], "DAFTAR APARAT DESA NETEMNANU SELATAN KECAMATAN AMFOANG "
                                            "TIMUR YANG DIDAFTARKAN DALAM PROGRAM JAMINAN SOSIAL "
                                            "KETENAGAKERJAAN")
    assert all(len(line.split()) > 1 for line in lines), lines


# --- without LibreOffice: the rules the templates follow --------------------------------------

def test_balance_breaks_a_title_into_the_fewest_near_equal_lines() -> None:
    assert balance("PETUNJUK KHUSUS KEPESERTAAN APARAT DESA DALAM PROGRAM JAMINAN SOSIAL "
                   "KETENAGAKERJAAN", 15.0) == ["PETUNJUK KHUSUS KEPESERTAAN APARAT DESA",
                                                "DALAM PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN"]
    assert balance("KEPESERTAAN APARAT DESA DALAM PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN", 15.0) == [
        "KEPESERTAAN APARAT DESA DALAM PROGRAM", "JAMINAN SOSIAL KETENAGAKERJAAN"]
    assert balance("  REKAPITULASI   PER JABATAN ", 15.0) == ["REKAPITULASI PER JABATAN"]
    assert balance(" ", 15.0) == []


LIMIT = 15.0 * 72 / 2.54 * 1000 / 12  # 15 cm at 12 pt, in the font's units


@given(st.lists(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ-,()\u738b", min_size=1, max_size=14),
                min_size=1, max_size=30))
def test_balanced_lines_keep_every_word_and_never_need_more_lines(words: list[str]) -> None:
    lines = balance(" ".join(words), 15.0)
    assert " ".join(lines).split() == words
    for line in lines:
        assert text_width(line) <= LIMIT or " " not in line  # only a lone overlong word overflows
    # as few lines as filling each line in turn would give
    greedy, used = 0, None
    for word in words:
        if used is not None and used + text_width(" " + word) <= LIMIT:
            used += text_width(" " + word)
        else:
            greedy, used = greedy + 1, text_width(word)
    assert len(lines) == greedy


def test_a_lead_in_and_the_last_block_keep_with_what_follows() -> None:
    blocks = [Block("pasal", "Pasal 8", "", "", 0), Block("teks", "", "", "Camat bertugas: ", 0),
              Block("butir", "a.", "", "membina;", 1), Block("butir", "b.", "", "mengawasi.", 1)]
    assert [b["keep_next"] for b in blocks_context(blocks)] == [False, True, False, True]


def test_letter_and_report_keep_their_closing_sentence_with_the_signature(tmp_path: Path) -> None:
    assert run("letters", "-w", letter_seeds(), "-o", tmp_path, "--desa", LONG_NAMES, "-q").code == 0
    assert run("report", "-w", SEEDS, "-o", tmp_path).code == 0
    (letter,) = (tmp_path / "letters").rglob("*.docx")
    for path, leads in ((letter, ("Sehubungan", "Demikian", "Terbilang:", "Catatan:", "3.\tIuran dihitung")),
                        (tmp_path / "report" / "report.docx", ("Demikian",))):
        paragraphs = [p for p in docx.Document(str(path)).paragraphs if p.text]
        for lead in leads:
            (paragraph,) = [p for p in paragraphs if p.text.startswith(lead)]
            assert paragraph.paragraph_format.keep_with_next, (path.name, lead)
