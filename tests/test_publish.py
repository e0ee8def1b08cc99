"""`perbup publish`: refuses a draft; a promulgated decree's JDIH record and Akoma Ntoso pass
their schemas, the Akoma Ntoso reads back into the same Pasal/ayat tree, and nothing published
carries personal data."""

from __future__ import annotations

import csv
import functools
import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from perbup.compute.coverage import compute_coverage
from perbup.compute.numbering import build_decree
from perbup.documents.decree import decree_data
from perbup.documents.publish import akn, jdih
from perbup.load.content import load_content
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace
from tests.helpers import SEEDS, promulgated_seeds, run
from tests.test_office import office

__all__ = ["office"]  # the fixture: LibreOffice, skipped without it except in CI
BASE = "perbup-kabupaten-kupang-2026-3"
def line(path: Path, text: str, after: str = "") -> int:
    """The number of the first line of `path` that starts with `text` (after the line `after`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(after) if after else 0
    return next(n for n, ln in enumerate(lines[start:], start + 1) if ln.startswith(text))


HINT = "  hint: publish a decree once it is signed and promulgated: fill it in as the legal bureau gave it"


@functools.cache
def published(ttd: str = "basah") -> Path:
    """`perbup publish` run once on promulgated seeds signed the way `ttd` says; the output folder."""
    root = Path(tempfile.mkdtemp(prefix="perbup-publish-"))
    seeds = promulgated_seeds(root / "seeds")
    with (seeds / "perbup.yaml").open("a", encoding="utf-8") as settings:
        settings.write(f"ttd: {ttd}\n")
    result = run("publish", "-w", seeds, "-o", root / "out", "-q")
    assert result.code == 0, result.stderr
    return root / "out"


def test_a_draft_is_refused_with_what_it_lacks(tmp_path: Path) -> None:
    result = run("publish", "-w", SEEDS, "-o", tmp_path / "out")
    content = "<bundled workspace>/content/perbup.yaml"
    seed = SEEDS / "content" / "perbup.yaml"
    signed, promulgated = line(seed, "  tanggal:", "penetapan:"), line(seed, "  tanggal:", "pengundangan:")
    gazette = line(seed, "  nomor:", "pengundangan:")
    assert result.code == 1
    assert result.lines == [
        f"{content}:{line(seed, 'nomor:')}: error: the decree's number ('nomor') is not filled in", HINT,
        f"{content}:{signed}: error: the day it was signed ('penetapan.tanggal') is not filled in", HINT,
        f"{content}:{promulgated}: error: the day it was promulgated ('pengundangan.tanggal') is not "
        "filled in",
        HINT,
        f"{content}:{gazette}: error: the Berita Daerah number ('pengundangan.nomor') is not filled in", HINT,
        "4 error(s), 0 warning(s); nothing was written"]
    assert not (tmp_path / "out").exists()


def test_promulgated_before_signed_is_refused(tmp_path: Path) -> None:
    root = promulgated_seeds(tmp_path / "seeds")
    content = root / "content" / "perbup.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace("tanggal: 2026-12-11",
                                                                   "tanggal: 2026-12-09"),
                       encoding="utf-8")
    result = run("publish", "-w", root, "-o", tmp_path / "out")
    assert result.code == 1
    assert result.lines[-3:] == [
        f"{content}:{line(content, '  tanggal:', 'pengundangan:')}: error: "
        "it was promulgated (2026-12-09) before it was signed (2026-12-10)",
        "  hint: check both dates against the originals",
        "1 error(s), 0 warning(s); nothing was written"]


@functools.cache
def model() -> tuple[Workspace, object]:
    root = promulgated_seeds(Path(tempfile.mkdtemp(prefix="perbup-akn-")) / "seeds")
    workspace = Workspace.load(root)
    content, _ = load_content(workspace.path("content/perbup.yaml"), "content/perbup.yaml")
    coverage = compute_coverage(load_dataset(workspace, None))
    return workspace, build_decree(content, decree_data(workspace.config, coverage), "c")


def test_the_schemas_refuse_what_is_wrong() -> None:
    assert jdih.problems({"judul": "…"})[:2] == [
        "(record): 'idData' is a required property",
        "(record): 'tahun_pengundangan' is a required property"]
    broken = b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act/></akomaNtoso>'
    assert akn.problems(broken) == [
        "1: Element '{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}act': The attribute "
        "'name' is required but missing.",
        "1: Element '{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}act': Missing child "
        "element(s). Expected is ( {http://docs.oasis-open.org/legaldocml/ns/akn/3.0}meta )."]


def test_the_tree_reads_back_and_every_unit_has_an_eid() -> None:
    out = published()
    xml = (out / "publish" / f"{BASE}.akn.xml").read_bytes()
    assert akn.problems(xml) == []
    _, decree = model()
    expected = akn.tree(decree.blocks)  # type: ignore[attr-defined]
    assert akn.read(xml) == expected
    pasal = [u for bab in expected for u in bab.children if u.kind == "pasal"]
    assert [u.nomor for u in expected][:2] == ["BAB I", "BAB II"]
    assert len(pasal) == 12 and pasal[0].nomor == "Pasal 1"
    ayat = next(p for p in pasal if p.children and p.children[0].kind == "ayat")
    assert ayat.children[0].nomor == "(1)"
    root = etree.fromstring(xml)
    ns = {"a": akn.NS}
    units = root.xpath("//a:chapter|//a:section|//a:subsection|//a:paragraph", namespaces=ns)
    assert len(units) > 40 and all(u.get("eId") for u in units)
    assert root.xpath("(//a:section)[1]/@eId", namespaces=ns) == ["sec_1"]
    frbr = root.xpath("//a:act/a:meta/a:identification/a:FRBRWork/a:FRBRuri/@value", namespaces=ns)
    assert frbr == ["/akn/id/act/perbup/kabupaten-kupang/2026/3"]
    assert [r.findtext("a:p", namespaces=ns)[:6] for r in
            root.xpath("//a:preamble/a:recitals/a:recital", namespaces=ns)] == ["bahwa "] * 5
    assert len(root.xpath("//a:attachments/a:attachment//a:table", namespaces=ns)) == 2


def test_the_jdih_record_passes_its_schema_with_the_feed_keys() -> None:
    record = json.loads((published() / "publish" / f"{BASE}.json").read_text(encoding="utf-8"))
    assert jdih.problems(record) == []
    assert {k: record[k] for k in ("judul", "noPeraturan", "jenis", "singkatanJenis",
                                   "tahun_pengundangan", "tanggal_pengundangan", "tempatTerbit",
                                   "teuBadan", "sumber", "status", "bahasa", "penandatangan",
                                   "lokasi", "fileDownload")} == {
        "judul": "Peraturan Bupati Kupang Nomor 3 Tahun 2026 tentang Petunjuk Khusus Kepesertaan "
                 "Aparat Desa dalam Program Jaminan Sosial Ketenagakerjaan",
        "noPeraturan": "3", "jenis": "Peraturan Bupati", "singkatanJenis": "PERBUP",
        "tahun_pengundangan": "2026", "tanggal_pengundangan": "2026-12-11",
        "tempatTerbit": "Oelamasi", "teuBadan": "Kabupaten Kupang",
        "sumber": "Berita Daerah Kabupaten Kupang Tahun 2026 Nomor 3", "status": "Berlaku",
        "bahasa": "Indonesia", "penandatangan": "YOSEF LEDE",
        "lokasi": "Bagian Hukum Sekretariat Daerah Kabupaten Kupang",
        "fileDownload": f"{BASE}.pdf"}
    abstract = (published() / "publish" / f"{BASE}-abstrak.txt").read_text(encoding="utf-8")
    assert record["abstrak"] == abstract
    lines = abstract.splitlines()
    pages = len(PdfReader(published() / "publish" / f"{BASE}.pdf").pages)
    assert lines[:5] == ["PERATURAN BUPATI KUPANG NOMOR 3 TAHUN 2026",
                         "BERITA DAERAH KABUPATEN KUPANG TAHUN 2026 NOMOR 3",
                         "PERATURAN BUPATI TENTANG PETUNJUK KHUSUS KEPESERTAAN APARAT DESA DALAM "
                         "PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN", "", "ABSTRAK:"]
    assert lines[-4:] == ["CATATAN:", "- Peraturan Bupati ini mulai berlaku pada tanggal 11 Desember 2026.",
                          "- Ditetapkan di Oelamasi pada tanggal 10 Desember 2026.",
                          f"- 12 pasal, 2 lampiran, {pages} halaman."]


@pytest.mark.office
@pytest.mark.parametrize("ttd", ["basah", "elektronik"])
def test_the_published_copy_is_the_final_pdf_a_without_personal_data(office: str, ttd: str) -> None:
    out = published(ttd)
    pdf = out / "publish" / f"{BASE}.pdf"
    assert pdf.read_bytes() == (out / "decree" / "perbup.pdf").read_bytes()
    xmp = PdfReader(pdf).xmp_metadata
    assert xmp is not None
    assert [n.firstChild.data for n in xmp.get_nodes_in_namespace("", "http://www.aiim.org/pdfa/ns/id/")] \
        == ["2", "B"]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "KONSEP" not in text and "Paraf Koordinasi" not in text
    # signed electronically, it carries the footer of an electronic signature, and only then
    assert ("Balai Sertifikasi Elektronik (BSrE)" in " ".join(text.split())) == (ttd == "elektronik")
    assert "PERATURAN BUPATI KUPANG" in text and "NOMOR 3 TAHUN 2026" in text
    with (SEEDS / "data" / "aparat.csv").open(encoding="utf-8") as stream:
        names = {row["Nama Lengkap"] for row in csv.DictReader(stream)}
    published_texts = {"pdf": text, **{p.name: p.read_text(encoding="utf-8")
                                       for p in (out / "publish").iterdir() if p.suffix != ".pdf"}}
    for name, shown in published_texts.items():
        assert not re.search(r"(?<!\d)\d{16}(?!\d)", shown), name
        flat = " ".join(shown.split())
        assert not [n for n in names if f" {n} " in f" {flat} "], name
