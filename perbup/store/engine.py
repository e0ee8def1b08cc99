"""Where the database is, opening it (created 0600 on first use), migrating it, and transactions
that wait, with one message, while another perbup run holds it."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from perbup.base.errors import StoreError, UsageError
from perbup.base.paths import display_path

#: The SQLite file in the workspace when no URL is set.
DB_NAME = "perbup.db"
#: An office database for this run, whatever perbup.yaml says.
ENV = "PERBUP_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# How long a transaction waits for another run's lock before it gives up, and each try.
LOCK_WAIT = 120.0
_TRY = 1.0
# Taken while a PostgreSQL database is migrated, so two runs starting at once migrate it once.
_MIGRATION_LOCK = 560_18

T = TypeVar("T")
Notice = Callable[[str], None]
# Rows a statement names and a transaction holds as objects at once: SQLite takes a bounded
# number of parameters, and a national batch (tens of thousands of letters, a hundred thousand
# people) must not sit whole in one session's memory.
CHUNK = 500


def chunks(items: Iterable[T]) -> Iterator[list[T]]:
    """`items` in consecutive lists of CHUNK, read as they are needed."""
    pending = iter(items)
    while chunk := list(itertools.islice(pending, CHUNK)):
        yield chunk


def _quiet(text: str) -> None:
    del text


# Where a database's own news goes (a migration, a wait for a lock) when the caller names no
# other: the command line sets it once (perbup/cli), so every command that opens the database,
# even only to read it, says so in one line. The core itself never prints.
_announce: list[Notice] = [_quiet]


def announce_with(notice: Notice) -> None:
    """Sends the database's one-line notices to `notice` from now on."""
    _announce[0] = notice


def announce(text: str) -> None:
    """Passes `text` to the notice the command line set (announce_with)."""
    _announce[0](text)


@dataclass(frozen=True)
class Location:
    """A database: the URL to connect with, and how messages name it (never with a password)."""

    url: str
    shown: str
    path: Path | None = None  # the SQLite file, when it is one


def locate(root: Path, configured: str = "", environ: Mapping[str, str] | None = None) -> Location:
    """The database of the workspace at `root`: PERBUP_DATABASE_URL, else `database.url` of
    perbup.yaml, else perbup.db in the workspace. UsageError for a URL perbup cannot use."""
    environ = os.environ if environ is None else environ
    source, text = ((ENV, environ[ENV]) if environ.get(ENV) else
                    ("database.url in perbup.yaml", configured))
    if not text.strip():
        path = root / DB_NAME
        return Location(f"sqlite+pysqlite:///{path}", display_path(path), path)
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text.strip())
    except ArgumentError:
        raise UsageError(f"{source}: {text!r} is not a database URL; write "
                         "postgresql://USER@HOST/NAME, or leave it empty for perbup.db in the "
                         "workspace") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise UsageError(f"{source}: a SQLite database must be a file: sqlite:///FILE")
        path = Path(url.database)
        path = path if path.is_absolute() else root / path
        return Location(f"sqlite+pysqlite:///{path}", display_path(path), path)
    if backend not in ("postgresql", "postgres"):
        raise UsageError(f"{source}: perbup keeps its register in SQLite or PostgreSQL, not "
                         f"{backend}; write postgresql://USER@HOST/NAME")
    url = url.set(drivername="postgresql+psycopg")
    return Location(url.render_as_string(hide_password=False),
                    url.render_as_string(hide_password=True))


class Store:
    """An open database. Work runs in `write` or `read`, whole or not at all."""

    def __init__(self, engine: Any, location: Location, notice: Notice) -> None:
        self.engine = engine
        self.location = location
        self.notice = notice

    @property
    def postgres(self) -> bool:
        return self.location.path is None

    def write(self, body: Callable[[Any], T]) -> T:
        """Runs `body(session)` in one transaction that holds the write lock; while another run
        holds it, waits (saying so once) and tries again, up to LOCK_WAIT seconds."""
        return self._run(body, write=True)

    def read(self, body: Callable[[Any], T]) -> T:
        return self._run(body, write=False)

    def _run(self, body: Callable[[Any], T], *, write: bool) -> T:
        from sqlalchemy.exc import DBAPIError
        from sqlalchemy.orm import Session

        started = time.monotonic()
        waited = False
        while True:
            try:
                with self.engine.connect() as plain:
                    connection = plain.execution_options(perbup_write=write)
                    with connection.begin():
                        if self.postgres:
                            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(_TRY * 1000)}ms'")
                        with Session(bind=connection) as session:
                            result = body(session)
                            session.flush()
                    return result
            except DBAPIError as exc:
                if not _locked(exc):
                    raise self.broken(exc) from None
                if time.monotonic() - started > LOCK_WAIT:
                    raise StoreError(f"{self.location.shown}: error: still in use by another "
                                     f"program after {int(LOCK_WAIT)} seconds\n  hint: wait for "
                                     "the other perbup run to finish, or close the program that "
                                     "holds the database, then run the same command again") from None
                if not waited:
                    self.notice(f"{self.location.shown} is locked by another perbup run or "
                                "program; waiting for it to finish")
                    waited = True

    def broken(self, exc: Exception) -> StoreError:
        """A database error as a message a clerk can act on."""
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        where = self.location.shown
        if self.postgres:
            return StoreError(f"{where}: error: the database failed: {detail}\n  hint: check that "
                              "the server runs and the URL (database.url or PERBUP_DATABASE_URL) "
                              "is right, then run the same command again")
        lowered = detail.lower()
        if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
            return damaged(where, detail)
        return StoreError(f"{where}: error: cannot use the database: {detail}\n  hint: check that "
                          "the file and its folder are yours to write, then run the same command "
                          "again")

    def close(self) -> None:
        self.engine.dispose()


