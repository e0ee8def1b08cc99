"""The amending regulation (*Peraturan Bupati tentang Perubahan atas …*), drafted from the
regulation in force and the current content in the form UU 12/2011 Lampiran II gives for
amendments: its own judul, Menimbang and Mengingat, Pasal I listing each change, Pasal II.

Inserted units take a letter and nothing after them is renumbered; deleted ones keep their
place, marked *dihapus* (Lampiran II, BAB II, "Perubahan Peraturan Perundang-undangan").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from perbup.base.formats import angka_terbilang
from perbup.base.problems import Problem
from perbup.compute.numbering import (
    Block,
    Letak,
    Penomoran,
    Renderer,
    Rujukan,
    huruf,
    marker,
    number,
    office_of,
)
from perbup.compute.revisi import Revision, Unit, reading_order
from perbup.load.content import Content, Teks
from perbup.load.unfilled import Unfilled

# The formulas, as the examples of Lampiran II, BAB II huruf D read (reproduced in the DPR's
# "Proses & Teknik Penyusunan Undang-Undang"); the numbers of the items (butir) that give them
# could not be verified here: docs/diff.md, "The amending regulation". `{dalam}` is empty when
# Pasal I lists several changes, and names the regulation when it holds one (Contoh 2).
PASAL_I = "Beberapa ketentuan dalam {peraturan} diubah sebagai berikut:"
UBAH_PASAL = "Ketentuan {pasal}{dalam} diubah sehingga berbunyi sebagai berikut:"
UBAH_AYAT = "Ketentuan {ayat} {pasal}{dalam} diubah sehingga {pasal} berbunyi sebagai berikut:"
HAPUS_AYAT = "{pasal} {ayat}{dalam} dihapus sehingga {pasal} berbunyi sebagai berikut:"
SISIP_AYAT = ("Di antara {sebelum} dan {sesudah} {pasal}{dalam} disisipkan {jumlah} ayat, yakni "
              "{baru} sehingga {pasal} berbunyi sebagai berikut:")
SISIP_PASAL = ("Di antara {sebelum} dan {sesudah}{dalam} disisipkan {jumlah} pasal, yakni {baru} "
               "sehingga berbunyi sebagai berikut:")
HAPUS_PASAL = "{pasal}{dalam} dihapus."
# After the last unit nothing follows to keep its number: the new one takes the next number.
# Common practice, not a formula of Lampiran II found here (unverified).
TAMBAH_AYAT = ("Setelah {sebelum} {pasal}{dalam} ditambahkan {jumlah} ayat, yakni {baru} sehingga "
               "{pasal} berbunyi sebagai berikut:")
TAMBAH_PASAL = ("Setelah {sebelum}{dalam} ditambahkan {jumlah} pasal, yakni {baru} sehingga berbunyi "
                "sebagai berikut:")
#: What stands in place of a deleted ayat, and of a deleted list item (practice; unverified).
AYAT_DIHAPUS = "Dihapus."
BUTIR_DIHAPUS = "dihapus"
#: The consideration written when the content gives none: a placeholder the drafter replaces.
ALASAN = "[alasan perubahan]"


@dataclass(frozen=True)
class Kutipan:
    """One paragraph of an amended provision as Pasal I quotes it."""

    kind: str  # pasal (its heading), teks, butir (numbered: an ayat, a list item)
    nomor: str
    teks: str  # as written; "" for a heading
    line: int
    depth: int = 0
    letak: Letak | None = None


@dataclass(frozen=True)
class Butir:
    """One change in Pasal I: its formula and the provision it quotes."""

    urutan: tuple[int, int]  # (the old Pasal it is at or after, 0 there / 1.. after it)
    rumusan: str  # with {dalam} to fill
    kutipan: tuple[Kutipan, ...] = ()


@dataclass
class Amandemen:
    """The amending regulation: `content` has its judul, Menimbang and Mengingat (what the
    decree template and the lint read), `pasal_i` its changes."""

    content: Content
    peraturan: str  # the regulation amended, cited in full with its Berita Daerah
    pasal_i: list[Butir]
    berlaku: str  # Pasal II
    penomoran: Penomoran  # the references of the quoted text, in the amended numbering
    problems: list[Problem] = field(default_factory=list)
    unfilled: list[Unfilled] = field(default_factory=list)

    def blocks(self, data: Mapping[str, Any], display: str) -> tuple[list[Block], list[Problem]]:
        """Pasal I and Pasal II as the decree's body, data filled in and references numbered."""
        render = Renderer(self.penomoran, data, display)
        single = len(self.pasal_i) == 1
        dalam = f" dalam {self.peraturan}" if single else ""
        out = [Block("pasal", "Pasal I", "", "", 0)]
        base = 0 if single else 1
        if not single:
            out.append(Block("teks", "", "", render(PASAL_I.format(peraturan=self.peraturan), 0), 0))
        for n, butir in enumerate(self.pasal_i, 1):
            rumusan = render(butir.rumusan.format(dalam=dalam), 0)
            out.append(Block("teks", "", "", rumusan, 0) if single else
                       Block("butir", f"{n}.", "", rumusan, 1))
            for k in butir.kutipan:
                if k.kind == "pasal":
                    out.append(Block("pasal", k.nomor, "", "", 0))
                else:
                    out.append(Block(k.kind, k.nomor, "", render(k.teks, k.line, k.letak),
                                     base + k.depth))
        out += [Block("pasal", "Pasal II", "", "", 0), Block("teks", "", "", self.berlaku, 0)]
        return out, render.problems


