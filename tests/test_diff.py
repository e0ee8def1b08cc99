"""perbup diff: changes in legal units, the matriks perubahan and the redline's tracked changes."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import zipfile
from pathlib import Path

import click
import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from perbup.cli.diff import report
from perbup.compute.revisi import compare, word_diff
from perbup.documents.redline import Marks, redline
from perbup.docx.office import convert_to_pdf
from perbup.docx.package import Properties
from perbup.load.content import load_content
from tests.helpers import SEEDS, run
from tests.test_office import office, pdftotext

__all__ = ["office"]  # the fixture: LibreOffice, skipped without it except in CI

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

OLD = """\
jenis: perbup
judul: Contoh Pengaturan
menimbang:
  - bahwa pertama;
  - bahwa kedua;
mengingat:
  - Pasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945.
bab:
  - judul: Ketentuan Umum
    pasal:
      - Pasal satu berbunyi begini.
      - label: dua
        ayat:
          - Ayat pertama pasal dua.
          - teks: "Ayat kedua pasal dua memuat:"
            daftar:
              - huruf pertama;
              - huruf kedua.
      - Pasal tiga mengatur hal yang lain sama sekali.
  - judul: Ketentuan Penutup
    pasal:
      - Peraturan Bupati ini mulai berlaku pada tanggal diundangkan sebagaimana [[dua]].
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def revision_of(old: str, new: str):  # type: ignore[no-untyped-def]
    return compare(_content(old), _content(new), "old.yaml", "new.yaml")


def _content(text: str):  # type: ignore[no-untyped-def]
    return load_content(Path("x.yaml"), "x.yaml", text.encode())[0]


def summary(old: str, new: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(c.kind, c.old, c.new, c.after) for c in revision_of(old, new).changes]


# --- the seed content, as the acceptance test describes it ----------------------------

def seed_versions() -> tuple[str, str]:
    """The seed content, and a second version with one ayat changed, a Pasal inserted after
    Pasal 7, a Pasal deleted and a Menimbang item reworded."""
    old = (SEEDS / "content" / "perbup.yaml").read_text(encoding="utf-8")
    new = old
    for before, after in (
            ("lama 30 (tiga puluh) hari sejak tanggal pengangkatan.",
             "lama 14 (empat belas) hari kerja sejak tanggal pengangkatan."),
            ("pemerintah desa memerlukan petunjuk khusus", "pemerintah desa perlu diberi petunjuk khusus"),
            ("paling lambat\n            {{ jatuh_tempo }}.\n",
             "paling lambat\n            {{ jatuh_tempo }}.\n"
             "      - >-\n"
             "        Kepala Desa yang tidak mendaftarkan Aparat Desa dalam batas waktu sebagaimana\n"
             "        dimaksud dalam [[batas-daftar]] diberi teguran tertulis oleh Camat.\n")):
        assert before in new, before
        new = new.replace(before, after)
    start, end = new.index('      - teks: "Kepala Desa bertugas:"'), new.index("  - judul: Pelaporan")
    return old, new[:start] + new[end:]


