from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from catalog.models import Product
from compliance.models import PublicationStatus
from tests.admin.forms import add_inline_row, form_data
from tests.factories import ArticleFactory, ProductFactory

pytestmark = pytest.mark.django_db


def post_article(client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url), "article_form")
    for name, value in changes.items():
        data[name] = [value]
    return client.post(url, data)


def test_content_editor_cannot_publish(client, content_editor):
    """A content editor moving an article to published is refused, keeping the form."""
    article = ArticleFactory(status=PublicationStatus.IN_REVIEW, published_at=None)
    client.force_login(content_editor)
    response = post_article(client, article, status="published", summary="Typed summary")
    assert response.status_code == 200
    assert "Only a claims reviewer can publish" in str(
        response.context["adminform"].form.errors["status"]
    )
    assert b"Typed summary" in response.content
    article.refresh_from_db()
    assert article.status == PublicationStatus.IN_REVIEW


def test_content_editor_sends_an_article_to_review(client, content_editor):
    """A content editor may move a draft to review."""
    article = ArticleFactory(status=PublicationStatus.DRAFT, published_at=None)
    client.force_login(content_editor)
    assert post_article(client, article, status="in_review").status_code == 302
    article.refresh_from_db()
    assert article.status == PublicationStatus.IN_REVIEW


def test_reviewer_publishes_and_the_approval_is_recorded(client, claims_reviewer):
    """A claims reviewer publishes; who approved and when are recorded and shown."""
    article = ArticleFactory(status=PublicationStatus.IN_REVIEW, published_at=None)
    client.force_login(claims_reviewer)
    assert post_article(client, article, status="published").status_code == 302
    article.refresh_from_db()
    assert article.is_public
    assert article.approved_by == claims_reviewer
    assert article.approved_at is not None
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert f"Approved by {claims_reviewer.username}" in page.content.decode()
    assert "Published (claims-reviewers)" in page.content.decode()  # status history


def test_content_editor_cannot_change_live_text(client, content_editor):
    """Editing a live article's text as a content editor is refused with what to do instead."""
    article = ArticleFactory(summary="Live summary")
    client.force_login(content_editor)
    response = post_article(client, article, summary="Unreviewed summary")
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert "must be approved by a claims reviewer" in str(errors)
    article.refresh_from_db()
    assert article.summary == "Live summary"


def test_content_editor_cannot_change_a_live_articles_exercises(client, demo, content_editor):
    """Exercise text on a live article is shopper-visible: a content editor's change is refused."""
    article = Article.objects.get()
    client.force_login(content_editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url), "article_form")
    data["exercises-0-safety_note"] = ["Push through the pain."]
    response = client.post(url, data)
    assert response.status_code == 200
    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "exercises"
    )
    assert "must be approved by a claims reviewer" in str(formset.non_form_errors())
    assert article.exercises.first().safety_note != "Push through the pain."


def test_content_editor_takes_an_article_off_the_site_to_edit(client, content_editor):
    """Moving a live article back to review with an edit is allowed: it leaves the site."""
    article = ArticleFactory()
    client.force_login(content_editor)
    response = post_article(client, article, status="in_review", summary="Being reworked")
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.summary, article.is_public) == (
        "in_review",
        "Being reworked",
        False,
    )


def test_warned_phrase_waits_for_sign_off(client, claims_reviewer):
    """An article with a warned phrase is not published until a reviewer signs it off."""
    article = ArticleFactory(
        status=PublicationStatus.IN_REVIEW, published_at=None, body="Clinically proven stretches."
    )
    client.force_login(claims_reviewer)
    refused = post_article(client, article, status="published")
    assert refused.status_code == 200
    assert "\u201cClinically proven\u201d" in str(
        refused.context["adminform"].form.errors["status"]
    )
    article.refresh_from_db()
    assert article.status == PublicationStatus.IN_REVIEW
    accepted = post_article(client, article, status="published", claims_sign_off="on")
    assert accepted.status_code == 302
    article.refresh_from_db()
    assert article.is_public and article.approved_by == claims_reviewer


def test_warned_phrase_in_a_new_exercise_needs_sign_off(admin_client, demo):
    """A warned phrase added in an exercise of a live article needs a publisher's sign-off."""
    article = Article.objects.get()
    client = admin_client
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url), "article_form")
    add_inline_row(
        data,
        "exercises",
        name="Wall sit",
        instructions="Slide down a wall.",
        benefit="Instant relief for tight legs",
        frequency="a day",
        position="6",
    )
    assert client.post(url, data).status_code == 200
    assert article.exercises.count() == 5
    data["claims_sign_off"] = ["on"]
    assert client.post(url, data).status_code == 302
    assert article.exercises.count() == 6


def test_scheduled_publishing(claims_reviewer):
    """An article published for a future time goes live only when that time comes."""
    from compliance.services import item_publish

    article = ArticleFactory(status=PublicationStatus.IN_REVIEW, published_at=None)
    item_publish(instance=article, user=claims_reviewer, when=timezone.now() + timedelta(hours=2))
    assert not Article.objects.published().filter(pk=article.pk).exists()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publish_action_for_reviewers_only(client, claims_reviewer, content_editor):
    """The changelist's publish action publishes for reviewers and is absent for editors."""
    product = ProductFactory(status=PublicationStatus.IN_REVIEW, published_at=None)
    url = reverse("admin:catalog_product_changelist")
    client.force_login(content_editor)
    page = client.get(url)
    assert page.status_code == 200 and "publish_selected" not in page.content.decode()
    client.force_login(claims_reviewer)
    response = client.post(url, {"action": "publish_selected", "_selected_action": [product.pk]})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.is_public and product.approved_by == claims_reviewer


def test_every_change_is_in_the_history(claims_reviewer):
    """Status changes are kept in the product's history."""
    from compliance.services import item_publish

    product = ProductFactory(status=PublicationStatus.DRAFT, published_at=None)
    product.status = PublicationStatus.IN_REVIEW
    product.save()
    item_publish(instance=Product.objects.get(pk=product.pk), user=claims_reviewer)
    assert [h.status for h in product.history.order_by("history_date")] == [
        "draft",
        "in_review",
        "published",
    ]
