"""`python -m bench`: the benchmark (writes docs/performance.md); `python -m bench load`: the load test."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench.results import from_json
from bench.run import DEFAULT_SIZES, DEFAULT_WORKDIR, run
from tests.browser.harness import ROOT


def parser() -> argparse.ArgumentParser:
    bench = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure the dashboard against its targets and the floor page; writes docs/performance.md. "
        "`python -m bench load --help`: the load test.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    add = bench.add_argument
    add("--sizes", default=",".join(DEFAULT_SIZES), help="'curated' and/or synthetic row counts, comma-separated")
    add("--out", default=str(ROOT / "docs" / "performance.md"), help="the page to write")
    add("--no-browser", action="store_true", help="the in-process steps only")
    add("--workdir", default=str(DEFAULT_WORKDIR), help="where generated files and results.json are kept")
    add("--repeats", type=int, default=3, help="fresh browser pages per app and data")
    add("--timeout", type=float, default=180.0, help="bound on each browser wait, seconds")
    add("--results", help="re-render the page of an earlier run from its results.json")
    return bench


def sizes(text: str) -> list[str]:
    labels = [s.strip().replace("_", "").replace(",", "") for s in text.split(",") if s.strip()]
    for label in labels:
        if label != "curated" and not label.isdigit():
            raise SystemExit(f"--sizes: {label!r} is neither 'curated' nor a row count")
    return labels


def main(argv: list[str]) -> int:
    from bench.report import write_report

    args = parser().parse_args(argv)
    if args.results:
        results = from_json(json.loads(Path(args.results).read_text(encoding="utf-8")))
    else:
        started = time.perf_counter()

        def log(message: str) -> None:
            print(f"{time.perf_counter() - started:7.1f} s  {message}", flush=True)

        results = run(
            sizes(args.sizes),
            Path(args.workdir),
            browser=not args.no_browser,
            repeats=args.repeats,
            timeout_s=args.timeout,
            log=log,
        )
    write_report(results, Path(args.out))
    print(f"wrote {args.out} ({results.seconds / 60:.1f} min run)")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["load"]:
        from bench.load import main as load_main

        raise SystemExit(load_main(sys.argv[2:]))
    raise SystemExit(main(sys.argv[1:]))
