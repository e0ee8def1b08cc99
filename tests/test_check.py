"""`perbup check` end to end: seeds, one defect per row, real-world files, JSON, exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl

from perbup.load.dataset import collect
from perbup.load.workspace import Workspace
from tests.helpers import CONFIG, HEADER, aparat_rows, make_workspace, nik, run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_seeds_pass_with_only_placeholder_and_unfinished_citation_warnings() -> None:
    result = run("check", "-w", SEEDS)
    assert result.code == 0
    assert result.lines[-1] == ("24 kecamatan, 160 desa, 1559 aparat (19 terdaftar): "
                                "0 error(s), 15 warning(s)")
    warnings = [line for line in result.lines if ": warning: " in line]
    assert len(warnings) == 15
    assert all("still a placeholder" in w or "is unfinished: fill in the" in w
               or "'dasar.nomor' is not filled in" in w or "'dasar.tanggal' is not filled in" in w
               for w in warnings)
    # what the documents that go out would refuse, counted once
    assert result.lines[-2] == ("not filled in yet: 10 item(s) a final decree (decree --final) would "
                                "refuse, 9 the letters would refuse")


def test_content_lint_errors_fail_the_check_at_their_line(ws: Path) -> None:
    make_workspace(ws)
    (ws / "content").mkdir()
    text = (SEEDS / "content" / "perbup.yaml").read_text(encoding="utf-8")
    text = text.replace("bahwa", "Bahwa", 1)
    (ws / "content" / "perbup.yaml").write_text(text, encoding="utf-8")
    result = run("check", "-w", ws)
    assert result.code == 1
    # the item is a folded block ("- >-"): its line is the one that opens it, above the text
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "Bahwa" in t) - 1
    assert text.splitlines()[line - 1].strip() == "- >-"
    assert (f'{ws / "content" / "perbup.yaml"}:{line}: error: menimbang item a must start with '
            '"bahwa"') in result.lines


def test_seeds_json_counts() -> None:
    result = run("check", "-w", SEEDS, "--format", "json")
    data = json.loads(result.stdout)
    assert result.code == 0
    assert data["ok"] is True
    assert data["counts"] == {"kecamatan": 24, "desa": 160, "aparat": 1559, "terdaftar": 19}
    assert {p["severity"] for p in data["problems"]} == {"warning"}
    assert set(data["problems"][0]) == {"file", "row", "severity", "message", "hint"}


DEFECTS = HEADER + (
    "53.01.04.2003,Yohanis Tefa,5.30104E+15,Kepala Desa,12/03/1985,L,,Tidak,\n"
    "53.01.04.2003,Maria Neno,53010452038,Sekretaris Desa,12/03/1985,P,,Tidak,\n"
    "53.01.04.2003,Markus Baok,5301043202850003,Kaur Keuangan,,L,,Tidak,\n"
    "53.01.04.9999,Daniel Lakapu,5301041203850004,Kadus 1,,L,,Tidak,\n"
    "53.01.04.2003,   ,5301041203850005,Kasi Pelayanan,,L,,Tidak,\n"
    "53.01.04.2003,Ana\x07 Bani,5301045203850006,Kasi Pemerintahan,,P,,Tidak,\n"
    "53.01.04.2003,Simon Pah,5301041203850007,Ketua RT,,L,,Tidak,\n"
    "53.01.04.2003,Petrus Kase,5301041203850008,Kasi Kesra,31/02/1985,L,,Tidak,\n"
    "53.01.04.2003,Obed Selan,5301041203850009,Kadus 2,,X,,Tidak,\n"
    "53.01.04.2003,Efraim Benu,5301041203850010,Kadus 3,,L,dua juta,Tidak,\n"
    "53.01.04.2003,Herman Ully,5301041203850011,Kadus 4,,L,,Mungkin,\n"
    "53.01.04.2003,Yakobus Adoe,5301041203850011,Kadus 5,,L,,Tidak,\n"
    "Bokonsan,Sarlota Bani,5301045203850013,Kadus 7,,P,,Tidak,\n"
)

EXPECTED = """\
data/aparat.csv:2: error: NIK "5.30104E+15" was turned into a number by a spreadsheet
  hint: format the column as Text and type the NIK again