def _and(parts: Sequence[str]) -> str:
    """"ayat (1)", "ayat (1) dan ayat (2)", "ayat (1), ayat (2), dan ayat (3)"."""
    if len(parts) < 3:
        return " dan ".join(parts)
    return ", ".join(parts[:-1]) + ", dan " + parts[-1]


def _cite(nomor: str) -> str:
    """How a unit's number is cited: "b." → "b", "(2a)" and "b)" as they are."""
    return nomor[:-1] if nomor.endswith(".") else nomor


def _signature(unit: Unit) -> tuple[Any, ...]:
    return (unit.group, unit.raw, tuple(_signature(c) for c in unit.children))


def _number(unit: Unit) -> int:
    """An old unit's number: "Pasal 8" → 8, "(2)" → 2, "c." → 3, "14." → 14."""
    text = re.sub(r"^Pasal |[().]", "", unit.nomor)
    if text.isdigit():
        return int(text)
    value = 0
    for letter in text:
        value = value * 26 + ord(letter) - ord("a") + 1
    return value


def _style(unit: Unit) -> int:
    """The marker style of a list item (numbering.marker): a. 1. a) 1)."""
    letters = unit.nomor[0].isalpha()
    return (0 if letters else 1) + (2 if unit.nomor.endswith(")") else 0)


