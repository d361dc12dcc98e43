"""An index for listings' "newest first" on PostgreSQL (news.selectors.newest_first).

PostgreSQL sorts NULLs first in descending order, so listings ask for ``date DESC NULLS
LAST``, which the plain index on ``date`` cannot serve: at 100,000 stories every listing
read and sorted the whole table. This index matches the ordering exactly. SQLite needs
none: it sorts NULLs last in descending order already, and its index on ``date`` serves
the listings (an index there cannot even say ``NULLS LAST``).
"""

from django.db import migrations

INDEX = "news_article_newest_first"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON news_articlepage "
            "(date DESC NULLS LAST, page_ptr_id DESC)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("news", "0005_articlepage_body_map_block")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
