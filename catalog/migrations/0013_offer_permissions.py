"""Staff roles and where-to-buy links: catalog managers keep them like packs;
content editors and claims reviewers read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Catalog managers": [
        "add_offer",
        "change_offer",
        "delete_offer",
        "view_offer",
    ],
    "Content editors": ["view_offer"],
    "Claims reviewers": ["view_offer"],
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
        ("catalog", "0012_where_to_buy"),
        ("articles", "0002_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
