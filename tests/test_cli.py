"""The command line in process: each command prints plain lines and exits 0, 1 (problems) or 2 (usage)."""

from __future__ import annotations

import pytest

from eventmap import cli
from tests.sample import SOURCE_ID


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as stop:  # argparse's usage errors
        code = stop.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_validate_says_ok_in_one_line_with_quotes_checked(capsys, sample_dir):
    files = [str(sample_dir / name) for name in ("events.csv", "tallies.csv", "periods.csv", "sources.csv")]
    code, out, err = run(capsys, "validate", *files, "--sources", str(sample_dir / "sources"))
    assert code == 0, out + err
    assert out.startswith("OK:") and "6 curated events rows" in out and "quotes checked against 1 source texts" in out


def test_validate_reports_a_quote_missing_from_its_source(capsys, sample_dir, tmp_path):
    events = tmp_path / "events.csv"
    events.write_text((sample_dir / "events.csv").read_text().replace("struck the depot", "bombed the depot"))
    (tmp_path / "sources.csv").write_bytes((sample_dir / "sources.csv").read_bytes())
    code, out, _ = run(capsys, "validate", str(events), "--sources", str(sample_dir / "sources"))
    assert code == 1
    assert f"{events}:2: source_quote: quote not found verbatim in the cited sources" in out
    assert f"no quote from cited source {SOURCE_ID}" in out


def test_validate_needs_an_existing_sources_folder(capsys, tmp_path):
    code, _, err = run(capsys, "validate", "--sources", str(tmp_path / "nowhere"))
    assert code == 1 and "sources folder not found" in err


def test_usage_errors_exit_2_with_a_message(capsys):
    code, _, err = run(capsys, "no-such-command")
    assert code == 2 and "invalid choice" in err
    code, _, err = run(capsys, "export", "--format", "xlsx")
    assert code == 2 and "invalid choice" in err
    code, _, err = run(capsys, "validate", "--server.port", "1")  # only serve passes options on (to streamlit)
    assert code == 2 and "unrecognized arguments: --server.port" in err


@pytest.mark.parametrize("option", ["--theatre", "--actor", "--category", "--type"])
def test_every_choice_filter_is_an_export_option(capsys, option):
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    assert option in capsys.readouterr().out
