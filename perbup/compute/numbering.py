"""Numbers a decree the way the drafting rules do and resolves cross-references by label."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import jinja2

from perbup.base.errors import DataError
from perbup.base.formats import tanggal as format_tanggal
from perbup.base.formats import terbilang
from perbup.base.problems import Problem
from perbup.docx.sandbox import explain, loop_budget, required_variables, tag_at
from perbup.load.content import REFERENCE, Content, Lampiran, Pasal, Pengesahan, Teks, template_environment

#: How the promulgation order after the last pasal begins (UU 12/2011 Lampiran II).
CLOSING = "Agar setiap orang mengetahuinya"

#: What a text that fails to render should hold instead.
HINT = "a decree text holds words and data, like {{ jumlah_desa | angka }}; see docs/content.md"

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def romawi(number: int) -> str:
    """BAB and annex numbers: 1 → I, 14 → XIV."""
    out = ""
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out += letters * count
    return out


def ordinal(number: int) -> str:
    """Bagian and diktum numbers in words: 1 → Kesatu, 2 → Kedua, 12 → Kedua Belas."""
    return "Kesatu" if number == 1 else ("ke" + terbilang(number)).title()


def huruf(number: int) -> str:
    """List letters: 1 → a, 26 → z, then aa, ab … (the rules name no 27th letter)."""
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def marker(style: int, number: int) -> str:
    """The list marker at a style level: 0 → a., 1 → 1., 2 → a), 3 → 1)."""
    style %= 4
    text = huruf(number) if style % 2 == 0 else str(number)
    return text + ("." if style < 2 else ")")


def item_ref(style: int, number: int) -> tuple[str, str]:
    """How a list item is cited: "huruf b", "angka 3", and below those "huruf b)" / "angka 3)"."""
    text = marker(style, number)
    return ("huruf" if style % 2 == 0 else "angka", text.rstrip(".") if style % 4 < 2 else text)


@dataclass(frozen=True)
class Letak:
    """Where a text sits; a reference inside the same pasal leaves the pasal out."""

    pasal: int | None = None
    ayat: int | None = None


@dataclass(frozen=True)
class Rujukan:
    """What a label points to, as parts: (("Pasal", "7"), ("ayat", "(2)"), ("huruf", "b"))."""

    parts: tuple[tuple[str, str], ...]
    letak: Letak = Letak()

    def teks(self, dari: Letak | None = None) -> str:
        parts = list(self.parts)
        # Lampiran II: within one pasal cite "ayat (2)", not "Pasal 7 ayat (2)"; within one ayat
        # cite "huruf b". Never shorten to nothing: a pasal citing itself still reads "Pasal 7".
        if dari and dari.pasal is not None and dari.pasal == self.letak.pasal and len(parts) > 1:
            parts.pop(0)
            if dari.ayat is not None and dari.ayat == self.letak.ayat and len(parts) > 1 \
                    and parts[0][0] == "ayat":
                parts.pop(0)
        return " ".join(f"{kind} {nomor}".strip() for kind, nomor in parts)


@dataclass(frozen=True)
class Naskah:
    """A numbered block whose text still holds [[references]] and {{ data }}."""

    kind: str
    nomor: str
    judul: str
    teks: str
    level: int
    line: int
    letak: Letak


@dataclass
class Penomoran:
    """The numbered decree before references and data are filled in."""

    blocks: list[Naskah] = field(default_factory=list)
    labels: dict[str, Rujukan] = field(default_factory=dict)
    label_lines: dict[str, int] = field(default_factory=dict)
    lampiran: list[tuple[str, Lampiran]] = field(default_factory=list)  # ("I" or "" when alone, …)
    problems: list[Problem] = field(default_factory=list)


class _Numberer:
    def __init__(self, display: str) -> None:
        self.display = display
        self.out = Penomoran()
        self.pasal_no = 0

    def define(self, label: str | None, parts: tuple[tuple[str, str], ...], letak: Letak,
               line: int) -> None:
        if label is None:
            return
        if label in self.out.labels:
            self.out.problems.append(Problem(
                self.display, line, "error",
                f"label '{label}' is defined twice (first at line {self.out.label_lines[label]})",
                "give each pasal, ayat or list item its own label"))
            return
        self.out.labels[label] = Rujukan(parts, letak)
        self.out.label_lines[label] = line

    def emit(self, kind: str, nomor: str, judul: str, teks: str, level: int, line: int,
             letak: Letak) -> None:
        self.out.blocks.append(Naskah(kind, nomor, judul, teks, level, line, letak))

    def items(self, parent: Teks, parts: tuple[tuple[str, str], ...], letak: Letak,
              level: int = 1, style: int | None = None) -> None:
        if style is None:
            style = 1 if parent.penomoran == "angka" else 0
        for number, item in enumerate(parent.daftar, 1):
            here = (*parts, item_ref(style, number))
            self.define(item.label, here, letak, item.label_line or item.line)
            self.emit("butir", marker(style, number), "", item.teks, level, item.line, letak)
            self.items(item, here, letak, level + 1, style + 1)

    def pasal(self, pasal: Pasal) -> None:
        self.pasal_no += 1
        number = self.pasal_no
        letak = Letak(number)
        parts: tuple[tuple[str, str], ...] = (("Pasal", str(number)),)
        self.define(pasal.label, parts, letak, pasal.label_line or pasal.line)
        self.emit("pasal", f"Pasal {number}", "", "", 0, pasal.line, letak)
        if pasal.teks is not None:
            self.emit("teks", "", "", pasal.teks.teks, 0, pasal.teks.line, letak)
            self.items(pasal.teks, parts, letak)
        for ayat_no, ayat in enumerate(pasal.ayat, 1):
            here = Letak(number, ayat_no)
            ayat_parts = (*parts, ("ayat", f"({ayat_no})"))
            self.define(ayat.label, ayat_parts, here, ayat.label_line or ayat.line)
            self.emit("ayat", f"({ayat_no})", "", ayat.teks, 0, ayat.line, here)
            self.items(ayat, ayat_parts, here)

    def body(self, content: Content) -> None:
        for bab_no, bab in enumerate(content.bab, 1):
            self.emit("bab", f"BAB {romawi(bab_no)}", bab.judul, "", 0, bab.line, Letak())
            for pasal in bab.pasal:
                self.pasal(pasal)
            for bagian_no, bagian in enumerate(bab.bagian, 1):
                self.emit("bagian", f"Bagian {ordinal(bagian_no)}", bagian.judul, "", 0,
                          bagian.line, Letak())
                for pasal in bagian.pasal:
                    self.pasal(pasal)
                for paragraf_no, paragraf in enumerate(bagian.paragraf, 1):
                    self.emit("paragraf", f"Paragraf {paragraf_no}", paragraf.judul, "", 0,
                              paragraf.line, Letak())
                    for pasal in paragraf.pasal:
                        self.pasal(pasal)

    def diktum(self, content: Content) -> None:
        instruksi = content.jenis == "instruksi"
        for number, diktum in enumerate(content.diktum, 1):
            # An instruksi's diktum are words (KESATU, KEDUA); a surat edaran's sections numbers.
            nomor = ordinal(number).upper() if instruksi else f"{number}."
            parts = (("Diktum", nomor),) if instruksi else (("angka", str(number)),)
            self.define(diktum.label, parts, Letak(), diktum.label_line or diktum.line)
            self.emit("diktum", nomor, diktum.judul, diktum.teks, 0, diktum.line, Letak())
            self.items(diktum, parts, Letak())

    def annexes(self, content: Content) -> None:
        several = len(content.lampiran) > 1
        for number, lampiran in enumerate(content.lampiran, 1):
            # A single annex is headed just "LAMPIRAN"; several are numbered I, II, III.
            roman = romawi(number) if several else ""
            self.define(lampiran.label, (("Lampiran", roman),), Letak(), lampiran.label_line or lampiran.line)
            self.out.lampiran.append((roman, lampiran))


def number(content: Content, display: str) -> Penomoran:
    """Numbers BAB, Bagian, Pasal, ayat, list items, diktum and annexes; collects the labels."""
    numberer = _Numberer(display)
    if content.jenis == "perbup":
        numberer.body(content)
    else:
        numberer.diktum(content)
    numberer.annexes(content)
    return numberer.out


def units(content: Content) -> Iterator[tuple[str, Teks]]:
    """Every text that may carry a list, with the name a drafter knows it by."""
    for n, pasal in enumerate(content.semua_pasal(), 1):
        if pasal.teks is not None:
            yield f"Pasal {n}", pasal.teks
        for a, ayat in enumerate(pasal.ayat, 1):
            yield f"Pasal {n} ayat ({a})", ayat
    for n, diktum in enumerate(content.diktum, 1):
        yield ("diktum " + ordinal(n).upper() if content.jenis == "instruksi" else f"section {n}"), diktum


def _annex(name: str, penomoran: Penomoran) -> tuple[str | None, str]:
    """`[[lampiran]]` / `[[lampiran:II]]` → ("Lampiran II", "") or (None, why not)."""
    wanted = name.partition(":")[2].strip().upper()
    romans = [roman for roman, _ in penomoran.lampiran]
    if not romans:
        return None, "the decree has no 'lampiran'"
    if romans == [""]:
        return ("Lampiran", "") if wanted in ("", "I") else (None, "there is only one annex")
    if not wanted:
        return None, f"there are {len(romans)} annexes: write [[lampiran:I]] … [[lampiran:{romans[-1]}]]"
    return (f"Lampiran {wanted}", "") if wanted in romans else (None, f"there is no Lampiran {wanted}")


def cited(text: str) -> list[str]:
    """The labels a text cites, in order."""
    return [match.group(1) for match in REFERENCE.finditer(text)]


def resolve(text: str, line: int, letak: Letak | None, penomoran: Penomoran,
            display: str) -> tuple[str, list[Problem]]:
    """Replaces every [[label]] with its rendered reference; unknown labels become problems."""
    problems: list[Problem] = []

    def replace(match: Any) -> str:
        name = match.group(1)
        if name == "lampiran" or name.startswith("lampiran:"):
            rendered, why = _annex(name, penomoran)
            if rendered is None:
                problems.append(Problem(display, line, "error", f"[[{name}]]: {why}"))
                return str(match.group(0))
            return rendered
        if name in penomoran.labels:
            return penomoran.labels[name].teks(letak)
        close = difflib.get_close_matches(name, list(penomoran.labels), n=1)
        problems.append(Problem(display, line, "error", f"reference [[{name}]] names no label",
                                f"did you mean [[{close[0]}]]?" if close else
                                "add 'label: " + name + "' to the pasal, ayat or list item it means"))
        return str(match.group(0))

    return REFERENCE.sub(replace, text), problems


@dataclass(frozen=True)
class Block:
    """One paragraph of the decree's body, ready for the Word template."""

    kind: str  # "bab" | "bagian" | "paragraf" | "pasal" | "teks" | "ayat" | "butir" | "diktum"
    nomor: str  # "BAB I" / "Bagian Kesatu" / "Pasal 1" / "(1)" / "a." / "1." / "a)" / "1)" / "KESATU" / ""
    judul: str  # title for bab (capitals), bagian, paragraf and a surat edaran section, else ""
    teks: str  # final text, references and data resolved
    level: int  # 0 for pasal-level text, ayat and diktum; 1.. for list depth


