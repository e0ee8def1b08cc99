"""Converts Word files to PDF with LibreOffice, many files per start, in a small pool of processes."""

from __future__ import annotations

import functools
import hashlib
import io
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from perbup.base.errors import OfficeError, OutputError
from perbup.base.output import TEMP_PREFIX, session, write_atomic
from perbup.base.problems import Problem
from perbup.base.progress import SILENT, Progress
from perbup.base.signature import is_signed, signed_refusal
from perbup.docx.ns import W, clark

INSTALL = "sudo apt-get install libreoffice-writer-nogui fonts-urw-base35"
MISSING = f"LibreOffice is not installed; PDFs were not made. Install it with: {INSTALL}"
# A start takes ~2 s and a two-page letter ~0.3 s; a process that prints nothing for this long
# is stuck (a dialog, a broken file it loops on), not slow.
IDLE_TIMEOUT = 120.0
# The Debian package that gives each proprietary font a metric-compatible substitute, so the
# PDF keeps Word's line breaks instead of falling back to DejaVu (see docs/pdf.md).
FONT_PACKAGES = {"bookman old style": "fonts-urw-base35", "calibri": "fonts-crosextra-carlito",
                 "cambria": "fonts-crosextra-caladea", "times new roman": "fonts-liberation",
                 "arial": "fonts-liberation", "courier new": "fonts-liberation"}

