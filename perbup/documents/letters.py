"""`perbup letters`: choose the desa, number them in the register, render in parallel, write the manifest."""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import io
import itertools
import multiprocessing
import re
import signal
from collections import defaultdict, deque
from collections.abc import Callable, Container, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from perbup.base.errors import DataError, Interrupted, OutputError, TemplateError, UsageError
from perbup.base.formats import tanggal
from perbup.base.output import (
    Ledger,
    inside,
    pieces,
    record,
    remove_stale_temporaries,
    safe_name,
    session,
    sha256,
    write_atomic,
)
from perbup.base.paths import display_path
from perbup.base.problems import Problem
from perbup.base.progress import SILENT, Progress
from perbup.compute.deadline import Batas, batas
from perbup.compute.iuran import IuranOrang, Rekap, per_person, rekap
from perbup.documents.kind import Kind, Loaded, Sample
from perbup.documents.surat import (
    ROWS_PER_SHEET,
    VARIABLES,
    LetterSettings,
    letter_context,
    numbering,
    register_letter,
)
from perbup.docx.package import Properties
from perbup.docx.render import PreparedTemplate
from perbup.load.aparat import Aparat
from perbup.load.dataset import Dataset
from perbup.load.ketentuan import Ketentuan
from perbup.load.regions import Desa, Kecamatan, name_key, normalize_code
from perbup.load.unfilled import LETTERS, escalate, zero_total
from perbup.load.workspace import Workspace
from perbup.store.naskah import UNNUMBERED, Letter, Numbering

if TYPE_CHECKING:  # the database is imported only when a batch issues letters
    from perbup.store.ledger import Change

TEMPLATE = "surat_desa.docx"
MANIFEST = "letters/manifest.csv"
# tanggal and hal with nomor are what the register needs to be rebuilt from the manifests.
MANIFEST_FIELDS = ["kode_desa", "desa", "kecamatan", "nomor", "file", "sha256", "aparat",
                   "iuran_bulanan", "iuran_tahunan", "tanggal", "hal"]


@dataclass(frozen=True)
class LettersOptions:
    out: Path = Path("output")
    kecamatan: tuple[str, ...] = ()
    desa: tuple[str, ...] = ()
    all: bool = False
    jobs: int = 1
    force: bool = False
    full_nik: bool = False
    # Letters go out, so what is not filled in is refused; only `build` without --final makes
    # working copies to review, with warnings instead.
    final: bool = True


@dataclass(frozen=True)
class Planned:
    """One letter to write: where, with which number and content."""

    desa: Desa
    nomor: str
    file: str  # relative to the output folder, with "/" separators
    context: dict[str, Any]
    rekap: Rekap
    tanggal: dt.date
    hal: str


# slots, and nothing of the letter's content: a national batch keeps one for each of its
# tens of thousands of letters.
@dataclass(frozen=True, slots=True)
class Made:
    """What a run keeps of a letter it has made (written or found unchanged): its manifest row."""

    desa: Desa
    nomor: str
    file: str
    sha256: str
    aparat: int
    iuran_bulanan: int  # what the desa budgets a month: the employer's shares
    tanggal: dt.date
    hal: str

    def row(self) -> list[str]:
        """The letter's row of the manifest, in the order of MANIFEST_FIELDS."""
        return [self.desa.kode, self.desa.nama, self.desa.kecamatan.nama, self.nomor, self.file,
                self.sha256, str(self.aparat), str(self.iuran_bulanan), str(12 * self.iuran_bulanan),
                self.tanggal.isoformat(), self.hal]


@dataclass
class LettersResult:
    planned: list[Made]  # the letters of this run, written or unchanged
    written: int = 0
    skipped: int = 0
    warnings: list[Problem] = field(default_factory=list)
    manifest: Path | None = None

    @property
    def files(self) -> list[str]:
        """The letters of this run, relative to the output folder."""
        return [m.file for m in self.planned]

    @property
    def iuran_bulanan(self) -> int:
        """What the desa written to budget a month, together (the employer's shares)."""
        return sum(m.iuran_bulanan for m in self.planned)


