"""The default letter template (templates/surat_desa.docx): renders, escapes, lays out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "surat_desa.docx"

TRICKY = "Ma'ruf & <Tefa> \"Ndun\" Léo"

VARIABLES = {"kab", "surat", "tujuan", "dasar", "program_teks", "batas", "bpjs", "ringkas", "program",
             "aparat", "total", "ttd", "tembusan", "pembulatan", "skema", "jatuh_tempo", "potongan",
             "catatan"}


def sample_context() -> dict[str, Any]:
    """A full context as perbup builds it: two programmes, three aparat, one already enrolled."""
    return {
        "kab": {
            "pemerintah": "PEMERINTAH KABUPATEN KUPANG",
            "alamat": "Jalan Timor Raya Km. 36, Oelamasi",
            "telepon": "(0380) 123456",
            "laman": "kupangkab.go.id",
            "email": "setda@kupangkab.go.id",
            "kode_pos": "85362",
            "kepala_upper": "BUPATI KUPANG",
        },
        "surat": {
            "tempat_tanggal": "Oelamasi, 1 Desember 2026",
            "nomor": "500.15.16/123/BAG.HUK/2026",
            "sifat": "Penting",
            "lampiran": "1 (satu) lembar",
            "hal": "Pendaftaran Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan",
        },
        "tujuan": {"desa": "Oelnasi", "kecamatan": "Kupang Tengah", "di": "Tempat"},
        "dasar": {"judul": "Peraturan Bupati Kupang Nomor … Tahun 2026 tentang Petunjuk Khusus "
                           "Kepesertaan Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan",
                  "nama": "Peraturan Bupati Kupang Nomor … Tahun 2026", "tanggal": "20 November 2026"},
        "program_teks": "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)",
        "batas": {"tanggal": "7 Januari 2027", "hari": "30 (tiga puluh) hari kerja",
                  "teks": "30 (tiga puluh) hari kerja sejak Peraturan Bupati Kupang Nomor … Tahun 2026 "
                          "diundangkan pada tanggal 20 November 2026, yaitu paling lambat tanggal "
                          "7 Januari 2027"},
        "bpjs": {"kantor": "BPJS Ketenagakerjaan Kantor Cabang Kupang", "alamat": ""},
        "ringkas": {"belum": 2, "sudah": 1, "jumlah": 3, "bulanan": "Rp24.024,00",
                    "tahunan": "Rp288.288,00",
                    "bulanan_terbilang": "dua puluh empat ribu dua puluh empat rupiah",
                    "tahunan_terbilang": "dua ratus delapan puluh delapan ribu dua ratus delapan "
                                         "puluh delapan rupiah", "potongan": "Rp0,00",
                    "potongan_terbilang": "nol rupiah"},
        "program": [{"kode": "JKK", "nama": "Jaminan Kecelakaan Kerja", "tarif": "0,24%"},
                    {"kode": "JKM", "nama": "Jaminan Kematian", "tarif": "0,30%"}],
        "aparat": [
            {"no": 1, "nama": "Yohanis Tefa", "jabatan": "Kepala Desa", "nik": "5301081203850001",
             "upah": "2.426.640", "iuran": ["5.824", "7.280"], "jumlah": "13.104",
             "keterangan": ""},
            {"no": 2, "nama": TRICKY, "jabatan": "Sekretaris Desa", "nik": "5301085203850002",
             "upah": "2.224.420", "iuran": ["5.339", "6.673"], "jumlah": "12.012",
             "keterangan": ""},
            {"no": 3, "nama": "Markus Baok", "jabatan": "Kaur Keuangan", "nik": "5301081203850003",
             "upah": "2.022.200", "iuran": ["-", "-"], "jumlah": "-",
             "keterangan": "Sudah terdaftar, KPJ 21012345678"},
        ],
        "total": {"upah": "6.673.260", "iuran": ["11.163", "13.953"], "bulanan": "25.116",
                  "pemberi_kerja": ["11.163", "13.953"], "pekerja": ["0", "0"],
                  "dianggarkan": "25.116", "dipotong": "0", "tahunan": "301.392"},
        "ttd": {"an": "a.n. BUPATI KUPANG", "jabatan": "SEKRETARIS DAERAH,",
                "nama": "MATELDIUS SOLEMAN JILIS SANAM, S.T.", "pangkat": "Pembina Utama Muda",
                "nip": "197001011995031001", "elektronik": False, "catatan": ["Catatan uji."]},
        "tembusan": ["Camat Kupang Tengah", "Kepala BPJS Ketenagakerjaan Kantor Cabang Kupang"],
        "pembulatan": "Iuran dihitung per orang per program dan dibulatkan ke rupiah penuh terdekat; "
                      "iuran setahun = 12 \u00d7 iuran sebulan.",
        "skema": {"kategori": "Penerima Upah", "jatuh_tempo": "bulan berikutnya",
                  "dasar": "Dasar Upah per Bulan (Rp)"},
        "jatuh_tempo": "tanggal 15 bulan berikutnya",
        "potongan": {"ada": False, "program": ""},
        "catatan": ["Dasar upah iuran adalah penghasilan tetap aparat desa sebulan.",
                    "Tarif iuran: JKK 0,24%; JKM 0,30%."],
    }


def render(target: Path, context: dict[str, Any] | None = None) -> docx.document.Document:
    tpl = DocxTemplate(str(TEMPLATE))
    tpl.render(context or sample_context(), autoescape=True)
    tpl.save(str(target))
    return docx.Document(str(target))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    return render(tmp_path_factory.mktemp("letter") / "surat.docx")


def _body_text(doc: docx.document.Document) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def _annex_table(doc: docx.document.Document):
    return next(t for t in doc.tables if any(c.text == "Nama / NIK" for c in _distinct_cells(t.rows[0])))


def _distinct_cells(row) -> list:
    """The cells of a row once each (python-docx repeats a merged cell for every grid column)."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def test_template_declares_exactly_the_context_variables() -> None:
    assert DocxTemplate(str(TEMPLATE)).get_undeclared_template_variables() == VARIABLES


