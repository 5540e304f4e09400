"""Staff roles and shipping rules: catalog managers keep them (they set prices), the
other roles read them."""

from functools import partial

from django.db import migrations

from core.role_grants import grant, revoke

GRANTS = {
    "Catalog managers": [
        "add_shippingrule",
        "change_shippingrule",
        "delete_shippingrule",
        "view_shippingrule",
    ],
    "Content editors": ["view_shippingrule"],
    "Claims reviewers": ["view_shippingrule"],
}


class Migration(migrations.Migration):
    dependencies = [("storefront", "0003_shipping_rules")]

    operations = [
        migrations.RunPython(
            partial(grant, app_label="storefront", grants=GRANTS),
            partial(revoke, app_label="storefront", grants=GRANTS),
        )
    ]