_W = clark(W)
_FONT_ATTRIBUTES = tuple(f"{_W}{a}" for a in ("ascii", "hAnsi", "cs", "eastAsia"))
_FONT_PARTS = re.compile(r"word/(document|styles|numbering|header\d*|footer\d*)\.xml$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
# LibreOffice stamps each PDF with the time and an ID and checksum hashed from it; these are
# rewritten in place, same length, so the xref offsets stay right and equal input gives equal bytes.
_CREATION_DATE = re.compile(rb"/CreationDate\s*\(D:[0-9Z+\-']*\)")
_ID = re.compile(rb"(/ID\s*\[\s*<)[0-9A-Fa-f]{32}(>\s*<)[0-9A-Fa-f]{32}(>\s*\])")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)[0-9A-Fa-f]{32}")
# A PDF/A repeats the time in its XMP metadata (uncompressed, so it is blanked the same way).
_XMP_DATES = re.compile(rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*</xmp:\1>")
_PROFILE_REF = re.compile(rb"/DestOutputProfile (\d+) 0 R")
# One classic cross-reference section: its entries are 20 bytes each, 10 digits of offset first.
_XREF = re.compile(rb"\nxref\n(0 \d+\r?\n)((?:\d{10} \d{5} [nf][ \r]?[\r\n])+)")
_ICC_DATE = bytes.fromhex("07d0 0001 0001 0000 0000 0000")  # 2000-01-01 00:00:00, big-endian
# LibreOffice's PDF export filter, as a JSON filter option (LibreOffice 7.4 and later): version 2
# is PDF/A-2b; fonts are embedded, the identification and Dublin Core go into the XMP metadata,
# with an sRGB output intent, the title and author of the Word file's properties, its language.
PDF_A_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def find_office() -> str | None:
    """The LibreOffice program on PATH (`soffice`, else `libreoffice`), or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class _Process:
    """One LibreOffice process converting one chunk of files into its own folder."""

    files: list[Path]
    outdir: Path
    popen: subprocess.Popen[str]
    last_seen: float
    reported: int = 0
    lines: list[str] = field(default_factory=list)
    timed_out: bool = False


def make_pdfs(out: Path, documents: Sequence[str], *, jobs: int = 1, force: bool = False,
              pdf_a: bool = False, progress: Progress = SILENT) -> tuple[list[Path], int]:
    """PDFs (PDF/A-2b with `pdf_a`) of `documents` (relative to the output folder `out`) that
    lack an up-to-date one of that kind, through the folder's record: a PDF in the way that
    perbup did not write is refused (unless `force`), a signed one always, and each PDF made is
    recorded with the Word file it shows. Returns the PDFs made and how many were up to date."""
    with session(out, force=force) as ledger:
        ledger.check([str(PurePosixPath(d).with_suffix(".pdf")) for d in documents], force=force)
        todo = list(documents) if force else [d for d in documents
                                              if not ledger.pdf_current(d, pdf_a)]
        if not todo:
            return [], len(documents)
        with progress.phase("pdf", len(todo)) as step:
            made = convert_to_pdf([ledger.root / d for d in todo], jobs=jobs, progress=step,
                                  write=functools.partial(ledger.write_pdf, pdf_a=pdf_a),
                                  pdf_a=pdf_a)
        return made, len(documents) - len(todo)


def convert_to_pdf(docx_paths: Sequence[Path], *, jobs: int = 1,
                   progress: Callable[[int], None] | None = None,
                   timeout: float = IDLE_TIMEOUT, office: str | None = None,
                   write: Callable[[Path, bytes], object] = write_atomic,
                   pdf_a: bool = False) -> list[Path]:
    """Writes a PDF beside each Word file (same name, `.pdf`; a PDF/A-2b with `pdf_a`) and
    returns their paths in order. A signed PDF in the way is an OutputError before anything
    is converted: a signature does not survive a rewrite.

    The files are split into at most `jobs` chunks; each chunk is converted by one LibreOffice
    process started once for all its files, with a profile of its own so the processes run in
    parallel. Each PDF is written atomically (by `write`). `progress(n)` is called as files are
    done. A process silent for `timeout` seconds is killed. Raises OfficeError when LibreOffice
    is missing or naming every file that could not be converted (the others are written).
    """
    paths = [Path(p) for p in docx_paths]
    if not paths:
        return []
    office = office or find_office()
    if office is None:
        raise OfficeError(MISSING)
    for path in paths:
        if not path.is_file():
            raise OfficeError(f"{path}: error: the file does not exist; cannot make its PDF")
        if path.suffix.lower() == ".docx" and not zipfile.is_zipfile(path):
            raise OfficeError(f"{path}: error: this is not a Word .docx file; cannot make its PDF")
    signed = [p.with_suffix(".pdf") for p in paths if is_signed(p.with_suffix(".pdf"))]
    if signed:
        raise OutputError("\n".join(signed_refusal(p).format() for p in signed))
    failures: list[str] = []
    for batch in _rounds(paths):
        failures += _convert_round(office, batch, max(1, jobs), progress, timeout, write, pdf_a)
    if failures:
        raise OfficeError("\n".join(failures))
    return [p.with_suffix(".pdf") for p in paths]


def _rounds(paths: list[Path]) -> list[list[Path]]:
    """Groups without two files of the same name: LibreOffice names a PDF after its file only."""
    rounds: list[list[Path]] = []
    for path in dict.fromkeys(paths):
        free = [r for r in rounds if all(p.stem != path.stem for p in r)]
        if free:
            free[0].append(path)
        else:
            rounds.append([path])
    return rounds


def _weight(path: Path) -> int:
    """About how long a file takes to convert: the size of its text (a bundle of eight letters
    weighs eight letters), or of the file when it is not a .docx."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.getinfo("word/document.xml").file_size
    except (zipfile.BadZipFile, KeyError):
        return path.stat().st_size
    except OSError:
        return 0


def _chunks(paths: list[Path], count: int) -> list[list[Path]]:
    """`paths` cut into `count` (or fewer) chunks of about equal work, each in the given order:
    the heaviest file goes to the lightest chunk first."""
    count = min(count, len(paths))
    weights = {p: _weight(p) for p in paths}
    loads = [0] * count
    owner: dict[Path, int] = {}
    for path in sorted(paths, key=lambda p: -weights[p]):  # stable: ties keep their order
        lightest = loads.index(min(loads))
        owner[path] = lightest
        loads[lightest] += weights[path] or 1
    return [[p for p in paths if owner[p] == i] for i in range(count)]


def _command(office: str, profile: Path, outdir: Path, files: list[Path],
             pdf_a: bool = False) -> list[str]:
    # The import filter makes LibreOffice refuse a damaged .docx instead of printing it as text.
    infilter = (["--infilter=MS Word 2007 XML"] if all(f.suffix.lower() == ".docx" for f in files)
                else [])
    return [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--nologo", "--nodefault", "--norestore", "--nolockcheck", *infilter,
            "--convert-to", PDF_A_FILTER if pdf_a else "pdf", "--outdir", str(outdir),
            *(str(f.absolute()) for f in files)]


def _read(index: int, stream: Iterable[str], lines: queue.Queue[tuple[int, str | None]]) -> None:
    for line in stream:
        lines.put((index, line.rstrip("\n")))
    lines.put((index, None))


def _convert_round(office: str, paths: list[Path], jobs: int,
                   progress: Callable[[int], None] | None, timeout: float,
                   write: Callable[[Path, bytes], object], pdf_a: bool) -> list[str]:
    """Runs the processes of one round to the end; moves their PDFs into place; returns failures."""
    lines: queue.Queue[tuple[int, str | None]] = queue.Queue()
    processes: list[_Process] = []
    readers: list[threading.Thread] = []
    # The profiles and the PDFs being made live beside the documents under a temporary name, not
    # in /tmp: a killed run leaves them where the next run sweeps its temporaries (letters may
    # hold full NIKs, and must not pile up in a shared /tmp).
    # (absolute: LibreOffice takes its profile as a file URI, and the output folder may be relative)
    scratch = paths[0].parent.absolute()
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}office-", dir=scratch) as temp:
        try:
            for i, files in enumerate(_chunks(paths, jobs)):
                outdir = Path(temp) / f"pdf{i}"
                popen = subprocess.Popen(
                    _command(office, Path(temp) / f"profile{i}", outdir, files, pdf_a),
                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                    text=True, errors="replace", start_new_session=True)
                processes.append(_Process(files, outdir, popen, time.monotonic()))
                assert popen.stdout is not None
                reader = threading.Thread(target=_read, args=(i, popen.stdout, lines), daemon=True)
                reader.start()
                readers.append(reader)
            _watch(processes, lines, progress, timeout)
        finally:
            for process in processes:
                if process.popen.poll() is None:
                    _kill(process.popen)
            for reader in readers:
                reader.join(timeout=10)
        return [failure for process in processes for failure in _collect(process, write)]


