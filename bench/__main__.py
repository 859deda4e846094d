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

DEFAULT_OUT = ROOT / "docs" / "performance.md"


def parser() -> argparse.ArgumentParser:
    bench = argparse.ArgumentParser(
        prog="python -m bench",
        description=(
            "Measure the dashboard against the floor page and its targets; writes docs/performance.md. "
            "`python -m bench load --help`: the load test."
        ),
    )
    bench.add_argument(
        "--sizes",
        default=",".join(DEFAULT_SIZES),
        help="data, comma-separated: 'curated' and/or rows of synthetic files "
        f"(default: {','.join(DEFAULT_SIZES)}; 10000 is a quick extra)",
    )
    bench.add_argument("--out", default=str(DEFAULT_OUT), help="the report to write (default: docs/performance.md)")
    bench.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    bench.add_argument(
        "--workdir",
        default=str(DEFAULT_WORKDIR),
        help=f"where the generated files are kept and reused (default: {DEFAULT_WORKDIR})",
    )
    bench.add_argument("--repeats", type=int, default=3, help="fresh browser pages per app and data (default: 3)")
    bench.add_argument(
        "--timeout", type=float, default=180.0, help="bound on each browser wait, seconds (default: 180)"
    )
    bench.add_argument("--screenshots", metavar="DIR", help="save what each page showed when counted as drawn")
    bench.add_argument("--results", help="re-render the report of an earlier run from its results.json")
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

        shots = Path(args.screenshots) if args.screenshots else None
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
        results = run(
            sizes(args.sizes),
            Path(args.workdir),
            browser=not args.no_browser,
            repeats=args.repeats,
            timeout_s=args.timeout,
            log=log,
            shots=shots,
        )
    write_report(results, Path(args.out))
    print(f"wrote {args.out} ({results.seconds / 60:.1f} min run)")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["load"]:
        from bench.load import main as load_main

        raise SystemExit(load_main(sys.argv[2:]))
    raise SystemExit(main(sys.argv[1:]))
