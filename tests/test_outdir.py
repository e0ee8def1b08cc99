"""The output folder: one ownership record for every file perbup writes, confined bookkeeping,
a lock, zips of perbup's own files, PDFs that match their documents, and clear OS errors."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from perbup.base.output import TEMP_PREFIX
from perbup.documents.letters import LettersOptions, plan_letters
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace
from tests.helpers import DESA, HEADER, aparat_rows, letter_seeds, make_workspace, run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
LEDGER, LOCK = ".perbup-written", ".perbup-lock"  # named here as a user sees them
FOLDER = "53.01.04-Semau"
LETTER = f"letters/{FOLDER}/53.01.04.2003-Bokonusan.docx"
BUNDLE = f"letters/{FOLDER}.docx"
FOREIGN = ("{}: error: perbup did not write this file, or it was edited since\n"
           "  hint: move it away, or use --force to replace it\n")

# A stand-in for LibreOffice: it converts each file it is given into a small PDF that names the
# checksum of its document, writes where it was asked to, and logs its --outdir.
FAKE_OFFICE = """\
import hashlib, pathlib, sys
args = sys.argv[1:]
outdir = pathlib.Path(args[args.index("--outdir") + 1])
outdir.mkdir(parents=True, exist_ok=True)
with open(pathlib.Path(sys.argv[0]).with_name("outdirs.log"), "a") as log:
    log.write(str(outdir) + "\\n")
for name in args[args.index("--outdir") + 2:]:
    source = pathlib.Path(name)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    (outdir / (source.stem + ".pdf")).write_bytes(b"%PDF-1.4\\n% " + digest.encode() + b"\\n%%EOF\\n")
    print(f"convert {source} -> {outdir / (source.stem + '.pdf')}", flush=True)
