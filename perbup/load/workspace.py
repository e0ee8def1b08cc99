"""A workspace: a folder with `perbup.yaml` and its data files; finding it and naming its files."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from perbup.base.errors import TemplateError, UsageError
from perbup.base.paths import BUNDLED_WORKSPACE, display_path, seeds_dir, templates_dir
from perbup.base.problems import Problem
from perbup.docx.package import Properties
from perbup.docx.render import PreparedTemplate
from perbup.load.config import CONFIG_NAME, Config, load_config
from perbup.load.rules import Rules, bundled_rules
from perbup.load.unfilled import Unfilled, warnings
from perbup.store.engine import Notice, Store, announce, locate, open_store


@dataclass(frozen=True)
class Workspace:
    """A loaded workspace: its folder, settings, and the warnings the settings raised."""

    root: Path
    config: Config
    warnings: tuple[Problem, ...]
    unfilled: tuple[Unfilled, ...] = ()  # the settings still to fill in (perbup/load/unfilled.py)
    lines: Mapping[str, int] = field(default_factory=dict)  # each setting's line in perbup.yaml
    # The law it runs under: the bundled table; a test swaps in a copy with a row added.
    rules: Rules = field(default_factory=bundled_rules)
    # What this run read of its templates, read once: each file's bytes, each prepared template.
    _read: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def path(self, relative: str) -> Path:
        return self.root / relative

    def template(self, name: str) -> Path:
        """A template the drafters edited in the workspace, else the bundled default."""
        own = self.root / "templates" / name
        return own if own.is_file() else templates_dir() / name

    def template_bytes(self, name: str) -> bytes:
        """Template `name` as this run read it (once: every later use gets the same bytes);
        TemplateError when it cannot be read."""
        key = ("bytes", name)
        if key not in self._read:
            try:
                self._read[key] = self.template(name).read_bytes()
            except OSError as exc:
                raise TemplateError(name, f"cannot read the template: {exc.strerror}") from None
        data = self._read[key]
        assert isinstance(data, bytes)
        return data

    def prepared(self, name: str, properties: Properties | None = None,
                 today: dt.date | None = None) -> PreparedTemplate:
        """Template `name` read, compiled and with its pictures in place, once for the run; every
        document's file properties say `properties` (default: the regency, on the documents'
        date). Check it against a kind's variables before rendering (PreparedTemplate.check)."""
        properties = properties or self.properties(today)
        key = ("prepared", name, properties)
        if key not in self._read:
            self._read[key] = PreparedTemplate.load(self.template(name), name=name,
                                                    data=self.template_bytes(name),
                                                    replace=self.pictures(name),
                                                    properties=properties)
        template = self._read[key]
        assert isinstance(template, PreparedTemplate)
        return template

    def pictures(self, name: str) -> Mapping[str, bytes]:
        """For template `name`: its stand-in pictures' bytes replaced by the configured images."""
        from perbup.docx.pictures import replacements
        from perbup.load.pictures import SETTINGS

        images = {picture: self.root / value for picture, setting in SETTINGS.items()
                  if (value := getattr(self.config.kabupaten, setting))}
        return replacements(self.template_bytes(name), images) if images else {}

    def reference_date(self, today: dt.date | None = None) -> dt.date:
        """The date the documents carry and whose law they apply: the letter date
        (surat.tanggal), else today."""
        return self.config.surat.tanggal or today or dt.date.today()

    def properties(self, today: dt.date | None = None) -> Properties:
        """What the file properties of its documents say: the regency wrote them, on the date
        the documents carry."""
        return Properties(self.config.kabupaten.nama, self.reference_date(today))

    @classmethod
    def load(cls, root: Path) -> Workspace:
        config_path = root / CONFIG_NAME
        config, unfilled, lines = load_config(config_path, display_path(config_path))
        return cls(root, config, tuple(warnings(unfilled)), tuple(unfilled), lines)


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
    notice(f"no {CONFIG_NAME} here; using the bundled Kupang seed workspace ({BUNDLED_WORKSPACE}, "
           "read-only): make a copy you can edit with: perbup init DIR")
    return Workspace.load(seeds_dir())


@contextlib.contextmanager
def workspace_store(workspace: Workspace, *, create: bool = True,
                    notice: Notice = announce) -> Iterator[Store | None]:
    """The workspace's database, open for the duration (see open_store)."""
    store = open_store(locate(workspace.root, workspace.config.database.url), create=create,
                       notice=notice)
    try:
        yield store
    finally:
        if store is not None:
            store.close()
