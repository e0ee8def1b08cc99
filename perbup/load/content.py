"""The decree's text as a drafter writes it (content/perbup.yaml): typed, with YAML lines."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from perbup.base.errors import DataError
from perbup.base.problems import Problem, Problems, sort_problems
from perbup.docx.sandbox import sandbox
from perbup.load.instrumen import JENIS
from perbup.load.unfilled import DECREES, Unfilled, has_dots, placeholders
from perbup.load.yamlfile import LineDict, LineList, load_yaml

ISI_LAMPIRAN = ("rekap_kecamatan", "rekap_jabatan")
PENOMORAN = ("huruf", "angka")
#: How deep lists go (a. → 1. → a) → 1)), counted from the first style a list starts with.
MAX_LEVEL = 4

LABEL = re.compile(r"^[A-Za-z0-9_-]+$")
#: `[[label]]`, `[[lampiran]]`, `[[lampiran:II]]`; the label may be padded with spaces.
REFERENCE = re.compile(r"\[\[\s*([^\[\]]*?)\s*\]\]")

_TOP = ("jenis", "judul", "nomor", "tahun", "konsep", "menimbang", "mengingat", "bab", "penutup",
        "lampiran", "penetapan", "pengundangan", "dalam_rangka", "kepada", "diktum", "tembusan",
        "perubahan")
_BAB = ("judul", "pasal", "bagian")
_BAGIAN = ("judul", "pasal", "paragraf")
_PARAGRAF = ("judul", "pasal")
_TEKS = ("teks", "label", "daftar", "penomoran")
_PASAL = (*_TEKS, "ayat")
_DIKTUM = (*_TEKS, "judul")  # a surat edaran's sections carry a title
_LAMPIRAN = ("judul", "isi", "label")
_PENGESAHAN = ("tempat", "tanggal", "nomor")
_PERUBAHAN = ("nomor", "tahun", "menimbang")


def template_environment() -> ImmutableSandboxedEnvironment:
    """The one Jinja environment for decree text: sandboxed, strict, not escaped (Word escapes)."""
    from perbup.base.formats import angka_terbilang, rupiah_kata, terbilang

    # Filters so a drafter can write a quantity the way the drafting rules want it, in figures
    # and then in words: {{ batas_hari_kerja | angka }} → "30 (tiga puluh)",
    # {{ 13104 | rupiah }} → "Rp13.104,00 (tiga belas ribu seratus empat rupiah)".
    return sandbox(autoescape=False,
                   filters={"angka": angka_terbilang, "terbilang": terbilang, "rupiah": rupiah_kata})


@dataclass(frozen=True)
class Teks:
    """One piece of text (a pasal's text, an ayat, a list item, a diktum) and the list under it."""

    teks: str
    line: int
    label: str | None = None
    daftar: tuple[Teks, ...] = ()
    penomoran: str = "huruf"  # the marker style of `daftar`'s first level
    judul: str = ""  # only for a surat edaran's sections
    label_line: int | None = None  # where `label:` is written, for messages about the label


@dataclass(frozen=True)
class Pasal:
    line: int
    label: str | None
    teks: Teks | None  # either one text (perhaps with a list) ...
    ayat: tuple[Teks, ...]  # ... or ayat
    label_line: int | None = None


@dataclass(frozen=True)
class Kelompok:
    """A Bagian or a Paragraf: a titled group of pasal inside a BAB."""

    judul: str
    line: int
    pasal: tuple[Pasal, ...] = ()
    paragraf: tuple[Kelompok, ...] = ()

    def semua_pasal(self) -> Iterator[Pasal]:
        yield from self.pasal
        for paragraf in self.paragraf:
            yield from paragraf.pasal


@dataclass(frozen=True)
class Bab:
    judul: str
    line: int
    pasal: tuple[Pasal, ...] = ()
    bagian: tuple[Kelompok, ...] = ()

    def semua_pasal(self) -> Iterator[Pasal]:
        yield from self.pasal
        for bagian in self.bagian:
            yield from bagian.semua_pasal()


@dataclass(frozen=True)
class Lampiran:
    judul: str
    isi: str
    line: int
    label: str | None = None
    label_line: int | None = None


@dataclass(frozen=True)
class Pengesahan:
    """Where and when the decree is signed (penetapan) or placed in the gazette (pengundangan)."""

    tempat: str | None = None  # empty: the regency's seat (data "ibu_kota")
    tanggal: dt.date | None = None  # empty: left as dots for the signing day
    nomor: str = "…"  # the Berita Daerah number, for pengundangan
    line: int = 0


@dataclass(frozen=True)
class Perubahan:
    """The amending regulation's own parts (`perbup decree --perubahan`): its number and year,
    and its considerations; the text it amends is the rest of the content."""

    nomor: str = "…"
    tahun: int | None = None  # empty: the data year
    menimbang: tuple[Teks, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Content:
    jenis: str
    judul: str
    line: int  # of `judul`
    nomor: str = "…"
    tahun: int | None = None  # empty: the data year
    konsep: bool = False
    menimbang: tuple[Teks, ...] = ()
    mengingat: tuple[Teks, ...] = ()
    bab: tuple[Bab, ...] = ()
    penutup: Teks | None = None  # "Agar setiap orang mengetahuinya, …"; empty: perbup writes it
    lampiran: tuple[Lampiran, ...] = ()
    penetapan: Pengesahan = Pengesahan()
    pengundangan: Pengesahan = Pengesahan()
    dalam_rangka: Teks | None = None  # instruksi: "Dalam rangka …, dengan ini menginstruksikan:"
    kepada: tuple[Teks, ...] = ()  # instruksi / surat edaran addressees
    diktum: tuple[Teks, ...] = ()  # instruksi KESATU …; surat edaran numbered sections
    tembusan: tuple[Teks, ...] = ()  # surat edaran: who receives a copy (Tembusan)
    unfilled: tuple[Unfilled, ...] = ()  # the `[placeholders]` in its texts, at their lines
    perubahan: Perubahan | None = None  # a perbup's amending regulation, if one is drafted

    def semua_pasal(self) -> Iterator[Pasal]:
        for bab in self.bab:
            yield from bab.semua_pasal()

    def semua_teks(self) -> Iterator[Teks]:
        """Every text of the body (pasal texts, ayat, diktum) and every list item under them."""
        def walk(teks: Teks) -> Iterator[Teks]:
            yield teks
            for item in teks.daftar:
                yield from walk(item)

        for pasal in self.semua_pasal():
            for teks in (pasal.teks, *pasal.ayat) if pasal.teks else pasal.ayat:
                yield from walk(teks)
        for diktum in self.diktum:
            yield from walk(diktum)


class _Reader:
    """Turns the raw YAML into the model, collecting every problem with its line."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems = Problems()
        self.unfilled: list[Unfilled] = []
        self.env = template_environment()

    def error(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.error(self.display, line, message, hint)

    def mapping(self, node: Any, allowed: tuple[str, ...], where: str, line: int) -> LineDict | None:
        if not isinstance(node, LineDict):
            self.error(line, f"{where} must be a mapping of keys ({', '.join(allowed)})")
            return None
        for key in node:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(allowed)}"
                self.error(node.lines.get(key, node.line), f"unknown key '{key}' in {where}", hint)
        return node

    def items(self, node: LineDict, key: str, where: str) -> list[tuple[Any, int]]:
        """The items of the list at `key` with their lines; [] if absent or not a list."""
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, LineList):
            self.error(node.lines[key], f"'{key}' in {where} must be a list (items starting with '- ')")
            return []
        return list(zip(value, value.lines, strict=True))

    def string(self, node: LineDict, key: str, where: str, *, required: bool = False) -> str | None:
        value = node.get(key)
        line = node.lines.get(key, node.line)
        if value is None:
            if required:
                self.error(node.line, f"{where} needs '{key}'")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(line, f"'{key}' in {where} must be text")
            return None
        return self.clean(str(value), line)

    def clean(self, text: str, line: int) -> str:
        """One paragraph: YAML folding and line breaks become single spaces; syntax checked."""
        text = " ".join(text.split())
        try:
            self.env.parse(text)
        except jinja2.TemplateSyntaxError as exc:
            self.error(line, f"template error: {exc.message}",
                       "data is written {{ name }}; see docs/content.md")
        for opened in re.finditer(r"\[\[", text):
            if not REFERENCE.match(text, opened.start()):
                self.error(line, f"unclosed reference '{text[opened.start():opened.start() + 30]}'",
                           "a reference is written [[label]]")
        for placeholder in placeholders(text):
            # Which decree kind it reaches is known once `jenis` is read (see content()).
            self.unfilled.append(Unfilled(self.display, line, f"still a placeholder: {placeholder}",
                                          "fill it in before the document goes out", DECREES))
        return text

    def label(self, node: LineDict, where: str) -> str | None:
        label = self.string(node, "label", where)
        if label is None:
            return None
        line = node.lines["label"]
        if not LABEL.match(label):
            self.error(line, f"label '{label}' may only hold letters, digits, '_' and '-'")
        elif label == "lampiran":
            self.error(line, "label 'lampiran' is reserved for [[lampiran]]", "choose another name")
        return label

    def teks(self, node: Any, line: int, where: str, keys: tuple[str, ...] = _TEKS,
             depth: int = 0) -> Teks | None:
        """A text given as a plain string or as a mapping with `teks` and optional extras."""
        if isinstance(node, str | int | float) and not isinstance(node, bool):
            return Teks(self.clean(str(node), line), line)
        mapping = self.mapping(node, keys, where, line)
        if mapping is None:
            return None
        text = self.string(mapping, "teks", where, required=True)
        penomoran = self.string(mapping, "penomoran", where) or "huruf"
        if depth and "penomoran" in mapping:
            # Below the first level the style follows from the level (a. → 1. → a) → 1)).
            self.error(mapping.lines["penomoran"], "'penomoran' only applies to a list's first level")
            penomoran = "huruf"
        elif penomoran not in PENOMORAN:
            self.error(mapping.lines["penomoran"], f"'penomoran' must be one of {', '.join(PENOMORAN)}")
            penomoran = "huruf"
        daftar = self.daftar(mapping, "a list item", depth + (penomoran == "angka"))
        return Teks(text or "", mapping.lines.get("teks", line), self.label(mapping, where), daftar,
                    penomoran, self.string(mapping, "judul", where) or "", mapping.lines.get("label"))

    def daftar(self, node: LineDict, where: str, depth: int) -> tuple[Teks, ...]:
        items = self.items(node, "daftar", where)
        if items and depth >= MAX_LEVEL:
            self.error(node.lines["daftar"], f"lists nest at most {MAX_LEVEL} levels (a. → 1. → a) → 1))",
                       "split the text into another ayat or pasal")
            return ()
        return tuple(t for item, line in items
                     if (t := self.teks(item, line, where, depth=depth + 1)) is not None)

    def pasal(self, node: Any, line: int) -> Pasal | None:
        if isinstance(node, str):
            return Pasal(line, None, Teks(self.clean(node, line), line), ())
        mapping = self.mapping(node, _PASAL, "a pasal", line)
        if mapping is None:
            return None
        has_teks, has_ayat = "teks" in mapping, "ayat" in mapping
        if has_teks == has_ayat:
            self.error(mapping.line, "a pasal has either 'teks' (one text, perhaps with a 'daftar') "
                                     "or 'ayat' (a list), " + ("not both" if has_teks else "and has neither"))
            return None
        label = self.label(mapping, "a pasal")
        if has_teks:
            # Unknown keys were reported against the pasal already; pass on only the text's own.
            stripped = LineDict({k: v for k, v in mapping.items() if k in _TEKS and k != "label"})
            stripped.line, stripped.lines = mapping.line, mapping.lines
            return Pasal(mapping.line, label, self.teks(stripped, mapping.line, "a pasal"), (),
                         mapping.lines.get("label"))
        for key in ("daftar", "penomoran"):
            if key in mapping:
                self.error(mapping.lines[key], f"'{key}' belongs to an ayat when a pasal has ayat")
        ayat = tuple(t for item, ln in self.items(mapping, "ayat", "a pasal")
                     if (t := self.teks(item, ln, "an ayat")) is not None)
        return Pasal(mapping.line, label, None, ayat, mapping.lines.get("label"))

    def pasal_list(self, node: LineDict, where: str) -> tuple[Pasal, ...]:
        return tuple(p for item, line in self.items(node, "pasal", where)
                     if (p := self.pasal(item, line)) is not None)

    def kelompok(self, node: Any, line: int, paragraf: bool) -> Kelompok | None:
        where = "a paragraf" if paragraf else "a bagian"
        mapping = self.mapping(node, _PARAGRAF if paragraf else _BAGIAN, where, line)
        if mapping is None:
            return None
        if "pasal" in mapping and "paragraf" in mapping:
            self.error(mapping.line, "a bagian has either 'pasal' or 'paragraf', not both")
        groups = () if paragraf else tuple(
            g for item, ln in self.items(mapping, "paragraf", where)
            if (g := self.kelompok(item, ln, paragraf=True)) is not None)
        return Kelompok(self.string(mapping, "judul", where, required=True) or "",
                        mapping.lines.get("judul", line), self.pasal_list(mapping, where), groups)

    def bab(self, node: Any, line: int) -> Bab | None:
        mapping = self.mapping(node, _BAB, "a bab", line)
        if mapping is None:
            return None
        if "pasal" in mapping and "bagian" in mapping:
            self.error(mapping.line, "a bab has either 'pasal' or 'bagian', not both")
        bagian = tuple(g for item, ln in self.items(mapping, "bagian", "a bab")
                       if (g := self.kelompok(item, ln, paragraf=False)) is not None)
        return Bab(self.string(mapping, "judul", "a bab", required=True) or "",
                   mapping.lines.get("judul", line), self.pasal_list(mapping, "a bab"), bagian)

    def lampiran(self, node: Any, line: int) -> Lampiran | None:
        mapping = self.mapping(node, _LAMPIRAN, "a lampiran", line)
        if mapping is None:
            return None
        isi = self.string(mapping, "isi", "a lampiran", required=True) or ""
        if isi and isi not in ISI_LAMPIRAN:
            close = difflib.get_close_matches(isi, ISI_LAMPIRAN, n=1)
            self.error(mapping.lines["isi"], f"'isi' must be one of {', '.join(ISI_LAMPIRAN)}",
                       f"did you mean '{close[0]}'?" if close else None)
        return Lampiran(self.string(mapping, "judul", "a lampiran", required=True) or "", isi,
                        mapping.lines.get("judul", line), self.label(mapping, "a lampiran"),
                        mapping.lines.get("label"))

    def pengesahan(self, root: LineDict, key: str) -> Pengesahan:
        if key not in root:
            return Pengesahan()
        mapping = self.mapping(root[key], _PENGESAHAN, f"'{key}'", root.lines[key])
        if mapping is None:
            return Pengesahan()
        tanggal = mapping.get("tanggal")
        wrong = f"'tanggal' in '{key}' must be a date like 2026-07-01"
        if isinstance(tanggal, dt.datetime):
            tanggal = tanggal.date()
        if isinstance(tanggal, str) and tanggal.strip() in ("", "…", "..."):
            tanggal = None  # left for the signing day
        if isinstance(tanggal, str):
            try:  # a date in quotes
                tanggal = dt.date.fromisoformat(tanggal.strip())
            except ValueError:
                self.error(mapping.lines["tanggal"], wrong)
                tanggal = None
        elif tanggal is not None and not isinstance(tanggal, dt.date):
            self.error(mapping.lines["tanggal"], wrong)
            tanggal = None
        return Pengesahan(self.string(mapping, "tempat", key), tanggal,
                          self.string(mapping, "nomor", key) or "…", mapping.line)

    def year(self, node: LineDict, where: str) -> int | None:
        tahun = node.get("tahun")
        if tahun is not None and (isinstance(tahun, bool) or not isinstance(tahun, int)
                                  or not 1945 <= tahun <= 2200):
            self.error(node.lines["tahun"], f"'tahun' {where}must be a year like 2026")
            return None
        return tahun

    def perubahan(self, root: LineDict, jenis: str) -> Perubahan | None:
        if "perubahan" not in root:
            return None
        line = root.lines["perubahan"]
        if jenis != "perbup":
            self.error(line, "only a perbup is amended with 'perubahan'")
        mapping = self.mapping(root["perubahan"], _PERUBAHAN, "'perubahan'", line)
        if mapping is None:
            return None
        menimbang = tuple(t for item, ln in self.items(mapping, "menimbang", "'perubahan'")
                          if (t := self.teks(item, ln, "a 'menimbang' item", ("teks",))) is not None)
        return Perubahan(self.string(mapping, "nomor", "'perubahan'") or "…",
                         self.year(mapping, "in 'perubahan' "), menimbang, line)

    def content(self, raw: Any) -> Content | None:
        root = self.mapping(raw, _TOP, "the content file", getattr(raw, "line", 1))
        if root is None:
            return None
        jenis = self.string(root, "jenis", "the content file") or "perbup"
        if jenis not in JENIS:
            self.error(root.lines["jenis"], f"'jenis' must be one of {', '.join(JENIS)}")
            jenis = "perbup"  # check the rest as the usual case rather than report it all missing
        judul = self.string(root, "judul", "the content file", required=True) or ""
        tahun = self.year(root, "")
        konsep = root.get("konsep", False)
        if not isinstance(konsep, bool):
            self.error(root.lines["konsep"], "'konsep' must be true or false")
            konsep = False
        # Considerations, legal bases and addressees are single texts: no list, no label.
        keys = {"menimbang": ("teks",), "mengingat": ("teks",), "kepada": ("teks",), "diktum": _DIKTUM,
                "tembusan": ("teks",)}
        texts = {key: tuple(t for item, line in self.items(root, key, "the content file")
                            if (t := self.teks(item, line, f"a '{key}' item", allowed)) is not None)
                 for key, allowed in keys.items()}
        required = ("menimbang", "mengingat", "bab") if jenis == "perbup" else ("kepada", "diktum")
        for key in required:
            if not root.get(key):
                self.error(root.line, f"missing '{key}'", "see the example in docs/content.md")
        if texts["tembusan"] and jenis != "surat_edaran":
            # A regulation and an instruksi are published or addressed, not copied to anyone.
            self.error(root.lines["tembusan"], "only a surat edaran has a 'tembusan'",
                       "remove 'tembusan', or set 'jenis: surat_edaran'")
        single = {key: Teks(self.string(root, key, "the content file") or "", root.lines[key])
                  for key in ("dalam_rangka", "penutup") if key in root}
        return Content(
            jenis=jenis, judul=judul, line=root.lines.get("judul", root.line),
            nomor=self.string(root, "nomor", "the content file") or "…", tahun=tahun, konsep=konsep,
            menimbang=texts["menimbang"], mengingat=texts["mengingat"],
            bab=tuple(b for item, line in self.items(root, "bab", "the content file")
                      if (b := self.bab(item, line)) is not None),
            lampiran=tuple(a for item, line in self.items(root, "lampiran", "the content file")
                           if (a := self.lampiran(item, line)) is not None),
            penetapan=self.pengesahan(root, "penetapan"),
            pengundangan=self.pengesahan(root, "pengundangan"),
            penutup=single.get("penutup"), dalam_rangka=single.get("dalam_rangka"),
            kepada=texts["kepada"], diktum=texts["diktum"], tembusan=texts["tembusan"],
            perubahan=self.perubahan(root, jenis),
            unfilled=tuple(replace(u, reaches=frozenset({jenis})) for u in self.unfilled))


def load_content(path: Path, display: str, data: bytes | None = None) -> tuple[Content, list[Problem]]:
    """Reads the content file (or `data`, its bytes at a git revision); errors raise DataError,
    warnings are returned."""
    raw = load_yaml(path, display, data)
    reader = _Reader(display)
    content = reader.content(raw)
    found = reader.problems.items + [u.problem("warning") for u in reader.unfilled]
    problems = sort_problems(found)
    if content is None or reader.problems.has_errors:
        raise DataError(problems)
    return content, problems


_CITED_DOTS = re.compile(r"\b(?:Nomor|Tahun)\s+(?:…|\.\.\.)")
_LOOK_UP = "look the numbers up at peraturan.go.id or the JDIH; never guess them"


def unfinished_mengingat(content: Content, display: str) -> list[Unfilled]:
    """Mengingat items whose gazette numbers are still dots."""
    reach = frozenset({content.jenis})
    return [Unfilled(display, item.line, f'mengingat item {i} is unfinished: fill in the "…"', _LOOK_UP,
                     reach)
            for i, item in enumerate(content.mengingat, 1) if has_dots(item.teks)]


def unfinished_citations(content: Content, display: str) -> list[Unfilled]:
    """A regulation cited in the text (menimbang, pasal, diktum) whose number or year is dots."""
    texts = [*content.menimbang, *content.semua_teks(), *content.kepada, *content.tembusan,
             *(t for t in (content.dalam_rangka, content.penutup) if t is not None)]
    return [Unfilled(display, t.line, f'citation "{m.group(0)}" is unfinished: fill in the number',
                     _LOOK_UP, frozenset({content.jenis}))
            for t in texts for m in _CITED_DOTS.finditer(t.teks)]


def content_unfilled(content: Content, display: str) -> list[Unfilled]:
    """Everything in a decree's content still to fill in, at its line."""
    return [*content.unfilled, *unfinished_mengingat(content, display),
            *unfinished_citations(content, display)]
