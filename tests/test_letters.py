"""`perbup letters`: the seed batch, privacy between villages, escaping, reruns, bad input."""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree

from perbup.documents import letters as letters_module
from perbup.documents.letters import LettersOptions, plan_letters
from perbup.docx.render import PreparedTemplate
from perbup.load.aparat import Aparat
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace
from tests.expected import angka, seed_totals
from tests.helpers import (
    HEADER,
    aparat_rows,
    letter_seeds,
    make_workspace,
    nik,
    ready_seeds,
    run,
    with_equal_grid,
)

ROOT = Path(__file__).resolve().parent.parent
# The seeds with what letters print filled in: letters refuse anything left to fill in.
SEEDS = letter_seeds()
NIK = re.compile(r"\b\d{16}\b")


def text_of(path: Path) -> str:
    """Every paragraph of body, tables and headers, one per line."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            parts.extend(p.text for p in header.paragraphs)
            for table in header.tables:
                parts.extend(c.text for row in table.rows for c in row.cells)
    return "\n".join(parts)


def manifest(out: Path) -> list[dict[str, str]]:
    with (out / "letters" / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def seed_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-letters")
    result = run("letters", "-w", SEEDS, "-o", out, "--full-nik", "--jobs", "2", "-q")
    assert result.code == 0, result.stderr
    assert result.stderr == (f"158 letter(s) written, 0 unchanged, in {out / 'letters'}; "
                             f"contributions Rp {angka(seed_totals().bulanan)} per month\n")
    return out


def test_seed_batch_writes_158_letters_each_naming_only_its_own_people(seed_batch: Path) -> None:
    rows = manifest(seed_batch)
    assert len(rows) == 158
    with (SEEDS / "data" / "aparat.csv").open(encoding="utf-8") as handle:
        people = list(csv.DictReader(handle))
    by_desa: dict[str, set[str]] = {}
    for p in people:
        by_desa.setdefault(p["Kode Desa"], set()).add(p["NIK"])
    enrolled = {p["Kode Desa"] for p in people if p["Terdaftar"] == "Ya"}
    assert {r["kode_desa"] for r in rows} == set(by_desa) - enrolled
    seen: Counter[str] = Counter()
    for row in rows:
        text = text_of(seed_batch / row["file"])
        niks = set(NIK.findall(text))
        assert niks == by_desa[row["kode_desa"]], row["file"]
        seen.update(niks)
        assert f"Kepala Desa {row['desa']}" in text
        assert row["nomor"] in text
    assert max(seen.values()) == 1


def test_manifest_matches_files_and_totals(seed_batch: Path) -> None:
    rows = manifest(seed_batch)
    for row in rows:
        data = (seed_batch / row["file"]).read_bytes()
        assert __import__("hashlib").sha256(data).hexdigest() == row["sha256"]
        assert int(row["iuran_tahunan"]) == 12 * int(row["iuran_bulanan"])
    assert sum(int(r["iuran_bulanan"]) for r in rows) == seed_totals().bulanan
    numbers = sorted(int(r["nomor"].split("/")[1]) for r in rows)
    # one number per desa of the workspace, in kecamatan order; the two enrolled desa keep theirs
    assert len(set(numbers)) == 158
    assert set(numbers) <= set(range(1, 161))
    assert not list(seed_batch.rglob(".perbup-tmp-*"))


def test_default_letters_mask_nik_and_number_stays_with_the_desa(tmp_path: Path, seed_batch: Path) -> None:
    result = run("letters", "-w", SEEDS, "-o", tmp_path, "--kecamatan", "kupang tengah", "-q")
    assert result.code == 0
    rows = manifest(tmp_path)
    full = {r["kode_desa"]: r["nomor"] for r in manifest(seed_batch)}
    assert rows and all(full[r["kode_desa"]] == r["nomor"] for r in rows)
    for row in rows:
        text = text_of(tmp_path / row["file"])
        assert not NIK.search(text)
        assert re.search(r"\b\d{6}x{6}\d{4}\b", text)


def test_two_runs_are_byte_identical_and_rerun_skips(tmp_path: Path, seed_batch: Path) -> None:
    args = ("letters", "-w", SEEDS, "--full-nik", "--kecamatan", "Semau", "-q")
    assert run(*args, "-o", tmp_path / "a").code == 0
    assert run(*args, "-o", tmp_path / "b", "--jobs", "2").code == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.docx"))
    assert files
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
        assert (tmp_path / "a" / rel).read_bytes() == (seed_batch / rel).read_bytes()
    again = run(*args, "-o", tmp_path / "a")
    assert again.stderr.startswith(f"0 letter(s) written, {len(files)} unchanged")
    forced = run(*args, "-o", tmp_path / "a", "--force")
    assert forced.stderr.startswith(f"{len(files)} letter(s) written, 0 unchanged")


def test_names_with_markup_come_out_verbatim(ws: Path, tmp_path: Path) -> None:
    rows = HEADER + aparat_rows() + (
        f'53.01.04.2003,"Ma\'ruf ""Ompu"" & <Ndolu> Léo",{nik(serial=7)},Kadus 2,,,,,\n')
    make_workspace(ws, rows)
    result = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 0, result.stderr
    (letter,) = (tmp_path / "out" / "letters").rglob("*.docx")
    assert "Ma'ruf \"Ompu\" & <Ndolu> Léo" in text_of(letter)
    with zipfile.ZipFile(letter) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "Ma'ruf &quot;Ompu&quot; &amp; &lt;Ndolu&gt; Léo" in xml or \
        "Ma&apos;ruf" in xml or "Ma'ruf \"Ompu\" &amp; &lt;Ndolu&gt; Léo" in xml


def test_broken_list_writes_nothing(ws: Path, tmp_path: Path) -> None:
    make_workspace(ws, HEADER + aparat_rows() + "53.01.04.2003,,123,Kades,,,,,\n")
    result = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert result.lines[-1] == "2 error(s), 0 warning(s); nothing was written"
    assert not (tmp_path / "out").exists()


def test_template_mistake_is_reported_before_anything_is_written(ws: Path, tmp_path: Path) -> None:
    make_workspace(ws)
    (ws / "templates").mkdir()
    document = docx.Document()
    document.add_paragraph("Yth. Kepala Desa {{ tujuan.desa }} {{ kepala_dinas }}")
    document.save(str(ws / "templates" / "surat_desa.docx"))
    result = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert result.stderr == (
        f"{ws / 'templates' / 'surat_desa.docx'}: error: unknown variable 'kepala_dinas'\n"
        "  hint: a surat_desa template can use: aparat, batas, bpjs, catatan, dasar, jatuh_tempo, kab, "
        "pembulatan, potongan, program, program_teks, ringkas, skema, surat, tembusan, total, ttd, "
        "tujuan\n"
        "1 error(s), 0 warning(s); nothing was written\n")
    assert not (tmp_path / "out").exists()
    document = docx.Document()
    document.add_paragraph("{% if tujuan.desa %} tidak ditutup")
    document.save(str(ws / "templates" / "surat_desa.docx"))
    broken = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert broken.code == 1
    assert broken.stderr.startswith("surat_desa.docx: error: ")
    assert "{% if tujuan.desa %}" in broken.stderr


def test_same_content_as_docxtpl_for_the_letter_template() -> None:
    dataset = load_dataset(Workspace.load(SEEDS))
    planned, _ = plan_letters(dataset, LettersOptions(desa=("53.01.08.2009",)))
    context = planned[0].context
    template = ROOT / "templates" / "surat_desa.docx"
    ours = PreparedTemplate.load(template).render(context)
    naive = DocxTemplate(with_equal_grid(template))
    naive.render(context, autoescape=True)
    buffer = io.BytesIO()
    naive.save(buffer)
    with zipfile.ZipFile(io.BytesIO(ours)) as a, zipfile.ZipFile(buffer) as b:
        assert set(a.namelist()) == set(b.namelist())
        rendered = [n for n in a.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)]
        assert "word/document.xml" in rendered
        for name in rendered:
            assert canonical(a.read(name)) == canonical(b.read(name)), name


def test_contributions_are_computed_only_for_the_desa_whose_letter_is_made(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A national list is held once, as validated records: the letters compute what a desa's
    # people owe when its letter is made, never for the whole list up front.
    dataset = load_dataset(Workspace.load(SEEDS))
    chosen = [p for p in dataset.aparat if p.desa.kode == "53.01.08.2009"]
    assert 0 < len(chosen) < len(dataset.aparat)
    counted: list[str] = []
    real = letters_module.per_person

    def per_person(person: Aparat, *args: object) -> object:
        counted.append(person.desa.kode)
        return real(person, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(letters_module, "per_person", per_person)
    planned, _ = plan_letters(dataset, LettersOptions(desa=("53.01.08.2009",)))
    assert [p.desa.kode for p in planned] == ["53.01.08.2009"]
    assert set(counted) == {"53.01.08.2009"}


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def test_killed_run_leaves_whole_files_and_a_rerun_completes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "perbup", "letters", "-w", str(SEEDS), "-o", str(out), "-q"]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.docx"))) < 20:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    partial = list(out.rglob("*.docx"))
    assert 20 <= len(partial) < 158
    for path in partial:
        docx.Document(str(path))
    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stderr.startswith("158 letter(s) written, 0 unchanged") is False
    assert "unchanged" in rerun.stderr
    assert len(list(out.rglob("*.docx"))) == 158
    assert not list(out.rglob(".perbup-tmp-*"))
    assert len(manifest(out)) == 158


def test_a_file_perbup_did_not_write_is_only_replaced_with_force(ws: Path, tmp_path: Path) -> None:
    make_workspace(ws)
    out = tmp_path / "out"
    assert run("letters", "-w", ws, "-o", out, "-q").code == 0
    (letter,) = (out / "letters").rglob("*.docx")
    letter.write_bytes(b"edited by hand")
    refused = run("letters", "-w", ws, "-o", out)
    assert refused.code == 1
    assert refused.stderr == (f"{letter}: error: perbup did not write this file, or it was edited "
                              "since\n  hint: move it away, or use --force to replace it\n")
    assert letter.read_bytes() == b"edited by hand"
    assert run("letters", "-w", ws, "-o", out, "--force", "-q").code == 0
    docx.Document(str(letter))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_cleanly_says_how_far_it_got_and_a_rerun_finishes(tmp_path: Path,
                                                                       jobs: str) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "perbup", "letters", "-w", str(SEEDS), "-o", str(out), "-q",
               "--jobs", jobs]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.docx"))) < 10:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert re.fullmatch(r"interrupted after \d+ of 158 letters; the files written are whole: run the "
                        r"same command again to finish\n", stderr), stderr
    written = list(out.rglob("*.docx"))
    if jobs == "1":
        assert len(manifest(out)) == len(written)
    else:  # a stopped worker may have finished letters the parent had not counted yet
        assert len(manifest(out)) <= len(written)
    assert not list(out.rglob(".perbup-tmp-*"))
    for path in written:
        docx.Document(str(path))  # every file there is whole
    rerun = run("letters", "-w", SEEDS, "-o", out, "-q", "--jobs", jobs)
    assert rerun.code == 0, rerun.stderr
    assert len(manifest(out)) == len(list(out.rglob("*.docx"))) == 158
    assert not (out / "letters" / ".perbup-journal").exists()


def test_dry_run_lists_numbers_and_files_and_writes_nothing(tmp_path: Path) -> None:
    seeds = ready_seeds(tmp_path / "seeds")  # a register of its own: nothing issued yet
    result = run("letters", "-w", seeds, "-o", tmp_path / "out", "--dry-run", "--kecamatan", "Semau",
                 "--pdf", "--combine", "-q")
    assert result.code == 0
    lines = result.stdout.splitlines()
    first = tmp_path / "out" / "letters" / "53.01.04-Semau" / "53.01.04.2003-Bokonusan.docx"
    assert lines[0] == f"560/1/BAG.HUK/2026\t{first}"
    assert result.lines[-1] == (f"would write {len(lines)} letter(s), with a PDF of each and a bundle per "
                                "kecamatan and letters.zip; nothing written (--dry-run)")
    assert not (tmp_path / "out").exists()
    assert not (seeds / "perbup.db").exists()  # no number taken, no register made


def enrolled_oelnasi() -> str:
    """A workspace list: Bokonusan not yet enrolled, every aparat of Oelnasi enrolled already."""
    oelnasi = aparat_rows("53.01.08.2006", "530108", start=5).splitlines(keepends=True)
    return HEADER + aparat_rows() + "".join(
        line.replace(",Tidak,\n", f",Ya,2100000000{i}\n") for i, line in enumerate(oelnasi))


def test_a_fully_enrolled_desa_asked_for_by_name_says_why_it_gets_no_letter(ws: Path,
                                                                            tmp_path: Path) -> None:
    make_workspace(ws, enrolled_oelnasi())
    out = tmp_path / "out"
    result = run("letters", "-w", ws, "-o", out, "--desa", "Oelnasi")
    assert result.code == 0
    assert result.stderr == (
        "perbup: warning: every aparat of desa Oelnasi (53.01.08.2006) is already enrolled, so it "
        "gets no letter\n"
        "  hint: add --all to write letters for fully enrolled desa too\n"
        f"0 letter(s) written, 0 unchanged, in {out / 'letters'}; contributions Rp 0 per month\n")
    assert not list(out.rglob("*.docx"))
    included = run("letters", "-w", ws, "-o", out, "--desa", "Oelnasi", "--all")
    assert included.code == 0
    assert included.stderr.startswith("writing 1 letter(s)\n1 letter(s) written, 0 unchanged")
    assert [p.name for p in out.rglob("*.docx")] == ["53.01.08.2006-Oelnasi.docx"]


def test_a_kecamatan_says_which_of_its_desa_get_no_letter_and_why(ws: Path) -> None:
    make_workspace(ws, enrolled_oelnasi())
    result = run("letters", "-w", ws, "--dry-run", "--kecamatan", "Kupang Tengah")
    assert result.code == 0
    assert result.stdout == ""
    assert result.lines == [
        "perbup: warning: every aparat of desa Oelnasi (53.01.08.2006) is already enrolled, so it "
        "gets no letter",
        "  hint: add --all to write letters for fully enrolled desa too",
        "perbup: warning: desa Noelbaki (53.01.08.2008) has no aparat in the list, so it gets no letter",
        "  hint: add the desa's apparatus to the list",
        "would write 0 letter(s); nothing written (--dry-run)"]
    both = run("letters", "-w", ws, "--dry-run", "--kecamatan", "Semau", "--desa", "Oelnasi",
               "--desa", "Noelbaki")
    assert both.lines[:2] == [
        "perbup: warning: 2 desa are not in Kecamatan Semau, so they get no letter: Oelnasi "
        "(53.01.08.2006), Noelbaki (53.01.08.2008)",
        "  hint: leave out --kecamatan, or name a desa of that kecamatan"]
    assert run("letters", "-w", ws, "--dry-run", "--kecamatan", "Semau").lines == [
        "perbup: warning: desa Otan (53.01.04.2004) has no aparat in the list, so it gets no letter",
        "  hint: add the desa's apparatus to the list",
        "would write 1 letter(s); nothing written (--dry-run)"]


@pytest.mark.parametrize(("option", "typed", "message"), [
    ("--desa", "Oelnasy", '--desa "Oelnasy" is not a desa of the workspace; did you mean "Oelnasi" '
                          "(53.01.08.2006, Kecamatan Kupang Tengah)?"),
    ("--desa", "53.01.08.2099", '--desa "53.01.08.2099" is not a desa of the workspace'),
    ("--kecamatan", "Kupang Tengh", '--kecamatan "Kupang Tengh" is not a kecamatan of the workspace; '
                                    'did you mean "Kupang Tengah"?'),
    ("--kecamatan", "Amfoang", '--kecamatan "Amfoang" is not a kecamatan of the workspace; choose '
                               "from: Semau, Kupang Tengah"),
])
def test_a_misspelt_desa_or_kecamatan_gets_a_did_you_mean(ws: Path, option: str, typed: str,
                                                          message: str) -> None:
    make_workspace(ws)
    result = run("letters", "-w", ws, "--dry-run", option, typed)
    assert result.code == 2
    assert result.stderr == f"perbup: error: {message}\n"
