"""Backups of a Dateline site: one ``.tar.gz`` with the database, the media and a manifest.

The database is saved with its vendor's own tools, not Django's ``dumpdata``: the SQLite
backup API (a consistent copy of the file, FTS5 search tables included) and PostgreSQL's
``pg_dump -Fc`` (restored by ``pg_restore``). A native dump restores exactly what was
saved: sequences, Wagtail's page tree paths, revisions, the search index, every table a
future app adds, without loading tens of thousands of objects through the ORM, which is
slow and breaks on natural keys and ``contenttypes``. The price is that a backup restores
only on the same vendor; moving between SQLite and PostgreSQL is a migration, not a
restore (README, "Operations: backup and restore").

The manifest (``manifest.json``, the archive's first member) records the format, Dateline's
version, the time, the vendor, the applied migrations, the dump's SHA-256 and the counts of
stories, comments, images and media files, read from the same snapshot as the dump.
``backup_restore`` checks the dump against it before touching anything and the counts
after restoring.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from wagtail.images import get_image_model_string

FORMAT = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_PREFIX = "media"
# What the drill counts: every story type (each has its own table), comments, images.
COUNTED = {
    "stories": ["news.ArticlePage", "multimedia.MultimediaPage"],
    "comments": ["comments.Comment"],
    "images": [get_image_model_string()],
}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class Manifest:
    data: dict

    @property
    def counts(self) -> dict[str, int]:
        return self.data["counts"]


def _tables(kind: str) -> list[str]:
    tables = []
    for label in COUNTED[kind]:
        try:
            tables.append(apps.get_model(label)._meta.db_table)
        except LookupError:
            continue  # that app is not installed
    return tables


def counts_read(cursor) -> dict[str, int]:
    """Rows of each counted kind, read with a DB-API cursor (Django's or sqlite3's)."""
    counts = {}
    for kind in COUNTED:
        total = 0
        for table in _tables(kind):
            # Table names come from our models' metadata, never from input.
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
            total += cursor.fetchone()[0]
        counts[kind] = total
    return counts


def _migrations_read(cursor) -> list[str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(
            f"Backups support SQLite and PostgreSQL, not {connection.vendor!r}; "
            "use your database's own backup tools."
        )
    return connection.vendor


def _pg_env() -> dict[str, str]:
    """libpq's environment for the configured database (keeps the password off argv)."""
    conf = connection.settings_dict
    env = dict(os.environ)
    pairs = {
        "PGDATABASE": conf["NAME"],
        "PGUSER": conf.get("USER"),
        "PGPASSWORD": conf.get("PASSWORD"),
        "PGHOST": conf.get("HOST"),
        "PGPORT": str(conf.get("PORT") or ""),
        "PGSSLMODE": conf.get("OPTIONS", {}).get("sslmode"),
    }
    env.update({key: value for key, value in pairs.items() if value})
    return env


def _pg_tool(name: str, *args: str) -> None:
    program = shutil.which(name)
    if program is None:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client of the server's major "
            "version (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(  # noqa: S603 - fixed program, arguments built here
        [program, *args], env=_pg_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{name} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")


def _dump_sqlite(target: Path) -> tuple[dict[str, int], list[str]]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # pages=-1 copies in one step under one read lock: a consistent snapshot.
        connection.connection.backup(copy, pages=-1)
        cursor = copy.cursor()
        return counts_read(cursor), _migrations_read(cursor)
    finally:
        copy.close()


def _dump_postgresql(target: Path) -> tuple[dict[str, int], list[str]]:
    # Counts and dump from one snapshot: a repeatable-read transaction exports it and
    # pg_dump joins it (https://www.postgresql.org/docs/current/app-pgdump.html, --snapshot).
    if connection.in_atomic_block:
        raise BackupError("A PostgreSQL backup needs a transaction of its own; run it alone.")
    connection.ensure_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts, migrations = counts_read(cursor), _migrations_read(cursor)
        _pg_tool(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={target}",
        )
    return counts, migrations


def _dateline_version() -> str:
    try:
        return version("dateline")
    except PackageNotFoundError:
        return "unknown"


def backup_create(*, path: Path, include_media: bool = True) -> Manifest:
    """Write a backup of the database (and MEDIA_ROOT) to ``path``; return its manifest."""
    vendor = _vendor()
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".backup-") as work:
        dump = Path(work) / DUMP_NAMES[vendor]
        dumper = _dump_sqlite if vendor == "sqlite" else _dump_postgresql
        counts, migrations = dumper(dump)
        media = _media_files(media_root) if include_media else []
        manifest = Manifest(
            {
                "format": FORMAT,
                "dateline_version": _dateline_version(),
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "database_vendor": vendor,
                "counts": counts,
                "media_files": len(media),
                "media_included": include_media,
                "dump": {"name": dump.name, "bytes": dump.stat().st_size, "sha256": _sha256(dump)},
                "migrations": migrations,
            }
        )
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            body = json.dumps(manifest.data, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), int(datetime.now(UTC).timestamp()), 0o600
            archive.addfile(info, io.BytesIO(body))
            archive.add(dump, arcname=dump.name)
            for file in media:
                archive.add(file, arcname=f"{MEDIA_PREFIX}/{file.relative_to(media_root)}")
        # Readers' emails and password hashes are inside: owner-only, and never a
        # half-written file under the final name.
        partial.chmod(0o600)
        os.replace(partial, path)
    return manifest


