"""The ledger: per person (by NIK), when their desa's letter named them, when BPJS registered
them, when they left office; each change with its day and source file, recorded once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from perbup.store.engine import Store, chunks
from perbup.store.models import LEFT, LISTED, REGISTERED, Event


# slots: a national batch names a hundred thousand people, one of these each
@dataclass(frozen=True, slots=True)
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


class Changes(Protocol):
    """What `record` reads: a list of changes, or anything sized that gives them anew each time
    it is iterated."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Change]: ...


def _latest(session: Any, niks: Iterable[str], since: int) -> dict[str, dict[str, Event]]:
    """Per NIK, the latest event of each kind: the last by day, then by order of recording;
    but what this transaction recorded (ids above `since`) is later than anything before it."""
    from sqlalchemy import select

    out: dict[str, dict[str, Event]] = {}
    for chunk in chunks(sorted(set(niks))):
        query = select(Event).where(Event.nik.in_(chunk))
        for event in session.scalars(query.order_by(Event.tanggal, Event.id)):
            kinds = out.setdefault(event.nik, {})
            held = kinds.get(event.peristiwa)
            if held is None or held.id <= since or event.id > held.id:
                kinds[event.peristiwa] = event
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


def record(store: Store, changes: Changes) -> int:
    """Records the changes the ledger does not know yet, in one transaction; returns how many.

    The changes are taken a chunk at a time, each chunk's events written and let go before the
    next: the hundred thousand people of a national batch are not held in the session whole.
    `changes` is read once for each try of the transaction (a wait for another run's lock tries
    again), so a collection that makes them as it is read must make them anew each time."""
    if not changes:
        return 0

    def body(session: Any) -> int:
        from sqlalchemy import func, select

        since = session.scalar(select(func.max(Event.id))) or 0
        done = 0
        for chunk in chunks(changes):
            latest = _latest(session, (c.nik for c in chunk), since)
            for change in chunk:
                known = latest.setdefault(change.nik, {})
                if any(e.id is None for e in known.values()):
                    session.flush()  # what _new compares is in the order recorded: ids
                if not _new(change, known):
                    continue
                session.add(event := Event(
                    nik=change.nik, kode_desa=change.kode_desa, peristiwa=change.peristiwa,
                    tanggal=change.tanggal, sumber=change.sumber, nomor=change.nomor,
                    register_id=change.register_id, kpj=change.kpj))
                known[change.peristiwa] = event
                done += 1
            session.flush()
            session.expunge_all()
        return done

    return store.write(body)


def gone(store: Store, present: set[str], tanggal: dt.date, sumber: str) -> int:
    """Everyone the ledger knows who is not in the apparatus list `present` (NIKs) any more,
    recorded as left office, once; how many."""
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


def registrations(store: Store | None) -> list[Any]:
    """Every registration the ledger holds, as plain rows (nik, peristiwa, tanggal), by day and
    order of recording: what the report's timeline reads, without whole events, for a national
    ledger holds hundreds of thousands."""
    if store is None:
        return []

    def body(session: Any) -> list[Any]:
        from sqlalchemy import select

        return list(session.execute(select(Event.nik, Event.peristiwa, Event.tanggal).where(
            Event.peristiwa == REGISTERED).order_by(Event.tanggal, Event.id)))

    return store.read(body)


def registered(store: Store | None) -> dict[str, str | None]:
    """Everyone the ledger has registered and not seen leave since: NIK → their last KPJ number.

    Read as plain rows, not as events: every command reads it, and a national ledger holds
    hundreds of thousands of them."""
    if store is None:
        return {}

    def body(session: Any) -> dict[str, str | None]:
        from sqlalchemy import select

        out: dict[str, str | None] = {}
        query = select(Event.nik, Event.peristiwa, Event.kpj).where(Event.peristiwa.in_(
            [REGISTERED, LEFT])).order_by(Event.tanggal, Event.id)
        for nik, peristiwa, kpj in session.execute(query):
            if peristiwa == REGISTERED:
                out[nik] = kpj or out.get(nik)
            else:
                out.pop(nik, None)
        return out

    return store.read(body)
