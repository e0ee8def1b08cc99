"""`perbup reminders`: a reminder (surat pengingat) to each desa past its letter's deadline,
naming who is still not registered, numbered in the register."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perbup.base.errors import DataError
from perbup.base.formats import angka_terbilang, tanggal
from perbup.base.output import safe_name, session, sha256
from perbup.base.paths import display_path
from perbup.base.problems import Problem
from perbup.base.progress import SILENT, Progress
from perbup.compute.deadline import batas
from perbup.compute.timeline import Overdue, load_timeline
from perbup.documents.kind import Kind, Loaded, Sample
from perbup.documents.letters import kecamatan_folder
from perbup.documents.surat import LetterSettings, kop, numbering, register_letter, signature, tembusan
from perbup.load.config import Config
from perbup.load.dataset import Dataset
from perbup.load.nik import masked
from perbup.load.unfilled import LETTERS, escalate
from perbup.store.naskah import UNNUMBERED

TEMPLATE = "surat_pengingat.docx"
KIND = "surat_pengingat"
MANIFEST = "reminders/manifest.csv"
MANIFEST_FIELDS = ["kode_desa", "desa", "kecamatan", "nomor", "file", "sha256", "belum", "rujukan",
                   "tanggal", "hal"]
#: The variables the reminder template may use (checked before anything is written).
VARIABLES = frozenset({"kab", "surat", "tujuan", "rujukan", "ringkas", "aparat", "batas", "bpjs",
                       "ttd", "tembusan"})


@dataclass(frozen=True)
class Reminder:
    """One reminder to write."""

    overdue: Overdue
    nomor: str
    file: str  # relative to the output folder


@dataclass
class RemindersResult:
    planned: list[Reminder]
    written: int = 0
    skipped: int = 0
    manifest: Path | None = None
    warnings: list[Problem] = field(default_factory=list)


def reminder_file(overdue: Overdue) -> str:
    desa = overdue.desa
    return (f"reminders/{kecamatan_folder(desa.kecamatan)}/"
            f"{safe_name(desa.kode)}-{safe_name(desa.nama, 'desa')}.docx")


def reminder_context(settings: LetterSettings, overdue: Overdue, nomor: str,
                     full_nik: bool = False) -> dict[str, Any]:
    """The template context for the reminder to `overdue.desa`: its own people only."""
    config = settings.config
    desa = overdue.desa
    return {
        "kab": kop(config),
        "surat": {"tempat_tanggal": f"{config.kabupaten.ibu_kota}, {tanggal(settings.tanggal)}",
                  "nomor": nomor, "sifat": config.surat.sifat, "lampiran": "-",
                  "hal": config.pengingat.hal},
        "tujuan": {"desa": desa.nama, "kecamatan": desa.kecamatan.nama, "di": "Tempat"},
        "rujukan": {"nomor": overdue.nomor, "tanggal": tanggal(overdue.tanggal),
                    "hal": config.surat.hal, "batas": tanggal(overdue.batas)},
        "ringkas": {"belum": len(overdue.belum), "jumlah": overdue.aparat},
        "aparat": [{"no": i, "nama": p.nama, "jabatan": p.jabatan.nama,
                    "nik": p.nik if full_nik else masked(p.nik)}
                   for i, p in enumerate(overdue.belum, start=1)],
        "batas": {"tanggal": tanggal(settings.batas.tanggal or settings.tanggal),
                  "hari": f"{angka_terbilang(config.pengingat.batas_hari_kerja)} hari kerja"},
        "bpjs": {"kantor": config.bpjs.kantor, "alamat": config.bpjs.alamat},
        "ttd": signature(config),
        "tembusan": tembusan(config, desa),
    }


def unnumbered(config: Config, date: dt.date) -> str:
    """A reminder's number before the register gives it one."""
    return numbering(config).format(config.surat.kode_klasifikasi, UNNUMBERED, date.year)


