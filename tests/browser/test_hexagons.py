"""A file with more places than the map draws one by one, in Chromium: the hexagons are drawn in their count's
colour, the densest in the darkest the map shows, the sparsest in the lightest."""

from __future__ import annotations

import time

import numpy as np
import pytest
from h3.api import basic_int as h3

from eventmap import schema
from eventmap.load import load_events
from eventmap.maps import camera, hexes, markers
from tests.app.test_hexagons import write_large_file
from tests.browser.conftest import _serve
from tests.browser.mapcanvas import LAND_COLOUR, MAP, blend, map_pixels, screen_position


@pytest.fixture(scope="module")
def large_server(tmp_path_factory, sample_dir):
    path = tmp_path_factory.mktemp("large") / "large.csv"
    write_large_file(path)
    app = _serve("large", tmp_path_factory, sample_dir, EVENTMAP_EVENTS=str(path))
    yield app, path
    app.stop()


def ramp_class(rgb: np.ndarray) -> int:
    """The class of the density ramp (as drawn over land) nearest to a colour on screen."""
    drawn = np.array([blend(colour, schema.DENSITY_ALPHA, LAND_COLOUR) for colour in schema.DENSITY_COLOURS])
    return int(np.argmin(np.abs(drawn - rgb).sum(axis=1)))


def inside(cell: int) -> tuple[float, float]:
    """A point inside a hexagon, between its centre (where its category's mark is) and a corner."""
    (lat, lon), (corner_lat, corner_lon) = h3.cell_to_latlng(cell), h3.cell_to_boundary(cell)[0]
    return lat + 0.6 * (corner_lat - lat), lon + 0.6 * (corner_lon - lon)


def colour_at(page, view, cell: int) -> np.ndarray:
    """The median colour of the 3 x 3 pixels at a point inside a hexagon, in a capture of the map."""
    x, y = screen_position(page, *inside(cell), view)
    box = page.locator(MAP).first.bounding_box()
    col, row = int(round(x - box["x"])), int(round(y - box["y"]))
    return np.median(map_pixels(page)[row - 1 : row + 2, col - 1 : col + 2].reshape(-1, 3), axis=0)


def test_the_densest_hexagon_is_drawn_in_the_darkest_colour_of_the_map(visit, large_server):
    server, path = large_server
    data = markers.build_map_data(load_events(path).frame)
    view = camera.fit_map(data)
    cells = data.markers.sort_values("count", ascending=False)
    densest, sparsest = int(cells["cell"].iloc[0]), int(cells["cell"].iloc[-1])
    top = int(hexes.density_class(cells["count"].to_numpy()).max())
    assert top > 0 and hexes.density_class(cells["count"].to_numpy()).min() == 0, "two classes at least"
    page = visit(server).page
    page.goto(server.url + "/")
    deadline = time.monotonic() + 180
    while ramp_class(colour_at(page, view, densest)) != top and time.monotonic() < deadline:
        time.sleep(0.5)  # the server's first page loads the file
    assert ramp_class(colour_at(page, view, densest)) == top, "the densest hexagon: the darkest colour shown"
    darkest = blend(schema.DENSITY_COLOURS[top], schema.DENSITY_ALPHA, LAND_COLOUR)
    assert np.abs(colour_at(page, view, densest) - darkest).max() <= 12
    assert ramp_class(colour_at(page, view, sparsest)) == 0, "a hexagon of a few events: the lightest"
