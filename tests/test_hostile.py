"""Hostile input: templates that reach for Python internals, broken files, arbitrary names."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.helpers import HEADER, aparat_rows, make_workspace, nik, run


def _template(ws: Path, text: str) -> None:
    (ws / "templates").mkdir(exist_ok=True)
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(ws / "templates" / "surat_desa.docx"))


@pytest.mark.parametrize(("text", "message"), [
    ("{{ tujuan.desa.__class__.__mro__ }}", "unsafe template code refused"),
    ("{{ ''.__class__ }}", "unsafe template code refused"),
    ("{% for i in range(10**9) %}x{% endfor %}{{ tujuan.desa }}", "Range too big"),
    ("{{ tujuan.__init__.__globals__ }}", "unsafe template code refused"),
    ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}{{ tujuan.desa }}",
     "unsafe template code refused: the template loops or calls more than 1,000,000 times"),
    ("{{ tujuan.desa * 10**8 }}", "unsafe template code refused: the template builds a text of more "
     "than 1,000,000 characters"),
    ("{{ 2 ** 999999 }}{{ tujuan.desa }}", "unsafe template code refused: the template raises a number "
     "to the power"),
])
def test_template_reaching_for_internals_is_refused(ws: Path, tmp_path: Path, text: str,
                                                    message: str) -> None:
    make_workspace(ws)
    _template(ws, text)
    result = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert result.stderr.startswith("surat_desa.docx: error: ")
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_template_that_is_not_a_docx_or_a_zip_bomb_is_refused(ws: Path, tmp_path: Path) -> None:
    make_workspace(ws)
    (ws / "templates").mkdir()
    (ws / "templates" / "surat_desa.docx").write_text("not a word file", encoding="utf-8")
    result = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert result.stderr.startswith("surat_desa.docx: error: ")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (300 * 1024 * 1024) + b"/>")
    (ws / "templates" / "surat_desa.docx").write_bytes(bomb.getvalue())
    result = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert result.stderr.startswith("surat_desa.docx: error: ")
    assert not (tmp_path / "out").exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=40))
@example(name="0\xad")
def test_any_name_ends_as_a_problem_or_a_letter_that_opens(tmp_path: Path, name: str) -> None:
    ws = tmp_path / "ws"
    quoted = '"' + name.replace('"', '""') + '"'
    make_workspace(ws, HEADER + aparat_rows() + f"53.01.04.2003,{quoted},{nik(serial=9)},Kadus 2,,,,,\n")
    out = tmp_path / "out"
    result = run("letters", "-w", ws, "-o", out, "-q", "--force")
    assert result.code in (0, 1), result.stderr
    if result.code == 1:
        assert ": error: " in result.stderr
        return
    (letter,) = out.rglob("*.docx")
    text = "\n".join(c.text for t in docx.Document(str(letter)).tables for r in t.rows for c in r.cells)
    # invisible format characters (U+200B, U+00AD…) are dropped by the reader
    visible = "".join(c for c in name if unicodedata.category(c) != "Cf")
    assert " ".join(visible.split()) in text


def test_decree_text_cannot_build_huge_values_either(tmp_path: Path) -> None:
    import shutil

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    ws = tmp_path / "ws"
    shutil.copytree(seeds, ws)
    content = ws / "content" / "perbup.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("bahwa setiap orang", 'bahwa {{ "x" * 10**9 }} setiap orang', 1),
                       encoding="utf-8")
    result = run("decree", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert (f"{content}:15: error: template error: unsafe template code refused: the template "
            "builds a text of more than 1,000,000 characters in {{ \"x\" * 10**9 }}") in result.lines
    assert not (tmp_path / "out").exists()
