"""Print bundles: a kecamatan's letters as one document, and a zip of everything to send."""

from __future__ import annotations

import copy
import hashlib
import io
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.parts.hdrftr import FooterPart, HeaderPart
from docxcompose.composer import Composer
from docxcompose.utils import xpath
from lxml import etree

from perbup.base.output import Ledger, inside, write_atomic
from perbup.base.problems import Problem
from perbup.base.progress import SILENT, Progress
from perbup.base.signature import is_signed
from perbup.base.zips import UNIX, ZipWriter
from perbup.documents.letters import listed_letters
from perbup.docx.ns import DCTERMS, R, W, clark
from perbup.docx.ns import NS as _NS

_W, _R = W, R
_SECTION_REFS = f"{{{_W}}}headerReference", f"{{{_W}}}footerReference"
# What follows w:pgNumType in a w:sectPr (ECMA-376 CT_SectPr), to insert it in its place.
_AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                    "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
                    "w:sectPrChange")
_CORE = "docProps/core.xml"
_LEVEL = 6  # zlib's default
_DCTERMS = clark(DCTERMS)
_FIXED_DATE = "2000-01-01T00:00:00Z"
#: Where the bureau puts the signed copies the signing application returned; perbup never
#: writes there, and zips it apart, as it is, into SIGNED_ZIP.
SIGNED_FOLDER = "signed"
SIGNED_ZIP = "signed.zip"
#: Everything to send: each letter, bundle and PDF, and the manifest.
LETTERS_ZIP = "letters.zip"


class _Composer(Composer):  # type: ignore[misc]
    """docxcompose's Composer without its style look-up for parts that name no style: it lists
    every style of the bundle for each paragraph, which took 90% of the time on a letter."""

    def add_styles(self, doc: docx.document.Document, element: etree._Element) -> None:
        if xpath(element, ".//w:tblStyle|.//w:pStyle|.//w:rStyle"):
            super().add_styles(doc, element)


def compose(docx_paths: Sequence[Path]) -> bytes:
    """One .docx holding the given Word files in order, each starting on a new page.

    Each file keeps its formatting, its list numbering (restarted, by docxcompose) and its own
    section properties: page size, margins, headers and footers, first-page header included, so
    every letter in the bundle starts with its letterhead (kop) and its page numbers restart at 1.
    The same files give the same bytes.
    """
    if not docx_paths:
        raise ValueError("compose() needs at least one file")
    master = docx.Document(str(docx_paths[0]))
    composer = _Composer(master)
    seen: dict[tuple[str, str], str] = {}  # header/footer content -> its rId in the bundle
    for rel in master.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER):
            seen.setdefault((rel.reltype, _part_key(rel.target_part)), rel.rId)
    for path in docx_paths[1:]:
        _append(composer, docx.Document(str(path)), seen)
    _fix_list_ids(master)
    buffer = io.BytesIO()
    composer.save(buffer)
    return _normalise(buffer.getvalue(), _core_dates(docx_paths[0]))


def combine(docx_paths: Sequence[Path], target: Path,
            write: Callable[[Path, bytes], object] = write_atomic) -> bool:
    """Writes `compose(docx_paths)` to `target` atomically (with `write`); False when it was
    already there."""
    data = compose(docx_paths)
    if target.is_file() and target.read_bytes() == data:
        return False
    write(target, data)
    return True


def _part_key(part: Part) -> str:
    """A digest of a part's content and, recursively, of what it refers to (a header's images)."""
    digest = hashlib.sha256(part.content_type.encode() + b"\0" + part.blob)
    for rel in sorted(part.rels.values(), key=lambda r: r.rId):
        target = rel.target_ref if rel.is_external else _part_key(rel.target_part)
        digest.update(f"\0{rel.rId}\0{rel.reltype}\0{target}".encode())
    return digest.hexdigest()