data/aparat.csv:3: error: NIK "53010452038" has 11 digits; a NIK has 16
data/aparat.csv:4: error: NIK 5301043202850003 holds an impossible birth date ("320285" in digits 7-12: \
day, month, year, with 40 added to the day for women)
data/aparat.csv:5: error: desa code "53.01.04.9999" is not a desa of Kabupaten Kupang
data/aparat.csv:6: error: name is empty
data/aparat.csv:7: error: Nama Lengkap 'Ana\\x07 Bani' contains a control character (U+0007)
  hint: retype it; it was probably pasted from another program
data/aparat.csv:8: error: unknown position "Ketua RT"
  hint: use Kepala Desa, Sekretaris Desa, Kaur ..., Kasi ... or Kepala Dusun ...
data/aparat.csv:9: error: impossible date "31/02/1985"
data/aparat.csv:10: error: "X" is not a sex; write L or P
data/aparat.csv:11: error: "dua juta" is not an amount in rupiah; write it like 2426640
data/aparat.csv:12: error: "Mungkin" is not yes or no; write Ya or Tidak
data/aparat.csv:12: error: NIK 5301041203850011 is also used on row 13
  hint: each person has one NIK; check which row has it wrong
data/aparat.csv:13: error: NIK 5301041203850011 is also used on row 12
  hint: each person has one NIK; check which row has it wrong