@dataclass(frozen=True)
class TempatTanggal:
    tempat: str
    tanggal: dt.date | None
    tanggal_teks: str  # "1 Juli 2026", or "…" while the date is open
    nomor: str = "…"


@dataclass(frozen=True)
class Decree:
    jenis: str
    judul_dokumen: str  # "PERATURAN BUPATI KUPANG"
    nomor_tahun: str  # "NOMOR … TAHUN 2026"; a surat edaran "NOMOR …"
    tentang: str  # the name in capitals
    nama: str  # the name as written, for running text
    menimbang: list[tuple[str, str]]  # ("a.", "bahwa …;")
    mengingat: list[tuple[str, str]]  # ("1.", "Pasal 18 ayat (6) …;")
    menetapkan: str  # "PERATURAN BUPATI TENTANG … ." (perbup only)
    blocks: list[Block]
    lampiran: list[tuple[str, str, str]]  # (roman or "" when alone, title, isi)
    penetapan: TempatTanggal
    pengundangan: TempatTanggal
    berita_daerah: str  # "BERITA DAERAH KABUPATEN KUPANG TAHUN 2026 NOMOR …"
    konsep: bool
    labels: dict[str, str]  # label → "Pasal 7 ayat (2)"
    penutup: list[str] = field(default_factory=list)  # the promulgation order after the last pasal
    pembukaan: str = ""  # instruksi: "Dalam rangka …, dengan ini menginstruksikan:"
    kepada: list[tuple[str, str]] = field(default_factory=list)  # ("1.", "Camat …;")
    tembusan: list[str] = field(default_factory=list)  # surat edaran: who receives a copy


