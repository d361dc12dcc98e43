"""Each story's tree path in the story search table, then the documents themselves.

The path lets the edition and section filters read the document row. On SQLite
the FTS5 update trigger now fires only for the indexed columns, so that setting
paths (here, and after a page moves) leaves the full-text index alone. Then the
stories already in Wagtail's index get their documents, copied in SQL
(``documents_backfill``: seconds at 100,000 stories; idempotent).
"""

from django.db import migrations, models

FTS = "dateline_search_fts"
TABLE = "search_searchdocument"
_DELETE = (
    f"INSERT INTO {FTS} ({FTS}, rowid, title, body) "
    "VALUES ('delete', old.recency, old.title, old.body);"
)
_INSERT = f"INSERT INTO {FTS} (rowid, title, body) VALUES (new.recency, new.title, new.body);"
TRIGGERS = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN {_INSERT} END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN {_DELETE} END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF recency, title, body ON {TABLE} "
    f"BEGIN {_DELETE} {_INSERT} END",
]


def fill(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        from wagtail.search.backends.database.sqlite.utils import fts5_available

        if not fts5_available():
            return  # Wagtail's fallback backend, which does not use the table
        # Django adds a column with a default on SQLite by copying the table, which
        # drops its triggers: made again here (the FTS5 rows keep their rowids).
        for statement in TRIGGERS:
            schema_editor.execute(statement)
    elif connection.vendor != "postgresql":
        return
    # documents made before this migration (none outside a benchmark database)
    schema_editor.execute(
        f"UPDATE {TABLE} SET path = "
        f"(SELECT p.path FROM wagtailcore_page p WHERE p.id = {TABLE}.page_id) WHERE path = ''"
    )
    # the live registry of story types: the backfill reads their current tables
    from dateline.search.documents import documents_backfill

    documents_backfill(connection)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_story_search_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="path",
            field=models.CharField(db_index=True, default="", max_length=255),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
