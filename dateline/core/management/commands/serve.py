"""Serve the site with gunicorn and publish scheduled stories every minute."""

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
        "Serve Dateline with gunicorn on HOST:PORT (defaults 127.0.0.1 and $PORT or 8000) and "
        "publish scheduled stories every minute, in one process group."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Leave scheduled publishing to another process.",
        )

    def handle(self, *args, host, port, workers, no_scheduler, **options):
        if not 0 < port < 65536:
            raise CommandError(f"PORT must be between 1 and 65535, not {port}.")
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "dateline.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--error-logfile",
            "-",
            "--graceful-timeout",
            "10",
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
        server = subprocess.Popen(command)  # noqa: S603 - fixed argv, no shell
        stop = threading.Event()
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
        if code not in (0, -signal.SIGTERM):
            raise CommandError(f"gunicorn exited with status {code}.")
