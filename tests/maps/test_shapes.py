"""Categories told apart by more than colour: each has a marker shape of its own, the legend shows it, and the
palette stays apart for the two common red-green colour-vision deficiencies (docs/decisions.md, "Shapes as well
as colours")."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

from eventmap import schema
from eventmap.maps import contract, markers
from eventmap.ui.widgets import legend_html, marker_shape_css

# Machado, Oliveira and Fernandes (2009), "A Physiologically-based Model for Simulation of Color Vision
# Deficiency", IEEE TVCG 15(6): the matrices for severity 1.0, applied to linear RGB.
MACHADO_2009 = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
}
# CIE76 ΔE between any two categories, for every viewer: 2.3 is a just-noticeable difference; 10 is told apart
# at a glance on a marker 14 px wide (the closest pair, Attack and Violence against civilians under
# deuteranopia, is 11.4). The shape then tells apart what colour alone would not.
MIN_DELTA_E = 10.0
SRGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
)
D65_WHITE = np.array([0.95047, 1.0, 1.08883])


def linear(rgb: tuple[int, int, int]) -> np.ndarray:
    c = np.asarray(rgb, dtype=float) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(linear_rgb: np.ndarray) -> np.ndarray:
    """CIE L*a*b* (D65) of a linear sRGB colour, clipped to the gamut as a screen would show it."""
    xyz = SRGB_TO_XYZ @ np.clip(linear_rgb, 0, 1) / D65_WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_the_simulation_is_machados_white_stays_white_and_red_turns_olive():
    for matrix in MACHADO_2009.values():
        assert np.allclose(matrix @ np.ones(3), 1, atol=1e-3)  # a grey stays grey
    deuteranope_red = MACHADO_2009["deuteranopia"] @ linear((255, 0, 0))
    assert deuteranope_red[0] > deuteranope_red[2] and deuteranope_red[1] > deuteranope_red[2]


@pytest.mark.parametrize("vision", ["normal", *MACHADO_2009])
def test_every_pair_of_categories_stays_apart_for_colour_blind_viewers(vision):
    matrix = MACHADO_2009.get(vision, np.eye(3))
    seen = {c.name: lab(matrix @ linear(c.colour)) for c in schema.CATEGORY_TABLE}
    close = [
        (a, b, round(float(np.linalg.norm(seen[a] - seen[b])), 1))
        for a, b in itertools.combinations(seen, 2)
        if np.linalg.norm(seen[a] - seen[b]) < MIN_DELTA_E
    ]
    assert not close, f"{vision}: categories closer than ΔE {MIN_DELTA_E}: {close}"


def test_every_category_has_a_shape_of_its_own_that_the_map_draws():
    shapes = [c.shape for c in schema.CATEGORY_TABLE]
    assert len(set(shapes)) == len(shapes)
    assert set(shapes) <= set(contract.SHAPES)
    assert schema.shape_of("no such category") == schema.FALLBACK_SHAPE in contract.SHAPES
    for name, outline in contract.SHAPES.items():  # within the circle the map picks a marker by
        assert all(x * x + y * y <= 1.001 for x, y in outline), name


def test_each_marker_carries_its_categorys_shape(sample_events):
    data = markers.build_map_data(sample_events)
    records = markers.layer_records(data.markers)
    assert records and {tuple(row) for row in records} == {contract.MARKER_FIELDS}
    by_colour = {tuple(c.colour): c.shape for c in schema.CATEGORY_TABLE}
    assert {row["shape"] for row in records} >= {"triangle", "diamond"}  # attacks and US strikes in the sample
    assert all(row["shape"] == by_colour[tuple(row["fill"][:3])] for row in records)


def test_the_legend_shows_each_categorys_shape_in_its_colour():
    markup = legend_html(list(schema.CATEGORIES), areas=False, countries=False)
    swatches = re.findall(r"<span style='([^']*)' data-shape='([^']*)'></span>([^<]*)", markup)
    assert [name for _, _, name in swatches] == list(schema.CATEGORIES)
    for style, shape, name in swatches:
        assert shape == schema.shape_of(name)
        assert marker_shape_css(shape) in style and schema.css(schema.colour_of(name)) in style
    assert "clip-path:polygon(50.0% 0.0%,93.3% 75.0%,6.7% 75.0%)" in marker_shape_css("triangle")
    assert marker_shape_css("circle") == "border-radius:50%;"
