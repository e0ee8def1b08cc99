"""The pipeline: `build` loads the data once and hands it to every document; each document
kind is declared once, beside the code that builds it."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from perbup.base.paths import seeds_dir, templates_dir
from perbup.documents.registry import kind, kinds
from perbup.load import dataset as dataset_module
from perbup.load.workspace import Workspace
from perbup.pipeline.build import build
from tests.helpers import make_workspace

_watching: list[Counter[str]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    # An audit hook stays for the life of the process: it counts only while a test watches.
    if _watching and event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        _watching[-1][os.fsdecode(args[0])] += 1


sys.addaudithook(_audit)


def test_build_reads_the_apparatus_list_each_template_and_the_content_once(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "content").mkdir()
    (ws / "content" / "perbup.yaml").write_bytes((seeds_dir() / "content" / "perbup.yaml").read_bytes())
    aparat = str(ws / "data" / "aparat.csv")
    reading: list[str] = []  # the apparatus list being read, while it is
    reads: Counter[str] = Counter()
    real = dataset_module.read_table

    def counted(path: Path, *args: Any, **kwargs: Any) -> Any:
        reads[Path(path).name] += 1
        reading.append(str(path))
        try:
            return real(path, *args, **kwargs)
        finally:
            reading.pop()

    monkeypatch.setattr(dataset_module, "read_table", counted)
    opened: Counter[str] = Counter()
    outside: Counter[str] = Counter()  # opens of the list outside its one read

    class Watch(Counter[str]):
        def __setitem__(self, key: str, value: int) -> None:
            if key == aparat and not reading:
                outside[key] += 1
            super().__setitem__(key, value)  # so the next open of it counts on from here
            opened[key] = value

    _watching.append(Watch())
    try:
        build(Workspace.load(ws), out=tmp_path / "out", jobs=1)
    finally:
        _watching.pop()
    assert reads == {"aparat.csv": 1}
    assert outside == {}
    templates = {Path(p).name: n for p, n in opened.items()
                 if Path(p).parent == templates_dir() and p.endswith(".docx")}
    assert templates == {k.template: 1 for k in kinds()}
    # the decree's content is read, linted and numbered once, by the check, and handed over
    assert opened[str(ws / "content" / "perbup.yaml")] == 1


def test_each_kind_is_declared_once_with_its_template_and_whether_it_may_be_published() -> None:
    found = {(k.name, k.template, k.publishable) for k in kinds()}
    assert found == {("perbup", "perbup.docx", True), ("instruksi", "instruksi.docx", True),
                     ("surat_edaran", "surat_edaran.docx", True),
                     ("surat_desa", "surat_desa.docx", False),
                     ("surat_pengingat", "surat_pengingat.docx", False),
                     ("laporan", "laporan.docx", False)}
    assert sorted(p.name for p in templates_dir().glob("*.docx")) == sorted(k.template for k in kinds())
    assert kind("surat_desa.docx") is kind("surat_desa")
