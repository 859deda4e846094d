"""The view's picture as the server describes it (eventmap.maps.picture): the words around the map, the legend,
the QR code of the link, and the alt text, for the sample and for an empty view."""

from __future__ import annotations

import json

import segno

from eventmap.load import load_curated
from eventmap.maps import contract, markers, picture


def described(frame, map_dir, link="http://localhost:8501/?theatre=Land"):
    return picture.composition(
        frame,
        markers.build_map_data(frame),
        title="A <b>title</b>",
        filters_text="no filters",
        when=picture.period(frame),
        sources=picture.sources_of(frame, load_curated(map_dir).sources),
        as_of="2024-05-12",
        link=link,
    )


def test_the_picture_says_the_period_the_counts_and_what_is_approximate(sample_events, map_dir):
    made = described(sample_events, map_dir)
    assert made["counts"] == "5 events shown, 3 approximately placed, 1 not placed"
    assert made["filters"] == "no filters · 2024-05-06 to 2024-05-10"
    assert made["alt"].startswith("Map of 5 events, 2024-05-06 to 2024-05-10. By category: Attack 2, US strike 2")
    assert "By place: Alpha Base 2" in made["alt"] and "1 without a place" in made["alt"]
    assert made["sources"] == "Sources: Test (2024-05-11)"
    assert [item["label"] for item in made["legend"]][:3] == ["Attack", "US strike", "Interception"]
    assert made["title"] == "A <b>title</b>" and not made["empty"]  # drawn as canvas text, never markup


def test_the_qr_code_is_the_link(sample_events, map_dir):
    link = "http://localhost:8501/?theatre=Land"
    rows = described(sample_events, map_dir, link)["qr"]
    expected = segno.make(link, error="m", micro=False)
    assert len(rows) == len(rows[0]) == len(expected.matrix)
    assert rows == ["".join(str(int(bool(cell))) for cell in row) for row in expected.matrix]


def test_an_empty_view_says_so(sample_events, map_dir):
    made = described(sample_events.iloc[0:0], map_dir)
    assert made["empty"] == "No events match these filters"
    assert made["counts"] == "0 events shown, 0 approximately placed, 0 not placed"
    assert "no events match these filters" in made["alt"]


def test_the_picture_travels_in_the_spec(sample_events, map_dir):
    spec = '{"layers":[],"fit":"x"}'
    sent = json.loads(picture.with_picture(spec, {"alt": "</script>"}))
    assert sent == {"layers": [], "fit": "x", contract.PICTURE: {"alt": "</script>"}}


def test_an_analysts_file_is_titled_by_its_name_countries_and_period():
    import pandas as pd

    frame = pd.DataFrame(
        {
            "country": pd.Categorical(["Iraq", "Iraq", "Syria", "Yemen", "Jordan", "", None]),
            "event_date": pd.to_datetime(["2024-01-03", "2024-01-01", "2024-02-10", None, "2024-01-05", "2024-01-09",
                                          "2024-01-02"]),
        }
    )  # fmt: skip
    title, subtitle = picture.file_titles(frame, "<b>my_export</b>.csv")
    assert title == "<b>my_export</b>.csv"  # the name as it is: the page shows it as text
    assert subtitle == "Iraq, Jordan, Syria and 1 more countries · 1 Jan 2024 to 10 Feb 2024 · 7 events"
    assert picture.file_titles(frame.iloc[:0], "") == ("Your events file", "no country named · no dates · 0 events")
