"""The decree draft: its template context from the content, the settings and the coverage figures, and writing it."""  # noqa: E501

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from perbup.base.errors import DataError, TemplateError, UsageError
from perbup.base.formats import angka, rupiah, rupiah_kata, rupiah_tabel, rupiah_terbilang, tanggal
from perbup.base.output import session
from perbup.base.paths import display_path
from perbup.base.problems import Problem, sort_problems
from perbup.compute.coverage import Cakupan, Coverage, compute_coverage
from perbup.compute.iuran import NAMA_PROGRAM, program_teks, rule, tarif_teks
from perbup.compute.law_text import batas_pendaftaran, rate_data, siltap_catatan, tarif_sumber
from perbup.compute.numbering import CLOSING, Block, Decree, build_decree
from perbup.compute.perubahan import Amandemen
from perbup.compute.perubahan import draft as draft_amendment
from perbup.compute.revisi import compare
from perbup.compute.titles import balance
from perbup.documents.kind import Kind, Loaded, Numbered, Sample
from perbup.documents.surat import kepala_upper, signing
from perbup.lint import run as drafting
from perbup.load.config import Config
from perbup.load.content import Content, content_unfilled, load_content
from perbup.load.dataset import Dataset, load_dataset
from perbup.load.instrumen import DASAR, JENIS
from perbup.load.unfilled import DECREES, Unfilled, escalate, warnings, zero_total
from perbup.load.workspace import Workspace

#: The kinds of instrument `perbup decree --jenis` makes, each from its own content file and template.
#: What each instrument's summary counts, by the name its own text uses for it.
UNITS = {"perbup": "pasal", "instruksi": "diktum", "surat_edaran": "angka"}
TEMPLATES = {"perbup": "perbup.docx", "instruksi": "instruksi.docx",
             "surat_edaran": "surat_edaran.docx"}
#: The templates perbup bundles (templates/); `perbup check` checks each of them.
DECREE_TEMPLATES = (TEMPLATES["perbup"], TEMPLATES["instruksi"], TEMPLATES["surat_edaran"])

#: The variables the decree template may use (checked before anything is written).
DECREE_VARIABLES = frozenset({
    "konsep", "kepala_upper", "provinsi_upper", "judul", "menimbang", "mengingat", "menetapkan",
    "blocks", "penutup", "penetapan", "pengundangan", "berita_daerah", "lampiran",
    "rekap_kecamatan", "rekap_jabatan", "catatan", "jenis", "pembukaan", "kepada", "kab", "paraf",
    "tembusan", "ttd",
})

MAX_DEPTH = 5  # the deepest indent the template has a paragraph for (ayat + four list levels)
# The measure a centred title is balanced to: the bundled templates' text is 16.5 cm wide (17 cm
# on the surat edaran's letter page); a tenth less leaves room for Word's Bookman Old Style,
# a little wider than the URW Bookman the lines are measured in, so no balanced line wraps.
TITLE_CM = 15.0

