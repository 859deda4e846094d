"""A registered report can be withdrawn while no event cites it; the withdrawal is logged and undone."""

from __future__ import annotations

from eventmap.curate.sources import SourceForm, register_source
from eventmap.curate.withdraw import sources_log, undo_withdrawal, withdraw_source
from tests.curate.deskfiles import SOURCE_ID, make_desk

TEXT = "Rockets hit Camp Gamma late on Friday, police said, and nobody was hurt.\n"


def test_an_uncited_report_is_withdrawn_and_brought_back_byte_for_byte(tmp_path):
    events, folder = make_desk(tmp_path)
    sources_csv = tmp_path / "sources.csv"
    registered, _ = register_source(SourceForm(TEXT, "Gamma", "2023-12-09", "Gazette"), folder, sources_csv)
    with_it = sources_csv.read_bytes()
    assert withdraw_source(registered.source_id, sources_csv, events, "Ana") == []
    assert registered.source_id not in sources_csv.read_text() and (folder / registered.source_id).exists()
    assert '"action": "withdraw"' in sources_log(sources_csv).read_text()
    assert undo_withdrawal(sources_csv, "Ana") == []
    assert sources_csv.read_bytes() == with_it
    assert "no withdrawn report" in undo_withdrawal(sources_csv, "Ana")[0].message


def test_a_cited_report_is_not_withdrawn(tmp_path):
    events, folder = make_desk(tmp_path)
    sources_csv = tmp_path / "sources.csv"
    before = sources_csv.read_bytes()
    said = withdraw_source(SOURCE_ID, sources_csv, events, "Ana")
    assert [p.column for p in said] == ["source"] and "cited by EM-IRQ-001, EM-SEA-001" in said[0].message
    assert sources_csv.read_bytes() == before and not sources_log(sources_csv).exists()
