"""Numbering, cross-references and data in the decree: what the Word template receives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from perbup.base.errors import DataError
from perbup.compute.numbering import Block, Decree, build_decree, huruf, marker, ordinal, romawi
from perbup.load.content import Content, load_content

ROOT = Path(__file__).resolve().parent.parent
DATA: dict[str, Any] = {
    "kepala_upper": "BUPATI KUPANG", "kabupaten": "Kabupaten Kupang", "ibu_kota": "Oelamasi",
    "tahun": 2026, "jumlah_desa": 160, "jumlah_desa_terdaftar": 2, "jumlah_aparat": 1540,
    "jumlah_aparat_terdaftar": 19, "jumlah_kecamatan": 24, "iuran_bulanan": "Rp 1.444.534",
    "iuran_tahunan": "Rp 17.334.408",
    "iuran_tahunan_terbilang": "tujuh belas juta tiga ratus tiga puluh empat ribu empat ratus delapan rupiah",
    "program_teks": "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)", "batas_hari_kerja": 30,
    "bpjs_kantor": "BPJS Ketenagakerjaan Kantor Cabang Kupang",
}

HEAD = """\
judul: Kepesertaan Aparat Desa
menimbang: [bahwa a;, bahwa b;]
mengingat: [Pasal 18 ayat (6) UUD.]
"""


def load(text: str, tmp_path: Path) -> Content:
    path = tmp_path / "perbup.yaml"
    path.write_text(text, encoding="utf-8")
    return load_content(path, "content/perbup.yaml")[0]


def build(text: str, tmp_path: Path, data: dict[str, Any] | None = None) -> Decree:
    return build_decree(load(text, tmp_path), DATA if data is None else data, "content/perbup.yaml")


def failures(text: str, tmp_path: Path) -> list[tuple[int | None, str, str | None]]:
    with pytest.raises(DataError) as caught:
        build(text, tmp_path)
    return [(p.row, p.message, p.hint) for p in caught.value.problems]


def test_numbers_in_words_and_numerals() -> None:
    assert [romawi(n) for n in (1, 4, 9, 14, 40, 1945)] == ["I", "IV", "IX", "XIV", "XL", "MCMXLV"]
    assert [ordinal(n) for n in (1, 2, 3, 10, 11, 12, 21)] == [
        "Kesatu", "Kedua", "Ketiga", "Kesepuluh", "Kesebelas", "Kedua Belas", "Kedua Puluh Satu"]
    assert [huruf(n) for n in (1, 2, 26, 27, 28, 52, 53)] == ["a", "b", "z", "aa", "ab", "az", "ba"]
    assert [marker(style, 2) for style in range(4)] == ["b.", "2.", "b)", "2)"]


BODY = HEAD + """\
bab:
  - judul: Ketentuan Umum
    pasal:
      - teks: "Dalam Peraturan Bupati ini yang dimaksud dengan:"
        penomoran: angka
        daftar:
          - Desa adalah desa.
          - teks: "Aparat Desa adalah:"
            label: aparat
            daftar: [kepala desa; dan, perangkat desa.]
  - judul: Kepesertaan
    bagian:
      - judul: Pendaftaran
        pasal:
          - label: daftar
            ayat:
              - teks: Aparat didaftarkan.
                label: wajib
              - teks: "Pendaftaran sebagaimana dimaksud pada [[wajib]] memuat:"
                daftar:
                  - teks: "data:"
                    daftar:
                      - teks: nama; dan
                        label: nama
                      - jabatan.
                  - teks: bukti, sebagaimana dimaksud pada [[nama]].
                    label: bukti
      - judul: Iuran
        paragraf:
          - judul: Besaran
            pasal:
              - Iuran menurut [[daftar]], [[bukti]], [[aparat]], dan [[lampiran]].
          - judul: Pembayaran
            pasal: ["Dibayar paling lama {{ batas_hari_kerja | angka }} hari kerja."]
  - judul: Ketentuan Penutup
    bagian:
      - judul: Berlaku
        pasal:
          - Berlaku dalam {{ kabupaten }} tahun {{ tahun }}.
