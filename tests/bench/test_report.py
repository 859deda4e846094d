"""The report from made-up typed results: ratios to the floor, met and missed, and the load test's section kept."""

from __future__ import annotations

from bench import report
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
    return Render(
        "drawn",
        seconds=seconds,
        wall_s=seconds,
        first_frame_s=seconds,
        finished_s=seconds / 2,
        ws_bytes=ws_bytes,
        marker_pixels=50,
        land_pixels=5000,
        complete=True,
        settled_same=True,
    )


def app(name: str, opens: list[float], reruns: list[float], dated: list[float] = (), rerun_bytes: int = 100_000):
    return AppRun(
        name,
        warmup=drawn(9.0),
        pages=[drawn(s) for s in opens],
        reruns=[drawn(s, rerun_bytes) for s in reruns],
        dated=[drawn(s) for s in dated],
        server_peak_mb=500,
    )


def made_up(dashboard_1m_open: float = 4.0, curated_open: float = 2.5) -> Results:
    """Floor: open median 2 s (pages 1, 2, 3 before and 2, 2, 2 after), rerun median 0.5 s."""
    floor = [app("floor", [1.0, 2.0, 3.0], [0.4, 0.5, 0.6]), app("floor", [2.0, 2.0, 2.0], [0.5, 0.5, 0.5])]
    curated = SizeEntry(
        CURATED, 14, "data/events.csv", 0.01, browser={"ours": app("ours", [curated_open] * 3, [0.6] * 3)}
    )
    million = SizeEntry(
        "1000000",
        1_000_000,
        "x.csv",
        300.0,
        ours={"validate": {"wall_s": 8.0, "peak_mb": 900, "rc": 0, "said": "OK", "timed_out": False}},
        browser={
            "ours": app("ours", [dashboard_1m_open] * 3, [0.7, 0.8, 0.75], [3.0] * 3, 400_000),
            "naive": app("naive", [30.0], [20.0]),
        },
    )
    return Results(
        MACHINE, "now", sizes=[curated, million], floor=floor, load_before=(1, 1, 1), load_after=(2, 2, 2), seconds=60
    )


def verdicts(results: Results) -> dict[tuple[str, str], report.Verdict]:
    return {(v.measure.split(",")[0].split(" (")[0], v.data): v for v in report.ratio_verdicts(results)}


def test_ratios_are_to_the_floor_of_the_same_run():
    results = made_up()
    assert report.floor_figure(results, "open") == (2.0, None)  # median of both floor runs' pages
    assert report.floor_figure(results, "rerun") == (0.5, None)
    found = verdicts(results)
    open_1m = found[("page open → fully drawn", "1,000,000")]
    assert open_1m.met is False and open_1m.value.startswith("2.000×")  # 4 s / 2 s > 1.6
    assert found[("page open → fully drawn", "curated (14)")].met is True  # 2.5 / 2 = 1.25 <= 1.3
    dated = next(v for v in report.ratio_verdicts(results) if "date filter" in v.measure)
    assert dated.met is True and dated.value.startswith("1.500×")  # 3 / 2 <= 1.6
    rerun = next(v for v in report.ratio_verdicts(results) if v.measure.startswith("theatre filter"))
    assert rerun.met is True and rerun.value.startswith("1.500×")  # 0.75 / 0.5 <= 1.5
    size = next(v for v in report.ratio_verdicts(results) if v.measure.startswith("bytes"))
    assert size.met is True and size.value == "0.40 MB"


def test_a_slower_dashboard_or_a_failed_page_misses():
    assert verdicts(made_up(curated_open=2.7))[("page open → fully drawn", "curated (14)")].met is False
    results = made_up(dashboard_1m_open=3.0)
    assert verdicts(results)[("page open → fully drawn", "1,000,000")].met is True  # 1.5x
    results.sizes[1].browser["ours"].pages[1] = Render("timeout", wall_s=180.0)
    lost = verdicts(results)[("page open → fully drawn", "1,000,000")]
    assert lost.met is None and "timed out" in lost.value and "missed" in lost.row()


def test_no_floor_means_no_ratio_not_a_pass():
    results = made_up()
    results.floor = [AppRun("floor", pages=[Render("timeout", wall_s=180.0)])]
    assert all(v.met is None for v in report.ratio_verdicts(results) if "÷" in v.measure)


def test_report_shows_seconds_and_ratios_and_survives_a_round_trip():
    results = from_json(to_json(made_up()))
    text = report.report(results)
    floor = text.split("## Against the floor")[1].split("## ")[0]
    assert "| page open → fully drawn | 1,000,000 | 2.00 s | 4.00 s | 2.00× | 30.0 s | 15.00× |" in floor
    targets = text.split("## Targets")[1].split("## Where")[0]
    assert targets.count("**missed**") == 1 and targets.count("| met |") >= 5


def test_load_section_is_kept_and_replaced(tmp_path):
    out = tmp_path / "performance.md"
    report.write_report(made_up(), out)
    report.write_load_section("## Load test\n\nFIRST-RUN", out)
    report.write_report(made_up(), out)  # the benchmark again: the load section stays
    assert out.read_text().count("## Load test") == 1 and "FIRST-RUN" in out.read_text()
    report.write_load_section("## Load test\n\nsecond", out)
    text = out.read_text()
    assert "second" in text and "FIRST-RUN" not in text and text.count(report.LOAD_BEGIN) == 1


def test_hand_written_findings_survive_a_new_run(tmp_path):
    out = tmp_path / "performance.md"
    out.write_text(f"old report\n\n{report.FINDINGS_BEGIN}\n## Findings\nKEEP-ME\n{report.FINDINGS_END}\n")
    report.write_load_section("## Load test\n\nLOAD", out)
    report.write_report(made_up(), out)  # a new benchmark run rewrites everything else
    text = out.read_text()
    assert "KEEP-ME" in text and "LOAD" in text and "old report" not in text
    assert report.load_section(text, report.FINDINGS_BEGIN, report.FINDINGS_END).count("KEEP-ME") == 1
