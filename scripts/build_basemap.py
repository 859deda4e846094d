#!/usr/bin/env python3
"""Build the offline basemap in data/basemap/ from Natural Earth (world-atlas TopoJSON on the npm registry).

Usage: python scripts/build_basemap.py [--tarball world-atlas-2.0.2.tgz] [--out data/basemap]
       python scripts/build_basemap.py --static-only     # only static/ (the pictures the app serves)

Without --tarball it runs `npm pack` in a temporary directory. The tarball's hash is checked against
INTEGRITY before anything is read, so a rebuild gives the same bytes or fails loudly. The data/ part is stdlib
only; static/ is drawn with Pillow (a dependency of Streamlit, pinned in requirements-dev.txt).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
# `npm view world-atlas@2.0.2 dist.integrity`: pins the exact bytes the basemap is made from.
INTEGRITY = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
RESOLUTION = "50m"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from eventmap.maps.raster import BOX  # noqa: E402  (west, south, east, north; see there why this box)

# Polygons are clipped to BOX, not kept whole: whole Russia or Kazakhstan would dwarf the region.
DIGITS = 3  # ~100 m; the 50m source is quantized to ~0.0036 x 0.0017 degrees anyway
# Douglas-Peucker tolerance for each arc (~2 km): a screen pixel is ~0.06 degrees at the map's zoom 3.6, and the
# basemap picture has ~57 pixels a degree, so nothing visible is lost.
TOLERANCE_DEG = 0.02
OUT_DIR = ROOT / "data" / "basemap"

Point = tuple[float, float]
Ring = list[Point]
Box = tuple[float, float, float, float]


def integrity_of(data: bytes) -> str:
    """npm's Subresource-Integrity string, so the pin can be compared with `npm view ... dist.integrity`."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def fetch_tarball(dest: Path) -> Path:
    """Download the package with npm (the npm registry only) into dest and return the tarball's path."""
    done = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=dest, check=True, capture_output=True, text=True)
    return dest / done.stdout.strip().splitlines()[-1]


def read_topology(tarball: bytes, resolution: str = RESOLUTION) -> dict:
    """Verify the tarball against the pinned hash, then return the parsed countries TopoJSON inside it."""
    found = integrity_of(tarball)
    if found != INTEGRITY:
        raise SystemExit(f"{PACKAGE} tarball hash mismatch: expected {INTEGRITY}, got {found}")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        member = tar.extractfile(f"package/countries-{resolution}.json")
        assert member is not None
        return json.load(member)


def decode_arcs(topology: dict) -> list[Ring]:
    """Absolute lon/lat points of every arc: undo delta encoding and the quantizing transform (TopoJSON spec 2.1.2)."""
    transform = topology.get("transform")
    if transform is None:  # unquantized: positions are already absolute
        return [[(p[0], p[1]) for p in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            x, y = x + position[0], y + position[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: Ring, tolerance: float = TOLERANCE_DEG) -> Ring:
    """Douglas-Peucker on one arc. Its ends are kept, so two countries sharing a border still share it."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = first, 0.0
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / length if length else math.hypot(x - x1, y - y1)
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance:
            keep[farthest] = True
            spans += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep) if kept]


def stitch(arcs: Sequence[Ring], indexes: Iterable[int]) -> Ring:
    """Join arcs into one ring; a negative index ~i means arc i reversed, and each arc starts where the last ended."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def polygon_arcs(geometry: dict) -> list[list[list[int]]]:
    """Arc indexes of a TopoJSON Polygon or MultiPolygon as polygons -> rings (outer first); other types have none."""
    return {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}.get(geometry["type"]) or []


def clip_ring(ring: Ring, box: Box) -> Ring:
    """Sutherland-Hodgman against the box: right for fills, but the cut edges lie on the box, so never stroke them."""
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda p, q: _at_x(p, q, west)),
        (lambda p: p[0] <= east, lambda p, q: _at_x(p, q, east)),
        (lambda p: p[1] >= south, lambda p, q: _at_y(p, q, south)),
        (lambda p: p[1] <= north, lambda p, q: _at_y(p, q, north)),
    )
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cross in edges:
        if not points:
            break
        clipped: Ring = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    clipped.append(cross(previous, current))
                clipped.append(current)
            elif inside(previous):
                clipped.append(cross(previous, current))
            previous = current
        points = clipped
    return points + points[:1]


def _at_x(p: Point, q: Point, x: float) -> Point:
    return (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))


def _at_y(p: Point, q: Point, y: float) -> Point:
    return (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)


def clip_line(line: Ring, box: Box) -> list[Ring]:
    """Liang-Barsky per segment: the parts of a polyline inside the box, split where it leaves and re-enters."""
    west, south, east, north = box
    runs: list[Ring] = []
    for (x0, y0), (x1, y1) in zip(line, line[1:]):
        dx, dy = x1 - x0, y1 - y0
        t0, t1 = 0.0, 1.0
        for p, q in ((-dx, x0 - west), (dx, east - x0), (-dy, y0 - south), (dy, north - y0)):
            if p == 0:
                if q < 0:
                    t0, t1 = 1.0, 0.0
            elif p < 0:
                t0 = max(t0, q / p)
            else:
                t1 = min(t1, q / p)
        if t0 > t1:
            continue
        start = (x0, y0) if t0 == 0 else (x0 + t0 * dx, y0 + t0 * dy)
        end = (x1, y1) if t1 == 1 else (x0 + t1 * dx, y0 + t1 * dy)
        if runs and runs[-1][-1] == start:
            runs[-1].append(end)
        else:
            runs.append([start, end])
    return runs