class Renderer:
    """A decree text made final: its [[references]] numbered by `penomoran`, its {{ data }}
    filled in; each problem is kept in `problems`, the text left as written."""

    def __init__(self, penomoran: Penomoran, data: Mapping[str, Any], display: str) -> None:
        self.penomoran = penomoran
        self.data = data
        self.display = display
        self.env = template_environment()
        self.problems = list(penomoran.problems)

    def __call__(self, text: str, line: int, letak: Letak | None = None) -> str:
        text, problems = resolve(text, line, letak, self.penomoran, self.display)
        self.problems.extend(problems)
        try:
            tree = self.env.parse(text)
        except jinja2.TemplateSyntaxError as exc:
            self.problems.append(Problem(self.display, line, "error", f"template error: {exc.message}"))
            return text
        missing = sorted(required_variables(tree) - set(self.data))
        for name in missing:
            close = difflib.get_close_matches(name, list(self.data), n=1)
            self.problems.append(Problem(
                self.display, line, "error", f"undefined data variable '{name}'",
                f"did you mean '{close[0]}'?" if close else "see the data variables in docs/content.md"))
        if missing:
            return text
        try:  # each text with a budget of its own, as each part of a Word template
            with loop_budget():
                return self.env.from_string(tree).render(self.data)
        except Exception as exc:
            message, lineno, word = explain(exc)
            hint = None
            if not isinstance(exc, jinja2.UndefinedError):
                tag = tag_at(text, lineno, message, word)
                message += f" in {tag}" if tag else ""
                hint = HINT
            self.problems.append(Problem(self.display, line, "error", f"template error: {message}",
                                         hint))
            return text


