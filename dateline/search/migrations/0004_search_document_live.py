"""Each story's live state in the story search table, so that a search without tag, topic
or author filters reads that table alone (no lookup of each match's page).

As in 0003, adding a column on SQLite copies the table, which drops the FTS5 triggers:
they are made again. Then every document takes its page's state.
"""

from importlib import import_module

from django.db import migrations, models

TABLE = "search_searchdocument"


def fill(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        from wagtail.search.backends.database.sqlite.utils import fts5_available

        if not fts5_available():
            return  # Wagtail's fallback backend, which does not use the table
        for statement in import_module(
            "dateline.search.migrations.0003_search_document_path"
        ).TRIGGERS:
            schema_editor.execute(statement)
    elif connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"UPDATE {TABLE} SET live = "
        f"(SELECT p.live FROM wagtailcore_page p WHERE p.id = {TABLE}.page_id)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_search_document_path"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="live",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
