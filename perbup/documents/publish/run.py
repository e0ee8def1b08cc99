"""What `perbup publish` makes of a promulgated decree: its final copy, JDIH record, abstract, Akoma Ntoso."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perbup.base.errors import DataError
from perbup.base.output import session
from perbup.base.paths import display_path
from perbup.base.problems import Problem
from perbup.documents.decree import (
    DecreeOptions,
    DecreeResult,
    content_path,
    make_decree,
    nama_pejabat,
    output_file,
)
from perbup.documents.publish import akn, jdih
from perbup.documents.publish.facts import Tabel, Terbitan
from perbup.load.config import Jdih
from perbup.load.content import Content, load_content
from perbup.load.unfilled import has_dots
from perbup.load.workspace import Workspace
from perbup.load.yamlfile import line_of, load_yaml

FOLDER = "publish"
#: The final decree a publication is made from; its PDF/A goes beside it.
DECREE = output_file("perbup", konsep=False)
# A published file carries counts and amounts only (UU 27/2022): a run of 16 digits is a NIK.
_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
_COLUMNS = ("No.", "{group}", "Jumlah Desa", "Jumlah Aparat Desa", "Sudah Terdaftar",
            "Belum Terdaftar", "Iuran per Bulan (Rp)", "Iuran per Tahun (Rp)")
_GROUPS = {"rekap_kecamatan": "Kecamatan", "rekap_jabatan": "Jabatan"}
_CELLS = ("no", "nama", "desa", "aparat", "terdaftar", "belum", "bulanan", "tahunan")


@dataclass
class PublishResult:
    files: list[Path] = field(default_factory=list)  # what was written in OUTPUT/publish/
    decree: Path | None = None  # the final decree it was made from
    warnings: list[Problem] = field(default_factory=list)


def promulgation_problems(content: Content, raw: Any, display: str) -> list[Problem]:
    """What a decree still lacks to be published: its number, the dates it was signed and
    promulgated, its Berita Daerah number (a draft lacks them all)."""
    hint = "publish a decree once it is signed and promulgated: fill it in as the legal bureau gave it"
    found = []

    def lacks(path: tuple[str, ...], what: str) -> None:
        found.append(Problem(display, line_of(raw, path) or line_of(raw, path[:1]) or None,
                             "error", f"{what} is not filled in", hint))

    if content.jenis != "perbup":
        found.append(Problem(display, None, "error", f"a {content.jenis} is not published in the "
                             "Berita Daerah", "perbup publish publishes a Peraturan Bupati"))
    if has_dots(content.nomor) or not content.nomor.strip():
        lacks(("nomor",), "the decree's number ('nomor')")
    if content.penetapan.tanggal is None:
        lacks(("penetapan", "tanggal"), "the day it was signed ('penetapan.tanggal')")
    if content.pengundangan.tanggal is None:
        lacks(("pengundangan", "tanggal"), "the day it was promulgated ('pengundangan.tanggal')")
    if has_dots(content.pengundangan.nomor) or not content.pengundangan.nomor.strip():
        lacks(("pengundangan", "nomor"), "the Berita Daerah number ('pengundangan.nomor')")
    signed, promulgated = content.penetapan.tanggal, content.pengundangan.tanggal
    if signed and promulgated and promulgated < signed:
        found.append(Problem(display, line_of(raw, ("pengundangan", "tanggal")), "error",
                             f"it was promulgated ({promulgated.isoformat()}) before it was signed "
                             f"({signed.isoformat()})", "check both dates against the originals"))
    return found


def tables(decree: Any, context: Mapping[str, Any]) -> tuple[Tabel, ...]:
    """The annexes' tables as the decree prints them, for the Akoma Ntoso attachments."""
    out = []
    for roman, judul, isi in decree.lampiran:
        figures = context.get(isi)
        if not figures:
            continue
        heading = (f"LAMPIRAN {roman}".strip(), decree.judul_dokumen, decree.nomor_tahun,
                   f"TENTANG {decree.tentang}", *judul.upper().splitlines())
        columns = tuple(c.format(group=_GROUPS.get(isi, "Uraian")) for c in _COLUMNS)
        rows = tuple(tuple(str(r[c]) for c in _CELLS) for r in figures["baris"])
        total = ("", "JUMLAH", *(str(figures["jumlah"][c]) for c in _CELLS[2:]))
        out.append(Tabel(heading, columns, rows, total, tuple(context.get("catatan", ()))))
    return tuple(out)


