"""What drafters really get wrong: for each rule a realistic violating draft, its message and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint_draft import UU24, edit, line, run, with_ayat

REKAP = "Rekapitulasi tercantum dalam [[lampiran]]"
DALAM = 'a Pasal or a Diktum is cited with "dalam"'
PADA = 'an ayat of the same pasal is cited with "pada"'
PERMENDAGRI = ("Peraturan Menteri Dalam Negeri Nomor 84 Tahun 2015 tentang Susunan Organisasi dan Tata Kerja "
               "Pemerintah Desa")


def rekap(cites: str) -> str:
    """The draft with Pasal 3 (the one citing the annex) citing something by hand first."""
    return edit(REKAP, f"Rekapitulasi pendaftaran sebagaimana dimaksud dalam {cites} tercantum dalam "
                       "[[lampiran]]")


# --- references that point at nothing (rujukan_ada) -----------------------------------------------

@pytest.mark.parametrize(("cites", "message"), [
    ("Pasal 12", "Pasal 12 is cited, but there are 4 pasal"),
    ("Pasal 2 ayat (5)", "Pasal 2 ayat (5) is cited, but Pasal 2 has 2 ayat"),
    ("Pasal 2 ayat (1) dan ayat (3)", "Pasal 2 ayat (3) is cited, but Pasal 2 has 2 ayat"),
    ("Pasal 2 ayat (2) huruf e", "Pasal 2 ayat (2) huruf e is cited, but the list of Pasal 2 ayat (2) ends "
                                 "at huruf c"),
    ("Pasal 2 ayat (2) huruf a dan huruf d", "Pasal 2 ayat (2) huruf d is cited, but the list of Pasal 2 "
                                             "ayat (2) ends at huruf c"),
    ("Pasal 2 ayat (1) huruf a", "Pasal 2 ayat (1) huruf a is cited, but Pasal 2 ayat (1) has no list"),
    ("Pasal 1 angka 3", "Pasal 1 angka 3 is cited, but the list of Pasal 1 ends at angka 2"),
    ("Pasal 4 ayat (1)", "Pasal 4 ayat (1) is cited, but Pasal 4 has no ayat"),
    ("Pasal 2 sampai dengan Pasal 7", "Pasal 7 is cited, but there are 4 pasal"),
    ("Pasal 9 Peraturan Bupati ini", "Pasal 9 is cited, but there are 4 pasal"),
    # a number typed after a label is read as printed: [[pendaftaran]] is "Pasal 2"
    ("[[pendaftaran]] ayat (7)", "Pasal 2 ayat (7) is cited, but Pasal 2 has 2 ayat"),
])
def test_a_hand_typed_reference_to_nothing(tmp_path: Path, cites: str, message: str) -> None:
    text = rekap(cites)
    assert run(text, tmp_path) == [(line(text, "      - >-\n        Rekapitulasi"), "error", message)]


@pytest.mark.parametrize("cites", [
    "Pasal 2 ayat (2) huruf c", "Pasal 1 angka 2", "Pasal 2 dan Pasal 4", "[[pendaftaran]] ayat (2)",
    # another act's articles are that act's business
    "Pasal 90 ayat (2) Peraturan Pemerintah Nomor 16 Tahun 2026",
    "Pasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
])
def test_a_hand_typed_reference_that_exists_or_cites_another_act(tmp_path: Path, cites: str) -> None:
    assert run(rekap(cites), tmp_path) == []


def test_an_ayat_cited_within_its_own_pasal(tmp_path: Path) -> None:
    text = edit("dimaksud pada [[batas]] memuat", "dimaksud pada ayat (5) memuat")
    assert run(text, tmp_path) == [(line(text, "Pendaftaran sebagaimana"), "error",
                                    "ayat (5) is cited, but Pasal 2 has 2 ayat")]
    assert run(edit("dimaksud pada [[batas]] memuat", "dimaksud pada ayat (1) memuat"), tmp_path) == []


# --- "dalam" for a Pasal, "pada" for an ayat (rujukan_kata_depan) ---------------------------------

def test_pada_for_a_reference_across_pasal(tmp_path: Path) -> None:
    text = edit(REKAP, "Rekapitulasi pendaftaran sebagaimana dimaksud pada Pasal 2 tercantum dalam "
                       "[[lampiran]]")
    assert run(text, tmp_path) == [(line(text, "      - >-\n        Rekapitulasi"), "error",
                                    f'write "sebagaimana dimaksud dalam Pasal 2": {DALAM}')]


def test_a_label_that_reads_pasal_takes_dalam(tmp_path: Path) -> None:
    # [[batas]] is "ayat (1)" inside Pasal 2, but "Pasal 2 ayat (1)" from Pasal 3.
    text = edit(REKAP, "Rekapitulasi pendaftaran sebagaimana dimaksud pada [[batas]] tercantum dalam "
                       "[[lampiran]]")
    assert run(text, tmp_path) == [(line(text, "      - >-\n        Rekapitulasi"), "error",
                                    f'write "sebagaimana dimaksud dalam Pasal 2 ayat (1)": {DALAM}')]


def test_dalam_for_an_ayat_of_the_same_pasal(tmp_path: Path) -> None:
    text = edit("dimaksud pada [[batas]] memuat", "dimaksud dalam ayat (1) memuat")
    assert run(text, tmp_path) == [(line(text, "Pendaftaran sebagaimana"), "error",
                                    f'write "sebagaimana dimaksud pada ayat (1)": {PADA}')]


# --- defined terms (istilah_huruf_kecil, istilah_sebelum_definisi, definisi_urutan) ---------------

PESERTA = "          - Peserta adalah Aparat Desa yang didaftarkan.\n"


def test_a_defined_term_written_in_lower_case(tmp_path: Path) -> None:
    aparat = "          - Aparat Desa adalah kepala Desa dan perangkat Desa.\n"
    text = with_ayat("Data peserta dan Peserta dimutakhirkan setiap bulan.", edit(aparat, aparat + PESERTA))
    assert run(text, tmp_path) == [(line(text, "Data peserta"), "warning",
                                    '"peserta" is written in lower case, but Pasal 1 angka 3 defines '
                                    '"Peserta"')]


def test_a_longer_term_in_lower_case_is_named_once(tmp_path: Path) -> None:
    text = with_ayat("Pendaftaran diajukan oleh kepala desa kepada Bupati.", edit(
        "          - Aparat Desa adalah", "          - Kepala Desa adalah pemimpin Desa.\n          - Aparat "
                                        "Desa adalah"))
    text = edit("kepala Desa dan perangkat Desa", "Kepala Desa dan perangkat Desa", text)
    assert run(text, tmp_path) == [(line(text, "Pendaftaran diajukan"), "warning",
                                    '"kepala desa" is written in lower case, but Pasal 1 angka 2 defines '
                                    '"Kepala Desa"')]


def test_lower_case_that_is_not_the_defined_term(tmp_path: Path) -> None:
    # a term's own definition names the thing in ordinary words; UU 23/2014 writes "daerah otonom"
    text = edit("          - Desa adalah desa di Kabupaten Kupang.\n",
                "          - Desa adalah desa di Kabupaten Kupang.\n"
                "          - Daerah adalah Kabupaten Kupang sebagai daerah otonom.\n")
    text = with_ayat("Pendaftaran dilaporkan kepada kepala daerah di Daerah.", text)
    assert run(text, tmp_path) == []


def test_a_term_used_before_its_definition(tmp_path: Path) -> None:
    text = edit("          - Aparat Desa adalah kepala Desa dan perangkat Desa.\n",
                "          - Aparat Desa adalah kepala Desa dan perangkat Desa yang menerima Penghasilan "
                "Tetap.\n          - Penghasilan Tetap adalah penghasilan setiap bulan.\n")
    text = with_ayat("Penghasilan Tetap menjadi dasar iuran.", text)
    assert run(text, tmp_path) == [(line(text, "- Aparat Desa adalah"), "warning",
                                    'Pasal 1 angka 2 uses "Penghasilan Tetap" before angka 3 defines it')]


def test_definitions_that_lean_on_each_other_or_only_name_may_come_either_way(tmp_path: Path) -> None:
    text = edit("          - Desa adalah desa di Kabupaten Kupang.\n",
                "          - Pemerintah Daerah adalah Bupati dan perangkat Daerah.\n"
                "          - Bupati adalah Bupati Kupang.\n"
                "          - Daerah adalah Kabupaten Kupang.\n"
                "          - Kecamatan adalah wilayah kerja Camat.\n"
                "          - Camat adalah pemimpin Kecamatan.\n"
                "          - Desa adalah desa di Kabupaten Kupang.\n")
    text = with_ayat("Pemerintah Daerah, Bupati, dan Camat membina pendaftaran di setiap Kecamatan.", text)
    # Only the order of Daerah is wrong: Pemerintah Daerah is built on it.
    assert run(text, tmp_path) == [(line(text, "- Pemerintah Daerah adalah"), "warning",
                                    '"Pemerintah Daerah" (Pasal 1 angka 1) comes before "Daerah" (angka 3), '
                                    "the general term it is built on")]


def test_a_specific_term_before_the_general_one(tmp_path: Path) -> None:
    text = edit("          - Desa adalah desa di Kabupaten Kupang.\n          - Aparat Desa adalah kepala "
                "Desa dan perangkat Desa.\n",
                "          - Aparat Desa adalah kepala Desa dan perangkat Desa.\n"
                "          - Desa adalah desa di Kabupaten Kupang.\n")
    # (that it uses "Desa" before angka 2 defines it is the same mistake, said once)
    assert run(text, tmp_path) == [(line(text, "- Aparat Desa adalah"), "warning",
                                    '"Aparat Desa" (Pasal 1 angka 1) comes before "Desa" (angka 2), the '
                                    "general term it is built on")]


# --- wording (frasa_dan_atau, satu_kalimat) -------------------------------------------------------

@pytest.mark.parametrize("written", ["dan atau", "dan / atau", "atau/dan", "dan-atau"])
def test_dan_atau_as_drafters_mistype_it(tmp_path: Path, written: str) -> None:
    text = edit("              - jabatan; dan\n", f"              - jabatan {written} pangkat; dan\n")
    assert run(text, tmp_path) == [(line(text, "- jabatan"), "error", f'write "dan/atau", not "{written}"')]
    assert run(edit("              - jabatan; dan\n", "              - jabatan dan/atau pangkat; dan\n"),
               tmp_path) == []


def test_an_ayat_of_two_sentences(tmp_path: Path) -> None:
    first = "Aparat Desa pada setiap Desa didaftarkan paling lama 14 (empat belas) hari kerja."
    text = edit(first, f"{first} Pendaftaran dilakukan secara daring.")
    assert run(text, tmp_path) == [(line(text, "Aparat Desa pada"), "error",
                                    "Pasal 2 ayat (1) holds 2 sentences; an ayat is one sentence")]


def test_a_pasal_and_a_list_item_of_two_sentences(tmp_path: Path) -> None:
    text = edit("Peraturan Bupati ini.\n", "Peraturan Bupati ini. Rekapitulasi diperbarui setiap tahun.\n")
    text = edit("              - nama;", "              - nama. Nama ditulis lengkap;", text)
    assert run(text, tmp_path) == [
        (line(text, "- nama."), "error", "Pasal 2 ayat (2) huruf a holds 2 sentences; a list item goes on "
                                         "with the sentence of its list"),
        (line(text, "      - >-\n        Rekapitulasi"), "error",
         "Pasal 3 holds 2 sentences; a pasal without ayat is one sentence")]


@pytest.mark.parametrize("sentence", [
    "Iuran dibayar ke rekening a.n. Pemerintah Desa.",
    "Iuran sebesar Rp. 13.104 (tiga belas ribu seratus empat rupiah) dibayar oleh Desa.",
    'Desa mengisi formulir "Daftar. Nama" setiap bulan.',
    "Hasil pendaftaran dicatat dalam [[lampiran]]. Dokumen disimpan oleh Desa.",
])
def test_what_is_not_a_second_sentence(tmp_path: Path, sentence: str) -> None:
    problems = run(with_ayat(sentence), tmp_path)
    sentences = [p for p in problems if "sentences" in p[2]]
    # the last one has two, after a reference: a reference does not hide the full stop after it
    assert sentences == ([(line(with_ayat(sentence), "Hasil"), "error", "Pasal 2 ayat (3) holds 2 sentences; "
                                                                         "an ayat is one sentence")]
                         if sentence.startswith("Hasil") else [])


# --- the legal basis (mengingat_berita_negara, peraturan_dicabut) ---------------------------------

def test_a_ministerial_regulation_without_its_berita_negara(tmp_path: Path) -> None:
    text = edit(f"  - {UU24}.", f"  - {UU24};\n  - {PERMENDAGRI}.")
    message = ("mengingat item 3 (Permen 84/2015) must cite the Berita Negara of every act it names")
    assert run(text, tmp_path) == [(line(text, "  - Peraturan Menteri"), "error", message)]
    # (the number is left open, as the seed does until it is confirmed: that is a warning of its own)
    gazette = "(Berita Negara Republik Indonesia Tahun 2015 Nomor …)"
    unfinished = 'mengingat item 3 is unfinished: fill in the "…"'
    cited = edit(f"  - {UU24}.", f"  - {UU24};\n  - {PERMENDAGRI} {gazette}.")
    assert run(cited, tmp_path) == [(line(cited, "  - Peraturan Menteri"), "warning", unfinished)]
    # an amendment (here a made-up one) has a Berita Negara number of its own
    amended = edit(f"  - {UU24}.", f"  - {UU24};\n  - {PERMENDAGRI} {gazette} sebagaimana telah diubah "
                                   "dengan Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2099 tentang "
                                   "Perubahan atas Peraturan Menteri Dalam Negeri Nomor 84 Tahun 2015.")
    at = line(amended, "  - Peraturan Menteri")
    assert run(amended, tmp_path) == [(at, "error", message), (at, "warning", unfinished)]


PP43 = ("Peraturan Pemerintah Nomor 43 Tahun 2014 tentang Peraturan Pelaksanaan Undang-Undang Nomor 6 "
        "Tahun 2014 tentang Desa (Lembaran Negara Republik Indonesia Tahun 2014 Nomor 123, Tambahan "
        "Lembaran Negara Republik Indonesia Nomor 5539)")
PP11 = ("Peraturan Pemerintah Nomor 11 Tahun 2019 tentang Perubahan Kedua atas Peraturan Pemerintah Nomor "
        "43 Tahun 2014 (Lembaran Negara Republik Indonesia Tahun 2019 Nomor …, Tambahan Lembaran Negara "
        "Republik Indonesia Nomor …)")


def revoked(act: str) -> str:
    return f"{act} was revoked by Peraturan Pemerintah Nomor 16 Tahun 2026 (Pasal 187): cite that instead"


def test_a_revoked_act_in_mengingat_names_the_act_that_replaced_it(tmp_path: Path) -> None:
    text = edit(f"  - {UU24}.", f"  - {UU24};\n  - {PP43} sebagaimana telah beberapa kali diubah terakhir "
                                f"dengan {PP11}.")
    at = line(text, "  - Peraturan Pemerintah Nomor 43")
    assert run(text, tmp_path) == [(at, "warning", 'mengingat item 3 is unfinished: fill in the "…"'),
                                   (at, "error", revoked("Peraturan Pemerintah Nomor 43 Tahun 2014")),
                                   (at, "error", revoked("Peraturan Pemerintah Nomor 11 Tahun 2019"))]


def test_a_revoked_act_in_the_body_and_where_its_revocation_is_told(tmp_path: Path) -> None:
    text = with_ayat("Penghasilan tetap paling sedikit sebagaimana dimaksud dalam Peraturan Pemerintah "
                     "Nomor 47 Tahun 2015.")
    assert run(text, tmp_path) == [(line(text, "Penghasilan tetap"), "error",
                                    revoked("Peraturan Pemerintah Nomor 47 Tahun 2015"))]
    # the rules table dates each revocation: a decree signed before PP 16/2026 took effect may cite it
    signed = text + "penetapan:\n  tanggal: 2026-03-26\n"
    assert run(signed, tmp_path) == []
    assert run(signed.replace("2026-03-26", "2026-03-27"), tmp_path) == run(text, tmp_path)
    told = edit("  - bahwa aparat desa perlu dilindungi;",
                "  - bahwa Peraturan Pemerintah Nomor 43 Tahun 2014 telah dicabut;")
    assert run(told, tmp_path) == []


# --- when it takes effect (berlaku_diundangkan) ---------------------------------------------------

@pytest.mark.parametrize(("written", "message"), [
    ("mulai berlaku pada tanggal ditetapkan",
     "a Peraturan Bupati takes effect when it is promulgated, not when it is ditetapkan"),
    ("mulai berlaku sejak tanggal ditandatangani",
     "a Peraturan Bupati takes effect when it is promulgated, not when it is ditandatangani"),
    ("mulai berlaku efektif pada tanggal 1 Januari 2027",
     'do not write "berlaku efektif": a regulation takes effect on a date, or when it is promulgated'),
])
def test_a_perbup_takes_effect_when_promulgated(tmp_path: Path, written: str, message: str) -> None:
    text = edit("mulai berlaku pada tanggal diundangkan", written)
    assert run(text, tmp_path) == [(line(text, "      - >-\n        Peraturan Bupati ini mulai"), "error",
                                    message)]


def test_a_date_of_its_own_is_fine(tmp_path: Path) -> None:
    assert run(edit("mulai berlaku pada tanggal diundangkan", "mulai berlaku pada tanggal 1 Januari 2027"),
               tmp_path) == []


# --- the instruksi's own form (menimbang, berlaku_dikeluarkan, rujukan_ada) -----------------------

INSTRUKSI = """\
jenis: instruksi
judul: Percepatan Kepesertaan Aparat Desa
menimbang:
  - bahwa aparat desa perlu segera dilindungi;
  - >-
    bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu mengeluarkan Instruksi
    Bupati tentang Percepatan Kepesertaan Aparat Desa;
