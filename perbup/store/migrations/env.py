"""Alembic's entry point: migrates the connection perbup opened (perbup/store/engine.py), inside
the transaction perbup holds, so a migration and the work after it see one database state."""

from __future__ import annotations

from alembic import context

from perbup.store.models import Base

context.configure(connection=context.config.attributes["connection"],
                  target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
