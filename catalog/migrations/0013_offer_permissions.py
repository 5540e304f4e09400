"""Staff roles and where-to-buy links: catalog managers keep them like packs;
content editors and claims reviewers read them."""

from functools import partial

from django.db import migrations

from core.role_grants import grant, revoke

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


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0012_where_to_buy"),
        ("articles", "0002_staff_roles"),
    ]

    operations = [
        migrations.RunPython(
            partial(grant, app_label="catalog", grants=GRANTS),
            partial(revoke, app_label="catalog", grants=GRANTS),
        )
    ]
