"""Several single-process Streamlit replicas behind HAProxy, and one editor process: `python -m eventmap
serve-replicas` (scripts/run.sh --replicas N). Streamlit runs every session in one process on one core, and keeps a
session's uploads and downloads in that process, so its documented way past one core is replicas behind a proxy
with session affinity (docs/decisions.md, 'HAProxy in front of the replicas'; docs/deploy.md).

The supervisor writes the proxy's configuration from haproxy.cfg.in into a private temp folder, starts the
replicas (without the editor token: viewers never write), the editor process when a token is set, then the proxy;
it restarts a replica that dies and stops everything on SIGINT or SIGTERM. Plain Python: no Streamlit here.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from eventmap import headers, schema

TEMPLATE = Path(__file__).with_name("haproxy.cfg.in")
HEALTH_PATH = "/_stcore/health"
MAX_UPLOAD_MB = 200  # Streamlit's own default for server.maxUploadSize; the proxy's body limit follows it
ENVELOPE_BYTES = 1 << 20  # multipart boundaries and headers around an upload of the largest allowed size
START_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def upload_limit_mb(options: list[str]) -> int:
    """The server.maxUploadSize a user passed among Streamlit's options, else Streamlit's default."""
    for i, option in enumerate(options):
        if option.startswith("--server.maxUploadSize="):
            return int(option.split("=", 1)[1])
        if option == "--server.maxUploadSize" and i + 1 < len(options):
            return int(options[i + 1])
    return MAX_UPLOAD_MB


@dataclass
class Plan:
    """What to run: the proxy's address and port, the replicas' private ports, the editor's port (None: no
    editor process), Streamlit's extra options and who may frame the pages."""

    port: int
    replicas: int
    address: str = ""
    options: list[str] = field(default_factory=list)
    editor_port: int | None = None
    frame_ancestors: str = schema.NO_FRAMING
    replica_ports: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.replica_ports = self.replica_ports or [free_port() for _ in range(self.replicas)]


def haproxy_config(plan: Plan) -> str:
    servers = "\n".join(
        f"    server r{i} 127.0.0.1:{port} cookie r{i}" for i, port in enumerate(plan.replica_ports, start=1)
    )
    set_headers = "".join(
        f'    http-response set-header {name} "{value}"\n'
        for name, value in headers.security_headers(plan.frame_ancestors).items()
    )
    return Template(TEMPLATE.read_text()).substitute(
        bind=plan.address if plan.address not in ("", "0.0.0.0") else "",
        port=plan.port,
        max_body=upload_limit_mb(plan.options) * (1 << 20) + ENVELOPE_BYTES,
        headers=set_headers,
        servers=servers,
    )


class Child:
    """One process the supervisor keeps: started again by start() after it died."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str]):
        self.name, self.argv, self.env = name, argv, env
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        # A session of its own: Ctrl-C in the terminal reaches only the supervisor, which stops the children in
        # order, rather than killing them all at once and racing its own restarts.
        self.process = subprocess.Popen(self.argv, env=self.env, start_new_session=True)
        print(f"serve-replicas: {self.name} started, pid {self.process.pid}", flush=True)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def streamlit_argv(port: int, plan: Plan) -> list[str]:
    return [
        *(sys.executable, "-m", "eventmap", "serve", "--server.headless", "true"),
        *("--server.address", "127.0.0.1", "--server.port", str(port)),
        *("--server.maxUploadSize", str(upload_limit_mb(plan.options)), "--browser.gatherUsageStats", "false"),
        *plan.options,
    ]


def children(plan: Plan, env: dict[str, str]) -> list[Child]:
    """The viewer replicas (no editor token: their desk stays locked) and, with a token, the editor process.
    One shared cookie secret, so that a session moved to another replica keeps a valid XSRF cookie."""
    shared = {**env, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    viewer_env = {k: v for k, v in shared.items() if k != schema.EDITOR_TOKEN_ENV}
    kept = [Child(f"replica r{i}", streamlit_argv(p, plan), viewer_env) for i, p in enumerate(plan.replica_ports, 1)]
    if plan.editor_port is not None:
        kept.append(Child("editor", streamlit_argv(plan.editor_port, plan), shared))
    return kept


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTH_PATH}", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def wait_healthy(ports: list[int], kept: list[Child], timeout_s: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    waiting = list(ports)
    while waiting and time.monotonic() < deadline:
        if any(not child.alive() for child in kept):
            raise RuntimeError("a replica exited while starting: see its output above")
        waiting = [port for port in waiting if not healthy(port)]
        time.sleep(0.3 if waiting else 0)
    if waiting:
        raise RuntimeError(f"replicas on ports {waiting} did not answer {HEALTH_PATH} in {timeout_s:.0f} s")


def plan_from(port: int, replicas: int, address: str, options: list[str], env: dict[str, str]) -> Plan:
    editor_port = None
    if env.get(schema.EDITOR_TOKEN_ENV, "").strip():
        editor_port = int(env.get(schema.EDITOR_PORT_ENV, "").strip() or port + 1)
    ancestors = schema.frame_ancestors(env)
    return Plan(port, replicas, address, list(options), editor_port, ancestors)


def serve_replicas(port: int, replicas: int, address: str, options: list[str]) -> int:
    """Run until SIGINT or SIGTERM; 1 if the proxy itself stops or something fails to start."""
    haproxy = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if haproxy is None:
        print("serve-replicas: haproxy is not installed (scripts/setup.sh --proxy installs it)", file=sys.stderr)
        return 1
    plan = plan_from(port, replicas, address, options, dict(os.environ))
    stopping = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stopping.set())
    with tempfile.TemporaryDirectory(prefix="eventmap-proxy-") as folder:
        config = Path(folder) / "haproxy.cfg"
        config.write_text(haproxy_config(plan))
        kept = children(plan, dict(os.environ))
        proxy = Child("haproxy", [haproxy, "-W", "-db", "-f", str(config)], dict(os.environ))
        if subprocess.run([haproxy, "-c", "-q", "-f", str(config)]).returncode != 0:
            return 1
        try:
            for child in kept:
                child.start()
            wait_healthy(plan.replica_ports + [p for p in [plan.editor_port] if p], kept)
            proxy.start()
            return supervise(plan, kept, proxy, stopping)
        except RuntimeError as error:
            print(f"serve-replicas: {error}", file=sys.stderr)
            return 1
        finally:
            for child in (proxy, *kept):
                child.stop()


def supervise(plan: Plan, kept: list[Child], proxy: Child, stopping: threading.Event) -> int:
    where = plan.address or "all interfaces"
    print(f"serve-replicas: {len(plan.replica_ports)} replicas behind HAProxy on {where}, port {plan.port}", flush=True)
    if plan.editor_port is not None:
        print(f"serve-replicas: the editor process on 127.0.0.1:{plan.editor_port} only", flush=True)
    while not stopping.wait(1.0):
        if not proxy.alive():
            print("serve-replicas: HAProxy stopped; stopping the replicas", file=sys.stderr)
            return 1
        for child in kept:
            if not child.alive() and not stopping.is_set():
                print(f"serve-replicas: {child.name} exited ({child.process.returncode}); restarting it", flush=True)
                child.start()
    return 0