def rounded(points: Ring, digits: int = DIGITS) -> list[list[float]]:
    """Round and drop the repeats rounding makes; the file stays small and byte-stable."""
    out: list[list[float]] = []
    for x, y in points:
        point = [round(x, digits) + 0.0, round(y, digits) + 0.0]  # + 0.0 turns -0.0 into 0.0
        if not out or out[-1] != point:
            out.append(point)
    return out


def _is_ring(ring: list[list[float]]) -> bool:
    """Closed, at least a triangle, and not flattened to zero area by clipping or rounding."""
    area2 = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))
    return len(ring) >= 4 and ring[0] == ring[-1] and area2 != 0


def country_features(topology: dict, arcs: Sequence[Ring], box: Box = BOX) -> list[dict]:
    """Country polygons clipped to the box, with the TopoJSON name; rings that vanish are dropped."""
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = []
        for polygon in polygon_arcs(geometry):
            outer, *holes = (rounded(clip_ring(stitch(arcs, ring), box)) for ring in polygon)
            if _is_ring(outer):
                polygons.append([outer, *(hole for hole in holes if _is_ring(hole))])
        if polygons:
            shape = (
                {"type": "Polygon", "coordinates": polygons[0]}
                if len(polygons) == 1
                else {"type": "MultiPolygon", "coordinates": polygons}
            )
            features.append(
                {"type": "Feature", "properties": {"name": geometry["properties"]["name"]}, "geometry": shape}
            )
    return sorted(features, key=lambda f: f["properties"]["name"])


def outline_features(topology: dict, arcs: Sequence[Ring], box: Box = BOX) -> list[dict]:
    """Borders (arcs two countries share) and coasts (arcs used once), each drawn once and clipped as lines."""
    uses: Counter[int] = Counter()
    for geometry in topology["objects"]["countries"]["geometries"]:
        for polygon in polygon_arcs(geometry):
            for ring in polygon:
                uses.update(i if i >= 0 else ~i for i in ring)
    lines: dict[str, list] = {"border": [], "coast": []}
    for index, arc in enumerate(arcs):
        kind = "coast" if uses[index] == 1 else "border"
        for run in clip_line(arc, box):
            points = rounded(run)
            if len(points) >= 2:
                lines[kind].append(points)
    return [
        {"type": "Feature", "properties": {"kind": kind}, "geometry": {"type": "MultiLineString", "coordinates": parts}}
        for kind, parts in lines.items()
        if parts
    ]


def dumps(features: list[dict]) -> str:
    """A FeatureCollection, one feature per line, so reruns are byte-identical and diffs stay readable."""
    body = ",\n".join(json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in features)
    return '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n"


def build(topology: dict, out_dir: Path, box: Box = BOX) -> dict[str, int]:
    """Write countries.geojson and outlines.geojson; return each file's size in bytes."""
    arcs = [simplify(arc) for arc in decode_arcs(topology)]
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, features in (
        ("countries.geojson", country_features(topology, arcs, box)),
        ("outlines.geojson", outline_features(topology, arcs, box)),
    ):
        data = dumps(features).encode("utf-8")
        (out_dir / name).write_bytes(data)
        sizes[name] = len(data)
    return sizes


def write_static() -> None:
    """static/: the pictures the map fetches by URL (eventmap.maps.pictures.static_pictures), as palette or
    grey+alpha PNGs, optimised: what the browser downloads."""
    from eventmap.files import atomic_write_bytes
    from eventmap.maps.pictures import STATIC_DIR, static_pictures

    files = {}
    for name, picture in static_pictures().items():
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG", optimize=True)
        files[name] = buffer.getvalue()
    for name, data in files.items():
        (STATIC_DIR / name).parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(STATIC_DIR / name, data)
    total = sum(len(data) for data in files.values())
    print(f"{STATIC_DIR}: {len(files)} files, {total:,} bytes")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tarball", type=Path, help=f"an already downloaded {PACKAGE} tarball (else `npm pack` fetches it)"
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory (default: data/basemap)")
    parser.add_argument("--resolution", choices=("10m", "50m", "110m"), default=RESOLUTION)
    parser.add_argument("--static-only", action="store_true", help="only rewrite static/ from data/ (no npm)")
    args = parser.parse_args(argv)
    if args.static_only:
        write_static()
        return 0
    if args.tarball is not None:
        tarball = args.tarball.read_bytes()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            tarball = fetch_tarball(Path(tmp)).read_bytes()
    sizes = build(read_topology(tarball, args.resolution), args.out)
    for name, size in sizes.items():
        print(f"{args.out / name}: {size} bytes")
    if args.out.resolve() == OUT_DIR:
        write_static()
    return 0


if __name__ == "__main__":
    sys.exit(main())
