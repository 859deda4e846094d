"""What the desk shows before a save: the tooltip as the map will show it, candidates, quotes in context."""

from eventmap.curate import preview
from eventmap.geocode.resolver import build_resolver
from tests.curate.deskfiles import NEW_EVENT, SOURCE_ID, SOURCE_TEXT


def test_tooltip_preview_is_the_maps_tooltip():
    title, body = preview.tooltip_preview(
        {k: str(v) for k, v in NEW_EVENT.items()} | {"event_id_cnty": "new", "notes": "<b>crowd</b>"}
    )
    assert title == "Basra — 1 event"
    assert body == f"1 Dec 2023 · Protests · <b>crowd</b> [{SOURCE_ID}]"
    assert (
        preview.tooltip_preview(
            {k: str(v) for k, v in NEW_EVENT.items()} | {"latitude": "", "longitude": "", "location": ""}
        )
        is None
    )


def test_candidates_come_from_the_resolver_and_the_gazetteer(tmp_path):
    resolver = build_resolver(online=False, use_cache=False)
    found = preview.candidates(resolver, "Alpha Airbase")
    assert found and found[0].provider == "gazetteer" and round(found[0].latitude, 2) == 33.5
    assert len({(r.latitude, r.longitude) for r in found}) == len(found)
    assert preview.candidates(resolver, "Nowhere-at-all-xyz") == []
    spec = preview.candidates_deck(found, 0).to_json()
    assert '"candidates"' in spec and "mapbox" not in spec.lower() and "carto" not in spec.lower()


def test_quote_lines_show_where_a_quote_is_or_that_it_is_not():
    lines = preview.quote_lines("Protesters gathered   in Basra | paid protesters", SOURCE_ID, {SOURCE_ID: SOURCE_TEXT})
    assert lines[0].startswith("✓ found verbatim: …") and "Protesters gathered in Basra on December 1." in lines[0]
    assert lines[1] == f"✗ NOT found verbatim in {SOURCE_ID}: paid protesters"


def test_the_chosen_candidate_has_the_palettes_candidate_colour():
    from eventmap import schema
    from eventmap.geocode.resolver import GeocodeResult

    results = [
        GeocodeResult("a", "found", 1.0, 2.0, "A", "gazetteer", "town", 1, 5.0),
        GeocodeResult("b", "found", 3.0, 4.0, "B", "gazetteer", "town", 1, 5.0),
    ]
    chosen, other = preview.candidate_records(results, 0)
    assert chosen["point"][:3] == list(schema.PALETTE["candidate"])
    assert other["point"][:3] == list(schema.PALETTE["fallback"])


def test_the_preview_names_the_source_as_the_map_does_when_given_the_sources_table():
    row = {k: str(v) for k, v in NEW_EVENT.items()} | {"event_id_cnty": "new", "notes": "crowd"}
    table = [{"source_id": SOURCE_ID, "title": "A report", "outlet": "Nowhere Times", "published": "2023-12-04"}]
    _, body = preview.tooltip_preview(row, table)
    assert body.endswith("[Nowhere Times, 4 Dec 2023]") and SOURCE_ID not in body
