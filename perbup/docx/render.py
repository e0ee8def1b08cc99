"""Renders Word templates fast: prepare a template once, then render only the changing parts per document."""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TypeAlias

import jinja2
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml  # the parser python-docx (so docxtpl) reads parts with
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from perbup.base.errors import TemplateError
from perbup.base.zips import ZipWriter
from perbup.docx.ns import DC, W, clark
from perbup.docx.ns import NS as _NS
from perbup.docx.package import (
    COMPRESS_LEVEL,
    CORE_KEPT,
    SAFE_XML,
    Package,
    Properties,
    clean_app,
    clean_core,
    deflated_entry,
    main_part,
    open_docx,
    raw_entry,
)
from perbup.docx.sandbox import explain, loop_budget, required_variables, sandbox, tag_at

# What python-docx writes in front of the XML parts it saves, so docxtpl's output has it too.
_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_W = W
_DC = clark(DC)
# The string properties docxtpl's render_properties renders (python-docx name -> element); its
# "author" is not among them: every document's author is the regency (docxzip.Properties).
_PROPERTIES = {"comments": _DC + "description", "identifier": _DC + "identifier",
               "language": _DC + "language", "subject": _DC + "subject", "title": _DC + "title"}

_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
# Inside a tag the XML escapes of what the drafter typed are Jinja source, not text: `&amp;` in
# `{{ "A & B" }}` must reach Jinja as `&` (docxtpl itself unescapes only &lt; and &gt;). Values
# stay autoescaped, so the literal is escaped once on the way out and prints as typed.
_TAG_INSIDE = re.compile(r"(?<=\{[{%])(.*?)(?=[}%]\})")  # as docxtpl finds tags
_TAG_ENTITIES = re.compile(r"&(amp|quot|apos|lt|gt|#[0-9]+|#x[0-9a-fA-F]+);")
_NAMED = {"amp": "&", "quot": '"', "apos": "'", "lt": "<", "gt": ">"}


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _NAMED:
        return _NAMED[name]
    return chr(int(name[2:], 16) if name[1] in "xX" else int(name[1:]))


def _patched(helper: DocxTemplate, xml: str) -> str:
    """docxtpl's cleaning of a part's XML into Jinja source, with each tag's text unescaped."""
    return _TAG_INSIDE.sub(lambda m: _TAG_ENTITIES.sub(_entity, m.group(1)), helper.patch_xml(xml))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# docxtpl's fix_tables leaves a table alone when every row in it (nested ones too) has no more
# <w:tc> than grid columns and fills the grid exactly, a cell counting as its first gridSpan or 1
_SPAN_SUM = "count(w:tc[not(w:tcPr[1]/w:gridSpan[1])]) + sum(w:tc/w:tcPr[1]/w:gridSpan[1]/@w:val)"
_CELLS = etree.XPath("count(w:tc)", namespaces=_NS)
_SPAN_CELLS = etree.XPath(_SPAN_SUM, namespaces=_NS)
_HAS_SPANS = etree.XPath("boolean(.//w:gridSpan)", namespaces=_NS)
_ODD_PLAIN = etree.XPath("not(.//w:tr) or boolean(.//w:tr[count(w:tc) != $cols])",
                         namespaces=_NS)  # twice as fast, for tables without gridSpan
_ODD_SPANNED = etree.XPath("not(.//w:tr) or boolean(.//w:tr[count(w:tc) > $cols or "
                           f"{_SPAN_SUM} != $cols])", namespaces=_NS)

_Part: TypeAlias = "_XmlPart | _CoreProperties"  # a zip member rendered per document


class _Member(NamedTuple):
    """A zip member in template order; `local` and `central` are ready to copy unless `part`."""

    name: bytes
    part: _Part | None
    local: bytes = b""  # local header, name and compressed data
    central: bytes = b""  # central directory record up to its offset