dalam_rangka: mempercepat kepesertaan aparat desa
kepada:
  - Camat se-Kabupaten Kupang; dan
  - Kepala Desa se-Kabupaten Kupang.
diktum:
  - label: daftar
    teks: Mendaftarkan aparat desa paling lama 30 (tiga puluh) hari kerja.
  - Melaporkan pendaftaran sebagaimana dimaksud dalam [[daftar]] kepada Bupati.
  - Instruksi Bupati ini mulai berlaku pada tanggal dikeluarkan.
"""


ISSUED = "Instruksi Bupati ini mulai berlaku pada tanggal dikeluarkan."


def test_the_instruksi_draft_is_clean(tmp_path: Path) -> None:
    assert run(INSTRUKSI, tmp_path) == []


def test_an_instruksi_menimbang_ends_by_issuing_the_instruksi(tmp_path: Path) -> None:
    text = edit("perlu mengeluarkan Instruksi\n    Bupati", "perlu menetapkan Peraturan\n    Bupati",
                INSTRUKSI)
    assert run(text, tmp_path) == [(5, "error", 'the last menimbang item must end with "perlu mengeluarkan '
                                                'Instruksi Bupati tentang Percepatan Kepesertaan Aparat '
                                                'Desa;"')]
    text = edit("  - bahwa aparat desa perlu segera dilindungi;\n",
                "  - Aparat desa perlu segera dilindungi\n", INSTRUKSI)
    assert run(text, tmp_path) == [(4, "error", 'menimbang item a must start with "bahwa"'),
                                   (4, "error", 'menimbang item a must end with ";"')]


def test_a_lone_consideration_carries_the_ending_itself(tmp_path: Path) -> None:
    lone = edit("""  - bahwa aparat desa perlu segera dilindungi;
  - >-
    bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu mengeluarkan Instruksi
