"""The report from made-up typed results and from a stored run: ratios to the floor, met and missed, one target
table, a short page, and the load test's section kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench import report, targets
from bench.results import CURATED, AppRun, Render, Results, SizeEntry, from_json, to_json

MACHINE = {
    "cpu": "test CPU",
    "cores": 2,
    "memory_gb": 4.0,
    "os": "test OS",
    "python": "3.11",
    "packages": {"streamlit": "1.67.0"},
    "chromium": "Chromium 1",
}


def drawn(seconds: float, ws_bytes: int = 100_000) -> Render:
    return Render("drawn", seconds=seconds, ws_bytes=ws_bytes, settled_same=True)


def app(name: str, opens: list[float], reruns: list[float], dated: list[float] = (), rerun_bytes: int = 100_000):
    return AppRun(
        name,
        warmup=drawn(9.0),
        pages=[drawn(s) for s in opens],
        reruns=[drawn(s, rerun_bytes) for s in reruns],
        dated=[drawn(s) for s in dated],
        server_peak_mb=500,
    )


def made_up(dashboard_1m_open: float = 4.0, curated_open: float = 2.3) -> Results:
    """Floor: open median 2 s (pages 1, 2, 3 before and 2, 2, 2 after), rerun median 0.5 s."""
    floor = [app("floor", [1.0, 2.0, 3.0], [0.4, 0.5, 0.6]), app("floor", [2.0, 2.0, 2.0], [0.5, 0.5, 0.5])]
    curated = SizeEntry(CURATED, 14, "data/events.csv", dashboard=app("dashboard", [curated_open] * 3, [0.6] * 3))
    million = SizeEntry(
        "1000000",
        1_000_000,
        "x.csv",
        ours={"validate": {"wall_s": 8.0, "peak_mb": 900, "rc": 0, "said": "OK", "timed_out": False}},
        dashboard=app("dashboard", [dashboard_1m_open] * 3, [0.7, 0.8, 0.75], [3.0] * 3, 400_000),
    )
    return Results(
        MACHINE, "now", sizes=[curated, million], floor=floor, load_before=(1, 1, 1), load_after=(2, 2, 2), seconds=60
    )


STORED = Path(__file__).with_name("results-curated.json")  # a short run: the shipped data, one page


def verdicts(results: Results) -> dict[tuple[str, str, str], targets.Verdict]:
    return {(v.target.measure, v.target.data, v.target.unit): v for v in targets.verdicts(results)}


def test_ratios_are_to_the_floor_of_the_same_run():
    results = made_up()
    assert targets.floor_median(results, "open") == 2.0  # median of both floor runs' pages
    assert targets.floor_median(results, "rerun") == 0.5
    found = verdicts(results)
    assert found[("open", "1000000", "×")].value == 2.0 and found[("open", "1000000", "×")].met is False  # > 1.6
    assert found[("open", CURATED, "×")].met is True  # 2.3 / 2 = 1.15 <= 1.2
    assert found[("dated", "1000000", "×")].value == 1.5 and found[("dated", "1000000", "×")].met is True
    assert found[("rerun", "1000000", "×")].value == 1.5 and found[("rerun", "1000000", "×")].met is True
    assert found[("rerun bytes", "1000000", "MB")].value == 0.4 and found[("rerun bytes", "1000000", "MB")].met
    assert found[("open", "1000000", "s")].value == 4.0 and found[("open", "1000000", "s")].met is True  # <= 5 s


def test_a_slower_dashboard_or_a_failed_page_misses():
    assert verdicts(made_up(curated_open=2.5))[("open", CURATED, "×")].met is False  # 1.25x > 1.2x
    results = made_up(dashboard_1m_open=2.6)
    assert verdicts(results)[("open", "1000000", "×")].met is True  # 1.3x
    results.sizes[1].dashboard.pages[1] = Render("timeout")
    lost = verdicts(results)[("open", "1000000", "×")]
    assert lost.met is None and lost.why == "timeout"
    assert "| timeout | **not measured** |" in report.report(results)


def test_no_floor_means_no_ratio_not_a_pass():
    results = made_up()
    results.floor = [AppRun("floor", pages=[Render("timeout")])]
    assert all(v.met is None for v in targets.verdicts(results) if v.target.unit == "×")


def test_one_target_table_and_a_round_trip():
    results = from_json(to_json(made_up()))
    text = report.report(results)
    assert text.count("## Targets") == 1 and text.count("| measure | data | target | this run | met? |") == 1
    floor = text.split("## Against the floor")[1].split("## ")[0]
    assert "| page open → fully drawn | 1,000,000 | 2.00 s | 4.00 s | 2.00× |" in floor
    table = text.split("## Targets")[1].split("## ")[0]
    assert table.count("**missed**") == 1 and table.count("| met |") >= 5
    assert "validate" in table and "100,000" not in table  # no target of data the run did not measure


def test_a_run_without_the_browser_says_so():
    results = made_up()
    results.browser = False
    text = report.report(results)
    assert "--no-browser" in text and "## Against the floor" not in text
    assert "no browser part in this run" in text.split("## Targets")[1]


def test_a_stored_run_renders_a_short_page():
    results = from_json(json.loads(STORED.read_text(encoding="utf-8")))
    text = report.report(results)
    assert len(text.splitlines()) <= 250
    assert text.startswith("# Performance") and "| page open → fully drawn | curated" in text
    floor = text.split("## Against the floor")[1].split("## ")[0]  # the stored run measured both apps
    assert re.search(r"\| page open → fully drawn \| curated \(\d+\) \| [\d.]+ s \| [\d.]+ s \| [\d.]+× \|", floor)
    assert not re.search(r"\bround\b|\bUTC\b", text)  # no diary: no rounds, no clock times


def test_load_section_is_kept_and_replaced(tmp_path):
    out = tmp_path / "performance.md"
    out.write_text("an old diary\n\n<!-- findings: begin -->\nOLD\n<!-- findings: end -->\n")
    report.write_report(made_up(), out)
    assert "OLD" not in out.read_text() and "an old diary" not in out.read_text()
    report.write_load_section("## Load test\n\nFIRST-RUN", out)
    report.write_report(made_up(), out)  # the benchmark again: the load section stays
    assert out.read_text().count("## Load test") == 1 and "FIRST-RUN" in out.read_text()
    report.write_load_section("## Load test\n\nsecond", out)
    text = out.read_text()
    assert "second" in text and "FIRST-RUN" not in text and text.count(report.LOAD_BEGIN) == 1


def test_an_older_results_file_keeps_its_dashboard_figures():
    data = to_json(made_up())
    for entry in data["sizes"]:
        entry["browser"] = {"ours": entry.pop("dashboard")}
    assert report.report(from_json(data)) == report.report(made_up())


def test_the_rendered_view_is_judged_by_its_command_and_its_files():
    results = made_up()
    ran = {"rc": 0, "timed_out": False}
    results.sizes[0].ours["render"] = {
        "png": {**ran, "wall_s": 6.5, "bytes": 900_000},
        "html": {**ran, "wall_s": 2.0, "bytes": 2_400_000},
        "pdf": {"rc": 1, "timed_out": False, "wall_s": 1.0, "bytes": None},
        "pptx": {**ran, "wall_s": 9.0, "bytes": 4_000_000},
    }
    found = verdicts(results)
    assert found[("render png", CURATED, "s")].value == 6.5 and found[("render png", CURATED, "s")].met is False
    assert found[("render html bytes", CURATED, "MB")].value == 2.4 and found[("render html bytes", CURATED, "MB")].met
    failed = found[("render pdf bytes", CURATED, "MB")]
    assert failed.met is None and failed.why == "exit 1"
    assert found[("render pptx", CURATED, "s")].value == 9.0 and found[("render pptx", CURATED, "s")].met
    results.browser = False  # a command's figure needs no browser
    assert verdicts(results)[("render png", CURATED, "s")].value == 6.5


def test_the_offline_file_is_judged_against_the_live_page_and_the_picture_in_seconds():
    results = made_up(curated_open=2.0)
    results.sizes[0].dashboard.pictures = [drawn(0.8), drawn(1.4), drawn(0.9)]
    results.sizes[0].dashboard.offline = [drawn(2.5), drawn(3.5), drawn(3.0)]
    found = verdicts(from_json(to_json(results)))
    assert found[("picture", CURATED, "s")].value == 0.9 and found[("picture", CURATED, "s")].met
    offline = found[("offline open", CURATED, "× page")]
    assert offline.value == 1.5 and offline.met  # 3.0 s over the live page's 2.0 s
    assert "| ≤ 1.5× | 1.50× | met |" in report.report(results)
    results.sizes[0].dashboard.offline[1] = Render("failed: no file")
    assert verdicts(results)[("offline open", CURATED, "× page")].met is None


def test_a_briefings_step_change_is_judged_against_the_floors_rerun():
    results = made_up()  # the floor's rerun median is 0.5 s
    results.sizes[0].dashboard.steps = [drawn(0.6), drawn(0.7), drawn(0.8)]
    found = verdicts(from_json(to_json(results)))[("step", CURATED, "×")]
    assert found.value == 0.7 / 0.5 and found.met is False  # 1.4x > 1.3x
    results.sizes[0].dashboard.steps = [drawn(0.6)]
    assert verdicts(results)[("step", CURATED, "×")].met is True


def test_a_comparison_of_two_months_is_judged_in_seconds_of_server_time():
    results = made_up()
    million = results.sizes[1]
    million.ours["work"] = {"reload_s": 2.0, "compare_s": 0.8}
    found = verdicts(from_json(to_json(results)))[("compare", "1000000", "s")]
    assert found.value == 0.8 and found.met
    assert "Compare page: two months by province, table and change map | — | 0.80 s" in report.report(results)
    million.ours["work"]["compare_s"] = 1.2
    assert verdicts(results)[("compare", "1000000", "s")].met is False
    results.browser = False  # measured in process: no browser needed
    assert verdicts(results)[("compare", "1000000", "s")].value == 1.2
    million.ours["work"] = {"error": "timed out"}
    missing = verdicts(results)[("compare", "1000000", "s")]
    assert missing.met is None and missing.why == "timed out"
    assert ("compare", CURATED, "s") not in verdicts(results)  # a target of the 1M rows only
