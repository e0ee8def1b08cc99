"""`perbup ledger import`: the list BPJS sent back recorded in the ledger, dated, with who left
office since (gone from the apparatus list); rows that match nobody are warnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from perbup.base.errors import DataError
from perbup.base.paths import display_path
from perbup.base.problems import Problem
from perbup.load.dataset import Dataset
from perbup.load.enrolled import apply_enrolled, match_problems, read_enrolled


@dataclass(frozen=True)
class Imported:
    """What an import recorded."""

    matched: int  # rows of the list that are someone of the apparatus list
    registered: int  # of them, newly registered in the ledger (or with a new KPJ number)
    left: int  # people the ledger knew who are not in the apparatus list any more
    problems: tuple[Problem, ...]


def import_list(dataset: Dataset, path: Path, *, tanggal: dt.date, whole: bool = True) -> Imported:
    """Records everyone on the BPJS list at `path` as registered on `tanggal` (once; again only
    with a new KPJ number), and, when `dataset` holds the workspace's `whole` apparatus list
    (not one village's list given with --aparat), who left office. A list with errors records
    nothing."""
    from perbup.load.workspace import workspace_store
    from perbup.store.ledger import Change, gone, record
    from perbup.store.models import REGISTERED

    display = display_path(path)
    enrolled, problems = read_enrolled(path, display, today=tanggal)
    if any(p.is_error for p in problems):
        raise DataError(problems)
    _, result = apply_enrolled(dataset.aparat, enrolled)
    before = {p.nik_number: p for p in dataset.aparat}
    problems += match_problems(result, display, dataset.source, before)
    changes = [Change(p.nik, p.aparat.desa.kode, REGISTERED, tanggal, display, kpj=p.kpj)
               for p in result.matched if p.aparat is not None]
    with workspace_store(dataset.workspace, create=True) as store:
        assert store is not None
        new = record(store, changes)
        left = gone(store, {p.nik for p in before.values()}, tanggal, dataset.source) if whole else 0
    return Imported(len(changes), new, left, tuple(problems))
