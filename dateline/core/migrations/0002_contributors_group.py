"""Create the Contributors group: writers who draft stories but do not publish them.

They may open the admin, add pages (and so edit the drafts they own, Wagtail's "add"
permission) and upload and choose images; publishing, other people's stories, snippets,
comments and settings stay with Editors and Moderators. Django creates model permissions
only after all migrations have run, so the rows are created here (core.group_permissions).
"""

from django.db import migrations

from dateline.core.group_permissions import group_grant

GROUP = "Contributors"


def _permission(apps, app_label, model, codename, name):
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _ = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create(apps, schema_editor):
    group, created = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    if not created:
        return  # a site that already has the group decides its own permissions
    group_grant(
        apps,
        group=GROUP,
        app_label="wagtailadmin",
        permissions=[("admin", "access_admin", "Can access Wagtail admin")],
    )
    root = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    if root is not None:
        add_page = _permission(apps, "wagtailcore", "page", "add_page", "Can add page")
        apps.get_model("wagtailcore", "GroupPagePermission").objects.get_or_create(
            group=group, page=root, permission=add_page
        )
    collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    if collection is not None:
        for codename, name in (
            ("add_image", "Can add image"),
            ("choose_image", "Can choose image"),
        ):
            permission = _permission(apps, "wagtailimages", "image", codename, name)
            apps.get_model("wagtailcore", "GroupCollectionPermission").objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, remove)]
