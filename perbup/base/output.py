"""Writing output safely: one record of what perbup wrote, a lock, atomic confined writes."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import operator
import os
import re
import secrets
import shutil
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath

from perbup.base.errors import DataError, OutputError
from perbup.base.problems import Problem
from perbup.base.signature import is_signed, signed_refusal

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Names Windows refuses whatever the extension (a drafter may copy the output to a Windows share).
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
TEMP_PREFIX = ".perbup-tmp-"
# Every file perbup writes in an output folder is recorded here with its checksum, before the
# file is replaced: a later run (even after a kill) tells its own output from a file someone put
# there or edited, and only its own letters go into letters.zip.
LEDGER = ".perbup-written"
# Held (flock) while a run writes, so two runs never interleave in one folder.
LOCK = ".perbup-lock"
# Output is shared, so a file gets the mode an ordinary file gets under the user's umask.
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK
# Bookkeeping files are opened without following a symbolic link, so a link planted in the
# output folder cannot make perbup write or read outside it.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_DIGEST = re.compile(r"[0-9a-f]{64}")
#: The PDF/A level `--pdf-a` asks LibreOffice for (ISO 19005-2, level B: the look preserved).
PDF_A = "PDF/A-2b"
_MAX_GARBLED = 10  # lines of a garbled record named one by one; the rest are counted


def safe_name(text: str, fallback: str = "x") -> str:
    """A file-name part from data: ASCII letters, digits, `.`, `_`, `-`; no `..`, no reserved name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = _UNSAFE.sub("-", ascii_text).strip(".-_")
    name = re.sub(r"\.{2,}", ".", name)[:80].strip(".-_")
    if not name or name.split(".")[0].lower() in _RESERVED:
        name = f"{fallback}-{name}" if name else fallback
    return name


def inside(root: Path, relative: str) -> Path:
    """`root/relative`, refusing anything that would land outside `root`."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise _problem(root / relative, f"refusing to write it: it is outside the output folder "
                       f"{root}", "remove the symbolic link that leads out of the output folder, "
                       "or choose another folder with -o")
    return target


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _problem(path: Path | str, message: str, hint: str) -> OutputError:
    return OutputError(Problem(str(path), None, "error", message, hint).format())


def _obstacle(path: Path) -> Path | None:
    """The first folder on the way to `path` that exists but is a file."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return None