def test_names_appear_verbatim_in_the_annex(rendered: docx.document.Document) -> None:
    table = _annex_table(rendered)
    text = "\n".join(cell.text for row in table.rows for cell in _distinct_cells(row))
    for person in sample_context()["aparat"]:
        assert person["nama"] in text
        assert person["nik"] in text
    assert TRICKY in text
    assert "Sudah terdaftar, KPJ 21012345678" in text


def test_one_body_row_per_aparat_and_one_column_per_programme(rendered: docx.document.Document) -> None:
    ctx = sample_context()
    table = _annex_table(rendered)
    top, bottom, *rows = table.rows
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is not None for row in (top, bottom))
    body = [row for row in rows if not row.cells[0].text.startswith("Jumlah")]
    assert len(body) == len(ctx["aparat"])
    assert [row.cells[0].text for row in body] == ["1", "2", "3"]
    assert [cell.text for cell in _distinct_cells(top)] == [
        "No", "Nama / NIK", "Jabatan", "Dasar Upah per Bulan (Rp)", "Iuran per Bulan (Rp)",
        "Jumlah Iuran per Bulan (Rp)", "Keterangan"]
    # One column per programme under the merged title; the other titles span both rows.
    assert [cell.text for cell in _distinct_cells(bottom)] == [
        "No", "Nama / NIK", "Jabatan", "Dasar Upah per Bulan (Rp)", "JKK (0,24%)", "JKM (0,30%)",
        "Jumlah Iuran per Bulan (Rp)", "Keterangan"]
    first = [cell.text for cell in _distinct_cells(body[0])]
    assert first[3:7] == ["2.426.640", "5.824", "7.280", "13.104"]
    assert [cell.text for cell in _distinct_cells(body[2])][3:7] == ["2.022.200", "-", "-", "-"]
    total = [cell.text for cell in _distinct_cells(rows[-2])]
    assert total == ["Jumlah per bulan", "6.673.260", "11.163", "13.953", "25.116", ""]
    year = [cell.text for cell in _distinct_cells(rows[-1])]
    assert year == ["Jumlah per tahun", "12 \u00d7 25.116", "301.392", ""]
    # After the column loop the grid still matches the cells, in equal units.
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    for row in table.rows:
        assert sum(cell._tc.grid_span for cell in _distinct_cells(row)) == len(grid)
    assert len({col.get(qn("w:w")) for col in grid}) == 1


def test_letter_text(rendered: docx.document.Document) -> None:
    ctx = sample_context()
    text = _body_text(rendered)
    cells = "\n".join(c.text for t in rendered.tables for row in t.rows for c in _distinct_cells(row))
    assert ctx["surat"]["nomor"] in cells
    assert ctx["surat"]["hal"] in cells
    assert "Oelamasi, 1 Desember 2026" in text
    assert "Yth.\tKepala Desa Oelnasi" in text
    assert "Kecamatan Kupang Tengah" in text
    assert "1.\tCamat Kupang Tengah" in text
    assert "2.\tKepala BPJS Ketenagakerjaan Kantor Cabang Kupang" in text
    assert "sebanyak 1 orang" in text  # ringkas.sudah > 0: the paragraph is kept
    assert "a.n. BUPATI KUPANG" in text and "NIP. 197001011995031001" in text
    assert "Terbilang: dua ratus delapan puluh delapan ribu" in text
    assert "TANGGAL\t: 1 Desember 2026" in text
    assert "sebagai peserta Penerima Upah dalam program" in text
    # a date takes no words (PP 44/2015 Pasal 21 ayat (2)); the budget is "APB Desa" everywhere
    assert ("dari Anggaran Pendapatan dan Belanja Desa Oelnasi (APB Desa) paling lambat tanggal 15 bulan "
            "berikutnya.") in text
    assert ("menganggarkan iuran sebesar Rp24.024,00 (dua puluh empat ribu dua puluh empat rupiah) per "
            "bulan atau Rp288.288,00 (dua ratus delapan puluh delapan ribu dua ratus delapan puluh "
            "delapan rupiah) per tahun dalam APB Desa Oelnasi; dan") in text
    assert "APBDes" not in text and "(lima belas)" not in text
    assert "Dasar Upah per Bulan (Rp)" in cells
    assert "{" not in text and "}" not in text