"""


@pytest.fixture
def fake_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `soffice` on PATH that makes PDFs without LibreOffice; returns its log of --outdir."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"#!{sys.executable}\n{FAKE_OFFICE}", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    # The font check reads real PDFs with pdffonts; these PDFs only need to be perbup's own.
    monkeypatch.setattr("perbup.pipeline.pdf.font_problems", lambda *args: [])
    return folder / "outdirs.log"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws")


def written(out: Path) -> str:
    return (out / LEDGER).read_text(encoding="utf-8")


def zipped(out: Path) -> list[str]:
    with zipfile.ZipFile(out / "letters.zip") as archive:
        return archive.namelist()


# --- item 4: one ownership check for everything perbup writes -----------------------------------

@pytest.mark.parametrize("target", [BUNDLE, "letters.zip"])
def test_a_hand_written_bundle_or_zip_is_not_replaced_without_force(ws: Path, tmp_path: Path,
                                                                    target: str) -> None:
    out = tmp_path / "out"
    (out / target).parent.mkdir(parents=True)
    (out / target).write_bytes(b"typed by hand")
    refused = run("letters", "-w", ws, "-o", out, "--combine", "-q")
    assert refused.code == 1
    assert refused.stderr == FOREIGN.format(out / target)
    assert (out / target).read_bytes() == b"typed by hand"
    assert not (out / LETTER).exists()  # checked before anything was written
    assert run("letters", "-w", ws, "-o", out, "--combine", "-q", "--force").code == 0
    assert (out / target).read_bytes()[:2] == b"PK"


def test_a_foreign_pdf_is_not_replaced_and_never_zipped(ws: Path, tmp_path: Path,
                                                        fake_office: Path) -> None:
    out = tmp_path / "out"
    assert run("letters", "-w", ws, "-o", out, "--combine", "-q").code == 0
    pdf = (out / LETTER).with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.4 someone else's PDF, newer than the letter\n%%EOF\n")
    again = run("letters", "-w", ws, "-o", out, "--combine", "-q")
    assert again.code == 0, again.stderr
    assert f"{LETTER[:-5]}.pdf" not in zipped(out)
    refused = run("letters", "-w", ws, "-o", out, "--pdf", "-q")
    assert refused.code == 1
    assert refused.stderr == FOREIGN.format(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-1.4 someone else's")
    made = run("letters", "-w", ws, "-o", out, "--pdf", "--combine", "-q", "--force")
    assert made.code == 0, made.stderr
    assert f"{LETTER[:-5]}.pdf" in zipped(out)


def test_every_file_in_the_way_is_named_at_once_the_eleventh_on_counted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ("letters", "-w", letter_seeds(), "-o", out, "--kecamatan", "Nekamese", "--kecamatan",
            "Semau", "-q")
    assert run(*args).code == 0
    letters = sorted((out / "letters").rglob("*.docx"))
    assert len(letters) > 11
    for letter in letters[:12]:
        letter.write_bytes(b"edited")
    refused = run(*args)
    assert refused.code == 1
    assert refused.stderr == "".join(FOREIGN.format(p) for p in letters[:10]) + (
        f"{out}: error: 2 more file(s) here, each: perbup did not write this file, or it was edited since\n"
        "  hint: move them away, or use --force to replace them\n")


def test_every_writer_records_what_it_wrote_in_one_place(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "content").mkdir()
    (ws / "content" / "perbup.yaml").write_bytes((SEEDS / "content" / "perbup.yaml").read_bytes())
    out = tmp_path / "out"
    assert run("build", "-w", ws, "-o", out, "-q").code == 0
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                   if p.is_file() and not p.name.startswith(".perbup-"))
    record = {line.split("\t")[1]: line.split("\t")[0] for line in written(out).splitlines()}
    assert sorted(record) == files == sorted(
        ["decree/perbup-draft.docx", LETTER, BUNDLE, "letters/manifest.csv", "letters.zip",
         "report/report.xlsx", "report/coverage.png", "report/report.docx"])
    for name, digest in record.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert not (out / "letters" / ".perbup-journal").exists()


# --- item 16: the zip holds what perbup wrote, checked by its own hashes -------------------------

def test_a_row_added_to_the_manifest_never_puts_another_file_in_the_zip(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    out = tmp_path / "out"
    assert run("report", "-w", ws, "-o", out).code == 0
    assert run("letters", "-w", ws, "-o", out, "--combine", "-q").code == 0
    manifest = out / "letters" / "manifest.csv"
    report = out / "report" / "report.xlsx"
    digest = hashlib.sha256(report.read_bytes()).hexdigest()
    with manifest.open("a", encoding="utf-8") as handle:
        handle.write(f"53.01.04.2004,Otan,Semau,x,report/report.xlsx,{digest},1,1,1\n")
    refused = run("letters", "-w", ws, "-o", out, "--combine", "-q")
    assert refused.code == 1
    assert refused.stderr == FOREIGN.format(manifest)
    forced = run("letters", "-w", ws, "-o", out, "--combine", "-q", "--force")
    assert forced.code == 0, forced.stderr
    assert zipped(out) == sorted([LETTER, BUNDLE, "letters/manifest.csv"])
    assert "report.xlsx" not in manifest.read_text(encoding="utf-8")


def test_a_letter_edited_since_is_left_out_of_the_zip(ws: Path, tmp_path: Path) -> None:
    other = make_workspace(tmp_path / "ws2", HEADER + aparat_rows() +
                           aparat_rows("53.01.04.2004", start=5))
    out = tmp_path / "out"
    assert run("letters", "-w", other, "-o", out, "-q").code == 0
    (edited,) = [p for p in (out / "letters" / FOLDER).glob("*.docx") if "Otan" in p.name]
    edited.write_bytes(edited.read_bytes() + b"edited")
    # This run writes Bokonusan only; Otan's letter is no longer as perbup wrote it.
    assert run("letters", "-w", other, "-o", out, "--desa", "53.01.04.2003", "--combine",
               "-q").code == 0
    assert zipped(out) == sorted([LETTER, BUNDLE, "letters/manifest.csv"])


# --- item 18: a PDF that no longer matches its document goes ------------------------------------

def test_a_pdf_of_an_older_letter_is_removed_when_the_letter_is_rewritten(
        ws: Path, tmp_path: Path, fake_office: Path) -> None:
    out = tmp_path / "out"
    full = run("letters", "-w", ws, "-o", out, "--full-nik", "--pdf", "--combine", "-q")
    assert full.code == 0, full.stderr
    pdf = (out / LETTER).with_suffix(".pdf")
    bundle_pdf = (out / BUNDLE).with_suffix(".pdf")
    assert pdf.is_file() and bundle_pdf.is_file()
    masked = run("letters", "-w", ws, "-o", out, "--combine", "-q")
    assert masked.code == 0, masked.stderr
    assert not pdf.exists() and not bundle_pdf.exists()
    assert zipped(out) == sorted([LETTER, BUNDLE, "letters/manifest.csv"])


def test_pdfs_made_from_the_current_letter_are_kept_and_counted_up_to_date(
        ws: Path, tmp_path: Path, fake_office: Path) -> None:
    out = tmp_path / "out"
    assert run("letters", "-w", ws, "-o", out, "--pdf", "--combine", "-q").code == 0
    again = run("letters", "-w", ws, "-o", out, "--pdf", "--combine", "-q")
    assert again.lines[-1] == (f"0 PDF(s) made, 2 up to date; 1 kecamatan bundle(s) in "
                               f"{out / 'letters'}, everything in {out / 'letters.zip'}")
    assert zipped(out) == sorted([LETTER, BUNDLE, f"{LETTER[:-5]}.pdf", f"{BUNDLE[:-5]}.pdf",
                                  "letters/manifest.csv"])


# --- item 17: the conversion's scratch stays in the output folder ------------------------------

def test_pdf_scratch_lives_in_the_output_folder_and_a_left_one_is_swept(
        ws: Path, tmp_path: Path, fake_office: Path) -> None:
    out = tmp_path / "out"
    killed = out / "letters" / FOLDER / f"{TEMP_PREFIX}office-k1ll3d" / "pdf0"
    killed.mkdir(parents=True)
    (killed / "53.01.04.2003-Bokonusan.pdf").write_bytes(b"%PDF half a letter with full NIKs")
    result = run("letters", "-w", ws, "-o", out, "--pdf", "-q")
    assert result.code == 0, result.stderr
    (outdir,) = fake_office.read_text(encoding="utf-8").splitlines()
    assert Path(outdir).parent.parent == (out / "letters" / FOLDER).resolve()
    assert Path(outdir).parent.name.startswith(f"{TEMP_PREFIX}office-")
    assert not list(out.rglob(f"{TEMP_PREFIX}*"))


def test_pdfs_in_a_relative_output_folder(ws: Path, fake_office: Path) -> None:
    # The default output folder, "output", is relative to where perbup runs.
    result = run("letters", "-w", ws, "-o", "output", "--pdf", "-q")
    assert result.code == 0, result.stderr
    assert (Path("output") / LETTER).with_suffix(".pdf").is_file()
    assert not list(Path("output").rglob(f"{TEMP_PREFIX}*"))


# --- item 10: bookkeeping never leaves the output folder ----------------------------------------

def test_a_linked_record_is_not_followed_out_of_the_folder(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone's notes\n", encoding="utf-8")
    (out / LEDGER).symlink_to(elsewhere)
    refused = run("report", "-w", ws, "-o", out)
    assert refused.code == 1
    assert refused.stderr == (
        f"{out / LEDGER}: error: this is a symbolic link; perbup keeps its files inside the output "
        "folder and does not follow links out of it\n"
        "  hint: remove the link, then run the same command again\n")
    assert elsewhere.read_text(encoding="utf-8") == "someone's notes\n"
    assert not (out / "report").exists()
    assert run("report", "-w", ws, "-o", out, "--force").code == 0
    assert elsewhere.read_text(encoding="utf-8") == "someone's notes\n"
    assert (out / LEDGER).is_file() and not (out / LEDGER).is_symlink()


def test_a_linked_letters_folder_is_neither_swept_nor_written(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    kept = elsewhere / f"{TEMP_PREFIX}not-perbups"
    kept.write_bytes(b"a file of someone else's that happens to have this name")
    (out / "letters").symlink_to(elsewhere, target_is_directory=True)
    refused = run("letters", "-w", ws, "-o", out, "-q")
    assert refused.code == 1
    assert refused.stderr == (
        f"{out / LETTER}: error: refusing to write it: it is outside the output folder {out}\n"
        "  hint: remove the symbolic link that leads out of the output folder, or choose another "
        "folder with -o\n"
        f"{out / 'letters' / 'manifest.csv'}: error: refusing to write it: it is outside the output "
        f"folder {out}\n"
        "  hint: remove the symbolic link that leads out of the output folder, or choose another "
        "folder with -o\n")
    assert kept.is_file()
    assert sorted(p.name for p in elsewhere.iterdir()) == [kept.name]


# --- item 11: one run at a time per output folder ----------------------------------------------

HOLD = """\
import fcntl, os, sys
handle = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(handle, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """The output folder, its lock held by another process until the test ends."""
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out / LOCK)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    yield out
    holder.communicate("")