def cannot_write(path: Path, exc: OSError) -> OutputError:
    """An operating-system error while writing `path`, as a message a clerk can act on."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return _problem(path, "cannot write it: the disk is full",
                        "free some space (or choose another folder with -o), then run the same "
                        "command again; what was written before is whole")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _problem(path, "cannot write it: the folder is read-only or not yours to write in",
                        "choose another output folder with -o, or get write permission on it")
    if code in (errno.EEXIST, errno.ENOTDIR) and (blocking := _obstacle(path)) is not None:
        return _problem(blocking, "a file is in the way of a folder perbup writes into",
                        "move the file away, then run the same command again")
    if code == errno.EISDIR or path.is_dir():
        return _problem(path, "a folder is in the way of a file perbup writes",
                        "move the folder away, then run the same command again")
    if code == errno.ELOOP:
        return _problem(path, "this is a symbolic link; perbup keeps its files inside the output "
                        "folder and does not follow links out of it",
                        "remove the link, then run the same command again")
    return _problem(path, f"cannot write it: {exc.strerror or exc}",
                    "check the disk and the output folder, then run the same command again")


def write_atomic(path: Path, data: bytes | Iterable[bytes], *,
                 before: Callable[[str], None] | None = None) -> str:
    """Writes `data` (bytes, or the pieces of a file too big to hold whole) to a temporary file
    beside `path`, syncs it, then renames it into place; returns its checksum.

    `before` is handed the checksum once the data is on disk, before the file is replaced (the
    record takes it there). The temporary name is chosen before the file exists (unlike
    mkstemp, which returns it only after creating the file), so a Ctrl-C landing anywhere in
    here still removes it. An operating-system error (disk full, read-only folder, something in
    the way) is an OutputError.
    """
    temp = path.parent / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
    digest = hashlib.sha256()
    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY,
                             FILE_MODE)
            try:
                for piece in (data,) if isinstance(data, bytes) else data:
                    digest.update(piece)
                    view = memoryview(piece)
                    while view:
                        view = view[os.write(handle, view):]
                os.fsync(handle)
            finally:
                os.close(handle)
            os.chmod(temp, FILE_MODE)
            if before is not None:
                before(digest.hexdigest())
            os.replace(temp, path)
        except OSError as exc:
            raise cannot_write(path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise
    return digest.hexdigest()


def pieces(lines: Iterable[str], size: int = 1 << 16) -> Iterator[bytes]:
    """`lines` as UTF-8, joined into pieces of about `size` bytes: what `write_atomic` writes of
    a file made line by line (a manifest, the record), never held whole."""
    batch: list[str] = []
    held = 0
    for line in lines:
        batch.append(line)
        held += len(line)
        if held >= size:
            yield "".join(batch).encode("utf-8")
            batch, held = [], 0
    if batch:
        yield "".join(batch).encode("utf-8")


def remove_stale_temporaries(folder: Path) -> int:
    """Deletes temporary files and folders an interrupted run left behind; returns how many.

    The walk never follows a symbolic link below `folder`, so it never deletes outside it.
    """
    count = 0
    for parent, folders, files in os.walk(folder) if folder.is_dir() else ():
        for name in [f for f in folders if f.startswith(TEMP_PREFIX)]:
            folders.remove(name)
            stale = os.path.join(parent, name)
            if os.path.islink(stale):
                os.unlink(stale)
            else:
                shutil.rmtree(stale, ignore_errors=True)
            count += 1
        for name in files:
            if name.startswith(TEMP_PREFIX):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(parent, name))
                count += 1
    return count


def _line(relative: str, digest: str, source: str) -> str:
    """One line of the record: checksum, path and, for a PDF, the checksum it was made from."""
    return f"{digest}\t{relative}" + (f"\t{source}" if source else "") + "\n"


def record(root: Path, relative: str, digest: str, source: str = "") -> None:
    """Appends one line to the output folder's record (see LEDGER): one short write, atomic
    among the processes of a batch."""
    line = _line(relative, digest, source)
    path = root / LEDGER
    try:
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _BINARY,
                         FILE_MODE)
        try:
            os.write(handle, line.encode("utf-8"))
        finally:
            os.close(handle)
    except OSError as exc:
        raise cannot_write(path, exc) from None


_MAX_NAMED = 10  # files in the way named one by one; the rest are counted


def pdf_source(docx_digest: str, pdf_a: bool) -> str:
    """What a PDF's record line holds as its source: the checksum of its Word file, and for a
    PDF/A a checksum of that and the standard, so a PDF of the other kind is made again."""
    return sha256(f"{docx_digest}\t{PDF_A}".encode()) if pdf_a else docx_digest


#: What perbup says of a file in the way that its record does not hold as the file is now.
FOREIGN = "perbup did not write this file, or it was edited since"


def foreign_message(root: Path, paths: Sequence[Path]) -> str:
    """The one message for files perbup would replace but did not write as they are now."""
    hint = "move it away, or use --force to replace it"
    problems = [Problem(str(p), None, "error", FOREIGN, hint) for p in paths[:_MAX_NAMED]]
    if len(paths) > _MAX_NAMED:
        problems.append(Problem(str(root), None, "error", f"{len(paths) - _MAX_NAMED} more file(s) "
                                f"here, each: {FOREIGN}", "move them away, or use --force to replace them"))
    return "\n".join(p.format() for p in problems)


class Ledger:
    """What perbup wrote in one output folder: for each path, the checksums of the contents it
    wrote there (and for a PDF, the checksum of the Word file it was made from).

    Every writer asks it whether a file in the way is perbup's own (`check`) and writes through
    it (`write`), so one rule decides for letters, bundles, letters.zip, PDFs, decree and report.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._base = root.resolve()
        # (path, checksum) -> the checksum of its source, or "": one small key a file written, not
        # a dict each, for a batch records tens of thousands of letters
        self._known: dict[tuple[str, str], str] = {}
        self._legacy: dict[str, set[str]] = {}  # file name -> checksums (the old one-name lines)
        self._legacy_lines: list[str] = []
        self._touched: dict[str, str] = {}  # path written in this run -> checksum of its last content

    @classmethod
    def load(cls, root: Path, *, force: bool = False) -> Ledger:
        """The record in `root`; a garbled one is a DataError naming its lines (ignored with
        `force`, which replaces every file anyway and writes the record anew)."""
        ledger = cls(root)
        path = root / LEDGER
        if not os.path.lexists(path):
            return ledger
        try:
            handle = os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY)
            try:
                with os.fdopen(handle, "rb", closefd=False) as stream:
                    text = stream.read().decode("utf-8", errors="replace")
            finally:
                os.close(handle)
        except OSError as exc:
            if force and exc.errno == errno.ELOOP:
                os.unlink(path)  # --force: a planted link is replaced by a real record
                return ledger
            error = cannot_write(path, exc)
            raise OutputError(str(error).replace("cannot write it", "cannot read it")) from None
        garbled: list[int] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not ledger._parse(line) and line.strip():
                garbled.append(number)
        if garbled and not force:
            hint = ("perbup cannot tell which files it wrote: remove the line, or run with "
                    "--force to rewrite the output and start the record anew")
            problems = [Problem(str(path), n, "error", "this line is not one perbup writes", hint)
                        for n in garbled[:_MAX_GARBLED]]
            if len(garbled) > _MAX_GARBLED:
                problems.append(Problem(str(path), None, "error",
                                        f"{len(garbled) - _MAX_GARBLED} more garbled line(s)", hint))
            raise DataError(problems)
        return ledger

    def _parse(self, line: str) -> bool:
        fields = line.split("\t")
        if 2 <= len(fields) <= 3 and _DIGEST.fullmatch(fields[0]) and fields[1] and (
                len(fields) == 2 or _DIGEST.fullmatch(fields[2])):
            self._known[(fields[1], fields[0])] = fields[2] if len(fields) == 3 else ""
            return True
        digest, _, name = line.partition(" ")
        if _DIGEST.fullmatch(digest) and name and "/" not in name and "\t" not in name:
            # Before one record served every file, decree and report lines named the file only.
            self._legacy.setdefault(name, set()).add(digest)
            self._legacy_lines.append(line)
            return True
        return False

    def relative(self, path: Path | str) -> str:
        """`path` (absolute, or relative to the output folder) as the record names it."""
        if isinstance(path, str):
            posix = str(PurePosixPath(path))
            return path if posix == path else posix  # the caller's string kept, not a copy made
        return inside(self.root, str(path.resolve())).relative_to(self._base).as_posix()

    def _digest(self, path: Path) -> str | None:
        """The checksum of the file at `path`, or None; read in pieces, for the record of a
        national batch is megabytes."""
        try:
            if not path.is_file():
                return None
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                while piece := handle.read(1 << 20):
                    digest.update(piece)
            return digest.hexdigest()
        except OSError:
            return None

    def owns(self, path: Path | str) -> bool:
        """Whether the file there now is one perbup wrote there, as it is now."""
        return self.own_digest(path) is not None

    def own_digest(self, path: Path | str) -> str | None:
        """The checksum of the file there now if perbup wrote it there as it is now, else None:
        the one answer to "did perbup write this file?"."""
        relative = self.relative(path)
        digest = self._digest(self.root / relative)
        if digest is not None and ((relative, digest) in self._known
                                   or digest in self._legacy.get(PurePosixPath(relative).name, ())):
            return digest
        return None

    def pdf_current(self, document: Path | str, pdf_a: bool | None = None) -> bool:
        """Whether the PDF beside `document` is perbup's and was made from the document as it is
        (as a PDF/A when `pdf_a` is True, as a plain PDF when False, either way when None)."""
        relative = self.relative(document)
        pdf = str(PurePosixPath(relative).with_suffix(".pdf"))
        digest = self._digest(self.root / pdf)
        made_from = self._digest(self.root / relative)
        if digest is None or made_from is None:
            return False
        kinds = (False, True) if pdf_a is None else (pdf_a,)
        return self._known.get((pdf, digest)) in {pdf_source(made_from, k) for k in kinds}

    def check(self, paths: Iterable[Path | str], *, force: bool) -> None:
        """OutputError naming what is in the way of `paths`: a file perbup did not write as it is
        now (unless `force`), a folder where a file goes, a file where a folder goes."""
        foreign: list[Path] = []
        blocked: list[str] = []
        signed: list[Path] = []
        for relative in dict.fromkeys(self.relative(p) for p in paths):
            shown = self.root / relative
            try:
                inside(self.root, relative)
            except OutputError as exc:
                blocked.append(str(exc))
                continue
            if (blocking := _obstacle(shown)) is not None and blocking.is_relative_to(self.root):
                blocked.append(str(cannot_write(shown, OSError(errno.ENOTDIR, "in the way"))))
            elif shown.is_dir():
                blocked.append(str(cannot_write(shown, OSError(errno.EISDIR, "in the way"))))
            elif os.path.lexists(shown) and not self.owns(relative):
                if is_signed(shown):  # never replaced, --force or not: it would lose its signature
                    signed.append(shown)
                elif not force:
                    foreign.append(shown)
        if foreign or blocked or signed:
            raise OutputError("\n".join([
                *dict.fromkeys(blocked),
                *(signed_refusal(p).format() for p in signed),
                *([foreign_message(self.root, foreign)] if foreign else [])]))

    def write(self, path: Path | str, data: bytes | Iterable[bytes], source: str = "") -> Path:
        """Writes the file atomically (from bytes, or the pieces `pieces` makes), recording its
        checksum before it replaces what was there; returns where it went."""
        relative = self.relative(path)
        target = inside(self.root, relative)
        digest = write_atomic(target, data,
                              before=lambda digest: record(self.root, relative, digest, source))
        self.note(relative, digest, source)
        return target

    def write_pdf(self, pdf: Path, data: bytes, pdf_a: bool = False) -> None:
        """Writes a PDF, recording the Word file beside it as what it was made from."""
        made_from = self._digest(pdf.with_suffix(".docx"))
        self.write(pdf, data, pdf_source(made_from, pdf_a) if made_from else "")

    def note(self, path: Path | str, digest: str, source: str = "") -> None:
        """Takes note of a file a worker process recorded and wrote."""
        relative = self.relative(path)
        self._known[(relative, digest)] = source
        self._touched[relative] = digest

    def drop_stale_pdf(self, document: Path | str) -> bool:
        """Removes perbup's PDF beside `document` when it was made from another version of it: a
        PDF that no longer shows its document (a full-NIK PDF beside a masked letter) must go."""
        relative = self.relative(document)
        pdf = str(PurePosixPath(relative).with_suffix(".pdf"))
        if not os.path.lexists(self.root / pdf) or not self.owns(pdf) or self.pdf_current(relative):
            return False
        (self.root / pdf).unlink()
        self._touched.pop(pdf, None)  # the record keeps only files still there (see compact)
        return True

    def compact(self) -> None:
        """Rewrites the record with only the files still there: for a file written in this run,
        its last content; for the others, all they may hold."""
        def lines() -> Iterator[str]:  # made twice (checksum, then file): a batch's record is megabytes
            for line in self._legacy_lines:
                yield f"{line}\n"
            for relative, known in itertools.groupby(sorted(self._known), key=operator.itemgetter(0)):
                if not (self.root / relative).is_file():
                    continue
                last = self._touched.get(relative)
                for _, digest in known:
                    if last is None or digest == last:
                        yield _line(relative, digest, self._known[(relative, digest)])

        new = hashlib.sha256()
        for piece in pieces(lines()):
            new.update(piece)
        path = self.root / LEDGER
        if self._digest(path) != new.hexdigest():
            write_atomic(path, pieces(lines()))


