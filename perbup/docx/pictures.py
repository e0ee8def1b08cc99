"""Named pictures of a Word package: where each is, and its bytes swapped for another image.

A template marks where an image goes with a picture whose drawing is named (Word: Selection
Pane), e.g. `lambang_daerah` in the letter's kop, `lambang_garuda` above the decree's title, or
`grafik_cakupan` in the report. perbup fits the image to the stand-in's shape (transparent
margins, never stretched) and swaps the bytes once per template, so rendering costs nothing more.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from PIL import Image

from perbup.docx.ns import PACKAGE_RELS, SAFE_XML, WP, A, R, clark

MAX_PIXELS = 40_000_000  # a coat of arms needs far less; more is a decompression bomb
EMU_PER_CM = 360_000
_WP, _A, _R, _REL = clark(WP), clark(A), clark(R), clark(PACKAGE_RELS) + "Relationship"


@dataclass(frozen=True)
class Picture:
    """A named picture: its media member in the package and its size on the page (EMU)."""

    member: str
    width: int
    height: int

    @property
    def shape(self) -> float:
        """width / height"""
        return self.width / (self.height or 1)


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def named_pictures(archive: zipfile.ZipFile) -> dict[str, Picture]:
    """Each named picture of the body, headers and footers (the first of a name wins)."""
    found: dict[str, Picture] = {}
    names = set(archive.namelist())
    parts = [n for n in names if n.startswith("word/") and n.endswith(".xml")
             and posixpath.basename(n).startswith(("document", "header", "footer"))]
    for part in sorted(parts):
        if _rels_path(part) not in names:
            continue
        rels = etree.fromstring(archive.read(_rels_path(part)), SAFE_XML)
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_REL)}
        for doc_pr in etree.fromstring(archive.read(part), SAFE_XML).iter(f"{_WP}docPr"):
            drawing = doc_pr.getparent()
            extent, blip = drawing.find(f"{_WP}extent"), drawing.find(f".//{_A}blip")
            target = targets.get(blip.get(f"{_R}embed")) if blip is not None else None
            if not target or extent is None:
                continue
            member = posixpath.normpath(posixpath.join(posixpath.dirname(part), target)).lstrip("/")
            found.setdefault(doc_pr.get("name", ""), Picture(member, int(extent.get("cx", "0")),
                                                             int(extent.get("cy", "0"))))
    return found


def fitted_png(path: Path, shape: float) -> bytes:
    """The image as a PNG with the stand-in's shape: centred on a transparent canvas."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with Image.open(path) as source:
        image = source.convert("RGBA")
    width, height = image.size
    canvas_size = (max(width, round(height * shape)), max(height, round(width / shape)))
    canvas = Image.new("RGBA", canvas_size, (255, 255, 255, 0))
    canvas.paste(image, ((canvas_size[0] - width) // 2, (canvas_size[1] - height) // 2))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


def replacements(template: bytes, images: Mapping[str, Path]) -> Mapping[str, bytes]:
    """The media members of the .docx `template` to replace, and their new bytes: for each
    picture name in `images`, that image fitted to the picture of that name, where it is a PNG."""
    if not images:
        return {}
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        members = named_pictures(archive)
    return {members[name].member: fitted_png(path, members[name].shape)
            for name, path in images.items() if name in members
            and members[name].member.lower().endswith(".png")}