data/aparat.csv:14: error: desa code "Bokonsan" is not a desa of Kabupaten Kupang
2 kecamatan, 4 desa, 1 aparat (0 terdaftar): 14 error(s), 0 warning(s)
"""


def test_one_defect_per_row_reports_every_row(ws: Path) -> None:
    make_workspace(ws, DEFECTS)
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.stderr == EXPECTED.replace("data/aparat.csv", str(ws / "data" / "aparat.csv"))


def test_desa_by_name_with_suggestion_and_ambiguity(ws: Path) -> None:
    desa = ("Kode Desa,Nama Desa,Kode Kecamatan,Kecamatan\n"
            "53.01.04.2003,Bokonusan,53.01.04,Semau\n"
            "53.01.08.2006,Oelnasi,53.01.08,Kupang Tengah\n"
            "53.01.09.2006,Oelnasi,53.01.09,Amarasi\n")
    rows = ("Nama Desa,Kecamatan,Nama,NIK,Jabatan\n"
            f"Desa Bokonusan,,Yohanis Tefa,{nik(serial=1)},Kades\n"
            f"Bokonsan,,Maria Neno,{nik(born='520385', serial=2)},Sekdes\n"
            f"Oelnasi,,Markus Baok,{nik(serial=3)},Kaur Keuangan\n"
            f"oelnasi,Kupang Tengah,Obed Selan,{nik(serial=4)},Kades\n")
    make_workspace(ws, rows, desa=desa)
    result = run("check", "-w", ws)
    file = ws / "data" / "aparat.csv"
    assert result.lines[:4] == [
        f'{file}:3: error: desa "Bokonsan" is not a desa of Kabupaten Kupang',
        '  hint: did you mean "Bokonusan" (Kecamatan Semau)?',
        f'{file}:4: error: desa "Oelnasi" exists in several kecamatan (Kupang Tengah, Amarasi)',
        "  hint: fill in the Kecamatan or Kode Desa column",
    ]
    assert result.code == 1


def test_excel_semicolon_windows_1252_crlf(ws: Path) -> None:
    text = ("No;Kode Desa;Nama Lengkap;NIK;Jabatan;Tgl Lahir;Jenis Kelamin\r\n"
            f"1;5301042003;Andréas Tefa;{nik(serial=1)};KADES;12-03-1985;Laki-laki\r\n"
            f"2;5301042003;Désirée Neno;{nik(born='520385', serial=2)};sekdes;12/03/1985;Perempuan\r\n")
    make_workspace(ws, text.encode("cp1252"))
    workspace = Workspace.load(ws)
    _, people, problems = collect(workspace, today=dt.date(2026, 12, 1))
    # "Laki-laki" and "Perempuan" read as the sex each NIK holds: read wrongly, either would be a
    # warning that they differ
    assert [p.format() for p in problems.items] == []
    assert [(p.line, p.nama, p.jabatan.nama) for p in people] == [
        (2, "Andréas Tefa", "Kepala Desa"), (3, "Désirée Neno", "Sekretaris Desa")]


def test_xlsx_with_title_block_date_cells_and_numeric_nik(ws: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DAFTAR APARAT DESA BOKONUSAN"])
    sheet.merge_cells("A1:F1")
    sheet.append(["KECAMATAN SEMAU, KABUPATEN KUPANG"])
    sheet.append([])
    sheet.append(["No", "Kode Desa", "Nama", "NIK", "Jabatan", "Tanggal Lahir"])
    sheet.append([1, "53.01.04.2003", "Yohanis Tefa", nik(serial=1), "Kepala Desa",
                  dt.datetime(1985, 3, 12)])
    sheet.append([2, "53.01.04.2003", "Maria Neno", 5301045203850002, "Sekretaris Desa",
                  dt.datetime(1985, 3, 12)])
    make_workspace(ws)
    path = ws / "kiriman.xlsx"
    book.save(path)
    result = run("check", "-w", ws, "--aparat", path)
    assert result.lines[:2] == [
        f"{path}:6: error: NIK 5301045203850002 is stored as a number, and a spreadsheet keeps "
        "only 15 digits of a number, so its last digit may be lost",
        "  hint: format the column as Text and type the NIK again",
    ]
    _, people, problems = collect(Workspace.load(ws), path, today=dt.date(2026, 12, 1))
    assert [(p.line, p.nama) for p in people] == [(5, "Yohanis Tefa")]
    # the date cell read as the day the NIK holds (12/03/1985): read wrongly, it would be a
    # warning that they differ
    assert [p.format() for p in problems.items if p.row == 5] == []


def test_names_with_markup_characters_are_read_verbatim(ws: Path) -> None:
    names = ['Ma\'ruf "Ompu" Ndolu', "Agustinus & <Tefa>", "Yohanis A. Neno, S.Pd."]
    rows = HEADER + "".join(
        f'53.01.04.2003,"{n.replace(chr(34), chr(34) * 2)}",{nik(serial=i + 1)},Kadus {i + 1},,,,,\n'
        for i, n in enumerate(names))
    make_workspace(ws, rows)
    _, people, problems = collect(Workspace.load(ws), today=dt.date(2026, 12, 1))
    assert not problems.has_errors
    assert [p.nama for p in people] == names


def test_warnings_for_heads_kpj_region_and_birth_date(ws: Path) -> None:
    rows = HEADER + aparat_rows() + (
        f"53.01.04.2003,Obed Selan,{nik(serial=9)},Kades,01/01/1980,P,,Ya,\n"
        f"53.01.04.2004,Petrus Kase,{nik('537104', serial=10)},Kaur Keuangan,,,1500000,Tidak,21000000001\n")
    make_workspace(ws, rows)
    result = run("check", "-w", ws)
    file = ws / "data" / "aparat.csv"
    assert result.code == 0
    assert result.stderr.replace(str(file), "F") == """\
F:6: warning: birth date 01/01/1980 differs from the one in the NIK (12/03/1985)
  hint: check both against the KTP
F:6: warning: sex P differs from the one in the NIK (L)
  hint: the NIK adds 40 to the day of birth for women
F:6: warning: marked as enrolled but has no KPJ number
  hint: add the Nomor KPJ from the BPJS membership card
F:6: warning: desa Bokonusan (53.01.04.2003) has a second Kepala Desa (the first is on row 2)
F:7: warning: has KPJ number 21000000001 but is marked as not enrolled
F:7: warning: NIK 5371041203850010 was issued outside Kabupaten Kupang (region 53.71.04)
  hint: check that the NIK is right