class PreparedTemplate:
    """A .docx template read and compiled once; `render` turns a context into a finished .docx.

    Safe to share between threads. Not picklable (compiled Jinja code): with several processes,
    load it once in each worker.
    """

    def __init__(self, name: str, members: list[_Member], variables: frozenset[str]) -> None:
        self.name = name
        self.variables = variables
        self._members = members

    @classmethod
    def load(cls, path: Path, *, name: str | None = None,
             filters: Mapping[str, Callable[..., Any]] | None = None,
             replace: Mapping[str, bytes] | None = None,
             properties: Properties | None = None, data: bytes | None = None) -> PreparedTemplate:
        """Read and compile `path`; `filters` are extra Jinja filters (e.g. a date formatter);
        `replace` gives new bytes for unrendered members (e.g. a picture), compressed once here;
        `properties` is what every document's file properties say (author, date), whatever the
        template's say. Only the parts a document needs are kept (see Package.needed). `data` is
        the file's bytes when the caller has read them already."""
        name = name or Path(path).name
        try:
            data = Path(path).read_bytes() if data is None else data
        except OSError as exc:
            raise TemplateError(name, f"cannot read the template: {exc.strerror}") from None
        archive = open_docx(name, data)
        package = Package(archive)
        try:
            kept, changed = package.needed()
            changed |= replace or {}
            parts = _prepare_parts(name, str(path), package, filters,
                                   properties or Properties(), changed)
        except (etree.XMLSyntaxError, UnicodeDecodeError) as exc:
            raise TemplateError(name, f"the file is damaged: {exc}") from None
        variables = frozenset().union(*(p.variables for p in parts.values()))
        return cls(name, _members(name, data, archive, parts, changed, kept), variables)

    def render(self, context: Mapping[str, Any]) -> bytes:
        """Return the finished .docx; the same context always gives the same bytes.

        String values come out verbatim (autoescaped), except that, as in docxtpl, a tab,
        newline, "\\a" or "\\f" inside text becomes a tab, line break, new paragraph or page
        break, and docxtpl's escapes "{_{", "}_}", "{_%", "%_}" in the template become "{{",
        "}}", "{%", "%}" (in the data they stay as they are: docxtpl would change them there too).
        Values marked safe (markupsafe.Markup, docxtpl's RichText) go in as XML, as in docxtpl.
        Any other character XML cannot hold (other C0 controls, U+FFFE, U+FFFF, lone surrogates)
        raises TemplateError naming the part: nothing is stripped and no corrupt file is written.
        """
        writer = ZipWriter()
        for m in self._members:
            if m.part is None:
                writer.copy(m.name, m.local, m.central)
            else:
                writer.add(m.name, m.part.render(context), COMPRESS_LEVEL)
        return writer.finish()


