"""A small clean Peraturan Bupati draft, and how a lint test edits it and reads the result."""

from __future__ import annotations

import json
from pathlib import Path

from perbup.lint.run import lint
from perbup.load.content import load_content

UUD = "Pasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945"
UU24 = ("Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial (Lembaran Negara "
        "Republik Indonesia Tahun 2011 Nomor 116, Tambahan Lembaran Negara Republik Indonesia Nomor 5256)")
PP44 = ("Peraturan Pemerintah Nomor 44 Tahun 2015 tentang Penyelenggaraan Program Jaminan Kecelakaan "
        "Kerja dan Jaminan Kematian (Lembaran Negara Republik Indonesia Tahun 2015 Nomor 154, Tambahan "
        "Lembaran Negara Republik Indonesia Nomor 5714)")

BASE = f"""\
jenis: perbup
judul: Kepesertaan Aparat Desa
menimbang:
  - bahwa aparat desa perlu dilindungi;
  - >-
    bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan
    Peraturan Bupati tentang Kepesertaan Aparat Desa;
mengingat:
  - {UUD};
  - {UU24}.
bab:
  - judul: Ketentuan Umum
    pasal:
      - teks: "Dalam Peraturan Bupati ini yang dimaksud dengan:"
        penomoran: angka
        daftar:
          - Desa adalah desa di Kabupaten Kupang.
          - Aparat Desa adalah kepala Desa dan perangkat Desa.
  - judul: Kepesertaan
    pasal:
      - label: pendaftaran
        ayat:
          - teks: Aparat Desa pada setiap Desa didaftarkan paling lama 14 (empat belas) hari kerja.
            label: batas
          - teks: "Pendaftaran sebagaimana dimaksud pada [[batas]] memuat:"
            daftar:
              - nama;
              - jabatan; dan
              - penghasilan.
      - >-
        Rekapitulasi tercantum dalam [[lampiran]] yang merupakan bagian tidak terpisahkan dari
        Peraturan Bupati ini.
  - judul: Ketentuan Penutup
    pasal:
      - >-
        Peraturan Bupati ini mulai berlaku pada tanggal diundangkan. Agar setiap orang
        mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan penempatannya dalam
        Berita Daerah Kabupaten Kupang.
lampiran:
  - judul: Rekapitulasi per Kecamatan
    isi: rekap_kecamatan
"""


def run(text: str, tmp_path: Path) -> list[tuple[int | None, str, str]]:
    path = tmp_path / "perbup.yaml"
    path.write_text(text, encoding="utf-8")
    content, _ = load_content(path, "content/perbup.yaml")
    return [(p.row, p.severity, p.message) for p in lint(content, "content/perbup.yaml")]


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line(text: str, snippet: str) -> int:
    """The 1-based line where `snippet` first appears, so a test names the line it means."""
    return text[: text.index(snippet)].count("\n") + 1


LAST_ITEM = "              - penghasilan.\n"


def with_ayat(sentence: str, text: str = BASE) -> str:
    """The draft with one more ayat in Pasal 2, after its list: Pasal 2 ayat (3)."""
    return edit(LAST_ITEM, f"{LAST_ITEM}          - {json.dumps(sentence, ensure_ascii=False)}\n", text)
