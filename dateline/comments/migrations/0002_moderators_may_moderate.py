"""Let the Moderators group (Wagtail creates it), and not Editors, moderate comments.

Django creates model permissions only after all migrations have run, so this
migration creates the ones it needs (with the names Django would give them).
"""

from django.db import migrations

PERMISSIONS = [
    ("comment", "moderate_comment", "Can moderate comments"),
    ("comment", "view_comment", "Can view comment"),
    ("blockedterm", "add_blockedterm", "Can add blocked word or domain"),
    ("blockedterm", "change_blockedterm", "Can change blocked word or domain"),
    ("blockedterm", "delete_blockedterm", "Can delete blocked word or domain"),
    ("blockedterm", "view_blockedterm", "Can view blocked word or domain"),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None:  # a site that removed the group decides its own permissions
        return
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="comments", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        moderators.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="comments",
        codename__in=[codename for _model, codename, _name in PERMISSIONS],
    )
    for moderators in Group.objects.filter(name="Moderators"):
        moderators.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
