"""Settings read from the environment.

Every setting has a safe default for the embedded mode (one machine, SQLite,
local cache); ``DATELINE_ENV=production`` removes the defaults for secrets and
refuses to start without them (fail fast, as cookiecutter-django does).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from ipaddress import ip_network
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class Config:
    """Typed access to an environment mapping (``os.environ`` by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None, *, var_dir: Path):
        self.environ = os.environ if environ is None else environ
        self.var_dir = var_dir

    @property
    def production(self) -> bool:
        env = self.environ.get("DATELINE_ENV", "embedded").strip().lower()
        if env not in {"embedded", "production"}:
            raise ImproperlyConfigured(
                f"DATELINE_ENV must be 'embedded' or 'production', not {env!r}."
            )
        return env == "production"

    def boolean(self, name: str, default: bool) -> bool:
        raw = self.environ.get(name)
        if raw is None:
            return default
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no), not {raw!r}.")

    def integer(self, name: str, default: int, *, minimum: int = 0) -> int:
        raw = self.environ.get(name, "").strip()
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
        if value < minimum:
            raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.environ.get(name, "").strip().lower() or default
        if value not in choices:
            allowed = ", ".join(repr(c) for c in choices if c)
            raise ImproperlyConfigured(f"{name} must be one of {allowed}, not {value!r}.")
        return value

    def csv(self, name: str, default: list[str]) -> list[str]:
        raw = self.environ.get(name)
        if raw is None:
            return default
        return [item.strip() for item in raw.split(",") if item.strip()]

    def required(self, name: str, why: str) -> str:
        value = self.environ.get(name, "").strip()
        if not value:
            raise ImproperlyConfigured(f"{name} must be set: {why}")
        return value

    def secret_key(self) -> str:
        if self.production:
            key = self.required("SECRET_KEY", "production has no default secret key.")
            if len(key) < 50:
                raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
            return key
        key = self.environ.get("SECRET_KEY", "").strip()
        return key or self._embedded_secret_key()

    def _embedded_secret_key(self) -> str:
        """Generate the key once and keep it in var/, so sessions survive restarts."""
        path = self.var_dir / "secret_key"
        if path.exists():
            return path.read_text().strip()
        self.var_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(64)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key

    def debug(self) -> bool:
        debug = self.boolean("DEBUG", default=False)
        if debug and self.production:
            raise ImproperlyConfigured(
                "DEBUG must be off in production: it shows settings and tracebacks to anyone."
            )
        return debug

    def networks(self, name: str) -> list[str]:
        """Comma-separated IP addresses or networks (``10.0.0.1, 172.16.0.0/12``)."""
        found = self.csv(name, [])
        for item in found:
            try:
                ip_network(item, strict=False)
            except ValueError:
                raise ImproperlyConfigured(
                    f"{name} lists IP addresses or networks, e.g. 10.0.0.1 or 10.0.0.0/8, "
                    f"not {item!r}."
                ) from None
        return found

    def allowed_hosts(self) -> list[str]:
        if self.production:
            hosts = self.csv("ALLOWED_HOSTS", [])
            if not hosts:
                raise ImproperlyConfigured(
                    "ALLOWED_HOSTS must be set in production, e.g. ALLOWED_HOSTS=news.example.org"
                )
            return hosts
        return self.csv("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

    def database(self) -> dict:
        url = self.environ.get("DATABASE_URL", "").strip()
        if not url:
            if self.production:
                raise ImproperlyConfigured(
                    "DATABASE_URL must be set in production, e.g. postgres://user@host/dateline"
                )
            self.var_dir.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{self.var_dir / 'dateline.sqlite3'}"
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except ValueError as error:
            raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from error
        if config["ENGINE"] == "django.db.backends.sqlite3":
            # Each thread keeps its connection (60 s, as on PostgreSQL): opening one, with
            # its PRAGMAs and the schema read again, cost about 3 ms of every request that
            # reads the database, and its page cache started empty.
            config["OPTIONS"] = {
                # WAL lets readers go on while a writer commits; IMMEDIATE avoids
                # "database is locked" upgrades (Django 5.1+ transaction_mode). Each kept
                # connection may hold up to 32 MB of pages (SQLite's default is 2 MB): the
                # rows every story page reads again (the newest stories of each tag, the
                # sections' latest) stay in memory instead of being read back from the OS
                # (the related-stories query at 100,000 stories: 2.35 ms, then 2.0 ms).
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                    "PRAGMA cache_size=-32768;"
                ),
                "transaction_mode": "IMMEDIATE",
            }
        elif config["ENGINE"] == "django.db.backends.postgresql":
            # No parallel workers for one request's query: the server is already busy with
            # many requests at once, and starting workers cost more than it saved (a
            # section's search for a common word at 100,000 stories: 28-38 ms with two
            # workers, 12 ms without). An ?options= in DATABASE_URL replaces this.
            config.setdefault("OPTIONS", {}).setdefault(
                "options", "-c max_parallel_workers_per_gather=0"
            )
        return config

    def caches(self) -> dict:
        url = self.environ.get("REDIS_URL", "").strip()
        if url:
            if not url.startswith(("redis://", "rediss://", "unix://")):
                raise ImproperlyConfigured(
                    f"REDIS_URL must start with redis://, rediss:// or unix://, not {url!r}."
                )
            # An unreachable Redis is an empty cache, not a 500 (core/cache_backends.py); the
            # timeouts keep a Redis that hangs from holding a worker for long.
            return {
                "default": {
                    "BACKEND": "dateline.core.cache_backends.ResilientRedisCache",
                    "LOCATION": url,
                    "KEY_PREFIX": "dateline",
                    "TIMEOUT": 300,
                    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 2},
                }
            }
        # Django's local-memory cache keeps only 300 entries by default, too few for the
        # view-dedupe and rate-limit keys of a busy hour; entries are small, pages excepted.
        max_entries = self.integer("DATELINE_CACHE_MAX_ENTRIES", 20_000, minimum=300)
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "dateline",
                "TIMEOUT": 300,
                "OPTIONS": {"MAX_ENTRIES": max_entries},
            }
        }

    def frontend_cache(self) -> dict:
        """Where to purge the front proxy on publish (Wagtail's frontend cache backends).

        Off unless configured: ``DATELINE_PURGE_URL`` (an HTTP PURGE endpoint, e.g. nginx with
        ``proxy_cache_purge`` or Varnish), ``CLOUDFLARE_API_TOKEN`` with ``CLOUDFLARE_ZONE_ID``,
        or ``DATELINE_CLOUDFRONT_DISTRIBUTION_ID`` (needs boto3 and AWS credentials).
        """
        backends = {}
        purge_url = self.environ.get("DATELINE_PURGE_URL", "").strip()
        if purge_url:
            if not purge_url.startswith(("http://", "https://")):
                raise ImproperlyConfigured(
                    f"DATELINE_PURGE_URL must start with http:// or https://, not {purge_url!r}."
                )
            backends["proxy"] = {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": purge_url,
            }
        token = self.environ.get("CLOUDFLARE_API_TOKEN", "").strip()
        if token:
            backends["cloudflare"] = {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
                "BEARER_TOKEN": token,
                "ZONEID": self.required(
                    "CLOUDFLARE_ZONE_ID", "purging Cloudflare needs the zone's id."
                ),
            }
        distribution = self.environ.get("DATELINE_CLOUDFRONT_DISTRIBUTION_ID", "").strip()
        if distribution:
            backends["cloudfront"] = {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
                "DISTRIBUTION_ID": distribution,
            }
        return backends

    def path(self, name: str, default: Path) -> Path:
        raw = self.environ.get(name, "").strip()
        return Path(raw).resolve() if raw else default
