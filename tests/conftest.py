"""Shared fixtures: every test runs with HOME and the working folder in a temporary directory;
database tests run against SQLite and a real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

#: Set by .ci/run to the throwaway PostgreSQL server it starts for the run.
POSTGRES_ENV = "PERBUP_TEST_POSTGRES_URL"


@pytest.fixture(autouse=True)
def _isolate(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home)
    # A developer's office database must never receive a test's letters.
    monkeypatch.delenv("PERBUP_DATABASE_URL", raising=False)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """An empty folder for a workspace."""
    return tmp_path / "ws"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The PostgreSQL server .ci/run started; a test needing it is skipped without it, except in
    CI, where it fails."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        message = (f"{POSTGRES_ENV} is not set: .ci/run starts a PostgreSQL server and sets it "
                   "(apt-get install postgresql)")
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests; {message}")
        pytest.skip(message)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new, empty database for one test, on each engine; PERBUP_DATABASE_URL names it.

    On PostgreSQL each test gets a schema of its own on the one server of the session.
    """
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'register.db'}"
        monkeypatch.setenv("PERBUP_DATABASE_URL", url)
        yield url
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    server = make_url(request.getfixturevalue("postgres_server")).set(drivername="postgresql+psycopg")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = server.update_query_dict({"options": f"-csearch_path={schema}"})
    text = url.render_as_string(hide_password=False)
    monkeypatch.setenv("PERBUP_DATABASE_URL", text)
    try:
        yield text
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()
