from django.db import migrations, models

# Article.SEARCH_WEIGHTS as this migration leaves them.
WEIGHTS = {
    "title": "A",
    "summary": "B",
    "body": "C",
    "title_hi": "A",
    "summary_hi": "B",
    "body_hi": "C",
    "exercise_names": "B",
}


def index_exercise_names(apps, schema_editor):
    """Each article's exercise names for its search, and on PostgreSQL its vector with
    them (and the Hindi columns) in."""
    Article = apps.get_model("articles", "Article")
    Exercise = apps.get_model("articles", "Exercise")
    names: dict[int, list[str]] = {}
    for article_id, name, name_hi in Exercise.objects.order_by(
        "article_id", "position", "pk"
    ).values_list("article_id", "name", "name_hi"):
        names.setdefault(article_id, []).extend(n for n in (name, name_hi) if n)
    for article_id, article_names in names.items():
        Article.objects.filter(pk=article_id).update(exercise_names="\n".join(article_names))
    if schema_editor.connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        vector = None
        for field, weight in WEIGHTS.items():
            part = SearchVector(field, weight=weight, config="english")
            vector = part if vector is None else vector + part
        Article.objects.update(search_vector=vector)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_hindi_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="exercise_names",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(index_exercise_names, migrations.RunPython.noop),
    ]