F:7: warning: siltap Rp1.500.000 is below the statutory minimum of Rp2.184.000 for Kepala Urusan Keuangan
  hint: PP 16/2026 Pasal 90 ayat (2) huruf c; the contribution uses the amount given
F:7: warning: desa Otan (53.01.04.2004) has no Kepala Desa
2 kecamatan, 4 desa, 6 aparat (1 terdaftar): 0 error(s), 8 warning(s)
"""


def test_a_low_siltap_does_not_lower_a_self_employed_contribution(ws: Path) -> None:
    rows = HEADER + aparat_rows() + f"53.01.04.2003,Petrus Kase,{nik(serial=10)},Kadus 2,,,1500000,,\n"
    make_workspace(ws, rows, config=CONFIG + "iuran:\n  skema: bpu\n")
    result = run("check", "-w", ws)
    assert result.code == 0
    assert result.lines[-3:-1] == [
        f"{ws / 'data' / 'aparat.csv'}:6: warning: siltap Rp1.500.000 is below the statutory minimum "
        "of Rp2.184.000 for Kepala Dusun 2",
        "  hint: PP 16/2026 Pasal 90 ayat (2) huruf c"]


def test_missing_required_column(ws: Path) -> None:
    make_workspace(ws, "Kode Desa,Nama,Jabatan\n53.01.04.2003,Yohanis Tefa,Kades\n")
    result = run("check", "-w", ws)
    assert result.code == 1
    assert f"{ws / 'data' / 'aparat.csv'}" in result.lines[0]
    assert "NIK" in result.lines[0]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run("check", "-w", tmp_path / "nope")
    assert missing.code == 2
    assert missing.stderr == (f"perbup: error: {tmp_path / 'nope'} is not a perbup workspace "
                              f"(it has no perbup.yaml); create one with: perbup init {tmp_path / 'nope'}\n")
    assert run("check", "--format", "xml").code == 2
    assert run("frobnicate").code == 2


def test_bundled_seeds_used_with_notice_outside_a_workspace() -> None:
    result = run("check")
    assert result.code == 0
    assert result.lines[0].startswith("perbup: no perbup.yaml here; using the bundled Kupang seed "
                                      "workspace (")


def test_check_reports_a_broken_template_by_name(ws: Path) -> None:
    import docx

    make_workspace(ws)
    (ws / "templates").mkdir()
    document = docx.Document()
    document.add_paragraph("{{ tujuan.desa }} {{ nomor_agenda }}")
    document.save(str(ws / "templates" / "surat_desa.docx"))
    result = run("check", "-w", ws)
    assert result.code == 1
    shown = ws / "templates" / "surat_desa.docx"
    # the variable perbup does not provide, and the layout rules a letter template must follow
    assert result.lines[-6:] == [
        f"{shown}: error: unknown variable 'nomor_agenda'",
        "  hint: a surat_desa template can use: aparat, batas, bpjs, catatan, dasar, jatuh_tempo, "
        "kab, pembulatan, potongan, program, program_teks, ringkas, skema, surat, tembusan, total, "
        "ttd, tujuan",
        f"{shown}: warning: section 1: paper is 216 x 279 mm, not F4 215 x 330 mm",
        f"{shown}: warning: section 1: margins are 2.54 / 2.54 / 3.17 / 3.17 cm (top, bottom, left, "
        "right), not 2 / 2 / 2.5 / 2 cm",
        f"{shown}: warning: document: no picture named 'lambang_daerah'; perbup puts its image in "
        "place of that picture",
        "2 kecamatan, 4 desa, 4 aparat (0 terdaftar): 1 error(s), 3 warning(s)"]


def test_check_suggests_the_variable_a_typo_meant(ws: Path) -> None:
    make_workspace(ws)
    _template(ws / "templates" / "laporan.docx", "{{ kab.nama }} {{ ringkass.desa }}")
    result = run("check", "-w", ws)
    assert result.code == 1
    assert (f"{ws / 'templates' / 'laporan.docx'}: error: unknown variable 'ringkass'\n"
            "  hint: did you mean 'ringkas'? a laporan template can use: bpjs, kab, kecamatan, "
            "laporan, pembulatan, pencocokan, program_teks, ringkas, total, ttd\n") in result.stderr


def _template(path: Path, *paragraphs: str) -> Path:
    import docx

    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_check_renders_the_report_template_with_the_real_data(ws: Path) -> None:
    make_workspace(ws)
    template = _template(ws / "templates" / "laporan.docx", "LAPORAN {{ kab.nama_upperr }}")
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.lines[-2:] == [
        f"{template}: error: body: 'dict object' has no attribute 'nama_upperr'; check the "
        "spelling or add it to the data in {{ kab.nama_upperr }}",
        "2 kecamatan, 4 desa, 4 aparat (0 terdaftar): 1 error(s), 3 warning(s)"]


def test_check_renders_a_letter_for_each_kind_of_desa(ws: Path, tmp_path: Path) -> None:
    # Bokonusan comes first and has no one enrolled; only Oelnasi's letter reaches {{ a.kpj }}
    enrolled = aparat_rows("53.01.08.2006", "530108", start=11).replace(
        ",Tidak,\n", ",Ya,21000000011\n", 1)
    make_workspace(ws, HEADER + aparat_rows() + enrolled)
    template = _template(ws / "templates" / "surat_desa.docx", "Kepada {{ tujuan.desa }}",
                         "{%p for a in aparat %}",
                         "{{ a.nama }} {% if a.keterangan %}{{ a.kpj }}{% endif %}",
                         "{%p endfor %}")
    message = ("letter for desa Oelnasi (53.01.08.2006): body: 'dict object' has no attribute "
               "'kpj'; check the spelling or add it to the data in {{ a.kpj }}")
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.lines[-2:] == [f"{template}: error: {message}",
                                 "2 kecamatan, 4 desa, 8 aparat (1 terdaftar): 1 error(s), 3 warning(s)"]
    letters = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert (letters.code, letters.stderr) == (1, f"surat_desa.docx: error: {message}\n")
    assert not (tmp_path / "out").exists()


def test_check_renders_each_decree_as_a_draft_and_as_a_final_copy(ws: Path) -> None:
    make_workspace(ws)
    (ws / "content").mkdir()
    (ws / "content" / "perbup.yaml").write_bytes((SEEDS / "content" / "perbup.yaml").read_bytes())
    template = _template(ws / "templates" / "perbup.docx", "{{ judul.dokumen }}",
                         "{%p if not konsep %}", "{{ penetapan.nomor }}", "{%p endif %}")
    result = run("check", "-w", ws)
    assert result.code == 1
    assert f"{template}: error: body: 'dict object' has no attribute 'nomor'; check the spelling " \
           "or add it to the data in {{ penetapan.nomor }}" in result.lines


def test_the_same_kpj_number_on_two_people_is_an_error_on_both_rows(ws: Path) -> None:
    rows = HEADER + aparat_rows() + (
        f"53.01.04.2003,Obed Selan,{nik(serial=9)},Kadus 2,,,,Ya,21000000001\n"
        f"53.01.04.2003,Petrus Kase,{nik(serial=10)},Kadus 3,,,,Ya,21 000 000 001\n"
        f"53.01.04.2003,Simon Pah,{nik(serial=11)},Kadus 4,,,,Ya,21000000002\n")
    make_workspace(ws, rows)
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.stderr.replace(str(ws / "data" / "aparat.csv"), "F") == """\
F:6: error: KPJ number 21000000001 is also used on row 7
  hint: a KPJ number belongs to one person; check each against their BPJS membership card