lampiran:
  - judul: Rekapitulasi {{ tahun }}
    isi: rekap_kecamatan
"""


def test_the_body_is_numbered_the_way_the_rules_do(tmp_path: Path) -> None:
    decree = build(BODY, tmp_path)
    assert [(b.kind, b.nomor, b.judul, b.level) for b in decree.blocks] == [
        ("bab", "BAB I", "KETENTUAN UMUM", 0),
        ("pasal", "Pasal 1", "", 0), ("teks", "", "", 0),
        ("butir", "1.", "", 1), ("butir", "2.", "", 1), ("butir", "a)", "", 2), ("butir", "b)", "", 2),
        ("bab", "BAB II", "KEPESERTAAN", 0),
        ("bagian", "Bagian Kesatu", "Pendaftaran", 0),
        ("pasal", "Pasal 2", "", 0), ("ayat", "(1)", "", 0), ("ayat", "(2)", "", 0),
        ("butir", "a.", "", 1), ("butir", "1.", "", 2), ("butir", "2.", "", 2), ("butir", "b.", "", 1),
        ("bagian", "Bagian Kedua", "Iuran", 0),
        ("paragraf", "Paragraf 1", "Besaran", 0), ("pasal", "Pasal 3", "", 0), ("teks", "", "", 0),
        ("paragraf", "Paragraf 2", "Pembayaran", 0), ("pasal", "Pasal 4", "", 0), ("teks", "", "", 0),
        ("bab", "BAB III", "KETENTUAN PENUTUP", 0),
        ("bagian", "Bagian Kesatu", "Berlaku", 0), ("pasal", "Pasal 5", "", 0), ("teks", "", "", 0),
    ]


def test_references_resolve_by_label_and_shorten_inside_one_pasal(tmp_path: Path) -> None:
    decree = build(BODY, tmp_path)
    texts = [b.teks for b in decree.blocks if b.teks]
    assert "Pendaftaran sebagaimana dimaksud pada ayat (1) memuat:" in texts
    assert "bukti, sebagaimana dimaksud pada huruf a angka 1." in texts  # same ayat: no "ayat (2)"
    assert "Iuran menurut Pasal 2, Pasal 2 ayat (2) huruf b, Pasal 1 angka 2, dan Lampiran." in texts
    assert decree.labels == {"aparat": "Pasal 1 angka 2", "daftar": "Pasal 2", "wajib": "Pasal 2 ayat (1)",
                             "nama": "Pasal 2 ayat (2) huruf a angka 1",
                             "bukti": "Pasal 2 ayat (2) huruf b"}


def test_data_is_filled_in(tmp_path: Path) -> None:
    decree = build(BODY, tmp_path)
    assert decree.blocks[-1].teks == "Berlaku dalam Kabupaten Kupang tahun 2026."
    assert Block("teks", "", "", "Dibayar paling lama 30 (tiga puluh) hari kerja.", 0) in decree.blocks
    assert decree.lampiran == [("", "Rekapitulasi 2026", "rekap_kecamatan")]


def test_the_decree_head_and_closing(tmp_path: Path) -> None:
    decree = build(HEAD + "tahun: 2027\nkonsep: true\npengundangan:\n  tanggal: 2027-01-04\n  nomor: '3'\n"
                   "bab:\n  - judul: Umum\n    pasal: [Berlaku.]\n", tmp_path)
    assert decree.jenis == "perbup" and decree.konsep
    assert decree.judul_dokumen == "PERATURAN BUPATI KUPANG"
    assert decree.nomor_tahun == "NOMOR … TAHUN 2027"
    assert decree.tentang == "KEPESERTAAN APARAT DESA" and decree.nama == "Kepesertaan Aparat Desa"
    assert decree.menetapkan == "PERATURAN BUPATI TENTANG KEPESERTAAN APARAT DESA."
    assert decree.menimbang == [("a.", "bahwa a;"), ("b.", "bahwa b;")]
    assert decree.mengingat == [("1.", "Pasal 18 ayat (6) UUD.")]
    assert (decree.penetapan.tempat, decree.penetapan.tanggal, decree.penetapan.tanggal_teks) == (
        "Oelamasi", None, "…")
    assert (decree.pengundangan.tanggal, decree.pengundangan.tanggal_teks) == (dt.date(2027, 1, 4),
                                                                               "4 Januari 2027")
    assert decree.berita_daerah == "BERITA DAERAH KABUPATEN KUPANG TAHUN 2027 NOMOR 3"


def test_a_kota_decree_is_a_peraturan_wali_kota(tmp_path: Path) -> None:
    data = {**DATA, "kepala_upper": "WALI KOTA KUPANG", "kabupaten": "Kota Kupang"}
    decree = build(HEAD + "bab:\n  - judul: Umum\n    pasal: [Berlaku.]\n", tmp_path, data)
    assert decree.judul_dokumen == "PERATURAN WALI KOTA KUPANG"
    assert decree.menetapkan == "PERATURAN WALI KOTA TENTANG KEPESERTAAN APARAT DESA."


def test_several_annexes_are_numbered(tmp_path: Path) -> None:
    text = HEAD + """\
