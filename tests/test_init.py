"""`perbup init`: the Kupang seeds, any other regency from the region data, safe on reruns."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.helpers import run


def test_init_kupang_copies_the_seeds_and_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "kupang"
    result = run("init", target)
    assert result.code == 0
    assert result.lines[0] == (f"created {target}: the Kabupaten Kupang seed workspace "
                               "(fictitious apparatus data)")
    assert (target / "perbup.yaml").is_file()
    assert run("check", "-w", target).code == 0


def test_init_other_regency_uses_the_region_data(tmp_path: Path) -> None:
    target = tmp_path / "semarang"
    result = run("init", target, "--kabupaten", "3322")
    assert result.code == 0
    with (target / "data" / "desa.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert result.lines[0] == (f"created {target}: Kabupaten Semarang ({len(rows)} desa), "
                               "with an empty apparatus list")
    assert len(rows) > 200
    assert all(r["Kode Desa"].startswith("33.22.") and r["Kode Desa"][9] == "2" for r in rows)
    assert len({r["Kecamatan"] for r in rows}) == 19
    checked = run("check", "-w", target)
    assert checked.code == 0
    assert checked.lines[-1].startswith(f"19 kecamatan, {len(rows)} desa, 0 aparat (0 terdaftar)")
    assert "'pejabat.bupati.nama' is still a placeholder: [Nama Bupati]" in checked.stderr


def test_init_refuses_a_folder_with_content_and_unknown_codes(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("mine", encoding="utf-8")
    result = run("init", tmp_path / "full")
    assert result.code == 2
    assert (tmp_path / "full" / "x.txt").read_text(encoding="utf-8") == "mine"
    bad = run("init", tmp_path / "new", "--kabupaten", "99.99")
    assert bad.code == 2
    assert "99.99 is not a regency or city code" in bad.stderr
    assert not (tmp_path / "new").exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "full"]


def test_a_kota_without_desa_is_refused_and_nothing_is_made(tmp_path: Path) -> None:
    target = tmp_path / "kota-kupang"
    result = run("init", target, "-k", "53.71")
    assert result.code == 2
    assert result.stderr == ("perbup: error: Kota Kupang (53.71) has no desa, only kelurahan, whose "
                             "staff are civil servants: there is no village apparatus to enroll, so "
                             "no workspace was made\n")
    assert list(tmp_path.iterdir()) == []


def test_another_regency_gets_the_seed_decree_content_with_its_own_name(tmp_path: Path) -> None:
    target = tmp_path / "semarang"
    assert run("init", target, "-k", "33.22").code == 0
    for name in ("perbup.yaml", "instruksi.yaml", "surat_edaran.yaml"):
        text = (target / "content" / name).read_text(encoding="utf-8")
        assert "Kupang" not in text, name
    perbup = (target / "content" / "perbup.yaml").read_text(encoding="utf-8")
    assert "Bupati adalah Bupati Semarang." in perbup
    # Kupang's formation law (UU 69/1958) gives way to the regency's own, left for the bureau
    assert "69 Tahun 1958" not in perbup
    assert "tentang Pembentukan Kabupaten Semarang (Lembaran" in perbup
    checked = run("check", "-w", target)
    assert checked.code == 0
    content = target / "content" / "perbup.yaml"
    assert f"{content}:50: warning: mengingat item 2 is unfinished" in checked.stderr
