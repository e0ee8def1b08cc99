"""Coats of arms: the images perbup.yaml names for the templates' named stand-in pictures
(docx/pictures.py fits and swaps them), checked when the workspace is loaded."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from perbup.base.problems import Problem
from perbup.docx.pictures import MAX_PIXELS
from perbup.load.yamlfile import line_of

#: The picture names the bundled templates use, and the `kabupaten` setting that supplies each.
SETTINGS = {"lambang_daerah": "lambang", "lambang_garuda": "garuda"}


def check_images(images: Mapping[str, str], root: Path, raw: object, display: str) -> list[Problem]:
    """Errors for images perbup.yaml names (`images`: setting -> file) that are missing or
    unreadable, at their lines."""
    problems = []
    for setting, value in images.items():
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
