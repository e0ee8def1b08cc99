"""The coverage chart: enrolled and not-yet-enrolled apparatus per kecamatan, as PNG bytes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from perbup.compute.coverage import Cakupan

CM = 1 / 2.54  # matplotlib sizes figures in inches
DPI = 200
TERDAFTAR = "#2166ac"  # blue and orange stay apart for colour-blind readers and in greyscale
BELUM = "#f4a582"
MIN_ROWS = 12  # bar slots the chart always has room for


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _persen(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%" if whole else "-"


def _style() -> Any:
    # DejaVu Sans ships inside matplotlib, so the picture is the same on every machine.
    return matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 9,
                                  "axes.spines.top": False, "axes.spines.right": False})


def _figure(width_cm: float, height_cm: float) -> tuple[Figure, Any]:
    figure = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _png(figure: Figure, axes: Any, title: str, subtitle: str, *, legend_at: float) -> bytes:
    """Legend below, title and subtitle above; the PNG carries no timestamp, no software tag."""
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, legend_at), ncols=2, frameon=False)
    figure.suptitle(title, fontsize=11, fontweight="bold", linespacing=1.4)
    if subtitle:
        axes.set_title(subtitle, fontsize=9, pad=10)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def coverage_chart(rows: Sequence[Cakupan], *, title: str, subtitle: str = "",
                   width_cm: float = 16.0, height_cm: float = 19.0) -> bytes:
    """Horizontal stacked bars, one per row (top to bottom in the given order); PNG bytes.

    The same rows and size always give the same bytes (no timestamp, no software tag).
    """
    with _style():
        figure, axes = _figure(width_cm, height_cm)
        names = [r.nama for r in rows]
        done = [r.aparat_terdaftar for r in rows]
        left = [r.aparat_belum for r in rows]
        positions = range(len(rows))
        axes.barh(positions, done, color=TERDAFTAR, label="Sudah terdaftar", height=0.7)
        axes.barh(positions, left, left=done, color=BELUM, label="Belum terdaftar", height=0.7)
        axes.set_yticks(list(positions), names)
        # the first kecamatan on top, as in the table; a regency with few kecamatan gets bars of
        # the usual thickness and room left below, not a few huge slabs
        axes.set_ylim(max(len(rows), MIN_ROWS) - 0.5, -0.5)
        widest = max((r.aparat for r in rows), default=0)
        axes.set_xlim(0, max(widest, 1) * 1.28)  # room for the labels right of the bars
        for y, r in zip(positions, rows, strict=True):
            axes.text(r.aparat + widest * 0.015, y, f"{_angka(r.aparat_terdaftar)}/"
                      f"{_angka(r.aparat)} ({_persen(r.aparat_terdaftar, r.aparat)})",
                      va="center", fontsize=7.5, color="#333333")
        axes.set_xlabel("Jumlah aparat desa (orang)")
        axes.tick_params(axis="y", length=0)
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
        axes.xaxis.set_major_formatter(lambda value, _: _angka(int(value)))
        return _png(figure, axes, title, subtitle, legend_at=-0.07)


def progress_chart(points: Sequence[tuple[dt.date, int, int]], *, title: str, subtitle: str = "",
                   width_cm: float = 16.0, height_cm: float = 9.0) -> bytes:
    """The regency's share of apparatus registered, week by week (date, registered, apparatus),
    against the target of all of them; PNG bytes, the same for the same points."""
    with _style():
        figure, axes = _figure(width_cm, height_cm)
        days = [day for day, _, _ in points]
        share = [100 * done / whole if whole else 0.0 for _, done, whole in points]
        positions = range(len(points))
        axes.plot(positions, [100.0] * len(points), color=BELUM, linestyle="--", linewidth=1.2,
                  label="Sasaran: seluruh aparat terdaftar")
        axes.plot(positions, share, color=TERDAFTAR, marker="o", markersize=3.5, linewidth=1.6,
                  label="Aparat terdaftar")
        for x, (_, done, whole) in zip(positions, points, strict=True):
            axes.annotate(_persen(done, whole), (x, 100 * done / whole if whole else 0.0),
                          textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7,
                          color="#333333")
        axes.set_xticks(list(positions), [f"{d.day}/{d.month}" for d in days])
        axes.set_ylim(0, 110)
        axes.set_ylabel("Aparat desa terdaftar (%)")
        axes.yaxis.set_major_formatter(lambda value, _: f"{int(value)}%")
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        return _png(figure, axes, title, subtitle, legend_at=-0.15)
