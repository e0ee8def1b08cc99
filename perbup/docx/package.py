"""The .docx container: opened safely (zip-bomb limits), its parts found, and written deterministically."""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from perbup.base.errors import TemplateError
from perbup.base.zips import ZipWriter, deflated, entry
from perbup.docx.ns import (
    APP,
    CONTENT_TYPES,
    CORE,
    CORE_PREFIXES,
    DC,
    DCTERMS,
    PACKAGE_RELS,
    SAFE_XML,
    XSI,
    R,
    W,
    clark,
)

# Zip-bomb limits: a letter template is a few hundred KB; anything near these is hostile.
MAX_TOTAL_SIZE = 200 * 1024 * 1024
MAX_RATIO = 200
RATIO_CHECK_FROM = 10 * 1024 * 1024

# Level 1 deflates a rendered body ~5x faster than the default 6 for ~10% more bytes on a part
# that is a few KB compressed; the big unchanged parts are copied still compressed anyway.
COMPRESS_LEVEL = 1

_RELS = clark(PACKAGE_RELS) + "Relationship"
_OVERRIDE = clark(CONTENT_TYPES) + "Override"

# Package parts that describe the template, not the document made from it: whoever saved it may
# have put their name in its custom properties, and the thumbnail shows the template's first page.
_DROPPED = frozenset({RT.CUSTOM_PROPERTIES, RT.THUMBNAIL})
# The template Word attached to the document, by its path on the drafter's computer
# (file:///C:/Users/...): no document needs it, and Word opens one without it.
_ATTACHED = R + "/attachedTemplate"
_W_ATTACHED = clark(W) + "attachedTemplate"
_R_ID = clark(R) + "id"
_CP = clark(CORE)
_DC = clark(DC)
_DCTERMS = clark(DCTERMS)
_XSI_TYPE = clark(XSI) + "type"
_APP = clark(APP)
#: The core properties a document keeps from its template: what it is, not who made it or where.
CORE_KEPT = frozenset({_DC + "title", _DC + "subject", _DC + "language"})
# The extended properties that say how to open the file; the rest (Template, Manager, Company,
# HyperlinkBase, TotalTime, the template's counts) describe the template and its author's computer.
_APP_KEPT = frozenset(_APP + n for n in ("Application", "AppVersion", "DocSecurity", "ScaleCrop",
                                         "LinksUpToDate", "SharedDoc", "HyperlinksChanged"))


@dataclass(frozen=True)
class Properties:
    """What the file properties of every document perbup writes say about where it comes from.

    The regency is its author, and its date is the documents' date, so equal inputs still give
    equal bytes; nothing of the template's author (a name, a NIP, paths on their computer) is kept.
    """

    author: str = ""
    date: dt.date = dt.date(2000, 1, 1)


def clean_core(tree: etree._Element, properties: Properties, keep: frozenset[str]) -> None:
    """docProps/core.xml in place: the elements in `keep`, and the author and dates of `properties`."""
    for element in list(tree):
        if element.tag not in keep:
            tree.remove(element)
    # Each element names the prefixes it needs (ns.CORE_PREFIXES); one the part declares
    # already is not declared again.
    values = {(_DC + "creator", "dc"): properties.author,
              (_CP + "lastModifiedBy", "cp"): properties.author}
    for (tag, prefix), text in values.items():
        if text:
            etree.SubElement(tree, tag, nsmap={prefix: CORE_PREFIXES[prefix]}).text = text
    stamp = f"{properties.date.isoformat()}T00:00:00Z"
    dated = {p: CORE_PREFIXES[p] for p in ("dcterms", "xsi")}
    for tag in ("created", "modified"):
        element = etree.SubElement(tree, _DCTERMS + tag, {_XSI_TYPE: "dcterms:W3CDTF"}, nsmap=dated)
        element.text = stamp


