"""perbup decree --perubahan: the amending regulation, Pasal I in Lampiran II's formulas, Pasal II."""

from __future__ import annotations

from pathlib import Path

import docx

from perbup.compute.perubahan import Amandemen, draft
from perbup.compute.revisi import compare
from perbup.load.content import Content, load_content
from tests.helpers import ready_seeds, run
from tests.test_diff import OLD, seed_versions

DATA = {"kepala_upper": "BUPATI KUPANG", "kabupaten": "Kabupaten Kupang", "tahun": 2027}
PROMULGATED = 'nomor: "3"\ntahun: 2026\npengundangan:\n  tanggal: 2026-07-01\n  nomor: "5"\n'
CITED = ("Peraturan Bupati Kupang Nomor 3 Tahun 2026 tentang Contoh Pengaturan (Berita Daerah "
         "Kabupaten Kupang Tahun 2026 Nomor 5)")


def _content(text: str) -> Content:
    return load_content(Path("x.yaml"), "x.yaml", text.encode())[0]


def amend(new: str, old: str = OLD + PROMULGATED) -> Amandemen:
    before, after = _content(old), _content(new)
    return draft(before, after, compare(before, after, "old.yaml", "new.yaml"), DATA, "old.yaml",
                 "new.yaml")


def pasal_i(new: str, old: str = OLD + PROMULGATED) -> list[str]:
    """The body as lines: number and text, from Pasal I on."""
    amendment = amend(new, old)
    assert [p for p in amendment.problems if p.is_error] == []
    blocks, problems = amendment.blocks(DATA, "new.yaml")
    assert problems == []
    return [f"{b.nomor} {b.teks}".strip() for b in blocks]


def test_changed_ayat_take_their_formula_and_the_pasal_is_quoted_whole() -> None:
    new = OLD.replace("Ayat pertama pasal dua.", "Ayat pertama pasal dua diubah.").replace(
        "huruf kedua.", "huruf kedua diubah.")
    assert pasal_i(new) == [
        "Pasal I",
        f"Ketentuan ayat (1) dan ayat (2) Pasal 2 dalam {CITED} diubah sehingga Pasal 2 berbunyi "
        "sebagai berikut:",
        "Pasal 2", "(1) Ayat pertama pasal dua diubah.", "(2) Ayat kedua pasal dua memuat:",
        "a. huruf pertama;", "b. huruf kedua diubah.",
        "Pasal II", "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan."]


def test_an_inserted_ayat_takes_a_letter_and_a_deleted_one_keeps_its_place() -> None:
    inserted = OLD.replace("          - Ayat pertama pasal dua.\n",
                           "          - Ayat pertama pasal dua.\n          - Ayat sisipan.\n")
    assert pasal_i(inserted)[1:4] == [
        f"Di antara ayat (1) dan ayat (2) Pasal 2 dalam {CITED} disisipkan 1 (satu) ayat, yakni "
        "ayat (1a) sehingga Pasal 2 berbunyi sebagai berikut:",
        "Pasal 2", "(1) Ayat pertama pasal dua."]
    assert pasal_i(inserted)[4] == "(1a) Ayat sisipan."
    deleted = OLD.replace("          - Ayat pertama pasal dua.\n", "")
    assert pasal_i(deleted)[1:4] == [
        f"Pasal 2 ayat (1) dalam {CITED} dihapus sehingga Pasal 2 berbunyi sebagai berikut:",
        "Pasal 2", "(1) Dihapus."]


def test_an_ayat_after_the_last_takes_the_next_number() -> None:
    new = OLD.replace("              - huruf kedua.\n",
                      "              - huruf kedua.\n          - Ayat ketiga yang baru.\n")
    lines = pasal_i(new)
    assert lines[1] == (f"Setelah ayat (2) Pasal 2 dalam {CITED} ditambahkan 1 (satu) ayat, yakni "
                        "ayat (3) sehingga Pasal 2 berbunyi sebagai berikut:")
    assert lines[-3] == "(3) Ayat ketiga yang baru."


