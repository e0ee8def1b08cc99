"""Zips written deterministically: the members in the order given, each with a fixed time, system and permissions."""  # noqa: E501

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

#: The earliest time a zip can hold (MS-DOS dates start in 1980).
EPOCH = (1980, 1, 1, 0, 0, 0)
STORED, DEFLATED = 0, 8  # the compression methods, as zipfile numbers them
_VERSION = 20  # zip 2.0: deflate, what every reader opens; zipfile writes the same
_UTF8 = 0x800  # flag bit 11: the name is UTF-8
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHI")  # a central directory record up to its offset
_OFFSET = struct.Struct("<I")
_END = struct.Struct("<IHHHHIIH")


@dataclass(frozen=True)
class Stamp:
    """What every member of a zip says of when and where it was made, whatever the clock and the
    machine say: equal members give equal bytes on any computer, on any day."""

    date_time: tuple[int, int, int, int, int, int] = EPOCH
    system: int = 0  # the system it says it was made on: 0 MS-DOS, 3 Unix
    mode: int = 0  # the permission bits in its external attributes

    def dos(self) -> tuple[int, int]:
        """The time and date as a zip header holds them."""
        year, month, day, hour, minute, second = self.date_time
        return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


#: As Word writes a .docx: made on MS-DOS, with no attributes.
WORD = Stamp()
#: The bundles, letters.zip and signed.zip: made on Unix, rw-r--r--, wherever perbup runs.
UNIX = Stamp(system=3, mode=0o644)


def entry(name: bytes, method: int, crc: int, raw: bytes, size: int,
          stamp: Stamp = WORD) -> tuple[bytes, bytes]:
    """A member whose data `raw` is compressed already (by `method`; `crc` and `size` of the
    data itself): its local header with the data, and its central record up to the offset."""
    flags = 0 if name.isascii() else _UTF8
    fields = (_VERSION, flags, method, *stamp.dos(), crc, len(raw), size, len(name))
    return (_LOCAL.pack(0x04034B50, *fields, 0) + name + raw,
            _CENTRAL.pack(0x02014B50, _VERSION | stamp.system << 8, *fields, 0, 0, 0, 0,
                          stamp.mode << 16))


def deflated(name: bytes, data: bytes, level: int, stamp: Stamp = WORD) -> tuple[bytes, bytes]:
    """`data` deflated at `level` as a member called `name` (see `entry`)."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)  # raw deflate, as a zip holds it
    return entry(name, DEFLATED, zlib.crc32(data), packer.compress(data) + packer.flush(), len(data),
                 stamp)


class ZipWriter:
    """Builds a zip in memory from ready members and new data, every new member with `stamp`."""

    def __init__(self, stamp: Stamp = WORD) -> None:
        self.stamp = stamp
        self._chunks: list[bytes] = []
        self._directory: list[bytes] = []
        self._offset = 0

    def copy(self, name: bytes, local: bytes, central: bytes) -> None:
        """A member made by `entry` or `deflated`, added as it is."""
        self._chunks.append(local)
        self._directory.append(central + _OFFSET.pack(self._offset) + name)
        self._offset += len(local)

    def add(self, name: str | bytes, data: bytes, level: int) -> None:
        """`data` deflated at `level`."""
        encoded = name.encode() if isinstance(name, str) else name
        self.copy(encoded, *deflated(encoded, data, level, self.stamp))

    def store(self, name: str | bytes, data: bytes) -> None:
        """`data` as it is: for what is compressed already (a .docx, a PDF, a picture)."""
        encoded = name.encode() if isinstance(name, str) else name
        self.copy(encoded, *entry(encoded, STORED, zlib.crc32(data), data, len(data), self.stamp))

    def finish(self) -> bytes:
        size, count = sum(map(len, self._directory)), len(self._directory)
        return b"".join(self._chunks + self._directory) + _END.pack(
            0x06054B50, 0, 0, count, count, size, self._offset, 0)
