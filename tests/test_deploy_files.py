"""The container image and the Kubernetes example name the same ports, paths, settings and limits as the code that
serves the app (eventmap/deploy.py, eventmap/schema.py): a change on one side that the other misses fails here."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from eventmap import deploy, schema

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
KUBERNETES = ROOT / "deploy" / "kubernetes.yaml"
PORT = 8501  # the served port run.sh, the CLI and the image agree on


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [tuple(line.split(None, 1)) for line in lines]


def image_env() -> dict[str, str]:
    pairs = [shlex.split(value) for word, value in instructions() if word == "ENV"]
    return dict(pair.split("=", 1) for words in pairs for pair in words)


@pytest.fixture(scope="module")
def manifests() -> dict[tuple[str, str], dict]:
    documents = [d for d in yaml.safe_load_all(KUBERNETES.read_text(encoding="utf-8")) if d]
    return {(d["kind"], d["metadata"]["name"]): d for d in documents}


def container(manifests, name: str) -> dict:
    (only,) = manifests[("Deployment", name)]["spec"]["template"]["spec"]["containers"]
    return only


def test_the_image_runs_the_app_as_a_user_on_the_served_port():
    steps = instructions()
    user = [value for word, value in steps if word == "USER"]
    assert user and user[-1] not in ("root", "0")
    assert ("EXPOSE", str(PORT)) in steps
    command = next(value for word, value in reversed(steps) if word == "CMD")
    assert '"-m", "eventmap", "serve"' in command and f'"--server.port", "{PORT}"' in command
    health = next(value for word, value in steps if word == "HEALTHCHECK")
    assert f"127.0.0.1:{PORT}{deploy.HEALTH_PATH}" in health
    for path in ("app.py", "asgi.py", "eventmap/", "pages/", "static/", "data/"):
        assert any(word == "COPY" and path in value for word, value in steps), path


def test_the_image_settings_are_the_apps_own():
    env = image_env()
    known = {setting.name for setting in schema.SETTINGS}
    assert {name for name in env if name.startswith("EVENTMAP_")} <= known
    assert env[schema.DATA_DIR_ENV] == "/data"


def test_one_writer_and_read_only_viewers(manifests):
    viewer, editor = container(manifests, "eventmap-viewer"), container(manifests, "eventmap-editor")
    viewer_env = {e["name"] for e in viewer["env"]}
    editor_env = {e["name"] for e in editor["env"]}
    assert schema.EDITOR_TOKEN_ENV in editor_env and schema.EDITOR_TOKEN_ENV not in viewer_env
    assert manifests[("Deployment", "eventmap-editor")]["spec"]["replicas"] == 1
    assert manifests[("Deployment", "eventmap-editor")]["spec"]["strategy"]["type"] == "Recreate"
    data = image_env()[schema.DATA_DIR_ENV]
    for one, read_only in ((viewer, True), (editor, False)):
        mounts = {m["mountPath"]: m for m in one["volumeMounts"]}
        assert mounts[data].get("readOnly", False) is read_only
        assert {e["name"]: e.get("value") for e in one["env"]}[schema.DATA_DIR_ENV] == data
        assert one["ports"][0]["containerPort"] == PORT
        assert one["readinessProbe"]["httpGet"]["path"] == deploy.HEALTH_PATH
        assert "STREAMLIT_SERVER_COOKIE_SECRET" in {e["name"] for e in one["env"]}  # one secret: see deploy.py


def test_the_ingress_keeps_a_session_on_its_replica_and_takes_the_largest_upload(manifests):
    notes = manifests[("Ingress", "eventmap")]["metadata"]["annotations"]
    proxy_cookie = re.search(r"cookie (\S+) insert", deploy.TEMPLATE.read_text(encoding="utf-8")).group(1)
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"] == proxy_cookie
    body_mb = int(notes["nginx.ingress.kubernetes.io/proxy-body-size"].removesuffix("m"))
    assert body_mb * (1 << 20) >= deploy.MAX_UPLOAD_MB * (1 << 20) + deploy.ENVELOPE_BYTES
    backend = manifests[("Ingress", "eventmap")]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == "eventmap-viewer"  # the desk is never behind the Ingress
    assert manifests[("Service", backend["name"])]["spec"]["selector"]["role"] == "viewer"
