"""Staff roles and ingredient rows: catalog managers keep them like packs and images;
content editors and claims reviewers read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Catalog managers": [
        "add_ingredient",
        "change_ingredient",
        "delete_ingredient",
        "view_ingredient",
    ],
    "Content editors": ["view_ingredient"],
    "Claims reviewers": ["view_ingredient"],
}


def grant(apps, schema_editor):
    catalog = apps.get_app_config("catalog")
    catalog.models_module = True
    create_permissions(catalog, apps=apps, verbosity=0)
    catalog.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="catalog", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="catalog", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0010_statutory_declarations"),
        ("articles", "0002_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
