"""Where the bundled default templates and Kupang seed workspace are, installed or in a checkout,
and how messages name a file."""

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


#: How messages name the bundled seed workspace and templates. Their real place is inside the
#: installed package (often .venv/.../site-packages), which no one should edit: `perbup init DIR`
#: makes a copy that can be.
BUNDLED_WORKSPACE = "<bundled workspace>"
BUNDLED_TEMPLATES = "<bundled templates>"


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the current folder when inside it, and a bundled
    file by its place in the bundle (`<bundled workspace>/perbup.yaml`)."""
    resolved = path.resolve()
    for root, name in ((seeds_dir(), BUNDLED_WORKSPACE), (templates_dir(), BUNDLED_TEMPLATES)):
        if resolved.is_relative_to(root.resolve()):
            return f"{name}/{resolved.relative_to(root.resolve()).as_posix()}"
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def is_bundled(display: str) -> bool:
    """Whether a file shown as `display` is one of the bundled ones, which cannot be edited."""
    return display.startswith((f"{BUNDLED_WORKSPACE}/", f"{BUNDLED_TEMPLATES}/"))
