"""Inline SVG charts, generated on the server: no script, no CDN, readable without colour.

Every chart is an ``<svg role="img">`` with a ``<title>`` (its accessible name) and uses
presentation attributes only, so the pages' CSP (no inline styles) holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

# Distinguishable on white at >= 3:1 (WCAG 1.4.11 for graphics); paired with a legend.
PALETTE = (
    "#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#b45309",
    "#0e7490", "#be185d", "#4d7c0f", "#334155", "#9a3412",
)  # fmt: skip


def _scale(value: float, lo: float, hi: float, out_lo: float, out_hi: float) -> float:
    if hi == lo:
        return (out_lo + out_hi) / 2
    return out_lo + (value - lo) * (out_hi - out_lo) / (hi - lo)


def sparkline(
    values: Sequence[float], *, width: int = 120, height: int = 32, label: str = ""
) -> str:
    """A 0-100 score sparkline with the last point marked."""
    title = escape(label or "weekly engagement")
    if not values:
        return (
            f'<svg class="spark" role="img" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><title>{title}: no data</title></svg>'
        )
    pad = 3
    n = len(values)
    xs = [_scale(i, 0, max(1, n - 1), pad, width - pad) for i in range(n)]
    ys = [_scale(v, 0, 100, height - pad, pad) for v in values]
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    summary = ", ".join(f"{v:.0f}" for v in values)
    return (
        f'<svg class="spark" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{title}: {summary}</title>'
        f'<polyline fill="none" stroke="#1d4ed8" stroke-width="2" points="{points}"/>'
        f'<circle cx="{xs[-1]:.1f}" cy="{ys[-1]:.1f}" r="2.5" fill="#1d4ed8"/></svg>'
    )


def component_chart(
    days: Sequence[date],
    series: dict[str, Sequence[float]],
    *,
    width: int = 640,
    height: int = 280,
    label: str = "Score components by week",
) -> str:
    """Lines for each component over weekly cut-offs, a zero line, axes and a legend."""
    left, right, top, bottom = 44, 150, 12, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series.values() for v in s] or [0.0]
    lo, hi = min(0.0, *values), max(0.0, *values)
    if hi - lo < 10:
        hi = lo + 10
    n = len(days)

    def x(i: int) -> float:
        return left + _scale(i, 0, max(1, n - 1), 0, plot_w)

    def y(v: float) -> float:
        return top + _scale(v, lo, hi, plot_h, 0)

    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'preserveAspectRatio="xMinYMin meet"><title>{escape(label)}</title>',
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{left + plot_w}" y2="{y(0):.1f}" '
        'stroke="#475569" stroke-width="1"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#475569"/>',
    ]
    for tick in (lo, 0.0, hi):
        parts.append(
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#1e293b">{tick:+.0f}</text>'
        )
    for i, day in enumerate(days):
        if n <= 8 or i % 2 == 0 or i == n - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - 10}" text-anchor="middle" font-size="11" '
                f'fill="#1e293b">{day.strftime("%b %d")}</text>'
            )
    for k, (name, vals) in enumerate(series.items()):
        colour = PALETTE[k % len(PALETTE)]
        pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(vals))
        dash = ' stroke-dasharray="5 3"' if k >= len(PALETTE) // 2 else ""
        parts.append(
            f'<polyline class="series" data-name="{escape(name)}" fill="none" stroke="{colour}" '
            f'stroke-width="2"{dash} points="{pts}"><title>{escape(name)}: '
            f"{', '.join(f'{v:+.1f}' for v in vals)}</title></polyline>"
        )
        ly = top + 14 + 16 * k
        lx = width - right + 12
        parts.append(
            f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 18}" y2="{ly - 4}" stroke="{colour}" '
            f'stroke-width="3"{dash}/><text x="{lx + 24}" y="{ly}" font-size="12" '
            f'fill="#1e293b">{escape(name.replace("_", " "))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
