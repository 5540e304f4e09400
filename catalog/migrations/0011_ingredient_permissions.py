"""Staff roles and ingredient rows: catalog managers keep them like packs and images;
content editors and claims reviewers read them."""

from functools import partial

from django.db import migrations

from core.role_grants import grant, revoke

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


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0010_statutory_declarations"),
        ("articles", "0002_staff_roles"),
    ]

    operations = [
        migrations.RunPython(
            partial(grant, app_label="catalog", grants=GRANTS),
            partial(revoke, app_label="catalog", grants=GRANTS),
        )
    ]
