"""`make test` on two processes: each worker keeps pytest-django's order (dateline/conftest.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache

from dateline.conftest import pytest_xdist_make_scheduler

pytest.importorskip("xdist")

# As pytest-django sorts it: db tests, then transactional ones, then tests without a database.
# backup.py has tests of two kinds; as one piece, largest first, its flush ran before pages.py.
COLLECTION = [
    "core/test_backup.py::test_refuses_a_file_that_is_not_a_backup",
    "core/test_backup.py::test_never_overwrites",
    "news/test_pages.py::test_home_page_renders",
    "core/test_backup.py::test_a_backup_restores_into_a_fresh_database",
    "e2e/test_search.py::test_reader_searches",
    "core/test_config.py::test_debug_is_off_by_default",
]


class Config:
    def __init__(self, dist: str):
        self.dist = dist
        self.option = SimpleNamespace(loadscopereorder=True)

    def getvalue(self, name: str):
        return {"dist": self.dist, "tx": ["1*popen"]}[name]


class Worker:
    shutting_down = False

    def __init__(self):
        self.sent: list[int] = []

    def send_runtest_some(self, indices: list[int]) -> None:
        self.sent.extend(indices)

    def shutdown(self) -> None:
        self.shutting_down = True


def run_order(scheduler) -> list[str]:
    """Drive the scheduler as xdist's controller does, with one worker; the tests it ran."""
    worker = Worker()
    scheduler.add_node(worker)
    scheduler.add_node_collection(worker, COLLECTION)
    scheduler.schedule()
    done = 0
    while done < len(worker.sent):
        scheduler.mark_test_complete(worker, worker.sent[done])
        done += 1
    return [COLLECTION[index] for index in worker.sent]


def test_a_worker_runs_whole_files_in_pytest_djangos_order():
    scheduler = pytest_xdist_make_scheduler(Config("loadfile"), log=None)

    assert run_order(scheduler) == COLLECTION


def test_xdist_alone_would_run_the_flushing_test_before_a_db_test():
    from xdist.scheduler import LoadFileScheduling

    order = run_order(LoadFileScheduling(Config("loadfile"), log=None))

    flush = order.index("core/test_backup.py::test_a_backup_restores_into_a_fresh_database")
    assert flush < order.index("news/test_pages.py::test_home_page_renders")


def test_other_distribution_modes_are_left_to_xdist():
    assert pytest_xdist_make_scheduler(Config("load"), log=None) is None


def test_clearing_the_redis_cache_leaves_the_other_workers_keys():
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("the PostgreSQL + Redis pass only: local memory is per process")
    client = cache._cache.get_client(write=True)
    other = "dateline-test-1:1:the-other-worker"  # another process's prefix (its pid)
    client.set(other, b"kept")
    cache.set("this-worker", "gone")
    try:
        cache.clear()

        assert cache.get("this-worker") is None
        assert client.get(other) == b"kept"
    finally:
        client.delete(other)
