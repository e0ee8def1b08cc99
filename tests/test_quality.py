"""The code itself: ruff's rules (pyproject.toml), mypy and the layers contract pass on the whole package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False)


def test_ruff() -> None:
    result = _run("ruff", "check", "perbup", "tests", "scripts", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = _run("mypy", "perbup")
    assert result.returncode == 0, result.stdout + result.stderr


_LINT_IMPORTS = ("from importlinter.cli import lint_imports; "
                 "raise SystemExit(lint_imports(no_cache=True, no_logo=True))")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _LINT_IMPORTS], cwd=root, capture_output=True,
                          text=True, check=False, env={**os.environ, "PYTHONPATH": str(root)})


def test_each_stage_imports_only_the_stages_below_it() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_an_upward_import_or_a_cycle_breaks_the_contracts(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "perbup", tmp_path / "perbup", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / "perbup" / "docx" / "layout.py").open("a", encoding="utf-8") as handle:
        handle.write("\nfrom perbup.load import workspace  # noqa\n")
    with (tmp_path / "perbup" / "base" / "formats.py").open("a", encoding="utf-8") as handle:
        handle.write("\nfrom perbup.base import errors  # noqa\n")  # errors -> problems; no cycle
    with (tmp_path / "perbup" / "base" / "problems.py").open("a", encoding="utf-8") as handle:
        handle.write("\nfrom perbup.base import errors  # noqa\n")  # errors -> problems -> errors
    with (tmp_path / "perbup" / "documents" / "bundle.py").open("a", encoding="utf-8") as handle:
        handle.write("\nfrom perbup.docx.office import make_pdfs  # noqa\n")  # a PDF of its own
    result = _lint_imports(tmp_path)
    assert result.returncode == 1
    assert "Contracts: 0 kept, 4 broken." in result.stdout
    assert "perbup.docx is not allowed to import perbup.load:" in result.stdout
    assert "perbup.documents is not allowed to import perbup.docx.office:" in result.stdout
    assert "No cycles are allowed in perbup.base." in result.stdout