""", """  - >-
    bahwa aparat desa perlu segera dilindungi, sehingga perlu mengeluarkan Instruksi
""", INSTRUKSI)
    assert run(lone, tmp_path) == []
    text = edit("""  - >-
    bahwa aparat desa perlu segera dilindungi, sehingga perlu mengeluarkan Instruksi
    Bupati tentang Percepatan Kepesertaan Aparat Desa;
""", "  - bahwa aparat desa perlu segera dilindungi;\n", lone)
    assert run(text, tmp_path) == [(4, "error", 'the last menimbang item must end with "perlu mengeluarkan '
                                                'Instruksi Bupati tentang Percepatan Kepesertaan Aparat '
                                                'Desa;"')]


@pytest.mark.parametrize(("last", "message"), [
    ("Instruksi Bupati ini mulai berlaku pada tanggal diundangkan.",
     "an instruksi is not diundangkan: it takes effect on the day it is issued (dikeluarkan)"),
    ("Melaksanakan Instruksi ini dengan penuh tanggung jawab.",
     "the last diktum must say when the instruksi takes effect"),
])
def test_the_last_diktum_says_it_takes_effect_when_issued(tmp_path: Path, last: str, message: str) -> None:
    text = edit(f"  - {ISSUED}\n", f"  - {last}\n", INSTRUKSI)
    assert run(text, tmp_path) == [(line(text, f"  - {last}"), "error", message)]


def test_only_the_last_diktum_says_when_it_takes_effect(tmp_path: Path) -> None:
    text = edit("  - Instruksi Bupati ini mulai berlaku pada tanggal dikeluarkan.\n",
                "  - Instruksi Bupati ini mulai berlaku pada tanggal dikeluarkan.\n"
                "  - Melaksanakan Instruksi ini dengan penuh tanggung jawab.\n", INSTRUKSI)
    assert run(text, tmp_path) == [
        (line(text, "  - Instruksi Bupati ini"), "error",
         "diktum KETIGA says when the instruksi takes effect: that is the last diktum's place"),
        (line(text, "  - Melaksanakan Instruksi"), "error",
         "the last diktum must say when the instruksi takes effect")]


def test_an_instruksi_cites_a_diktum_that_exists(tmp_path: Path) -> None:
    text = edit("dimaksud dalam [[daftar]]", "dimaksud dalam Diktum KEEMPAT", INSTRUKSI)
    assert run(text, tmp_path) == [(line(text, "  - Melaporkan"), "error",
                                    "Diktum KEEMPAT is cited, but there are 3 diktum")]
    text = edit("sebagaimana dimaksud dalam [[daftar]]", "sebagaimana dimaksud pada [[daftar]]", INSTRUKSI)
    assert run(text, tmp_path) == [(line(text, "  - Melaporkan"), "error",
                                    f'write "sebagaimana dimaksud dalam Diktum KESATU": {DALAM}')]