def clean_app(data: bytes, properties: Properties) -> bytes:
    """docProps/app.xml with only how to open the file, and the regency as the company."""
    tree = etree.fromstring(data, SAFE_XML)
    for element in list(tree):
        if element.tag not in _APP_KEPT:
            tree.remove(element)
    if properties.author:
        etree.SubElement(tree, _APP + "Company").text = properties.author
    return etree.tostring(tree, encoding="UTF-8", standalone=True)


def deflated_entry(name: bytes, data: bytes) -> tuple[bytes, bytes]:
    """`data` compressed as a member called `name` of a .docx (base/zips.py, as Word stamps
    members): its local entry and central record."""
    return deflated(name, data, COMPRESS_LEVEL)


def raw_entry(name: str, data: bytes, info: zipfile.ZipInfo) -> tuple[bytes, bytes]:
    """The member `info` of the archive `data`, still compressed: it is never inflated again."""
    at = info.header_offset
    if data[at:at + 4] != b"PK\x03\x04":
        raise TemplateError(name, f"the file is damaged ({info.filename})")
    start = at + 30 + sum(struct.unpack("<HH", data[at + 26:at + 30]))
    raw = data[start:start + info.compress_size]
    return entry(info.filename.encode(), info.compress_type, info.CRC, raw, info.file_size)


def open_docx(name: str, data: bytes) -> zipfile.ZipFile:
    """The template `data` as a zip archive, refused (TemplateError) if damaged or hostile."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise TemplateError(name, "not a Word .docx file (it is not a zip archive); "
                            "open it in Word and save it as Word Document (.docx)") from None
    infos = archive.infolist()
    if len(infos) > 0xFFFF or sum(i.file_size for i in infos) > MAX_TOTAL_SIZE:
        raise TemplateError(name, "refused: unpacks to more than 200 MB (a zip bomb?); a "
                            "letter template needs a few MB at most")
    for info in infos:
        if info.file_size > RATIO_CHECK_FROM and info.file_size > MAX_RATIO * info.compress_size:
            raise TemplateError(name, f"refused: {info.filename} is compressed more than "
                                f"{MAX_RATIO}:1 (a zip bomb?)")
        if info.flag_bits & 1 or info.compress_type not in (0, zipfile.ZIP_DEFLATED):
            raise TemplateError(name, f"{info.filename} is encrypted or compressed in a way Word "
                                "does not write; save the template again from Word")
        try:  # members are copied unread into every document, so check them once here
            with archive.open(info) as member:
                while member.read(1 << 20):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise TemplateError(name, f"the file is damaged ({info.filename}: {exc})") from None
    return archive


class Package:
    """Relationships and content types of a .docx, to find the parts docxtpl renders."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = {n.lower(): n for n in archive.namelist()}  # part names ignore case

    def read(self, member: str) -> bytes:
        return self.archive.read(self.names[member.lower()])

    def _rels(self, source: str) -> str | None:
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", base + ".rels").lower()
        return self.names.get(rels)

    def _target(self, source: str, rel: etree._Element) -> str | None:
        if rel.get("TargetMode") == "External":
            return None
        target = posixpath.join("/" + posixpath.dirname(source), rel.get("Target", ""))
        return self.names.get(posixpath.normpath(target).lstrip("/").lower())

    def targets(self, source: str, rel_type: str) -> list[str]:
        """The members `source`'s relationships of `rel_type` point at ("" = the package)."""
        rels = self._rels(source)
        if rels is None:
            return []
        found = []
        for rel in etree.fromstring(self.read(rels), SAFE_XML).iter(_RELS):
            target = self._target(source, rel) if rel.get("Type") == rel_type else None
            if target is not None:
                found.append(target)
        return found

    def needed(self) -> tuple[set[str], dict[str, bytes]]:
        """The members a document made from this template needs, and new bytes for the
        package's relationships and content types where parts were left out.

        Word reaches every part through relationships from the package (as python-docx, so
        docxtpl, reads it); anything else in the zip (stray members, `../` names, padding) is
        never read and is not copied. Custom properties, the thumbnail and the attached
        template are left out too.
        """
        types = self.names.get("[content_types].xml")
        kept = {types} if types else set()
        changed: dict[str, bytes] = {}
        detached: dict[str, set[str | None]] = {}  # part -> ids of its attached templates
        todo = [""]
        while todo:
            source = todo.pop()
            rels = self._rels(source)
            if rels is None:
                continue
            kept.add(rels)
            tree = etree.fromstring(self.read(rels), SAFE_XML)
            for rel in list(tree.iter(_RELS)):
                if source == "" and rel.get("Type") in _DROPPED:
                    tree.remove(rel)
                    changed[rels] = etree.tostring(tree, encoding="UTF-8", standalone=True)
                elif rel.get("Type") == _ATTACHED:
                    tree.remove(rel)
                    changed[rels] = etree.tostring(tree, encoding="UTF-8", standalone=True)
                    detached.setdefault(source, set()).add(rel.get("Id"))
                elif (target := self._target(source, rel)) is not None and target not in kept:
                    kept.add(target)
                    todo.append(target)
        for source, ids in detached.items():  # and the element that refers to it (settings.xml)
            tree = etree.fromstring(self.read(source), SAFE_XML)
            for element in list(tree.iter(_W_ATTACHED)):
                if element.get(_R_ID) in ids and (parent := element.getparent()) is not None:
                    parent.remove(element)
            changed[source] = etree.tostring(tree, encoding="UTF-8", standalone=True)
        if types:
            tree = etree.fromstring(self.read(types), SAFE_XML)
            left_out = [o for o in tree.iter(_OVERRIDE)
                        if self.names.get(o.get("PartName", "").lstrip("/").lower()) not in kept]
            for override in left_out:
                tree.remove(override)
            if left_out:
                changed[types] = etree.tostring(tree, encoding="UTF-8", standalone=True)
        return kept, changed

    def parts_of_type(self, content_type: str) -> list[str]:
        if "[content_types].xml" not in self.names:
            return []
        types = etree.fromstring(self.read("[Content_Types].xml"), SAFE_XML)
        return [self.names[p] for o in types.iter(_OVERRIDE)
                if o.get("ContentType") == content_type
                and (p := o.get("PartName", "").lstrip("/").lower()) in self.names]


