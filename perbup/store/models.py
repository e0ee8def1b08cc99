"""The database's tables as typed classes; the migrations in migrations/versions/ create them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: What an entry of the register can be: a number taken for a letter not written yet (a batch
#: stopped before it), a letter written, a number voided (never reused).
RESERVED, ISSUED, VOID = "reserved", "issued", "void"


class Base(DeclarativeBase):
    metadata = MetaData()


class Entry(Base):
    """One outgoing letter in the register (agenda surat keluar): its number and what SRIKANDI's
    registration of an outgoing naskah asks for. No NIK: the register names desa, not people."""

    __tablename__ = "register"
    __table_args__ = (
        UniqueConstraint("tahun", "lingkup", "urut", name="register_number_once"),
        # One live number per letter: the same kind, addressee, subject and year keep it.
        Index("register_letter_once", "jenis", "kode_tujuan", "hal", "tahun", unique=True,
              sqlite_where=text("status != 'void'"), postgresql_where=text("status != 'void'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    jenis: Mapped[str] = mapped_column(String(40))  # the document kind: surat_desa, surat_pengingat
    tahun: Mapped[int] = mapped_column(Integer)
    # What the running number counts within besides the year: the classification code when the
    # pattern holds {kode}, else "".
    lingkup: Mapped[str] = mapped_column(String(40))
    urut: Mapped[int] = mapped_column(Integer)  # the running number
    nomor: Mapped[str] = mapped_column(String(200))  # as the letter prints it
    kode_tujuan: Mapped[str] = mapped_column(String(40))  # the desa's code
    status: Mapped[str] = mapped_column(String(20))
    jenis_naskah: Mapped[str] = mapped_column(String(100))
    sifat: Mapped[str] = mapped_column(String(100))
    urgensi: Mapped[str] = mapped_column(String(100))
    kode_klasifikasi: Mapped[str] = mapped_column(String(40))
    hal: Mapped[str] = mapped_column(String(500))
    tujuan: Mapped[str] = mapped_column(String(500))
    tembusan: Mapped[str] = mapped_column(Text)  # one per line
    tanggal: Mapped[dt.date | None] = mapped_column(Date)  # None: a number a rebuild found no file for
    batas: Mapped[dt.date | None] = mapped_column(Date)  # the deadline the letter gives
    penandatangan: Mapped[str] = mapped_column(String(500))
    file: Mapped[str | None] = mapped_column(String(1000))  # relative to its output folder
    folder: Mapped[str | None] = mapped_column(String(1000))  # the output folder, absolute
    sha256: Mapped[str | None] = mapped_column(String(64))
    alasan_batal: Mapped[str | None] = mapped_column(Text)
    tanggal_batal: Mapped[dt.date | None] = mapped_column(Date)


class Counter(Base):
    """The last running number taken per year and scope; a row is locked while numbers are taken,
    so two runs at once never take the same one."""

    __tablename__ = "counter"

    tahun: Mapped[int] = mapped_column(Integer, primary_key=True)
    lingkup: Mapped[str] = mapped_column(String(40), primary_key=True)
    terakhir: Mapped[int] = mapped_column(Integer)


#: What happened to a person, as the ledger records it.
LISTED, REGISTERED, LEFT = "listed", "registered", "left"


class Event(Base):
    """One change in a person's enrollment: named in a desa's letter (listed), registered with
    BPJS (from the list BPJS sent back), gone from a newer apparatus list (left); with the day
    and the file it came from. Holds the NIK: the ledger is personal data."""

    __tablename__ = "ledger"
    __table_args__ = (Index("ledger_person", "nik"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    nik: Mapped[str] = mapped_column(String(16))
    kode_desa: Mapped[str] = mapped_column(String(40))
    peristiwa: Mapped[str] = mapped_column(String(20))
    tanggal: Mapped[dt.date] = mapped_column(Date)
    sumber: Mapped[str] = mapped_column(String(1000))  # the file, as messages name it
    nomor: Mapped[str | None] = mapped_column(String(200))  # listed: the letter's number
    register_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("register.id"))
    kpj: Mapped[str | None] = mapped_column(String(40))  # registered: the membership number
