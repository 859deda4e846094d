"""The load test against a real server: a few sessions at the websocket level, every run served."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import load, replicas
from tests.browser.test_replicas import HAPROXY
from tests.conftest import IN_CI


def test_three_sessions_one_run_each_are_all_served():
    result = load.load_test(3, 1, timeout_s=120, log=lambda _message: None)
    assert (result.completed, result.exceptions) == (3, [])
    assert len(result.waits) == 3 and all(0 < wait < 120 for wait in result.waits)
    assert result.cpu_s > 0 and result.cpu_per_run is not None  # the server did the work, and it was measured
    text = load.section(result)
    assert "| 3 × 1 | 3 of 3 | 0 |" in text


def test_an_exception_element_is_counted():
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg()
    message.delta.new_element.exception.type = "ValueError"
    message.delta.new_element.exception.message = "boom"
    assert load._exception_in(message) == "ValueError: boom"
    message = ForwardMsg()
    message.delta.new_element.text.body = "fine"
    assert load._exception_in(message) is None


def test_percentiles_are_nearest_rank():
    result = load.LoadResult(1, 20, [], [float(i) for i in range(1, 21)], 1.0, 1.0, None)
    assert (result.percentile(0.5), result.percentile(0.95)) == (10.0, 19.0)


def test_the_section_names_the_server_setting_that_changes_the_cpu_per_run(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[server]\nfileWatcherType = "none"\n\n[runner]\npostScriptGC = false\n', encoding="utf-8")
    said = load.server_settings(config)
    assert "`runner.postScriptGC = false`" in said and "not forced" in said
    config.write_text("[client]\ntoolbarMode = 'viewer'\n", encoding="utf-8")  # Streamlit's defaults
    assert "`runner.postScriptGC = true`" in load.server_settings(config)
    assert "not forced" not in load.server_settings(config)
    assert "not read" in load.server_settings(tmp_path / "missing.toml")
    result = load.LoadResult(1, 1, [], [1.0], 0.05, 1.0, None, settings=load.server_settings(config))
    assert "Server settings from `.streamlit/config.toml`: `runner.postScriptGC = true`" in load.section(result)


def test_two_replicas_serve_a_crowd_and_are_set_against_one_process():
    if not Path(HAPROXY).exists():
        if IN_CI:
            pytest.fail("haproxy is missing: scripts/setup.sh --dev installs it")
        pytest.skip("haproxy is missing (scripts/setup.sh --dev)")
    many = load.load_test(4, 1, timeout_s=180, log=lambda _message: None, replicas=2)
    assert (many.completed, many.exceptions) == (4, [])
    assert many.cpu_s > 0  # the replicas' CPU, read from the supervisor's process tree
    one = load.LoadResult(4, 1, [], [1.0, 1.0, 2.0, 4.0], 1.0, 1.0, None)
    table, found = replicas.comparison(one, many, 2)
    assert "| 2 replicas behind HAProxy | 4 of 4 | 0 |" in table
    by = {v.target.measure: v for v in found}
    assert by["p95 over one process"].value == many.percentile(0.95) / 4.0
