"""Loads and validates a workspace's data: desa list plus apparatus list, every problem at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from perbup.base.errors import DataError
from perbup.base.paths import display_path
from perbup.base.problems import Problem, Problems, sort_problems
from perbup.load.aparat import COLUMNS, REQUIRED, Aparat, build_aparat
from perbup.load.enrolled import MatchResult, enrol, workspace_file
from perbup.load.ketentuan import Ketentuan, MissingRule, floors, resolve, siltap_problems
from perbup.load.regions import DesaIndex, read_desa_list
from perbup.load.tabular import Row, read_table
from perbup.load.validate import check_list, duplicate_kpj, duplicate_niks
from perbup.load.workspace import Workspace


@dataclass(frozen=True)
class Dataset:
    """A workspace's validated data; `problems` holds the warnings (errors never get this far)."""

    workspace: Workspace
    desa: DesaIndex
    aparat: tuple[Aparat, ...]
    problems: tuple[Problem, ...]
    enrolled: MatchResult | None = None  # the BPJS list of registered participants, if applied
    source: str = ""  # the apparatus list, as messages name it
    # The law in force on the documents' date; None only for `check` when the table has no row
    # for that date (an error among its problems).
    ketentuan: Ketentuan | None = None

    @property
    def law(self) -> Ketentuan:
        """The law in force on the documents' date (load_dataset guarantees there is one)."""
        assert self.ketentuan is not None, "only inspect() leaves it out, with an error"
        return self.ketentuan


def collect(workspace: Workspace, aparat_file: Path | None = None, today: dt.date | None = None,
            enrolled_file: Path | None = None) -> tuple[DesaIndex, list[Aparat], Problems]:
    """Everything found in the data, errors included: for `check`, which reports and goes on."""
    index, people, out, _, _ = _collect(workspace, aparat_file, today, enrolled_file)
    return index, people, out


def inspect(workspace: Workspace, aparat_file: Path | None = None,
            today: dt.date | None = None) -> tuple[Dataset, Problems]:
    """What `collect` finds, as a Dataset with the BPJS list applied: for `check`, which renders
    the templates with whatever data could be read and reports every problem."""
    index, people, out, match, law = _collect(workspace, aparat_file, today, None)
    return Dataset(workspace, index, tuple(people), (), match, ketentuan=law), out


def law_in_force(workspace: Workspace, date: dt.date) -> tuple[Ketentuan | None, list[Problem]]:
    """The law on `date` for the workspace, and what is wrong with it: no row in force for a
    figure, or the regent's siltap below the minimum (perbup/load/ketentuan.py)."""
    config = workspace.config
    display = display_path(workspace.config_path)
    try:
        law = resolve(workspace.rules, config, date)
    except MissingRule as exc:
        return None, [Problem(display, workspace.lines.get("surat.tanggal"), "error", str(exc),
                              "check surat.tanggal; docs/rules.md lists every row and its dates")]
    return law, siltap_problems(law, config, display, workspace.lines)