def damaged(where: str, detail: str) -> StoreError:
    return StoreError(f"{where}: error: the database is damaged or is not perbup's ({detail}); "
                      "nothing was written\n  hint: put back a copy from a backup, or move the "
                      "file away and rebuild the register from the letters: perbup register "
                      "rebuild (docs/register.md)")


def _locked(exc: Exception) -> bool:
    orig = getattr(exc, "orig", None)
    code = getattr(orig, "sqlstate", None)
    # 55P03 lock_not_available, 40001 serialization_failure, 40P01 deadlock_detected
    return code in ("55P03", "40001", "40P01") or "database is locked" in str(orig)


def _engine(location: Location) -> Any:
    from sqlalchemy import create_engine, event

    if location.path is None:
        try:
            return create_engine(location.url, pool_pre_ping=False)
        except ModuleNotFoundError as exc:
            raise StoreError(f"{location.shown}: error: PostgreSQL needs the psycopg package "
                             f"({exc.name} is not installed)\n  hint: pip install 'psycopg[binary]'"
                             ) from None
    engine = create_engine(location.url, connect_args={"timeout": _TRY})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, record: Any) -> None:
        # perbup says when a transaction begins (below), not the sqlite3 module.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A writer takes the write lock at once: two runs taking numbers queue up here instead
        # of both reading the same last number.
        write = connection.get_execution_options().get("perbup_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _create(path: Path) -> None:
    """An empty SQLite file only its owner can read: it will hold personal data (NIK)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass  # another run made it a moment ago
    except OSError as exc:
        raise StoreError(f"{display_path(path)}: error: cannot create the database: "
                         f"{exc.strerror or exc}\n  hint: run in a workspace you can write in, or "
                         "set database.url in perbup.yaml") from None


def open_store(location: Location, *, create: bool = True, notice: Notice = announce) -> Store | None:
    """The database at `location`, migrated to this perbup's schema (saying so in one line when it
    was older); None when it does not exist yet and `create` is false (a dry run, a draft).

    StoreError when it is damaged, is another program's, or was made by a newer perbup.
    """
    if location.path is not None and not location.path.exists():
        if not create:
            return None
        _create(location.path)
    store = Store(_engine(location), location, notice)
    try:
        if location.path is not None:
            problems = store.read(lambda s: [row[0] for row in s.connection().exec_driver_sql(
                "PRAGMA quick_check")])
            if problems != ["ok"]:
                raise damaged(location.shown, "; ".join(str(p) for p in problems[:3]))
        if not store.write(lambda s: _migrate(s, store, create)):
            store.close()
            return None
    except BaseException:
        store.close()
        raise
    return store


def _migrate(session: Any, store: Store, create: bool) -> bool:
    """Brings the schema to this perbup's head; False when there is none and `create` is false."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlalchemy import inspect

    connection = session.connection()
    if store.postgres:
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
    current = MigrationContext.configure(connection).get_current_revision()
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    where = store.location.shown
    if current == head:
        return True
    if current is None:
        tables = inspect(connection).get_table_names()
        if tables:
            raise StoreError(f"{where}: error: this database holds tables ({', '.join(sorted(tables)[:5])}) "
                             "but not perbup's; nothing was written\n  hint: point database.url "
                             "at a database of perbup's own, or an empty one")
        if not create:
            return False
    elif current not in {r.revision for r in script.walk_revisions()}:
        raise StoreError(f"{where}: error: the database was made by a newer perbup (schema "
                         f"{current}; this perbup knows up to {head}); nothing was written\n"
                         "  hint: upgrade perbup (pip install -U perbup) and run the same command "
                         "again")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
    if current is not None:
        store.notice(f"{where}: the database was migrated from schema {current} to {head}")
    return True
