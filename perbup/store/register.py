"""The register of outgoing letters (agenda surat keluar): numbers taken in order when a letter is
issued, kept by its desa and subject across re-runs, voided with a reason and never reused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from perbup.base.errors import UsageError
from perbup.store.engine import Store, chunks
from perbup.store.models import ISSUED, RESERVED, VOID, Counter, Entry
from perbup.store.naskah import UNNUMBERED, Letter, Numbering


@dataclass(frozen=True, slots=True)
class Numbered:
    """A letter's place in the register: its entry (0 until taken) and number."""

    id: int
    urut: int
    nomor: str


def _live(session: Any, letters: Sequence[Letter]) -> dict[tuple[str, str, str, int], Entry]:
    from sqlalchemy import select

    wanted = {letter.key for letter in letters}
    kinds = {k[0] for k in wanted}
    found = session.scalars(select(Entry).where(Entry.status != VOID, Entry.jenis.in_(kinds),
                                                Entry.kode_tujuan.in_({k[1] for k in wanted})))
    return {key: e for e in found if (key := (e.jenis, e.kode_tujuan, e.hal, e.tahun)) in wanted}


def _next(session: Any, scopes: dict[tuple[int, str], int], tahun: int, lingkup: str,
          numbering: Numbering, lock: bool) -> int:
    """The next running number of a year and scope; with `lock` the counter is taken for this
    transaction (created first when the year is new), so no other run takes the same number."""
    from sqlalchemy import func, select

    key = (tahun, lingkup)
    if key not in scopes:
        query = select(Counter).where(Counter.tahun == tahun, Counter.lingkup == lingkup)
        counter = session.scalars(query.with_for_update() if lock else query).first()
        if counter is None:
            # A new year starts at surat.nomor_awal, or after numbers a rebuild brought back.
            highest = session.scalar(select(func.max(Entry.urut)).where(
                Entry.tahun == tahun, Entry.lingkup == lingkup)) or 0
            last = max(numbering.start - 1, highest)
            if lock:
                _insert_counter(session, tahun, lingkup, last)
                counter = session.scalars(query.with_for_update()).one()
                last = counter.terakhir
        else:
            last = counter.terakhir
        scopes[key] = last
    scopes[key] += 1
    return scopes[key]


def _insert_counter(session: Any, tahun: int, lingkup: str, last: int) -> None:
    """A year's counter; when another run made it a moment ago, theirs stands."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(Counter).values(tahun=tahun, lingkup=lingkup, terakhir=last)
                    .on_conflict_do_nothing())


def preview(store: Store | None, numbering: Numbering, letters: Sequence[Letter]) -> list[str]:
    """The numbers `letters` would get if issued now, in order; nothing is taken (--dry-run)."""
    if store is None:
        return _plan(None, numbering, letters, lock=False)
    return store.read(lambda session: _plan(session, numbering, letters, lock=False))


def current(store: Store | None, numbering: Numbering, letters: Sequence[Letter]) -> list[str]:
    """Each letter's number where the register has one, else the pattern with UNNUMBERED: what a
    working copy shows, as nothing is issued."""
    def body(session: Any) -> list[str]:
        live = _live(session, letters)
        return [live[k.key].nomor if k.key in live else
                numbering.format(k.kode_klasifikasi, UNNUMBERED, k.tanggal.year) for k in letters]

    if store is None:
        return [numbering.format(k.kode_klasifikasi, UNNUMBERED, k.tanggal.year) for k in letters]
    return store.read(body)


def take(store: Store, numbering: Numbering, letters: Sequence[Letter]) -> list[Numbered]:
    """Numbers for `letters`, in order, in one transaction: a letter the register already holds
    keeps its number (its details brought up to date), the others take the next ones.

    The letters are taken a chunk at a time, each chunk's entries written and let go before the
    next: a national batch is not held in the session whole."""
    def body(session: Any) -> list[Numbered]:
        scopes: dict[tuple[int, str], int] = {}
        out = []
        for chunk in chunks(letters):
            live = _live(session, chunk)
            taken = []
            for letter in chunk:
                entry = live.get(letter.key)
                if entry is None:
                    tahun, lingkup = letter.tanggal.year, numbering.scope(letter.kode_klasifikasi)
                    urut = _next(session, scopes, tahun, lingkup, numbering, lock=True)
                    entry = Entry(jenis=letter.jenis, tahun=tahun, lingkup=lingkup, urut=urut,
                                  nomor=numbering.format(letter.kode_klasifikasi, urut, tahun),
                                  kode_tujuan=letter.kode_tujuan, hal=letter.hal, status=RESERVED)
                    session.add(entry)
                    live[letter.key] = entry
                _details(entry, letter)
                taken.append(entry)
            session.flush()
            out += [Numbered(e.id, e.urut, e.nomor) for e in taken]
            session.expunge_all()
        for (tahun, lingkup), last in scopes.items():
            counter = session.get(Counter, (tahun, lingkup))
            counter.terakhir = last
        session.flush()
        return out

    return store.write(body)


def _plan(session: Any, numbering: Numbering, letters: Sequence[Letter], *, lock: bool) -> list[str]:
    known = {key: e.nomor for key, e in _live(session, letters).items()} if session is not None else {}
    scopes: dict[tuple[int, str], int] = {}
    out = []
    for letter in letters:
        if letter.key not in known:
            tahun, kode = letter.tanggal.year, letter.kode_klasifikasi
            if session is None:
                key = (tahun, numbering.scope(kode))
                scopes[key] = scopes.get(key, numbering.start - 1) + 1
                urut = scopes[key]
            else:
                urut = _next(session, scopes, tahun, numbering.scope(kode), numbering, lock=lock)
            known[letter.key] = numbering.format(kode, urut, tahun)
        out.append(known[letter.key])
    return out


def _details(entry: Entry, letter: Letter) -> None:
    entry.tujuan = letter.tujuan
    entry.tanggal = letter.tanggal
    entry.batas = letter.batas
    entry.jenis_naskah = letter.jenis_naskah
    entry.sifat = letter.sifat
    entry.urgensi = letter.urgensi
    entry.kode_klasifikasi = letter.kode_klasifikasi
    entry.penandatangan = letter.penandatangan
    entry.tembusan = "\n".join(letter.tembusan)


@dataclass(frozen=True, slots=True)
class Written:
    """A numbered letter's file, once written: what the register keeps to find and verify it."""

    id: int
    file: str
    folder: str
    sha256: str


