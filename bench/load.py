"""The load test: a room of viewers opening the dashboard at once, at the websocket level as the browser does.

`python -m bench load`: the dashboard served on 127.0.0.1, one warm-up session, then N concurrent sessions on
Streamlit's `/_stcore/stream` websocket, each sending R `rerun_script` messages one after the other and waiting
for each run's `script_finished`; checked against the load targets of bench/targets.py. Loopback only, bounded
in sessions, runs and time.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import math
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.replicas import Replicas, comparison
from bench.report import duration, write_load_section
from bench.targets import LOAD_TARGETS, Verdict
from eventmap import schema
from tests.browser.harness import ROOT, Server

MAX_SESSIONS, MAX_RUNS = 500, 50
RUN_TIMEOUT_S = 180.0  # one run's bound; the whole test's bound is given by --timeout


@dataclass
class Session:
    """What one session saw: the wait of each completed run, and each exception or error."""

    waits: list[float] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    sessions: int
    runs: int
    exceptions: list[str]
    waits: list[float]  # one per run completed
    cpu_s: float  # the server's CPU seconds over the measured runs (the warm-up excluded)
    wall_s: float
    warmup_s: float | None
    load_before: tuple[float, ...] = ()
    load_after: tuple[float, ...] = ()
    started: str = ""
    settings: str = ""  # the server settings that change its CPU per run (server_settings)

    @property
    def asked(self) -> int:
        return self.sessions * self.runs

    @property
    def completed(self) -> int:
        return len(self.waits)

    @property
    def cpu_per_run(self) -> float | None:
        return self.cpu_s / self.completed if self.completed else None

    def percentile(self, share: float) -> float | None:
        """The wait below which `share` of the completed runs fell (nearest rank)."""
        if not self.waits:
            return None
        ordered = sorted(self.waits)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def server_settings(config: Path = ROOT / ".streamlit" / "config.toml") -> str:
    """What the app's config file says of the one setting that changes the CPU per run (docs/decisions.md, 'No
    garbage collection after every run'); the file watcher is off whatever it says (the harness serves so)."""
    import tomllib

    try:
        table = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return f"`{config.name}` not read ({type(error).__name__}): Streamlit's defaults"
    forced = table.get("runner", {}).get("postScriptGC", True)
    said = "forced" if forced else "not forced"
    return f"`runner.postScriptGC = {str(forced).lower()}` (a full garbage collection after every run {said})"


def _back_msg() -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    message.rerun_script.query_string = ""
    message.rerun_script.page_script_hash = ""  # the app's main page, the Map
    return message.SerializeToString()


def _exception_in(message) -> str | None:
    """The text of an exception element carried by this ForwardMsg, if it carries one."""
    if message.WhichOneof("type") != "delta" or message.delta.WhichOneof("type") != "new_element":
        return None
    element = message.delta.new_element
    if element.WhichOneof("type") != "exception":
        return None
    return f"{element.exception.type}: {element.exception.message}"[:300]


async def _one_run(socket, request: bytes, out: Session, deadline: float) -> None:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    started = time.perf_counter()
    await socket.send(request)
    while True:
        remaining = min(RUN_TIMEOUT_S, deadline - time.monotonic())
        if remaining <= 0:
            raise TimeoutError("no script_finished in time")
        message = ForwardMsg.FromString(await asyncio.wait_for(socket.recv(), remaining))
        problem = _exception_in(message)
        if problem:
            out.exceptions.append(problem)
        if message.WhichOneof("type") == "script_finished":
            status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
            if status != "FINISHED_SUCCESSFULLY":
                out.exceptions.append(f"run ended {status}")
                return
            out.waits.append(time.perf_counter() - started)
            return


async def session(url: str, runs: int, deadline: float) -> Session:
    """One viewer: a websocket as the browser opens it, and `runs` script runs one after the other."""
    import websockets

    out = Session()
    request = _back_msg()
    address = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(
            address, subprotocols=["streamlit"], max_size=None, open_timeout=60, ping_interval=None, origin=url
        ) as socket:
            for _ in range(runs):
                await _one_run(socket, request, out, deadline)
    except Exception as error:  # a refused or dropped connection, a timeout: counted, never raised
        out.exceptions.append(f"{type(error).__name__}: {str(error)[:200]}")
    return out


async def _crowd(url: str, sessions: int, runs: int, deadline: float) -> list[Session]:
    return await asyncio.gather(*(session(url, runs, deadline) for _ in range(sessions)))