def _when(value: Pengesahan, default_place: str, renderer: Renderer) -> TempatTanggal:
    place = renderer(value.tempat, value.line) if value.tempat else default_place
    date = value.tanggal
    return TempatTanggal(place, date, format_tanggal(date) if date else "…", value.nomor)


def _closing(content: Content, blocks: list[Block], office: str, kabupaten: str,
             render: Renderer) -> list[str]:
    """The promulgation order: as written in `penutup`, split off the last pasal, or the standard one."""
    if content.penutup is not None:
        return [render(content.penutup.teks, content.penutup.line)]
    if content.jenis != "perbup" or any(b.teks.startswith(CLOSING) for b in blocks):
        return []
    # Drafters often write it into the last pasal; on the page it is a paragraph of its own.
    before, found, after = blocks[-1].teks.partition(CLOSING) if blocks else ("", "", "")
    if found:
        blocks[-1] = replace(blocks[-1], teks=before.strip())
        return [found + after]
    # An amending regulation's content has no pasal of its own (its Pasal I and II come after)
    # and gets the standard order too.
    return [f"{CLOSING}, memerintahkan pengundangan Peraturan {office.title()} ini dengan penempatannya "
            f"dalam Berita Daerah {kabupaten}."]


def office_of(data: Mapping[str, Any]) -> str:
    """The office that makes the decree, in capitals: "BUPATI", or "WALI KOTA" for a kota."""
    kepala = str(data.get("kepala_upper", "BUPATI"))
    kabupaten = str(data.get("kabupaten", ""))
    # "BUPATI KUPANG" minus the region's name is the office.
    region = kabupaten.split(" ", 1)[-1].upper() if " " in kabupaten else ""
    return kepala.removesuffix(" " + region).strip() if region else kepala.split(" ")[0]


