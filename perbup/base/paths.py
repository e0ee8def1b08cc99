"""Where the bundled default templates and Kupang seed workspace are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    # A wheel carries them in perbup/_bundled/ (see pyproject.toml); a source checkout or an
    # editable install has them at the top of the repository.
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def seeds_dir() -> Path:
    """The bundled Kabupaten Kupang workspace."""
    return _bundled("seeds")


def templates_dir() -> Path:
    """The default Word templates."""
    return _bundled("templates")
