"""The shipped templates survive a save in real LibreOffice (soffice --convert-to docx): they
still pass the template check and render the same text with the same column widths."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from perbup.base.paths import seeds_dir
from perbup.docx.render import PreparedTemplate
from perbup.load.workspace import Workspace
from perbup.pipeline.check import TEMPLATES, workspace_contexts
from perbup.pipeline.templates import check_template
from tests.test_letter_template import sample_context
from tests.test_office import office  # noqa: F401 - the fixture: LibreOffice, or fail in CI
from tests.test_templates import annex_widths, document_text

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "templates"


@pytest.fixture(scope="module")
def resaved(office: str, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    """Every shipped template opened and saved again as .docx by LibreOffice."""
    root = tmp_path_factory.mktemp("resaved")
    done = subprocess.run([office, f"-env:UserInstallation={(root / 'profile').as_uri()}",
                           "--headless", "--invisible", "--convert-to", "docx", "--outdir",
                           str(root / "docx"), *(str(SHIPPED / name) for name in sorted(TEMPLATES))],
                          capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (root / "docx").glob("*.docx")) == sorted(TEMPLATES)
    return root / "docx"


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_template_saved_by_libreoffice_still_passes_the_check(resaved: Path, name: str) -> None:
    assert [p.format() for p in check_template(resaved / name) if p.is_error] == []
    assert (PreparedTemplate.load(resaved / name).variables
            == PreparedTemplate.load(SHIPPED / name).variables)


def _contexts() -> dict[str, list[dict[str, Any]]]:
    return workspace_contexts(Workspace.load(seeds_dir()))


@pytest.mark.parametrize("name", ["perbup.docx", "instruksi.docx", "surat_edaran.docx", "laporan.docx",
                                  "surat_desa.docx"])
def test_a_template_saved_by_libreoffice_renders_the_same_text(resaved: Path, name: str) -> None:
    context = _contexts()[name][0]
    assert (document_text(PreparedTemplate.load(resaved / name).render(context))
            == document_text(PreparedTemplate.load(SHIPPED / name).render(context)))


@pytest.mark.parametrize("name", ["perbup.docx", "instruksi.docx", "surat_edaran.docx", "surat_desa.docx"])
def test_a_template_saved_by_libreoffice_keeps_the_electronic_signature(resaved: Path, name: str) -> None:
    context = _contexts()[name][0]
    context = {**context, "ttd": {**context["ttd"], "elektronik": True}}
    text = document_text(PreparedTemplate.load(resaved / name).render(context))
    assert text == document_text(PreparedTemplate.load(SHIPPED / name).render(context))
    assert "Balai Sertifikasi Elektronik" in text


@pytest.mark.parametrize("programmes", [1, 2, 4])
def test_the_letter_annex_keeps_its_column_widths_after_a_libreoffice_save(
        resaved: Path, programmes: int) -> None:
    context = sample_context()
    context["program"] = [{"kode": k, "nama": k, "tarif": "1%"} for k in ("JKK", "JKM", "JHT", "JP")
                          ][:programmes]
    for person in context["aparat"]:
        person["iuran"] = ["1"] * programmes
    for key in ("iuran", "pemberi_kerja", "pekerja"):
        context["total"][key] = ["1"] * programmes
    shipped = annex_widths(PreparedTemplate.load(SHIPPED / "surat_desa.docx").render(context))
    saved = annex_widths(PreparedTemplate.load(resaved / "surat_desa.docx").render(context))
    assert len(shipped) == len(saved) == 6 + programmes
    # each programme column as wide as the others, and every column as in the shipped file
    assert len({round(w, 3) for w in saved[4:4 + programmes]}) == 1
    assert all(abs(a - b) < 0.002 for a, b in zip(shipped, saved, strict=True)), (shipped, saved)
