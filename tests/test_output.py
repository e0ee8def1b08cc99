"""Output safety: file names from data, staying inside the output folder, atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perbup.errors import OutputError
from perbup.output import TEMP_PREFIX, inside, remove_stale_temporaries, safe_name, write_atomic


@pytest.mark.parametrize(("text", "expected"), [
    ("Kupang Tengah", "Kupang-Tengah"),
    ("Oh'aem II", "Oh-aem-II"),
    ("../../etc/passwd", "etc-passwd"),
    ("a/b\\c", "a-b-c"),
    ("..", "x"),
    ("CON", "x-CON"),
    ("com1.txt", "x-com1.txt"),
    ("Désa Lélé", "Desa-Lele"),
    ("", "x"),
])
def test_safe_names(text: str, expected: str) -> None:
    assert safe_name(text) == expected


@given(st.text())
def test_any_text_gives_a_plain_file_name(text: str) -> None:
    name = safe_name(text)
    assert name and "/" not in name and "\\" not in name and ".." not in name
    assert not name.startswith(".")
    assert len(name) <= 90


def test_output_never_escapes_its_folder(tmp_path: Path) -> None:
    assert inside(tmp_path, "letters/a.docx") == (tmp_path / "letters" / "a.docx").resolve()
    with pytest.raises(OutputError, match="outside the output folder"):
        inside(tmp_path, "../evil.docx")


def test_atomic_write_replaces_whole_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "f.docx"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["f.docx"]
    (target.parent / f"{TEMP_PREFIX}abc").write_bytes(b"half")
    assert remove_stale_temporaries(tmp_path) == 1
    assert [p.name for p in target.parent.iterdir()] == ["f.docx"]


@pytest.mark.parametrize("step", ["open", "write", "fsync", "chmod", "replace"])
def test_ctrl_c_at_any_step_of_a_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    target = tmp_path / "f.docx"
    write_atomic(target, b"old")
    real_open = os.open

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    def open_then_interrupt(file: Path, flags: int, mode: int = 0o777) -> int:
        os.close(real_open(file, flags, mode))  # the file exists, as when Ctrl-C lands after open()
        raise KeyboardInterrupt

    if step == "open":
        monkeypatch.setattr("os.open", open_then_interrupt)
    else:
        monkeypatch.setattr(f"os.{step}", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.docx"]
