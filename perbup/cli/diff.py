"""`perbup diff`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from perbup.base.paths import display_path
from perbup.cli.common import CONTEXT, date_option, err, force_option, format_option, notice
from perbup.compute.revisi import Change, Revision
from perbup.documents.redline import Marks
from perbup.documents.review import load_versions, write_review

_KINDS = ("changed", "inserted", "deleted", "moved")


def _heading(change: Change) -> str:
    if change.kind == "inserted":
        return f"{change.new}: inserted " + (f"after {change.after}" if change.after else "first")
    if change.kind == "deleted":
        return f"{change.old}: deleted" + (f" (it followed {change.after})" if change.after else "")
    if change.kind == "moved":
        return f"{change.new}: moved from {change.old}" + (
            f", now after {change.after}" if change.after else ", now first")
    was = f" (was {change.old})" if change.old != change.new else ""
    return f"{change.new}{was}: changed"


def _words(change: Change) -> str:
    parts = []
    for n, (op, text) in enumerate(change.words):
        if op == "=":
            parts.append(text)
            continue
        # The markers stay when colours do not (a file, a pipe): [-gone-] {+new+}
        mark = f"[-{text.strip()}-]" if op == "-" else f"{{+{text.strip()}+}}"
        after = text[len(text.rstrip()):]
        if not after and n + 1 < len(change.words) and change.words[n + 1][0] != "=":
            after = " "  # a deleted last word and what replaces it, apart
        parts.append(click.style(mark, fg="red" if op == "-" else "green") + after)
    return "".join(parts)


def _lines(change: Change) -> list[str]:
    if change.kind == "changed" or (change.kind == "moved" and change.words):
        return ["  " + _words(change)]
    sign, lines, colour = {"deleted": ("-", change.old_lines, "red"),
                           "inserted": ("+", change.new_lines, "green")}.get(
        change.kind, (" ", change.new_lines, None))
    return [click.style(f"  {sign} {'  ' * line.depth}{line.nomor + ' ' if line.nomor else ''}"
                        f"{line.text}", fg=colour) for line in lines]


def report(revision: Revision) -> list[str]:
    """The changes as text; colours (click.style) show only on a terminal."""
    out = []
    for change in revision.changes:
        out.append(click.style(_heading(change), bold=True))
        out += _lines(change)
    if revision.renumbered:
        out.append("renumbered: " + "; ".join(f"{r.old} → {r.new}" for r in revision.renumbered))
    counts = revision.counts()
    total = len(revision.changes)
    summary = (f"{total} change{'s' * (total != 1)}: "
               + ", ".join(f"{counts[k]} {k}" for k in _KINDS if k in counts)) if total else "no changes"
    if revision.renumbered:
        summary += f"; {len(revision.renumbered)} unit(s) renumbered"
    out.append(summary)
    return out


@click.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, metavar="OLD NEW",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rev", metavar="REV",
              help="Compare FILE as git holds it at REV (a tag, a commit, HEAD~1) with FILE as "
                   "it is now: perbup diff --rev REV FILE.")
@format_option
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Also write matriks-perubahan.docx and redline.docx into this folder.")
@click.option("--author", default="perbup", show_default=True,
              help="Who the redline's tracked changes are by, as Word shows it.")
@date_option("date", "The date of the redline's tracked changes, YYYY-MM-DD (default: the new "
                     "draft's penetapan date, if it has one).")
@force_option
def diff(files: tuple[Path, ...], rev: str | None, fmt: str, out: Path | None, author: str,
         date: dt.datetime | None, force: bool) -> None:
    """Show what changed between two drafts of a decree's content, in legal units.

    Each change is addressed as a drafter cites it (Menimbang huruf d, Pasal 5 ayat (2),
    Pasal 8 inserted after Pasal 7), with the words changed inside it. A unit that only moved
    or was renumbered is reported as such, not as deleted and added. With -o, also the
    matriks perubahan (Rumusan Semula | Rumusan Perubahan | Keterangan) and the new draft
    with Word tracked changes against the old one, to accept or reject in Word.

    \b
    Example:
      perbup diff arsip/perbup-v1.yaml content/perbup.yaml
      perbup diff --rev v1 content/perbup.yaml -o tinjauan
      perbup diff --format json OLD NEW
    """
    versions = load_versions(files, rev)
    revision = versions.revision
    if fmt == "json":
        click.echo(json.dumps(revision.as_dict(), ensure_ascii=False, indent=2))
    else:
        for line in report(revision):
            click.echo(line)
    if out is None:
        return
    day = date.date() if date is not None else versions.date
    if day is None:
        notice("the redline's changes carry no date: give --date YYYY-MM-DD")
    written = write_review(revision, versions.title, out, Marks(author, day), force=force)
    for path in (written.matriks, written.redline):
        err(f"wrote {display_path(path)}")
