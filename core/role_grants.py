"""Giving staff groups an app's model permissions from a data migration.

Permissions normally appear after ``migrate`` finishes (post_migrate); ``grant`` creates
the app's first so a group can be given them in the same run. Use it as
``RunPython(partial(grant, app_label=..., grants=...), partial(revoke, ...))`` with
``grants`` mapping a group's name to permission codenames of that app."""

from django.contrib.auth.management import create_permissions


def grant(apps, schema_editor, *, app_label: str, grants: dict[str, list[str]]) -> None:
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def revoke(apps, schema_editor, *, app_label: str, grants: dict[str, list[str]]) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in grants.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )
