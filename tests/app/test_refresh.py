"""The upload's "update the loaded file with a newer export": merged as acled-update merges, the counts said as text,
bad inputs listed with the loaded file left as it was."""

from __future__ import annotations

import csv
import io

import pandas as pd

from eventmap.ui import refresh
from tests.app.conftest import captions, page
from tests.conftest import FIXTURES


def acled_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def uploaded():
    app = page("Map").run()
    body = (FIXTURES / "acled_export.csv").read_bytes()
    app.file_uploader(key="upload").set_value(("acled.csv", body, "text/csv")).run()
    assert "showing 3 of 3 events" in captions(app)
    return app, pd.read_csv(io.BytesIO(body), dtype=str, keep_default_na=False)


def test_a_newer_export_and_a_deletions_file_update_the_loaded_file_and_the_counts_are_said():
    app, old = uploaded()
    newer = old.iloc[[0]].assign(notes="Corrected", timestamp=str(int(old["timestamp"].iat[0]) + 60))
    added = old.iloc[[0]].assign(event_id_cnty="IRQ30009", timestamp="1701990000")
    app.file_uploader(key=refresh.NEWER_KEY).set_value(
        ("newer.csv", acled_bytes(pd.concat([newer, added])), "text/csv")
    )
    deletions = b"event_id_cnty,deleted_timestamp\nSYR40002,1702000000\n"
    app.file_uploader(key=refresh.DELETED_KEY).set_value(("deleted.csv", deletions, "text/csv"))
    app.button(key=refresh.RUN_KEY).click().run()
    assert not app.exception, app.exception
    said = captions(app)
    assert "Updated acled.csv with newer.csv: 1 added, 1 changed, 1 deleted." in said
    assert "showing 3 of 3 events" in said  # IRQ30001 changed, SYR40002 deleted, IRQ30009 added
    assert any("Download the updated file" in b.proto.label for b in app.get("download_button"))
    rows = list(csv.DictReader(io.StringIO(app.session_state["eventmap_upload"][2].decode("utf-8"))))
    assert [r["event_id_cnty"] for r in rows] == ["IRQ30001", "YEM50003", "IRQ30009"]
    assert rows[0]["notes"] == "Corrected"


def test_an_older_export_is_refused_with_located_problems_and_the_loaded_file_stays():
    app, old = uploaded()
    stale = old.iloc[[1]].assign(timestamp="1")
    app.file_uploader(key=refresh.NEWER_KEY).set_value(("stale.csv", acled_bytes(stale), "text/csv")).run()
    app.button(key=refresh.RUN_KEY).click().run()
    assert not app.exception, app.exception
    assert "Not updated: acled.csv is unchanged." in captions(app)
    problems = app.dataframe[-1].value
    assert list(problems["file"]) == ["acled.csv"] and list(problems["row"]) == [3]
    assert list(problems["column"]) == ["timestamp"] and "stale.csv row 2" in problems["message"].iat[0]
    assert "showing 3 of 3 events" in captions(app)
