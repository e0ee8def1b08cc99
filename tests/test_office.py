"""PDFs through LibreOffice: real conversions (few, batched), fonts, bundles, zip, and no LibreOffice."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from perbup.base.errors import OfficeError
from perbup.docx.office import (
    MISSING,
    _chunks,
    _rounds,
    convert_to_pdf,
    find_office,
    font_problems,
    font_report,
    normalise_pdf,
    pdf_fonts,
)
from tests.expected import angka, seed_totals
from tests.helpers import letter_seeds, run

ROOT = Path(__file__).resolve().parent.parent
# The seeds with what letters print filled in: letters refuse anything left to fill in.
SEEDS = letter_seeds()
DESA = ("53.01.08.2009", "53.01.08.2010", "53.01.04.2003")  # two in Kupang Tengah, one in Semau
TOOLS = ("pdftotext", "pdffonts", "pdfinfo", "fc-match")


@pytest.fixture(scope="module")
def office() -> str:
    """LibreOffice and poppler; a test needing them is skipped without them, except in CI."""
    missing = [t for t in TOOLS if shutil.which(t) is None]
    found = find_office()
    if found is None:
        missing.insert(0, "soffice (LibreOffice)")
    if missing:
        message = (f"not installed: {', '.join(missing)}; run: sudo apt-get install "
                   "libreoffice-writer-nogui fonts-urw-base35 poppler-utils")
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the LibreOffice tests; {message}")
        pytest.skip(message)
    assert found is not None
    return found


def pdftotext(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True)
    return done.stdout


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def batch(office: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three seed letters, their kecamatan bundles and PDFs: one run, one conversion call."""
    out = tmp_path_factory.mktemp("pdf")
    args = [a for d in DESA for a in ("--desa", d)]
    result = run("letters", "-w", SEEDS, "-o", out, *args, "--full-nik", "--pdf", "--combine",
                 "-j", "2", "-q")
    assert result.code == 0, result.stderr
    assert result.lines[-1] == (f"5 PDF(s) made, 0 up to date; 2 kecamatan bundle(s) in "
                                f"{out / 'letters'}, everything in {out / 'letters.zip'}")
    return out