def test_the_seed_revision_is_exactly_its_four_changes(tmp_path: Path) -> None:
    old, new = seed_versions()
    result = run("diff", write(tmp_path, "v1.yaml", old), write(tmp_path, "v2.yaml", new))
    assert result.code == 0, result.stderr
    assert result.stdout == (
        "Menimbang huruf d: changed\n"
        "  bahwa dari {{ jumlah_desa | angka }} desa di {{ kabupaten }}, aparat desa yang seluruhnya "
        "terdaftar dalam program jaminan sosial ketenagakerjaan baru terdapat pada "
        "{{ jumlah_desa_terdaftar | angka }} desa, sehingga pemerintah desa [-memerlukan-] "
        "{+perlu diberi+} petunjuk khusus untuk mendaftarkan dan membiayai kepesertaan aparat desa;\n"
        "Pasal 7 ayat (3): changed\n"
        "  Aparat Desa yang diangkat setelah Peraturan Bupati ini diundangkan didaftarkan paling "
        "lama [-30 (tiga puluh)-] {+14 (empat belas)+} hari {+kerja+} sejak tanggal pengangkatan.\n"
        "Pasal 8: inserted after Pasal 7\n"
        "  + Pasal 8\n"
        "  + Kepala Desa yang tidak mendaftarkan Aparat Desa dalam batas waktu sebagaimana dimaksud "
        "dalam Pasal 7 ayat (1) diberi teguran tertulis oleh Camat.\n"
        "Pasal 9: deleted (it followed Pasal 8)\n"
        "  - Pasal 9\n"
        "  - Kepala Desa bertugas:\n"
        "  -   a. menganggarkan Iuran dalam APB Desa;\n"
        "  -   b. mendaftarkan Aparat Desa sesuai dengan tata cara sebagaimana dimaksud dalam Pasal 7;\n"
        "  -   c. membayar Iuran setiap bulan tepat waktu; dan\n"
        "  -   d. melaporkan perubahan data Peserta kepada BPJS Ketenagakerjaan.\n"
        "renumbered: Pasal 8 → Pasal 9\n"
        "4 changes: 2 changed, 1 inserted, 1 deleted; 1 unit(s) renumbered\n")
    assert result.stderr == ""


def test_json_gives_the_same_changes_with_their_words(tmp_path: Path) -> None:
    old, new = seed_versions()
    result = run("diff", "--format", "json", write(tmp_path, "v1.yaml", old),
                 write(tmp_path, "v2.yaml", new))
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(c["kind"], c["unit"], c["old"], c["new"]) for c in data["changes"]] == [
        ("changed", "menimbang", "Menimbang huruf d", "Menimbang huruf d"),
        ("changed", "ayat", "Pasal 7 ayat (3)", "Pasal 7 ayat (3)"),
        ("inserted", "pasal", None, "Pasal 8"),
        ("deleted", "pasal", "Pasal 9", None)]
    assert [w for w in data["changes"][1]["words"] if w["op"] != "equal"] == [
        {"op": "delete", "text": "30 (tiga puluh) "}, {"op": "insert", "text": "14 (empat belas) "},
        {"op": "insert", "text": "kerja "}]
    assert data["renumbered"] == [{"unit": "pasal", "old": "Pasal 8", "new": "Pasal 9"}]
    assert data["old"].endswith("v1.yaml") and data["new"].endswith("v2.yaml")


# --- matching -----------------------------------------------------------------------------------

def test_identical_versions_have_no_changes() -> None:
    revision = revision_of(OLD, OLD)
    assert revision.changes == [] and revision.renumbered == []


def test_a_reworded_unit_is_changed_not_deleted_and_added() -> None:
    new = OLD.replace("Ayat pertama pasal dua.", "Ayat pertama dari pasal dua diubah.")
    assert summary(OLD, new) == [("changed", "Pasal 2 ayat (1)", "Pasal 2 ayat (1)", None)]


def test_a_labelled_unit_is_the_same_unit_however_much_it_is_rewritten() -> None:
    labelled = OLD.replace("          - Ayat pertama pasal dua.\n",
                           "          - teks: Ayat pertama pasal dua.\n            label: satu\n")
    new = labelled.replace("teks: Ayat pertama pasal dua.", "teks: Sesuatu yang lain seluruhnya.")
    assert summary(labelled, new) == [("changed", "Pasal 2 ayat (1)", "Pasal 2 ayat (1)", None)]
    unlabelled = OLD.replace("Ayat pertama pasal dua.", "Sesuatu yang lain seluruhnya.")
    assert summary(OLD, unlabelled) == [("deleted", "Pasal 2 ayat (1)", None, None),
                                        ("inserted", None, "Pasal 2 ayat (1)", None)]


