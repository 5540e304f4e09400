import pytest
from django.urls import reverse

from articles.models import Article
from tests.admin.forms import form_data
from tests.images import bomb_upload, upload

pytestmark = pytest.mark.django_db


def test_hero_image_upload_makes_renditions(admin_client, demo):
    """A hero image uploaded in the article admin is stored with its WebP renditions."""
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(admin_client.get(url), "article_form")
    data["hero_image"] = upload("back.jpg", "JPEG", (1000, 500))
    data["hero_alt"] = ["A person stretching on a mat"]
    response = admin_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.hero_width, article.hero_height) == (1000, 500)
    assert [r["width"] for r in article.renditions] == [320, 640, 960, 1000]


def test_bad_hero_image_is_refused_and_the_form_keeps_the_text(admin_client, demo):
    """A decompression bomb as hero image is refused; the typed title stays in the form."""
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(admin_client.get(url), "article_form")
    data["title"] = ["A new title I typed"]
    data["hero_image"] = bomb_upload()
    data["hero_alt"] = ["Something"]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "megapixels" in str(response.context["adminform"].form.errors["hero_image"])
    assert b'value="A new title I typed"' in response.content


def test_hero_image_needs_alt_text(admin_client, demo):
    """A hero image without alt text is refused with a message."""
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(admin_client.get(url), "article_form")
    data["hero_image"] = upload("back.png")
    data["hero_alt"] = [""]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Describe the hero image" in str(response.context["adminform"].form.errors)


def test_overdue_filter_lists_articles_past_their_review(admin_client, demo):
    """The article list's "Overdue" review filter shows only overdue articles."""
    article = Article.objects.get()
    url = reverse("admin:articles_article_changelist")
    assert admin_client.get(url, {"review": "overdue"}).context["cl"].result_count == 0
    Article.objects.filter(pk=article.pk).update(
        reviewed_on="2025-01-01", next_review_due="2025-06-01"
    )
    assert admin_client.get(url, {"review": "overdue"}).context["cl"].result_count == 1
