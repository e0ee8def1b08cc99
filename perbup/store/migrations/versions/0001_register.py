"""The register of outgoing letters and its counters.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "register",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("jenis", sa.String(40), nullable=False),
        sa.Column("tahun", sa.Integer, nullable=False),
        sa.Column("lingkup", sa.String(40), nullable=False),
        sa.Column("urut", sa.Integer, nullable=False),
        sa.Column("nomor", sa.String(200), nullable=False),
        sa.Column("kode_tujuan", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("jenis_naskah", sa.String(100), nullable=False),
        sa.Column("sifat", sa.String(100), nullable=False),
        sa.Column("urgensi", sa.String(100), nullable=False),
        sa.Column("kode_klasifikasi", sa.String(40), nullable=False),
        sa.Column("hal", sa.String(500), nullable=False),
        sa.Column("tujuan", sa.String(500), nullable=False),
        sa.Column("tembusan", sa.Text, nullable=False),
        sa.Column("tanggal", sa.Date),
        sa.Column("batas", sa.Date),
        sa.Column("penandatangan", sa.String(500), nullable=False),
        sa.Column("file", sa.String(1000)),
        sa.Column("folder", sa.String(1000)),
        sa.Column("sha256", sa.String(64)),
        sa.Column("alasan_batal", sa.Text),
        sa.Column("tanggal_batal", sa.Date),
        sa.UniqueConstraint("tahun", "lingkup", "urut", name="register_number_once"),
    )
    op.create_index("register_letter_once", "register", ["jenis", "kode_tujuan", "hal", "tahun"],
                    unique=True, sqlite_where=sa.text("status != 'void'"),
                    postgresql_where=sa.text("status != 'void'"))
    op.create_table(
        "counter",
        sa.Column("tahun", sa.Integer, primary_key=True),
        sa.Column("lingkup", sa.String(40), primary_key=True),
        sa.Column("terakhir", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("counter")
    op.drop_index("register_letter_once", "register")
    op.drop_table("register")