def letter_files(out: Path) -> list[Path]:
    with (out / "letters" / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return [out / row["file"] for row in csv.DictReader(handle)]


@pytest.mark.office
def test_letter_pdfs_hold_the_letter_and_its_people(batch: Path) -> None:
    with (SEEDS / "data" / "aparat.csv").open(encoding="utf-8") as handle:
        people = list(csv.DictReader(handle))
    letters = letter_files(batch)
    assert len(letters) == 3
    for letter in letters:
        text = flat(pdftotext(letter.with_suffix(".pdf")))
        kode = letter.name.split("-")[0]
        names = [p["Nama Lengkap"] for p in people if p["Kode Desa"] == kode]
        assert names and all(name in text for name in names), letter.name
        desa = people[[p["Kode Desa"] for p in people].index(kode)]["Nama Desa"]
        assert f"Kepala Desa {desa}" in text
        assert "PEMERINTAH KABUPATEN KUPANG" in text
        assert "LAMPIRAN" in text
        assert re.search(r"Rp\d{1,3}(\.\d{3})+,00 \(", text)  # the amount to budget, with its words


@pytest.mark.office
def test_pdf_shows_bookman_in_its_substitute_not_dejavu(batch: Path) -> None:
    pdf = letter_files(batch)[0].with_suffix(".pdf")
    family = subprocess.run(["fc-match", "-f", "%{family[0]}", "Bookman Old Style"],
                            capture_output=True, text=True, check=True).stdout
    assert "dejavu" not in family.lower(), "install fonts-urw-base35"
    fonts = pdf_fonts(pdf)
    assert fonts and all(embedded for _, embedded in fonts)
    key = family.replace(" ", "").lower()  # "URW Bookman" -> URWBookmanLight, URWBookmanDemi
    assert any(name.lower().startswith(key) for name, _ in fonts), fonts
    assert not [name for name, _ in fonts if "dejavu" in name.lower()]
    report = dict(font_report(pdf))
    assert report["Bookman Old Style"].lower().startswith(key)
    assert font_problems(pdf) == []


@pytest.mark.office
def test_bundle_is_the_letters_in_order_each_from_its_letterhead(batch: Path) -> None:
    letters = [p for p in letter_files(batch) if p.parent.name == "53.01.08-Kupang-Tengah"]
    bundle = batch / "letters" / "53.01.08-Kupang-Tengah.pdf"
    counts = [pages(p.with_suffix(".pdf")) for p in letters]
    assert len(letters) == 2 and pages(bundle) == sum(counts)
    first = 1
    for letter, count in zip(letters, counts, strict=True):
        page = pdftotext(bundle, first)
        assert page.lstrip().startswith("PEMERINTAH KABUPATEN KUPANG")
        assert flat(page) == flat(pdftotext(letter.with_suffix(".pdf"), 1))
        first += count


@pytest.mark.office
def test_zip_has_every_letter_bundle_pdf_and_the_manifest(batch: Path) -> None:
    with zipfile.ZipFile(batch / "letters.zip") as archive:
        names = archive.namelist()
        infos = archive.infolist()
    letters = [p.relative_to(batch).as_posix() for p in letter_files(batch)]
    bundles = ["letters/53.01.08-Kupang-Tengah", "letters/53.01.04-Semau"]
    expected = {f"{stem}.{ext}" for stem in [*(s[:-5] for s in letters), *bundles]
                for ext in ("docx", "pdf")} | {"letters/manifest.csv"}
    assert set(names) == expected and names == sorted(names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    for info in infos:
        assert (batch / info.filename).read_bytes() == zipfile.ZipFile(
            batch / "letters.zip").read(info)


@pytest.mark.office
def test_rerun_converts_nothing_and_gives_the_same_zip(batch: Path) -> None:
    before = (batch / "letters.zip").read_bytes()
    args = [a for d in DESA for a in ("--desa", d)]
    result = run("letters", "-w", SEEDS, "-o", batch, *args, "--full-nik", "--pdf", "--combine", "-q")
    assert result.code == 0, result.stderr
    assert result.lines[-1].startswith("0 PDF(s) made, 5 up to date; 2 kecamatan bundle(s)")
    assert (batch / "letters.zip").read_bytes() == before


@pytest.mark.office
def test_one_call_same_names_missing_font_and_a_damaged_file(batch: Path, tmp_path: Path) -> None:
    """Equal documents give equal PDFs; a font without substitute is flagged; a file LibreOffice
    cannot read is named while the others are still converted."""
    letter = letter_files(batch)[0]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(letter, tmp_path / "a" / "surat.docx")
    shutil.copy(letter, tmp_path / "b" / "surat.docx")  # same name: converted in a second round
    odd = docx.Document()
    odd.add_paragraph("Huruf yang tidak ada").runs[0].font.name = "Perbup Tidak Ada Sans"
    odd.save(str(tmp_path / "font.docx"))
    with zipfile.ZipFile(tmp_path / "rusak.docx", "w") as archive:
        archive.writestr("word/document.xml", "this is not XML")
    files = [tmp_path / "a" / "surat.docx", tmp_path / "b" / "surat.docx", tmp_path / "font.docx",
             tmp_path / "rusak.docx"]
    done: list[int] = []
    with pytest.raises(OfficeError) as caught:
        convert_to_pdf(files, progress=done.append)
    assert str(caught.value).startswith(f"{tmp_path / 'rusak.docx'}: error: no PDF was made: ")
    assert sum(done) == 4
    same = [(tmp_path / d / "surat.pdf").read_bytes() for d in "ab"]
    assert same[0] == same[1] and b"/CreationDate" not in same[0]
    (problem,) = font_problems(tmp_path / "font.pdf")
    assert "Perbup Tidak Ada Sans is missing" in problem.message
    assert "DejaVu" in problem.message
    assert not (tmp_path / "rusak.pdf").exists()
    assert not list(tmp_path.rglob(".perbup-tmp-*"))


def test_without_libreoffice_the_word_files_are_still_written(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_office() is None
    out = tmp_path / "out"
    result = run("letters", "-w", SEEDS, "-o", out, "--desa", DESA[0], "--desa", DESA[2],
                 "--pdf", "--combine", "-q")
    assert result.code == 3, result.stderr  # the Word files are there, the PDFs asked for are not
    assert result.lines == [
        f"2 letter(s) written, 0 unchanged, in {out / 'letters'}; contributions "
        f"Rp {angka(seed_totals(desa=(DESA[0], DESA[2])).bulanan)} per month",
        f"2 kecamatan bundle(s) in {out / 'letters'}, everything in {out / 'letters.zip'}",
        f"perbup: {MISSING}",
    ]
    assert MISSING == ("LibreOffice is not installed; PDFs were not made. Install it with: "
                       "sudo apt-get install libreoffice-writer-nogui fonts-urw-base35")
    assert len(list(out.rglob("*.docx"))) == 4 and not list(out.rglob("*.pdf"))
    with zipfile.ZipFile(out / "letters.zip") as archive:
        assert len(archive.namelist()) == 5
    with pytest.raises(OfficeError, match="LibreOffice is not installed"):
        convert_to_pdf([next(out.rglob("*.docx"))])


def test_chunks_and_rounds() -> None:
    paths = [Path(f"{d}/{n}.docx") for d in "ab" for n in range(5)]
    assert [len(c) for c in _chunks(paths, 3)] == [4, 3, 3]
    assert _chunks(paths, 64) == [[p] for p in paths]
    assert all(c == sorted(c, key=paths.index) for c in _chunks(paths, 3))
    rounds = _rounds(paths)
    assert rounds == [paths[:5], paths[5:]]
    assert convert_to_pdf([]) == []


def test_a_file_that_is_not_a_docx_is_refused_before_libreoffice_starts(tmp_path: Path) -> None:
    text = tmp_path / "surat.docx"
    text.write_text("bukan dokumen Word", encoding="utf-8")
    with pytest.raises(OfficeError, match=r"surat\.docx: error: this is not a Word \.docx file"):
        convert_to_pdf([text], office="/nonexistent/soffice")


def test_normalise_pdf_drops_the_time_and_hashes_the_id() -> None:
    def pdf(stamp: bytes, ident: bytes) -> bytes:
        return (b"%PDF-1.6\n1 0 obj<</Producer(LibreOffice)/CreationDate(D:" + stamp + b"Z')>>\n"
                b"trailer\n<</Size 2/ID [ <" + ident + b">\n<" + ident + b"> ]\n"
                b"/DocChecksum /" + ident + b"\n>>\n%%EOF\n")
    a = normalise_pdf(pdf(b"20261125201053", b"4B1AE863790E6E096E73BEFD7F350508"))
    b = normalise_pdf(pdf(b"20270101000000", b"3C7B7FEE4B8527964C5DA7B03F2E8D30"))
    assert a == b and len(a) == len(pdf(b"20261125201053", b"0" * 32))
    assert b"CreationDate" not in a and b"4B1AE8" not in a
    other = b"%PDF-1.4\nno markers\n%%EOF\n"
    assert normalise_pdf(other) == other


FAKE_OFFICE = """\
#!{python}
# Stands in for soffice: logs its start, then "converts" each file as LibreOffice reports it.
import sys, time
from pathlib import Path
args = sys.argv[1:]
with open({log!r}, "a") as log:
    log.write(" ".join(args) + "\\n")
outdir = Path(args[args.index("--outdir") + 1])
files = args[args.index("--outdir") + 2:]
outdir.mkdir(parents=True, exist_ok=True)
for name in files:
    if Path(name).stem == "sleep":
        time.sleep(30)
    if Path(name).stem == "crash":
        sys.exit(81)
    pdf = outdir / (Path(name).stem + ".pdf")
    print(f"convert {{name}} -> {{pdf}} using filter : writer_pdf_Export", flush=True)
    pdf.write_bytes(b"%PDF-1.4\\n" + Path(name).read_bytes()[-8:] + b"\\n%%EOF\\n")
"""


def fake_office(tmp_path: Path) -> tuple[str, Path]:
    import sys

    log = tmp_path / "starts.log"
    script = tmp_path / "soffice"
    script.write_text(FAKE_OFFICE.format(python=sys.executable, log=str(log)), encoding="utf-8")
    script.chmod(0o755)
    return str(script), log


def word_files(folder: Path, names: list[str], size: int = 0) -> list[Path]:
    """Zips named like Word files whose word/document.xml has `size` more characters."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        with zipfile.ZipFile(folder / f"{name}.docx", "w") as archive:
            archive.writestr("word/document.xml", name + "x" * size)
        paths.append(folder / f"{name}.docx")
    return paths


def test_chunks_share_the_work_by_the_size_of_the_text(tmp_path: Path) -> None:
    bundle = word_files(tmp_path / "b", ["bundel"], 5994)[0]  # as much text as six letters
    letters = word_files(tmp_path / "l", [f"{i:03d}" for i in range(12)], 997)
    chunks = _chunks([*letters, bundle], 2)
    small, big = sorted(chunks, key=len)
    assert small[-1] == bundle and len(small) == 4 and len(big) == 9  # 6000 + 3 x 1000 vs 9 x 1000
    assert all(c == sorted(c, key=[*letters, bundle].index) for c in chunks)


def test_files_are_converted_in_at_most_jobs_starts_each_with_its_own_profile(tmp_path: Path) -> None:
    office, log = fake_office(tmp_path)
    files = word_files(tmp_path / "in", [f"surat{i}" for i in range(7)])
    done: list[int] = []
    pdfs = convert_to_pdf(files, jobs=3, progress=done.append, office=office)
    assert pdfs == [f.with_suffix(".pdf") for f in files]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    starts = log.read_text(encoding="utf-8").splitlines()
    assert len(starts) == 3
    profiles = {s.split()[0] for s in starts}
    assert len(profiles) == 3 and all(p.startswith("-env:UserInstallation=file:///") for p in profiles)
    assert sorted(len(s.split("--outdir")[1].split()) - 1 for s in starts) == [2, 2, 3]
    assert sum(done) == 7
    assert not list(tmp_path.rglob(".perbup-tmp-*"))


def test_a_stuck_or_crashing_libreoffice_is_named_per_file(tmp_path: Path) -> None:
    office, _ = fake_office(tmp_path)
    files = word_files(tmp_path, ["satu", "sleep", "crash", "dua"])
    with pytest.raises(OfficeError) as caught:
        convert_to_pdf(files, jobs=2, office=office, timeout=2)
    assert str(caught.value).splitlines() == [
        f"{tmp_path / 'sleep.docx'}: error: no PDF was made: LibreOffice stopped responding and was "
        "stopped; open it in Word or LibreOffice to see whether it is damaged",
        f"{tmp_path / 'crash.docx'}: error: no PDF was made: LibreOffice ended with exit code 81; "
        "open it in Word or LibreOffice to see whether it is damaged",
        f"{tmp_path / 'dua.docx'}: error: no PDF was made: LibreOffice ended with exit code 81; "
        "open it in Word or LibreOffice to see whether it is damaged",
    ]
    assert (tmp_path / "satu.pdf").is_file()


@pytest.mark.office
def test_decree_pdf_shows_its_headings_annex_figures_and_fonts(office: str, tmp_path: Path) -> None:
    result = run("decree", "-w", SEEDS, "-o", tmp_path, "--pdf", "-q")
    assert result.code == 0, result.stderr
    pdf = tmp_path / "decree" / "perbup-draft.pdf"
    assert result.stderr.splitlines()[-1] == f"wrote {pdf}"
    text = flat(pdftotext(pdf))
    for heading in ("PERATURAN BUPATI KUPANG", "DENGAN RAHMAT TUHAN YANG MAHA ESA", "Menimbang",
                    "Mengingat", "MEMUTUSKAN:", "BAB I", "KETENTUAN UMUM", "Pasal 1",
                    "Diundangkan di Oelamasi", "LAMPIRAN I", "LAMPIRAN II", "KONSEP"):
        assert heading in text, heading
    assert angka(seed_totals().bulanan) in text and "1.559" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Bookman" in fonts and "DejaVu" not in fonts


# Names a property test would throw at the renderer, fixed here so LibreOffice converts them once:
# right-to-left text, combining marks, a zero-width joiner (dropped by the reader: it is
# invisible), emoji, CJK, markup characters, a very long name, and the docxtpl escape sequence
# that must stay as typed.
HOSTILE_NAMES = [
    "Ma'ruf \"Ompu\" & <Ndolu>",
    "Yohaneś Tefa\u0301",
    "\u0645\u062d\u0645\u062f Lay",
    "Ana\u200dBani",
    "Obed \U0001f600 Selan",
    "\u738b\u5c0f\u660e Ndun",
    "{_{ kab }_} Kase",
    "Petrus " + "Panjang" * 12,
]


@pytest.mark.office
def test_hostile_names_come_out_in_a_pdf_libreoffice_can_open(office: str, tmp_path: Path) -> None:
    from tests.helpers import HEADER, aparat_rows, make_workspace, nik

    rows = HEADER + aparat_rows() + "".join(
        f'53.01.04.2003,"{name.replace(chr(34), chr(34) * 2)}",{nik(serial=10 + i)},Kadus {i + 2},,,,,\n'
        for i, name in enumerate(HOSTILE_NAMES))
    ws = make_workspace(tmp_path / "ws", rows)
    out = tmp_path / "out"
    result = run("letters", "-w", ws, "-o", out, "--pdf", "-q")
    assert result.code == 0, result.stderr
    (pdf,) = (out / "letters").rglob("*.pdf")
    text = flat(pdftotext(pdf))
    for name in ("Ma'ruf \"Ompu\" & <Ndolu>", "{_{ kab }_} Kase", "Lay", "Ndun", "Selan"):
        assert name in text, name
    (letter,) = (out / "letters").rglob("*.docx")
    cells = "\n".join(c.text for t in docx.Document(str(letter)).tables for r in t.rows for c in r.cells)
    for name in HOSTILE_NAMES:
        assert name.replace("\u200d", "") in cells, name
