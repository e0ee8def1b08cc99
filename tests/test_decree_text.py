"""The text of the shipped documents, as rendered from the seeds: the legal basis, the parts of
the perangkat desa, the definitions, and one money form and one term per concept everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from perbup.base.formats import terbilang
from tests.expected import angka, seed_totals
from tests.helpers import SEEDS, letter_seeds, mengingat_filled, run
from tests.test_decree import body_lines, in_order, table_rows

#: An amount of money as any document's text writes it (perbup.base.formats.rupiah).
RUPIAH = re.compile(r"Rp\d{1,3}(?:\.\d{3})*,00")
#: Anything that looks like an amount of money, in whatever form.
ANY_RUPIAH = re.compile(r"Rp\.?\s*\d[\d.,]*")
#: The seeds' regency totals, per month and per year, in figures and words (from the rules
#: table's rows, tests/expected.py).
MONTHLY = seed_totals().bulanan
BULANAN = f"Rp{angka(MONTHLY)},00 ({terbilang(MONTHLY)} rupiah)"
TAHUNAN = f"Rp{angka(12 * MONTHLY)},00 ({terbilang(12 * MONTHLY)} rupiah)"


def make(out: Path, jenis: str) -> list[str]:
    result = run("decree", "-w", SEEDS, "-o", out, "--jenis", jenis, "-q")
    assert result.code == 0, result.stderr
    return body_lines(out / "decree" / f"{jenis}-draft.docx")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The body lines of each shipped document kind, rendered from the seeds."""
    out = tmp_path_factory.mktemp("documents")
    lines = {jenis: make(out / jenis, jenis) for jenis in ("perbup", "instruksi", "surat_edaran")}
    # the letters go out, so they need the seeds' letterhead filled in (test values)
    assert run("letters", "-w", letter_seeds(), "-o", out / "l", "--desa", "Bokonusan", "-q").code == 0
    (letter,) = (out / "l" / "letters").rglob("*.docx")
    lines["letter"] = [p.text for p in docx.Document(str(letter)).paragraphs if p.text.strip()]
    assert run("report", "-w", SEEDS, "-o", out / "r").code == 0
    report = docx.Document(str(out / "r" / "report" / "report.docx"))
    lines["report"] = [p.text for p in report.paragraphs if p.text.strip()]
    return lines


def batang_tubuh(lines: list[str]) -> list[str]:
    """A Perbup's pasal, from BAB I to the signature."""
    return lines[lines.index("BAB I"):lines.index("Ditetapkan di Oelamasi")]


def definitions(lines: list[str]) -> list[tuple[str, str]]:
    """(term as the text uses it, its definition) for each numbered item of Pasal 1."""
    start = lines.index("Dalam Peraturan Bupati ini yang dimaksud dengan:") + 1
    out = []
    for line in lines[start:lines.index("BAB II")]:
        found = re.fullmatch(r"\d+\.\t?(.+?)(?: yang selanjutnya (?:disebut|disingkat) (.+?))? adalah (.+)",
                             line)
        assert found, line
        out.append((found.group(2) or found.group(1), found.group(3)))
    return out


def mengingat(lines: list[str]) -> list[str]:
    start, end = lines.index("Mengingat"), lines.index("MEMUTUSKAN:")
    return [line for line in lines[start + 2:end] if not re.fullmatch(r"\d+\.", line)]


# --- Pasal 3: the parts of the perangkat desa, as UU 6/2014 Pasal 48 has them ---------------------

def test_pasal_3_lists_the_three_parts_of_uu_6_2014_pasal_48(documents: dict[str, list[str]]) -> None:
    body = batang_tubuh(documents["perbup"])
    pasal_3 = body[body.index("Pasal 3"):body.index("Pasal 4")]
    in_order(pasal_3, ["(2)\tAparat Desa sebagaimana dimaksud pada ayat (1) meliputi:",
                       "a.\tKepala Desa; dan", "b.\tPerangkat Desa, yang terdiri atas:",
                       "1.\tsekretariat Desa;", "2.\tpelaksana kewilayahan; dan", "3.\tpelaksana teknis."])
    # the sekretariat holds the sekretaris desa and the kaur: no part of the perangkat is left out
    assert not any("sekretaris desa" in line.lower() for line in pasal_3)
    (perangkat,) = [d for term, d in definitions(documents["perbup"]) if term == "Perangkat Desa"]
    assert "sekretariat Desa" in perangkat
    assert perangkat.endswith("pelaksana kewilayahan dan pelaksana teknis.")