def _by_desa(dataset: Dataset) -> dict[str, tuple[Aparat, ...]]:
    """The apparatus of each desa (as tuples, which hold no room to grow: a batch keeps them to
    its end). Their contributions are computed one desa at a time, when its letter is made: a
    national list is never held a second time as contributions."""
    people: dict[str, list[Aparat]] = defaultdict(list)
    for person in dataset.aparat:
        people[person.desa.kode].append(person)
    return {kode: tuple(rows) for kode, rows in people.items()}


def _contributions(people: Sequence[Aparat], law: Ketentuan) -> list[IuranOrang]:
    return [per_person(person, law) for person in people]


def _select(dataset: Dataset, options: LettersOptions,
            people: Mapping[str, Sequence[Aparat]]) -> tuple[list[Desa], list[Problem]]:
    """The desa to write letters for, and why a desa the options name gets none."""
    named: list[Desa] = list(dataset.desa.desa)
    notes: list[Problem] = []
    wanted: set[Kecamatan] = set()
    if options.kecamatan:
        wanted = {_kecamatan(dataset, typed) for typed in options.kecamatan}
        named = [d for d in named if d.kecamatan in wanted]
    if options.desa:
        wanted_desa: list[Desa] = []
        for typed in options.desa:
            wanted_desa.extend(d for d in _desa(dataset, typed) if d not in wanted_desa)
        outside = [d for d in wanted_desa if d not in named]
        if outside:
            places = ", ".join(sorted({k.nama for k in wanted}))
            notes.append(_note(
                outside, lambda one: f"desa {one} is not in Kecamatan {places}, so it gets no letter",
                lambda n, names: f"{n} desa are not in Kecamatan {places}, so they get no letter: {names}",
                "leave out --kecamatan, or name a desa of that kecamatan"))
        named = [d for d in named if d in wanted_desa]
    chosen = [d for d in named if d.kode in people]
    if not options.all:
        chosen = [d for d in chosen if any(not p.terdaftar for p in people[d.kode])]
    if options.desa or options.kecamatan:
        notes.extend(_left_out(named, chosen, people))
    return chosen, notes


def _kecamatan(dataset: Dataset, typed: str) -> Kecamatan:
    found = next((k for k in dataset.desa.kecamatan
                  if name_key(k.nama) == name_key(typed) or k.kode == normalize_code(typed, 3)), None)
    if found is not None:
        return found
    near = dataset.desa.suggest_kecamatan(typed)
    if near is not None:
        raise UsageError(f'--kecamatan "{typed}" is not a kecamatan of the workspace; '
                         f'did you mean "{near.nama}"?')
    names = ", ".join(k.nama for k in dataset.desa.kecamatan)
    raise UsageError(f'--kecamatan "{typed}" is not a kecamatan of the workspace; choose from: {names}')


def _desa(dataset: Dataset, typed: str) -> list[Desa]:
    kode = normalize_code(typed)
    by_code = dataset.desa.by_code(kode) if kode else None
    found = ([by_code] if by_code else []) if kode else dataset.desa.by_name(typed)
    if found:
        return found
    near = None if kode else dataset.desa.suggest(typed)
    hint = (f'; did you mean "{near.nama}" ({near.kode}, Kecamatan {near.kecamatan.nama})?'
            if near else "")
    raise UsageError(f'--desa "{typed}" is not a desa of the workspace{hint}')


def _left_out(named: Sequence[Desa], chosen: Sequence[Desa],
              people: Mapping[str, Sequence[Aparat]]) -> list[Problem]:
    """Why each desa that --desa or --kecamatan names gets no letter, so "0 written" is explained."""
    left = [d for d in named if d not in set(chosen)]
    notes = []
    enrolled = [d for d in left if d.kode in people]
    if enrolled:
        notes.append(_note(
            enrolled, lambda one: f"every aparat of desa {one} is already enrolled, so it gets no letter",
            lambda n, names: f"every aparat is already enrolled in {n} desa, so they get no letter: {names}",
            "add --all to write letters for fully enrolled desa too"))
    empty = [d for d in left if d.kode not in people]
    if empty:
        notes.append(_note(
            empty, lambda one: f"desa {one} has no aparat in the list, so it gets no letter",
            lambda n, names: f"{n} desa have no aparat in the list, so they get no letter: {names}",
            "add the desa's apparatus to the list"))
    return notes