def make_reminders(dataset: Dataset, out: Path, *, today: dt.date | None = None,
                   dry_run: bool = False, force: bool = False, full_nik: bool = False,
                   progress: Progress = SILENT) -> RemindersResult:
    """Writes a reminder to each desa past its letter's deadline as of `today` (numbers taken
    from the register; with `dry_run`, the numbers they would take and nothing written)."""
    from perbup.load.workspace import workspace_store
    from perbup.store import register

    workspace, config = dataset.workspace, dataset.workspace.config
    problems = escalate(dataset.problems, list(workspace.unfilled), LETTERS)
    if any(p.is_error for p in problems):
        raise DataError(problems)  # reminders go out, as letters do
    date = today or dt.date.today()  # the reminder is dated the day it goes out
    # Its own deadline counts from its own date, not from the instrument the letter rests on.
    settings = LetterSettings(config, date, batas(config.pengingat.batas_hari_kerja, date),
                              dataset.law, full_nik)
    overdue = list(load_timeline(dataset, date).overdue)
    letters = [register_letter(settings, o.desa, KIND, config.pengingat.hal) for o in overdue]
    template = workspace.prepared(TEMPLATE, workspace.properties(date))
    KINDS[0].require(template, display_path(workspace.template(TEMPLATE)))
    shown = numbering(config)
    if overdue:  # a trial render: a template error writes nothing
        template.render(reminder_context(settings, overdue[0], unnumbered(config, date), full_nik))
    if dry_run:
        with workspace_store(workspace, create=False) as store:
            numbers = register.preview(store, shown, letters)
        return RemindersResult([Reminder(o, n, reminder_file(o))
                                for o, n in zip(overdue, numbers, strict=True)])
    with workspace_store(workspace, notice=progress.notice) as store, \
            session(out, force=force) as ledger:
        assert store is not None
        files = [reminder_file(o) for o in overdue]
        ledger.check([*files, MANIFEST], force=force)
        numbered = register.take(store, shown, letters)
        result = RemindersResult([Reminder(o, n.nomor, f)
                                  for o, n, f in zip(overdue, numbered, files, strict=True)])
        written, digests = [], {}
        with progress.phase("letters", len(overdue)) as step:
            for reminder, entry in zip(result.planned, numbered, strict=True):
                data = template.render(reminder_context(settings, reminder.overdue, entry.nomor,
                                                        full_nik))
                digest = sha256(data)
                path = out / reminder.file
                if force or not path.is_file() or sha256(path.read_bytes()) != digest:
                    ledger.write(reminder.file, data)
                    result.written += 1
                else:
                    result.skipped += 1
                digests[reminder.file] = digest
                written.append(register.Written(entry.id, reminder.file, str(out.resolve()), digest))
                step(1)
        register.issued(store, written)
        ledger.write(MANIFEST, _manifest(result.planned, digests, settings))
        result.manifest = out / MANIFEST
    return result


def _manifest(planned: Sequence[Reminder], digests: dict[str, str], settings: LetterSettings) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, MANIFEST_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in planned:
        desa = r.overdue.desa
        writer.writerow({"kode_desa": desa.kode, "desa": desa.nama, "kecamatan": desa.kecamatan.nama,
                         "nomor": r.nomor, "file": r.file, "sha256": digests[r.file],
                         "belum": len(r.overdue.belum), "rujukan": r.overdue.nomor,
                         "tanggal": settings.tanggal.isoformat(),
                         "hal": settings.config.pengingat.hal})
    return buffer.getvalue().encode("utf-8")


def _samples(loaded: Loaded) -> list[Sample]:
    """A reminder to the first desa with someone not yet registered, as if its letter's deadline
    had passed on the documents' date: what `check` renders the reminder template with."""
    dataset = loaded.dataset
    config = dataset.workspace.config
    date = dataset.workspace.reference_date(loaded.today)
    belum = [p for p in dataset.aparat if not p.terdaftar]
    if dataset.ketentuan is None or not belum:
        return []
    desa = belum[0].desa
    own = tuple(sorted((p for p in belum if p.desa.kode == desa.kode),
                       key=lambda p: (p.jabatan.urutan, p.nama)))
    overdue = Overdue(desa, unnumbered(config, date), date, date, own,
                      sum(p.desa.kode == desa.kode for p in dataset.aparat))
    settings = LetterSettings(config, date, batas(config.pengingat.batas_hari_kerja, date),
                              dataset.law, False)
    return [Sample(reminder_context(settings, overdue, unnumbered(config, date)),
                   f"reminder to desa {desa.nama} ({desa.kode})")]


KINDS = (Kind(KIND, TEMPLATE, VARIABLES, "reminders/KECAMATAN/KODE-DESA.docx", publishable=False,
              summary="the reminder to a desa past its deadline: who is still not registered",
              samples=_samples),)