def _watch(processes: list[_Process], lines: queue.Queue[tuple[int, str | None]],
           progress: Callable[[int], None] | None, timeout: float) -> None:
    """Follows the processes' output until all have ended, reporting progress, killing stuck ones."""
    running = set(range(len(processes)))
    while running:
        try:
            index, line = lines.get(timeout=1.0)
        except queue.Empty:
            index, line = -1, None
        now = time.monotonic()
        if index in running:
            process = processes[index]
            process.last_seen = now
            if line is None:
                try:
                    process.popen.wait(timeout=timeout)
                except subprocess.TimeoutExpired:  # its output closed but it does not end
                    process.timed_out = True
                    _kill(process.popen)
                running.discard(index)
                _report(process, len(process.files), progress)
            else:
                process.lines.append(line)
                # One "convert A -> B" or "Error: ..." line per input file.
                if line.startswith(("convert ", "Error:")):
                    _report(process, process.reported + 1, progress)
        for stuck in [i for i in running if now - processes[i].last_seen > timeout]:
            processes[stuck].timed_out = True
            _kill(processes[stuck].popen)
            running.discard(stuck)


def _report(process: _Process, done: int, progress: Callable[[int], None] | None) -> None:
    done = min(done, len(process.files))
    if progress and done > process.reported:
        progress(done - process.reported)
    process.reported = max(done, process.reported)


def _kill(popen: subprocess.Popen[str]) -> None:
    """Ends the process and the soffice.bin it started (they share a session)."""
    try:
        os.killpg(popen.pid, signal.SIGKILL)
    except (AttributeError, ProcessLookupError, PermissionError):  # no process groups on Windows
        popen.kill()
    popen.wait()


def _collect(process: _Process, write: Callable[[Path, bytes], object]) -> list[str]:
    """Moves each finished PDF of a process beside its Word file; names the files without one."""
    failures = []
    for path in process.files:
        made = process.outdir / f"{path.stem}.pdf"
        data = made.read_bytes() if made.is_file() else b""
        if data.rstrip().endswith(b"%%EOF"):  # a PDF cut short by a kill has no end marker
            write(path.with_suffix(".pdf"), normalise_pdf(data))
            continue
        if process.timed_out:
            why = "LibreOffice stopped responding and was stopped"
        elif process.popen.returncode:
            why = f"LibreOffice ended with exit code {process.popen.returncode}"
        else:
            why = "LibreOffice could not open or convert it"
        said = [line for line in process.lines if line.startswith("Error")]
        if said:
            why += f" ({said[0]})"
        failures.append(f"{path}: error: no PDF was made: {why}; open it in Word or LibreOffice "
                        "to see whether it is damaged")
    return failures