def _note(desa: Sequence[Desa], one: Callable[[str], str], several: Callable[[int, str], str],
          hint: str, most: int = 10) -> Problem:
    """A warning about the options, not a file: `one` words it for one desa, `several` for more."""
    shown = ", ".join(f"{d.nama} ({d.kode})" for d in desa[:most])
    shown += f" and {len(desa) - most} more" if len(desa) > most else ""
    message = one(shown) if len(desa) == 1 else several(len(desa), shown)
    return Problem("perbup", None, "warning", message, hint)


def _shape(rows: Sequence[Aparat]) -> tuple[bool, ...]:
    """What decides which branches of the letter template a desa's letter takes: people
    enrolled (with and without a KPJ number) or not, and an annex longer than one sheet."""
    enrolled = [a for a in rows if a.terdaftar]
    return (len(enrolled) < len(rows), bool(enrolled), any(a.kpj for a in enrolled),
            any(not a.kpj for a in enrolled), len(rows) > ROWS_PER_SHEET)


@dataclass(frozen=True)
class _Batch:
    """The letters of one run before their numbers are known: which desa, in order, what the
    register records of each, and the first letter of each kind of desa (see _shape), to render
    on trial before anything is written."""

    chosen: list[Desa]
    # One string a letter's file, in `chosen` order, shared by the plan, the letter, its
    # manifest row and the output folder's record.
    files: list[str]
    register: Callable[[Desa], Letter]  # what the register records of a desa's letter
    make: Callable[[Desa, str, str], Planned]
    kinds: list[Desa]
    numbering: Numbering
    warnings: list[Problem]
    people: Mapping[str, Sequence[Aparat]]  # each desa's apparatus

    def letters(self) -> Sequence[Letter]:
        """What the register records of each letter, in `chosen` order: each made as the
        register reads it, never all held at once."""
        return _Registered(self.chosen, self.register)

    def planned(self, numbers: Sequence[str]) -> Iterator[Planned]:
        """The letters, computed one at a time so memory stays flat."""
        return map(self.make, self.chosen, self.files, numbers)

    def trials(self) -> list[Planned]:
        return [self.make(d, letter_file(d), self.numbering.format(
                    letter.kode_klasifikasi, UNNUMBERED, letter.tanggal.year))
                for d, letter in zip(self.kinds, map(self.register, self.kinds), strict=True)]


@dataclass(frozen=True)
class _Registered(Sequence[Letter]):
    """What the register records of a batch's letters, in order, each made when it is read: the
    register reads a national batch a chunk at a time, and tens of thousands of records add up."""

    chosen: Sequence[Desa]
    register: Callable[[Desa], Letter]

    def __len__(self) -> int:
        return len(self.chosen)

    @overload
    def __getitem__(self, index: int) -> Letter: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Letter]: ...

    def __getitem__(self, index: int | slice) -> Letter | Sequence[Letter]:
        if isinstance(index, slice):
            return [self.register(d) for d in self.chosen[index]]
        return self.register(self.chosen[index])


def _plan(dataset: Dataset, options: LettersOptions, today: dt.date | None) -> _Batch:
    """The letters this run would write, and warnings about the plan."""
    workspace = dataset.workspace
    config = workspace.config
    date = workspace.reference_date(today)
    deadline = batas(config.surat.batas_hari_kerja, config.dasar.tanggal)
    warnings = deadline_warnings(workspace, date, deadline)
    people = _by_desa(dataset)
    settings = LetterSettings(config, date, deadline, dataset.law, options.full_nik)
    selected, notes = _select(dataset, options, people)
    warnings.extend(notes)
    chosen = sorted(selected, key=lambda d: (d.kecamatan.kode, d.kode))

    def planned(desa: Desa, file: str, nomor: str) -> Planned:
        rows = _contributions(people[desa.kode], dataset.law)
        context, total = letter_context(settings, desa, rows, nomor)
        return Planned(desa, nomor, file, context, total, date, config.surat.hal)

    kinds: dict[tuple[bool, ...], Desa] = {}
    for desa in chosen:
        kinds.setdefault(_shape(people[desa.kode]), desa)
    return _Batch(chosen, [letter_file(d) for d in chosen], partial(register_letter, settings),
                  planned, list(kinds.values()), numbering(config), warnings, people)


