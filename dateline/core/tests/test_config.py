"""Settings from the environment: safe embedded defaults, fail-fast production."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from dateline.core.config import Config

SETTINGS_VARIABLES = {
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DATELINE_ENV",
    "DATELINE_MANIFEST_STATIC",
    "DATELINE_SERVE_MEDIA",
    "DATELINE_VAR_DIR",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "MEDIA_ROOT",
    "REDIS_URL",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "STATIC_ROOT",
    "TEST_DATABASE_URL",
    "TEST_REDIS_URL",
}
PRODUCTION_KEY = secrets.token_urlsafe(45)  # 60 random characters


def config(tmp_path, **environ) -> Config:
    return Config(environ, var_dir=tmp_path / "var")


# Database


def test_default_database_is_sqlite_in_var_dir_with_wal(tmp_path):
    database = config(tmp_path).database()

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "var" / "dateline.sqlite3")
    assert (tmp_path / "var").is_dir()
    init_command = database["OPTIONS"]["init_command"]
    assert "PRAGMA journal_mode=WAL;" in init_command
    assert "busy_timeout" in init_command
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["CONN_MAX_AGE"] == 60  # a connection kept per thread, as on PostgreSQL


def test_sqlite_connections_keep_a_larger_page_cache(tmp_path):
    import sqlite3

    init_command = config(tmp_path).database()["OPTIONS"]["init_command"]
    connection = sqlite3.connect(tmp_path / "probe.sqlite3")
    try:
        connection.executescript(init_command)
        (size,) = connection.execute("PRAGMA cache_size").fetchone()
    finally:
        connection.close()

    assert size == -32768  # 32 MB (negative: KiB), not SQLite's default of 2 MB


def test_database_url_for_postgres_is_parsed(tmp_path):
    database = config(
        tmp_path, DATABASE_URL="postgres://news:s3cret@db.internal:5433/dateline"
    ).database()

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "dateline"
    assert database["USER"] == "news"
    assert database["PASSWORD"] == "s3cret"
    assert database["HOST"] == "db.internal"
    assert database["PORT"] == 5433
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert "init_command" not in database.get("OPTIONS", {})


def test_postgres_queries_start_no_parallel_workers_unless_the_url_says_so(tmp_path):
    plain = config(tmp_path, DATABASE_URL="postgres://news@db.internal/dateline").database()
    chosen = config(
        tmp_path,
        DATABASE_URL="postgres://news@db.internal/dateline?options=-c%20work_mem%3D64MB",
    ).database()

    assert plain["OPTIONS"]["options"] == "-c max_parallel_workers_per_gather=0"
    assert chosen["OPTIONS"]["options"] == "-c work_mem=64MB"


def test_database_url_for_sqlite_file_keeps_wal_settings(tmp_path):
    database = config(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path}/news.sqlite3").database()

    assert database["NAME"] == f"{tmp_path}/news.sqlite3"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


@pytest.mark.parametrize(
    "url",
    ["not-a-url", "mysqlx://user@host/dateline", "postgres://user@host:notaport/dateline"],
)
def test_bad_database_url_is_improperly_configured(tmp_path, url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL is not a database URL"):
        config(tmp_path, DATABASE_URL=url).database()


# Cache


def test_redis_url_selects_redis_cache(tmp_path):
    caches = config(tmp_path, REDIS_URL="redis://cache.internal:6379/2").caches()

    assert caches["default"]["BACKEND"] == "dateline.core.cache_backends.ResilientRedisCache"
    assert caches["default"]["LOCATION"] == "redis://cache.internal:6379/2"


@pytest.mark.parametrize("url", ["http://cache.internal:6379", "cache.internal:6379"])
def test_redis_url_with_other_scheme_is_rejected(tmp_path, url):
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must start with redis://"):
        config(tmp_path, REDIS_URL=url).caches()


def test_without_redis_url_cache_is_local_memory(tmp_path):
    caches = config(tmp_path).caches()

    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_local_memory_cache_keeps_enough_entries_for_a_busy_hour(tmp_path):
    # Django's default of 300 would forget view-dedupe and rate-limit keys within seconds
    assert config(tmp_path).caches()["default"]["OPTIONS"]["MAX_ENTRIES"] == 20_000
    custom = config(tmp_path, DATELINE_CACHE_MAX_ENTRIES="5000").caches()
    assert custom["default"]["OPTIONS"]["MAX_ENTRIES"] == 5000
    with pytest.raises(ImproperlyConfigured, match="DATELINE_CACHE_MAX_ENTRIES must be at least"):
        config(tmp_path, DATELINE_CACHE_MAX_ENTRIES="10").caches()


# Secret key


def test_embedded_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = config(tmp_path).secret_key()
    second = config(tmp_path).secret_key()

    key_file = tmp_path / "var" / "secret_key"
    assert len(first) >= 50
    assert second == first
    assert key_file.read_text() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_explicit_secret_key_is_used_and_nothing_written(tmp_path):
    assert config(tmp_path, SECRET_KEY=" from-the-environment ").secret_key() == (
        "from-the-environment"
    )
    assert not (tmp_path / "var" / "secret_key").exists()


# Production


def production(tmp_path, **environ) -> Config:
    complete = {
        "DATELINE_ENV": "production",
        "SECRET_KEY": PRODUCTION_KEY,
        "ALLOWED_HOSTS": "news.example.org",
        "DATABASE_URL": "postgres://news@db.internal/dateline",
    }
    complete.update(environ)
    return Config({k: v for k, v in complete.items() if v is not None}, var_dir=tmp_path / "var")


def test_production_with_complete_environment_starts(tmp_path):
    env = production(tmp_path, ALLOWED_HOSTS=" news.example.org, www.example.org ,")

    assert env.production is True
    assert env.secret_key() == PRODUCTION_KEY
    assert env.allowed_hosts() == ["news.example.org", "www.example.org"]
    assert env.database()["HOST"] == "db.internal"


def test_production_refuses_to_start_without_secret_key(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        production(tmp_path, SECRET_KEY=None).secret_key()
    assert not (tmp_path / "var" / "secret_key").exists()


def test_production_rejects_short_secret_key(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="at least 50 characters"):
        production(tmp_path, SECRET_KEY="x" * 49).secret_key()


@pytest.mark.parametrize("hosts", [None, "", " , "])
def test_production_refuses_to_start_without_allowed_hosts(tmp_path, hosts):
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS must be set"):
        production(tmp_path, ALLOWED_HOSTS=hosts).allowed_hosts()


def test_production_refuses_to_start_without_database_url(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must be set"):
        production(tmp_path, DATABASE_URL=None).database()


def test_embedded_allowed_hosts_default_to_this_machine(tmp_path):
    assert config(tmp_path).allowed_hosts() == ["127.0.0.1", "localhost", "[::1]"]


# DEBUG and DATELINE_ENV


@pytest.mark.parametrize("word", ["1", "true", "True", "YES", " on "])
def test_debug_true_words(tmp_path, word):
    assert config(tmp_path, DEBUG=word).debug() is True


@pytest.mark.parametrize("word", ["0", "false", "No", "off", ""])
def test_debug_false_words(tmp_path, word):
    assert config(tmp_path, DEBUG=word).debug() is False


def test_debug_is_off_by_default(tmp_path):
    assert config(tmp_path).debug() is False


@pytest.mark.parametrize("word", ["maybe", "2", "enabled", "tru"])
def test_debug_invalid_word_is_rejected(tmp_path, word):
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        config(tmp_path, DEBUG=word).debug()


@pytest.mark.parametrize("value", ["staging", "prod", "development"])
def test_invalid_dateline_env_is_rejected(tmp_path, value):
    with pytest.raises(ImproperlyConfigured, match="DATELINE_ENV must be 'embedded' or"):
        config(tmp_path, DATELINE_ENV=value).production  # noqa: B018


def test_dateline_env_ignores_case_and_spaces(tmp_path):
    assert config(tmp_path, DATELINE_ENV=" Production ").production is True
    assert config(tmp_path).production is False


# The real settings module, in a fresh interpreter


def run_deploy_check(tmp_path, **environ) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="dateline.settings",
        DATELINE_ENV="production",
        ALLOWED_HOSTS="news.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3",
        DATELINE_VAR_DIR=str(tmp_path),
    )
    env.update(environ)
    return subprocess.run(  # noqa: S603 - fixed argv: this interpreter running Django's check
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_deploy_checks(tmp_path):
    result = run_deploy_check(tmp_path, SECRET_KEY=PRODUCTION_KEY)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_without_secret_key_exit_with_clear_message(tmp_path):
    result = run_deploy_check(tmp_path)

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured: SECRET_KEY must be set" in last_line, result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_integer_setting_is_parsed_and_bounded(tmp_path):
    config = Config({"N": " 12 ", "LOW": "0", "BAD": "five"}, var_dir=tmp_path)

    assert config.integer("N", 3) == 12
    assert config.integer("MISSING", 3) == 3
    with pytest.raises(ImproperlyConfigured, match="LOW must be at least 1"):
        config.integer("LOW", 3, minimum=1)
    with pytest.raises(ImproperlyConfigured, match="BAD must be a whole number"):
        config.integer("BAD", 3)


def test_choice_setting_accepts_only_its_choices(tmp_path):
    config = Config({"KIND": "Redis", "ODD": "mongo"}, var_dir=tmp_path)

    assert config.choice("KIND", ("db", "redis"), "db") == "redis"
    assert config.choice("MISSING", ("db", "redis"), "db") == "db"
    with pytest.raises(ImproperlyConfigured, match="ODD must be one of 'db', 'redis'"):
        config.choice("ODD", ("db", "redis"), "db")


@pytest.mark.django_db
def test_the_postgres_connection_runs_without_parallel_workers():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (pass 2)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
