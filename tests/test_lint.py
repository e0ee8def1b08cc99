"""The drafting lint: for every rule a violating draft, the exact message and the line it names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from perbup.base.errors import DataError
from perbup.base.formats import terbilang
from perbup.lint import run as lint_module
from perbup.lint.run import lint
from perbup.load.content import load_content
from tests.lint_draft import BASE, PP44, UU24, UUD, edit, line, run, with_ayat

ROOT = Path(__file__).resolve().parent.parent


def test_the_base_draft_is_clean(tmp_path: Path) -> None:
    assert run(BASE, tmp_path) == []


def test_the_seed_draft_has_only_the_deliberate_warnings(tmp_path: Path) -> None:
    path = ROOT / "seeds" / "content" / "perbup.yaml"
    content, warnings = load_content(path, "content/perbup.yaml")
    problems = lint(content, "content/perbup.yaml")
    # the title of the regent's siltap Perbup, which is not known here
    assert [w.message for w in warnings] == [
        "still a placeholder: [judul Peraturan Bupati Kupang yang menetapkan penghasilan tetap Kepala "
        "Desa dan Perangkat Desa]"]
    assert not [p for p in problems if p.is_error]
    text = path.read_text(encoding="utf-8")
    for problem in [*warnings, *problems]:
        # Each warning is about a citation left open, and a comment above it says why.
        assert re.fullmatch(r'mengingat item \d+ is unfinished: fill in the "…"|still a placeholder: .*',
                            problem.message)
        above = text.splitlines()[: problem.row][-8:]
        assert any(row.strip().startswith("#") for row in above), problem


def test_every_rule_is_documented() -> None:
    docs = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    for rule in (*lint_module.PERBUP_RULES, *lint_module.INSTRUKSI_RULES, *lint_module.RULES):
        assert f"`{rule.__name__}`" in docs, rule.__name__


# --- menimbang ------------------------------------------------------------------------------------

def test_menimbang_must_start_with_bahwa_and_end_with_semicolon(tmp_path: Path) -> None:
    text = edit("  - bahwa aparat desa perlu dilindungi;", "  - Bahwa aparat desa perlu dilindungi")
    row = line(text, "Bahwa aparat")
    assert run(text, tmp_path) == [(row, "error", 'menimbang item a must start with "bahwa"'),
                                   (row, "error", 'menimbang item a must end with ";"')]


def test_a_single_menimbang_must_be_the_executing_form(tmp_path: Path) -> None:
    single = edit("""  - >-
    bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan
    Peraturan Bupati tentang Kepesertaan Aparat Desa;
