"""The harness reads wrk's --latency report and its Lua scripts' extra lines."""

from __future__ import annotations

import pytest

from bench.common import percentile, wrk_parse

# wrk 4.1.0 (Debian), run with bench/lua/beacon.lua against a server that refused some.
REPORT = """\
Running 8s test @ http://127.0.0.1:8765/_views/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.43ms    3.02ms  48.10ms   88.12%
    Req/Sec     1.49k   210.55     1.90k    70.00%
  Latency Distribution
     50%  708.00us
     75%    6.10ms
     90%    8.37ms
     99%   15.62ms
  23871 requests in 8.02s, 2.94MB read
  Socket errors: connect 0, read 3, write 0, timeout 1
  Non-2xx or 3xx responses: 12
Requests/sec:   2976.43
Transfer/sec:    375.12KB
status 204 23859
status 429 12
sent 23887
"""

# A quiet run: no socket errors, no refusals, no Lua script.
PLAIN = """\
Running 1s test @ http://127.0.0.1:8799/
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.97ms    2.56ms    1.02s    89.29%
    Req/Sec     1.28k   313.93     1.80k    72.73%
  Latency Distribution
     50%  708.00us
     75%    2.85ms
     90%    4.61ms
     99%    1.10s
  1397 requests in 1.10s, 1.15MB read
Requests/sec:   1269.69
Transfer/sec:      1.04MB
"""


def test_the_rate_counts_and_latency_percentiles_are_read_in_milliseconds():
    report = wrk_parse(REPORT)
    assert report["requests"] == 23871
    assert report["duration_s"] == pytest.approx(8.02)
    assert report["requests_per_s"] == pytest.approx(2976.43)
    assert report["latency_ms"] == {
        "p50": 0.708,
        "p75": 6.1,
        "p90": 8.37,
        "p99": 15.62,
        "avg": 5.43,
        "max": 48.1,
    }


def test_errors_refusals_and_the_scripts_status_lines_are_read():
    report = wrk_parse(REPORT)
    assert report["socket_errors"] == {"connect": 0, "read": 3, "write": 0, "timeout": 1}
    assert report["non_2xx_3xx"] == 12
    assert report["status"] == {"204": 23859, "429": 12}
    assert report["sent"] == 23887


def test_a_report_without_errors_or_script_lines_has_zeros_and_seconds_convert():
    report = wrk_parse(PLAIN)
    assert report["socket_errors"] == {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    assert report["non_2xx_3xx"] == 0
    assert report["status"] == {}
    assert "sent" not in report
    assert report["latency_ms"]["p99"] == 1100.0
    assert report["latency_ms"]["max"] == 1020.0


def test_something_that_is_not_a_wrk_report_is_refused():
    with pytest.raises(ValueError, match="not a wrk report"):
        wrk_parse("wrk: command not found\n")


def test_percentiles_are_nearest_rank():
    values = [5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 6.0, 7.0, 8.0, 9.0]
    assert percentile(values, 50) == 5.0
    assert percentile(values, 95) == 10.0
    assert percentile(values, 90) == 9.0
    assert percentile([2.5], 99) == 2.5
