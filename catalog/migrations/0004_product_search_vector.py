import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

WEIGHTS = {"name": "A", "tagline": "B", "key_ingredients": "C", "description": "C"}


def index_and_fill(apps, schema_editor):
    """PostgreSQL only: GIN indexes for full-text and trigram search, then the vectors."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS catalog_product_search_gin "
        "ON catalog_product USING gin (search_vector)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS catalog_product_name_trgm "
        "ON catalog_product USING gin (name gin_trgm_ops, tagline gin_trgm_ops)"
    )
    vectors = [SearchVector(f, weight=w, config="english") for f, w in WEIGHTS.items()]
    vector = vectors[0] + vectors[1] + vectors[2] + vectors[3]
    apps.get_model("catalog", "Product").objects.update(search_vector=vector)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalog_product_search_gin")
        schema_editor.execute("DROP INDEX IF EXISTS catalog_product_name_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_variant_gtin"),
    ]

    operations = [
        TrigramExtension(),  # does nothing on SQLite
        migrations.AddField(
            model_name="product",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index_and_fill, drop_indexes),
    ]
