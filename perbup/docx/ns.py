"""The XML namespaces of a Word package, and the one parser perbup reads package parts with.

Each namespace is its URI; `clark(W)` gives the `{uri}` prefix lxml writes tags with
(`clark(W) + "p"` is a paragraph), and `NS` maps the usual prefixes for XPath (`w:p`).
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

NS = {"w": W, "wp": WP, "a": A, "r": R}
#: The prefixes of docProps/core.xml. An element perbup adds there names its prefix: left to
#: lxml, a namespace the part does not declare would get whatever prefix the process registered
#: (openpyxl registers "dcterms" when it is imported; without it lxml writes "ns0"), so the same
#: document would differ in bytes from one process to the next.
CORE_PREFIXES = {"cp": CORE, "dc": DC, "dcterms": DCTERMS, "xsi": XSI}

#: Parts are read without entities or network access (a template is untrusted input), keeping
#: no id table (collect_ids) since perbup never looks elements up by xml:id.
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, collect_ids=False)


def clark(namespace: str) -> str:
    """`{uri}`: the prefix of a tag in `namespace` as lxml writes it."""
    return f"{{{namespace}}}"