def normalise_pdf(data: bytes) -> bytes:
    """LibreOffice's PDF without its creation time, and with an ID and checksum hashed from the
    content: the same document gives the same bytes. Left as it is when the markers are not
    found exactly once (another PDF writer)."""
    if len(_CREATION_DATE.findall(data)) != 1 or len(_ID.findall(data)) != 1:
        return data
    data = _fixed_profile(data)
    data = _CREATION_DATE.sub(lambda m: b" " * len(m.group()), data)
    data = _XMP_DATES.sub(lambda m: b" " * len(m.group()), data)
    blank = _ID.sub(lambda m: m.group(1) + b"0" * 32 + m.group(2) + b"0" * 32 + m.group(3), data)
    blank = _CHECKSUM.sub(lambda m: m.group(1) + b"0" * 32, blank)
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()
    data = _ID.sub(lambda m: m.group(1) + digest + m.group(2) + digest + m.group(3), data)
    return _CHECKSUM.sub(lambda m: m.group(1) + digest, data)


def _fixed_profile(data: bytes) -> bytes:
    """A PDF/A's output intent without the time its colour profile was made: LibreOffice makes
    the sRGB profile at each export and stamps it with the time (ICC header bytes 24-35). The
    profile is compressed, so the stream changes length; its /Length, the cross-reference table
    and startxref are moved by as much. Left as it is when anything is not as expected."""
    found = _PROFILE_REF.search(data)
    xref = _XREF.search(data)
    if found is None or xref is None or data.count(b"\nxref\n") != 1:
        return data
    head = re.search(rb"\n" + found.group(1) + rb" 0 obj\n<<([^>]*)>>\nstream\r?\n", data)
    if head is None or b"/FlateDecode" not in head.group(1):
        return data
    start = head.end()
    end = data.find(b"endstream", start)
    body = data[start:end]
    trailing = body[len(body.rstrip(b"\r\n")):]
    try:
        profile = bytearray(zlib.decompress(body))
    except zlib.error:
        return data
    if profile[36:40] != b"acsp":
        return data
    profile[24:36] = _ICC_DATE
    packed = zlib.compress(bytes(profile), 6)
    length = re.search(rb"/Length (\d+)( 0 R)?", head.group(1))
    if length is None:
        return data
    edits: list[tuple[int, int, bytes]] = [(start, end, packed + trailing)]  # (from, to, bytes)
    if length.group(2):
        target = re.search(rb"\n" + length.group(1) + rb" 0 obj\n(\d+)\nendobj", data)
        if target is None:
            return data
        edits.append((target.start(1), target.end(1), str(len(packed)).encode()))
    else:
        at = head.start(1) + length.start(1)
        edits.append((at, at + len(length.group(1)), str(len(packed)).encode()))
    return _apply(data, edits, xref)


def _apply(data: bytes, edits: list[tuple[int, int, bytes]], xref: re.Match[bytes]) -> bytes:
    """`data` with each (from, to, bytes) edit made, and the cross-reference table's offsets
    and startxref moved to where the objects now are."""
    def moved(offset: int) -> int:
        return offset + sum(len(new) - (b - a) for a, b, new in edits if a < offset)

    table = xref.group(2)
    rows = [table[i:i + 20] for i in range(0, len(table), 20)]
    shifted = b"".join(b"%010d" % moved(int(row[:10])) + row[10:] if row[17:18] == b"n" else row
                       for row in rows)
    edits.append((xref.start(2), xref.end(2), shifted))
    tail = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if tail is None:
        return data
    position = int(tail.group(1))
    edits.append((tail.start(1), tail.end(1), str(moved(position)).encode()))
    out = bytearray(data)
    for a, b, new in sorted(edits, reverse=True):
        out[a:b] = new
    return bytes(out)


_TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml$")


def named_fonts(docx: Path | bytes, *, body_only: bool = False) -> list[str]:
    """The fonts a Word file (its path or bytes) names in its text, styles, numbering, headers
    and footers; with `body_only`, in its text, headers and footers only (what a document prints
    for certain)."""
    names: set[str] = set()
    parts = _TEXT_PARTS if body_only else _FONT_PARTS
    with zipfile.ZipFile(io.BytesIO(docx) if isinstance(docx, bytes) else docx) as archive:
        for member in archive.namelist():
            if parts.match(member):
                root = etree.fromstring(archive.read(member), _PARSER)
                for element in root.iter(f"{_W}rFonts"):
                    names.update(v for a in _FONT_ATTRIBUTES if (v := element.get(a)))
    return sorted(names)