def _prepare_parts(name: str, path: str, package: Package,
                   filters: Mapping[str, Callable[..., Any]] | None, properties: Properties,
                   changed: dict[str, bytes]) -> dict[str, _Part]:
    """Compile every part docxtpl renders that holds Jinja, keyed by zip member name; the file
    properties without Jinja go into `changed`, made once here."""
    helper = DocxTemplate(path)  # only its patching methods are used; it reads nothing
    env = sandbox(autoescape=True, filters=filters)
    parts: dict[str, _Part] = {}

    def add(member: str, kind: str, label: str, source: str, head: bytes, tail: bytes) -> None:
        if "{" in source or "}" in source:  # no Jinja and no {_{ escapes: docxtpl changes nothing
            parts[member] = _XmlPart(name, label, kind, source, env, path, head, tail)

    main = main_part(name, package)
    root = parse_xml(package.read(main))
    body = root.find(f"{{{_W}}}body")
    if body is None:
        raise TemplateError(name, f"{main} has no document body; it is not a Word document")
    for table in body.iter(f"{{{_W}}}tbl"):
        if "{%tc" in "".join(table.itertext()):
            equal_grid(table)
    unwrap_smart_tags(body)
    source = _patched(helper, helper.xml_to_string(body))
    # the rendered <w:body> goes between the unchanging rest of document.xml, serialised once
    # here as python-docx would
    marker = etree.ProcessingInstruction("perbup-body")
    root.replace(body, marker)
    head, _, tail = etree.tostring(root, encoding="UTF-8", standalone=True).partition(
        etree.tostring(marker))
    add(main, "body", "body", source, head, tail)
    for rel_type, kind in ((RT.HEADER, "header"), (RT.FOOTER, "footer")):
        for target in package.targets(main, rel_type):
            part = parse_xml(package.read(target))
            unwrap_smart_tags(part)
            xml = helper.xml_to_string(part)
            add(target, kind, f"{kind} {target}", _patched(helper, xml), _DECLARATION, b"")
    for target in package.parts_of_type(CT.WML_FOOTNOTES):
        # docxtpl's render_footnotes patches the raw part, its XML declaration included
        xml = _patched(helper, package.read(target).decode())
        add(target, "footnotes", f"footnotes {target}", xml, b"", b"")
    for target in package.targets("", RT.CORE_PROPERTIES):
        tree = etree.fromstring(package.read(target), SAFE_XML)
        rendered = frozenset(tag for tag in _PROPERTIES.values()
                             if (e := tree.find(tag)) is not None and "{" in (e.text or ""))
        clean_core(tree, properties, CORE_KEPT | rendered)
        core = _CoreProperties(name, tree, sandbox(autoescape=False, filters=filters))
        if core.fields:
            parts[target] = core
        else:
            changed[target] = etree.tostring(tree, encoding="UTF-8", standalone=True)
    for target in package.targets("", RT.EXTENDED_PROPERTIES):
        changed[target] = clean_app(package.read(target), properties)
    return parts


def unwrap_smart_tags(root: etree._Element) -> None:
    """Put the runs of each smart tag Word wrapped around a word (a place, a name) in its place.
    A smart tag carries no formatting, and one that holds the end of a Jinja tag but not its
    start would be cut in half when docxtpl joins the tag's runs, leaving broken XML."""
    for tag in list(root.iter(f"{{{_W}}}smartTag")):
        parent = tag.getparent()
        if parent is None:
            continue
        at = parent.index(tag)  # no text between elements: parse_xml drops blank text
        parent[at:at + 1] = [c for c in tag if c.tag != f"{{{_W}}}smartTagPr"]