def issued(store: Store, written: Sequence[Written]) -> None:
    """Marks the entries of letters written, with their file and its checksum (a chunk at a
    time, as `take` does)."""
    def body(session: Any) -> None:
        from sqlalchemy import select

        for chunk in chunks(written):
            found = {e.id: e for e in session.scalars(select(Entry).where(
                Entry.id.in_([w.id for w in chunk])))}
            for w in chunk:
                entry = found.get(w.id)
                if entry is not None and entry.status != VOID:
                    entry.status, entry.file, entry.folder, entry.sha256 = (ISSUED, w.file,
                                                                            w.folder, w.sha256)
            session.flush()
            session.expunge_all()

    if written:
        store.write(body)


def void(store: Store, nomor: str, reason: str, today: dt.date) -> Entry:
    """Voids the live letter numbered `nomor`: the number is never taken again, and that desa's
    next letter of the same subject takes a new one."""
    if not reason.strip():
        raise UsageError("say why the number is voided: --reason TEXT")

    def body(session: Any) -> Entry:
        from sqlalchemy import select

        found = list(session.scalars(select(Entry).where(Entry.nomor == nomor.strip())))
        live = [e for e in found if e.status != VOID]
        if not live:
            done = f" (it was voided on {found[0].tanggal_batal})" if found else ""
            raise UsageError(f'the register has no letter numbered "{nomor}" to void{done}; '
                             "perbup register export lists them")
        if len(live) > 1:
            raise UsageError(f'{len(live)} letters are numbered "{nomor}" (the pattern has no '
                             "{tahun}?): void them in the database itself")
        entry = live[0]
        entry.status, entry.alasan_batal, entry.tanggal_batal = VOID, " ".join(reason.split()), today
        session.flush()
        session.expunge(entry)
        return entry

    return store.write(body)


def dated(store: Store | None) -> list[Any]:
    """Every entry's kind, status, desa, number, date and deadline, as plain rows (attributes by
    those names), by year, scope and number: what the report's timeline reads, without the rest
    of each entry, for a national register holds tens of thousands."""
    if store is None:
        return []

    def body(session: Any) -> list[Any]:
        from sqlalchemy import select

        return list(session.execute(select(
            Entry.jenis, Entry.status, Entry.kode_tujuan, Entry.nomor, Entry.tanggal, Entry.batas,
        ).order_by(Entry.tahun, Entry.lingkup, Entry.urut)))

    return store.read(body)


def entries(store: Store | None) -> list[Entry]:
    """Every entry, voided ones too, by year, scope and number."""
    if store is None:
        return []

    def body(session: Any) -> list[Entry]:
        from sqlalchemy import select

        rows = list(session.scalars(select(Entry).order_by(Entry.tahun, Entry.lingkup, Entry.urut)))
        session.expunge_all()
        return rows

    return store.read(body)
