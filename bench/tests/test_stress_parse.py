"""make stress reads wrk's report and the lines bench/lua/mix.lua prints from done()."""

from __future__ import annotations

from bench.stress import mix_parse

# wrk 4.1.0 with mix.lua while PostgreSQL was down for part of the run.
REPORT = """\
Running 20s test @ http://127.0.0.1:8806
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.43ms   20.02ms 408.10ms   91.12%
    Req/Sec   700.49    110.55     0.90k    70.00%
  Latency Distribution
     50%    4.08ms
     75%   11.10ms
     90%   28.37ms
     99%  105.62ms
  27000 requests in 20.02s, 940.94MB read
  Socket errors: connect 0, read 0, write 0, timeout 3
  Non-2xx or 3xx responses: 140
Requests/sec:   1348.60
Transfer/sec:     47.00MB
status 200 26300
status 303 460
status 503 120
status 500 20
status 429 100
comments_sent 600
comments_saved 460
comments_kept 120
page_5xx 20
uncached_5xx 7
sent 27016
p95_ms 61.250
p99_ms 105.620
"""


def test_the_mix_report_has_comment_outcomes_percentiles_and_the_error_rate():
    report = mix_parse(REPORT)
    assert report["requests_per_s"] == 1348.60
    assert (report["comments_sent"], report["comments_saved"], report["comments_kept"]) == (
        600,
        460,
        120,
    )
    assert report["page_5xx"] == 20 and report["uncached_5xx"] == 7
    assert report["latency_ms"]["p95"] == 61.25 and report["latency_ms"]["p99"] == 105.62
    # 503s and 500s and the 3 timeouts, over the 27000 answers and the 3 unanswered
    assert report["error_rate"] == round((120 + 20 + 3) / (27000 + 3), 4)
