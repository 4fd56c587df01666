"""Build src/pactwatch/web/static/world-110m.json: the world map the /map page draws.

Source: Natural Earth 1:110m Cultural Vectors, Admin 0 – Countries (public domain,
naturalearthdata.com), as shipped inside the geopandas 0.14 wheel on PyPI
(``geopandas/datasets/naturalearth_lowres``; geopandas 1.0 dropped it). Usage:

    pip download geopandas==0.14.4 --no-deps -d /tmp/ne && cd /tmp/ne && unzip -q geopandas-*.whl
    pip install --target /tmp/ne/lib pyshp
    PYTHONPATH=/tmp/ne/lib python scripts/build_world_map.py /tmp/ne/geopandas/datasets/naturalearth_lowres/naturalearth_lowres

Each country becomes one SVG path in plate carrée (x = longitude, y = -latitude, in
degrees), simplified (Douglas-Peucker, 0.2°) and rounded to 0.1°: small enough to ship.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapefile  # pyshp

OUT = Path(__file__).resolve().parents[1] / "src" / "pactwatch" / "web" / "static" / "world-110m.json"
TOLERANCE = 0.2
# Natural Earth's -99 (no ISO code) for countries with a code in our knowledge base
ISO_FIXES = {"Kosovo": "XKX", "France": "FRA", "Norway": "NOR", "N. Cyprus": "CYN",
             "Somaliland": "SOL"}


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    far, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], 1):
        d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if d > far:
            far, index = d, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return _simplify(points[: index + 1], tolerance)[:-1] + _simplify(points[index:], tolerance)


def _path(shape: shapefile.Shape) -> str:
    parts = list(shape.parts) + [len(shape.points)]
    out = []
    for a, b in zip(parts, parts[1:], strict=False):
        ring = [(round(x, 1), round(-y, 1)) for x, y in _simplify(shape.points[a:b], TOLERANCE)]
        ring = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
        if len(ring) < 4:
            continue
        out.append("M" + "L".join(f"{x:g} {y:g}" for x, y in ring[:-1]) + "Z")
    return "".join(out)


def main(source: str) -> None:
    reader = shapefile.Reader(source)
    countries = []
    for record, shape in zip(reader.records(), reader.shapes(), strict=True):
        iso3 = record["iso_a3"] if record["iso_a3"] != "-99" else ISO_FIXES.get(record["name"])
        d = _path(shape)
        if iso3 and d:
            countries.append({"iso3": iso3, "name": record["name"], "d": d})
    countries.sort(key=lambda c: c["iso3"])
    OUT.write_text(json.dumps({
        "source": "Natural Earth 1:110m Admin 0 - Countries (naturalearth_lowres, geopandas 0.14.4)",
        "licence": "public domain (https://www.naturalearthdata.com/about/terms-of-use/)",
        "projection": "plate carree: x = longitude, y = -latitude (degrees)",
        "viewbox": [-180, -90, 360, 180],
        "countries": countries,
    }, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(countries)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
