"""A workspace: a folder with `perbup.yaml` and its data files; finding it and naming its files."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from perbup.config import CONFIG_NAME, Config, load_config
from perbup.docxzip import Properties
from perbup.errors import UsageError
from perbup.problems import Problem
from perbup.resources import seeds_dir, templates_dir


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Workspace:
    """A loaded workspace: its folder, settings, and the warnings the settings raised."""

    root: Path
    config: Config
    warnings: tuple[Problem, ...]

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def path(self, relative: str) -> Path:
        return self.root / relative

    def template(self, name: str) -> Path:
        """A template the drafters edited in the workspace, else the bundled default."""
        own = self.root / "templates" / name
        return own if own.is_file() else templates_dir() / name

    def pictures(self, name: str) -> Mapping[str, bytes]:
        """For template `name`: its stand-in pictures' bytes replaced by the configured images."""
        from perbup.pictures import replacements

        return replacements(self.template(name), self.config, self.root)

    def properties(self, today: dt.date | None = None) -> Properties:
        """What the file properties of its documents say: the regency wrote them, on the date
        the documents carry (surat.tanggal, else today)."""
        return Properties(self.config.kabupaten.nama,
                          self.config.surat.tanggal or today or dt.date.today())

    @classmethod
    def load(cls, root: Path) -> Workspace:
        config_path = root / CONFIG_NAME
        config, warnings = load_config(config_path, display_path(config_path))
        return cls(root, config, tuple(warnings))


def find_workspace(option: Path | None, notice: Callable[[str], None]) -> Workspace:
    """The workspace `-w` names, else the current folder if it has one, else the bundled seeds."""
    if option is not None:
        if not (option / CONFIG_NAME).is_file():
            raise UsageError(f"{option} is not a perbup workspace (it has no {CONFIG_NAME}); "
                             f"create one with: perbup init {option}")
        return Workspace.load(option)
    here = Path(os.getcwd())
    if (here / CONFIG_NAME).is_file():
        return Workspace.load(here)
    notice(f"no {CONFIG_NAME} here; using the bundled Kupang seed workspace ({seeds_dir()})")
    return Workspace.load(seeds_dir())
