"""Grant model permissions to one of Wagtail's groups from a data migration.

Django creates model permissions only after all migrations have run, so a migration
that hands them to a group ("Editors", "Moderators") creates the rows it needs, with
the names Django would give them. Both functions take the migration's ``apps``.
"""

from __future__ import annotations

# (model name, codename, human name) for each permission
Permissions = list[tuple[str, str, str]]


def group_grant(apps, *, group: str, app_label: str, permissions: Permissions) -> None:
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    found = apps.get_model("auth", "Group").objects.filter(name=group).first()
    if found is None:  # a site that removed the group decides its own permissions
        return
    for model, codename, name in permissions:
        content_type, _ = content_type_model.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = permission_model.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        found.permissions.add(permission)


def group_revoke(apps, *, group: str, app_label: str, permissions: Permissions) -> None:
    granted = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label=app_label,
        codename__in=[codename for _model, codename, _name in permissions],
    )
    for found in apps.get_model("auth", "Group").objects.filter(name=group):
        found.permissions.remove(*granted)