def deadline_warnings(workspace: Workspace, date: dt.date, deadline: Batas) -> list[Problem]:
    """What to look at in the deadline the letters give: years whose holidays perbup does not
    know, an instrument dated after the letters, a deadline already past on the letter date."""
    display = display_path(workspace.config_path)
    line = workspace.lines.get("dasar.tanggal")
    out = [Problem(display, None, "warning",
                   f"national holidays of {year} are not known yet; the deadline skips only "
                   "weekends in that year", "check surat.batas_hari_kerja against the SKB "
                   "on national holidays") for year in deadline.unknown_years]
    if deadline.sejak is not None and deadline.sejak > date:
        out.append(Problem(display, line, "warning",
                           f"'dasar.tanggal' ({tanggal(deadline.sejak)}) is after the letter date "
                           f"({tanggal(date)}): the letters would rest on an instrument not yet in force",
                           "check dasar.tanggal and surat.tanggal"))
    elif deadline.tanggal is not None and deadline.tanggal < date:
        out.append(Problem(display, line, "warning",
                           f"the registration deadline ({tanggal(deadline.tanggal)}) is before the "
                           f"letter date ({tanggal(date)})",
                           "the deadline counts from dasar.tanggal: check it and surat.batas_hari_kerja"))
    return out


def kecamatan_folder(kecamatan: Kecamatan) -> str:
    """A kecamatan's folder (and bundle) name: its code first, so two kecamatan whose names
    come out alike as file names ("Kupang Tengah", "Kupang-Tengah") never share one."""
    return f"{safe_name(kecamatan.kode)}-{safe_name(kecamatan.nama, 'kecamatan')}"


def refuse_unfilled(dataset: Dataset, options: LettersOptions, today: dt.date | None = None) -> None:
    """Letters always go out: DataError, with every problem of the data, when a setting they
    print is not filled in or a letter would ask aparat still to enroll for Rp 0
    (perbup/load/unfilled.py)."""
    config = dataset.workspace.config
    people = _by_desa(dataset)
    items = list(dataset.workspace.unfilled)
    chosen, _ = _select(dataset, options, people)
    for desa in chosen:
        # A desa whose aparat are all enrolled owes nothing by rights (--all asks for its letter);
        # Rp 0 for people still to enroll means the contribution settings give nothing.
        total = rekap(_contributions(people[desa.kode], dataset.law), config.iuran.program)
        if total.belum and total.iuran == 0:
            rows = [p for p in people[desa.kode] if not p.terdaftar]
            items.append(zero_total(
                dataset.source, min(p.line for p in rows),
                f"the letter to Desa {desa.nama} ({desa.kode}) would ask {total.belum} aparat to "
                "enroll for contributions of Rp 0",
                "check iuran.program in perbup.yaml and the rates in force (perbup rules): they give nothing",
                frozenset({LETTERS})))
    problems = escalate(dataset.problems, items, LETTERS)
    if options.final and any(p.is_error for p in problems):
        raise DataError(problems)


def letter_file(desa: Desa) -> str:
    """Where a desa's letter goes, relative to the output folder; safe whatever the names hold."""
    return (f"letters/{kecamatan_folder(desa.kecamatan)}/"
            f"{safe_name(desa.kode)}-{safe_name(desa.nama, 'desa')}.docx")


def plan_letters(dataset: Dataset, options: LettersOptions,
                 today: dt.date | None = None) -> tuple[list[Planned], list[Problem]]:
    """Every letter this run would write, fully computed, and warnings about the plan."""
    refuse_unfilled(dataset, options, today)
    batch = _plan(dataset, options, today)
    from perbup.load.workspace import workspace_store
    from perbup.store import register

    with workspace_store(dataset.workspace, create=False) as store:
        show = register.preview if options.final else register.current
        numbers = show(store, batch.numbering, batch.letters())
    return list(batch.planned(numbers)), batch.warnings


def trial_letters(dataset: Dataset, today: dt.date | None = None) -> list[Planned]:
    """One letter of each kind of desa with apparatus (enrolled or not, long annex or short): what
    `check` and a batch render on trial, so a template error shows before anything is written."""
    return _plan(dataset, LettersOptions(all=True), today).trials()


