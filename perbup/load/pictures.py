"""Coats of arms: the images perbup.yaml names, fitted into the templates' named stand-in pictures.

A template marks where an image goes with a picture whose drawing is named (Word: Selection
Pane), e.g. `lambang_daerah` in the letter's kop or `lambang_garuda` above the decree's title.
The bureau supplies the images; perbup fits each to the stand-in's shape (transparent margins,
never stretched) and swaps the bytes once per template, so rendering costs nothing more.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Mapping
from pathlib import Path

from lxml import etree
from PIL import Image, UnidentifiedImageError

from perbup.base.problems import Problem
from perbup.load.config import Config
from perbup.load.yamlfile import line_of

_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
MAX_PIXELS = 40_000_000  # a coat of arms needs far less; more is a decompression bomb

#: The picture names the bundled templates use, and the setting that supplies each image.
SETTINGS = {"lambang_daerah": "lambang", "lambang_garuda": "garuda"}


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def picture_members(archive: zipfile.ZipFile) -> dict[str, tuple[str, float]]:
    """Each named picture of the document, headers and footers: its media member and its shape
    (width / height)."""
    found: dict[str, tuple[str, float]] = {}
    names = set(archive.namelist())
    parts = [n for n in names if n.startswith("word/") and n.endswith(".xml")
             and posixpath.basename(n).startswith(("document", "header", "footer"))]
    for part in sorted(parts):
        if _rels_path(part) not in names:
            continue
        rels = etree.fromstring(archive.read(_rels_path(part)), _PARSER)
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_REL)}
        for doc_pr in etree.fromstring(archive.read(part), _PARSER).iter(f"{_WP}docPr"):
            drawing = doc_pr.getparent()
            extent, blip = drawing.find(f"{_WP}extent"), drawing.find(f".//{_A}blip")
            target = targets.get(blip.get(f"{_R}embed")) if blip is not None else None
            if not target or extent is None:
                continue
            member = posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
            height = int(extent.get("cy", "0")) or 1
            found.setdefault(doc_pr.get("name", ""), (member, int(extent.get("cx", "0")) / height))
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


def check_images(config: Config, root: Path, raw: object, display: str) -> list[Problem]:
    """Errors for images perbup.yaml names that are missing or unreadable, at their lines."""
    problems = []
    for setting in SETTINGS.values():
        value = getattr(config.kabupaten, setting)
        if not value:
            continue
        row = line_of(raw, ("kabupaten", setting))
        try:
            Image.MAX_IMAGE_PIXELS = MAX_PIXELS
            with Image.open(root / value) as image:
                image.verify()
        except FileNotFoundError:
            problems.append(Problem(display, row, "error", f"'kabupaten.{setting}': there is no file "
                                    f"{value} in the workspace", "put the image there or fix the path"))
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
            problems.append(Problem(display, row, "error", f"'kabupaten.{setting}': {value} is not an "
                                    f"image perbup can read ({exc})", "save it as PNG or JPEG"))
    return problems


def replacements(template: Path, config: Config, root: Path) -> Mapping[str, bytes]:
    """The media members of `template` to replace, and their new bytes, from perbup.yaml."""
    wanted = {name: getattr(config.kabupaten, setting) for name, setting in SETTINGS.items()}
    if not any(wanted.values()):
        return {}
    with zipfile.ZipFile(template) as archive:
        members = picture_members(archive)
    return {members[name][0]: fitted_png(root / value, members[name][1])
            for name, value in wanted.items() if value and name in members
            and members[name][0].lower().endswith(".png")}