class _XmlPart:
    """A body, header, footer or footnotes part, patched by docxtpl and compiled once."""

    def __init__(self, name: str, label: str, kind: str, source: str,
                 env: ImmutableSandboxedEnvironment, path: str, head: bytes, tail: bytes) -> None:
        self.name, self.label, self.kind, self.path = name, label, kind, path
        self.head, self.tail = head, tail
        self.docxtpl = DocxTemplate(path)
        # docxtpl's render_xml_part puts each paragraph on its own line before compiling, so
        # Jinja's line numbers (and our error messages) point at one paragraph
        self.source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        # docxtpl turns its escapes ({_{ and the like) into braces after rendering, which would
        # also change a name that happens to hold them; here they become literals at compile time.
        for escape, literal in _ESCAPES.items():
            self.source = self.source.replace(escape, f"{{{{ '{literal}' }}}}")
        self.template, self.variables = _compile(name, label, self.source, env)
        self.grids: dict[tuple[bytes, float, float], bytes] = {}  # see _fix_grid

    def render(self, context: Mapping[str, Any]) -> bytes:
        text = _run(self.name, self.label, self.source, self.template, context)
        # the rest of docxtpl's render_xml_part, as plain replaces (its regex costs ~1 ms a body)
        text = text.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        if "\t" in text or "\n" in text or "\a" in text or "\f" in text:
            # resolve_listing rewrites every run (~4 ms a body) and is a no-op without these
            text = self.docxtpl.resolve_listing(text)
        try:  # well-formed or refused: ~1 ms for a 50 KB body, half of a render
            data = text.encode()
            tree = etree.fromstring(data, SAFE_XML)
        except (UnicodeEncodeError, etree.XMLSyntaxError) as exc:
            raise self._broken(text, exc) from None
        if self.kind == "body":
            tables = _tables_to_fix(tree)
            if tables or "docPr" in text:
                data = self._fix_body(tree, tables)
        return self.head + data + self.tail

    def _fix_body(self, tree: etree._Element, tables: list[etree._Element]) -> bytes:
        # docxtpl's own fixes to the body, run only where they could change something (on a
        # whole body they cost ~4 ms): table grids, e.g. after a {%tc loop, and drawing ids
        helper = DocxTemplate(self.path)  # fresh: fix_docpr_ids counts on the instance
        helper.docx_ids_index = 1000  # where docxtpl's render_init starts it
        try:
            for table in tables:
                if table is tree:
                    tree = helper.fix_tables(etree.tostring(tree, encoding="unicode"))
                else:
                    self._fix_grid(helper, table)
        except Exception as exc:
            raise TemplateError(self.name, f"{self.label}: a table cannot be laid out "
                                f"({type(exc).__name__}: {exc})") from None
        helper.fix_docpr_ids(tree)
        return etree.tostring(tree, encoding="UTF-8", xml_declaration=False)

    def _fix_grid(self, helper: DocxTemplate, table: etree._Element) -> None:
        # fix_tables changes only a table's <w:tblGrid>, from that grid and the most cells
        # (plain and gridSpan-weighted) in a row; a batch repeats a few such shapes, so run it
        # once per shape on the table itself and reuse the grid it produced
        grid = table.find(f"{{{_W}}}tblGrid")
        rows = list(table.iter(f"{{{_W}}}tr"))
        shape = (b"" if grid is None else etree.tostring(grid),
                 max(map(_CELLS, rows), default=0), max(map(_SPAN_CELLS, rows), default=0))
        fixed = self.grids.get(shape)
        if fixed is None:
            result = helper.fix_tables(etree.tostring(table, encoding="unicode"))
            fixed = self.grids[shape] = etree.tostring(result.find(f"{{{_W}}}tblGrid"))
        table.replace(grid, etree.fromstring(fixed))  # bytes, so threads never share elements

    def _broken(self, text: str, exc: Exception) -> TemplateError:
        bad = _NOT_XML.search(text)
        if bad:
            return TemplateError(self.name, f"{self.label}: a value contains the character "
                                 f"U+{ord(bad.group()):04X}, which a Word file cannot hold; "
                                 "remove it from the data")
        return TemplateError(self.name, f"{self.label}: the rendered XML is broken ({exc}); a "
                             "{% if %} or {% for %} probably spans paragraphs: use {%p ... %}, "
                             "{%tr ... %} or {%tc ... %} tags alone in their paragraph")


class _CoreProperties:
    """docProps/core.xml when a property docxtpl renders (title, subject...) holds Jinja."""

    def __init__(self, name: str, tree: etree._Element, env: ImmutableSandboxedEnvironment,
                 ) -> None:
        self.name, self.tree = name, tree
        self.fields: list[tuple[str, str, str, jinja2.Template]] = []
        self.variables: set[str] = set()
        for prop, tag in _PROPERTIES.items():
            element = tree.find(tag)
            if element is not None and "{" in (element.text or ""):
                label = f"document property {prop}"
                template, used = _compile(name, label, element.text, env)
                self.fields.append((tag, label, element.text, template))
                self.variables |= used

    def render(self, context: Mapping[str, Any]) -> bytes:
        tree = copy.deepcopy(self.tree)
        for tag, label, source, template in self.fields:
            # plain text, not autoescaped: lxml escapes it once (docxtpl escapes it twice,
            # so a title "A & B" shows as "A &amp; B")
            try:
                tree.find(tag).text = _run(self.name, label, source, template, context)
            except ValueError:
                raise TemplateError(self.name, f"{label}: a value contains a character a Word "
                                    "file cannot hold; remove it from the data") from None
        return etree.tostring(tree, encoding="UTF-8", standalone=True)