def load_test(
    sessions: int = 60, runs: int = 3, *, timeout_s: float = 900.0, log=print, replicas: int = 1
) -> LoadResult:
    """Serve the app (one process, or `replicas` behind HAProxy), warm it up with one session, then `sessions`
    concurrent sessions of `runs` runs each."""
    if not (1 <= sessions <= MAX_SESSIONS and 1 <= runs <= MAX_RUNS):
        raise ValueError(f"sessions must be 1..{MAX_SESSIONS} and runs 1..{MAX_RUNS}")
    with tempfile.TemporaryDirectory(prefix="eventmap-load-") as workdir:
        env = {schema.CACHE_DIR_ENV: str(Path(workdir) / "cache")}
        one = replicas == 1
        server = Server("load", env, log_dir=Path(workdir)) if one else Replicas(replicas, env, Path(workdir))
        try:
            started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
            deadline = time.monotonic() + timeout_s
            warm = asyncio.run(_crowd(server.url, 1, 1, deadline))[0]
            log(f"warm-up run: {warm.waits[0]:.2f} s" if warm.waits else f"warm-up failed: {warm.exceptions}")
            load_before, cpu_before, clock = os.getloadavg(), server.cpu_seconds(), time.perf_counter()
            log(f"{sessions} sessions x {runs} runs")
            crowd = asyncio.run(_crowd(server.url, sessions, runs, deadline))
            wall, cpu = time.perf_counter() - clock, server.cpu_seconds() - cpu_before
            return LoadResult(
                sessions,
                runs,
                [e for s in crowd for e in s.exceptions],
                [w for s in crowd for w in s.waits],
                cpu,
                wall,
                warm.waits[0] if warm.waits else None,
                load_before,
                os.getloadavg(),
                started,
                server_settings(),
            )
        finally:
            server.stop()


def verdicts(result: LoadResult) -> list[Verdict]:
    """Each of the load test's targets with this run's value."""
    measured = {
        "runs not served": 1.0 - result.completed / result.asked,
        "exceptions": float(len(result.exceptions)),
        "cpu per run": result.cpu_per_run,
        "p95 wait": result.percentile(0.95),
    }
    return [Verdict(target, measured[target.measure]) for target in LOAD_TARGETS]


def section(result: LoadResult) -> str:
    """The load test's section of docs/performance.md."""
    loads = [", ".join(f"{v:.2f}" for v in values) for values in (result.load_before, result.load_after)]
    lines = [
        "## Load test: a room of viewers",
        "",
        f"Written by `python -m bench load --sessions {result.sessions} --runs {result.runs}` (one run started "
        f"{result.started}). The dashboard served on 127.0.0.1 (the shipped data, the Map page); one warm-up "
        f"session ({duration(result.warmup_s)}), then {result.sessions} concurrent sessions on Streamlit's "
        f"websocket, each sending a `rerun_script` message and waiting for the run's `script_finished`, "
        f"{result.runs} run(s) one after the other. Wait: message sent to `script_finished` received. Server CPU: "
        "utime + stime of the server process over the measured runs, per run completed."
        + (f" Server settings from `.streamlit/config.toml`: {result.settings}." if result.settings else ""),
        "",
        "| sessions × runs | completed | exceptions | p50 wait | p95 wait | max wait | server CPU per run | "
        "wall | load average before → after |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        f"| {result.sessions} × {result.runs} | {result.completed} of {result.asked} | {len(result.exceptions)} | "
        f"{duration(result.percentile(0.5))} | {duration(result.percentile(0.95))} | "
        f"{duration(max(result.waits, default=None))} | {duration(result.cpu_per_run)} | {result.wall_s:.1f} s | "
        f"{loads[0]} → {loads[1]} |",
        "",
        "Targets (`bench/targets.py`): "
        + ", ".join(
            f"{v.target.measure} ≤ {v.target.limit:g}: {'met' if v.met else 'missed'}" for v in verdicts(result)
        )
        + ".",
    ]
    exceptions = sorted(set(result.exceptions))
    if exceptions:
        lines += ["", "Exceptions and errors seen (distinct):", ""] + [f"- `{e}`" for e in exceptions[:10]]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench load",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    add = parser.add_argument
    add("--sessions", type=int, default=60, help="concurrent sessions")
    add("--runs", type=int, default=3, help="script runs per session, one after the other")
    add("--timeout", type=float, default=900.0, help="bound on the whole test, seconds")
    add("--out", default=str(ROOT / "docs" / "performance.md"), help="the page whose load-test section is replaced")
    add("--no-record", action="store_true", help="print only; leave the page alone")
    add("--replicas", type=int, default=1, help="with N > 1: the same crowd again through N replicas behind HAProxy")
    args = parser.parse_args(argv)
    result = load_test(args.sessions, args.runs, timeout_s=args.timeout)
    text, runs = section(result), [result]
    if args.replicas > 1:
        runs.append(load_test(args.sessions, args.runs, timeout_s=args.timeout, replicas=args.replicas))
        table, _ = comparison(result, runs[-1], args.replicas)
        text += f"\n\n### The same crowd through {args.replicas} replicas (`--replicas {args.replicas}`)\n\n{table}"
    print(text)
    if not args.no_record:
        write_load_section(text, Path(args.out))
        print(f"recorded in {args.out}")
    return 0 if all(run.completed == run.asked and not run.exceptions for run in runs) else 1
