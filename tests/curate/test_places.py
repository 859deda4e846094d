"""A place the gazetteer lacks, added from the desk: checked, logged first, atomic, undoable, then found."""

from __future__ import annotations

from eventmap.curate import journal
from eventmap.curate.places import PlaceForm, add_place, places_log, undo_place
from eventmap.geocode.gazetteer import Gazetteer, load_places

TOWER = PlaceForm(
    "Tower 22", "Tower-22;T22", "33.3275", "38.7006", "base", "2", "Jordan", "CENTCOM statement, 28 Jan 2024"
)


def test_a_place_added_from_the_desk_is_found_by_the_next_look_up_and_can_be_undone(tmp_path):
    places = tmp_path / "places.csv"
    assert Gazetteer(places=[]).geocode("Tower 22") is None
    assert add_place(TOWER, places, "Ana") == []
    found = Gazetteer(places).geocode("T22")
    assert (
        found is not None
        and found.raw["name"] == "Tower 22"
        and (found.latitude, found.longitude) == (33.3275, 38.7006)
    )
    assert [p.name for p in load_places(places)] == ["Tower 22"]  # the gazetteer's own reader accepts the file
    assert [line.count('"action": "add"') for line in places_log(places).read_text().splitlines()] == [1]
    rukban = PlaceForm("Rukban", "", "33.3", "38.75", "city", "5", "Syria", "OCHA map of Rukban, 2023")
    assert add_place(rukban, places, "Ana") == []
    assert undo_place(places, "Ana") == []
    assert [p.name for p in load_places(places)] == ["Tower 22"] and '"undoes": 2' in places_log(places).read_text()
    assert "no rows" in undo_place(places, "Ana")[0].message  # the gazetteer needs one row


def test_a_place_without_reference_or_with_a_taken_name_is_refused_and_nothing_written(tmp_path):
    places = tmp_path / "places.csv"
    assert add_place(TOWER, places, "Ana") == []
    before = places.read_bytes()
    said = add_place(PlaceForm("T22", "", "1e1", "38.7", "outpost", "0", "Jordan\u200b", ""), places, "Bo")
    assert {p.column for p in said} == {"name", "latitude", "kind", "radius_km", "country", "reference"}
    assert places.read_bytes() == before


def test_a_failed_write_of_the_places_file_puts_the_log_back(tmp_path, monkeypatch):
    places = tmp_path / "places.csv"
    real = journal.atomic_write

    def refuse(path, chunks, **kwargs):
        if path.name == "places.csv":
            raise PermissionError(13, "Permission denied")
        return real(path, chunks, **kwargs)

    monkeypatch.setattr(journal, "atomic_write", refuse)
    said = add_place(TOWER, places, "Ana")
    assert [p.message for p in said] == ["places.csv could not be written (Permission denied); nothing was saved"]
    assert not places.exists() and not places_log(places).exists()
