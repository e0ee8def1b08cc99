"""The law in force as the documents state it: rates with their shares, the siltap base with its
source, who pays, when, and the registration deadline, in the decree's words and the letter's.

One place for these sentences, so the decree's pasal, its annex notes, the instruksi, the surat
edaran and the letters always state the same figures with the same sources. `formal` is the
wording of a Peraturan Bupati, whose Ketentuan Umum defines the terms it capitalises (Kepala
Desa, Perangkat Desa, Peserta, Penghasilan Tetap); without it, an instruksi's or an edaran's
plain words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from perbup.base.formats import persen, rupiah, rupiah_kata, rupiah_terbilang, terbilang
from perbup.compute.deadline import aturan
from perbup.compute.iuran import NAMA_PROGRAM, daftar, tarif_teks
from perbup.load.instrumen import DASAR
from perbup.load.ketentuan import GOLONGAN, Ketentuan, Tarif, cite
from perbup.load.rules import Golongan

#: The positions as each wording names them (PP 16/2026 Pasal 90 writes "Kepala Desa, sekretaris
#: Desa, dan Perangkat Desa lainnya").
_GOLONGAN = {True: {"kepala_desa": "Kepala Desa", "sekretaris_desa": "sekretaris Desa",
                    "perangkat": "Perangkat Desa lainnya"},
             False: {"kepala_desa": "kepala desa", "sekretaris_desa": "sekretaris desa",
                     "perangkat": "perangkat desa lainnya"}}
_KELAS = {"sangat_rendah": "sangat rendah", "rendah": "rendah", "sedang": "sedang", "tinggi": "tinggi",
          "sangat_tinggi": "sangat tinggi"}
#: How a decree names itself when it states the deadline.
_DIRI = {"perbup": "Peraturan {kepala} ini", "instruksi": "Instruksi {kepala} ini",
         "surat_edaran": "Surat Edaran ini"}


def persen_terbilang(rate: Decimal) -> str:
    """A rate as `persen` writes it, in words: 0,24% → "nol koma dua puluh empat persen"."""
    whole, _, frac = persen(rate).removesuffix("%").partition(",")
    words = terbilang(int(whole))
    if frac.strip("0"):
        # "0,24" reads "nol koma dua puluh empat"; a leading zero is read digit by digit.
        decimals = (" ".join(terbilang(int(d)) for d in frac) if frac.startswith("0")
                    else terbilang(int(frac)))
        words += " koma " + decimals
    return words + " persen"


def _siltap_source(k: Ketentuan) -> str:
    """"Pasal 90 ayat (2) Peraturan Pemerintah Nomor 16 Tahun 2026": the article that sets the
    minimum of every position (its huruf a, b and c, cited together)."""
    rows = [k.siltap[g].row for g in GOLONGAN]
    pasal = rows[0].pasal
    if len({r.pasal for r in rows}) > 1:
        pasal = re.sub(r" huruf [a-z]$", "", pasal)
    return f"{pasal} {k.rules.act(rows[0].peraturan).judul}"


def _rate(rate: Decimal) -> str:
    return f"{persen(rate)} ({persen_terbilang(rate)})"


def _amount(amount: int) -> str:
    return rupiah_kata(amount)


def program_singkat(k: Ketentuan) -> str:
    """"JKK dan JKM": the programmes the desa pay for, by the abbreviations the decree defines."""
    return daftar([p.upper() for p in k.programs])


def _one_rate(k: Ketentuan, tarif: Tarif, formal: bool) -> str:
    name = f"Iuran {tarif.program.upper()}" if formal else NAMA_PROGRAM[tarif.program]
    if tarif.flat:
        return f"{name} sebesar {_amount(int(tarif.jumlah))} setiap bulan"
    text = f"{name} sebesar {_rate(tarif.jumlah)}"
    if tarif.program == "jkk" and not k.bpu:
        text += f" untuk kelompok tingkat risiko {_KELAS[k.kelas_risiko]}"
    if tarif.pekerja:
        peserta = "Peserta" if formal else "peserta"
        text += (f", terdiri atas {_rate(tarif.pemberi_kerja)} bagian pemberi kerja dan "
                 f"{_rate(tarif.pekerja)} bagian {peserta}")
    return text


def besaran_iuran(k: Ketentuan, formal: bool) -> str:
    """Each programme the desa pay for and its rate, with the shares where a worker pays part:
    "Iuran JKK sebesar 0,24% (nol koma dua puluh empat persen) untuk kelompok tingkat risiko
    sangat rendah dan Iuran JKM sebesar 0,30% (nol koma tiga puluh persen)"."""
    return daftar([_one_rate(k, k.tarif[p], formal) for p in k.programs])


