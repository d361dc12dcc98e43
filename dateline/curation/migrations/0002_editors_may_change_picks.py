"""Let the Editors group, and only that group, change Editor's Choice.

Wagtail's initial migration creates the Editors and Moderators groups and gives both
admin access. Django creates model permissions only after all migrations have run, so
this migration creates the three it needs (core.group_permissions).
"""

from django.db import migrations

from dateline.core.group_permissions import group_grant, group_revoke

PERMISSIONS = [
    ("picklist", f"{action}_picklist", f"Can {action} Editor's Choice list")
    for action in ("add", "change", "delete")
]
WHO = {"group": "Editors", "app_label": "curation", "permissions": PERMISSIONS}


def grant(apps, schema_editor):
    group_grant(apps, **WHO)


def revoke(apps, schema_editor):
    group_revoke(apps, **WHO)


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
