"""Output safety: file names from data, staying inside the output folder, atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perbup.base import output
from perbup.base.errors import OutputError
from perbup.base.output import TEMP_PREFIX, Ledger, inside, remove_stale_temporaries, safe_name, write_atomic
from tests.helpers import allocated


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


def test_the_record_of_a_big_batch_holds_one_small_key_a_file(tmp_path: Path) -> None:
    # A national batch writes tens of thousands of letters, each noted in the output folder's
    # record: a key of path and checksum, and the path kept as the caller's string, not a dict
    # and a copy of the path each (which took 225-275 bytes a file).
    ledger = Ledger(tmp_path)
    files = [f"letters/53.01.04-Semau/53.01.04.{2001 + i}-Desa-{i}.docx" for i in range(1000)]
    digests = [f"{i:064x}" for i in range(1000)]
    noted = allocated(output, lambda: [ledger.note(f, d) for f, d in zip(files, digests, strict=True)])
    assert noted / len(files) < 160
    assert ledger.relative(files[0]) is files[0]
    (tmp_path / files[0]).parent.mkdir(parents=True)
    (tmp_path / files[0]).write_bytes(b"")
    ledger.note(files[0], output.sha256(b""))
    assert ledger.owns(files[0])