""", "")
    assert run(single, tmp_path) == [(4, "error", 'menimbang needs at least two items, or the single '
                                                  '"bahwa untuk melaksanakan ketentuan …" form')]
    executing = edit("bahwa aparat desa perlu dilindungi;",
                     "bahwa untuk melaksanakan ketentuan Pasal 5 ayat (2) Peraturan Pemerintah Nomor 44 "
                     "Tahun 2015, perlu menetapkan Peraturan Bupati tentang Kepesertaan Aparat Desa;",
                     single)
    assert run(executing, tmp_path) == []


def test_the_summing_up_formula_cites_every_letter_before_it(tmp_path: Path) -> None:
    text = edit("  - bahwa aparat desa perlu dilindungi;\n",
                "  - bahwa aparat desa perlu dilindungi;\n  - bahwa iuran dibayar dari APB Desa;\n")
    assert run(text, tmp_path) == [(6, "error", "the summing-up menimbang item cites huruf a; it must "
                                                "cite every item before it: huruf a dan huruf b")]


def test_the_last_menimbang_must_be_the_summing_up_formula(tmp_path: Path) -> None:
    text = edit("bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu",
                "bahwa oleh karena itu perlu")
    assert run(text, tmp_path) == [(5, "error", 'the last menimbang item must be the summing-up formula '
                                                '"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam '
                                                'huruf a …, perlu menetapkan Peraturan Bupati tentang …;"')]


def test_the_summing_up_formula_repeats_the_title(tmp_path: Path) -> None:
    text = edit("Peraturan Bupati tentang Kepesertaan Aparat Desa;", "Peraturan Bupati tentang Aparat Desa;")
    assert run(text, tmp_path) == [(5, "error", 'the last menimbang item names "Aparat Desa" but the '
                                                'title is "Kepesertaan Aparat Desa"')]


# --- mengingat ------------------------------------------------------------------------------------

def test_the_first_mengingat_is_pasal_18_ayat_6(tmp_path: Path) -> None:
    text = edit(f"  - {UUD};", "  - Pasal 18 Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;")
    assert run(text, tmp_path) == [(9, "error", f'the first mengingat item must be "{UUD};"')]


def test_mengingat_is_ordered_by_level_then_year_then_number(tmp_path: Path) -> None:
    text = edit(f"  - {UU24}.", f"  - {PP44};\n  - {UU24}.")
    assert run(text, tmp_path) == [(11, "error", "mengingat item 3 (UU 24/2011) must come before item 2 "
                                                 "(PP 44/2015)")]
    same_level = edit(f"  - {UU24}.", f"  - {UU24};\n  - {UU24.replace('24 Tahun 2011', '40 Tahun 2004')}.")
    assert run(same_level, tmp_path) == [(11, "error", "mengingat item 3 (UU 40/2004) must come before "
                                                       "item 2 (UU 24/2011)")]


def test_a_mengingat_of_unknown_kind_is_a_warning(tmp_path: Path) -> None:
    text = edit(f"  - {UU24}.", f"  - {UU24};\n  - Keputusan Bupati Kupang Nomor 5 Tahun 2020.")
    assert run(text, tmp_path) == [(11, "warning", "mengingat item 3: cannot tell which kind of regulation "
                                                   "this is")]


def test_mengingat_punctuation(tmp_path: Path) -> None:
    text = edit(f"  - {UUD};", f"  - {UUD}")
    text = edit(f"  - {UU24}.", f"  - {UU24};", text)
    assert run(text, tmp_path) == [(9, "error", 'mengingat item 1 must end with ";"'),
                                   (10, "error", 'the last mengingat item (2) must end with "."')]


def test_laws_cite_their_gazettes_and_so_do_their_amendments(tmp_path: Path) -> None:
    bare = edit(f"  - {UU24}.", "  - Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan "
                                "Sosial.")
    message = ("mengingat item 2 (UU 24/2011) must cite the Lembaran Negara and Tambahan Lembaran Negara "
               "of every act it names")
    assert run(bare, tmp_path) == [(10, "error", message)]
    amended = edit(f"  - {UU24}.", f"  - {UU24} sebagaimana telah diubah dengan Undang-Undang Nomor 1 "
                                   "Tahun 2025 tentang Perubahan atas Undang-Undang Nomor 24 Tahun 2011.")
    assert run(amended, tmp_path) == [(10, "error", message)]


def test_dots_in_a_gazette_reference_are_a_warning(tmp_path: Path) -> None:
    text = edit("Tahun 2011 Nomor 116", "Tahun 2011 Nomor …")
    assert run(text, tmp_path) == [(10, "warning", 'mengingat item 2 is unfinished: fill in the "…"')]


def test_an_instruksi_is_no_legal_basis(tmp_path: Path) -> None:
    text = edit(f"  - {UU24}.", "  - Instruksi Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan "
                                f"Program Jaminan Sosial Ketenagakerjaan;\n  - {UU24}.")
    assert run(text, tmp_path) == [(10, "error", "mengingat item 2 is an Instruksi or Surat Edaran, which "
                                                 "is not a legal basis")]


# --- structure ------------------------------------------------------------------------------------

def test_bab_i_is_ketentuan_umum_with_the_definitions_in_pasal_1(tmp_path: Path) -> None:
    text = edit("  - judul: Ketentuan Umum", "  - judul: Umum")
    assert run(text, tmp_path) == [(12, "error", 'BAB I must be "Ketentuan Umum"')]
    text = edit('      - teks: "Dalam Peraturan Bupati ini yang dimaksud dengan:"',
                '      - teks: "Istilah dalam Peraturan Bupati ini:"')
    # One mistake, one error: the definitions are still read as definitions.
    assert run(text, tmp_path) == [(14, "error", 'Pasal 1 must open with "Dalam Peraturan Bupati ini yang '
                                                 'dimaksud dengan:", not "Istilah dalam Peraturan Bupati '
                                                 'ini:"')]
    text = edit("          - Desa adalah desa di Kabupaten Kupang.\n", "")
    text = edit('      - teks: "Dalam Peraturan Bupati ini yang dimaksud dengan:"',
                '      - teks: "Peraturan Bupati ini mengatur:"', text)
    text = edit("- Aparat Desa adalah kepala Desa dan perangkat Desa.", "- kepesertaan.", text)
    assert run(text, tmp_path) == [(14, "error", 'Pasal 1 must hold the definitions: "Dalam Peraturan Bupati '
                                                 'ini yang dimaksud dengan:" and a numbered list')]
    text = edit("        penomoran: angka\n", "")
    assert run(text, tmp_path) == [(14, "error", "the definitions in Pasal 1 are numbered 1., 2., …")]


def test_the_last_bab_is_ketentuan_penutup_and_names_the_berita_daerah(tmp_path: Path) -> None:
    text = edit("  - judul: Ketentuan Penutup", "  - judul: Penutup")
    assert run(text, tmp_path) == [(33, "error", 'the last BAB must be "Ketentuan Penutup"')]
    message = ("the promulgation order must name the Berita Daerah (a Peraturan Bupati is not placed "
               "in the Lembaran Daerah)")
    text = edit("Berita Daerah Kabupaten", "Lembaran Daerah Kabupaten")
    assert run(text, tmp_path) == [(33, "error", message)]
    # Written as `penutup`, it is reported at its own line.
    written = BASE.replace("""Peraturan Bupati ini mulai berlaku pada tanggal diundangkan. Agar setiap orang
        mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan penempatannya dalam
        Berita Daerah Kabupaten Kupang.
