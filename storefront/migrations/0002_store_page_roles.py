"""Staff roles and store pages: content editors write them, claims reviewers approve and
publish them, catalog managers read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Content editors": [
        "add_storepage",
        "change_storepage",
        "delete_storepage",
        "view_storepage",
    ],
    "Claims reviewers": ["view_storepage", "change_storepage", "publish_storepage"],
    "Catalog managers": ["view_storepage"],
}


def grant(apps, schema_editor):
    storefront = apps.get_app_config("storefront")
    storefront.models_module = True
    create_permissions(storefront, apps=apps, verbosity=0)
    storefront.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="storefront", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="storefront", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("storefront", "0001_store_pages"),
        ("articles", "0002_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