# Academic degrees and honorifics: a signature block shows the name without them (UU 12/2011).
_PREFIX_TITLES = re.compile(r"^(?:(?:Prof|Dr|Drs|Dra|Ir|H|Hj|dr|drg)\.\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class DecreeOptions:
    out: Path = Path("output")
    jenis: str = "perbup"
    final: bool = False  # no KONSEP marking, whatever the content says
    force: bool = False  # replace a file perbup did not write (or that was edited since)
    perubahan: Path | None = None  # the content of the regulation in force: draft its amendment


@dataclass
class DecreeResult:
    path: Path
    konsep: bool
    pasal: int  # pasal of a Perbup, diktum of an instruksi, numbered points of an edaran (unit)
    lampiran: int
    warnings: list[Problem] = field(default_factory=list)
    unit: str = "pasal"
    decree: Decree | None = None  # what was numbered, for what publishes it (None: an amendment)
    context: dict[str, Any] = field(default_factory=dict)  # what the template was given


def nama_pejabat(nama: str) -> str:
    """The name as a signature block shows it: capitals, without degrees or honorifics."""
    bare = _PREFIX_TITLES.sub("", nama.split(",")[0].strip())
    return bare.upper()


def decree_data(config: Config, coverage: Coverage, jenis: str = "perbup") -> dict[str, Any]:
    """The figures and names the content's text may cite, for `numbering.build_decree`; the law
    in words as decree kind `jenis` states it (perbup/compute/law_text.py)."""
    kab = coverage.kabupaten
    law = coverage.law
    return {
        "kepala_upper": kepala_upper(config),
        "kabupaten": config.kabupaten.nama,
        "ibu_kota": config.kabupaten.ibu_kota,
        "tahun": config.dasar.tahun or law.tanggal.year,
        "jumlah_desa": kab.desa,
        "jumlah_desa_terdaftar": kab.desa_terdaftar,
        "jumlah_aparat": kab.aparat,
        "jumlah_aparat_terdaftar": kab.aparat_terdaftar,
        "jumlah_kecamatan": len(coverage.per_kecamatan),
        "iuran_bulanan": rupiah(kab.iuran_bulanan),
        "iuran_bulanan_terbilang": rupiah_terbilang(kab.iuran_bulanan),
        "iuran_tahunan": rupiah(kab.iuran_tahunan),
        "iuran_tahunan_terbilang": rupiah_terbilang(kab.iuran_tahunan),
        "potongan_bulanan": rupiah(kab.potongan_bulanan),
        "program_teks": program_teks(coverage.programs),
        "batas_hari_kerja": config.surat.batas_hari_kerja,
        "batas_pendaftaran": batas_pendaftaran(config.surat.batas_hari_kerja, jenis,
                                               config.kabupaten.kepala_daerah),
        "bpjs_kantor": config.bpjs.kantor,
        **rate_data(law, formal=jenis == "perbup"),
    }


def blocks_context(blocks: Sequence[Block]) -> list[dict[str, Any]]:
    """Each block with `tingkat`, its depth on the page: an ayat is depth 1 and a list inside an
    ayat one deeper than the same list directly in a pasal; text carries on at its list's depth."""
    out: list[dict[str, Any]] = []
    in_ayat = False
    for block in blocks:
        kind, level = block.kind, block.level
        if kind in ("bab", "bagian", "paragraf", "pasal"):
            in_ayat, depth = False, 0
        elif kind == "ayat":
            in_ayat, depth = True, 1
        elif kind == "butir":
            depth = max(level, 1) + in_ayat
        else:  # teks: a pasal's own text, or a paragraph carrying on an ayat or a list item
            depth = level + in_ayat
        teks = block.teks
        closing = teks.find(" " + CLOSING) if kind == "teks" else -1
        shown = teks if closing < 0 else teks[:closing]
        out.append({"kind": kind, "nomor": block.nomor, "judul": block.judul, "teks": shown,
                    "tingkat": min(depth, MAX_DEPTH), "keep_next": _leads_in(shown)})
        if closing >= 0:  # the promulgation order is a paragraph of its own in the last pasal
            out.append({**out[-1], "teks": teks[closing + 1:], "keep_next": False})
    if out:  # the signature block never starts a page on its own: the last text goes with it
        out[-1]["keep_next"] = True
    return out


def _leads_in(teks: str) -> bool:
    """A text ending in a colon introduces the list under it, so it keeps with the list's start."""
    return teks.rstrip().endswith(":")


def _rekap_row(no: int | str, group: Cakupan) -> dict[str, Any]:
    return {"no": no, "nama": group.nama, "desa": angka(group.desa), "aparat": angka(group.aparat),
            "terdaftar": angka(group.aparat_terdaftar), "belum": angka(group.aparat_belum),
            "bulanan": rupiah_tabel(group.iuran_bulanan), "tahunan": rupiah_tabel(group.iuran_tahunan)}


def _rekap(groups: Sequence[Cakupan], total: Cakupan) -> dict[str, Any]:
    return {"baris": [_rekap_row(i, g) for i, g in enumerate(groups, start=1)],
            "jumlah": _rekap_row("", total)}


def catatan(config: Config, coverage: Coverage) -> list[str]:
    """The notes under each annex table: the base and its source, the rates and their
    regulations, who pays, the rounding."""
    law = coverage.law
    kab = coverage.kabupaten

    def one(i: int, program: str) -> str:
        tarif = law.tarif[program]  # type: ignore[index]
        employer, worker = kab.per_program[i], kab.pekerja[i] if kab.pekerja else 0
        text = (f"{NAMA_PROGRAM[program]} ({program.upper()}) {tarif_teks(tarif, rupiah)}"
                f"{' sebulan' if tarif.flat else ''} ({tarif_sumber(law, program)}), seluruhnya "
                f"{rupiah(employer + worker)} per bulan")
        if worker:
            text += (f", terdiri atas bagian pemberi kerja {rupiah(employer)} yang dianggarkan "
                     f"dalam APB Desa dan bagian peserta {rupiah(worker)} yang dipotong dari "
                     "penghasilan tetap")
        return text

    rates = "; ".join(one(i, p) for i, p in enumerate(coverage.programs))
    if law.bpu:
        dasar = ("Aparat desa didaftarkan sebagai peserta bukan penerima upah dengan penghasilan "
                 f"yang dilaporkan sebesar {rupiah(law.penghasilan_bpu)} sebulan bagi "
                 "setiap orang.")
    else:
        dasar = siltap_catatan(law)
    return [
        dasar,
        f"Tarif iuran{'' if law.bpu else ' dari dasar upah sebulan'}: {rates}.",
        rule(law),
        "Iuran dihitung hanya bagi aparat desa yang belum terdaftar sebagai peserta; aparat desa "
        "yang sudah terdaftar tidak dihitung lagi.",
        # The total to budget stands here, with the date of its data, not in a pasal or diktum:
        # it changes with every enrolment (docs/decree.md, "Figures in the annex").
        f"Kebutuhan iuran seluruhnya {rupiah_kata(kab.iuran_bulanan)} per bulan atau "
        f"{rupiah_kata(kab.iuran_tahunan)} per tahun.",
        f"Keadaan data dan tarif per {tanggal(law.tanggal)}.",
    ]


def decree_context(decree: Decree, config: Config, coverage: Coverage, *,
                   konsep: bool | None = None) -> dict[str, Any]:
    """The template context: `decree` from numbering.build_decree, figures from `coverage`.

    `konsep` overrides the content's own setting (None keeps it).
    """
    kab = config.kabupaten
    kepala = kepala_upper(config)
    penetapan, pengundangan = decree.penetapan, decree.pengundangan
    # the drafter's own lines of an annex's title stay; each is broken further only where it is
    # too long for one
    lampiran = [{"nomor": nomor, "isi": isi,
                 "judul": [part for line in judul.splitlines() for part in balance(line.upper(), TITLE_CM)]}
                for nomor, judul, isi in decree.lampiran]
    return {
        "jenis": decree.jenis,
        # The letterhead of a surat edaran, as the letter's kop has it.
        "kab": {"pemerintah": f"PEMERINTAH {kab.nama.upper()}", "alamat": kab.alamat,
                "telepon": kab.telepon, "laman": kab.laman, "email": kab.email,
                "kode_pos": kab.kode_pos, "kepala_upper": kepala},
        "konsep": bool(decree.konsep if konsep is None else konsep),
        "paraf": list(config.pejabat.paraf),
        "kepala_upper": kepala,
        "provinsi_upper": f"PROVINSI {kab.provinsi.upper()}",
        # tentang_baris: the name as the centred title sets it, broken into balanced lines
        "judul": {"dokumen": decree.judul_dokumen, "nomor_tahun": decree.nomor_tahun,
                  "tentang": decree.tentang,
                  "tentang_baris": "\n".join(balance(decree.tentang, TITLE_CM))},
        "menimbang": [{"huruf": huruf, "teks": teks} for huruf, teks in decree.menimbang],
        "mengingat": [{"angka": angka, "teks": teks} for angka, teks in decree.mengingat],
        "menetapkan": decree.menetapkan,
        "pembukaan": decree.pembukaan,
        "kepada": [{"angka": angka, "teks": teks} for angka, teks in decree.kepada],
        # a surat edaran's copies, as the letter's tembusan: numbered by the template
        "tembusan": list(decree.tembusan),
        "blocks": blocks_context(decree.blocks),
        "penutup": list(decree.penutup),  # numbering.build_decree words the standard one
        "penetapan": {"tempat": penetapan.tempat or kab.ibu_kota, "tanggal": penetapan.tanggal_teks,
                      "jabatan": f"{kepala},", "nama": nama_pejabat(config.pejabat.bupati.nama)},
        "pengundangan": {"tempat": pengundangan.tempat or kab.ibu_kota, "tanggal": pengundangan.tanggal_teks,
                         "jabatan": f"SEKRETARIS DAERAH {kab.nama.upper()},",
                         "nama": nama_pejabat(config.pejabat.sekretaris_daerah.nama)},
        # how the regent (and the Sekretaris Daerah promulgating a Perbup) sign: by hand, or
        # electronically, with the footer of an electronic signature
        "ttd": signing(config),
        "berita_daerah": decree.berita_daerah,
        "lampiran": lampiran,
        "rekap_kecamatan": _rekap(coverage.per_kecamatan, coverage.kabupaten),
        "rekap_jabatan": _rekap(coverage.per_jabatan, coverage.kabupaten),
        "catatan": catatan(config, coverage),
    }


def output_file(jenis: str, konsep: bool, perubahan: bool = False) -> str:
    """Where the document goes, relative to the output folder: a draft says so in its name, and
    an amending regulation too."""
    name = f"{jenis}-perubahan" if perubahan else jenis
    return f"decree/{name}-draft.docx" if konsep else f"decree/{name}.docx"


def content_path(workspace: Workspace, jenis: str) -> Path:
    return workspace.path(f"content/{jenis}.yaml")


def load_decree_inputs(workspace: Workspace, dataset: Dataset | None, data_problems: Sequence[Problem],
                       jenis: str, *, final: bool = False) -> tuple[Content, list[Problem]]:
    """The content, checked and linted, with every problem found so far: raises DataError when
    the data, the content or the lint has an error, so nothing is written. With `final`, what
    is not filled in in the settings and the content is an error too, reported in the same run."""
    problems = list(data_problems)
    path = content_path(workspace, jenis)
    display = display_path(path)
    content = None
    if not path.is_file():
        problems.append(Problem(display, None, "error", f"there is no content file for --jenis {jenis}",
                                "copy content/perbup.yaml from the bundled seeds (perbup init) and "
                                "adapt it"))
    else:
        try:
            content, found = load_content(path, display)
            problems.extend(found)
        except DataError as exc:
            problems.extend(exc.problems)
        if content is not None and content.jenis != jenis:
            problems.append(Problem(display, None, "error",
                                    f"this file holds a {content.jenis}, not a {jenis}",
                                    f"set 'jenis: {jenis}' or use --jenis {content.jenis}"))
        elif content is not None and not any(p.is_error for p in problems if p.file == display):
            problems.extend(drafting.lint(content, display))
    if final:
        problems = escalate(problems, [*workspace.unfilled, *(content_unfilled(content, display)
                                                              if content is not None else [])], jenis)
    if dataset is None or content is None or any(p.is_error for p in problems):
        raise DataError(problems)
    return content, problems


def decree_unfilled(workspace: Workspace, content: Content, coverage: Coverage,
                    aparat: Path | None) -> list[Unfilled]:
    """What a final copy of this decree refuses: the settings and content still to fill in, and
    contributions that add up to Rp 0 (nobody left to enroll, so nothing to budget)."""
    items = [*workspace.unfilled, *content_unfilled(content, display_path(content_path(
        workspace, content.jenis)))]
    if coverage.kabupaten.iuran_tahunan == 0:
        data = display_path(aparat or workspace.path(workspace.config.data.aparat))
        items.append(zero_total(data, None, "the contributions still to budget add up to Rp 0: "
                                "every aparat on the list is already enrolled",
                                "a final decree budgets for the aparat not yet enrolled; check the "
                                "Terdaftar column and the BPJS participant list", DECREES))
    return items


def make_decree(workspace: Workspace, aparat: Path | None, options: DecreeOptions, *,
                today: dt.date | None = None, dataset: Dataset | None = None,
                numbered: Numbered | None = None) -> DecreeResult:
    """Validates data and content, checks the template, then renders and writes the decree.
    `dataset` is the data and `numbered` the content file of `options.jenis`, read, linted and
    numbered, when the caller has loaded them already (build): they are not read again."""
    if options.perubahan is not None and options.jenis != "perbup":
        raise UsageError("--perubahan drafts the amendment of a Peraturan Bupati: leave out --jenis")

    data_problems: list[Problem] = list(dataset.problems) if dataset is not None else []
    if dataset is None:
        try:
            dataset = load_dataset(workspace, aparat, today)
            data_problems = list(dataset.problems)
        except DataError as exc:  # keep going: the content's problems are reported in the same run
            data_problems = exc.problems
    final = options.final and options.perubahan is None
    if numbered is not None and dataset is not None and numbered.content.jenis == options.jenis:
        content, problems = numbered.content, [*data_problems, *numbered.problems]
        if final:
            problems = escalate(problems, [*workspace.unfilled, *content_unfilled(
                content, display_path(numbered.path))], options.jenis)
        if any(p.is_error for p in problems):
            raise DataError(problems)
    else:  # an amendment is drafted before what is not filled in is refused: both said at once
        content, problems = load_decree_inputs(workspace, dataset, data_problems, options.jenis,
                                               final=final)
    assert dataset is not None  # load_decree_inputs raised otherwise
    config = workspace.config
    coverage = compute_coverage(dataset)
    data = decree_data(config, coverage, options.jenis)
    display = display_path(content_path(workspace, options.jenis))
    amendment = None
    if options.perubahan is not None:
        amendment, problems = amendment_of(options.perubahan, content, data, display, problems)
    # A copy without the KONSEP marking (--final, or konsep: false in the content) is the one
    # that is signed: what is not filled in is an error, not a warning.
    if options.final or not content.konsep:
        items = decree_unfilled(workspace, content, coverage, aparat)
        if amendment is not None:
            items += [*amendment.unfilled, *content_unfilled(amendment.content, display)]
        problems = escalate(problems, items, options.jenis)
    if any(p.is_error for p in problems):
        raise DataError(problems)
    name = TEMPLATES[options.jenis]
    if not workspace.template(name).is_file():
        raise TemplateError(name, f"there is no template for --jenis {options.jenis}; build one "
                            "(see docs/decree.md) and put it in the workspace's templates/ folder")
    template = workspace.prepared(name, today=today)
    next(k for k in KINDS if k.name == options.jenis).require(
        template, display_path(workspace.template(name)))
    if amendment is None:
        decree = numbered.decree if numbered is not None and numbered.content is content else \
            build_decree(content, data, display)
    else:  # the amending regulation's own parts, and Pasal I and Pasal II as its body
        blocks, rendered = amendment.blocks(data, display)
        if any(p.is_error for p in rendered):
            raise DataError([*problems, *rendered])
        decree = replace(build_decree(amendment.content, data, display), blocks=blocks)
    context = decree_context(decree, config, coverage, konsep=False if options.final else None)
    file = output_file(options.jenis, context["konsep"], amendment is not None)
    document = template.render(context)
    with session(options.out, force=options.force) as ledger:
        ledger.check([file], force=options.force)
        path = ledger.write(file, document)
        ledger.drop_stale_pdf(file)
    # A Perbup counts its pasal, an instruksi its diktum (KESATU, KEDUA, ...), and a surat
    # edaran its numbered points, which it cites as "angka 5": an edaran has no diktum.
    kind = "pasal" if options.jenis == "perbup" else "diktum"
    if amendment is not None:  # its pasal are Pasal I and II; what counts is the changes in Pasal I
        return DecreeResult(path, context["konsep"], len(amendment.pasal_i), 0, problems,
                            "perubahan in Pasal I")
    return DecreeResult(path, context["konsep"], sum(b["kind"] == kind for b in context["blocks"]),
                        len(context["lampiran"]), problems, UNITS[options.jenis], decree, context)


def amendment_of(old_path: Path, content: Content, data: dict[str, Any], display: str,
                 problems: list[Problem]) -> tuple[Amandemen | None, list[Problem]]:
    """The amending regulation of `old_path` (the content of the regulation in force) that
    makes it read as `content`, and every problem so far with its own and its lint's; what it
    leaves to fill in is a warning here (make_decree refuses it in a final copy)."""
    old_display = display_path(old_path)
    if not old_path.is_file():
        return None, [*problems, Problem(old_display, None, "error", "no such file",
                                         "--perubahan names the content file of the regulation "
                                         "in force, as promulgated")]
    try:
        old, _ = load_content(old_path, old_display)
    except DataError as exc:
        return None, [*problems, *exc.problems]
    amendment = draft_amendment(old, content, compare(old, content, old_display, display), data,
                                old_display, display)
    found = [*problems, *amendment.problems, *warnings(amendment.unfilled),
             *drafting.lint(amendment.content, display)]
    # The lint of the content and of the amendment's own Mengingat, copied from it, say the same.
    return amendment, sort_problems(list(dict.fromkeys(found)))


def _samples_of(jenis: str) -> Callable[[Loaded], list[Sample]]:
    def samples(loaded: Loaded) -> list[Sample]:
        if loaded.coverage is None:
            return []
        config = loaded.dataset.workspace.config
        return [Sample(decree_context(numbered.decree, config, loaded.coverage, konsep=konsep))
                for numbered in loaded.decrees if numbered.content.jenis == jenis
                for konsep in (None, False)]  # as the content says, and `decree --final`
    return samples


KINDS = tuple(Kind(jenis, TEMPLATES[jenis], DECREE_VARIABLES,
                   f"decree/{jenis}-draft.docx (decree/{jenis}.docx with --final)", publishable=True,
                   summary=f"the {DASAR[jenis]} draft from content/{jenis}.yaml, with its annexes",
                   samples=_samples_of(jenis))
              for jenis in JENIS)
