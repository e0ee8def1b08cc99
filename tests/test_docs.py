"""Meta-tests on the product: the README's commands are the ones CI runs; every command is documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from perbup.cli import cli
from tests.helpers import run

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _sh_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, re.DOTALL)]


def test_readme_has_the_two_setup_commands_and_ci_runs_the_test_one() -> None:
    setup = README.split("## Set up and run", 1)[1].split("\n## ", 1)[0]
    main_job, tests = _sh_blocks(setup)[:2]
    assert main_job.startswith("python3 -m venv .venv && ") and "perbup" in main_job
    assert tests.endswith("python -m pytest -q")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_every_command_has_help_and_is_in_the_readme() -> None:
    for name in cli.commands:
        result = run(name, "--help")
        assert result.code == 0, name
        assert "Example:" in result.stdout, name
        assert f"perbup {name}" in README, name


def test_version() -> None:
    result = run("--version")
    assert result.code == 0
    assert result.stdout.startswith("perbup, version ")


def test_wheel_carries_the_default_templates_and_the_seed_workspace(tmp_path: Path) -> None:
    import os
    import zipfile

    from hatchling.build import build_wheel

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        name = build_wheel(str(tmp_path))
    finally:
        os.chdir(here)
    with zipfile.ZipFile(tmp_path / name) as wheel:
        names = set(wheel.namelist())
    assert {"perbup/_bundled/templates/surat_desa.docx", "perbup/_bundled/seeds/perbup.yaml",
            "perbup/_bundled/seeds/data/aparat.csv", "perbup/_bundled/seeds/data/desa.csv",
            "perbup/cli/__init__.py", "perbup/load/rules.yaml", "perbup/store/migrations/env.py",
            "perbup/store/migrations/versions/0001_register.py"} <= names


def _script(name: str) -> Any:
    """A script of scripts/ as a module, to compare a generated page with what it would write."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == _script("make_cli_docs").render(), (
        "docs/cli.md is stale: run python scripts/make_cli_docs.py")


def test_rules_reference_is_current() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == _script("make_rules_docs").render(), (
        "docs/rules.md is stale: run python scripts/make_rules_docs.py")
