"""``dateline backup [PATH]``: the database, the media and a manifest in one .tar.gz."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dateline.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite backup API or pg_dump) and MEDIA_ROOT into one .tar.gz "
        "with a manifest; default path var/backups/dateline-<vendor>-<UTC time>.tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Where to write the archive (.tar.gz).")
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Leave out MEDIA_ROOT (when an object store keeps the media).",
        )

    def handle(self, *args, path=None, no_media=False, **options):
        if path is None:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = Path(settings.VAR_DIR) / "backups" / f"dateline-{stamp}.tar.gz"
        else:
            target = Path(path)
        if target.exists():
            raise CommandError(f"{target} exists; choose another path (backups never overwrite).")
        try:
            manifest = backup_create(path=target, include_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest.counts
        self.stdout.write(
            f"Backed up {manifest.data['database_vendor']} database and "
            f"{manifest.data['media_files']} media files to {target}: "
            f"{counts['stories']} stories, {counts['comments']} comments, "
            f"{counts['images']} images."
        )