def test_a_unit_that_swapped_places_is_moved() -> None:
    new = OLD.replace("              - huruf pertama;\n              - huruf kedua.\n",
                      "              - huruf kedua.\n              - huruf pertama;\n")
    revision = revision_of(OLD, new)
    # Of two units that swapped places one kept its order against the rest, and one moved.
    assert [(c.kind, c.old, c.new, c.after) for c in revision.changes] == [
        ("moved", "Pasal 2 ayat (2) huruf a", "Pasal 2 ayat (2) huruf b", "Pasal 2 ayat (2) huruf a")]
    assert [(r.old, r.new) for r in revision.renumbered] == [("Pasal 2 ayat (2) huruf b",
                                                              "Pasal 2 ayat (2) huruf a")]


def test_a_pasal_moved_to_another_bab_is_moved_and_the_rest_renumbered() -> None:
    new = OLD.replace("      - Pasal tiga mengatur hal yang lain sama sekali.\n", "").replace(
        "    pasal:\n      - Peraturan Bupati ini",
        "    pasal:\n      - Pasal tiga mengatur hal yang lain sama sekali.\n      - Peraturan Bupati ini")
    revision = revision_of(OLD, new)
    assert [(c.kind, c.old, c.new, c.after) for c in revision.changes] == [
        ("moved", "Pasal 3", "Pasal 3", "Pasal 2")]
    assert revision.renumbered == []


def test_an_inserted_menimbang_item_renumbers_the_one_after_it() -> None:
    new = OLD.replace("  - bahwa kedua;\n", "  - bahwa sisipan baru di tengah;\n  - bahwa kedua;\n")
    revision = revision_of(OLD, new)
    assert [(c.kind, c.new, c.after) for c in revision.changes] == [
        ("inserted", "Menimbang huruf b", "Menimbang huruf a")]
    assert [(r.old, r.new) for r in revision.renumbered] == [("Menimbang huruf b", "Menimbang huruf c")]


def test_a_reference_renumbered_by_an_insertion_is_no_change_of_its_own() -> None:
    new = OLD.replace("      - Pasal satu berbunyi begini.\n",
                      "      - Pasal satu berbunyi begini.\n      - Pasal baru yang disisipkan.\n")
    revision = revision_of(OLD, new)
    assert [(c.kind, c.new) for c in revision.changes] == [("inserted", "Pasal 2")]
    closing = revision.new.sections["body"][-1]
    assert closing.text.endswith("sebagaimana Pasal 3.")


def test_a_deleted_bab_is_one_change_with_its_pasal() -> None:
    new = OLD.replace("  - judul: Ketentuan Penutup\n    pasal:\n      - Peraturan Bupati ini mulai "
                      "berlaku pada tanggal diundangkan sebagaimana [[dua]].\n", "")
    revision = revision_of(OLD, new)
    assert [(c.kind, c.unit, c.old) for c in revision.changes] == [("deleted", "bab", "BAB II")]
    assert [line.text for line in revision.changes[0].old_lines] == [
        "BAB II", "KETENTUAN PENUTUP", "Pasal 4",
        "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan sebagaimana Pasal 2."]


def test_the_judul_is_one_unit_whatever_it_becomes() -> None:
    assert summary(OLD, OLD.replace("judul: Contoh Pengaturan", "judul: Lain Sama Sekali")) == [
        ("changed", "Judul", "Judul", None)]


@given(st.lists(st.sampled_from(["a", "b", "c", "dan", "Pasal", "(1)"]), max_size=12),
       st.lists(st.sampled_from(["a", "b", "c", "dan", "Pasal", "(1)"]), max_size=12),
       st.sampled_from([" ", "  ", "\t"]))
def test_word_changes_join_back_into_both_texts(old: list[str], new: list[str], gap: str) -> None:
    before, after = gap.join(old), " ".join(new)
    words = word_diff(before, after)
    assert "".join(t for op, t in words if op != "+") == before
    assert "".join(t for op, t in words if op != "-") == after
    assert all(t for _, t in words)


# --- the redline --------------------------------------------------------------------------------

