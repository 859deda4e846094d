"""The load test through replicas: `python -m bench load --replicas N` serves the dashboard once as one process and
once as N replicas behind HAProxy (`python -m eventmap serve-replicas`, what `scripts/run.sh --replicas N` runs),
sends the same crowd to each, and sets the replicas' p95 wait against the single process's, measured in the same
run (the load client shares the machine with both)."""

from __future__ import annotations

import os
from pathlib import Path

from bench.report import duration
from bench.targets import REPLICA_TARGETS, Verdict
from tests.browser import harness


def _tree(root: int) -> list[int]:
    """The pids of root and every process under it (the replicas, the proxy), read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Replicas(harness.Replicas):
    """The replicas as bench/load.py serves them: the interface of harness.Server (url, cpu_seconds, stop)."""

    def __init__(self, replicas: int, env: dict[str, str], log_dir: Path):
        super().__init__(replicas, env, log_dir / "server-replicas.log")

    def cpu_seconds(self) -> float:
        """User + system CPU seconds of the supervisor, its replicas and the proxy, so far (live processes)."""
        return sum(_cpu(pid) for pid in _tree(self.process.pid))


def comparison(one, many, replicas: int) -> tuple[str, list[Verdict]]:
    """The two runs side by side, and the replicas' targets: p95 through the replicas, and over one process's."""
    p95_one, p95_many = one.percentile(0.95), many.percentile(0.95)
    ratio = p95_many / p95_one if p95_one and p95_many is not None else None
    values = {"p95 wait through replicas": p95_many, "p95 over one process": ratio}
    found = [Verdict(target, values[target.measure]) for target in REPLICA_TARGETS]
    rows = [
        "| served by | completed | exceptions | p50 wait | p95 wait | server CPU per run | wall |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, result in (("one process", one), (f"{replicas} replicas behind HAProxy", many)):
        rows.append(
            f"| {label} | {result.completed} of {result.asked} | {len(result.exceptions)} | "
            f"{duration(result.percentile(0.5))} | {duration(result.percentile(0.95))} | "
            f"{duration(result.cpu_per_run)} | {result.wall_s:.1f} s |"
        )
    shown = ", ".join(
        f"{v.target.measure} ≤ {v.target.limit:g}{'×' if v.target.unit == '×' else ' s'}: "
        + ("not measured" if v.value is None else f"{v.value:.2f} ({'met' if v.met else 'missed'})")
        for v in found
    )
    return "\n".join([*rows, "", f"Targets (`bench/targets.py`): {shown}."]), found
