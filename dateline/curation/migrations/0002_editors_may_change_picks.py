"""Let the Editors group, and only that group, change Editor's Choice.

Wagtail's initial migration creates the Editors and Moderators groups and gives both
admin access. Django creates model permissions only after all migrations have run, so
this migration creates the three it needs (with the names Django would give them).
"""

from django.db import migrations

ACTIONS = ("add", "change", "delete")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:  # a site that removed the group decides its own permissions
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="curation", model="picklist")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_picklist",
            defaults={"name": f"Can {action} Editor's Choice list"},
        )
        editors.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="curation",
        codename__in=[f"{action}_picklist" for action in ACTIONS],
    )
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
