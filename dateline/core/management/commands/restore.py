"""``dateline restore PATH``: a ``dateline backup`` archive into an empty database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dateline.core.backup import BackupError, backup_restore, pending_migrations


class Command(BaseCommand):
    help = (
        "Restore a `dateline backup` archive into the configured (empty) database and "
        "MEDIA_ROOT, then check the counts of stories, comments and images against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup archive (.tar.gz) to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that has tables, and write over files in MEDIA_ROOT.",
        )

    def handle(self, *args, path, force=False, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{source} is not a file; give the path of a backup archive.")
        try:
            manifest = backup_restore(path=source, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest.counts
        self.stdout.write(
            f"Restored the backup of {manifest.data['created_at']} "
            f"(Dateline {manifest.data['dateline_version']}): {counts['stories']} stories, "
            f"{counts['comments']} comments, {counts['images']} images and "
            f"{manifest.data['media_files']} media files, matching its manifest."
        )
        pending = pending_migrations()
        if pending:
            self.stdout.write(
                f"This code has {pending} migration(s) the backup predates: run `dateline migrate`."
            )