def render_letter(template: PreparedTemplate, planned: Planned) -> bytes:
    """`planned`'s letter; a TemplateError names its desa."""
    try:
        return template.render(planned.context)
    except TemplateError as exc:
        raise _for_desa(planned.desa, exc.message, exc.tag) from None


def about_desa(desa: Desa) -> str:
    """How an error names the letter it met: "letter for desa Oelnasi (53.01.01.2001)"."""
    return f"letter for desa {desa.nama} ({desa.kode})"


def _for_desa(desa: Desa, message: str, tag: str | None, after: str = "") -> TemplateError:
    where = f" in {tag}" if tag else ""
    return TemplateError(TEMPLATE, f"{about_desa(desa)}: {message}{where}{after}")


_worker_template: PreparedTemplate | None = None


def _init_worker(template: Path | None, pictures: Mapping[str, bytes], properties: Properties) -> None:
    """A pool worker: Ctrl-C reaches the whole process group, but only the parent handles it (it
    stops the pool and sweeps away what a stopped worker left half-written), so no worker prints
    a traceback. A forked worker has the parent's prepared template (`template` None); a spawned
    one prepares its own."""
    global _worker_template
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if template is not None:
        _worker_template = PreparedTemplate.load(template, name=TEMPLATE, replace=pictures,
                                                 properties=properties)


class _Outcome(NamedTuple):
    """What became of one letter. A template error comes back as its message and tag, not as the
    exception: a pool worker's exception must survive pickling, which TemplateError's does not."""

    written: bool
    digest: str = ""
    error: tuple[str, str | None] | None = None


def _write_one(task: tuple[Path, str, dict[str, Any], bool, Path]) -> _Outcome:
    """Renders one letter and writes it unless an identical file is already there.

    The output folder's record gets the file's checksum before the file is replaced, so after a
    kill a re-run still recognises every letter it wrote even though the manifest was never
    updated.
    """
    path, relative, context, force, out = task
    assert _worker_template is not None  # set by _init_worker
    try:
        data = _worker_template.render(context)
    except TemplateError as exc:  # nothing of this letter is written
        return _Outcome(False, error=(exc.message, exc.tag))
    digest = sha256(data)
    if not force and path.is_file() and sha256(path.read_bytes()) == digest:
        return _Outcome(False, digest)
    record(out, relative, digest)
    write_atomic(path, data)
    return _Outcome(True, digest)


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run(tasks: Iterator[tuple[Path, str, dict[str, Any], bool, Path]], prepared: PreparedTemplate,
         template: Path, pictures: Mapping[str, bytes], properties: Properties, jobs: int,
         ) -> Generator[_Outcome, None, None]:
    global _worker_template
    _worker_template = prepared
    if jobs <= 1:
        yield from map(_write_one, tasks)
        return
    # fork hands the workers the template prepared here (no second read or compile); spawn,
    # where fork is missing, prepares it again in each worker.
    methods = multiprocessing.get_all_start_methods()
    fork = "fork" in methods
    context = multiprocessing.get_context("fork" if fork else "spawn")
    with context.Pool(jobs, initializer=_init_worker,
                      initargs=(None if fork else template, pictures, properties)) as pool:
        # A pool reads its whole input at once: feed it in batches so memory stays flat.
        for batch in _batches(tasks, 64 * jobs):
            yield from pool.imap(_write_one, batch, chunksize=8)


# A letter's place: letters/<kecamatan folder>/<file>.docx (see letter_file).
_LETTER = re.compile(r"letters/[^/]+/[^/]+\.docx")


def _earlier_rows(out: Path, ledger: Ledger,
                  leave_out: Container[str] = ()) -> Iterator[dict[str, str]]:
    """The manifest's rows whose letter is still there as perbup wrote it, by the output
    folder's record: a row added or edited by hand names nothing else (a report with full NIKs
    must never pass for a letter), and a row's checksum is the record's. Rows for the files in
    `leave_out` are skipped unread."""
    path = out / MANIFEST
    if not path.is_file():
        return
    try:
        text = path.read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
    except (OSError, UnicodeDecodeError, csv.Error):
        return  # only --force gets here (a manifest perbup did not write is refused first)
    for row in rows:
        file = str(row.get("file") or "")
        if file in leave_out or not _LETTER.fullmatch(file) or ".." in file.split("/"):
            continue
        try:
            inside(out, file)
        except (OSError, OutputError):
            continue
        if (digest := ledger.own_digest(file)) is not None:
            yield {**{k: str(row.get(k) or "") for k in MANIFEST_FIELDS}, "sha256": digest}


