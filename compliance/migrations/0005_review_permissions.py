"""Who sees the review queue, and who approves use categories and product lines.

Everyone on the three staff teams sees the queue (their own changes wait there);
claims reviewers approve changes to use categories and product lines as they do for
products and articles, and add new ones (which shoppers see at once).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Catalog managers": [("compliance", "view_revision")],
    "Content editors": [("compliance", "view_revision")],
    "Claims reviewers": [
        ("compliance", "view_revision"),
        ("catalog", "publish_usecategory"),
        ("catalog", "publish_productline"),
        ("catalog", "add_usecategory"),
        ("catalog", "change_usecategory"),
        ("catalog", "add_productline"),
        ("catalog", "change_productline"),
    ],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in codenames:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, codename in codenames:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0004_revisions"),
        ("catalog", "0007_reviewed_content_and_history"),
        ("articles", "0006_reviewed_content_and_history"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