def main_part(name: str, package: Package) -> str:
    """The main document part's member name; a .dotx or macro file is refused."""
    mains = package.targets("", RT.OFFICE_DOCUMENT)
    main = mains[0] if mains else package.names.get("word/document.xml")
    if main is None:
        raise TemplateError(name, "not a Word document: it has no word/document.xml; open it in "
                            "Word and save it as Word Document (.docx)")
    if main not in package.parts_of_type(CT.WML_DOCUMENT_MAIN):
        raise TemplateError(name, "not a plain Word document (a .dotx template or a macro file?); "
                            "open it in Word and save it as Word Document (.docx)")
    return main


def rewritten(name: str, data: bytes, properties: Properties) -> bytes:
    """A .docx that python-docx saved, written again as every document perbup writes: only the
    parts it needs (no thumbnail, no custom properties), the file properties of `properties`,
    fixed zip times, so equal inputs give equal bytes."""
    archive = open_docx(name, data)
    package = Package(archive)
    kept, changed = package.needed()
    for target in package.targets("", RT.CORE_PROPERTIES):
        tree = etree.fromstring(package.read(target), SAFE_XML)
        clean_core(tree, properties, CORE_KEPT)
        changed[target] = etree.tostring(tree, encoding="UTF-8", standalone=True)
    for target in package.targets("", RT.EXTENDED_PROPERTIES):
        changed[target] = clean_app(package.read(target), properties)
    writer = ZipWriter()
    for info in archive.infolist():
        encoded = info.filename.encode()
        if info.filename in changed:
            writer.add(encoded, changed[info.filename], COMPRESS_LEVEL)
        elif info.filename in kept:
            writer.copy(encoded, *raw_entry(name, data, info))
    return writer.finish()