_sessions: dict[Path, Ledger] = {}


@contextlib.contextmanager
def session(out: Path, *, force: bool = False) -> Iterator[Ledger]:
    """Locks the output folder, sweeps what a killed run left half-written, and yields its
    record; a run ended without an error compacts the record.

    Re-entrant in one process: `perbup build` holds the folder for every document it makes.
    """
    key = out.resolve()
    if key in _sessions:
        yield _sessions[key]
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(out, exc) from None
    handle = _lock(out)
    try:
        ledger = Ledger.load(out, force=force)
        remove_stale_temporaries(out)
        _sessions[key] = ledger
        try:
            yield ledger
        finally:
            del _sessions[key]
        ledger.compact()
    finally:
        os.close(handle)  # closing the file releases the lock


def _lock(out: Path) -> int:
    path = out / LOCK
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _BINARY, FILE_MODE)
    except OSError as exc:
        denied = exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
        raise cannot_write(out if denied else path, exc) from None
    try:
        _try_lock(handle)
    except OSError as exc:
        os.close(handle)
        if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise cannot_write(path, exc) from None
        raise _problem(out, "another perbup run is writing to this output folder",
                       "wait for it to finish, then run the same command again, or choose "
                       "another folder with -o") from None
    return handle


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: int) -> None:
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
else:
    import fcntl

    def _try_lock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
