"""`perbup rules`: which row of the rules table (or which setting) each figure of a workspace's
documents rests on, on a date, so a reviewer can audit a letter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from perbup.base.errors import DataError
from perbup.base.formats import tanggal
from perbup.base.problems import Problem
from perbup.compute.deadline import batas
from perbup.documents.surat import dasar_nama
from perbup.load.dataset import law_in_force
from perbup.load.instrumen import peristiwa
from perbup.load.ketentuan import Figure, figures
from perbup.load.workspace import Workspace


@dataclass(frozen=True)
class Audit:
    kabupaten: str
    tanggal: dt.date
    asked: bool  # the date was asked for (--date), not the documents' own
    figures: tuple[Figure, ...]
    problems: tuple[Problem, ...]  # the regent's siltap against the minimum in force


def audit(workspace: Workspace, date: dt.date | None = None, today: dt.date | None = None) -> Audit:
    """The figures on `date`, else on the documents' date; DataError when the table has no row
    in force for one of them."""
    on = date or workspace.reference_date(today)
    law, problems = law_in_force(workspace, on)
    if law is None:
        raise DataError(problems)
    config = workspace.config
    deadline = batas(config.surat.batas_hari_kerja, config.dasar.tanggal)
    since = deadline.sejak.isoformat() if deadline.sejak else "… (dasar.tanggal not filled in)"
    text = (f"{deadline.hari} working days from the day {dasar_nama(config, on.year)} "
            f"{peristiwa(config.dasar.jenis)}, {since}: "
            f"{deadline.tanggal.isoformat() if deadline.tanggal else '…'}")
    return Audit(config.kabupaten.nama, on, date is not None, tuple(figures(law, config, text)),
                 tuple(problems))


def as_json(result: Audit) -> dict[str, object]:
    return {"kabupaten": result.kabupaten, "tanggal": result.tanggal.isoformat(),
            "figures": [f.as_dict() for f in result.figures],
            "problems": [p.as_dict() for p in result.problems]}


def as_text(result: Audit) -> str:
    """Each figure and its value, and under it the act and article (or setting) it rests on and
    the day that row took effect; unverified rows marked."""
    width = max(len(f.name) for f in result.figures) + 2
    whose = "the date asked for" if result.asked else "surat.tanggal, else today"
    lines = [f"{result.kabupaten}: the law in force on {tanggal(result.tanggal)} ({whose})", ""]
    for f in result.figures:
        since = f", in force from {f.berlaku.isoformat()}" if f.berlaku else ""
        until = f" to {f.sampai.isoformat()}" if f.sampai else ""
        lines += [f"{f.name.ljust(width)}{f.value}",
                  f"{'':{width}}{f.source}{since}{until}{' (unverified)' if f.unverified else ''}"]
    if any(f.unverified for f in result.figures):
        lines += ["", "unverified: not read from the act's own text; docs/rules.md says why"]
    return "\n".join(lines) + "\n"
