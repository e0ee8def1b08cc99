"""Writing output safely: atomic files, safe names from data, never outside the output folder."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
from pathlib import Path

from perbup.errors import OutputError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Names Windows refuses whatever the extension (a drafter may copy the output to a Windows share).
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
TEMP_PREFIX = ".perbup-tmp-"
# Output is shared, so a file gets the mode an ordinary file gets under the user's umask.
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


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
        raise OutputError(f"refusing to write {relative}: it is outside the output folder {root}")
    return target


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Writes `data` to a temporary file beside `path`, syncs it, then renames it into place.

    The temporary name is chosen before the file exists (unlike mkstemp, which returns it only
    after creating the file), so a Ctrl-C landing anywhere in here still removes it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.parent / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, FILE_MODE)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> int:
    """Deletes temporary files an interrupted run left behind; returns how many."""
    count = 0
    for stale in folder.rglob(f"{TEMP_PREFIX}*") if folder.is_dir() else ():
        stale.unlink(missing_ok=True)
        count += 1
    return count


# Every file perbup writes outside the letters batch (which has its own manifest) is logged here
# with its checksum, so a later run can tell its own output from a file someone put or edited.
WRITTEN_LOG = ".perbup-written"


def _logged(out: Path) -> set[str]:
    log = out / WRITTEN_LOG
    if not log.is_file():
        return set()
    return {line.split(" ", 1)[0] for line in log.read_text(encoding="utf-8").splitlines() if line}


def refuse_foreign(out: Path, paths: list[Path], force: bool) -> None:
    """OutputError when a file about to be replaced was not written by perbup as it is now."""
    if force:
        return
    known = _logged(out)
    foreign = [p for p in paths if p.is_file() and sha256(p.read_bytes()) not in known]
    if foreign:
        listed = ", ".join(str(p) for p in foreign[:3]) + (" ..." if len(foreign) > 3 else "")
        raise OutputError(f"{len(foreign)} existing file(s) were not written by perbup or were "
                          f"edited since: {listed}; move them away, or use --force to replace them")


def write_owned(out: Path, path: Path, data: bytes) -> None:
    """Logs the checksum, then writes `path` atomically (see refuse_foreign)."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / WRITTEN_LOG).open("a", encoding="utf-8") as handle:
        handle.write(f"{sha256(data)} {path.name}\n")
    write_atomic(path, data)