# --- Mengingat -------------------------------------------------------------------------------------

CIPTA_KERJA = ("sebagaimana telah diubah dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan "
               "Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi "
               "Undang-Undang (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 41, Tambahan Lembaran "
               "Negara Republik Indonesia Nomor 6856);")


def test_mengingat_cites_the_amendments_the_gazettes_and_the_siltap_perbup(
        documents: dict[str, list[str]]) -> None:
    items = mengingat(documents["perbup"])
    sjsn = next(i for i in items if i.startswith("Undang-Undang Nomor 40 Tahun 2004"))
    bpjs = next(i for i in items if i.startswith("Undang-Undang Nomor 24 Tahun 2011"))
    assert sjsn.endswith("Nomor 4456) " + CIPTA_KERJA)
    assert bpjs.endswith("Nomor 5256) " + CIPTA_KERJA)
    jht = next(i for i in items if i.startswith("Peraturan Pemerintah Nomor 46 Tahun 2015"))
    assert jht.endswith("(Lembaran Negara Republik Indonesia Tahun 2015 Nomor 187, Tambahan Lembaran "
                        "Negara Republik Indonesia Nomor 5730);")
    # the regent's siltap Perbup closes the list, its numbers and title left to the legal bureau
    assert items[-1].startswith("Peraturan Bupati Kupang Nomor … Tahun … tentang [judul ")
    assert items[-1].endswith("(Berita Daerah Kabupaten Kupang Tahun … Nomor …).")
    # Perpres 109/2013 (the stages of enrolment, long completed) is no basis (docs/decree.md)
    assert not any("Nomor 109 Tahun 2013" in i for i in items)
    # what is still open: the Permendagri gazette numbers and the siltap Perbup, nothing else
    assert [i.split(" tentang ")[0] for i in items if "…" in i] == [
        "Peraturan Menteri Dalam Negeri Nomor 84 Tahun 2015",
        "Peraturan Menteri Dalam Negeri Nomor 20 Tahun 2018", "Peraturan Bupati Kupang Nomor … Tahun …"]


def test_a_final_copy_refuses_the_open_siltap_perbup_until_it_is_filled_in(tmp_path: Path) -> None:
    import shutil

    ws = tmp_path / "ws"
    shutil.copytree(SEEDS, ws)
    content = ws / "content" / "perbup.yaml"
    text = content.read_text(encoding="utf-8")
    refused = run("decree", "-w", ws, "-o", tmp_path / "out", "--final", "-q")
    assert refused.code == 1
    # a folded item ("- >-") is reported at the line that opens it, above its text
    row = next(i for i, line in enumerate(text.splitlines()) if "Peraturan Bupati Kupang Nomor …" in line)
    assert f"{content}:{row}: error: mengingat item 13 is unfinished: fill in the \"…\"" in refused.lines
    assert any(line.startswith(f"{content}:{row}: error: still a placeholder: [judul ")
               for line in refused.lines)
    content.write_text(mengingat_filled(text), encoding="utf-8")
    filled = run("check", "-w", ws)
    assert f"{content}:{row}:" not in filled.stderr


# --- Ketentuan Umum --------------------------------------------------------------------------------

def test_definitions_come_in_the_order_the_rules_give(documents: dict[str, list[str]]) -> None:
    found = definitions(documents["perbup"])
    assert [term for term, _ in found] == [
        "Daerah", "Bupati", "Pemerintah Daerah", "Kecamatan", "Camat", "Desa", "Kepala Desa",
        "Perangkat Desa", "Pemerintah Desa", "Aparat Desa", "BPJS Ketenagakerjaan", "Peserta", "JKK",
        "JKM", "Iuran", "APB Desa", "Penghasilan Tetap"]
    # no definition uses a term defined after it
    for i, (term, text) in enumerate(found):
        for later, _ in found[i + 1:]:
            assert not re.search(rf"\b{re.escape(later)}\b", text), (term, later)