bab:
  - judul: Umum
    pasal:
      - Lihat [[lampiran:I]], [[lampiran:ii]] dan [[jabatan]].
lampiran:
  - {judul: Per Kecamatan, isi: rekap_kecamatan}
  - {judul: Per Jabatan, isi: rekap_jabatan, label: jabatan}
"""
    decree = build(text, tmp_path)
    assert decree.blocks[-1].teks == "Lihat Lampiran I, Lampiran II dan Lampiran II."
    assert [(n, i) for n, _, i in decree.lampiran] == [("I", "rekap_kecamatan"), ("II", "rekap_jabatan")]
    bare = text.replace("[[lampiran:I]]", "[[lampiran]]")
    assert failures(bare, tmp_path) == [(7, "[[lampiran]]: there are 2 annexes: write [[lampiran:I]] … "
                                            "[[lampiran:II]]", None)]


def test_every_problem_is_reported_at_the_citing_line(tmp_path: Path) -> None:
    text = HEAD + """\
bab:
  - judul: Umum
    pasal:
      - teks: Lihat [[wajb]] dan {{ jumlah_dusun }}.
        label: wajib
      - teks: Lihat [[lampiran]] dan {{ jumlah_desa.nama }}.
        label: wajib
"""
    assert failures(text, tmp_path) == [
        (10, "label 'wajib' is defined twice (first at line 8)", "give each pasal, ayat or list item its "
                                                                 "own label"),
        (7, "reference [[wajb]] names no label", "did you mean [[wajib]]?"),
        (7, "undefined data variable 'jumlah_dusun'", "did you mean 'jumlah_desa'?"),
        (9, "[[lampiran]]: the decree has no 'lampiran'", None),
        (9, "template error: 'int object' has no attribute 'nama'", None),
    ]


def test_an_instruksi_has_kesatu_kedua(tmp_path: Path) -> None:
    decree = build("""\
jenis: instruksi
judul: Percepatan Kepesertaan Aparat Desa
dalam_rangka: Dalam rangka mempercepat kepesertaan aparat desa,
kepada:
  - Camat se-{{ kabupaten }};
  - Kepala Desa se-{{ kabupaten }}.
diktum:
  - teks: "Mendaftarkan aparat desa dengan:"
    label: daftar
    daftar: [data; dan, bukti.]
  - Melaksanakan [[daftar]] paling lama {{ batas_hari_kerja | angka }} hari kerja.
  - Instruksi ini mulai berlaku pada tanggal dikeluarkan.