def resolved(data: bytes, *, accept: bool) -> list[str]:
    """The paragraphs Word shows after accepting (or rejecting) every tracked change: the kept
    kind's runs stay, the other's go, and a paragraph whose mark goes joins the next one."""
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(W + "body")
    assert body is not None
    drop = W + ("del" if accept else "ins")
    out, carried = [], ""
    for paragraph in body.iter(W + "p"):
        text = ""
        for piece in paragraph.iter(W + "r"):
            if drop in {a.tag for a in piece.iterancestors()}:
                continue
            for node in piece:
                text += {W + "t": node.text or "", W + "delText": node.text or "", W + "tab": "\t"
                         }.get(node.tag, "")
        mark = paragraph.find(f"{W}pPr/{W}rPr/{drop}")
        if mark is not None:
            carried += text
            continue
        out.append(carried + text)
        carried = ""
    return out


def tracked(data: bytes) -> list[etree._Element]:
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [e for e in body.iter() if e.tag in (W + "ins", W + "del")]


def test_accepting_every_change_gives_the_new_text_and_rejecting_them_the_old() -> None:
    new = (OLD.replace("  - bahwa kedua;\n", "")
           .replace("Ayat pertama pasal dua.", "Ayat kesatu pasal dua.")
           .replace("      - Pasal satu berbunyi begini.\n",
                    "      - Pasal satu berbunyi begini.\n      - Pasal sisipan.\n"))
    data = redline(revision_of(OLD, new), Marks("Bagian Hukum", dt.date(2026, 12, 1)), Properties())
    assert resolved(data, accept=True) == [
        "CONTOH PENGATURAN", "Menimbang:", "a.\tbahwa pertama;", "Mengingat:",
        "1.\tPasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945.",
        "BAB I", "KETENTUAN UMUM", "Pasal 1", "Pasal satu berbunyi begini.", "Pasal 2",
        "Pasal sisipan.", "Pasal 3", "(1)\tAyat kesatu pasal dua.", "(2)\tAyat kedua pasal dua memuat:",
        "a.\thuruf pertama;", "b.\thuruf kedua.", "Pasal 4",
        "Pasal tiga mengatur hal yang lain sama sekali.", "BAB II", "KETENTUAN PENUTUP", "Pasal 5",
        "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan sebagaimana Pasal 3.", ""]
    assert resolved(data, accept=False) == [
        "CONTOH PENGATURAN", "Menimbang:", "a.\tbahwa pertama;", "b.\tbahwa kedua;", "Mengingat:",
        "1.\tPasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945.",
        "BAB I", "KETENTUAN UMUM", "Pasal 1", "Pasal satu berbunyi begini.", "Pasal 2",
        "(1)\tAyat pertama pasal dua.", "(2)\tAyat kedua pasal dua memuat:", "a.\thuruf pertama;",
        "b.\thuruf kedua.", "Pasal 3", "Pasal tiga mengatur hal yang lain sama sekali.", "BAB II",
        "KETENTUAN PENUTUP", "Pasal 4",
        "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan sebagaimana Pasal 2.", ""]
    marks = tracked(data)
    assert marks and {(m.get(W + "author"), m.get(W + "date")) for m in marks} == {
        ("Bagian Hukum", "2026-12-01T00:00:00Z")}
    assert len({m.get(W + "id") for m in marks}) == len(marks)


def test_the_seed_redline_accepts_into_the_new_draft_and_rejects_into_the_old() -> None:
    old, new = (_content(text) for text in seed_versions())
    data = redline(compare(old, new, "v1", "v2"), Marks(), Properties())
    as_new = redline(compare(new, new, "v2", "v2"), Marks(), Properties())
    as_old = redline(compare(old, old, "v1", "v1"), Marks(), Properties())
    assert tracked(as_new) == [] and tracked(as_old) == []
    assert resolved(data, accept=True) == resolved(as_new, accept=True)
    assert resolved(data, accept=False) == resolved(as_old, accept=True)
    assert resolved(data, accept=True) != resolved(data, accept=False)


