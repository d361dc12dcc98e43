"""Work on a clock without cron: a tick a minute beside the web server (`dateline serve`)."""

from __future__ import annotations

import logging
import threading

from django.apps import apps
from django.core.management import call_command
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
INTERVAL_SECONDS = 60
HOUSEKEEPING_EVERY = 60  # ticks, so once an hour


def scheduled_publish_tick() -> None:
    """Publish what is due and unpublish what has expired (Wagtail's publish_scheduled)."""
    close_old_connections()
    try:
        call_command("publish_scheduled", verbosity=0)
    finally:
        close_old_connections()


def housekeeping_jobs() -> list:
    """Each app's periodic clean-up: the dotted path in its AppConfig's ``housekeeping``."""
    paths = [getattr(config, "housekeeping", "") for config in apps.get_app_configs()]
    return [import_string(path) for path in paths if path]


def housekeeping_tick() -> None:
    """Run every app's clean-up (e.g. purging old spam); called once an hour."""
    close_old_connections()
    try:
        for job in housekeeping_jobs():
            job()
    finally:
        close_old_connections()


def scheduler_run(stop: threading.Event, *, interval: float = INTERVAL_SECONDS) -> None:
    """Tick until ``stop`` is set: publishing every tick, housekeeping every
    ``HOUSEKEEPING_EVERY`` ticks (the first included); a failing job is logged and retried."""
    ticks = 0
    while not stop.is_set():
        jobs = [(scheduled_publish_tick, "Scheduled publishing")]
        if ticks % HOUSEKEEPING_EVERY == 0:
            jobs.append((housekeeping_tick, "Housekeeping"))
        for job, name in jobs:
            try:
                job()
            except Exception:  # noqa: BLE001 - the loop must outlive a bad tick; the error is logged
                logger.exception("%s failed; retrying in %s s", name, interval)
        ticks += 1
        stop.wait(interval)
