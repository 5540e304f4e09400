"""Staff roles and store pages: content editors write them, claims reviewers approve and
publish them, catalog managers read them."""

from functools import partial

from django.db import migrations

from core.role_grants import grant, revoke

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


class Migration(migrations.Migration):
    dependencies = [
        ("storefront", "0001_store_pages"),
        ("articles", "0002_staff_roles"),
    ]

    operations = [
        migrations.RunPython(
            partial(grant, app_label="storefront", grants=GRANTS),
            partial(revoke, app_label="storefront", grants=GRANTS),
        )
    ]
