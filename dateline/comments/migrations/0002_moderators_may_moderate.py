"""Let the Moderators group (Wagtail creates it), and not Editors, moderate comments.

Django creates model permissions only after all migrations have run, so this
migration creates the ones it needs (core.group_permissions).
"""

from django.db import migrations

from dateline.core.group_permissions import group_grant, group_revoke

PERMISSIONS = [
    ("comment", "moderate_comment", "Can moderate comments"),
    ("comment", "view_comment", "Can view comment"),
    ("blockedterm", "add_blockedterm", "Can add blocked word or domain"),
    ("blockedterm", "change_blockedterm", "Can change blocked word or domain"),
    ("blockedterm", "delete_blockedterm", "Can delete blocked word or domain"),
    ("blockedterm", "view_blockedterm", "Can view blocked word or domain"),
]


WHO = {"group": "Moderators", "app_label": "comments", "permissions": PERMISSIONS}


def grant(apps, schema_editor):
    group_grant(apps, **WHO)


def revoke(apps, schema_editor):
    group_revoke(apps, **WHO)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
