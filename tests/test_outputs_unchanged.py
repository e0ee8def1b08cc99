"""What perbup writes for the seeds and for an 852-desa regency is byte for byte what it wrote
when tests/golden/outputs.json was made (scripts/make_output_hashes.py says how they are built)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "outputs.json"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_output_hashes",
                                                  ROOT / "scripts" / "make_output_hashes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


@pytest.mark.parametrize("name", sorted(SCRIPT.CASES))
def test_every_file_written_is_byte_identical_to_the_golden_hashes(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    actual = SCRIPT.build(name, tmp_path)
    capsys.readouterr()  # the commands' own output
    changes = SCRIPT.differences(expected, actual)
    assert not changes, (
        f"the output for {name} is not what it was ({len(actual)} files):\n" + "\n".join(changes)
        + f"\nIf the change is deliberate, run {SCRIPT.COMMAND} and say in the commit why the "
        "files changed; otherwise it is a bug.")


def test_the_golden_file_lists_every_document_kind_of_both_workspaces() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert set(golden) == set(SCRIPT.CASES)
    seeds, large = golden["seeds"], golden["852-desa"]
    assert {"decree/perbup-draft.docx", "letters.zip", "letters/manifest.csv",
            "report/report.docx", "report/report.xlsx", "report/coverage.png"} <= set(seeds)
    assert sum(f.endswith(".docx") and f.count("/") == 2 for f in seeds) == 158  # letters
    assert sum(f.endswith(".docx") and f.count("/") == 1 and f.startswith("letters/")
               for f in seeds) == 24  # bundles
    # two desa are enrolled whole, so 850 letters; issued, so the report shows their weeks
    assert sum(f.endswith(".docx") and f.startswith("letters/") for f in large) == 850
    assert {"decree/perbup-draft.docx", "report/progress.png"} <= set(large)


def test_a_change_names_each_file_and_how_many_more() -> None:
    before = {f"letters/{i}.docx": "a" for i in range(25)} | {"gone.docx": "b"}
    after = {f"letters/{i}.docx": "c" for i in range(25)} | {"new.docx": "d"}
    assert SCRIPT.differences(before, after, shown=2) == [
        "  changed: letters/0.docx", "  changed: letters/1.docx", "  changed: … and 23 more",
        "  new: new.docx", "  missing: gone.docx"]
