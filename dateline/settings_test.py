"""Settings for the test suite: the real settings, tuned for speed and isolation.

``TEST_DATABASE_URL`` and ``TEST_REDIS_URL`` switch the suite onto PostgreSQL and
Redis (the second pass of ``make test``); pytest-django creates and drops its own
database on that server.
"""

import os

from dateline.settings import *  # noqa: F403
from dateline.settings import env

SECRET_KEY = "test-secret-key-not-for-production-" + "x" * 32  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.var_dir / "test-media"
# The page cache is off for tests that build content with factories and bulk inserts
# (no publish signal) and count the queries of each render; the ``page_cache`` fixture
# (dateline/conftest.py) and the browser tests turn it on, as in production.
# DATELINE_PAGE_CACHE=true runs the whole suite with it on.
DATELINE_PAGE_CACHE = env.boolean("DATELINE_PAGE_CACHE", default=False)
# Background tasks run at once, inside the test (django-tasks' ImmediateBackend); work
# queued with transaction.on_commit runs when a test captures the commit callbacks.
TASKS = {
    alias: {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    for alias in ("default", "background")
}

if os.environ.get("TEST_DATABASE_URL"):
    DATABASES = {
        "default": env.__class__(
            {"DATABASE_URL": os.environ["TEST_DATABASE_URL"]}, var_dir=env.var_dir
        ).database()
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ":memory:",
            "OPTIONS": {"transaction_mode": "IMMEDIATE"},
        }
    }

if os.environ.get("TEST_REDIS_URL"):
    CACHES = env.__class__(
        {"REDIS_URL": os.environ["TEST_REDIS_URL"]}, var_dir=env.var_dir
    ).caches()
    CACHES["default"]["KEY_PREFIX"] = f"dateline-test-{os.getpid()}"