def test_several_changes_are_numbered_and_inserted_pasal_take_letters() -> None:
    new = (OLD.replace("      - Pasal satu berbunyi begini.\n",
                       "      - Pasal satu berbunyi begini.\n      - Pasal sisipan pertama.\n"
                       "      - Pasal sisipan kedua merujuk [[dua]].\n")
           .replace("      - Pasal tiga mengatur hal yang lain sama sekali.\n", "")
           .replace("Pasal satu berbunyi begini.", "Pasal satu berbunyi lain."))
    assert pasal_i(new) == [
        "Pasal I",
        f"Beberapa ketentuan dalam {CITED} diubah sebagai berikut:",
        "1. Ketentuan Pasal 1 diubah sehingga berbunyi sebagai berikut:",
        "Pasal 1", "Pasal satu berbunyi lain.",
        "2. Di antara Pasal 1 dan Pasal 2 disisipkan 2 (dua) pasal, yakni Pasal 1A dan Pasal 1B "
        "sehingga berbunyi sebagai berikut:",
        "Pasal 1A", "Pasal sisipan pertama.", "Pasal 1B", "Pasal sisipan kedua merujuk Pasal 2.",
        "3. Pasal 3 dihapus.",
        "Pasal II", "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan."]


def test_one_change_names_the_regulation_in_its_formula() -> None:
    deleted = OLD.replace("      - Pasal tiga mengatur hal yang lain sama sekali.\n", "")
    assert pasal_i(deleted)[1] == f"Pasal 3 dalam {CITED} dihapus."
    appended = OLD + "      - Pasal baru setelah yang terakhir.\n"
    assert pasal_i(appended)[1:4] == [
        f"Setelah Pasal 4 dalam {CITED} ditambahkan 1 (satu) pasal, yakni Pasal 5 sehingga berbunyi "
        "sebagai berikut:", "Pasal 5", "Pasal baru setelah yang terakhir."]
    first = amend(OLD.replace("    pasal:\n      - Pasal satu berbunyi begini.\n",
                              "    pasal:\n      - Pasal paling depan.\n"
                              "      - Pasal satu berbunyi begini.\n"))
    assert [p.message for p in first.problems] == [
        "Pasal 1 is inserted before Pasal 1: an amendment cannot number it without renumbering every "
        "pasal"]


def test_references_keep_the_amended_regulations_numbers() -> None:
    # In the new content the closing pasal cites [[dua]], which is its Pasal 3 there; amended,
    # nothing is renumbered, so it stays Pasal 2, and the changed closing pasal says so.
    new = (OLD.replace("      - Pasal satu berbunyi begini.\n",
                       "      - Pasal satu berbunyi begini.\n      - Pasal sisipan.\n")
           .replace("diundangkan sebagaimana [[dua]].", "diundangkan menurut [[dua]]."))
    lines = pasal_i(new)
    assert lines[-4:-2] == ["Pasal 4", "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan "
                                       "menurut Pasal 2."]


def test_list_items_inserted_and_deleted() -> None:
    inserted = OLD.replace("              - huruf pertama;\n",
                           "              - huruf pertama;\n              - ketentuan lain sama sekali;\n")
    # Only ayat (2) changed, its list: the formula names the ayat, and the pasal is quoted whole.
    assert pasal_i(inserted)[1:] == [
        f"Ketentuan ayat (2) Pasal 2 dalam {CITED} diubah sehingga Pasal 2 berbunyi sebagai berikut:",
        "Pasal 2", "(1) Ayat pertama pasal dua.", "(2) Ayat kedua pasal dua memuat:",
        "a. huruf pertama;", "a1. ketentuan lain sama sekali;", "b. huruf kedua.",
        "Pasal II", "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan."]
    deleted = OLD.replace("              - huruf pertama;\n", "")
    assert pasal_i(deleted)[5:7] == ["a. dihapus;", "b. huruf kedua."]
    appended = OLD.replace("              - huruf kedua.\n",
                           "              - huruf kedua; dan\n              - ketentuan lain sama sekali.\n")
    assert pasal_i(appended)[6:8] == ["b. huruf kedua; dan", "c. ketentuan lain sama sekali."]


def test_the_amendments_own_parts() -> None:
    amendment = amend(OLD.replace("Ayat pertama pasal dua.", "Ayat kesatu pasal dua."))
    content = amendment.content
    assert content.judul == ("Perubahan atas Peraturan Bupati Kupang Nomor 3 Tahun 2026 tentang "
                             "Contoh Pengaturan")
    assert [t.teks for t in content.menimbang] == [
        "bahwa untuk [alasan perubahan], Peraturan Bupati Kupang Nomor 3 Tahun 2026 tentang Contoh "
        "Pengaturan perlu diubah;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
        "Peraturan Bupati tentang Perubahan atas Peraturan Bupati Kupang Nomor 3 Tahun 2026 tentang "
        "Contoh Pengaturan;"]
    assert [t.teks for t in content.mengingat] == [
        "Pasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;", f"{CITED}."]
    assert [(p.row, p.message) for p in amendment.unfilled] == [
        (2, "the amending regulation gives no reason of its own: its first consideration still "
            "reads [alasan perubahan]")]