class _Drafter:
    def __init__(self, revision: Revision, display: str) -> None:
        self.revision = revision
        self.display = display
        self.new_of = revision.twins
        self.problems: list[Problem] = []
        self.labels: dict[str, Rujukan] = {}
        self.pasal_index = 0

    def error(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.display, line, "error", message, hint))

    def pairs(self, old: Sequence[Unit], new: Sequence[Unit]) -> dict[int, int]:
        at = {u.serial: j for j, u in enumerate(new)}
        return {i: at[self.new_of[u.serial]] for i, u in enumerate(old)
                if u.serial in self.new_of and self.new_of[u.serial] in at}

    def inserted_number(self, before: Unit | None, count: int, siblings: Sequence[Unit],
                        unit: Unit) -> str | None:
        """The number of the `count`th unit inserted after the old unit `before`: the old
        number and a letter (an ayat (2a), a list item 14a or b1), or the next number when
        nothing old follows; None before the first."""
        if before is None:
            return None
        value = _number(before)
        last = before is siblings[-1]
        if unit.kind == "ayat":
            return f"({value + count})" if last else f"({value}{huruf(count)})"
        style = _style(before)
        if last:
            return marker(style, value + count)
        end = before.nomor[-1]
        return (f"{before.nomor[:-1]}{count}{end}" if style % 2 == 0
                else f"{before.nomor[:-1]}{huruf(count)}{end}")

    def define(self, unit: Unit, parts: tuple[tuple[str, str], ...], letak: Letak) -> None:
        if unit.label:
            self.labels[unit.label] = Rujukan(parts, letak)

    def children(self, old: Sequence[Unit], new: Sequence[Unit], parts: tuple[tuple[str, str], ...],
                 pasal: int, ayat: int | None = None) -> list[Kutipan]:
        """The amended numbers of `new` (labels defined by them) and the quoted paragraphs in
        reading order, a deleted unit in its place."""
        pairs = self.pairs(old, new)
        fresh = not any(o.group == n.group for o in old for n in new)
        out: list[Kutipan] = []
        before: Unit | None = None
        count = 0
        steps = reading_order(len(old), len(new), pairs, set())
        for step, (i, j) in enumerate(steps):
            if j is None:
                assert i is not None
                before, count = old[i], 0
                gone = old[i]
                last = step == len(steps) - 1
                text = AYAT_DIHAPUS if gone.kind == "ayat" else BUTIR_DIHAPUS + ("." if last else ";")
                out.append(Kutipan("butir", gone.nomor, text, gone.line, gone.depth))
                continue
            unit = new[j]
            if i is not None:
                nomor, before, count = old[i].nomor, old[i], 0
            elif fresh:
                nomor = unit.nomor
            else:
                count += 1
                found = self.inserted_number(before, count, old, unit)
                if found is None:
                    self.error(unit.line, f"{unit.address} is inserted before the first "
                                          f"{'ayat' if unit.kind == 'ayat' else 'item'} of its list: "
                                          "an amendment cannot number it without renumbering",
                               "insert it after the first one, or restate the list in full")
                    found = unit.nomor
                nomor = found
            here = (*parts, (unit.kind, _cite(nomor)))
            where = ayat
            if unit.kind == "ayat":
                where = j + 1
            letak = Letak(pasal, where)
            self.define(unit, here, letak)
            out.append(Kutipan("butir", nomor, unit.raw, unit.line, unit.depth, letak))
            out += self.children(old[i].children if i is not None else (), unit.children, here, pasal,
                                 where)
        return out

    def quoted(self, old: Unit | None, new: Unit, nomor: str) -> list[Kutipan]:
        """A pasal as amended, numbered: its heading, its own text, what is in it."""
        self.pasal_index += 1
        index = self.pasal_index
        parts = (("Pasal", nomor.removeprefix("Pasal ")),)
        self.define(new, parts, Letak(index))
        out = [Kutipan("pasal", nomor, "", new.line)]
        if new.raw:
            out.append(Kutipan("teks", "", new.raw, new.line, 0, Letak(index)))
        return out + self.children(old.children if old else (), new.children, parts, index)

    def formula(self, old: Unit, new: Unit) -> str:
        """Which formula a changed pasal takes: a changed, deleted or inserted ayat when that
        is all that changed in it, otherwise the pasal as a whole."""
        pasal = old.nomor
        ayat_form = bool(old.children) and all(c.kind == "ayat" for c in (*old.children, *new.children))
        if old.raw != new.raw or not ayat_form:
            return UBAH_PASAL.format(pasal=pasal, dalam="{dalam}")
        pairs = self.pairs(old.children, new.children)
        changed = [old.children[i].nomor for i, j in sorted(pairs.items())
                   if _signature(old.children[i]) != _signature(new.children[j])]
        deleted = [u.nomor for i, u in enumerate(old.children) if i not in pairs]
        inserted = [j for j in range(len(new.children)) if j not in pairs.values()]
        cite = [f"ayat {n}" for n in changed or deleted]
        if changed and not deleted and not inserted:
            return UBAH_AYAT.format(ayat=_and(cite), pasal=pasal, dalam="{dalam}")
        if deleted and not changed and not inserted:
            return HAPUS_AYAT.format(ayat=_and(cite), pasal=pasal, dalam="{dalam}")
        gaps = {max((i for i, j in pairs.items() if j < k), default=-1) for k in inserted}
        if inserted and not changed and not deleted and len(gaps) == 1 and -1 not in gaps:
            after = old.children[gaps.pop()]
            numbers = [self.inserted_number(after, n, old.children, new.children[k])
                       for n, k in enumerate(inserted, 1)]
            fields = {"sebelum": f"ayat {after.nomor}", "pasal": pasal, "dalam": "{dalam}",
                      "jumlah": angka_terbilang(len(inserted)),
                      "baru": _and([f"ayat {n}" for n in numbers])}
            if after is old.children[-1]:
                return TAMBAH_AYAT.format(**fields)
            following = old.children[old.children.index(after) + 1]
            return SISIP_AYAT.format(sesudah=f"ayat {following.nomor}", **fields)
        return UBAH_PASAL.format(pasal=pasal, dalam="{dalam}")

    def body(self) -> list[Butir]:
        old = [u for u in self.revision.old.sections["body"] if u.kind == "pasal"]
        new = [u for u in self.revision.new.sections["body"] if u.kind == "pasal"]
        pairs = self.pairs(old, new)
        out: list[Butir] = []
        before: Unit | None = None
        inserted: list[tuple[Unit, str]] = []

        def flush() -> None:
            if not inserted:
                return
            assert before is not None
            names = [nomor for _, nomor in inserted]
            fields = {"sebelum": before.nomor, "dalam": "{dalam}",
                      "jumlah": angka_terbilang(len(inserted)), "baru": _and(names)}
            at = _number(before)
            rumusan = (TAMBAH_PASAL.format(**fields) if before is old[-1] else
                       SISIP_PASAL.format(sesudah=f"Pasal {at + 1}", **fields))
            quoted = tuple(k for unit, nomor in inserted for k in self.quoted(None, unit, nomor))
            out.append(Butir((at, 1), rumusan, quoted))
            inserted.clear()

        for i, j in reading_order(len(old), len(new), pairs, set()):
            if j is None:
                assert i is not None
                flush()
                before = old[i]
                out.append(Butir((_number(old[i]), 0),
                                 HAPUS_PASAL.format(pasal=old[i].nomor, dalam="{dalam}")))
                continue
            unit = new[j]
            if i is None:
                if before is None:
                    self.error(unit.line, f"{unit.address} is inserted before Pasal 1: an amendment "
                                          "cannot number it without renumbering every pasal",
                               "insert it after Pasal 1")
                    continue
                at = _number(before)
                count = len(inserted) + 1
                nomor = f"Pasal {at + count}" if before is old[-1] else f"Pasal {at}{huruf(count).upper()}"
                inserted.append((unit, nomor))
                continue
            flush()
            before = old[i]
            quoted = self.quoted(old[i], unit, old[i].nomor)
            if _signature(old[i]) != _signature(unit):
                out.append(Butir((_number(old[i]), 0), self.formula(old[i], unit), tuple(quoted)))
        flush()
        return sorted(out, key=lambda b: b.urutan)


