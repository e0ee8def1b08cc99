"""The ledger: each person's enrollment over time.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("nik", sa.String(16), nullable=False),
        sa.Column("kode_desa", sa.String(40), nullable=False),
        sa.Column("peristiwa", sa.String(20), nullable=False),
        sa.Column("tanggal", sa.Date, nullable=False),
        sa.Column("sumber", sa.String(1000), nullable=False),
        sa.Column("nomor", sa.String(200)),
        sa.Column("register_id", sa.Integer, sa.ForeignKey("register.id")),
        sa.Column("kpj", sa.String(40)),
    )
    op.create_index("ledger_person", "ledger", ["nik"])


def downgrade() -> None:
    op.drop_index("ledger_person", "ledger")
    op.drop_table("ledger")