def test_the_review_files_are_written_the_same_twice(tmp_path: Path) -> None:
    old, new = seed_versions()
    files = (write(tmp_path, "v1.yaml", old), write(tmp_path, "v2.yaml", new))
    first = run("diff", *files, "-o", tmp_path / "a", "--date", "2026-12-01", "--author", "Bagian Hukum")
    second = run("diff", *files, "-o", tmp_path / "b", "--date", "2026-12-01", "--author", "Bagian Hukum")
    assert first.code == second.code == 0, first.stderr
    assert first.stderr.splitlines() == [f"wrote {tmp_path / 'a' / 'matriks-perubahan.docx'}",
                                         f"wrote {tmp_path / 'a' / 'redline.docx'}"]
    for name in ("matriks-perubahan.docx", "redline.docx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_without_a_date_the_changes_carry_none_and_the_run_says_so(tmp_path: Path) -> None:
    files = (write(tmp_path, "v1.yaml", OLD), write(tmp_path, "v2.yaml", OLD.replace("pertama;", "satu;")))
    result = run("diff", *files, "-o", tmp_path / "out")
    assert result.code == 0
    assert result.lines[0] == "perbup: the redline's changes carry no date: give --date YYYY-MM-DD"
    marks = tracked((tmp_path / "out" / "redline.docx").read_bytes())
    assert marks and all(m.get(W + "date") is None and m.get(W + "author") == "perbup" for m in marks)


# --- the matriks --------------------------------------------------------------------------------

def test_the_matriks_has_one_row_per_change_in_document_order(tmp_path: Path) -> None:
    old, new = seed_versions()
    result = run("diff", write(tmp_path, "v1.yaml", old), write(tmp_path, "v2.yaml", new),
                 "-o", tmp_path / "out", "--date", "2026-12-01")
    assert result.code == 0, result.stderr
    document = docx.Document(str(tmp_path / "out" / "matriks-perubahan.docx"))
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["Rumusan Semula", "Rumusan Perubahan", "Keterangan"]
    assert [row[2] for row in rows[1:]] == [
        "Menimbang huruf d diubah.", "Pasal 7 ayat (3) diubah.", "Disisipkan Pasal 8 setelah Pasal 7.",
        "Pasal 9 dihapus."]
    assert rows[2][:2] == [
        "(3)\tAparat Desa yang diangkat setelah Peraturan Bupati ini diundangkan didaftarkan paling "
        "lama 30 (tiga puluh) hari sejak tanggal pengangkatan.",
        "(3)\tAparat Desa yang diangkat setelah Peraturan Bupati ini diundangkan didaftarkan paling "
        "lama 14 (empat belas) hari kerja sejak tanggal pengangkatan."]
    assert rows[3][0] == "-" and rows[3][1].startswith("Pasal 8\nKepala Desa yang tidak mendaftarkan")
    assert rows[4][0].startswith("Pasal 9\nKepala Desa bertugas:\na.\tmenganggarkan") and rows[4][1] == "-"
    changed = [(r.text, r.font.strike, r.font.underline) for r in
               document.tables[0].rows[2].cells[0].paragraphs[0].runs if r.bold]
    assert changed == [("30 (tiga puluh) ", True, False)]
    assert document.paragraphs[-1].text == ("Penomoran yang berubah karena perubahan di atas: Pasal 8 "
                                            "menjadi Pasal 9.")


# --- git revisions and usage --------------------------------------------------------------------

def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                   check=True, capture_output=True)


def test_rev_compares_the_file_at_a_revision_with_the_file_now(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    path = write(repo / "content", "perbup.yaml", OLD)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "v1")
    git(repo, "tag", "v1")
    path.write_text(OLD.replace("bahwa kedua;", "bahwa kedua diubah;"), encoding="utf-8")
    result = run("diff", "--rev", "v1", path, "--format", "json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["old"] == f"{path}@v1"
    assert [(c["kind"], c["new"]) for c in data["changes"]] == [("changed", "Menimbang huruf b")]
    unknown = run("diff", "--rev", "v9", path)
    assert (unknown.code, unknown.stderr) == (2, f"perbup: error: git knows no revision 'v9' of {path}\n")


def test_rev_outside_a_repository_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "plain", "perbup.yaml", OLD)
    result = run("diff", "--rev", "HEAD", path)
    assert result.code == 2
    assert result.stderr == (f"perbup: error: {path} is not in a git repository, so there is no "
                             "revision HEAD of it to read; compare two files instead: perbup diff "
                             "OLD NEW\n")


