"""The page benchmark's table, ratios to the references, targets and error counts."""

from __future__ import annotations

from bench.pages import errors, ratios, row, table, targets


def report(req_s: float, *, non_2xx: int = 0, status=None, timeouts: int = 0) -> dict:
    return {
        "requests_per_s": req_s,
        "latency_ms": {"p50": 1.25, "p99": 9.5},
        "non_2xx_3xx": non_2xx,
        "status": status or {},
        "socket_errors": {"connect": 0, "read": 0, "write": 0, "timeout": timeouts},
    }


def rows() -> list[dict]:
    made = [
        row("reference: nginx static", "nginx", report(80_000), queries=0, size=40_000),
        row("article hot", "nginx", report(76_000), queries=0, size=40_000),
        row("article hot", "app", report(5_000), queries=0, size=40_000),
        row("article cold", "app (granian, as shipped)", report(500), queries=11, size=40_000),
        row("reference: stock Wagtail", "app (granian, as shipped)", report(400), queries=6,
            size=2_300),
    ]  # fmt: skip
    ratios(made)
    return made


def test_each_row_is_compared_with_both_references():
    made = rows()

    assert [r["vs_static"] for r in made] == [1.0, 0.95, 0.0625, 0.0063, 0.005]
    assert [r["vs_stock"] for r in made] == [200.0, 190.0, 12.5, 1.25, 1.0]


def test_targets_are_judged_from_the_same_run():
    found = targets(rows(), queries_cold=11)

    assert found["cold_vs_stock"] == {"target": 1.0, "measured": 1.25, "met": True}
    assert found["cold_queries"] == {"target": 12, "measured": 11, "met": True}
    assert found["hot_app_vs_stock"]["met"] is True
    assert found["hot_nginx_vs_static"] == {"target": 0.9, "measured": 0.95, "met": True}
    assert targets(rows(), queries_cold=13)["cold_queries"]["met"] is False


def test_a_target_without_its_rows_is_not_measured_rather_than_missed():
    without_stock = [r for r in rows() if r["page"] != "reference: stock Wagtail"]
    ratios(without_stock)

    found = targets(without_stock, queries_cold=11)

    assert found["cold_vs_stock"]["met"] is None
    assert found["hot_app_vs_stock"]["met"] is None
    assert found["hot_nginx_vs_static"]["met"] is True


def test_errors_count_failed_answers_and_socket_errors_once():
    assert errors(report(10, non_2xx=3, status={"200": 7, "429": 3}, timeouts=2)) == 5
    assert errors(report(10, status={"204": 9, "503": 1})) == 1  # from a Lua script's counts
    assert errors(report(10)) == 0


def test_the_table_has_one_aligned_line_per_row():
    lines = table(rows())

    assert lines[0].split()[:3] == ["page", "via", "req/s"]
    assert set(lines[1]) <= {"-", " "}
    assert len(lines) == 2 + 5
    assert len({len(line) for line in lines[2:]}) == 1  # right-aligned figures
    assert "article cold" in lines[5] and "500" in lines[5] and "1.2x" in lines[5]
    assert "95.0%" in lines[3]