F:7: error: KPJ number 21 000 000 001 is also used on row 6
  hint: a KPJ number belongs to one person; check each against their BPJS membership card
2 kecamatan, 4 desa, 7 aparat (3 terdaftar): 2 error(s), 0 warning(s)
"""


def test_a_desa_or_kecamatan_name_that_disagrees_with_the_code_is_a_warning(ws: Path) -> None:
    rows = ("Kode Desa,Nama Desa,Kecamatan,Nama,NIK,Jabatan\n"
            f"53.01.08.2006,Oelnasi,Kupang Tengah,Yohanis Tefa,{nik('530108', serial=1)},Kades\n"
            f"53.01.08.2006,Desa Oelnasi,Kec. Kupang Tengah,Markus Baok,{nik('530108', serial=2)},Kaur Keu\n"
            f"53.01.08.2006,Oelpua,Kupang Tengah,Obed Selan,{nik('530108', serial=3)},Kadus 1\n"
            f"53.01.08.2006,Oelnasi,Kupang Tengh,Simon Pah,{nik('530108', serial=4)},Kadus 2\n"
            f"53.01.08.2006,Noelbaki,Semau,Petrus Kase,{nik('530108', serial=5)},Kadus 3\n")
    make_workspace(ws, rows)
    result = run("check", "-w", ws)
    assert result.code == 0
    code = "code 53.01.08.2006 is desa Oelnasi, Kecamatan Kupang Tengah; correct whichever is wrong"
    assert result.stderr.replace(str(ws / "data" / "aparat.csv"), "F") == f"""\