@pytest.mark.parametrize(("args", "message"), [
    ((), "give the two files to compare, the old one first: perbup diff OLD NEW (or one file with "
         "--rev REV)"),
    (("a.yaml", "b.yaml", "--rev", "v1"), "with --rev, give one file: perbup diff --rev REV FILE"),
    (("a.yaml", "--rev", "--output=x"), "--rev --output=x: a revision does not start with '-'"),
])
def test_usage_errors(args: tuple[str, ...], message: str) -> None:
    result = run("diff", *args)
    assert (result.code, result.stderr) == (2, f"perbup: error: {message}\n")


def test_both_files_are_read_before_any_problem_is_reported(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", OLD.replace("judul: Contoh Pengaturan\n", "judull: x\n"))
    result = run("diff", bad, tmp_path / "missing.yaml")
    assert result.code == 1
    assert f"{bad}:2: error: unknown key 'judull' in the content file" in result.stderr
    assert f"{tmp_path / 'missing.yaml'}: error: no such file" in result.stderr


# --- in LibreOffice -----------------------------------------------------------------------------

def test_libreoffice_opens_both_files_and_reads_the_redline_as_tracked_changes(
        office: str, tmp_path: Path) -> None:
    old, new = seed_versions()
    out = tmp_path / "out"
    result = run("diff", write(tmp_path, "v1.yaml", old), write(tmp_path, "v2.yaml", new), "-o", out,
                 "--author", "Bagian Hukum", "--date", "2026-12-01")
    assert result.code == 0, result.stderr
    pdfs = convert_to_pdf([out / "redline.docx", out / "matriks-perubahan.docx"], office=office)
    assert "teguran tertulis oleh Camat" in pdftotext(pdfs[0])
    assert "Disisipkan Pasal 8 setelah Pasal 7." in " ".join(pdftotext(pdfs[1]).split())
    # Saved by LibreOffice as OpenDocument, each tracked change is a changed region with its author.
    profile = tmp_path / "profile"
    subprocess.run([office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "odt", "--outdir", str(tmp_path / "odt"), str(out / "redline.docx")],
                   check=True, capture_output=True, timeout=300)
    content = etree.fromstring(zipfile.ZipFile(tmp_path / "odt" / "redline.odt").read("content.xml"))
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    regions = list(content.iter(text + "changed-region"))
    assert len(regions) >= 4
    creators = {e.text for e in content.iter("{http://purl.org/dc/elements/1.1/}creator")}
    dates = {(e.text or "")[:10] for e in content.iter("{http://purl.org/dc/elements/1.1/}date")}
    assert (creators, dates) == ({"Bagian Hukum"}, {"2026-12-01"})


def test_on_a_terminal_deletions_are_red_and_insertions_green() -> None:
    new = OLD.replace("bahwa kedua;", "bahwa kedua baru;").replace(
        "      - Pasal tiga mengatur hal yang lain sama sekali.\n", "")
    lines = report(revision_of(OLD, new))
    assert lines[1] == "  bahwa \x1b[31m[-kedua;-]\x1b[0m \x1b[32m{+kedua baru;+}\x1b[0m"
    assert lines[3] == "\x1b[31m  - Pasal 3\x1b[0m"
    assert [click.unstyle(line) for line in lines] == [
        "Menimbang huruf b: changed", "  bahwa [-kedua;-] {+kedua baru;+}",
        "Pasal 3: deleted (it followed Pasal 2)", "  - Pasal 3",
        "  - Pasal tiga mengatur hal yang lain sama sekali.", "renumbered: Pasal 4 → Pasal 3",
        "2 changes: 1 changed, 1 deleted; 1 unit(s) renumbered"]