def test_defined_terms_are_never_written_in_lower_case(documents: dict[str, list[str]]) -> None:
    lines = documents["perbup"]
    # Pasal 1 and the pasal after it; cited acts' titles ("… tentang Desa") keep their own words
    text = re.sub(r"\btentang(?: [A-Z][\w-]*| Nomor \d+| Tahun \d+| dan| atas| dalam)+", " ",
                  "\n".join(batang_tubuh(lines)))
    for term, _ in definitions(lines):
        lower = term.lower()
        if lower != term:
            assert not re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", text), term


# --- money and words --------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["perbup", "instruksi", "surat_edaran", "letter", "report"])
def test_every_document_writes_money_one_way(kind: str, documents: dict[str, list[str]]) -> None:
    amounts = [m.group(0).rstrip(".,;") for line in documents[kind] for m in ANY_RUPIAH.finditer(line)]
    assert amounts, kind
    assert [a for a in amounts if not RUPIAH.fullmatch(a)] == [], kind


@pytest.mark.parametrize("kind", ["instruksi", "surat_edaran", "letter", "report"])
def test_an_amount_in_running_text_is_followed_by_its_words(kind: str,
                                                           documents: dict[str, list[str]]) -> None:
    lines = documents[kind]
    if kind in ("instruksi", "surat_edaran"):  # the diktum or sections, not the annex notes
        lines = lines[:lines.index("LAMPIRAN")]
    for line in lines:
        for m in RUPIAH.finditer(line):
            assert re.match(r" \([a-z ]+ rupiah\)", line[m.end():]), (kind, line[m.start():m.end() + 40])


def test_the_decree_gives_the_week_s_totals_in_its_annex_not_in_a_pasal(
        documents: dict[str, list[str]]) -> None:
    lines = documents["perbup"]
    body = "\n".join(batang_tubuh(lines))
    for figure in (angka(MONTHLY), angka(12 * MONTHLY)):
        assert figure not in body, figure
    note = f"Kebutuhan iuran seluruhnya {BULANAN} per bulan atau {TAHUNAN} per tahun."
    assert sum(line.endswith(note) for line in lines) == 2  # under each of the two annexes
    instruksi = documents["instruksi"]
    assert not any(angka(12 * MONTHLY) in line for line in instruksi[:instruksi.index("LAMPIRAN")])
    # the Surat Edaran's background (no instruction) keeps it, with its words
    assert any(f"sebesar {BULANAN} per bulan atau {TAHUNAN} per tahun" in line
               for line in documents["surat_edaran"])


def test_annex_tables_hold_digits_only(tmp_path: Path) -> None:
    assert run("decree", "-w", SEEDS, "-o", tmp_path, "-q").code == 0
    tables = table_rows(tmp_path / "decree" / "perbup-draft.docx")
    totals = [row for table in tables for row in table if "JUMLAH" in row]
    assert len(totals) == 2  # per kecamatan and per jabatan
    for row in totals:
        assert row[-2:] == [angka(MONTHLY), angka(12 * MONTHLY)]
    amounts = [cell for table in tables for row in table for cell in row if ANY_RUPIAH.search(cell)]
    assert amounts == []  # the headings say "(Rp)"; the cells hold digits


# --- one term per concept ----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["perbup", "instruksi", "surat_edaran", "letter", "report"])
def test_the_village_budget_is_apb_desa_in_every_document(kind: str, documents: dict[str, list[str]]) -> None:
    text = "\n".join(documents[kind])
    assert "APB Desa" in text, kind
    assert not re.search(r"APBDes|APBDesa|APB-Desa", text), kind


@pytest.mark.parametrize("kind", ["perbup", "instruksi", "surat_edaran", "letter"])
def test_the_payment_day_is_a_date_without_words(kind: str, documents: dict[str, list[str]]) -> None:
    # PP 44/2015 Pasal 21 ayat (2): "paling lambat tanggal 15 bulan berikutnya"
    text = "\n".join(documents[kind])
    assert "paling lambat tanggal 15 bulan berikutnya" in text, kind
    assert "(lima belas)" not in text, kind