def _append(composer: Composer, document: docx.document.Document,
            seen: dict[tuple[str, str], str]) -> None:
    body = composer.doc.element.body
    # Close the section of what is already there, so its properties (headers included) stay its
    # own: Word keeps a section's properties in its last paragraph, the last section's in the body.
    ending = body.sectPr
    last = ending.getprevious()
    if last is None or last.tag != f"{{{_W}}}p" or last.find("w:pPr/w:sectPr", _NS) is not None:
        last = body.add_p()  # python-docx puts it before the body's w:sectPr
    last.get_or_add_pPr().insert_element_before(copy.deepcopy(ending), "w:pPrChange")
    composer.append(document)  # copies the body but drops every header and footer reference
    sources = [*document.element.body.findall("w:p/w:pPr/w:sectPr", _NS), document.element.body.sectPr]
    inner = body.findall("w:p/w:pPr/w:sectPr", _NS)
    targets = [*inner[len(inner) - len(sources) + 1:], copy.deepcopy(sources[-1])]
    for source, target in zip(sources, targets, strict=True):
        for old in [e for e in target if e.tag in _SECTION_REFS]:
            target.remove(old)
        refs = [copy.deepcopy(e) for e in source if e.tag in _SECTION_REFS]
        for i, ref in enumerate(refs):
            rid = f"{{{_R}}}id"
            ref.set(rid, _reference(composer, document, ref.get(rid), seen))
            target.insert(i, ref)
    body.replace(body.sectPr, targets[-1])
    first = targets[0]
    kind = first.find("w:type", _NS)
    if kind is not None and kind.get(f"{{{_W}}}val") == "continuous":
        first.remove(kind)  # a letter starts on a new page
    if first.find("w:pgNumType", _NS) is None:
        restart = OxmlElement("w:pgNumType")
        restart.set(f"{{{_W}}}start", "1")
        first.insert_element_before(restart, *_AFTER_PGNUMTYPE)


def _reference(composer: Composer, document: docx.document.Document, rid: str,
               seen: dict[tuple[str, str], str]) -> str:
    """The bundle's rId for a header or footer of `document`, copying it (and its images) once."""
    rel = document.part.rels[rid]
    key = (rel.reltype, _part_key(rel.target_part))
    if key not in seen:
        source = rel.target_part
        package = composer.doc.part.package
        kind, name = ((HeaderPart, "/word/header%d.xml") if rel.reltype == RT.HEADER
                      else (FooterPart, "/word/footer%d.xml"))
        part = kind.load(package.next_partname(name), source.content_type, source.blob, package)
        renamed = {old.rId: composer.add_relationship(source, part, old).rId
                   for old in source.rels.values()}
        for element in part.element.iter():
            for attribute, value in element.attrib.items():
                if attribute.startswith(f"{{{_R}}}") and value in renamed:
                    element.set(attribute, renamed[value])
        seen[key] = composer.doc.part.relate_to(part, rel.reltype)
    return seen[key]


def _fix_list_ids(document: docx.document.Document) -> None:
    """docxcompose gives copied list definitions random ids (w:nsid); make them depend on their
    position only, so equal input gives equal bytes."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return
    for nsid in numbering.findall("w:abstractNum/w:nsid", _NS):
        number = nsid.getparent().get(f"{{{_W}}}abstractNumId", "")
        nsid.set(f"{{{_W}}}val", f"{zlib.crc32(f'perbup-list-{number}'.encode()):08X}")


def _core_dates(path: Path) -> dict[str, str]:
    """The created/modified dates of a Word file's core properties."""
    with zipfile.ZipFile(path) as archive:
        if _CORE not in archive.namelist():
            return {}
        root = etree.fromstring(archive.read(_CORE))
    return {tag: e.text or _FIXED_DATE for tag in ("created", "modified")
            if (e := root.find(f"{_DCTERMS}{tag}")) is not None}


def _normalise(data: bytes, dates: dict[str, str]) -> bytes:
    """The .docx python-docx saved, zipped again (base/zips.py) with the first file's dates in
    core.xml."""
    writer = ZipWriter(UNIX)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            content = archive.read(info)
            if info.filename == _CORE:
                root = etree.fromstring(content)
                for tag in ("created", "modified"):
                    element = root.find(f"{_DCTERMS}{tag}")
                    if element is not None:
                        element.text = dates.get(tag, _FIXED_DATE)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
            writer.add(info.filename, content, _LEVEL)
    return writer.finish()