def build_decree(content: Content, data: Mapping[str, Any], display: str) -> Decree:
    """Numbers the decree, resolves references and fills in data; DataError lists every problem."""
    penomoran = number(content, display)
    tahun = content.tahun or data.get("tahun")
    render = Renderer(penomoran, {**data, "tahun": tahun}, display)
    kepala = str(data.get("kepala_upper", "BUPATI"))
    kabupaten = str(data.get("kabupaten", ""))
    office = office_of(data)
    name = render(content.judul, content.line)
    kind = {"perbup": "PERATURAN", "instruksi": "INSTRUKSI", "surat_edaran": "SURAT EDARAN"}
    pembukaan = ""
    if content.dalam_rangka is not None:
        purpose = render(content.dalam_rangka.teks, content.dalam_rangka.line).rstrip(" ,.")
        if purpose.lower().startswith("dalam rangka "):
            purpose = purpose[len("dalam rangka "):]
        pembukaan = f"Dalam rangka {purpose}, dengan ini menginstruksikan:"
    blocks = []
    for b in penomoran.blocks:
        judul = render(b.judul, b.line) if b.judul else ""
        # The rules write a BAB's title in capitals (after data is filled in: "{{ x }}" must
        # keep its case); Bagian and Paragraf titles stay as written.
        blocks.append(Block(b.kind, b.nomor, judul.upper() if b.kind == "bab" else judul,
                            render(b.teks, b.line, b.letak) if b.teks else "", b.level))
    penutup = _closing(content, blocks, office, kabupaten, render)
    decree = Decree(
        jenis=content.jenis,
        judul_dokumen=kind[content.jenis] + ("" if content.jenis == "surat_edaran" else " " + kepala),
        # A surat edaran is numbered like a letter, the year inside its number (…/DPMD/2026).
        nomor_tahun=f"NOMOR {content.nomor}" + ("" if content.jenis == "surat_edaran"
                                                else f" TAHUN {tahun}"),
        tentang=name.upper(), nama=name,
        menimbang=[(f"{huruf(i)}.", render(t.teks, t.line)) for i, t in enumerate(content.menimbang, 1)],
        mengingat=[(f"{i}.", render(t.teks, t.line)) for i, t in enumerate(content.mengingat, 1)],
        menetapkan=f"PERATURAN {office} TENTANG {name.upper()}." if content.jenis == "perbup" else "",
        blocks=blocks,
        lampiran=[(roman, render(a.judul, a.line), a.isi) for roman, a in penomoran.lampiran],
        penetapan=_when(content.penetapan, str(data.get("ibu_kota", "…")), render),
        pengundangan=_when(content.pengundangan, str(data.get("ibu_kota", "…")), render),
        berita_daerah=f"BERITA DAERAH {kabupaten.upper()} TAHUN {tahun} NOMOR {content.pengundangan.nomor}",
        konsep=content.konsep,
        labels={label: rujukan.teks() for label, rujukan in penomoran.labels.items()},
        pembukaan=pembukaan,
        kepada=[(f"{i}.", render(t.teks, t.line)) for i, t in enumerate(content.kepada, 1)],
        tembusan=[render(t.teks, t.line) for t in content.tembusan],
        penutup=penutup,
    )
    if any(p.is_error for p in render.problems):
        raise DataError(render.problems)
    return decree