""", "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.\n")
    written += ("penutup: Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini "
                "dengan penempatannya dalam Lembaran Daerah.\n")
    assert run(written, tmp_path) == [(line(written, "penutup:"), "error", message)]
    # Without one of its own the decree gets the standard order, which names the Berita Daerah.
    assert run(written.rsplit("penutup:", 1)[0], tmp_path) == []
    text = edit("mulai berlaku pada tanggal diundangkan", "berlaku sejak diundangkan")
    assert run(text, tmp_path) == [(33, "error", "Ketentuan Penutup must say when the regulation takes "
                                                 "effect")]


def test_an_empty_bab(tmp_path: Path) -> None:
    text = edit("  - judul: Ketentuan Penutup", "  - judul: Pendanaan\n    pasal: []\n"
                                                "  - judul: Ketentuan Penutup")
    assert run(text, tmp_path) == [(33, "error", 'BAB III "Pendanaan" has no pasal')]


def test_a_single_ayat_is_a_warning(tmp_path: Path) -> None:
    text = edit("""      - >-
        Rekapitulasi tercantum dalam [[lampiran]] yang merupakan bagian tidak terpisahkan dari
        Peraturan Bupati ini.""", """      - ayat:
          - Rekapitulasi tercantum dalam [[lampiran]] yang merupakan bagian dari Peraturan Bupati ini.""")
    assert run(text, tmp_path) == [(line(text, "      - ayat:\n          - Rekap"), "warning",
                                    "Pasal 3 has a single ayat; a lone ayat is not numbered")]


def test_the_title(tmp_path: Path) -> None:
    text = edit("judul: Kepesertaan Aparat Desa\n", "judul: Kepesertaan Aparat Desa.\n")
    assert (2, "error", "the title must not end with punctuation") in run(text, tmp_path)
    text = BASE.replace("Kepesertaan Aparat Desa", "KEPESERTAAN APARAT DESA")
    assert run(text, tmp_path) == [(2, "warning", 'write the title as it reads in a sentence '
                                                  '("Petunjuk Khusus …")')]


# --- terms and references -------------------------------------------------------------------------

def test_a_defined_term_never_used(tmp_path: Path) -> None:
    text = edit("          - Desa adalah", "          - Camat adalah camat.\n          - Desa adalah")
    assert run(text, tmp_path) == [(17, "warning", 'defined term "Camat" is not used anywhere else')]


def test_a_term_used_only_inside_a_longer_term_is_unused(tmp_path: Path) -> None:
    text = edit("Aparat Desa pada setiap Desa didaftarkan", "Aparat Desa didaftarkan")
    text = edit("kepala Desa dan perangkat Desa", "pejabat pemerintahan setempat", text)
    assert run(text, tmp_path) == [(17, "warning", 'defined term "Desa" is not used anywhere else')]


def test_a_short_form_is_the_term_to_use(tmp_path: Path) -> None:
    text = edit("          - Desa adalah", "          - Badan Penyelenggara Jaminan Sosial Ketenagakerjaan "
                                           "yang selanjutnya disebut BPJS adalah badan hukum publik.\n"
                                           "          - Desa adalah")
    assert run(text, tmp_path) == [(17, "warning", 'defined term "BPJS" is not used anywhere else')]


def test_a_capitalised_term_nobody_defined(tmp_path: Path) -> None:
    text = edit("Aparat Desa pada setiap Desa didaftarkan",
                "Aparat Desa pada setiap Desa didaftarkan oleh Pemerintah Desa dan Badan Permusyawaratan "
                "Desa, serta Perangkat Kampung,")
    at = line(text, "Aparat Desa pada setiap")
    assert run(text, tmp_path) == [
        (at, "warning", '"Badan Permusyawaratan Desa" is capitalised like a defined term, but Pasal 1 '
                        "does not define it"),
        (at, "warning", '"Perangkat Kampung" is capitalised like a defined term, but Pasal 1 does not '
                        "define it"),
    ]


def test_an_undefined_term_starting_a_sentence_is_still_found(tmp_path: Path) -> None:
    text = with_ayat("Badan Permusyawaratan Desa mengawasi pendaftaran.")
    assert run(text, tmp_path) == [(line(text, "Badan Perm"), "warning",
                                    '"Badan Permusyawaratan Desa" is capitalised like a defined term, '
                                    "but Pasal 1 does not define it")]


@pytest.mark.parametrize("sentence", [
    "Iuran dibayar paling lambat setiap bulan.",  # a sentence starts with a capital
    "Desa membayar sesuai dengan Peraturan Pemerintah Nomor 44 Tahun 2015 tentang Penyelenggaraan "
    "Program Jaminan Kecelakaan Kerja dan Jaminan Kematian.",  # the title of a cited act
    "Desa membayar dari kode rekening 5.1.3.03 Jaminan Ketenagakerjaan Kepala Desa.",  # an account
    'Desa mengisi formulir "Pendaftaran Peserta Baru" setiap bulan.',  # a quoted name
    "Desa melapor kepada Bupati setiap bulan Januari.",  # offices and months
    "Desa melapor tentang Kepesertaan Aparat Desa setiap bulan.",  # the regulation's own name
])
def test_capitals_that_are_not_undefined_terms(tmp_path: Path, sentence: str) -> None:
    assert run(with_ayat(sentence), tmp_path) == []


def test_a_reference_to_no_label_and_a_label_defined_twice(tmp_path: Path) -> None:
    text = edit("dimaksud pada [[batas]]", "dimaksud pada [[bats]]")
    assert run(text, tmp_path) == [(line(text, "[[bats]]"), "error", "reference [[bats]] names no label")]
    text = edit("      - label: pendaftaran", "      - label: batas")
    # both messages name the lines where the label is written
    # (the first one counts, so the reference now reads "pada Pasal 2", and says so)
    assert run(text, tmp_path) == [(line(text, "\n            label: batas") + 1, "error",
                                    f"label 'batas' is defined twice (first at line "
                                    f"{line(text, 'label: batas')})"),
                                   (line(text, "Pendaftaran sebagaimana"), "error",
                                    'write "sebagaimana dimaksud dalam Pasal 2": a Pasal or a Diktum is '
                                    'cited with "dalam"')]


def test_an_annex_reference_that_does_not_exist(tmp_path: Path) -> None:
    text = edit("[[lampiran]]", "[[lampiran]] dan [[lampiran:III]]")
    # A text written with ">-" starts on the line of its "- >-".
    assert run(text, tmp_path) == [(line(text, "      - >-\n        Rekapitulasi"), "error",
                                    "[[lampiran:III]]: there is only one annex")]


def test_an_annex_not_cited_in_the_body(tmp_path: Path) -> None:
    text = edit("dalam [[lampiran]]", "dalam lampiran")
    assert run(text, tmp_path) == [(line(text, "  - judul: Rekap"), "error",
                                    "Lampiran is not cited in the body")]
    two = edit("dalam [[lampiran]]", "dalam [[lampiran:I]]")
    two += "  - judul: Rekapitulasi per Jabatan\n    isi: rekap_jabatan\n"
    assert run(two, tmp_path) == [(line(two, "  - judul: Rekapitulasi per Jabatan"), "error",
                                   "Lampiran II is not cited in the body")]


# --- wording --------------------------------------------------------------------------------------

def test_tersebut_di_atas_and_berikut_ini(tmp_path: Path) -> None:
    text = edit("              - nama;", "              - nama tersebut di atas;")
    assert run(text, tmp_path) == [(line(text, "- nama"), "warning",
                                    'avoid "tersebut di atas": cite the Pasal, ayat or huruf')]
    text = edit("memuat:", "memuat berikut ini:")
    assert run(text, tmp_path) == [(line(text, "Pendaftaran sebagaimana"), "warning",
                                    'avoid "berikut ini": cite the Pasal, ayat or huruf')]


def test_limits_read_paling(tmp_path: Path) -> None:
    text = edit("paling lama 14", "selambat-lambatnya 14")
    assert run(text, tmp_path) == [(line(text, "Aparat Desa pada"), "warning",
                                    'write "paling lama" (a period) or "paling lambat" (a date) instead of '
                                    '"selambat-lambatnya"')]
    text = edit("paling lama 14", "sekurang-kurangnya 14")
    assert run(text, tmp_path) == [(line(text, "Aparat Desa pada"), "warning",
                                    'write "paling sedikit" instead of "sekurang-kurangnya"')]


@pytest.mark.parametrize(("written", "expected"), [
    ("14 (lima belas) hari kerja",
     [("error", '14 is written "lima belas" in words; it should read "empat belas"')]),
    ("14 hari kerja", [("warning", 'write the quantity 14 in words too: "14 (empat belas)"')]),
    ("14 (empat belas) hari kerja", []),
    ("1.250 (seribu dua ratus lima puluh) hari kerja", []),
    ("Rp13.104,00 (tiga belas ribu seratus empat rupiah) sebulan", []),
    ("Rp13.104,00 (tiga belas ribu rupiah) sebulan",
     [("error", 'Rp13.104,00 is written "tiga belas ribu rupiah" in words; it should read '
                '"tiga belas ribu seratus empat rupiah"')]),
    ("Rp 13.104 sebulan",
     [("warning", 'write the quantity Rp 13.104 in words too: "Rp 13.104 (tiga belas ribu seratus empat '
                  'rupiah)"')]),
    ("0,24% (nol koma dua puluh empat persen) dari upah", []),
    ("0,24% (nol koma dua empat persen) dari upah", []),
    ("0,30% (nol koma tiga persen) dari upah",
     [("error", '0,30% is written "nol koma tiga persen" in words; it should read "nol koma tiga nol '
                'persen"')]),
    ("sejak tahun 2021, sejak 30 Juni 2021, pada tanggal 15, menurut Pasal 81 ayat (2) Undang-Undang "
     "Nomor 6 Tahun 2014", []),
    ("menurut Peraturan Pemerintah Nomor 44 Tahun 2015 dengan kode rekening 5.1.3.03", []),
    ("{{ batas_hari_kerja }} hari kerja sejak [[batas]]", []),
])
def test_quantities_are_written_in_figures_and_words(tmp_path: Path, written: str,
                                                     expected: list[tuple[str, str]]) -> None:
    text = edit("paling lama 14 (empat belas) hari kerja.", f"paling lama {written}.")
    row = line(text, "Aparat Desa pada")
    assert run(text, tmp_path) == [(row, severity, message) for severity, message in expected]


def test_a_nik_in_the_text(tmp_path: Path) -> None:
    text = edit("              - nama;", "              - nama dan NIK 5301041203850001;")
    assert run(text, tmp_path) == [(line(text, "- nama"), "error", "a 16-digit number looks like a NIK: "
                                                                   "personal data does not belong in a "
                                                                   "regulation")]


# --- sentences and lists --------------------------------------------------------------------------

def test_an_ayat_ends_with_a_full_stop_and_a_list_intro_with_a_colon(tmp_path: Path) -> None:
    text = edit("14 (empat belas) hari kerja.", "14 (empat belas) hari kerja")
    assert run(text, tmp_path) == [(line(text, "Aparat Desa pada"), "error",
                                    'Pasal 2 ayat (1) must end with "."')]
    text = edit('"Pendaftaran sebagaimana dimaksud pada [[batas]] memuat:"',
                '"Pendaftaran sebagaimana dimaksud pada [[batas]] memuat"')
    assert run(text, tmp_path) == [(line(text, "Pendaftaran sebagaimana"), "error",
                                    'Pasal 2 ayat (2) introduces a list and must end with ":"')]


def test_list_items_end_with_semicolon_dan_and_full_stop(tmp_path: Path) -> None:
    text = edit("              - nama;\n              - jabatan; dan\n              - penghasilan.",
                "              - nama\n              - jabatan;\n              - penghasilan;")
    assert run(text, tmp_path) == [
        (line(text, "- nama"), "error", 'Pasal 2 ayat (2) huruf a must end with ";"'),
        (line(text, "- jabatan"), "error", 'Pasal 2 ayat (2) huruf b (the last but one) must end with '
                                           '"; dan", "; atau" or "; dan/atau"'),
        (line(text, "- penghasilan"), "error", 'Pasal 2 ayat (2) huruf c (the last) must end with "."')]


def test_a_nested_list_carries_its_parent_items_ending(tmp_path: Path) -> None:
    text = edit("              - penghasilan.", """              - teks: "penghasilan, yang terdiri atas:"
                daftar:
                  - siltap; dan
                  - tunjangan;""")
    assert run(text, tmp_path) == [(line(text, "- tunjangan"), "error",
                                    'Pasal 2 ayat (2) huruf c angka 2 (the last) must end with "."')]
    text = edit('"penghasilan, yang terdiri atas:"', '"penghasilan, yang terdiri atas"',
                text.replace("tunjangan;", "tunjangan."))
    assert run(text, tmp_path) == [(line(text, "- teks: \"penghasilan"), "error",
                                    'Pasal 2 ayat (2) huruf c introduces a list and must end with ":"')]


def test_definitions_end_with_a_full_stop(tmp_path: Path) -> None:
    text = edit("Desa adalah desa di Kabupaten Kupang.", "Desa adalah desa di Kabupaten Kupang;")
    # each definition ends with a full stop, wherever it stands: none of them is "the last"
    assert run(text, tmp_path) == [(17, "error", 'Pasal 1 angka 1 (a definition) must end with "."')]


def test_an_instruksi_is_checked_for_wording_not_for_a_perbup_skeleton(tmp_path: Path) -> None:
    text = """\
