"""The JDIH record of a promulgated decree, with the keys of the national JDIHN feed, and its abstract."""

from __future__ import annotations

import importlib.resources
import json
import re
from collections.abc import Mapping
from typing import Any

from perbup.compute.numbering import Decree
from perbup.documents.publish.facts import SINGKATAN, Terbitan
from perbup.load.config import Jdih

#: The record's schema, shipped in the package beside this module.
SCHEMA = "jdih.schema.json"
# The last pasal's usual words (UU 12/2011 Lampiran II): the abstract gives the day they mean.
_BERLAKU = re.compile(r"mulai berlaku pada tanggal diundangkan")


def abstrak(decree: Decree, terbitan: Terbitan, pages: int | None = None) -> str:
    """The abstract in the form JDIH abstracts take (as peraturan.bpk.go.id shows them): the
    act, its gazette, its name; ABSTRAK: the considerations, the legal basis, what it governs
    by BAB; CATATAN: when it takes effect, and how long it is."""
    penetapan, pengundangan = terbitan.tanggal_teks
    bab = [f"{b.nomor} {b.judul}" for b in decree.blocks if b.kind == "bab"]
    berlaku = [b.teks for b in decree.blocks if "mulai berlaku" in b.teks]
    if berlaku and _BERLAKU.search(berlaku[-1]):
        mulai = f"{terbitan.nama_jenis} ini mulai berlaku pada tanggal {pengundangan}."
    elif berlaku:
        mulai = berlaku[-1]
    else:
        mulai = f"{terbitan.nama_jenis} ini diundangkan pada tanggal {pengundangan}."
    pasal = sum(b.kind == "pasal" for b in decree.blocks)
    size = [f"{pasal} pasal", *([f"{len(decree.lampiran)} lampiran"] if decree.lampiran else []),
            *([f"{pages} halaman"] if pages else [])]
    lines = [
        f"{terbitan.nama_jenis.upper()} {terbitan.daerah.upper()} NOMOR {terbitan.nomor} TAHUN "
        f"{terbitan.tahun}",
        f"{terbitan.sumber.upper()}",
        f"{terbitan.nama_jenis.upper()} TENTANG {decree.tentang}",
        "",
        "ABSTRAK:",
        *(f"- {_sentence(teks)}" for _, teks in decree.menimbang),
        "- Dasar Hukum: " + " ".join(_sentence(teks) for _, teks in decree.mengingat),
        f"- Dalam {terbitan.nama_jenis} ini diatur tentang: " + "; ".join(bab) + ".",
        "",
        "CATATAN:",
        f"- {mulai}",
        f"- Ditetapkan di {terbitan.tempat} pada tanggal {penetapan}.",
        f"- {', '.join(size)}.",
    ]
    return "\n".join(lines) + "\n"


def _sentence(teks: str) -> str:
    """A consideration or legal basis as one clause of the abstract: capitalised, its end kept."""
    teks = teks.strip()
    return teks[:1].upper() + teks[1:]


def record(decree: Decree, terbitan: Terbitan, settings: Jdih, summary: str) -> dict[str, Any]:
    """The record, key for key as the JDIHN integration feed names them (docs/publish.md)."""
    base = settings.laman.rstrip("/")
    return {
        "idData": terbitan.frbr_work,
        "tahun_pengundangan": str(terbitan.diundangkan.year),
        "tanggal_penetapan": terbitan.ditetapkan.isoformat(),
        "tanggal_pengundangan": terbitan.diundangkan.isoformat(),
        "jenis": terbitan.nama_jenis,
        "singkatanJenis": SINGKATAN[terbitan.jenis],
        "noPeraturan": terbitan.nomor,
        "judul": terbitan.judul_lengkap,
        "noPanggil": "-",
        "tempatTerbit": terbitan.tempat,
        "penerbit": f"Pemerintah {terbitan.kabupaten}",
        "deskripsiFisik": "-",
        "sumber": terbitan.sumber,
        "subjek": " - ".join(settings.subjek),
        "isbn": "-",
        "status": "Berlaku",
        "bahasa": "Indonesia",
        "bidangHukum": settings.bidang_hukum,
        "teuBadan": settings.teu_badan or terbitan.kabupaten,
        "nomorIndukBuku": "-",
        "penandatangan": terbitan.bupati,
        "lokasi": settings.lokasi or f"Bagian Hukum Sekretariat Daerah {terbitan.kabupaten}",
        "fileDownload": terbitan.file_pdf,
        "urlDownload": f"{base}/{terbitan.file_pdf}" if base else "",
        "abstrak": summary,
    }


def schema() -> Mapping[str, Any]:
    """The record's JSON schema (perbup/documents/publish/jdih.schema.json)."""
    text = (importlib.resources.files("perbup.documents.publish") / SCHEMA).read_text(encoding="utf-8")
    loaded: Mapping[str, Any] = json.loads(text)
    return loaded


def problems(data: Any) -> list[str]:
    """Where `data` breaks the record's schema, as "key: message"; [] when it is valid."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(record)'}: {e.message}"
            for e in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))]


def dumps(data: Mapping[str, Any]) -> bytes:
    """The record as written: UTF-8, keys in the feed's order, one key a line."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
