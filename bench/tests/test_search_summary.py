"""The search and sitemaps benchmark's summary of its samples."""

import pytest

from bench.search_sitemaps import summary


def test_summary_gives_nearest_rank_percentiles_of_unsorted_samples():
    samples = [float(value) for value in range(100, 0, -1)]

    assert summary(samples) == {"runs": 100, "p50_ms": 50.0, "p95_ms": 95.0, "max_ms": 100.0}


def test_summary_rounds_to_a_tenth_of_a_millisecond():
    assert summary([1.234, 5.678]) == {"runs": 2, "p50_ms": 1.2, "p95_ms": 5.7, "max_ms": 5.7}


def test_summary_of_no_samples_is_an_error():
    with pytest.raises(ValueError, match="no samples"):
        summary([])
