"""Serve the site with granian and publish scheduled stories every minute.

Granian (a Rust HTTP server running the WSGI application) was chosen over gunicorn
by measurement (README, Performance): with keep-alive and its HTTP parsing outside
Python it answers the view beacon several times faster, and pages as fast. Each
worker runs two blocking threads, so one thread's wait on Redis or the database
overlaps the other's work; more threads made page latency worse (shared/docs).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dateline.core.scheduler import scheduler_run


class Command(BaseCommand):
    help = (
        "Serve Dateline with granian on HOST:PORT (defaults 127.0.0.1 and $PORT or 8000) and "
        "publish scheduled stories every minute, in one process group."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS", "2")),
            help="Blocking threads per worker (default $WEB_THREADS or 2).",
        )
        parser.add_argument(
            "--access-log",
            action="store_true",
            default=os.environ.get("ACCESS_LOG", "").lower() in ("1", "true", "yes"),
            help="Log every request (default $ACCESS_LOG or off: a proxy in front logs them).",
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Leave scheduled publishing to another process.",
        )

    def _views_flusher(self, stop: threading.Event) -> str:
        """Run the Most Viewed flusher here when its counts are shared (Redis), so the web
        workers spend no time copying them to the database; the name of the variable
        that tells the workers so, or "" when each worker flushes its own buffer."""
        if "dateline.popularity" not in settings.INSTALLED_APPS:
            return ""
        from dateline.popularity.flusher import FLUSHER_ELSEWHERE, flusher_serve

        return FLUSHER_ELSEWHERE if flusher_serve(stop) else ""

    def handle(self, *args, host, port, workers, threads, access_log, no_scheduler, **options):
        if not 0 < port < 65536:
            raise CommandError(f"PORT must be between 1 and 65535, not {port}.")
        if workers < 1 or threads < 1:
            raise CommandError("WEB_WORKERS and WEB_THREADS must be 1 or more.")
        command = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            str(threads),
            "--workers-kill-timeout",
            "10",
            "--respawn-failed-workers",
            "--access-log" if access_log else "--no-access-log",
            "dateline.wsgi:application",
        ]
        base = f"http://{host}:{port}"
        self.stdout.write(self.style.SUCCESS(f"Dateline is serving on {base}/"))
        self.stdout.write(f"Admin: {base}/admin/")
        if "dateline.news" in settings.INSTALLED_APPS:
            from django.contrib.auth import get_user_model

            from dateline.news.demo.newsroom import DEMO_EDITOR

            if get_user_model().objects.filter(username=DEMO_EDITOR[0]).exists():
                self.stdout.write(f"Demo editor login: {DEMO_EDITOR[0]} / {DEMO_EDITOR[1]}")
        self.stdout.flush()
        stop = threading.Event()
        env = dict(os.environ)
        views_flusher = self._views_flusher(stop)
        if views_flusher:
            env[views_flusher] = "1"
        server = subprocess.Popen(command, env=env)  # noqa: S603 - fixed argv, no shell
        if not no_scheduler:
            threading.Thread(
                target=scheduler_run, args=(stop,), daemon=True, name="scheduled-publishing"
            ).start()

        def forward(signum, frame):
            stop.set()
            server.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        code = server.wait()
        stop.set()
        if views_flusher:
            from dateline.popularity.flusher import views_flush_now

            views_flush_now()
        if code not in (0, -signal.SIGTERM):
            raise CommandError(f"granian exited with status {code}.")