F:4: warning: desa name "Oelpua" does not match code 53.01.08.2006 (Oelnasi)
  hint: {code}
F:5: warning: kecamatan "Kupang Tengh" does not match code 53.01.08.2006 (Kecamatan Kupang Tengah)
  hint: {code}
F:6: warning: desa name "Noelbaki" does not match code 53.01.08.2006 (Oelnasi)
  hint: {code}
F:6: warning: kecamatan "Semau" does not match code 53.01.08.2006 (Kecamatan Kupang Tengah)
  hint: {code}
2 kecamatan, 4 desa, 5 aparat (0 terdaftar): 0 error(s), 4 warning(s)
"""


def _desa_rows(jabatan: list[str], desa: str = "53.01.04.2003", start: int = 1) -> str:
    """One row per position, for a desa of Kecamatan Semau, each person with their own NIK."""
    return "".join(f"{desa},Orang {i},{nik(serial=i)},{j},,,,,\n"
                   for i, j in enumerate(jabatan, start))


def test_a_formation_the_regulation_does_not_allow_is_a_warning(ws: Path) -> None:
    rows = HEADER + _desa_rows([
        "Kades", "Sekdes", "Kaur TU dan Umum", "Kaur Keuangan", "Kaur Perencanaan", "Bendahara Desa",
        "Kasi Pemerintahan", "Kasi Kesra", "Kasi Pelayanan", "Kasi Kesejahteraan dan Pelayanan",
        "Kadus II", "Kepala Dusun 2", "Kepala Dusun", "Kepala Dusun"])
    make_workspace(ws, rows)
    result = run("check", "-w", ws)
    assert result.code == 0
    rule = ("Permendagri 84/2015 on the organisation of village government; check for a position "
            "typed wrongly or a person listed twice")
    assert result.stderr.replace(str(ws / "data" / "aparat.csv"), "F") == f"""\
F:7: warning: desa Bokonusan (53.01.04.2003) has a second Kepala Urusan Keuangan (the first is on row 5)
F:7: warning: desa Bokonusan (53.01.04.2003) has 4 Kepala Urusan (rows 4, 5, 6, 7); the sekretariat \
desa has at most 3 urusan
  hint: {rule}
F:11: warning: desa Bokonusan (53.01.04.2003) has 4 Kepala Seksi (rows 8, 9, 10, 11); a desa has at \
most 3 seksi
  hint: {rule}
