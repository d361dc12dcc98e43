"""Publishing on schedule without cron: one tick a minute beside the web server."""

from __future__ import annotations

import logging
import threading

from django.core.management import call_command
from django.db import close_old_connections

logger = logging.getLogger(__name__)
INTERVAL_SECONDS = 60


def scheduled_publish_tick() -> None:
    """Publish what is due and unpublish what has expired (Wagtail's publish_scheduled)."""
    close_old_connections()
    try:
        call_command("publish_scheduled", verbosity=0)
    finally:
        close_old_connections()


def scheduler_run(stop: threading.Event, *, interval: float = INTERVAL_SECONDS) -> None:
    """Tick until ``stop`` is set; a failing tick is logged and retried next minute."""
    while not stop.is_set():
        try:
            scheduled_publish_tick()
        except Exception:  # noqa: BLE001 - the loop must outlive a bad tick; the error is logged
            logger.exception("Scheduled publishing failed; retrying in %s s", interval)
        stop.wait(interval)