def test_its_own_considerations_number_and_year_come_from_the_content() -> None:
    own = ('perubahan:\n  nomor: "9"\n  tahun: 2027\n  menimbang:\n    - bahwa alasannya begini;\n'
           "    - bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu "
           "menetapkan Peraturan Bupati tentang Perubahan atas Peraturan Bupati Kupang Nomor 3 "
           "Tahun 2026 tentang Contoh Pengaturan;\n")
    amendment = amend(OLD.replace("Ayat pertama pasal dua.", "Ayat kesatu pasal dua.") + own)
    assert (amendment.content.nomor, amendment.content.tahun) == ("9", 2027)
    assert amendment.content.menimbang[0].teks == "bahwa alasannya begini;"
    assert amendment.unfilled == []


def test_what_it_cannot_draft_is_an_error() -> None:
    renamed = amend(OLD.replace("judul: Ketentuan Umum", "judul: Ketentuan Umum Baru Sekali"))
    assert [(p.severity, p.message) for p in renamed.problems] == [
        ("error", "BAB I: changed; perbup drafts an amendment of pasal, ayat and list items only, "
                  "not of the judul, a BAB, Bagian, Paragraf or annex, nor a unit moved")]
    same = amend(OLD)
    assert [p.message for p in same.problems] == [
        "nothing to amend: no pasal, ayat or list item differs from old.yaml"]
    unnumbered = amend(OLD.replace("Ayat pertama", "Ayat kesatu"), old=OLD)
    assert unnumbered.problems[0].message == ("the regulation to amend has no number and year: set "
                                              "its 'nomor' and 'tahun' as promulgated")
    first = amend(OLD.replace("          - Ayat pertama pasal dua.\n",
                              "          - Ayat sebelum semuanya.\n          - Ayat pertama pasal dua.\n"))
    assert [p.message for p in first.problems] == [
        "Pasal 2 ayat (1) is inserted before the first ayat of its list: an amendment cannot number "
        "it without renumbering"]


def test_a_reworded_menimbang_of_the_amended_regulation_is_left_out_with_a_warning() -> None:
    amendment = amend(OLD.replace("bahwa kedua;", "bahwa kedua diubah;").replace("Ayat pertama",
                                                                                 "Ayat kesatu"))
    assert [(p.severity, p.row, p.message) for p in amendment.problems] == [
        ("warning", 5, "Menimbang huruf b is changed, but an amendment does not change the "
                       "considerations or the closing of the regulation it amends")]


# --- through the command, on the seed workspace ------------------------------------------------

def _workspace(tmp_path: Path) -> Path:
    root = ready_seeds(tmp_path / "ws")
    old, new = seed_versions()
    old = old.replace('nomor: "…"        # the legal bureau', 'nomor: "3"        # the legal bureau', 1)
    old = old.replace('pengundangan:\n  tanggal:\n  nomor: "…"',
                      'pengundangan:\n  tanggal: 2026-07-01\n  nomor: "3"')
    (root / "arsip").mkdir()
    (root / "arsip" / "perbup-2026-3.yaml").write_text(old, encoding="utf-8")
    (root / "content" / "perbup.yaml").write_text(new, encoding="utf-8")
    return root