""", tmp_path)
    assert decree.judul_dokumen == "INSTRUKSI BUPATI KUPANG" and decree.menetapkan == ""
    assert decree.pembukaan == ("Dalam rangka mempercepat kepesertaan aparat desa, dengan ini "
                                "menginstruksikan:")
    assert decree.kepada == [("1.", "Camat se-Kabupaten Kupang;"), ("2.", "Kepala Desa se-Kabupaten Kupang.")]
    assert [(b.kind, b.nomor) for b in decree.blocks] == [
        ("diktum", "KESATU"), ("butir", "a."), ("butir", "b."), ("diktum", "KEDUA"), ("diktum", "KETIGA")]
    assert decree.blocks[3].teks == "Melaksanakan Diktum KESATU paling lama 30 (tiga puluh) hari kerja."


def test_the_seed_builds(tmp_path: Path) -> None:
    # the real data keys, as `perbup decree` computes them from the seed workspace
    from perbup.compute.coverage import compute_coverage
    from perbup.documents.decree import decree_data
    from perbup.load.dataset import load_dataset
    from perbup.load.workspace import Workspace

    workspace = Workspace.load(ROOT / "seeds")
    data = decree_data(workspace.config, compute_coverage(load_dataset(workspace)))
    content, _ = load_content(ROOT / "seeds" / "content" / "perbup.yaml", "content/perbup.yaml")
    decree = build_decree(content, data, "content/perbup.yaml")
    assert [b.nomor for b in decree.blocks if b.kind == "pasal"][-1] == "Pasal 12"
    assert [b.judul for b in decree.blocks if b.kind == "bab"][-1] == "KETENTUAN PENUTUP"
    assert decree.blocks[-1].teks == "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan."
    assert decree.penutup == ["Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan "
                              "Bupati ini dengan penempatannya dalam Berita Daerah Kabupaten Kupang."]
    assert decree.menimbang[3][1].startswith("bahwa dari 160 (seratus enam puluh) desa di Kabupaten Kupang,")
    assert decree.labels["laporan-camat"] == "Pasal 10 ayat (2)"
    assert [n for n, _, _ in decree.lampiran] == ["I", "II"]
    body = " ".join(b.teks for b in decree.blocks)
    assert "{{" not in body and "[[" not in body
    # this week's totals are in the annex, not in a pasal (docs/decree.md)
    assert data["iuran_tahunan"] not in body and data["iuran_bulanan"] not in body


def test_a_bab_title_is_in_capitals_after_its_data_is_filled_in(tmp_path: Path) -> None:
    decree = build(HEAD + "bab:\n  - judul: Ketentuan Khusus {{ kabupaten }}\n    pasal: [Berlaku.]\n",
                   tmp_path)
    assert decree.blocks[0] == Block("bab", "BAB I", "KETENTUAN KHUSUS KABUPATEN KUPANG", "", 0)


def test_the_promulgation_order_is_a_paragraph_after_the_last_pasal(tmp_path: Path) -> None:
    standard = build(HEAD + "bab:\n  - judul: Umum\n    pasal: [Berlaku.]\n", tmp_path)
    assert standard.penutup == ["Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan "
                                "Bupati ini dengan penempatannya dalam Berita Daerah Kabupaten Kupang."]
    # Written into the last pasal, it is split off it.
    inside = build(HEAD + "bab:\n  - judul: Umum\n    pasal:\n      - Mulai berlaku. Agar setiap orang "
                          "mengetahuinya, memerintahkan pengundangan.\n", tmp_path)
    assert inside.blocks[-1].teks == "Mulai berlaku."
    assert inside.penutup == ["Agar setiap orang mengetahuinya, memerintahkan pengundangan."]
    own = build(HEAD + "bab:\n  - judul: Umum\n    pasal: [Berlaku.]\n"
                       "penutup: Agar diketahui, dalam Berita Daerah {{ kabupaten }}.\n", tmp_path)
    assert own.penutup == ["Agar diketahui, dalam Berita Daerah Kabupaten Kupang."]
    assert own.blocks[-1].teks == "Berlaku."