@dataclass(frozen=True)
class Promulgated:
    """A promulgated decree whose final copy is written: what its publication is made from."""

    made: DecreeResult
    terbitan: Terbitan
    settings: Jdih  # terbit.jdih in perbup.yaml: where the JDIH publishes it


def final_decree(workspace: Workspace, aparat: Path | None, out: Path, *, force: bool = False,
                 today: dt.date | None = None) -> Promulgated:
    """Refuses a decree not yet promulgated (DataError); otherwise writes its final copy (no
    KONSEP marking, no initials boxes), DECREE in the output folder."""
    path = content_path(workspace, "perbup")
    display = display_path(path)
    content, _ = load_content(path, display)
    missing = promulgation_problems(content, load_yaml(path, display), display)
    if missing:
        raise DataError(missing)
    made = make_decree(workspace, aparat, DecreeOptions(out=out, final=True, force=force), today=today)
    decree = made.decree
    assert decree is not None  # made from the content, not drafted as an amendment
    config = workspace.config
    assert content.penetapan.tanggal and content.pengundangan.tanggal  # refused above otherwise
    kab = config.kabupaten
    terbitan = Terbitan(
        jenis="perbup", kabupaten=kab.nama, kepala_daerah=kab.kepala_daerah, nomor=content.nomor,
        tahun=int(decree.nomor_tahun.split()[-1]), judul=decree.nama,
        tempat=decree.penetapan.tempat, ditetapkan=content.penetapan.tanggal,
        diundangkan=content.pengundangan.tanggal, berita_daerah=content.pengundangan.nomor,
        bupati=nama_pejabat(config.pejabat.bupati.nama),
        sekretaris_daerah=nama_pejabat(config.pejabat.sekretaris_daerah.nama),
        lampiran=tables(decree, made.context))
    return Promulgated(made, terbitan, config.terbit.jdih)


def publication(promulgated: Promulgated, pdf: bytes | None, out: Path, *,
                force: bool = False) -> PublishResult:
    """Writes in OUTPUT/publish/ the copy to publish (`pdf`, the final decree's PDF/A; None when
    it could not be made, and the record names it still to come), the JDIH record (checked
    against its schema), the abstract and the Akoma Ntoso XML (checked against the official
    schema)."""
    made, terbitan = promulgated.made, promulgated.terbitan
    decree = made.decree
    assert decree is not None  # a final decree is made from its content
    base = terbitan.basename
    result = PublishResult(decree=made.path, warnings=list(made.warnings))
    pages = _pages(pdf) if pdf else None
    summary = jdih.abstrak(decree, terbitan, pages)
    record = jdih.record(decree, terbitan, promulgated.settings, summary)
    xml = akn.build(decree, terbitan)
    files = {f"{FOLDER}/{base}.json": jdih.dumps(record),
             f"{FOLDER}/{base}-abstrak.txt": summary.encode("utf-8"),
             f"{FOLDER}/{base}.akn.xml": xml}
    if pdf is not None:
        files[f"{FOLDER}/{terbitan.file_pdf}"] = pdf
    _check(files, jdih.problems(record), akn.problems(xml), out)
    with session(out, force=force) as ledger:
        ledger.check(list(files), force=force)
        result.files = [ledger.write(name, data) for name, data in sorted(files.items())]
    return result


def _pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _check(files: Mapping[str, bytes], record: Sequence[str], xml: Sequence[str], out: Path) -> None:
    """DataError naming what a file to publish gets wrong: a record off its schema, XML off the
    official schema, a NIK-shaped number in the text. Nothing is written then."""
    found = []
    for name, problems in ((".json", record), (".akn.xml", xml)):
        target = next(n for n in files if n.endswith(name))
        found += [Problem(str(out / target), None, "error", f"does not pass its schema: {p}",
                          "this is a fault in perbup: report it with the content file")
                  for p in problems]
    for name, data in files.items():
        if not name.endswith(".pdf") and _NIK.search(data.decode("utf-8")):
            found.append(Problem(str(out / name), None, "error", "holds a 16-digit number, the "
                                 "shape of a NIK; a published file carries counts and amounts only",
                                 "remove the number from the content file"))
    if found:
        raise DataError(found)
