"""An article's "see a doctor if" warning signs: its own reviewed content, shown before its
exercises; exercises are not published without them, at any door."""

import pytest
from django.urls import reverse

from articles.models import Article
from compliance.models import PublicationStatus
from tests.admin.forms import post_form
from tests.factories import ArticleFactory, ExerciseFactory

pytestmark = pytest.mark.django_db

ARTICLE = "/articles/lower-back-spasms-exercises/"


def test_the_article_shows_its_warning_signs_before_the_exercises(client, demo):
    html = client.get(ARTICLE).content.decode()
    warning = html.index("See a doctor first if")
    assert warning < html.index("The exercises, step by step")
    assert "Loss of control of your bladder or bowels" in html[warning:]
    assert html.count('<ul class="warning-signs">') == 1


def test_another_article_shows_its_own_signs_or_none(client, db):
    """The back-pain signs are the back-spasm article's, not every article's."""
    article = ArticleFactory(warning_signs="Bloating with fever\r\n\r\nBlood in the stool\r\n")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<li>Bloating with fever</li>\n<li>Blood in the stool</li>" in html
    assert "See a doctor if" in html  # no exercises: not "first"
    assert "bladder" not in html
    quiet = ArticleFactory(warning_signs="")
    html = client.get(quiet.get_absolute_url()).content.decode()
    assert "warning-signs" not in html and "See a doctor" not in html


def test_the_api_gives_the_signs_as_a_list(client, demo):
    data = client.get("/api/v1/articles/lower-back-spasms-exercises/").json()
    assert data["warning_signs"][2] == "Loss of control of your bladder or bowels"
    assert len(data["warning_signs"]) == 6


@pytest.fixture
def unsigned():
    """An article in review with an exercise and no warning signs."""
    article = ArticleFactory(slug="knees", status=PublicationStatus.IN_REVIEW, warning_signs="")
    ExerciseFactory(article=article)
    return article


def test_the_api_refuses_to_publish_exercises_without_warning_signs(
    client_for, claims_reviewer, unsigned
):
    response = client_for(claims_reviewer).patch(
        "/api/v1/articles/knees/", {"status": "published"}, format="json"
    )
    assert response.status_code == 400
    assert "See a doctor if" in response.json()["message"]
    assert Article.objects.get(slug="knees").status == PublicationStatus.IN_REVIEW


def test_the_admin_refuses_then_publishes_once_the_signs_are_there(
    client, claims_reviewer, unsigned
):
    client.force_login(claims_reviewer)
    url = reverse("admin:articles_article_change", args=[unsigned.pk])
    response = post_form(client, url, "article_form", status="published")
    assert response.status_code == 200
    assert "list the signs that call for a doctor" in response.content.decode()
    assert Article.objects.get(pk=unsigned.pk).status == PublicationStatus.IN_REVIEW
    response = post_form(
        client,
        url,
        "article_form",
        status="published",
        warning_signs="Swelling or heat in the knee\r\nYou cannot put weight on the leg",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(pk=unsigned.pk)
    assert article.status == PublicationStatus.PUBLISHED
    assert article.warning_sign_list == [
        "Swelling or heat in the knee",
        "You cannot put weight on the leg",
    ]


def test_an_article_without_exercises_needs_no_signs(client_for, claims_reviewer):
    ArticleFactory(slug="sleep", status=PublicationStatus.IN_REVIEW, warning_signs="")
    response = client_for(claims_reviewer).patch(
        "/api/v1/articles/sleep/", {"status": "published"}, format="json"
    )
    assert response.status_code == 200, response.json()


def test_a_blocked_phrase_in_the_signs_is_refused(client_for, content_editor):
    ArticleFactory(slug="draft", status=PublicationStatus.DRAFT)
    response = client_for(content_editor).patch(
        "/api/v1/articles/draft/",
        {"warning_signs": "Pain that our drops cure permanently"},
        format="json",
    )
    assert response.status_code == 400
    assert "warning_signs" in str(response.json())


def test_an_exercise_added_to_a_live_article_without_signs_is_refused(client_for, admin_user):
    """The exercises endpoint is a door too: a live article gains no exercise while it
    lacks its warning signs."""
    ArticleFactory(slug="posture", warning_signs="")
    response = client_for(admin_user).post(
        "/api/v1/exercises/",
        {
            "article": "posture",
            "name": "Chin tucks",
            "instructions": "Draw the chin back gently.",
            "start_repetitions": 5,
            "target_repetitions": 10,
            "frequency": "a day",
        },
        format="json",
    )
    assert response.status_code == 400, response.json()
    assert "See a doctor if" in response.json()["message"]
    assert not Article.objects.get(slug="posture").exercises.exists()
