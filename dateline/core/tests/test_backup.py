"""The backup and restore drill: ``dateline backup`` here, ``dateline restore`` in a fresh
database (a temporary SQLite file, or ``<test database>_restore`` on PostgreSQL) run as
its own process, as an operator would run it on a new machine."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from dateline.comments.models import Comment
from dateline.comments.tests.factories import CommentFactory
from dateline.core.backup import FORMAT, MANIFEST
from dateline.news.tests.factories import ArticlePageFactory, ImageFactory, home_page

ROOT = Path(__file__).resolve().parents[3]


def archive_read_manifest(path: Path) -> dict:
    with tarfile.open(path, "r:gz") as archive:
        return json.loads(archive.extractfile(MANIFEST).read())


def archive_with_manifest(source: Path | None, target: Path, **changes) -> Path:
    """A copy of ``source`` (or an archive of just a manifest) with manifest keys changed."""
    manifest = archive_read_manifest(source) if source else {"format": FORMAT}
    manifest.update(changes)
    with tarfile.open(target, "w:gz") as out:
        body = json.dumps(manifest).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(body)
        out.addfile(info, io.BytesIO(body))
        if source:
            with tarfile.open(source, "r:gz") as archive:
                for member in archive.getmembers():
                    if member.name != MANIFEST:
                        out.addfile(member, archive.extractfile(member))
    return target


class FreshDatabase:
    """An empty database beside the test database, for the restoring process."""

    def __init__(self, tmp_path: Path):
        conf = connection.settings_dict
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"
            return
        self.name = f"{conf['NAME']}_restore"
        auth = quote(conf["USER"] or "", safe="")
        if conf.get("PASSWORD"):
            auth += ":" + quote(conf["PASSWORD"], safe="")
        host = f"{conf.get('HOST') or '127.0.0.1'}:{conf.get('PORT') or 5432}"
        self.url = f"postgres://{auth}@{host}/{self.name}"
        self._sql(f'DROP DATABASE IF EXISTS "{self.name}"', f'CREATE DATABASE "{self.name}"')

    def _sql(self, *statements: str) -> None:
        with connection.cursor() as cursor:  # autocommit: a transactional test
            for statement in statements:
                cursor.execute(statement)

    def count(self, sql: str):
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path) as db:
                return db.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.url) as db:
            return db.execute(sql).fetchall()

    def drop(self) -> None:
        if self.vendor != "sqlite":
            self._sql(f'DROP DATABASE IF EXISTS "{self.name}"')


def dateline(*args: str, database_url: str, var_dir: Path) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATELINE_ENV", "TEST_DATABASE_URL", "TEST_REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="dateline.settings",
        PYTHONPATH=str(ROOT),
        DATABASE_URL=database_url,
        DATELINE_VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(var_dir / "media"),
    )
    return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-m", "django", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )


@pytest.fixture
def fresh_database(transactional_db, django_db_serialized_rollback, tmp_path):
    database = FreshDatabase(tmp_path)
    yield database
    database.drop()


def test_a_backup_restores_into_a_fresh_database_with_identical_counts(
    fresh_database, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    home = home_page()
    stories = [ArticlePageFactory(parent=home, title=f"Drill story {n}") for n in range(3)]
    images = [ImageFactory() for _ in range(2)]
    first = CommentFactory(page=stories[0], text="Kept through the drill.")
    CommentFactory(page=stories[0], parent=first)
    CommentFactory(page=stories[1], status=Comment.Status.PENDING)
    archive = tmp_path / "site.tar.gz"

    call_command("backup", str(archive), stdout=io.StringIO())

    manifest = archive_read_manifest(archive)
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["counts"] == {"stories": 3, "comments": 3, "images": 2}
    assert manifest["media_files"] == sum(p.is_file() for p in (tmp_path / "media").rglob("*"))
    assert archive.stat().st_mode & 0o077 == 0  # readers' emails inside: owner-only

    restored = tmp_path / "restored"
    done = dateline("restore", str(archive), database_url=fresh_database.url, var_dir=restored)
    assert done.returncode == 0, done.stderr
    assert "3 stories, 3 comments, 2 images" in done.stdout
    assert sorted(fresh_database.count("SELECT text FROM comments_comment")) == sorted(
        (text,) for text in Comment.objects.values_list("text", flat=True)
    )
    assert fresh_database.count("SELECT COUNT(*) FROM news_articlepage") == [(3,)]
    for image in images:
        copy = restored / "media" / image.file.name
        assert copy.read_bytes() == Path(image.file.path).read_bytes()

    # A manifest that disagrees with what was restored fails loudly, even with --force.
    lying = archive_with_manifest(
        archive, tmp_path / "lying.tar.gz", counts={"stories": 3, "comments": 4, "images": 2}
    )
    done = dateline(
        "restore", "--force", str(lying), database_url=fresh_database.url, var_dir=restored
    )
    assert done.returncode != 0
    assert "comments: 3 restored, 4 in the manifest" in done.stderr


def test_restore_refuses_a_database_that_has_tables_without_force(db, tmp_path):
    archive = archive_with_manifest(
        None,
        tmp_path / "site.tar.gz",
        database_vendor=connection.vendor,
        migrations=[],
        dateline_version="0.1.0",
        media_included=False,
    )
    with pytest.raises(CommandError, match=r"is not empty \(\d+ tables\).*--force"):
        call_command("restore", str(archive))


def test_restore_refuses_a_backup_of_another_database_vendor(db, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = archive_with_manifest(
        None, tmp_path / "site.tar.gz", database_vendor=other, migrations=[]
    )
    with pytest.raises(CommandError, match="restores on the same vendor only"):
        call_command("restore", str(archive))


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_text("not an archive")
    with pytest.raises(CommandError, match="not a readable .tar.gz backup"):
        call_command("restore", str(bogus))


def test_backup_never_overwrites_an_existing_file(db, tmp_path):
    existing = tmp_path / "site.tar.gz"
    existing.write_bytes(b"yesterday's backup")
    with pytest.raises(CommandError, match="backups never overwrite"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"yesterday's backup"