def test_the_scheme_sets_category_due_month_and_base_heading(tmp_path: Path) -> None:
    context = sample_context()
    context["skema"] = {"kategori": "Bukan Penerima Upah", "jatuh_tempo": "bulan yang bersangkutan",
                        "dasar": "Penghasilan yang Dilaporkan per Bulan (Rp)"}
    context["jatuh_tempo"] = "tanggal 15 bulan yang bersangkutan"
    doc = render(tmp_path / "bpu.docx", context)
    text = _body_text(doc)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in _distinct_cells(row))
    assert "sebagai peserta Bukan Penerima Upah dalam program" in text
    assert "paling lambat tanggal 15 bulan yang bersangkutan." in text
    assert "Penghasilan yang Dilaporkan per Bulan (Rp)" in cells
    assert "Dasar Upah" not in cells


def test_a_worker_s_share_is_said_deducted_and_shown_apart_in_the_annex(tmp_path: Path) -> None:
    context = sample_context()
    context["potongan"] = {"ada": True, "program": "JHT 2% dan JP 1%"}
    context["ringkas"].update(potongan="Rp78.624,00",
                              potongan_terbilang="tujuh puluh delapan ribu enam ratus dua puluh empat rupiah")
    context["total"].update(pemberi_kerja=["11.163", "13.953"], pekerja=["40.000", "38.624"],
                            dianggarkan="25.116", dipotong="78.624")
    doc = render(tmp_path / "potongan.docx", context)
    text = _body_text(doc)
    assert ("Iuran bagian pemberi kerja dibayar oleh Pemerintah Desa dari Anggaran Pendapatan dan "
            "Belanja Desa Oelnasi (APB Desa), sedangkan iuran bagian peserta (JHT 2% dan JP 1%) "
            "dipotong dari siltap aparat desa yang bersangkutan; keduanya disetorkan oleh Pemerintah "
            "Desa paling lambat tanggal 15 bulan berikutnya.") in text
    assert ("dan memotong iuran bagian peserta sebesar Rp78.624,00 (tujuh puluh delapan ribu enam ratus "
            "dua puluh empat rupiah) per bulan dari siltap aparat desa yang bersangkutan; dan") in text
    rows = [[c.text for c in _distinct_cells(row)] for t in doc.tables for row in t.rows]
    assert ["Dianggarkan dalam APB Desa per bulan", "", "11.163", "13.953", "25.116", ""] in rows
    assert ["Dipotong dari siltap per bulan", "", "40.000", "38.624", "78.624", ""] in rows
    assert any(r[0] == "Dianggarkan per tahun" for r in rows)
    # without a worker's share neither row is there
    plain = render(tmp_path / "plain.docx", sample_context())
    rows = [[c.text for c in _distinct_cells(row)] for t in plain.tables for row in t.rows]
    assert not any("Dipotong" in r[0] or "Dianggarkan" in r[0] for r in rows)
    assert any(r[0] == "Jumlah per tahun" for r in rows)


def test_optional_parts_disappear(tmp_path: Path) -> None:
    ctx = sample_context()
    ctx["ringkas"]["sudah"] = 0
    ctx["ttd"] = {"an": "", "jabatan": "BUPATI KUPANG,", "nama": "YOSEF LEDE", "pangkat": "", "nip": "",
                  "elektronik": False, "catatan": []}
    ctx["kab"].update(alamat="", telepon="", laman="", email="", kode_pos="")
    doc = render(tmp_path / "surat.docx", ctx)
    text = _body_text(doc)
    assert "sebanyak" not in text and "NIP" not in text and "a.n." not in text
    assert "YOSEF LEDE" in text
    kop = doc.sections[0].first_page_header.tables[0]
    assert [p.text for p in kop.rows[0].cells[1].paragraphs] == ["PEMERINTAH KABUPATEN KUPANG"]


def test_kop_page_and_fonts(rendered: docx.document.Document) -> None:
    section = rendered.sections[0]
    assert section.different_first_page_header_footer
    kop = section.first_page_header.tables[0]
    lines = [p.text for p in kop.rows[0].cells[1].paragraphs]
    assert lines[0] == "PEMERINTAH KABUPATEN KUPANG"
    assert lines[1] == "Jalan Timor Raya Km. 36, Oelamasi, Telepon (0380) 123456"
    assert lines[2] == "Laman kupangkab.go.id, Pos-el setda@kupangkab.go.id, Kode Pos 85362"
    # the coat of arms: a picture named so perbup can put the regency's image in its place
    names = [d.get("name") for d in kop.rows[0].cells[0]._tc.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert names == ["lambang_daerah"]
    assert not "".join(p.text for p in section.header.paragraphs)
    # Word stores the page size in twips: 215 x 330 mm round to within 0.01 mm.
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width.mm - 215) < 0.01 and abs(section.page_height.mm - 330) < 0.01
    normal = rendered.styles["Normal"]
    assert normal.font.name == "Bookman Old Style"
    assert normal.font.size.pt == 12
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {
        "Bookman Old Style"}