def _mengingat(new: Content, cited: str, line: int, tahun: int, nomor: str) -> tuple[Teks, ...]:
    """The current legal bases with the regulation amended among them, in the hierarchy's
    order: the last level, after the older Perbup (by year, then number)."""
    items = [t.teks.rstrip(";.") for t in new.mengingat]
    lines = [t.line for t in new.mengingat]
    key = (tahun, int(nomor) if nomor.isdigit() else 0)
    at = len(items)
    for k, text in enumerate(items):
        found = re.match(r"Peraturan (?:Bupati|Wali Kota) .*?Nomor (\d+) Tahun (\d{4})", text)
        if found and (int(found.group(2)), int(found.group(1))) > key:
            at = k
            break
    items.insert(at, cited)
    lines.insert(at, line)
    return tuple(Teks(text + (";" if k < len(items) - 1 else "."), ln)
                 for k, (text, ln) in enumerate(zip(items, lines, strict=True)))


def _unsupported(revision: Revision, display: str) -> list[Problem]:
    """The changes the amendment technique here does not draft, and those it leaves out."""
    out = []
    for change in revision.changes:
        line = change.new_line or change.old_line
        if change.unit in ("judul", "bab", "bagian", "paragraf", "lampiran") or change.kind == "moved":
            out.append(Problem(display, line, "error",
                               f"{change.address}: {change.kind}; perbup drafts an amendment of "
                               "pasal, ayat and list items only, not of the judul, a BAB, Bagian, "
                               "Paragraf or annex, nor a unit moved",
                               "draft that part of Pasal I by hand, or make a new regulation that "
                               "revokes this one"))
        elif change.unit in ("menimbang", "penutup", "dalam_rangka"):
            out.append(Problem(display, line, "warning",
                               f"{change.address} is {change.kind}, but an amendment does not change "
                               "the considerations or the closing of the regulation it amends",
                               "the amending regulation's own considerations are "
                               "'perubahan: menimbang:'"))
    return out


