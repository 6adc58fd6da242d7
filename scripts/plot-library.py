#!/usr/bin/env python3
"""Draw the library benchmark's figures as one SVG, from the results scripts/bench-library.sh
writes (one `kind key=value ...` line per measurement). Standard library only: the SVG is
written by hand.

    python3 scripts/plot-library.py target/bench-library/results.txt docs/benchmarks-library.svg

Left: import throughput (works/s) of each step against the size of the library it was imported
into, with the 10,000-work import runs and the 1,000 works/s target. Right: search latency
percentiles (p50, p90, p99) per query shape, log scale, with the targets.
"""

import math
import shlex
import sys
from xml.sax.saxutils import escape

W, H = 960, 420
PANEL_W = 400
TOP, BOTTOM = 60, 340
LEFT_X, RIGHT_X = 70, 540


def parse(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = shlex.split(line.strip())
            if not parts:
                continue
            row = {"kind": parts[0]}
            for p in parts[1:]:
                if "=" in p:
                    k, v = p.split("=", 1)
                    row[k] = v
            rows.append(row)
    return rows


def num(row, key):
    try:
        return float(row[key])
    except (KeyError, ValueError):
        return None


def text(x, y, s, size=12, anchor="start", weight="normal", color="#222"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{color}">{escape(s)}</text>'
    )


def line(x1, y1, x2, y2, color="#999", width=1, dash=None):
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{color}" '
        f'stroke-width="{width}"{d}/>'
    )


def throughput_panel(rows):
    out = [text(LEFT_X, 30, "Import throughput vs library size", 15, weight="bold")]
    steps = [r for r in rows if r["kind"] == "step"]
    imports = [r for r in rows if r["kind"] == "import"]
    points = [(num(r, "to"), num(r, "works_per_second"), num(r, "peak_rss_kb")) for r in steps]
    points = [p for p in points if p[0] and p[1]]
    runs = [num(r, "works_per_second") for r in imports if num(r, "works_per_second")]
    ymax = max([p[1] for p in points] + runs + [1000]) * 1.15
    xs = [p[0] for p in points] or [1000, 100000]
    lo, hi = math.log10(min(xs)), math.log10(max(xs))
    if hi - lo < 1e-9:
        hi = lo + 1

    def px(x):
        pad = 0.06 * PANEL_W
        return LEFT_X + pad + (math.log10(x) - lo) / (hi - lo) * (PANEL_W - 2 * pad)

    def py(y):
        return BOTTOM - y / ymax * (BOTTOM - TOP)

    out.append(line(LEFT_X, BOTTOM, LEFT_X + PANEL_W, BOTTOM, "#444"))
    out.append(line(LEFT_X, TOP, LEFT_X, BOTTOM, "#444"))
    step = 250 if ymax < 2500 else 500
    for y in range(0, int(ymax) + 1, step):
        out.append(line(LEFT_X, py(y), LEFT_X + PANEL_W, py(y), "#e5e5e5"))
        out.append(text(LEFT_X - 6, py(y) + 4, f"{y:,}", 11, "end"))
    for x in xs:
        out.append(text(px(x), BOTTOM + 16, f"{int(x / 1000)}k", 11, "middle"))
    out.append(text(LEFT_X + PANEL_W / 2, BOTTOM + 36, "works in the library after the step", 12, "middle"))
    out.append(
        f'<text x="16" y="{(TOP + BOTTOM) / 2:.1f}" font-size="12" text-anchor="middle" '
        f'transform="rotate(-90 16 {(TOP + BOTTOM) / 2:.1f})" fill="#222">works/s</text>'
    )
    out.append(line(LEFT_X, py(1000), LEFT_X + PANEL_W, py(1000), "#c0392b", 1.5, "6,4"))
    out.append(text(LEFT_X + PANEL_W, py(1000) - 6, "target 1,000 works/s", 11, "end", color="#c0392b"))
    if points:
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y, _ in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="#2c6fbb" stroke-width="2"/>')
        for x, y, kb in points:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="4" fill="#2c6fbb"/>')
            label = f"{y:,.0f}" + (f" · {kb / 1024:.0f} MB" if kb else "")
            out.append(text(px(x), py(y) - 9, label, 10, "middle", color="#2c6fbb"))
    if runs:
        best = max(runs)
        out.append(line(LEFT_X, py(best), LEFT_X + PANEL_W, py(best), "#27ae60", 1, "2,3"))
        out.append(
            text(
                LEFT_X + PANEL_W - 4,
                BOTTOM - 10,
                f"dotted: 10,000 works into a new library, {best:,.0f} works/s (best of {len(runs)})",
                11,
                "end",
                color="#27ae60",
            )
        )
    out.append(text(LEFT_X, H - 20, "labels: works/s · peak memory of the import process", 10, color="#666"))
    return out


