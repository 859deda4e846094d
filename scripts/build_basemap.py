#!/usr/bin/env python3
"""Build the offline basemap in data/basemap/ from Natural Earth (world-atlas TopoJSON on the npm registry).

Usage: python scripts/build_basemap.py [--tarball world-atlas-2.0.2.tgz] [--water-tarball mapeo-offline-map-2.0.0.tgz]
                                       [--out data/basemap]
       python scripts/build_basemap.py --static-only     # only static/ (the pictures the app serves)

Without a tarball it runs `npm pack` in a temporary directory. Each tarball's hash is checked against its pin
(INTEGRITY, WATER_INTEGRITY) before anything is read, so a rebuild gives the same bytes or fails loudly. Besides
the 1:50m countries for the basemap picture it writes the theatre's finer geometry for the tiles
(eventmap/maps/tiles.py): the 1:10m countries of the same package, and Natural Earth's rivers and lakes as
mapeo-offline-map ships them. The data/ part is stdlib
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
FINE_RESOLUTION = "10m"  # the tiles' coasts and borders, same tarball
FINE_TOLERANCE_DEG = 0.002  # ~200 m: a pixel is 0.0014 degrees at zoom 9, the finest tiles
WATER_PACKAGE = "mapeo-offline-map@2.0.0"
# `npm view mapeo-offline-map@2.0.0 dist.integrity`: Natural Earth's rivers and lakes, as GeoJSON.
WATER_INTEGRITY = "sha512-/a2BVgSwcL0EGqNxc7MWaApEJ0uLxr/scaZimd/2RvihDtvaNsLQurHIAjXJnY5lj4to5fBFBpcWXntdZoRBdg=="
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from eventmap.maps.raster import BOX  # noqa: E402  (west, south, east, north; see there why this box)
from eventmap.maps.tiles import FINE_BOX  # noqa: E402  (the theatre's tiles' box)

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


def fetch_tarball(dest: Path, package: str = PACKAGE) -> Path:
    """Download the package with npm (the npm registry only) into dest and return the tarball's path."""
    done = subprocess.run(["npm", "pack", package, "--silent"], cwd=dest, check=True, capture_output=True, text=True)
    return dest / done.stdout.strip().splitlines()[-1]


def read_member(tarball: bytes, name: str, package: str = PACKAGE, integrity: str = INTEGRITY) -> dict:
    """Verify the tarball against its pinned hash, then return the parsed JSON file name inside it."""
    found = integrity_of(tarball)
    if found != integrity:
        raise SystemExit(f"{package} tarball hash mismatch: expected {integrity}, got {found}")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        member = tar.extractfile(f"package/{name}")
        assert member is not None
        return json.load(member)


def read_topology(tarball: bytes, resolution: str = RESOLUTION) -> dict:
    """The countries TopoJSON of world-atlas at a resolution."""
    return read_member(tarball, f"countries-{resolution}.json")


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


def water_features(collection: dict, box: Box = FINE_BOX) -> dict[str, list[dict]]:
    """Rivers (lines, with Natural Earth's stroke weight) and lakes (polygons) clipped to the box."""
    rivers, lakes = [], []
    for feature in collection["rivers"]["features"]:
        weight = feature["properties"].get("strokeweig")
        for run in clip_line(feature["geometry"]["coordinates"], box):
            points = rounded(run)
            if len(points) >= 2:
                geometry = {"type": "LineString", "coordinates": points}
                rivers.append({"type": "Feature", "properties": {"strokeweig": weight}, "geometry": geometry})
    for feature in collection["lakes"]["features"]:
        if feature["geometry"]["type"] != "Polygon":
            continue
        outer, *holes = (rounded(clip_ring(ring, box)) for ring in feature["geometry"]["coordinates"])
        if _is_ring(outer):
            geometry = {"type": "Polygon", "coordinates": [outer, *(h for h in holes if _is_ring(h))]}
            lakes.append(
                {"type": "Feature", "properties": {"name": feature["properties"].get("name")}, "geometry": geometry}
            )
    return {"rivers.geojson": rivers, "lakes.geojson": lakes}


def read_water(tarball: bytes) -> dict:
    return {
        kind: read_member(tarball, f"dist/{kind}.json", WATER_PACKAGE, WATER_INTEGRITY) for kind in ("rivers", "lakes")
    }


def build(
    topology: dict, out_dir: Path, box: Box = BOX, prefix: str = "", tolerance: float = TOLERANCE_DEG
) -> dict[str, int]:
    """Write countries.geojson and outlines.geojson (with a prefix: the tiles' finer ones); return their sizes."""
    arcs = [simplify(arc, tolerance) for arc in decode_arcs(topology)]
    return write_features(
        out_dir,
        {
            f"{prefix}countries.geojson": country_features(topology, arcs, box),
            f"{prefix}outlines.geojson": outline_features(topology, arcs, box),
        },
    )


def write_features(out_dir: Path, files: dict[str, list[dict]]) -> dict[str, int]:
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, features in files.items():
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
    write_tiles()


def png_bytes(picture) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_tiles() -> None:
    """static/tiles/: the theatre's pyramid (eventmap.maps.tiles), the old tiles removed first."""
    import shutil

    from eventmap.maps.pictures import STATIC_DIR
    from eventmap.maps.tiles import TILE_DIR, static_tiles

    shutil.rmtree(STATIC_DIR / TILE_DIR, ignore_errors=True)
    count = total = 0
    for name, picture in static_tiles():
        data = png_bytes(picture)
        (STATIC_DIR / name).parent.mkdir(parents=True, exist_ok=True)
        (STATIC_DIR / name).write_bytes(data)
        count, total = count + 1, total + len(data)
    print(f"{STATIC_DIR / TILE_DIR}: {count} tiles, {total:,} bytes")


def _packed(package: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return fetch_tarball(Path(tmp), package).read_bytes()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tarball", type=Path, help=f"an already downloaded {PACKAGE} tarball (else `npm pack` fetches it)"
    )
    parser.add_argument(
        "--water-tarball", type=Path, help=f"an already downloaded {WATER_PACKAGE} tarball (else `npm pack`)"
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory (default: data/basemap)")
    parser.add_argument("--resolution", choices=("10m", "50m", "110m"), default=RESOLUTION)
    parser.add_argument("--static-only", action="store_true", help="only rewrite static/ from data/ (no npm)")
    args = parser.parse_args(argv)
    if args.static_only:
        write_static()
        return 0
    tarball, water = (
        path.read_bytes() if path is not None else _packed(package)
        for path, package in ((args.tarball, PACKAGE), (args.water_tarball, WATER_PACKAGE))
    )
    sizes = build(read_topology(tarball, args.resolution), args.out)
    fine = read_topology(tarball, FINE_RESOLUTION)
    sizes |= build(fine, args.out, FINE_BOX, "fine-", FINE_TOLERANCE_DEG)
    sizes |= write_features(args.out, water_features(read_water(water)))
    for name, size in sizes.items():
        print(f"{args.out / name}: {size} bytes")
    if args.out.resolve() == OUT_DIR:
        write_static()
    return 0


if __name__ == "__main__":
    sys.exit(main())
