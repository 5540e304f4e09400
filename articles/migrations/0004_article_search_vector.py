import django.contrib.postgres.search
from django.contrib.postgres.search import SearchVector
from django.db import migrations

WEIGHTS = {"title": "A", "summary": "B", "body": "C"}


def index_and_fill(apps, schema_editor):
    """PostgreSQL only: GIN indexes for full-text and trigram search, then the vectors."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS articles_article_search_gin "
        "ON articles_article USING gin (search_vector)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS articles_article_title_trgm "
        "ON articles_article USING gin (title gin_trgm_ops)"
    )
    vectors = [SearchVector(f, weight=w, config="english") for f, w in WEIGHTS.items()]
    apps.get_model("articles", "Article").objects.update(
        search_vector=vectors[0] + vectors[1] + vectors[2]
    )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS articles_article_search_gin")
        schema_editor.execute("DROP INDEX IF EXISTS articles_article_title_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_approval"),
        ("catalog", "0004_product_search_vector"),  # pg_trgm is created there
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index_and_fill, drop_indexes),
    ]