def pdf_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """Each font in a PDF (`pdffonts`), without the subset tag, and whether it is embedded."""
    tool = shutil.which("pdffonts")
    if tool is None:
        raise OfficeError("pdffonts is not installed; install it with: sudo apt-get install poppler-utils")
    done = subprocess.run([tool, str(pdf)], capture_output=True, text=True, check=False,
                          timeout=60)
    if done.returncode:
        raise OfficeError(f"{pdf}: error: pdffonts cannot read it: {done.stderr.strip()}")
    lines = done.stdout.splitlines()
    if len(lines) < 2:
        return []
    # Columns are fixed-width, their extent shown by the dashes under the header.
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    fonts = []
    for line in lines[2:]:
        cells = [line[a:b if i < len(spans) - 1 else None].strip() for i, (a, b) in enumerate(spans)]
        name = cells[0].split("+", 1)[-1] if re.match(r"[A-Z]{6}\+", cells[0]) else cells[0]
        fonts.append((name, len(cells) > 3 and cells[3] == "yes"))
    return fonts


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _substitute(name: str) -> tuple[str, set[str]]:
    """The family fontconfig uses for `name`, and the PostScript names of that family's faces."""
    match, listing = shutil.which("fc-match"), shutil.which("fc-list")
    if match is None or listing is None:
        return "", set()
    family = subprocess.run([match, "-f", "%{family[0]}", name], capture_output=True, text=True,
                            check=False, timeout=30).stdout.strip()
    if not family:
        return "", set()
    pattern = ":family=" + re.sub(r"([\\\-:,])", r"\\\1", family)
    faces = subprocess.run([listing, "-f", "%{postscriptname}\n", pattern], capture_output=True,
                           text=True, check=False, timeout=30).stdout.split()
    return family, {_key(f) for f in faces}


def fallback_font(name: str) -> str:
    """The family LibreOffice would print `name` in when that is fontconfig's last resort
    (DejaVu: the font and any metric-compatible substitute are missing), else ""; "" too when
    fontconfig is not installed, as nothing can be told then."""
    family, _ = _substitute(name)
    return family if "dejavu" in family.lower() and "dejavu" not in name.lower() else ""


def font_report(pdf: Path, names: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """For each font a document names, the fonts the PDF shows it in ("" when none).

    `names` defaults to the fonts named in the .docx beside the PDF. The PDF's fonts are matched
    through fontconfig (`fc-match`), as LibreOffice chooses a substitute the same way: with
    fonts-urw-base35, ("Bookman Old Style", "URWBookmanLight, URWBookmanDemi").
    """
    if names is None:
        docx = pdf.with_suffix(".docx")
        names = named_fonts(docx) if docx.is_file() else []
    fonts = [name for name, _ in pdf_fonts(pdf)]
    report = []
    for name in names:
        family, faces = _substitute(name)
        keys = {_key(name), *faces} | ({_key(family)} if family else set())
        shown = [f for f in fonts if _key(f) in keys or any(k and _key(f).startswith(k) for k in
                                                            (_key(name), _key(family)))]
        report.append((name, ", ".join(dict.fromkeys(shown))))
    return report


def font_problems(pdf: Path, names: Iterable[str] | None = None) -> list[Problem]:
    """A warning for each named font the PDF shows in DejaVu, fontconfig's last resort: the
    font is missing and the print will not match Word's (lines break elsewhere)."""
    problems = []
    for name, shown in font_report(pdf, names):
        if "dejavu" in shown.lower() and "dejavu" not in name.lower():
            package = FONT_PACKAGES.get(name.lower())
            fix = (f"install its substitute with: sudo apt-get install {package}" if package
                   else "install it or a metric-compatible substitute")
            problems.append(Problem(str(pdf), None, "warning",
                                    f"the font {name} is missing and the PDF shows it as {shown}, "
                                    "so lines break elsewhere than in Word",
                                    f"{fix}, then make the PDFs again with --force"))
    return problems
