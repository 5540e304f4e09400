from datetime import date

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db

URL = "/articles/lower-back-spasms-exercises/"


@pytest.fixture
def overdue(demo):
    Article.objects.update(reviewed_on=date(2024, 1, 1), next_review_due=date(2025, 1, 1))


def test_staff_see_the_overdue_review_flag(admin_client, overdue):
    """A staff member reading an article past its review date sees a staff-only flag."""
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert b"Staff only:" in response.content
    assert b"was due on" in response.content


def test_shoppers_see_the_article_without_the_flag(client, overdue):
    """The storefront hides nothing from shoppers, and shows them no staff flag."""
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Medically reviewed by" in response.content
    assert b"Staff only:" not in response.content


def test_no_flag_when_the_review_is_current(admin_client, demo):
    """An article within its review period carries no flag, even for staff."""
    assert b"Staff only:" not in admin_client.get(URL).content