def draft(old: Content, new: Content, revision: Revision, data: Mapping[str, Any],
          old_display: str, new_display: str) -> Amandemen:
    """The amending regulation of `old` (promulgated: its `nomor` and `tahun` set) that makes
    it read as `new`; problems in `problems`, what is left to fill in in `unfilled`."""
    problems: list[Problem] = []
    if old.nomor in ("…", "...", "") or old.tahun is None:
        problems.append(Problem(old_display, old.line, "error",
                                "the regulation to amend has no number and year: set its 'nomor' "
                                "and 'tahun' as promulgated",
                                "--perubahan names the content of the regulation in force"))
    office = office_of(data).title()
    kepala = str(data.get("kepala_upper", "BUPATI")).title()
    kabupaten = str(data.get("kabupaten", ""))
    year = old.pengundangan.tanggal.year if old.pengundangan.tanggal else old.tahun
    cited = f"Peraturan {kepala} Nomor {old.nomor} Tahun {old.tahun} tentang {old.judul}"
    peraturan = f"{cited} (Berita Daerah {kabupaten} Tahun {year} Nomor {old.pengundangan.nomor})"
    own = new.perubahan
    line = own.line if own else new.line
    judul = f"Perubahan atas {cited}"
    unfilled = []
    if own and own.menimbang:
        menimbang = own.menimbang
    else:
        menimbang = (Teks(f"bahwa untuk {ALASAN}, {cited} perlu diubah;", line),
                     Teks("bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu "
                          f"menetapkan Peraturan {office} tentang {judul};", line))
        unfilled.append(Unfilled(new_display, line, "the amending regulation gives no reason of its "
                                 f"own: its first consideration still reads {ALASAN}",
                                 "write its considerations in 'perubahan: menimbang:' "
                                 "(docs/diff.md)", frozenset({"perbup"})))
    content = Content(jenis="perbup", judul=judul, line=new.line,
                      nomor=own.nomor if own else "…", tahun=own.tahun if own else None,
                      konsep=new.konsep, menimbang=menimbang,
                      mengingat=_mengingat(new, peraturan, line, old.tahun or 0, old.nomor))
    drafter = _Drafter(revision, new_display)
    pasal_i = drafter.body()
    problems += _unsupported(revision, new_display) + drafter.problems
    if not pasal_i and not any(p.is_error for p in problems):
        problems.append(Problem(new_display, None, "error", "nothing to amend: no pasal, ayat or list "
                                f"item differs from {old_display}"))
    penomoran = number(new, new_display)
    penomoran.labels = drafter.labels
    berlaku = f"Peraturan {office} ini mulai berlaku pada tanggal diundangkan."
    return Amandemen(content, peraturan, pasal_i, berlaku, penomoran, problems, unfilled)
