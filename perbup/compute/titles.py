"""Where a centred title breaks: the fewest lines that fit, each as near the same width as can be."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from fontTools.afmLib import AFM
from fontTools.agl import UV2AGL

# Titles are set in bold Bookman: LibreOffice draws it with URW Bookman Demi (fonts-urw-base35),
# the metric twin of ITC Bookman Demi. matplotlib (a dependency) ships Adobe's metrics of that face,
# so every machine measures alike and the same title always breaks in the same places, whatever
# fonts the machine has.
_AFM = ("mpl-data", "fonts", "afm", "pbkd8a.afm")
_POINTS_PER_CM = 72 / 2.54


@cache
def _widths() -> dict[str, int]:
    """Advance widths in 1/1000 em, by character."""
    # find_spec locates matplotlib without importing it (its import takes most of a second)
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations, "matplotlib is a dependency"
    metrics = AFM(str(Path(next(iter(spec.submodule_search_locations)), *_AFM)))
    return {chr(code): metrics[name][1] for code, name in UV2AGL.items() if metrics.has_char(name)}


def text_width(text: str) -> int:
    """The width of `text` in bold Bookman, in 1/1000 of the font size."""
    widths = _widths()
    # a letter the font lacks (another script) is drawn from a fallback font: count it as wide
    return sum(widths.get(char, widths["M"]) for char in text)


def balance(text: str, width_cm: float, size_pt: float = 12) -> list[str]:
    """`text` as the lines a centred title of `width_cm` should have: as few lines as fit, and
    among the ways to break it into that many, the one whose longest line is shortest (earlier
    lines taking the rest), so no line is left holding a lone word when two lines would do."""
    words = text.split()
    if not words:
        return []
    limit = width_cm * _POINTS_PER_CM * 1000 / size_pt
    sizes = [text_width(word) for word in words]
    space = text_width(" ")

    def pack(longest: float) -> list[list[str]]:
        """Fill each line up to `longest` (a word wider than that gets a line of its own)."""
        lines: list[list[str]] = []
        used = 0.0
        for word, size in zip(words, sizes, strict=True):
            if lines and used + space + size <= longest:
                lines[-1].append(word)
                used += space + size
            else:
                lines.append([word])
                used = size
        return lines

    count = len(pack(limit))
    # the narrowest measure that still needs no more lines: whole font units, so a binary search
    low, high = max(sizes), max(int(limit), max(sizes))
    while low < high:
        middle = (low + high) // 2
        if len(pack(middle)) <= count:
            high = middle
        else:
            low = middle + 1
    return [" ".join(line) for line in pack(high)]
