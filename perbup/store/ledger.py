"""The ledger: per person (by NIK), when their desa's letter named them, when BPJS registered
them, when they left office; each change with its day and source file, recorded once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from perbup.store.engine import Store
from perbup.store.models import LEFT, LISTED, REGISTERED, Event

_CHUNK = 500  # NIKs per query: SQLite takes a bounded number of parameters


@dataclass(frozen=True)
class Change:
    """One change to record: who (NIK and desa), what, when, from which file."""

    nik: str
    kode_desa: str
    peristiwa: str  # LISTED, REGISTERED, LEFT
    tanggal: dt.date
    sumber: str
    nomor: str | None = None
    register_id: int | None = None
    kpj: str | None = None


def _latest(session: Any, niks: Iterable[str]) -> dict[str, dict[str, Event]]:
    """Per NIK, the latest event of each kind."""
    from sqlalchemy import select

    wanted = sorted(set(niks))
    out: dict[str, dict[str, Event]] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = select(Event).where(Event.nik.in_(wanted[start:start + _CHUNK]))
        for event in session.scalars(query.order_by(Event.tanggal, Event.id)):
            out.setdefault(event.nik, {})[event.peristiwa] = event
    return out


def _new(change: Change, latest: dict[str, Event]) -> bool:
    """Whether `change` says something the ledger does not know yet."""
    if change.peristiwa == LISTED:
        listed = latest.get(LISTED)
        return listed is None or listed.register_id != change.register_id
    if change.peristiwa == REGISTERED:
        registered = latest.get(REGISTERED)
        return registered is None or (change.kpj is not None and registered.kpj != change.kpj)
    left = latest.get(LEFT)
    back = [e for e in latest.values() if e.peristiwa != LEFT and left is not None
            and (e.tanggal, e.id) > (left.tanggal, left.id)]
    return left is None or bool(back)


def record(store: Store, changes: Sequence[Change]) -> list[Change]:
    """Records the changes the ledger does not know yet, in one transaction; returns them."""
    if not changes:
        return []

    def body(session: Any) -> list[Change]:
        latest = _latest(session, (c.nik for c in changes))
        done = []
        for change in changes:
            known = latest.setdefault(change.nik, {})
            if not _new(change, known):
                continue
            event = Event(nik=change.nik, kode_desa=change.kode_desa, peristiwa=change.peristiwa,
                          tanggal=change.tanggal, sumber=change.sumber, nomor=change.nomor,
                          register_id=change.register_id, kpj=change.kpj)
            session.add(event)
            session.flush()
            known[change.peristiwa] = event
            done.append(change)
        return done

    return store.write(body)


def gone(store: Store, present: set[str], tanggal: dt.date, sumber: str) -> list[Change]:
    """Everyone the ledger knows who is not in the apparatus list `present` (NIKs) any more,
    recorded as left office, once."""
    def known(session: Any) -> list[tuple[str, str]]:
        from sqlalchemy import select

        return sorted({(row[0], row[1]) for row in session.execute(select(Event.nik, Event.kode_desa))})

    missing = [(nik, desa) for nik, desa in store.read(known) if nik not in present]
    return record(store, [Change(nik, desa, LEFT, tanggal, sumber) for nik, desa in missing])


def events(store: Store | None) -> list[Event]:
    """Every event, by day and order of recording."""
    if store is None:
        return []

    def body(session: Any) -> list[Event]:
        from sqlalchemy import select

        rows = list(session.scalars(select(Event).order_by(Event.tanggal, Event.id)))
        session.expunge_all()
        return rows

    return store.read(body)


def registered(store: Store | None) -> dict[str, str | None]:
    """Everyone the ledger has registered and not seen leave since: NIK → their last KPJ number."""
    out: dict[str, str | None] = {}
    for event in events(store):
        if event.peristiwa == REGISTERED:
            out[event.nik] = event.kpj or out.get(event.nik)
        elif event.peristiwa == LEFT:
            out.pop(event.nik, None)
    return out