def listed_letters(out: Path, ledger: Ledger) -> list[str]:
    """The letters of the manifest that are there as perbup wrote them, relative to `out`."""
    if not (out / MANIFEST).is_file():
        raise OutputError(f"{out / MANIFEST} is missing: make the letters first")
    return sorted(row["file"] for row in _earlier_rows(out, ledger))


class _Echo:
    """A file for csv.writer that hands back each line instead of keeping it (writerow returns
    what write returns), so a CSV is made one line at a time."""

    def write(self, line: str) -> str:
        return line


def _manifest(out: Path, ledger: Ledger, made: Sequence[Made]) -> Iterator[bytes]:
    """This run's rows, plus earlier rows for letters this run did not touch whose file is there.

    The earlier rows are read now, the file's pieces made as they are written: a national
    batch's manifest is megabytes, and is never held whole."""
    earlier = {row["file"]: row for row in _earlier_rows(out, ledger,
                                                         leave_out={m.file for m in made})}
    writer = csv.writer(_Echo(), lineterminator="\n")
    rows = heapq.merge(((m.file, m.row()) for m in sorted(made, key=attrgetter("file"))),
                       ((file, [row[k] for k in MANIFEST_FIELDS])
                        for file, row in sorted(earlier.items())), key=itemgetter(0))
    return pieces(itertools.chain([writer.writerow(MANIFEST_FIELDS)],
                                  (writer.writerow(row) for _, row in rows)))


def planned_files(dataset: Dataset, options: LettersOptions) -> list[str]:
    """The letters this run would write, relative to the output folder."""
    return _plan(dataset, options, None).files


def make_letters(dataset: Dataset, options: LettersOptions, *, today: dt.date | None = None,
                 progress: Progress = SILENT) -> LettersResult:
    """Checks the template, then renders and writes every letter, then the manifest.

    Letters are computed one by one (memory stays flat with the number of desa); an existing
    file that perbup did not write, or that was edited since, is only replaced with --force.
    """
    refuse_unfilled(dataset, options, today)
    template_path = dataset.workspace.template(TEMPLATE)
    pictures = dataset.workspace.pictures(TEMPLATE)
    properties = dataset.workspace.properties(today)
    template = dataset.workspace.prepared(TEMPLATE, properties)
    KINDS[0].require(template, display_path(template_path))
    batch = _plan(dataset, options, today)
    result = LettersResult([], warnings=batch.warnings)
    out = options.out
    # A trial render of one letter of each kind of desa finds render-time template mistakes (a
    # missing value, refused code) before anything is written; what only one desa's data
    # triggers is caught when its turn comes (see _write_all).
    for trial in batch.trials():
        render_letter(template, trial)
    from perbup.load.workspace import workspace_store
    from perbup.store import register

    # Letters that go out take their numbers from the register (created on first use); a
    # working copy shows the numbers already taken and takes none.
    with workspace_store(dataset.workspace, create=options.final, notice=progress.notice) as store, \
            session(out, force=options.force) as ledger:
        files = batch.files
        ledger.check([*files, MANIFEST], force=options.force)
        # Of each letter's place in the register, only its number and entry are kept.
        ids: list[int] = []
        if options.final and store is not None:
            numbered = register.take(store, batch.numbering, batch.letters())
            numbers, ids = [n.nomor for n in numbered], [n.id for n in numbered]
            del numbered
        else:
            numbers = register.current(store, batch.numbering, batch.letters())
        try:
            _write_all(ledger, batch.planned(numbers), template, template_path, pictures,
                       properties, options, result, len(files), progress)
        finally:
            if ids and store is not None:
                entry = {d.kode: i for d, i in zip(batch.chosen, ids, strict=True)}
                folder = str(out.resolve())
                register.issued(store, [register.Written(entry[m.desa.kode], m.file, folder,
                                                         m.sha256) for m in result.planned])
                from perbup.store.ledger import record

                # The ledger notes everyone a letter written asks to register.
                record(store, _Listed(batch.people, result.planned, entry))
    return result


