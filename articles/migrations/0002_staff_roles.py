"""Staff roles: the three groups the admin is organised around.

Permissions normally appear after ``migrate`` finishes (post_migrate); they are created
here first so the groups can be given them in the same run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CATALOG_MODELS = ["productline", "usecategory", "product", "variant", "productimage"]
ARTICLE_MODELS = ["article", "exercise", "articleproduct"]
ALL_ACTIONS = ["add", "change", "delete", "view"]

ROLES = {
    "Catalog managers": {
        "catalog": {model: ALL_ACTIONS for model in CATALOG_MODELS},
        "articles": {"article": ["view"], "articleproduct": ["view"], "exercise": ["view"]},
    },
    "Content editors": {
        "catalog": {model: ["view"] for model in CATALOG_MODELS},
        "articles": {model: ALL_ACTIONS for model in ARTICLE_MODELS},
    },
    "Claims reviewers": {
        "catalog": {
            **{model: ["view"] for model in CATALOG_MODELS},
            "product": ["view", "change", "publish"],
        },
        "articles": {
            **{model: ["view"] for model in ARTICLE_MODELS},
            "article": ["view", "change", "publish"],
        },
    },
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, apps_models in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        codenames = [
            (app_label, f"{action}_{model}")
            for app_label, models in apps_models.items()
            for model, actions in models.items()
            for action in actions
        ]
        for app_label, codename in codenames:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("catalog", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