F:13: warning: desa Bokonusan (53.01.04.2003) has a second Kepala Dusun 2 (the first is on row 12)
2 kecamatan, 4 desa, 14 aparat (0 terdaftar): 0 error(s), 4 warning(s)
"""


def test_sixteen_kepala_dusun_among_23_aparat_is_a_warning_with_the_count(ws: Path) -> None:
    rest = ["Kades", "Sekdes", "Kaur TU dan Umum", "Kaur Keuangan", "Kasi Pemerintahan",
            "Kasi Kesra", "Kasi Pelayanan"]
    rows = HEADER + _desa_rows(rest + [f"Kadus {n}" for n in range(1, 17)])
    make_workspace(ws, rows)
    result = run("check", "-w", ws)
    assert result.code == 0
    assert result.lines[:2] == [
        f"{ws / 'data' / 'aparat.csv'}:9: warning: desa Bokonusan (53.01.04.2003) lists 16 Kepala "
        "Dusun among its 23 aparat",
        "  hint: Permendagri 84/2015 on the organisation of village government: one Kepala Dusun per "
        "dusun; 16 is more than twice the 7 other aparat: check that heads of RT or RW, or staff, are "
        "not listed as Kepala Dusun"]
    assert len(result.lines) == 3


def test_many_dusun_beside_a_full_formation_or_a_few_alone_are_plausible(ws: Path) -> None:
    full = ["Kades", "Sekdes", "Kaur TU dan Umum", "Kaur Keuangan", "Kaur Perencanaan",
            "Kasi Pemerintahan", "Kasi Kesra", "Kasi Pelayanan"]
    # 16 dusun beside the 8 other posts; a desa whose list so far holds its head and 8 dusun
    rows = (HEADER + _desa_rows(full + [f"Kadus {n}" for n in range(1, 17)])
            + _desa_rows(["Kades"] + [f"Kadus {n}" for n in range(1, 9)], "53.01.04.2004", 100))
    make_workspace(ws, rows)
    result = run("check", "-w", ws)
    assert result.code == 0
    assert result.lines == ["2 kecamatan, 4 desa, 33 aparat (0 terdaftar): 0 error(s), 0 warning(s)"]


def test_a_misspelt_kecamatan_beside_a_desa_name_is_read_past_with_a_warning(ws: Path) -> None:
    desa_list = ("Kode Desa,Nama Desa,Kode Kecamatan,Kecamatan\n"
                 "53.01.04.2003,Bokonusan,53.01.04,Semau\n"
                 "53.01.08.2006,Oelnasi,53.01.08,Kupang Tengah\n"
                 "53.01.09.2006,Oelnasi,53.01.09,Amarasi\n")
    rows = ("Nama Desa,Kecamatan,Nama,NIK,Jabatan\n"
            f"Bokonusan,Semauu,Yohanis Tefa,{nik(serial=1)},Kades\n"
            f"Oelnasi,Kupang Tengh,Markus Baok,{nik(serial=3)},Kades\n"
            f"Oelnasi,Timor,Obed Selan,{nik(serial=4)},Kades\n")
    make_workspace(ws, rows, desa=desa_list)
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.stderr.replace(str(ws / "data" / "aparat.csv"), "F") == """\
F:2: warning: kecamatan "Semauu" is not a kecamatan of Kabupaten Kupang
  hint: desa Bokonusan is in Kecamatan Semau; correct the Kecamatan column
F:3: error: desa "Oelnasi" exists in several kecamatan (Kupang Tengah, Amarasi)
  hint: kecamatan "Kupang Tengh" is none of them; did you mean "Kupang Tengah"?
F:4: error: desa "Oelnasi" exists in several kecamatan (Kupang Tengah, Amarasi)
  hint: kecamatan "Timor" is none of them
3 kecamatan, 3 desa, 1 aparat (0 terdaftar): 2 error(s), 1 warning(s)
"""


def test_check_renders_the_reminder_template_with_a_desa_of_the_data(ws: Path) -> None:
    # the reminder goes out long after check was last run: its mistakes are found now
    make_workspace(ws)
    template = _template(ws / "templates" / "surat_pengingat.docx", "Kepada {{ tujuan.desa }}",
                         "{{ rujukan.nomor.upper_case }}")
    result = run("check", "-w", ws)
    assert result.code == 1
    assert result.lines[-2] == (
        f"{template}: error: reminder to desa Bokonusan (53.01.04.2003): body: 'str object' has no "
        "attribute 'upper_case'; check the spelling or add it to the data in "
        "{{ rujukan.nomor.upper_case }}")
