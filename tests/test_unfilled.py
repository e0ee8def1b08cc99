"""What is not filled in: warnings on drafts and in `check`, errors on final copies and letters."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from perbup.base.errors import DataError
from perbup.base.problems import Problem
from perbup.documents.letters import LettersOptions, refuse_unfilled
from perbup.load.dataset import load_dataset
from perbup.load.rules import RULES_FILE, load_rules
from perbup.load.unfilled import LETTERS, Unfilled, escalate
from perbup.load.workspace import Workspace
from tests.helpers import CONFIG, HEADER, SEEDS, aparat_rows, make_workspace, mengingat_filled, nik, run

# One valid row for a workspace from `init -k 33.22` (a NIK from elsewhere is only a warning).
SEMARANG_ROW = f"1,33.22.01.2001,Tajuk,Getasan,Yohanis Tefa,{nik('332201')},Kepala Desa,,L,,Tidak,\n"


def _semarang(tmp_path: Path) -> Path:
    target = tmp_path / "semarang"
    assert run("init", target, "-k", "33.22").code == 0
    with (target / "data" / "aparat.csv").open("a", encoding="utf-8") as handle:
        handle.write(SEMARANG_ROW)
    return target


def _all_enrolled(rows: str) -> str:
    """The rows, every person enrolled with a KPJ number of their own."""
    return "".join(line.replace(",Tidak,", f",Ya,210000000{i}")
                   for i, line in enumerate(rows.splitlines(keepends=True)))


def _errors(stderr: str, root: Path) -> list[str]:
    return [line.replace(f"{root}/", "") for line in stderr.splitlines() if ": error: " in line]


SILTAP_PERBUP = ("perbup.yaml:37: error: 'iuran.siltap.dasar' is still a placeholder: [Peraturan "
                 "Bupati Semarang Nomor … Tahun … tentang Penghasilan Tetap Kepala Desa dan Perangkat "
                 "Desa]")
DECREE_REFUSES = [
    "perbup.yaml:9: error: 'kabupaten.ibu_kota' is still a placeholder: [Ibu kota Kabupaten Semarang]",
    "perbup.yaml:20: error: 'pejabat.bupati.nama' is still a placeholder: [Nama Bupati]",
    "perbup.yaml:22: error: 'pejabat.sekretaris_daerah.nama' is still a placeholder: "
    "[Nama Sekretaris Daerah]",
    SILTAP_PERBUP,  # every document names the regent's siltap Perbup
    "perbup.yaml:56: error: 'bpjs.kantor' is still a placeholder: [Nama Kantor Cabang BPJS Ketenagakerjaan]",
    # the regent's own siltap Perbup, whose title and numbers the seeds leave to the bureau
    "content/perbup.yaml:123: error: still a placeholder: [judul Peraturan Bupati Semarang yang "
    "menetapkan penghasilan tetap Kepala Desa dan Perangkat Desa]",
    'content/perbup.yaml:50: error: mengingat item 2 is unfinished: fill in the "…"',
    'content/perbup.yaml:114: error: mengingat item 11 is unfinished: fill in the "…"',
    'content/perbup.yaml:117: error: mengingat item 12 is unfinished: fill in the "…"',
    'content/perbup.yaml:123: error: mengingat item 13 is unfinished: fill in the "…"',
]


def test_a_final_decree_refuses_every_item_not_filled_in_and_writes_nothing(tmp_path: Path) -> None:
    ws = _semarang(tmp_path)
    result = run("decree", "-w", ws, "-o", tmp_path / "out", "--final", "-q")
    assert result.code == 1
    assert _errors(result.stderr, ws) == DECREE_REFUSES
    assert result.lines[-1].startswith("10 error(s), ")
    assert result.lines[-1].endswith("; nothing was written")
    assert not (tmp_path / "out").exists()


def test_a_draft_keeps_them_as_warnings_and_check_lists_them_all(tmp_path: Path) -> None:
    ws = _semarang(tmp_path)
    draft = run("decree", "-w", ws, "-o", tmp_path / "out")
    assert draft.code == 0, draft.stderr
    assert (tmp_path / "out" / "decree" / "perbup-draft.docx").is_file()
    checked = run("check", "-w", ws)
    assert checked.code == 0
    assert ": error: " not in draft.stderr  # a draft says them once, grouped, as warnings
    warnings = [line.replace(f"{ws}/", "") for line in checked.stderr.splitlines()]
    for line in DECREE_REFUSES + LETTERS_REFUSE:
        assert line.replace(": error: ", ": warning: ") in warnings, line
    assert checked.lines[-2] == ("not filled in yet: 15 item(s) a final decree (decree --final) would "
                                 "refuse, 13 the letters would refuse")


LETTERS_REFUSE = [
    "perbup.yaml:9: error: 'kabupaten.ibu_kota' is still a placeholder: [Ibu kota Kabupaten Semarang]",
    "perbup.yaml:12: error: 'kabupaten.alamat' is still a placeholder: [Alamat kantor bupati]",
    "perbup.yaml:13: error: 'kabupaten.telepon' is still a placeholder: [Nomor telepon]",
    "perbup.yaml:14: error: 'kabupaten.laman' is still a placeholder: [Laman resmi]",
    "perbup.yaml:15: error: 'kabupaten.email' is still a placeholder: [Alamat surel]",
    "perbup.yaml:16: error: 'kabupaten.kode_pos' is still a placeholder: [Kode pos]",
    "perbup.yaml:20: error: 'pejabat.bupati.nama' is still a placeholder: [Nama Bupati]",
    SILTAP_PERBUP,
    "perbup.yaml:47: error: 'surat.tembusan.1' is still a placeholder: [Kepala Kantor Cabang BPJS "
    "Ketenagakerjaan]",
    "perbup.yaml:51: error: 'dasar.nomor' is not filled in: the letters would cite \"Peraturan Bupati "
    "Semarang Nomor …\"",
    "perbup.yaml:53: error: 'dasar.tanggal' is not filled in: the letters count the registration "
    "deadline from the day the Peraturan Bupati Semarang diundangkan",
    "perbup.yaml:56: error: 'bpjs.kantor' is still a placeholder: [Nama Kantor Cabang BPJS Ketenagakerjaan]",
    "perbup.yaml:57: error: 'bpjs.alamat' is still a placeholder: [Alamat Kantor Cabang]",
]


def test_letters_always_refuse_what_they_would_print_unfilled(tmp_path: Path) -> None:
    ws = _semarang(tmp_path)
    for extra in ((), ("--dry-run",)):
        result = run("letters", "-w", ws, "-o", tmp_path / "out", *extra)
        assert result.code == 1, extra
        # the regent signs: the Sekretaris Daerah's rank and NIP are not in the letters
        assert _errors(result.stderr, ws) == LETTERS_REFUSE
        assert "perbup.yaml:23: warning: 'pejabat.sekretaris_daerah.pangkat'" in result.stderr.replace(
            f"{ws}/", "")
    assert not (tmp_path / "out").exists()


def test_a_letter_asking_for_rp_0_from_people_still_to_enroll_is_refused(ws: Path, tmp_path: Path) -> None:
    # Only a table of legal facts with rates of zero gives Rp 0: a copy of it makes one.
    text = RULES_FILE.read_text(encoding="utf-8")
    zero = tmp_path / "rules.yaml"
    zero.write_text(text.replace("pemberi_kerja: 0.24,", "pemberi_kerja: 0,").replace(
        "pemberi_kerja: 0.30,", "pemberi_kerja: 0,"), encoding="utf-8")
    make_workspace(ws, HEADER + _all_enrolled(aparat_rows()) + aparat_rows("53.01.04.2004", start=5))
    workspace = replace(Workspace.load(ws), rules=load_rules(zero))
    dataset = load_dataset(workspace)
    with pytest.raises(DataError) as caught:
        refuse_unfilled(dataset, LettersOptions(all=True))
    # the fully enrolled desa owes nothing by rights: --all asked for its letter
    assert [p.format().replace(str(ws / "data" / "aparat.csv"), "F") for p in caught.value.problems
            if p.is_error] == [
        "F:6: error: the letter to Desa Otan (53.01.04.2004) would ask 4 aparat to enroll for "
        "contributions of Rp 0\n"
        "  hint: check iuran.program in perbup.yaml and the rates in force (perbup rules): they give "
        "nothing"]
    refuse_unfilled(dataset, LettersOptions(desa=("Bokonusan",), all=True))  # no error


def test_a_final_decree_with_nothing_left_to_budget_is_refused(ws: Path) -> None:
    enrolled = _all_enrolled(aparat_rows())
    make_workspace(ws, HEADER + enrolled)
    (ws / "content").mkdir()
    text = (SEEDS / "content" / "perbup.yaml").read_text(encoding="utf-8")
    (ws / "content" / "perbup.yaml").write_text(mengingat_filled(text), encoding="utf-8")
    assert run("decree", "-w", ws, "-o", ws / "out", "-q").code == 0
    result = run("decree", "-w", ws, "-o", ws / "out", "--final", "-q")
    assert result.code == 1
    assert result.lines[-3:] == [
        f"{ws / 'data' / 'aparat.csv'}: error: the contributions still to budget add up to Rp 0: "
        "every aparat on the list is already enrolled",
        "  hint: a final decree budgets for the aparat not yet enrolled; check the Terdaftar column "
        "and the BPJS participant list",
        "1 error(s), 0 warning(s); nothing was written",
    ]
    assert not (ws / "out" / "decree" / "perbup.docx").exists()


def test_build_makes_working_copies_and_build_final_refuses(ws: Path) -> None:
    make_workspace(ws, config=CONFIG + 'dasar: {nomor: "…"}\n')
    (ws / "content").mkdir()
    (ws / "content" / "perbup.yaml").write_bytes((SEEDS / "content" / "perbup.yaml").read_bytes())
    draft = run("build", "-w", ws, "-o", ws / "out", "-q")
    assert draft.code == 0, draft.stderr
    result = run("build", "-w", ws, "-o", ws / "final", "--final")
    assert result.code == 1
    assert [line.split(": error: ")[1] for line in result.lines if ": error: " in line] == [
        "'dasar.nomor' is not filled in: the letters would cite \"Peraturan Bupati Nomor …\"",
        "'dasar.tanggal' is not filled in: the letters count the registration deadline from the day "
        "the Peraturan Bupati diundangkan",
        'mengingat item 11 is unfinished: fill in the "…"',
        'mengingat item 12 is unfinished: fill in the "…"',
        "still a placeholder: [judul Peraturan Bupati Kupang yang menetapkan penghasilan tetap Kepala "
        "Desa dan Perangkat Desa]",
        'mengingat item 13 is unfinished: fill in the "…"',
    ]
    assert not (ws / "final").exists()


def test_a_placeholder_inside_a_text_and_an_unfinished_citation(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "content").mkdir()
    text = mengingat_filled((SEEDS / "content" / "perbup.yaml").read_text(encoding="utf-8"))
    text = text.replace("Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
                        "Peraturan Bupati ini mulai berlaku pada tanggal [tanggal berlaku] sesuai "
                        "Peraturan Daerah Nomor … Tahun 2026.")
    (ws / "content" / "perbup.yaml").write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "[tanggal berlaku]" in t)
    content = ws / "content" / "perbup.yaml"
    expected = [f"{content}:{line}: warning: still a placeholder: [tanggal berlaku]",
                f'{content}:{line}: warning: citation "Nomor …" is unfinished: fill in the number']
    checked = run("check", "-w", ws)
    assert all(e in checked.lines for e in expected), checked.stderr
    final = run("decree", "-w", ws, "-o", tmp_path / "out", "--final", "-q")
    assert final.code == 1
    assert all(e.replace(": warning: ", ": error: ") in final.lines for e in expected), final.stderr


def test_escalating_twice_reports_each_item_once() -> None:
    item = Unfilled("perbup.yaml", 9, "'kabupaten.ibu_kota' is still a placeholder: [X]", "fill it in",
                    frozenset({"perbup", LETTERS}))
    other = Problem("data/aparat.csv", 2, "warning", "something else")
    once = escalate([item.problem(), other], [item], "perbup")
    assert once == [item.problem("error"), other]
    assert escalate(once, [item], "perbup", LETTERS) == once
    assert escalate([other], [item], "instruksi") == [other]  # it does not print in an instruksi


def test_the_issue_case_a_fresh_workspace_gets_every_problem_at_once(tmp_path: Path) -> None:
    target = tmp_path / "semarang"
    assert run("init", target, "-k", "33.22").code == 0
    result = run("decree", "-w", target, "-o", tmp_path / "out", "--final", "-q")
    assert result.code == 1
    assert _errors(result.stderr, target) == [
        *DECREE_REFUSES[:5],
        "data/aparat.csv: error: the apparatus list holds nobody, so there is no document to make",
        *DECREE_REFUSES[5:]]
    assert not (tmp_path / "out").exists()


def test_content_without_konsep_is_a_final_copy_and_refuses_too(tmp_path: Path) -> None:
    ws = _semarang(tmp_path)
    content = ws / "content" / "perbup.yaml"
    text = content.read_text(encoding="utf-8")
    assert "konsep: true" in text
    content.write_text(text.replace("konsep: true", "konsep: false"), encoding="utf-8")
    result = run("decree", "-w", ws, "-o", tmp_path / "out", "-q")
    assert result.code == 1
    assert _errors(result.stderr, ws) == DECREE_REFUSES
    assert not (tmp_path / "out").exists()
