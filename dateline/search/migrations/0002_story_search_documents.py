"""The story search table (models.py): the GIN index or the FTS5 table, and the backfill.

PostgreSQL: a GIN index on ``vector``. SQLite with FTS5: the FTS5 table
``dateline_search_fts`` over the table's title and body (external content, rowid
``recency``), kept by triggers as the FTS5 manual describes
(https://www.sqlite.org/fts5.html#external_content_tables). Migration 0003
fills the table.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FTS = "dateline_search_fts"
TABLE = "search_searchdocument"
SQLITE_FTS = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    f"title, body, content='{TABLE}', content_rowid='recency')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS} (rowid, title, body) VALUES (new.recency, new.title, new.body); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS} ({FTS}, rowid, title, body) "
    f"VALUES ('delete', old.recency, old.title, old.body); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_update AFTER UPDATE OF recency, title, body "
    f"ON {TABLE} BEGIN "
    f"INSERT INTO {FTS} ({FTS}, rowid, title, body) "
    f"VALUES ('delete', old.recency, old.title, old.body); "
    f"INSERT INTO {FTS} (rowid, title, body) VALUES (new.recency, new.title, new.body); END",
]
SQLITE_FTS_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
]
GIN = "search_document_vector_gin"


def create_search_structures(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {GIN} ON {TABLE} USING gin (vector)")
    elif vendor == "sqlite":
        from wagtail.search.backends.database.sqlite.utils import fts5_available

        if not fts5_available():
            return  # Wagtail's fallback backend, which does not use the table
        for statement in SQLITE_FTS:
            schema_editor.execute(statement)


def drop_search_structures(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN}")
    elif vendor == "sqlite":
        for statement in SQLITE_FTS_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_title_body_gin_index'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailsearch', '0010_add_text_fields'),
        ('contenttypes', '0002_remove_content_type_name'),
        # the story tables the backfill reads
        ('news', '0005_articlepage_body_map_block'),
        ('topics', '0001_initial'),
        ('multimedia', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('recency', models.BigIntegerField(unique=True)),
                ('title', models.TextField(blank=True, default='')),
                ('body', models.TextField(blank=True, default='')),
                ('vector', django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                'verbose_name': 'search document',
            },
        ),
        migrations.CreateModel(
            name='StoryFTS',
            fields=[
                ('document', models.OneToOneField(db_column='rowid', db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='search.searchdocument', to_field='recency')),
                ('title', models.TextField()),
                ('body', models.TextField()),
            ],
            options={
                'db_table': 'dateline_search_fts',
                'managed': False,
            },
        ),
        migrations.RunPython(
            create_search_structures, drop_search_structures, elidable=False
        ),
    ]
