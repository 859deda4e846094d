"""A file with more places than the map draws one by one: the Map page draws hexagons with a legend of counts,
says what it leaves out, and lists the view's events by province."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bench import synthetic
from eventmap.maps import markers, spec
from tests.app.conftest import as_shown, captions, map_layer, page

ROWS = markers.POINT_BUDGET + 500  # every event at a point of its own: above the point budget


def write_large_file(path: Path) -> pd.DataFrame:
    """A made-up ACLED export of ROWS events at ROWS distinct points, some placed only to a region."""
    frame = synthetic.generate_frame(ROWS, seed=7)
    step = np.arange(ROWS) * 1e-4  # ~10 m apart: distinct points near the generator's places
    frame["latitude"] = (frame["latitude"].astype(float) + step).map("{:.4f}".format)
    frame["longitude"] = (frame["longitude"].astype(float) + step).map("{:.4f}".format)
    frame.to_csv(path, index=False, lineterminator="\n")
    return frame


@pytest.fixture
def large_file(tmp_path, monkeypatch):
    path = tmp_path / "large.csv"
    frame = write_large_file(path)
    monkeypatch.setenv("EVENTMAP_EVENTS", str(path))
    return frame


def test_a_large_file_is_drawn_as_hexagons_with_a_legend_of_counts(large_file):
    app = page("Map").run()
    assert not app.exception, app.exception
    cells = map_layer(app, spec.CELLS_LAYER_ID)
    marks = map_layer(app)
    assert cells and len(cells) == len(marks) <= markers.POINT_BUDGET
    region = int((large_file["geo_precision"].astype(int) >= 3).sum())
    assert region, "the made-up file has events placed only to a region"
    note = next(info.value for info in app.info if "hexagons" in info.value)
    assert f"drawn as {len(cells):,} hexagons" in note
    assert f"{region:,} events placed only to a region or country, not in the cells" in note
    legend = "\n".join(m.value for m in app.markdown if "Events per hexagon" in m.value)
    assert "1–9" in legend and "most frequent category" in legend
    expander = next(e for e in app.expander if e.label.startswith("Events by province (admin1)"))
    table = expander.dataframe[0].value
    assert list(table.columns) == ["country", "admin1", "placed", "events", "fatalities"]
    assert table["events"].sum() == ROWS, "every event of the view, the coarse ones in rows of their own"
    assert table.loc[table["placed"] != "", "events"].sum() >= region
    assert "counted apart" in captions(app) and "not a map" in as_shown(captions(app))