jenis: instruksi
judul: Percepatan Kepesertaan Aparat Desa
dalam_rangka: mempercepat kepesertaan aparat desa
kepada:
  - Camat se-Kabupaten Kupang;
  - Kepala Desa se-Kabupaten Kupang.
diktum:
  - Mendaftarkan aparat desa selambat-lambatnya 30 (tiga puluh) hari kerja.
  - Instruksi ini mulai berlaku pada tanggal dikeluarkan.
"""
    assert run(text, tmp_path) == [(8, "warning", 'write "paling lama" (a period) or "paling lambat" '
                                                  '(a date) instead of "selambat-lambatnya"')]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_any_quantity_written_with_its_words_passes(tmp_path_factory: pytest.TempPathFactory,
                                                    number: int) -> None:
    text = edit("paling lama 14 (empat belas) hari kerja.",
                f"paling lama {number:,} ({terbilang(number)}) hari kerja.".replace(",", "."))
    assert run(text, tmp_path_factory.mktemp("q")) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
def test_the_lint_survives_any_text_a_drafter_types(tmp_path_factory: pytest.TempPathFactory,
                                                    typed: str) -> None:
    # yaml.safe_dump quotes whatever needs quoting, so the file always parses.
    text = edit("      - >-\n        Rekapitulasi tercantum dalam [[lampiran]] yang merupakan bagian tidak "
                "terpisahkan dari\n        Peraturan Bupati ini.\n",
                "      - " + yaml.safe_dump(typed + " [[lampiran]].", width=10**6).splitlines()[0] + "\n")
    path = tmp_path_factory.mktemp("t") / "perbup.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        content, _ = load_content(path, "content/perbup.yaml")
    except DataError:
        return  # a template or reference syntax error, reported at its line
    assert all(p.file == "content/perbup.yaml" for p in lint(content, "content/perbup.yaml"))
