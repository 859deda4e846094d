"""Registering a report: its text stored under a stable id, its row in sources.csv, the same text recognised."""

from eventmap.curate.sources import SourceForm, register_source, text_hash
from eventmap.load import SOURCES, load_table
from tests.curate.deskfiles import make_desk

TEXT = "A new report.\nIt says drones struck Camp Beta on Monday.\n"


def test_register_stores_text_and_row_then_recognises_it(tmp_path):
    events, folder = make_desk(tmp_path)
    sources_csv = tmp_path / "sources.csv"
    form = SourceForm(
        TEXT, 'New, "quoted" title', "2023-12-05", outlet="Paper", url="https://example.org/a?b=1", timezone="UTC+3"
    )
    first, problems = register_source(form, folder, sources_csv)
    assert problems == [] and first.new
    assert first.source_id == f"001_{text_hash(TEXT)}.txt"
    assert (folder / first.source_id).read_text(encoding="utf-8") == TEXT
    table = load_table(sources_csv, SOURCES)
    assert table.problems == []
    row = table.frame.set_index("source_id").loc[first.source_id]
    assert row["title"] == 'New, "quoted" title' and "UTC+3" in row["published_how"]
    assert "https://example.org/a?b=1" in row["published_how"]

    before = sources_csv.read_bytes()
    again, _ = register_source(
        SourceForm("  A new report. It says drones   struck Camp Beta on Monday. ", "Other title", "2023-12-06"),
        folder,
        sources_csv,
    )
    assert again.source_id == first.source_id and not again.new
    assert sources_csv.read_bytes() == before
    assert len(list(folder.glob("*.txt"))) == 2


def test_bad_form_writes_nothing(tmp_path):
    events, folder = make_desk(tmp_path)
    sources_csv = tmp_path / "sources.csv"
    before = sources_csv.read_bytes()
    registered, problems = register_source(SourceForm("  ", "", "5 Dec"), folder, sources_csv)
    assert registered is None
    assert {p.column for p in problems} == {"text", "title", "published"}
    assert sources_csv.read_bytes() == before and len(list(folder.glob("*.txt"))) == 1


def test_a_paste_over_the_limit_is_not_one_report(tmp_path):
    from eventmap.curate.sources import MAX_REPORT_CHARS

    events, folder = make_desk(tmp_path)
    huge = "Drones struck a base. " * (MAX_REPORT_CHARS // 20)
    registered, problems = register_source(SourceForm(huge, "Huge", "2023-12-05"), folder, tmp_path / "sources.csv")
    assert registered is None and [p.column for p in problems] == ["text"] and "not one report" in problems[0].message