def _collect(workspace: Workspace, aparat_file: Path | None, today: dt.date | None,
             enrolled_file: Path | None) -> tuple[DesaIndex, list[Aparat], Problems,
                                                  MatchResult | None, Ketentuan | None]:
    config = workspace.config
    law, found = law_in_force(workspace, workspace.reference_date(today))
    today = today or dt.date.today()
    out = Problems(list(workspace.warnings))
    out.extend(found)
    desa_path = workspace.path(config.data.desa)
    index, found = read_desa_list(desa_path, display_path(desa_path), config.kabupaten.kode)
    out.extend(found)
    if not any(p.is_error for p in found) and not len(index):
        out.warning(display_path(desa_path), None, "the desa list holds no desa, so there is no "
                    "village apparatus to enroll", "a kota has kelurahan, whose staff are civil "
                    "servants; check kabupaten.kode")
    aparat_path = aparat_file or workspace.path(config.data.aparat)
    display = display_path(aparat_path)
    people: list[Aparat] = []
    rejected: list[tuple[str, int]] = []  # the NIKs of rows with errors, to find repeats
    kpjs: list[tuple[str, int]] = []

    def validate(row: Row) -> None:
        person = build_aparat(row, index, config.kabupaten.nama, display, today, out)
        if person is not None:
            people.append(person)
        else:
            raw = row.values.get("nik")
            digits = "".join(c for c in str(raw) if c.isdigit()) if isinstance(raw, str) else ""
            if len(digits) == 16:
                rejected.append((digits, row.line))
        kpj = row.values.get("kpj")
        if kpj is not None and str(kpj).strip():
            kpjs.append((str(kpj).strip(), row.line))

    # Rows are validated as they are read, so a national list is never held twice over (raw
    # and validated). Without a desa list every row would only say its desa is unknown.
    skip = out.has_errors and not len(index)
    table, found = read_table(aparat_path, COLUMNS, required=REQUIRED, display=display,
                              each=None if skip else validate)
    out.extend(found)
    if table is None or skip:
        return index, [], out, None, law
    duplicate_niks(people, rejected, display, out)
    duplicate_kpj(kpjs, display, out)
    # Who heads a desa is only worth judging when every row of the list could be read.
    check_list(people, kabupaten=config.kabupaten.kode, nama_kabupaten=config.kabupaten.nama,
               floors=floors(law) if law is not None else {}, display=display, out=out,
               heads=not out.has_errors, wage_based=config.iuran.skema == "pu")
    # The list BPJS returned marks people enrolled, for every command (see perbup/load/enrolled.py).
    match = None
    if enrolled_file is None:
        enrolled_file, found = workspace_file(workspace.root)
        out.extend(found)
    if enrolled_file is not None:
        enrolled, match, found = enrol(people, enrolled_file, display, match=not out.has_errors,
                                       today=today)
        people = list(enrolled)
        out.extend(found)
    # Who the ledger has registered (perbup ledger import) is enrolled for every command too.
    registered = _ledger_registered(workspace)
    if registered:
        people = [replace(p, terdaftar=True, kpj=p.kpj or registered[p.nik])
                  if not p.terdaftar and p.nik in registered else p for p in people]
    return index, people, Problems(sort_problems(out.items)), match, law


def _ledger_registered(workspace: Workspace) -> dict[str, str | None]:
    from perbup.load.workspace import workspace_store
    from perbup.store.ledger import registered

    with workspace_store(workspace, create=False) as store:
        return registered(store)


def load_dataset(workspace: Workspace, aparat_file: Path | None = None,
                 today: dt.date | None = None, enrolled_file: Path | None = None) -> Dataset:
    """The validated data, or DataError carrying every problem when any is an error.

    `enrolled_file` is a BPJS list of registered participants to use instead of the
    workspace's data/terdaftar.csv (or .xlsx).
    """
    index, people, out, match, law = _collect(workspace, aparat_file, today, enrolled_file)
    return validated(Dataset(workspace, index, tuple(people), (), match, ketentuan=law), out.items,
                     aparat_file)


def validated(found: Dataset, problems: Sequence[Problem], aparat_file: Path | None = None) -> Dataset:
    """What `inspect` found, as the documents take it: DataError when `problems` or the data's
    emptiness hold an error, else the dataset with its warnings. `build` hands the data its check
    read to every document this way, so the files are read once."""
    workspace = found.workspace
    out = Problems(list(problems))
    display = display_path(aparat_file or workspace.path(workspace.config.data.aparat))
    if not out.has_errors and not found.aparat:
        # Every document would be all zeros ("0 orang (0,0%)"): `check` warns, documents refuse.
        out.error(display, None, "the apparatus list holds nobody, so there is no document to make",
                  "fill in one row per kepala desa and perangkat desa (docs/data.md), then run "
                  "perbup check" if len(found.desa) else
                  "the desa list holds no desa either: a kota has kelurahan, whose staff are civil "
                  "servants, not village apparatus; check kabupaten.kode")
    if out.has_errors:
        raise DataError(out.items)
    return replace(found, problems=tuple(out.items), source=display)