def pembayaran_iuran(k: Ketentuan, formal: bool) -> str:
    """Who pays: all of it the desa, or the employer's share the desa and the worker's share
    deducted from the siltap (PP 45/2015 Pasal 30 ayat (1): the employer collects it)."""
    if formal:
        if not k.potongan:
            return "seluruhnya dibayar oleh Pemerintah Desa sebagai pemberi kerja"
        return ("bagian pemberi kerja dibayar oleh Pemerintah Desa sebagai pemberi kerja, sedangkan "
                "bagian Peserta dipotong dari Penghasilan Tetap Peserta dan disetorkan oleh "
                "Pemerintah Desa")
    if not k.potongan:
        return "seluruh iuran dibayar oleh pemerintah desa sebagai pemberi kerja"
    return ("iuran bagian pemberi kerja dibayar oleh pemerintah desa sebagai pemberi kerja, sedangkan "
            "iuran bagian peserta dipotong dari penghasilan tetap peserta dan disetorkan oleh "
            "pemerintah desa")


def _amounts(k: Ketentuan, formal: bool, pick: str) -> str:
    names = _GOLONGAN[formal]
    return daftar([f"{_amount(getattr(k.siltap[g], pick))} bagi {names[g]}" for g in GOLONGAN])


def siltap_besaran(k: Ketentuan, formal: bool) -> str:
    """The base of someone whose siltap the list does not give, and its source: the regent's
    amounts with the Peraturan Bupati that sets them, else the minimum in force with its act
    (and the base pay it is a share of)."""
    word = "Penghasilan Tetap" if formal else "penghasilan tetap"  # a defined term in a Perbup
    if k.siltap_daerah:
        amounts = _amounts(k, formal, "daerah")
        return f"{word} yang ditetapkan dalam {k.siltap_dasar}, yaitu {amounts}"
    siltap = k.siltap["kepala_desa"]
    rules = k.rules
    source = f"{_siltap_source(k)} tentang {rules.act(siltap.row.peraturan).tentang}"
    if siltap.gaji_pokok is None:
        return f"{word} paling sedikit menurut {source}, yaitu {_amounts(k, formal, 'minimum')}"
    pay = rules.act(siltap.gaji_pokok.peraturan)
    return (f"besaran {word} menurut {source} dari gaji pokok pegawai negeri sipil golongan "
            f"ruang II/a masa kerja 0 (nol) tahun menurut {pay.judul} tentang {pay.tentang}, yaitu "
            f"{_amounts(k, formal, 'minimum')}")


