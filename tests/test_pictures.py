"""Coats of arms from perbup.yaml put into the templates' named stand-in pictures."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image

from perbup.docx.pictures import named_pictures
from tests.helpers import CONFIG, make_workspace, run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _image(path: Path, size: tuple[int, int], color: str) -> Path:
    Image.new("RGB", size, color).save(path)
    return path


def _with(config: str, **images: str) -> str:
    lines = "".join(f"  {key}: {value}\n" for key, value in images.items())
    return config.replace("  provinsi: Nusa Tenggara Timur\n", "  provinsi: Nusa Tenggara Timur\n" + lines)


def _picture(docx: Path, name: str) -> Image.Image:
    with zipfile.ZipFile(docx) as archive:
        member = named_pictures(archive)[name].member
        return Image.open(io.BytesIO(archive.read(member)))


def test_the_letterhead_carries_the_regency_s_coat_of_arms(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    _image(ws / "lambang.jpg", (300, 400), "red")
    make_workspace(ws, config=_with(CONFIG, lambang="lambang.jpg"))
    out = tmp_path / "out"
    for jobs in ("1", "2"):
        assert run("letters", "-w", ws, "-o", out / jobs, "-q", "-j", jobs).code == 0
    (letter,) = (out / "1" / "letters").rglob("*.docx")
    (other,) = (out / "2" / "letters").rglob("*.docx")
    assert letter.read_bytes() == other.read_bytes()
    picture = _picture(letter, "lambang_daerah")
    # fitted to the stand-in's shape (2.0 x 2.3 cm) with transparent margins, never stretched
    assert picture.format == "PNG"
    assert abs(picture.width / picture.height - 2.0 / 2.3) < 0.01
    red, green, blue, alpha = picture.convert("RGBA").getpixel((picture.width // 2, picture.height // 2))
    assert red > 250 and green < 5 and blue < 5 and alpha == 255  # JPEG is lossy
    assert picture.convert("RGBA").getpixel((0, 0))[3] == 0  # the margin is transparent


def test_the_decree_carries_the_garuda(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    _image(ws / "garuda.png", (500, 500), "gold")
    make_workspace(ws, config=_with(CONFIG, garuda="garuda.png"))
    (ws / "content").mkdir()
    (ws / "content" / "perbup.yaml").write_bytes((SEEDS / "content" / "perbup.yaml").read_bytes())
    assert run("decree", "-w", ws, "-o", tmp_path / "out", "-q").code == 0
    picture = _picture(tmp_path / "out" / "decree" / "perbup-draft.docx", "lambang_garuda")
    assert picture.convert("RGB").getpixel((250, 250)) == (255, 215, 0)


def test_a_missing_or_broken_image_is_an_error_at_its_line(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "rusak.png").write_bytes(b"not a picture")
    make_workspace(ws, config=_with(CONFIG, lambang="tidak-ada.png", garuda="rusak.png"))
    result = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    config = ws / "perbup.yaml"
    assert result.lines[:2] == [
        f"{config}:6: error: 'kabupaten.lambang': there is no file tidak-ada.png in the workspace",
        "  hint: put the image there or fix the path",
    ]
    assert result.lines[2].startswith(f"{config}:7: error: 'kabupaten.garuda': rusak.png is not an "
                                      "image perbup can read (")
    assert not (tmp_path / "out").exists()
