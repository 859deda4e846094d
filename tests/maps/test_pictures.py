"""The Natural Earth basemap (data/basemap/, not the dataset), its pictures and the script that builds them; offline,
no tarball needed."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pydeck as pdk
import pytest
from PIL import Image

from eventmap import schema
from eventmap.maps import pictures, raster, tiles

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "topojson_two_squares.json"

_spec = importlib.util.spec_from_file_location("build_basemap", ROOT / "scripts" / "build_basemap.py")
assert _spec and _spec.loader
build_basemap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_basemap)


def inside(lon: float, lat: float, rings: list) -> bool:
    """Ray casting, even-odd over all rings, so a point in a hole is outside."""
    result = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                result = not result
    return result


def polygons(feature: dict) -> list:
    geometry = feature["geometry"]
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def countries_at(lon: float, lat: float) -> list[str]:
    return [
        f["properties"]["name"]
        for f in raster.load_basemap()["features"]
        if any(inside(lon, lat, polygon) for polygon in polygons(f))
    ]


# --- the shipped files ---


def test_countries_file_is_a_valid_feature_collection() -> None:
    data = raster.load_basemap()
    west, south, east, north = raster.BOX
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["properties"]["name"]
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        for polygon in polygons(feature):
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1], feature["properties"]["name"]
                assert all(west <= x <= east and south <= y <= north for x, y in ring)


def test_outlines_file_has_borders_and_coasts_inside_the_box() -> None:
    data = json.loads(raster.OUTLINES_PATH.read_text(encoding="utf-8"))
    west, south, east, north = raster.BOX
    assert sorted(f["properties"]["kind"] for f in data["features"]) == ["border", "coast"]
    for feature in data["features"]:
        assert feature["geometry"]["type"] == "MultiLineString"
        for line in feature["geometry"]["coordinates"]:
            assert len(line) >= 2
            assert all(west <= x <= east and south <= y <= north for x, y in line)


def test_the_countries_of_the_region_are_there() -> None:
    names = {f["properties"]["name"] for f in raster.load_basemap()["features"]}
    assert {"Iraq", "Syria", "Yemen", "Saudi Arabia", "Iran", "Djibouti", "Eritrea", "Somalia"} <= names


KNOWN_POINTS = [
    ("Baghdad", 33.31, 44.37, ["Iraq"]),
    ("Mosul", 36.34, 43.13, ["Iraq"]),
    ("Damascus", 33.51, 36.29, ["Syria"]),
    ("Sanaa", 15.37, 44.19, ["Yemen"]),
    ("Aden", 12.83, 45.03, ["Yemen"]),
    ("Riyadh", 24.71, 46.68, ["Saudi Arabia"]),
    ("Tehran", 35.69, 51.39, ["Iran"]),
    ("Red Sea", 20.0, 38.5, []),
    ("Gulf of Aden", 12.5, 48.0, []),
    ("Persian Gulf", 27.0, 51.0, []),
    ("Mediterranean", 34.0, 30.0, []),
]


@pytest.mark.parametrize(("place", "lat", "lon", "expected"), KNOWN_POINTS)
def test_known_points_fall_in_the_right_country_or_at_sea(place: str, lat: float, lon: float, expected: list) -> None:
    assert countries_at(lon, lat) == expected, place


def test_files_stay_small() -> None:
    assert raster.BASEMAP_PATH.stat().st_size < 600_000
    assert raster.OUTLINES_PATH.stat().st_size < 600_000


# --- the module ---


def test_the_basemap_is_pictures_referenced_by_url_never_inlined() -> None:
    sea, land = pictures.basemap_layers()
    assert (sea.type, sea.id, land.type, land.id) == ("BitmapLayer", "sea", "BitmapLayer", "basemap")
    assert sea.pickable is False and land.pickable is False
    assert land.bounds == list(raster.BOX) and sea.bounds == list(raster.WORLD)
    spec = json.loads(pdk.Deck(layers=[sea, land], map_provider=None).to_json())
    # A relative URL of the page's own server (no scheme, no host), fetched once per page; pydeck would have
    # inlined the file as base64 had the image been given to the layer's constructor.
    assert [layer["image"] for layer in spec["layers"]] == ["app/static/sea.png", "app/static/basemap.png"]
    assert len(json.dumps(spec)) < 2_000
    assert raster.load_basemap() is raster.load_basemap()  # cached


def picture_at(picture, bounds: tuple, lon: float, lat: float):
    """The pixel of a Web Mercator picture of bounds at a point."""
    west, south, east, north = bounds
    x = (lon - west) / (east - west) * picture.width
    y = (
        (raster.mercator_y(north) - raster.mercator_y(lat))
        / (raster.mercator_y(north) - raster.mercator_y(south))
        * picture.height
    )
    return picture.convert("RGBA").getpixel((int(x), int(y)))


@pytest.mark.parametrize(("place", "lat", "lon", "expected"), KNOWN_POINTS)
def test_the_basemap_picture_is_land_and_sea_where_the_shapes_say(
    place: str, lat: float, lon: float, expected: list
) -> None:
    picture = Image.open(pictures.STATIC_DIR / raster.BASEMAP_IMAGE)
    colour = schema.PALETTE["land"] if expected else schema.PALETTE["sea"]
    assert picture_at(picture, raster.BOX, lon, lat)[:3] == colour, place


def test_a_country_mask_is_the_country_faintly_filled_and_outlined_tinted_and_hatched_in_the_spec() -> None:
    mask = Image.open(pictures.STATIC_DIR / pictures.country_image("Iraq"))
    bounds = raster.geometry_bounds(raster.country_shapes()["Iraq"])
    assert picture_at(mask, bounds, 44.37, 33.31) == (255, 255, 255, schema.COUNTRY_FILL_ALPHA)  # Baghdad
    assert picture_at(mask, bounds, 47.98, 29.37)[3] == 0  # Kuwait City: inside the box, outside Iraq
    alphas = {alpha for _, alpha in mask.getdata()}
    assert schema.AREA_LINE_ALPHA in alphas, "an outline"
    layer = json.loads(pdk.Deck(layers=[pictures.country_layer("Iraq", (33, 102, 172))], map_provider=None).to_json())[
        "layers"
    ][0]
    assert layer["image"] == "app/static/countries/iraq.png" and layer["tintColor"] == [33, 102, 172]
    assert layer["hatchColor"] == [33, 102, 172, schema.COUNTRY_HATCH_ALPHA], "the browser hatches it"
    assert layer["bounds"] == list(bounds) and bounds[0] <= 38.8 and bounds[2] >= 48.5


def test_a_country_mask_never_hides_the_basemap_its_alpha_is_bounded() -> None:
    """Zoomed in, the mask is stretched over the map: what is under it must stay readable. All but its outline
    (AREA_LINE_ALPHA, at the edge) hides at most 5 % of the basemap; the hatch's lines, 1 px in 8
    (frontend/src/hatch.js), at most 35 %."""
    mask = Image.open(pictures.STATIC_DIR / pictures.country_image("Iraq")).convert("RGBA")
    mask = np.asarray(mask.getchannel("A")).astype(int)
    inside = mask[mask > 0]
    assert inside.size > 100_000 and (inside <= 0.05 * 255).mean() > 0.95, "a faint fill, no tint"
    assert inside.max() == schema.AREA_LINE_ALPHA, "the outline, anti-aliased at its edges"
    assert schema.COUNTRY_HATCH_ALPHA <= 0.35 * 255
    assert schema.COUNTRY_FILL_ALPHA < schema.AREA_ALPHA / 2, "fainter than an approximate place's area"


def test_mask_file_names_are_plain_and_distinct() -> None:
    assert raster.slug("Côte d'Ivoire") == "cote-d-ivoire"
    assert raster.slug("../../etc") == "etc" and raster.slug("***") == "country"
    names = [pictures.country_image(name) for name in raster.country_shapes()]
    assert len(set(names)) == len(names)


def test_static_pictures_are_what_the_build_makes_from_data() -> None:
    """static/ is committed: a change to data/basemap or the palette without a rebuild would serve a stale map."""
    made = pictures.static_pictures()
    found = (str(path.relative_to(pictures.STATIC_DIR)) for path in pictures.STATIC_DIR.rglob("*.png"))
    committed = {name for name in found if not name.startswith(f"{tiles.TILE_DIR}/")}  # tests/maps/test_tiles.py
    assert committed == set(made), "run scripts/build_basemap.py --static-only"
    for name, picture in made.items():
        shipped = Image.open(pictures.STATIC_DIR / name)
        assert (shipped.mode, shipped.size) == (picture.mode, picture.size), name
        assert shipped.convert("RGBA").tobytes() == picture.convert("RGBA").tobytes(), (
            f"run scripts/build_basemap.py --static-only ({name})"
        )


# --- the build script, on a hand-made TopoJSON ---


def fixture() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_decode_arcs_undoes_deltas_and_quantization() -> None:
    assert build_basemap.decode_arcs(fixture()) == [
        [(11.0, 20.0), (11.0, 21.0)],
        [(11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)],
        [(11.0, 20.0), (12.0, 20.0), (12.0, 21.0), (11.0, 21.0)],
    ]


def test_countries_are_stitched_from_arcs_including_reversed_ones() -> None:
    topology = fixture()
    features = build_basemap.country_features(topology, build_basemap.decode_arcs(topology), (0, 0, 90, 90))
    assert [f["properties"]["name"] for f in features] == ["East", "West"]  # sorted; the null geometry is dropped
    east, west = (f["geometry"] for f in features)
    assert east == {
        "type": "Polygon",
        "coordinates": [[[11.0, 20.0], [12.0, 20.0], [12.0, 21.0], [11.0, 21.0], [11.0, 20.0]]],
    }
    assert west == {
        "type": "Polygon",
        "coordinates": [[[11.0, 20.0], [11.0, 21.0], [10.0, 21.0], [10.0, 20.0], [11.0, 20.0]]],
    }


def test_clipping_cuts_polygons_and_splits_lines_at_the_box() -> None:
    topology = fixture()
    arcs = build_basemap.decode_arcs(topology)
    box = (10.5, 19.0, 11.5, 22.0)
    east, west = build_basemap.country_features(topology, arcs, box)
    assert east["geometry"]["coordinates"] == [[[11.0, 20.0], [11.5, 20.0], [11.5, 21.0], [11.0, 21.0], [11.0, 20.0]]]
    assert west["geometry"]["coordinates"] == [[[10.5, 20.0], [11.0, 20.0], [11.0, 21.0], [10.5, 21.0], [10.5, 20.0]]]
    lines = {
        f["properties"]["kind"]: f["geometry"]["coordinates"]
        for f in build_basemap.outline_features(topology, arcs, box)
    }
    assert lines["border"] == [[[11.0, 20.0], [11.0, 21.0]]]  # the shared arc, once
    assert lines[
        "coast"
    ] == [  # West's coast leaves the box on the west and comes back: two pieces, no line along the cut
        [[11.0, 21.0], [10.5, 21.0]],
        [[10.5, 20.0], [11.0, 20.0]],
        [[11.0, 20.0], [11.5, 20.0]],
        [[11.5, 21.0], [11.0, 21.0]],
    ]


def test_a_box_missing_everything_gives_no_features() -> None:
    topology = fixture()
    arcs = build_basemap.decode_arcs(topology)
    assert build_basemap.country_features(topology, arcs, (50, 50, 60, 60)) == []
    assert build_basemap.outline_features(topology, arcs, (50, 50, 60, 60)) == []


def test_build_is_deterministic(tmp_path: Path) -> None:
    first = build_basemap.build(fixture(), tmp_path / "a", (0, 0, 90, 90))
    build_basemap.build(fixture(), tmp_path / "b", (0, 0, 90, 90))
    for name in first:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
        assert json.loads((tmp_path / "a" / name).read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_a_tarball_with_another_hash_is_refused() -> None:
    with pytest.raises(SystemExit, match="hash mismatch"):
        build_basemap.read_topology(b"not the pinned tarball")


def test_integrity_matches_npm_format() -> None:
    assert build_basemap.integrity_of(b"") == (
        "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
    )