def test_a_second_run_on_a_locked_folder_says_so_and_writes_nothing(ws: Path, held: Path) -> None:
    for command in (("letters",), ("report",), ("letters", "--combine")):
        refused = run(*command, "-w", ws, "-o", held)
        assert refused.code == 1, command
        assert refused.stderr.endswith(
            f"{held}: error: another perbup run is writing to this output folder\n"
            "  hint: wait for it to finish, then run the same command again, or choose another "
            "folder with -o\n")
    assert sorted(p.name for p in held.iterdir()) == [LOCK]


def test_the_lock_is_free_again_after_a_run(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("letters", "-w", ws, "-o", out, "-q").code == 0
    assert run("letters", "-w", ws, "-o", out, "--combine", "-q").code == 0
    assert (out / LOCK).is_file()


# --- item 9: operating-system errors and garbled bookkeeping as messages -----------------------

def _inside(path: Any, folder: Path) -> bool:
    return Path(os.fsdecode(path)).absolute().is_relative_to(folder.absolute())


def test_a_read_only_output_folder_is_named_with_a_hint(ws: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, whom a read-only mode does not stop: the kernel's refusal is given at
    # the OS call boundary instead, for every file or folder perbup would create in `out`.
    out = tmp_path / "out"
    out.mkdir()
    real_open, real_mkdir = os.open, os.mkdir

    def denied(path: Any) -> PermissionError:
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))

    def refuse_open(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and _inside(path, out):
            raise denied(path)
        return real_open(path, flags, mode, **kwargs)

    def refuse_mkdir(path: Any, mode: int = 0o777, **kwargs: Any) -> None:
        if _inside(path, out) and not os.path.isdir(path):
            raise denied(path)
        real_mkdir(path, mode, **kwargs)

    monkeypatch.setattr("os.open", refuse_open)
    monkeypatch.setattr("os.mkdir", refuse_mkdir)
    refused = run("letters", "-w", ws, "-o", out)
    monkeypatch.undo()
    assert refused.code == 1
    assert refused.stderr == (
        f"{out}: error: cannot write it: the folder is read-only or not yours to write in\n"
        "  hint: choose another output folder with -o, or get write permission on it\n")
    assert list(out.iterdir()) == []


def test_a_full_disk_is_named_with_a_hint_and_leaves_no_temporary(
        ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    real_write = os.write

    def full(handle: int, data: bytes) -> int:
        if len(data) > 1000:  # the record's short lines still fit; a letter does not
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(handle, data)

    monkeypatch.setattr("os.write", full)
    refused = run("letters", "-w", ws, "-o", out)
    monkeypatch.undo()
    assert refused.code == 1
    assert refused.stderr == (
        "writing 1 letter(s)\n"  # the phase it was in
        f"{(out / LETTER).resolve()}: error: cannot write it: the disk is full\n"
        "  hint: free some space (or choose another folder with -o), then run the same command "
        "again; what was written before is whole\n")
    assert not list(out.rglob(f"{TEMP_PREFIX}*"))
    assert not (out / LETTER).exists()
    again = run("letters", "-w", ws, "-o", out, "-q")  # space freed: the same command finishes
    assert again.code == 0, again.stderr
    assert (out / LETTER).is_file()


def test_a_file_where_a_folder_goes_is_named_before_anything_is_written(ws: Path,
                                                                        tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "letters").write_bytes(b"a file called letters")
    refused = run("letters", "-w", ws, "-o", out)
    assert refused.code == 1
    assert refused.stderr == (f"{out / 'letters'}: error: a file is in the way of a folder perbup "
                              "writes into\n  hint: move the file away, then run the same command "
                              "again\n")
    assert (out / "letters").read_bytes() == b"a file called letters"


def test_a_folder_where_a_file_goes_is_named_before_anything_is_written(ws: Path,
                                                                        tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "report" / "report.docx").mkdir(parents=True)
    refused = run("report", "-w", ws, "-o", out)
    assert refused.code == 1
    assert refused.stderr == (f"{out / 'report' / 'report.docx'}: error: a folder is in the way of "
                              "a file perbup writes\n  hint: move the folder away, then run the "
                              "same command again\n")
    assert not (out / "report" / "report.xlsx").exists()


def test_a_garbled_record_names_its_lines(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("letters", "-w", ws, "-o", out, "-q").code == 0
    good = written(out)
    (out / LEDGER).write_bytes(b"\xff\xfe garbage\n" + good.encode() + b"not a line\n")
    refused = run("letters", "-w", ws, "-o", out)
    assert refused.code == 1
    hint = ("  hint: perbup cannot tell which files it wrote: remove the line, or run with --force "
            "to rewrite the output and start the record anew\n")
    lines = len(good.splitlines())
    assert refused.stderr == (f"{out / LEDGER}:1: error: this line is not one perbup writes\n{hint}"
                              f"{out / LEDGER}:{lines + 2}: error: this line is not one perbup "
                              f"writes\n{hint}"
                              "2 error(s), 0 warning(s); nothing was written\n")
    assert run("letters", "-w", ws, "-o", out, "-q", "--force").code == 0
    assert written(out) == good


def test_a_garbled_manifest_is_refused_and_rewritten_with_force(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("letters", "-w", ws, "-o", out, "-q").code == 0
    manifest = out / "letters" / "manifest.csv"
    manifest.write_bytes(b"\xff\xfe\x00 not a manifest \x00\n\"unclosed")
    refused = run("letters", "-w", ws, "-o", out, "--combine")
    assert refused.code == 1
    assert refused.stderr == FOREIGN.format(manifest)
    forced = run("letters", "-w", ws, "-o", out, "--combine", "-q", "--force")
    assert forced.code == 0, forced.stderr
    rows = list(csv.DictReader(io.StringIO(manifest.read_text(encoding="utf-8"))))
    assert [r["file"] for r in rows] == [LETTER]


# --- item 19: kecamatan whose names come out alike keep their own folders ------------------------

def test_kecamatan_whose_names_sanitise_alike_get_their_own_folder_and_bundle(tmp_path: Path) -> None:
    desa = DESA + "53.01.09.2001,Oebelo,53.01.09,Kupang-Tengah\n"
    ws = make_workspace(tmp_path / "ws", HEADER + aparat_rows("53.01.08.2006", "530108") +
                        aparat_rows("53.01.09.2001", "530109", start=5), desa=desa)
    dataset = load_dataset(Workspace.load(ws))
    planned, _ = plan_letters(dataset, LettersOptions(out=tmp_path / "out"))
    assert [p.file for p in planned] == ["letters/53.01.08-Kupang-Tengah/53.01.08.2006-Oelnasi.docx",
                                         "letters/53.01.09-Kupang-Tengah/53.01.09.2001-Oebelo.docx"]
    out = tmp_path / "out"
    result = run("letters", "-w", ws, "-o", out, "--combine", "-q")
    assert result.code == 0, result.stderr
    assert sorted(zipped(out)) == sorted([
        "letters/53.01.08-Kupang-Tengah.docx", "letters/53.01.09-Kupang-Tengah.docx",
        *(p.file for p in planned), "letters/manifest.csv"])


def test_a_checksum_edited_in_the_manifest_is_the_records_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ("letters", "-w", letter_seeds(), "-o", out, "-q")
    assert run(*args, "--kecamatan", "Semau").code == 0
    manifest = out / "letters" / "manifest.csv"
    text = manifest.read_text(encoding="utf-8")
    first, last = (rows := list(csv.DictReader(io.StringIO(text))))[0], rows[-1]
    manifest.write_text(text.replace(first["sha256"], "0" * 64), encoding="utf-8")
    # the manifest is edited, so only --force writes over it; the letter of the first row is
    # not made again, and its row is kept with the checksum the record holds for it
    assert run(*args, "--desa", last["kode_desa"], "--force").code == 0
    assert manifest.read_text(encoding="utf-8") == text