def latency_panel(rows):
    out = [text(RIGHT_X, 30, "Search latency through the facade", 15, weight="bold")]
    shapes = [r for r in rows if r["kind"] == "latency"]
    works = next((r.get("works") for r in rows if r["kind"] == "search"), "?")
    out.append(text(RIGHT_X, 46, f"{int(works):,} works" if works.isdigit() else "", 11, color="#666"))
    lo, hi = -2, math.log10(100)  # 0.01 ms .. 100 ms

    def py(ms):
        ms = max(ms, 10**lo)
        return BOTTOM - (math.log10(ms) - lo) / (hi - lo) * (BOTTOM - TOP)

    out.append(line(RIGHT_X, BOTTOM, RIGHT_X + PANEL_W, BOTTOM, "#444"))
    out.append(line(RIGHT_X, TOP, RIGHT_X, BOTTOM, "#444"))
    for e in range(lo, 3):
        ms = 10**e
        out.append(line(RIGHT_X, py(ms), RIGHT_X + PANEL_W, py(ms), "#e5e5e5"))
        out.append(text(RIGHT_X - 6, py(ms) + 4, f"{ms:g} ms", 11, "end"))
    colors = {"p50_ms": "#2c6fbb", "p90_ms": "#7fa7d6", "p99_ms": "#e67e22"}
    targets = {
        "full text + 2 filters": [("p50", 5), ("p99", 30)],
        "filters only + facets": [("p99", 20)],
    }
    n = max(len(shapes), 1)
    group = PANEL_W / n
    bar = min(22, group / 4)
    for i, r in enumerate(shapes):
        x0 = RIGHT_X + i * group + (group - 3 * bar) / 2
        for j, key in enumerate(["p50_ms", "p90_ms", "p99_ms"]):
            v = num(r, key) or 0
            x = x0 + j * bar
            out.append(
                f'<rect x="{x:.1f}" y="{py(v):.1f}" width="{bar - 2:.1f}" height="{BOTTOM - py(v):.1f}" fill="{colors[key]}"/>'
            )
            out.append(text(x + bar / 2 - 1, py(v) - 3, f"{v:.2g}", 9, "middle"))
        name = r.get("shape", "")
        for k, part in enumerate(name.split(" + ")):
            out.append(text(RIGHT_X + i * group + group / 2, BOTTOM + 16 + 13 * k, part + (" +" if k == 0 and "+" in name else ""), 10, "middle"))
        for label, ms in targets.get(name, []):
            y = py(ms)
            out.append(line(x0 - 4, y, x0 + 3 * bar + 2, y, "#c0392b", 1.5, "4,3"))
            out.append(text(x0 + 3 * bar + 4, y + 4, f"{label} ≤ {ms}", 9, color="#c0392b"))
    for j, key in enumerate(["p50", "p90", "p99"]):
        x = RIGHT_X + 10 + j * 60
        out.append(f'<rect x="{x}" y="{H - 31}" width="12" height="12" fill="{colors[key + "_ms"]}"/>')
        out.append(text(x + 16, H - 20, key, 11))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: plot-library.py RESULTS.txt OUT.svg")
    rows = parse(sys.argv[1])
    body = throughput_panel(rows) + latency_panel(rows)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
        'font-family="DejaVu Sans, Helvetica, Arial, sans-serif">\n'
        f'<rect width="{W}" height="{H}" fill="white"/>\n' + "\n".join(body) + "\n</svg>\n"
    )
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(svg)


if __name__ == "__main__":
    main()