@dataclass(frozen=True)
class _Listed:
    """Everyone the letters written ask to register, as the ledger's changes, with each letter's
    number and date: made as the ledger reads them, never held all at once (a national batch
    names a hundred thousand people)."""

    people: Mapping[str, Sequence[Aparat]]
    written: Sequence[Made]
    ids: Mapping[str, int]  # desa code -> the register entry of its letter

    def _named(self) -> Iterator[tuple[Made, Aparat]]:
        return ((m, person) for m in self.written for person in self.people[m.desa.kode]
                if not person.terdaftar)

    def __len__(self) -> int:
        return sum(1 for _ in self._named())

    def __iter__(self) -> Iterator[Change]:
        from perbup.store.ledger import Change
        from perbup.store.models import LISTED

        return (Change(person.nik, m.desa.kode, LISTED, m.tanggal, m.file, nomor=m.nomor,
                       register_id=self.ids[m.desa.kode]) for m, person in self._named())


def _write_all(ledger: Ledger, generate: Iterator[Planned], template: PreparedTemplate,
               template_path: Path, pictures: Mapping[str, bytes], properties: Properties,
               options: LettersOptions,
               result: LettersResult, count: int,
               progress: Progress) -> None:
    out = ledger.root
    made: list[Made] = []
    # Letters handed to the renderer whose outcome has not come back yet (a pool reads ahead);
    # each keeps its totals, not its content.
    waiting: deque[Planned] = deque()

    def tasks() -> Iterator[tuple[Path, str, dict[str, Any], bool, Path]]:
        for p in generate:
            waiting.append(replace(p, context={}))
            yield inside(out, p.file), p.file, p.context, options.force, out

    results = _run(tasks(), template, template_path, pictures, properties, options.jobs)
    try:
        with progress.phase("letters", count) as step:
            for written, digest, error in results:
                p = waiting.popleft()
                if error is not None:
                    # Stop here and leave the output as a finished run of the letters so far
                    # would: their manifest is written and the record keeps what pool workers
                    # finished after, so once the template is fixed a re-run completes the
                    # batch. Rendering every letter before writing any would hold the whole
                    # batch in memory.
                    results.close()
                    remove_stale_temporaries(out)
                    _finish(ledger, made, result)
                    raise _for_desa(p.desa, *error,
                                    f"; the {len(made)} letter(s) before it are written and in "
                                    "the manifest: fix the template and run the same command again")
                made.append(Made(p.desa, p.nomor, p.file, digest, p.rekap.aparat,
                                 p.rekap.dianggarkan, p.tanggal, p.hal))
                if written:
                    ledger.note(p.file, digest)
                result.written += written
                result.skipped += not written
                step(1)
    except KeyboardInterrupt:
        results.close()  # stops and joins the worker pool, if there is one
        remove_stale_temporaries(out)
        # The record keeps every line: pool workers may have finished letters the manifest does
        # not list yet, and the re-run must still recognise them as perbup's own.
        _finish(ledger, made, result)
        raise Interrupted(f"interrupted after {len(made)} of {count} letters; the files "
                          "written are whole: run the same command again to finish") from None
    _finish(ledger, made, result)


def _finish(ledger: Ledger, made: list[Made], result: LettersResult) -> None:
    result.planned = made
    result.manifest = ledger.root / MANIFEST
    ledger.write(MANIFEST, _manifest(ledger.root, ledger, made))
    for m in made:
        ledger.drop_stale_pdf(m.file)


def _samples(loaded: Loaded) -> list[Sample]:
    if loaded.dataset.ketentuan is None:  # no law in force on the date: an error already says so
        return []
    return [Sample(planned.context, about_desa(planned.desa))
            for planned in trial_letters(loaded.dataset, loaded.today)]


KINDS = (Kind("surat_desa", TEMPLATE, VARIABLES, "letters/KECAMATAN/KODE-DESA.docx", publishable=False,
              summary="the letter to one desa: its own aparat, what each costs, what to do by when",
              samples=_samples),)
