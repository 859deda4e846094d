"""The replicas' supervisor without a browser: the proxy's configuration HAProxy accepts, the limits and headers
it names, and which process gets the editor token (tests/browser/test_replicas.py runs it for real)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from eventmap import deploy, headers, schema
from tests.conftest import IN_CI

TOKEN = "a-token-long-enough-for-the-desk-0123456789"


def test_the_proxy_config_names_each_replica_the_limit_and_the_headers():
    plan = deploy.Plan(8600, 2, "127.0.0.1", ["--server.maxUploadSize", "50"], replica_ports=[9001, 9002])
    config = deploy.haproxy_config(plan)
    assert "bind 127.0.0.1:8600" in config
    assert "server r1 127.0.0.1:9001 cookie r1" in config and "server r2 127.0.0.1:9002 cookie r2" in config
    assert f"gt {50 * 2**20 + deploy.ENVELOPE_BYTES}" in config
    assert "option httpchk GET /_stcore/health" in config and "timeout tunnel" in config
    assert "frame-ancestors 'none'" in config and 'X-Frame-Options "DENY"' in config
    assert "del-header Server" in config and 'Referrer-Policy "no-referrer"' in config


def test_haproxy_accepts_the_config(tmp_path):
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        if IN_CI:
            pytest.fail("haproxy is missing: scripts/setup.sh --dev installs it")
        pytest.skip("haproxy is missing: scripts/setup.sh --dev installs Debian's haproxy when run as root")
    config = tmp_path / "haproxy.cfg"
    config.write_text(deploy.haproxy_config(deploy.Plan(8600, 3)))
    checked = subprocess.run([haproxy, "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_the_policy_allows_streamlits_inline_script_by_its_hash_only():
    policy = headers.content_security_policy("'none'")
    script = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert "'sha256-" in script and "unsafe" not in script


def test_only_the_editor_process_gets_the_token_and_embedding_is_a_setting():
    env = {schema.EDITOR_TOKEN_ENV: TOKEN, schema.FRAME_ANCESTORS_ENV: "'self'"}
    plan = deploy.plan_from(8600, 2, "", [], env)
    assert plan.editor_port == 8601 and plan.frame_ancestors == "'self'"
    assert "X-Frame-Options" not in deploy.haproxy_config(plan)
    kept = deploy.children(plan, env)
    replicas, editor = kept[:-1], kept[-1]
    assert len(replicas) == 2 and all(schema.EDITOR_TOKEN_ENV not in child.env for child in replicas)
    assert editor.env[schema.EDITOR_TOKEN_ENV] == TOKEN and str(plan.editor_port) in editor.argv
    assert deploy.plan_from(8600, 2, "", [], {schema.EDITOR_PORT_ENV: "9100"}).editor_port is None  # no token


def test_the_upload_limit_follows_streamlits_option():
    assert deploy.upload_limit_mb([]) == deploy.MAX_UPLOAD_MB
    assert deploy.upload_limit_mb(["--server.maxUploadSize=7"]) == 7