def siltap_catatan(k: Ketentuan, money: Callable[[int], str] = rupiah) -> str:
    """The annex note on the base, with its source (the letters' and the decree's annexes);
    amounts written by `money`, the document's own form."""
    names = _GOLONGAN[False]
    if k.siltap_daerah:
        amounts = ", ".join(f"{names[g]} {money(k.siltap[g].daerah or 0)}" for g in GOLONGAN)
        return (f"Dasar upah iuran adalah penghasilan tetap aparat desa sebulan; apabila daftar aparat "
                f"desa tidak memuatnya, dipakai penghasilan tetap menurut {k.siltap_dasar}: {amounts}.")
    pay = k.siltap["kepala_desa"].gaji_pokok

    def share(g: Golongan) -> str:
        part = k.siltap[g].row.persen
        return f"{names[g]} {money(k.siltap[g].minimum)}" + (f" ({persen(part)})" if part else "")

    of_pay = (f" dari gaji pokok pegawai negeri sipil golongan ruang II/a masa kerja 0 (nol) tahun "
              f"sebesar {money(pay.rupiah)} menurut {cite(k.rules, pay)}" if pay is not None else "")
    own = f"Penghasilan tetap aparat desa ditetapkan dalam {k.siltap_dasar}. " if k.siltap_dasar else ""
    return (f"{own}Dasar upah iuran adalah penghasilan tetap aparat desa sebulan; apabila daftar aparat "
            f"desa tidak memuatnya, dipakai besaran penghasilan tetap menurut {_siltap_source(k)}"
            f"{of_pay}: {daftar([share(g) for g in GOLONGAN])}.")


def tarif_sumber(k: Ketentuan, program: str) -> str:
    """"Pasal 16 ayat (1) huruf a Peraturan Pemerintah Nomor 44 Tahun 2015": a rate's source."""
    return cite(k.rules, k.tarif[program].row)  # type: ignore[index]


def batas_pendaftaran(hari: int, jenis: str, kepala: str) -> str:
    """The deadline as decree `jenis` states it for itself: "30 (tiga puluh) hari kerja sejak
    Peraturan Bupati ini diundangkan" (perbup/compute/deadline.py)."""
    return aturan(hari, _DIRI[jenis].format(kepala=kepala), DASAR[jenis])


def rate_data(k: Ketentuan, formal: bool) -> dict[str, str]:
    """What a decree's text may cite of the law in force, with words, instead of typing it:
    `tarif_jkk` "0,24%" and `tarif_jkk_terbilang`; each share (`tarif_jht_pemberi_kerja`,
    `tarif_jht_pekerja`); `siltap_minimum_kepala_desa` "Rp2.620.800,00", the base used
    (`siltap_kepala_desa`: the regent's amount, else the minimum) and `siltap_besaran`, the
    base with its source; `besaran_iuran`, `pembayaran_iuran`, `jatuh_tempo`, `program_singkat`."""
    from perbup.compute.iuran import jatuh_tempo

    out: dict[str, str] = {}
    for program, tarif in k.tarif.items():
        out[f"tarif_{program}"] = tarif_teks(tarif, rupiah)
        out[f"tarif_{program}_terbilang"] = (rupiah_terbilang(int(tarif.jumlah)) if tarif.flat
                                             else persen_terbilang(tarif.jumlah))
        if not tarif.flat:
            for share in ("pemberi_kerja", "pekerja"):
                rate = getattr(tarif, share)
                out[f"tarif_{program}_{share}"] = persen(rate)
                out[f"tarif_{program}_{share}_terbilang"] = persen_terbilang(rate)
    if k.bpu:
        out["penghasilan_bpu"] = rupiah(k.penghasilan_bpu)
        out["penghasilan_bpu_terbilang"] = rupiah_terbilang(k.penghasilan_bpu)
    golongan: tuple[Golongan, ...] = GOLONGAN
    for name in golongan:
        siltap = k.siltap[name]
        for key, amount in ((f"siltap_minimum_{name}", siltap.minimum),
                            (f"siltap_{name}", siltap.dasar_upah)):
            out[key] = rupiah(amount)
            out[f"{key}_terbilang"] = rupiah_terbilang(amount)
    beban = "Iuran bagian pemberi kerja" if k.potongan else "Iuran"
    out.update(siltap_besaran=siltap_besaran(k, formal), besaran_iuran=besaran_iuran(k, formal),
               beban_apb_desa=beban,
               pembayaran_iuran=pembayaran_iuran(k, formal), jatuh_tempo=jatuh_tempo(k),
               program_singkat=program_singkat(k))
    return out

