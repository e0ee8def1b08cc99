"""Enrollment over time: coverage per kecamatan week by week since the first letters, from the
ledger, and the desa past their letter's deadline with people still to register."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from perbup.load.aparat import Aparat
from perbup.load.dataset import Dataset
from perbup.load.regions import Desa, Kecamatan


@dataclass(frozen=True)
class Week:
    """Who was registered by the end of one week: per kecamatan (in code order) and in all."""

    tanggal: dt.date
    per_kecamatan: tuple[tuple[Kecamatan, int, int], ...]  # (kecamatan, terdaftar, aparat)

    @property
    def terdaftar(self) -> int:
        return sum(t for _, t, _ in self.per_kecamatan)

    @property
    def aparat(self) -> int:
        return sum(a for _, _, a in self.per_kecamatan)


@dataclass(frozen=True)
class Overdue:
    """A desa past the deadline its letter gave, with people still not registered."""

    desa: Desa
    nomor: str  # the letter that set the deadline
    tanggal: dt.date  # that letter's date
    batas: dt.date
    belum: tuple[Aparat, ...]  # still to register, in the letter's order
    aparat: int


@dataclass(frozen=True)
class Timeline:
    """Weeks from the first letter to `tanggal`, and who is overdue on `tanggal`."""

    tanggal: dt.date
    weeks: tuple[Week, ...]
    overdue: tuple[Overdue, ...]

    @property
    def start(self) -> dt.date | None:
        return self.weeks[0].tanggal if self.weeks else None


def _registered_on(people: Sequence[Aparat], events: Sequence[Any]) -> dict[str, dt.date | None]:
    """Per NIK of someone registered: the day the ledger says, or None when only the apparatus
    list (or data/terdaftar.csv) says so, which counts from the start."""
    first: dict[str, dt.date] = {}
    for event in events:
        if event.peristiwa == "registered" and event.nik not in first:
            first[event.nik] = event.tanggal
    return {p.nik: first.get(p.nik) for p in people if p.terdaftar}


def _by(registered: dict[str, dt.date | None], person: Aparat, day: dt.date) -> bool:
    """Whether `person` was registered by the end of `day`."""
    if person.nik not in registered:
        return False
    since = registered[person.nik]
    return since is None or since <= day


def weeks_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """start, a week later, … up to end, and end itself."""
    days = [start + dt.timedelta(weeks=n) for n in range(max((end - start).days, 0) // 7 + 1)]
    return days if days[-1] == end or end < start else [*days, end]


def build_timeline(dataset: Dataset, entries: Sequence[Any], events: Sequence[Any],
                   today: dt.date) -> Timeline:
    """The weeks since the first letter issued (none before any letter) and the overdue desa.

    `entries` are the register's, `events` the ledger's; people are those of the apparatus list
    now, enrolled as the list and the ledger say.
    """
    letters = [e for e in entries if e.jenis == "surat_desa" and e.status == "issued"
               and e.tanggal is not None]
    people_of: dict[Kecamatan, list[Aparat]] = defaultdict(list)
    for person in dataset.aparat:
        people_of[person.desa.kecamatan].append(person)
    kecamatan = sorted(people_of, key=lambda k: k.kode)
    registered = _registered_on(dataset.aparat, events)
    weeks: list[Week] = []
    if letters:
        start = min(e.tanggal for e in letters)
        for day in weeks_between(start, max(today, start)):
            weeks.append(Week(day, tuple((k, sum(_by(registered, p, day) for p in people_of[k]),
                                          len(people_of[k])) for k in kecamatan)))
    by_desa: dict[str, list[Aparat]] = defaultdict(list)
    for person in dataset.aparat:
        by_desa[person.desa.kode].append(person)
    latest: dict[str, Any] = {}
    for entry in letters:
        if entry.batas is not None and (entry.kode_tujuan not in latest
                                        or entry.tanggal > latest[entry.kode_tujuan].tanggal):
            latest[entry.kode_tujuan] = entry
    overdue = []
    for code, entry in sorted(latest.items()):
        desa = dataset.desa.by_code(code)
        belum = tuple(sorted((p for p in by_desa.get(code, []) if not p.terdaftar),
                             key=lambda p: (p.jabatan.urutan, p.nama)))
        if desa is not None and entry.batas < today and belum:
            overdue.append(Overdue(desa, entry.nomor, entry.tanggal, entry.batas, belum,
                                   len(by_desa[code])))
    overdue.sort(key=lambda o: (o.desa.kecamatan.kode, o.desa.kode))
    return Timeline(today, tuple(weeks), tuple(overdue))


def load_timeline(dataset: Dataset, today: dt.date) -> Timeline:
    """The timeline from the workspace's register and ledger (none yet: no weeks, no one overdue)."""
    from perbup.load.workspace import workspace_store
    from perbup.store import ledger, register

    with workspace_store(dataset.workspace, create=False) as store:
        entries = register.dated(store)
        events = ledger.registrations(store)
    return build_timeline(dataset, entries, events, today)
