"""`perbup diff`: two versions of a content file (two files, or one file and its state at a git
revision) compared, and the matriks and the redline written for review."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from perbup.base.errors import DataError, UsageError
from perbup.base.output import session
from perbup.base.paths import display_path
from perbup.base.problems import Problem
from perbup.compute.revisi import Revision, compare
from perbup.documents.matriks import matriks
from perbup.documents.redline import Marks, redline
from perbup.docx.package import Properties
from perbup.load.content import Content, load_content

MATRIKS = "matriks-perubahan.docx"
REDLINE = "redline.docx"
_TITLES = {"perbup": "Peraturan Bupati", "instruksi": "Instruksi Bupati",
           "surat_edaran": "Surat Edaran Bupati"}


def at_revision(path: Path, rev: str) -> bytes:
    """The bytes of `path` as git holds them at revision `rev` (`git show REV:./FILE`)."""
    if rev.startswith("-"):  # never an option to git, whatever it says
        raise UsageError(f"--rev {rev}: a revision does not start with '-'")
    git = shutil.which("git")
    if git is None:
        raise UsageError("--rev reads the older version with git, which is not installed; "
                         "compare two files instead: perbup diff OLD NEW")
    if not path.is_file():
        raise UsageError(f"{display_path(path)}: no such file")
    folder = path.resolve().parent
    inside = subprocess.run([git, "-C", str(folder), "rev-parse", "--is-inside-work-tree"],
                            capture_output=True, text=True, check=False)
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise UsageError(f"{display_path(path)} is not in a git repository, so there is no "
                         f"revision {rev} of it to read; compare two files instead: "
                         "perbup diff OLD NEW")
    shown = subprocess.run([git, "-C", str(folder), "show", f"{rev}:./{path.name}"],
                           capture_output=True, check=False)
    if shown.returncode != 0:
        said = shown.stderr.decode(errors="replace")
        if "exists on disk, but not in" in said or "does not exist in" in said:
            raise UsageError(f"{display_path(path)} was not in the repository at revision {rev}")
        raise UsageError(f"git knows no revision {rev!r} of {display_path(path)}")
    return shown.stdout


def _load(path: Path, display: str, data: bytes | None = None) -> Content:
    if data is None and not path.is_file():
        raise DataError([Problem(display, None, "error", "no such file")])
    content, _ = load_content(path, display, data)
    return content


@dataclass(frozen=True)
class Versions:
    """The two versions compared, and what changed."""

    old: Content
    new: Content
    revision: Revision

    @property
    def title(self) -> str:
        """What the matriks is of: "Peraturan Bupati tentang …"."""
        return f"{_TITLES[self.new.jenis]} tentang {self.new.judul}"

    @property
    def date(self) -> dt.date | None:
        """The date the tracked changes carry unless one is given: the day the new draft says it
        is signed (`penetapan: tanggal:`), if it says so."""
        return self.new.penetapan.tanggal


def load_versions(files: tuple[Path, ...], rev: str | None) -> Versions:
    """The changes from OLD to NEW (`files`), or from FILE at `rev` to FILE as it is now.

    Both files are read before either is reported, so every problem shows in one run."""
    if rev is not None:
        if len(files) != 1:
            raise UsageError("with --rev, give one file: perbup diff --rev REV FILE")
        path = files[0]
        versions = [(path, f"{display_path(path)}@{rev}", at_revision(path, rev)),
                    (path, display_path(path), None)]
    elif len(files) != 2:
        raise UsageError("give the two files to compare, the old one first: perbup diff OLD NEW "
                         "(or one file with --rev REV)")
    else:
        versions = [(p, display_path(p), None) for p in files]
    loaded: list[Content] = []
    problems: list[Problem] = []
    for path, display, data in versions:
        try:
            loaded.append(_load(path, display, data))
        except DataError as exc:
            problems += exc.problems
    if problems:
        raise DataError(problems)
    return Versions(loaded[0], loaded[1],
                    compare(loaded[0], loaded[1], versions[0][1], versions[1][1]))


@dataclass(frozen=True)
class Written:
    matriks: Path
    redline: Path


def write_review(revision: Revision, title: str, out: Path, marks: Marks, *,
                 force: bool = False) -> Written:
    """matriks-perubahan.docx and redline.docx in `out`; equal inputs give equal bytes."""
    properties = Properties(author=marks.author, date=marks.date or Properties().date)
    files = {MATRIKS: matriks(revision, title, properties),
             REDLINE: redline(revision, marks, properties)}
    with session(out, force=force) as ledger:
        ledger.check(list(files), force=force)
        paths = {name: ledger.write(name, data) for name, data in files.items()}
    return Written(paths[MATRIKS], paths[REDLINE])

