"""Tells a signed PDF from one perbup may replace: a signature dictionary anywhere in it."""

from __future__ import annotations

import contextlib
import io
import logging
from pathlib import Path
from typing import Any

from perbup.base.problems import Problem

# A signature's /ByteRange gives the file offsets its digest covers, so its dictionary is never
# inside a compressed object stream: a PDF whose bytes do not hold "/ByteRange" carries no
# signature, and the PDF parser is only asked about the few that do.
_MARK = b"/ByteRange"
_SIGNATURE_TYPES = ("/Sig", "/DocTimeStamp")

# What perbup says of a signed file it would otherwise replace, merge or bundle.
_MESSAGE = "this PDF carries a digital signature; perbup never rewrites, merges or bundles a signed file"
_HINT = ("move it into the output folder's signed/ folder (perbup zips that folder apart, "
         "unchanged, as signed.zip), then run the same command again")


def signed_refusal(path: Path) -> Problem:
    """The one problem for a signed file perbup would replace: it never does, --force or not."""
    return Problem(str(path), None, "error", _MESSAGE, _HINT)


def is_signed(path: Path) -> bool:
    """Whether the file at `path` is a PDF holding a signature (or a document time stamp).

    A PDF with a signature mark that the parser cannot read counts as signed: perbup would
    rather refuse a file than break a signature."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return signed_bytes(data)


def signed_bytes(data: bytes) -> bool:
    """`is_signed` for a PDF's bytes."""
    if data.lstrip()[:5] != b"%PDF-" or _MARK not in data:
        return False
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is our answer, not a log
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        root: Any = reader.trailer["/Root"].get_object()
        form = root.get("/AcroForm")
        fields = form.get_object().get("/Fields", []) if form is not None else []
        return any(_signed_field(f) for f in fields) or "/Perms" in root
    except (PdfReadError, KeyError, ValueError, TypeError, AttributeError, RecursionError):
        return True


def _signed_field(reference: Any, depth: int = 0) -> bool:
    """A signature field with a value, in a form field or any of its kids."""
    with contextlib.suppress(AttributeError):
        reference = reference.get_object()
    if depth > 32 or not hasattr(reference, "get"):
        return False
    value = reference.get("/V")
    with contextlib.suppress(AttributeError):
        value = value.get_object() if value is not None else None
    if reference.get("/FT") == "/Sig" and value is not None:
        return True
    if hasattr(value, "get") and value.get("/Type") in _SIGNATURE_TYPES:
        return True
    return any(_signed_field(kid, depth + 1) for kid in reference.get("/Kids", []))
