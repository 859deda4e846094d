"""The basemap's tiles: the theatre drawn sharper for the zooms past the basemap picture, with its rivers and
lakes; committed under static/tiles/ and what the build makes from data/basemap/."""

from __future__ import annotations

import math

import pytest
from PIL import Image

from eventmap import schema
from eventmap.maps import offline, pictures, tiles

TILE_ROOT = pictures.STATIC_DIR / tiles.TILE_DIR


def pixel_at(level: int, lon: float, lat: float) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The shipped tile's pixel at a point, and the tile's key."""
    fx, fy = tiles.tile_x(lon, level), tiles.tile_y(lat, level)
    x, y = math.floor(fx), math.floor(fy)
    picture = Image.open(TILE_ROOT / f"{level}/{x}/{y}.png").convert("RGB")
    return picture.getpixel((int((fx - x) * tiles.TILE_PX), int((fy - y) * tiles.TILE_PX))), (level, x, y)


def colours_near(level: int, lon: float, lat: float, radius_px: int = 6) -> set[tuple[int, int, int]]:
    fx, fy = tiles.tile_x(lon, level), tiles.tile_y(lat, level)
    x, y = math.floor(fx), math.floor(fy)
    picture = Image.open(TILE_ROOT / f"{level}/{x}/{y}.png").convert("RGB")
    cx, cy = int((fx - x) * tiles.TILE_PX), int((fy - y) * tiles.TILE_PX)
    box = (max(0, cx - radius_px), max(0, cy - radius_px), cx + radius_px, cy + radius_px)
    return {colour for _, colour in picture.crop(box).getcolors(4096)}


def test_every_level_has_exactly_its_tiles_and_they_stay_small() -> None:
    shipped = {(int(path.parts[-3]), int(path.parts[-2]), int(path.stem)) for path in TILE_ROOT.rglob("*.png")}
    assert shipped == set(tiles.tile_keys()), "run scripts/build_basemap.py --static-only"
    counts = {level: sum(1 for key in shipped if key[0] == level) for level in tiles.LEVELS}
    assert counts == {7: 53, 9: 580}
    assert sum(path.stat().st_size for path in TILE_ROOT.rglob("*.png")) < 1_500_000


def test_a_level_is_what_the_build_draws_from_data() -> None:
    """Level 7 whole, and the level 9 tiles of two event places: the committed pixels are the build's."""
    keys = tiles.tile_keys([7]) + [pixel_at(9, 42.4412, 33.7856)[1], pixel_at(9, 43.9632, 36.2376)[1]]
    for level, x, y in keys:
        shipped = Image.open(TILE_ROOT / tiles.tile_path(level, x, y).removeprefix(f"{tiles.TILE_DIR}/"))
        made = tiles.render_tile(level, x, y)
        assert (shipped.mode, shipped.size) == (made.mode, made.size) == ("P", (512, 512))
        assert shipped.convert("RGB").tobytes() == made.convert("RGB").tobytes(), (level, x, y)


@pytest.mark.parametrize(
    ("place", "lon", "lat", "colour"),
    [
        ("the Euphrates at Hit", 42.77, 33.67, "water"),
        ("the Tigris at Baghdad", 44.37, 33.33, "water"),
        ("Lake Tharthar", 43.3, 34.0, "sea"),
        ("the coast at Aden", 45.06, 12.763, "border"),
        ("the Red Sea off Hodeidah", 42.5, 14.8, "sea"),
        ("the Anbar desert", 41.0, 33.0, "land"),
    ],
)
def test_rivers_lakes_and_coasts_are_drawn_where_they_are(place: str, lon: float, lat: float, colour: str) -> None:
    if colour in ("water", "border"):
        assert schema.PALETTE[colour] in colours_near(9, lon, lat), place
    else:
        assert pixel_at(9, lon, lat)[0] == schema.PALETTE[colour], place


def test_the_level_follows_the_zoom() -> None:
    assert [tiles.level_for(zoom) for zoom in (4.0, 5.4, 5.5, 6.3, 7.0, 7.2, 8.0, 9.0, 11.0)] == [
        None,
        None,
        7,
        7,
        7,
        9,
        9,
        9,
        9,
    ]


def test_tile_bounds_and_indexes_agree() -> None:
    west, south, east, north = tiles.tile_bounds(9, 319, 205)
    assert math.floor(tiles.tile_x(west + 1e-9, 9)) == 319 and math.floor(tiles.tile_y(north - 1e-9, 9)) == 205
    assert math.floor(tiles.tile_y(south + 1e-9, 9)) == 205 and east - west == pytest.approx(360 / 512)


def test_the_basemap_layer_names_its_tiles_by_url() -> None:
    prop = pictures.basemap_layers()[1].tiles
    assert prop["url"] == "app/static/tiles" and prop["levels"] == [7, 9] and prop["from"] == tiles.FROM_ZOOM
    assert "inline" not in prop


def offline_layer(zoom: float) -> dict:
    layer = {"@@type": "BitmapLayer", "id": "basemap", "image": "app/static/basemap.png", "bounds": [8, -3, 80, 50]}
    layer["tiles"] = tiles.layer_prop("app/static/tiles")
    spec = {"layers": [layer], "initialViewState": {"latitude": 33.78, "longitude": 42.44, "zoom": zoom}}
    return offline.inlined_spec(spec)["layers"][0]


def test_the_offline_file_inlines_only_the_tiles_its_camera_shows() -> None:
    assert "tiles" not in offline_layer(4.0)  # the picture alone: nothing to fetch, nothing inlined
    zoomed = offline_layer(8.0)["tiles"]
    assert 4 <= len(zoomed["inline"]) <= 40
    assert all(uri.startswith("data:image/png;base64,") for uri in zoomed["inline"].values())
    assert {key.split("/")[0] for key in zoomed["inline"]} == {"9"}


def test_province_boundaries_are_light_lines_apart_from_the_borders() -> None:
    """Between Karbala and Al Anbar: a line lighter than a border, over the land (dashed, half a pixel wide)."""
    land, border = schema.PALETTE["land"], schema.PALETTE["border"]
    colours = colours_near(9, 43.844, 32.826, radius_px=8)
    light = [c for c in colours if c not in (land, border) and all(b < x <= a for a, b, x in zip(land, border, c))]
    assert light, colours
    assert border not in colours, "a province is not drawn as a country's border"