def _compile(name: str, label: str, source: str, env: ImmutableSandboxedEnvironment,
             ) -> tuple[jinja2.Template, set[str]]:
    try:
        tree = env.parse(source)
        return env.from_string(tree), required_variables(tree)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(name, f"{label}: {exc.message}",
                            tag_at(source, exc.lineno, exc.message or "")) from None


def _run(name: str, label: str, source: str, template: jinja2.Template,
         context: Mapping[str, Any]) -> str:
    try:
        with loop_budget():
            return template.render(context)
    except Exception as exc:
        message, lineno, word = explain(exc)
        if isinstance(exc, jinja2.UndefinedError):
            message = f"{message}; check the spelling or add it to the data"
        raise TemplateError(name, f"{label}: {message}",
                            tag_at(source, lineno, message, word)) from None


# A column loop ({%tc for %}) makes more or fewer cells than the template's row; docxtpl then
# adds or drops grid columns at the END of the grid, so only a grid of equal columns keeps each
# column's width. A template's grid is whatever Word or LibreOffice saved (LibreOffice makes one
# column per cell edge), so a table with a column loop gets an equal grid of this many units,
# each cell spanning its share, before it is compiled.
_GRID_UNITS = 120

def equal_grid(table: etree._Element) -> None:
    """Rebuild `table`'s grid as equal columns, each old column becoming as many as its share of
    _GRID_UNITS, and every cell spanning the units its columns became."""
    w = f"{{{_W}}}"
    grid = table.find(f"{w}tblGrid")
    if grid is None:
        return
    columns = grid.findall(f"{w}gridCol")
    widths = [int(c.get(f"{w}w") or 0) for c in columns]
    total = sum(widths)
    if not columns or total <= 0:
        return
    units = [max(1, round(width * _GRID_UNITS / total)) for width in widths]
    for row in table.findall(f"{w}tr"):
        start = 0
        for cell in row.findall(f"{w}tc"):
            props = cell.find(f"{w}tcPr")
            span = props.find(f"{w}gridSpan") if props is not None else None
            wide = int(span.get(f"{w}val")) if span is not None else 1
            new = sum(units[start:start + wide])
            start += wide
            if span is None:
                if props is None:
                    props = etree.SubElement(cell, f"{w}tcPr")
                    cell.remove(props)
                    cell.insert(0, props)
                span = etree.SubElement(props, f"{w}gridSpan")
                # gridSpan follows tcW (and cnfStyle) in CT_TcPr's order
                after = [c for c in props if c.tag in (f"{w}cnfStyle", f"{w}tcW")]
                props.remove(span)
                props.insert(len(after), span)
            span.set(f"{w}val", str(new))
    unit = round(total / sum(units))
    for column in columns:
        grid.remove(column)
    for _ in range(sum(units)):
        etree.SubElement(grid, f"{w}gridCol").set(f"{w}w", str(unit))


def _tables_to_fix(body: etree._Element) -> list[etree._Element]:
    """The tables whose grid docxtpl's fix_tables would change (the body if unsure)."""
    if body.nsmap.get("w") != _W:
        return [body]
    tables = []
    for table in body.iter(f"{{{_W}}}tbl"):
        grid = table.find(f"{{{_W}}}tblGrid")
        odd = _ODD_SPANNED if _HAS_SPANS(table) else _ODD_PLAIN
        if grid is None or odd(table, cols=len(grid.findall(f"{{{_W}}}gridCol"))):
            tables.append(table)
    return tables


def _members(name: str, data: bytes, archive: zipfile.ZipFile, parts: dict[str, _Part],
             replace: Mapping[str, bytes], kept: set[str]) -> list[_Member]:
    members = []
    for info in archive.infolist():
        encoded = info.filename.encode()
        if info.filename not in kept:
            continue
        if info.filename in parts:
            members.append(_Member(encoded, parts[info.filename]))
        elif info.filename in replace:
            members.append(_Member(encoded, None, *deflated_entry(encoded, replace[info.filename])))
        else:
            members.append(_Member(encoded, None, *raw_entry(name, data, info)))
    return members