def zip_bytes(members: Iterable[tuple[str, Path]]) -> bytes:
    """A zip of (name in the zip, file) pairs, sorted by name, written by base/zips.py: equal
    files give equal bytes. Word files and PDFs are compressed already and are stored as they are."""
    writer = ZipWriter(UNIX)
    for name, path in sorted(dict(members).items()):
        if path.suffix.lower() in (".docx", ".pdf", ".zip", ".png", ".jpg"):
            writer.store(name, path.read_bytes())
        else:
            writer.add(name, path.read_bytes(), _LEVEL)
    return writer.finish()


def write_zip(target: Path, members: Iterable[tuple[str, Path]],
              write: Callable[[Path, bytes], object] = write_atomic) -> bool:
    """Writes `zip_bytes(members)` to `target` atomically (with `write`); False when it was
    already there."""
    data = zip_bytes(members)
    if target.is_file() and target.read_bytes() == data:
        return False
    write(target, data)
    return True


def bundle_files(letters: Sequence[str]) -> list[str]:
    """The bundle of each kecamatan that has one of `letters` (files relative to the output
    folder): OUT/letters/<kode>-<kecamatan>.docx, beside its folder."""
    return sorted({f"{PurePosixPath(f).parent}.docx" for f in letters})


def make_bundles(ledger: Ledger, letters: Sequence[str], *,
                 progress: Progress = SILENT) -> list[Path]:
    """Each kecamatan that has one of `letters` (the letters just written, relative to the output
    folder) gets its bundle, holding every letter of its folder listed in the manifest (perbup's
    own, as the output folder's record says); a PDF made from an earlier bundle is removed."""
    out = ledger.root
    folders: dict[str, list[str]] = defaultdict(list)
    for file in listed_letters(out, ledger):
        folders[str(PurePosixPath(file).parent)].append(file)
    bundles = []
    chosen = bundle_files(letters)
    with progress.phase("bundles", len(chosen)) as step:
        for name in chosen:
            target = inside(out, name)
            combine([inside(out, f) for f in folders[name.removesuffix(".docx")]], target,
                    ledger.write)
            ledger.drop_stale_pdf(name)
            bundles.append(target)
            step(1)
    return bundles


def zip_letters(ledger: Ledger) -> tuple[Path, Path | None, list[Problem]]:
    """OUT/letters.zip with every letter of the manifest, the bundles, the up-to-date PDFs and
    the manifest, each only as perbup wrote it; and OUT/signed.zip (see zip_signed). Returns
    both (the second None when there is nothing signed) and the warnings met."""
    out = ledger.root
    listed = listed_letters(out, ledger)
    folders = dict.fromkeys(str(PurePosixPath(f).parent) for f in listed)
    members = [(f, inside(out, f)) for f in listed]
    members += [(f"{folder}.docx", inside(out, f"{folder}.docx")) for folder in folders
                if ledger.owns(f"{folder}.docx")]
    members += [(str(PurePosixPath(name).with_suffix(".pdf")), path.with_suffix(".pdf"))
                for name, path in members if ledger.pdf_current(name)]
    members.append(("letters/manifest.csv", out / "letters" / "manifest.csv"))
    target = out / LETTERS_ZIP
    # only unsigned files: perbup's own, as it wrote them (a signed copy is never its own)
    write_zip(target, [(n, p) for n, p in members if not is_signed(p)], ledger.write)
    signed, warnings = zip_signed(ledger)
    return target, signed, warnings


def zip_signed(ledger: Ledger) -> tuple[Path | None, list[Problem]]:
    """OUTPUT/signed.zip holding every signed PDF of OUTPUT/signed/, byte for byte as it is
    (stored, not compressed), apart from the unsigned files; None when the folder has none. A
    file there without a signature is left out, with a warning."""
    folder = ledger.root / SIGNED_FOLDER
    found = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) \
        if folder.is_dir() and not folder.is_symlink() else []
    members, warnings = [], []
    for path in found:
        name = path.relative_to(ledger.root).as_posix()
        if is_signed(path):
            members.append((name, path))
        else:
            warnings.append(Problem(str(path), None, "warning", "this file in signed/ carries no "
                                    "digital signature, so it is not in signed.zip",
                                    "put only the signed PDFs the signing application returned "
                                    "in signed/"))
    if not members:
        return None, warnings
    target = ledger.root / SIGNED_ZIP
    write_zip(target, members, ledger.write)
    return target, warnings