def test_the_seed_amendment_holds_the_three_formulas_and_pasal_7a(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    result = run("decree", "-w", root, "--perubahan", root / "arsip" / "perbup-2026-3.yaml",
                 "-o", tmp_path / "out")
    assert result.code == 0, result.stderr
    assert result.lines[-1] == ("wrote " + str(tmp_path / "out" / "decree" / "perbup-perubahan-draft.docx")
                                + " (draft marked KONSEP; 3 perubahan in Pasal I, 0 lampiran)")
    assert ("content/perbup.yaml:9: warning: the amending regulation gives no reason of its own: its "
            "first consideration still reads [alasan perubahan]") in result.stderr
    document = docx.Document(str(tmp_path / "out" / "decree" / "perbup-perubahan-draft.docx"))
    body = [p.text for p in document.paragraphs]
    start, end = body.index("Pasal I"), body.index("Pasal II")
    cited = ("Peraturan Bupati Kupang Nomor 3 Tahun 2026 tentang Petunjuk Khusus Kepesertaan Aparat "
             "Desa dalam Program Jaminan Sosial Ketenagakerjaan (Berita Daerah Kabupaten Kupang Tahun "
             "2026 Nomor 3)")
    assert body[start:end + 3] == [
        "Pasal I",
        f"Beberapa ketentuan dalam {cited} diubah sebagai berikut:",
        "1.\tKetentuan ayat (3) Pasal 7 diubah sehingga Pasal 7 berbunyi sebagai berikut:",
        "Pasal 7",
        "(1)\tKepala Desa mendaftarkan Aparat Desa yang belum menjadi Peserta kepada BPJS "
        "Ketenagakerjaan Kantor Cabang Kupang paling lama 30 (tiga puluh) hari kerja sejak "
        "Peraturan Bupati ini diundangkan.",
        "(2)\tPendaftaran sebagaimana dimaksud pada ayat (1) dilakukan dengan menyampaikan:",
        "a.\tdaftar nama Aparat Desa beserta nomor induk kependudukan, jabatan, dan Penghasilan "
        "Tetap masing-masing;",
        "b.\tsalinan keputusan pengangkatan Aparat Desa; dan",
        "c.\tbukti penganggaran Iuran dalam APB Desa.",
        "(3)\tAparat Desa yang diangkat setelah Peraturan Bupati ini diundangkan didaftarkan paling "
        "lama 14 (empat belas) hari kerja sejak tanggal pengangkatan.",
        "(4)\tIuran dibayarkan setiap bulan kepada BPJS Ketenagakerjaan paling lambat tanggal 15 "
        "bulan berikutnya.",
        "2.\tDi antara Pasal 7 dan Pasal 8 disisipkan 1 (satu) pasal, yakni Pasal 7A sehingga "
        "berbunyi sebagai berikut:",
        "Pasal 7A",
        "Kepala Desa yang tidak mendaftarkan Aparat Desa dalam batas waktu sebagaimana dimaksud "
        "dalam Pasal 7 ayat (1) diberi teguran tertulis oleh Camat.",
        "3.\tPasal 9 dihapus.",
        "Pasal II",
        "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
        # the standard promulgation order, worded where a Perbup's is (numbering.build_decree)
        "Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan "
        "penempatannya dalam Berita Daerah Kabupaten Kupang."]
    title = " ".join(body[body.index("TENTANG") + 1:body.index("DENGAN RAHMAT TUHAN YANG MAHA ESA")])
    assert " ".join(title.split()) == ("PERUBAHAN ATAS PERATURAN BUPATI KUPANG NOMOR 3 TAHUN 2026 "
                                       "TENTANG PETUNJUK KHUSUS KEPESERTAAN APARAT DESA DALAM PROGRAM "
                                       "JAMINAN SOSIAL KETENAGAKERJAAN")


def test_a_final_copy_refuses_the_missing_reason(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    result = run("decree", "-w", root, "--perubahan", root / "arsip" / "perbup-2026-3.yaml",
                 "-o", tmp_path / "out", "--final")
    assert result.code == 1
    # Said together with what the content still leaves to fill in.
    assert ("content/perbup.yaml:9: error: the amending regulation gives no reason of its own: its "
            "first consideration still reads [alasan perubahan]") in result.stderr
    assert 'content/perbup.yaml:116: error: mengingat item 11 is unfinished: fill in the "…"' in result.stderr
    assert not (tmp_path / "out" / "decree").exists()


def test_its_own_considerations_are_linted(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    path = root / "content" / "perbup.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    own = ["perubahan:", "  menimbang:", "    - karena perlu;"]
    path.write_text("\n".join([*lines, *own]) + "\n", encoding="utf-8")
    result = run("decree", "-w", root, "--perubahan", root / "arsip" / "perbup-2026-3.yaml",
                 "-o", tmp_path / "out")
    assert result.code == 1
    row = len(lines) + 3
    assert f'content/perbup.yaml:{row}: error: menimbang item a must start with "bahwa"' in result.stderr
    assert (f"content/perbup.yaml:{row}: error: menimbang needs at least two items, or the single "
            '"bahwa untuk melaksanakan ketentuan …" form') in result.stderr


def test_perubahan_is_for_a_perbup_and_needs_its_file(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    wrong = run("decree", "-w", root, "--jenis", "instruksi", "--perubahan", root / "arsip" / "x.yaml")
    assert (wrong.code, wrong.stderr) == (
        2, "perbup: error: --perubahan drafts the amendment of a Peraturan Bupati: leave out --jenis\n")
    missing = run("decree", "-w", root, "--perubahan", root / "arsip" / "x.yaml", "-o", tmp_path / "o")
    assert missing.code == 1
    assert f"{root / 'arsip' / 'x.yaml'}: error: no such file" in missing.stderr
