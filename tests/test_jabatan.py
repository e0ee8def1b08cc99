"""Positions: the spellings village lists really use, and the hint for one perbup cannot read."""

from __future__ import annotations

import pytest

from perbup.load.jabatan import parse_jabatan, suggest


@pytest.mark.parametrize(("typed", "position"), [
    # acting heads are paid and covered as the post itself
    ("Pj. Kepala Desa", "Kepala Desa"),
    ("Plt. Kepala Desa", "Kepala Desa"),
    ("Plt Kades", "Kepala Desa"),
    ("Plh. Kades", "Kepala Desa"),
    ("Penjabat Kepala Desa", "Kepala Desa"),
    ("Pejabat Kepala Desa", "Kepala Desa"),
    ("Pj. Sekdes", "Sekretaris Desa"),
    # local names of the village head and secretary
    ("Kades", "Kepala Desa"),
    ("Perbekel", "Kepala Desa"),
    ("Kuwu", "Kepala Desa"),
    ("Petinggi", "Kepala Desa"),
    ("Keuchik", "Kepala Desa"),
    ("Geuchik", "Kepala Desa"),
    ("Hukum Tua", "Kepala Desa"),
    ("Kepala Kampung", "Kepala Desa"),
    ("Wali Nagari", "Kepala Desa"),
    ("Sekdes", "Sekretaris Desa"),
    ("Sekretaris", "Sekretaris Desa"),
    ("Carik", "Sekretaris Desa"),
    ("Penyarikan", "Sekretaris Desa"),
    # the urusan of the secretariat
    ("Kaur TU dan Umum", "Kepala Urusan Tata Usaha dan Umum"),
    ("Kaur TU & Umum", "Kepala Urusan Tata Usaha dan Umum"),
    ("Kaur TU Umum", "Kepala Urusan Tata Usaha dan Umum"),
    ("Kaur Tata Usaha", "Kepala Urusan Tata Usaha dan Umum"),
    ("Kaur Umum", "Kepala Urusan Tata Usaha dan Umum"),
    ("Kaur Umum dan Perencanaan", "Kepala Urusan Umum dan Perencanaan"),
    ("Kaur Keuangan", "Kepala Urusan Keuangan"),
    ("Kaur Keu", "Kepala Urusan Keuangan"),
    ("Bendahara Desa", "Kepala Urusan Keuangan"),
    ("Bendahara", "Kepala Urusan Keuangan"),
    ("Kaur Bendahara", "Kepala Urusan Keuangan"),
    ("Kaur Ren", "Kepala Urusan Perencanaan"),
    # the seksi
    ("Kasi Pem", "Kepala Seksi Pemerintahan"),
    ("Kasi Pemerintahan", "Kepala Seksi Pemerintahan"),
    ("Kasi Kesra", "Kepala Seksi Kesejahteraan"),
    ("Kasi Kesejahteraan Rakyat", "Kepala Seksi Kesejahteraan"),
    ("Kasi Kesra dan Pelayanan", "Kepala Seksi Kesejahteraan dan Pelayanan"),
    ("Kasie Yan", "Kepala Seksi Pelayanan"),
    # the kewilayahan: Kepala Dusun "atau sebutan lain"
    ("Kadus 2", "Kepala Dusun 2"),
    ("Kepala Dusun III", "Kepala Dusun III"),
    ("Kepala Wilayah 2", "Kepala Dusun 2"),
    ("Kepala Kewilayahan I", "Kepala Dusun I"),
    ("Kawil III", "Kepala Dusun III"),
    ("Kasun Krajan", "Kepala Dusun Krajan"),
    ("Kamituwo 2", "Kepala Dusun 2"),
    ("Kepala Dukuh Ngasem", "Kepala Dusun Ngasem"),
    ("Dukuh Ngasem", "Kepala Dusun Ngasem"),
    ("Kepala Jorong 1", "Kepala Dusun 1"),
    ("Kelian Dinas Tegal", "Kepala Dusun Tegal"),
    ("Kelian Banjar Dinas Tegal", "Kepala Dusun Tegal"),
])
def test_spellings_people_type_are_read_as_their_position(typed: str, position: str) -> None:
    found = parse_jabatan(typed)
    assert found is not None, typed
    assert found.nama == position


@pytest.mark.parametrize(("typed", "hint"), [
    ("Bendahra Desa", "Kepala Urusan Keuangan"),
    ("Sekretaris Dsa", "Sekretaris Desa"),
    ("Kasi Pemerintahn", "Kepala Seksi Pemerintahan"),
    ("Ketua RT", None),
])
def test_an_unknown_spelling_suggests_the_post_it_is_closest_to(typed: str, hint: str | None) -> None:
    assert parse_jabatan(typed) is None
    assert suggest(typed) == hint


def test_a_dusun_named_like_a_local_title_keeps_its_name() -> None:
    found = parse_jabatan("Kepala Dusun Dukuh Baru")
    assert found is not None and found.nama == "Kepala Dusun Dukuh Baru"