@contextmanager
def _opened(path: Path) -> Iterator[tuple[tarfile.TarFile, Manifest]]:
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not a readable .tar.gz backup: {error}") from error
    with archive:
        try:
            member = archive.extractfile(MANIFEST)
            data = json.loads(member.read())
        except (KeyError, AttributeError, ValueError) as error:
            raise BackupError(
                f"{path} has no valid {MANIFEST}; is it a Dateline backup?"
            ) from error
        if data.get("format") != FORMAT:
            raise BackupError(
                f"{path} is backup format {data.get('format')!r}; this Dateline reads format "
                f"{FORMAT}."
            )
        yield archive, Manifest(data)


def _database_tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _restore_checks(manifest: Manifest, *, force: bool, media_root: Path) -> None:
    vendor = _vendor()
    if manifest.data["database_vendor"] != vendor:
        raise BackupError(
            f"This backup is of a {manifest.data['database_vendor']} database and the "
            f"configured database is {vendor}; a backup restores on the same vendor only "
            "(README, Operations: backup and restore)."
        )
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    newer = sorted(set(manifest.data["migrations"]) - known)
    if newer:
        raise BackupError(
            f"The backup has {len(newer)} migration(s) this code does not know (first: "
            f"{newer[0]}); restore it with the Dateline version that made it "
            f"({manifest.data['dateline_version']}) or newer."
        )
    if force:
        return
    tables = _database_tables()
    if tables:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} "
            "tables). Restore into a new, empty database, or pass --force to replace its "
            "contents."
        )
    if manifest.data["media_included"] and _media_files(media_root):
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) already holds files. Point MEDIA_ROOT at an empty "
            "directory, or pass --force to write the backup's files over them."
        )


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection, pages=-1)  # replaces every page of the target
    finally:
        source.close()


def _restore_postgresql(dump: Path, *, force: bool) -> None:
    tables = _database_tables() if force else []
    if tables:
        quoted = ", ".join(connection.ops.quote_name(name) for name in tables)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")
    connection.close()  # pg_restore's single transaction must not wait on our locks
    _pg_tool(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={connection.settings_dict['NAME']}",
        str(dump),
    )


def backup_restore(*, path: Path, force: bool = False) -> Manifest:
    """Restore a backup into the configured database and MEDIA_ROOT, then check its counts.

    Refuses a non-empty database or media directory unless ``force``; raises
    ``BackupError`` when the dump's checksum or the restored counts differ from the manifest.
    """
    media_root = Path(settings.MEDIA_ROOT)
    with _opened(path) as (archive, manifest), tempfile.TemporaryDirectory() as work:
        _restore_checks(manifest, force=force, media_root=media_root)
        dump_info = manifest.data["dump"]
        try:
            archive.extract(dump_info["name"], work, filter="data")
        except KeyError as error:
            raise BackupError(f"{path} lacks its database dump {dump_info['name']}.") from error
        dump = Path(work) / dump_info["name"]
        if _sha256(dump) != dump_info["sha256"]:
            raise BackupError(f"{path}: the database dump does not match its checksum; corrupt.")
        if manifest.data["database_vendor"] == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgresql(dump, force=force)
        media = [m for m in archive.getmembers() if m.name.startswith(f"{MEDIA_PREFIX}/")]
        media_root.mkdir(parents=True, exist_ok=True)
        for member in media:
            member.name = member.name[len(MEDIA_PREFIX) + 1 :]
            archive.extract(member, media_root, filter="data")
    _restore_verify(manifest, media_count=len(media))
    return manifest


def _restore_verify(manifest: Manifest, *, media_count: int) -> None:
    with connection.cursor() as cursor:
        found = counts_read(cursor)
    expected = manifest.counts
    wrong = [
        f"{kind}: {found[kind]} restored, {expected.get(kind)} in the manifest"
        for kind in found
        if found[kind] != expected.get(kind)
    ]
    if manifest.data["media_included"] and media_count != manifest.data["media_files"]:
        wrong.append(f"media files: {media_count} restored, {manifest.data['media_files']} listed")
    if wrong:
        raise BackupError(
            "The restored site does not match the backup's manifest: " + "; ".join(wrong)
        )


def pending_migrations() -> int:
    """Migrations of this code that the (restored) database has not applied."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
