"""What the commands tell a person on stderr: phases, warnings said once, the bundled workspace,
missing PDFs as an exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


# --- the decree summary -------------------------------------------------------------------------


@pytest.mark.parametrize(("jenis", "counted"), [("surat_edaran", "6 angka, 1 lampiran"),
                                                ("instruksi", "diktum, ")])
def test_the_summary_counts_what_the_instrument_calls_its_parts(jenis: str, counted: str,
                                                                tmp_path: Path) -> None:
    result = run("decree", "-w", SEEDS, "-o", tmp_path, "--jenis", jenis, "-q")
    assert result.code == 0, result.stderr
    assert counted in result.stderr
    assert jenis != "surat_edaran" or "diktum" not in result.stderr
