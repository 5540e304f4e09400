"""The API's side of the workflow: 202 for changes that wait, the revisions of an item,
approval bound to one revision (409 when stale), and If-Match (412)."""

import pytest

from articles.models import Article
from catalog.models import Product
from compliance.models import Revision
from tests.factories import ArticleFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(slug="backs", summary="Live summary.")


def propose(client_for, user, slug="backs", **fields):
    response = client_for(user).patch(f"/api/v1/articles/{slug}/", fields, format="json")
    assert response.status_code == 202, response.json()
    return response.json()["revision"]


def test_a_pending_change_is_listed_with_its_author_and_fields(client_for, article, content_editor):
    """GET .../revisions/ lists id, author, created, status and changed fields."""
    revision = propose(client_for, content_editor, summary="New summary.")
    response = client_for(content_editor).get("/api/v1/articles/backs/revisions/")
    assert response.status_code == 200
    [row] = response.json()
    assert row["id"] == revision
    assert row["author"] == content_editor.username
    assert row["status"] == "pending"
    assert row["changed_fields"] == ["summary"]
    assert row["created"].endswith("Z")


def test_a_revision_shows_its_difference_from_live_and_its_flags(
    client_for, article, content_editor
):
    """GET .../revisions/{id}/ has the diff against live and the flagged phrases."""
    revision = propose(client_for, content_editor, summary="Clinically proven calm.")
    data = client_for(content_editor).get(f"/api/v1/articles/backs/revisions/{revision}/").json()
    assert data["diff"] == [
        {
            "path": "summary",
            "label": "summary",
            "kind": "changed",
            "before": "Live summary.",
            "after": "Clinically proven calm.",
        }
    ]
    assert data["flagged"][0]["severity"] == "warn"
    assert "clinically proven" in data["flagged"][0]["context"]


def test_revisions_are_for_staff_who_may_change_the_item(client_for, api, article, catalog_manager):
    """Anonymous callers get 401; a catalog manager, who may not change articles, gets 404
    (the revisions are not there for them)."""
    assert api.get("/api/v1/articles/backs/revisions/").status_code == 401
    assert client_for(catalog_manager).get("/api/v1/articles/backs/revisions/").status_code == 404


def test_a_reviewer_approves_a_revision_and_it_goes_live(
    client_for, api, article, content_editor, claims_reviewer
):
    """POST .../approve/ publishes exactly that revision; the public API shows it."""
    revision = propose(client_for, content_editor, summary="New summary.")
    assert api.get("/api/v1/articles/backs/").json()["summary"] == "Live summary."
    response = client_for(claims_reviewer).post(
        f"/api/v1/articles/backs/revisions/{revision}/approve/", {}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "approved"
    assert response.json()["reviewed_by"] == claims_reviewer.username
    assert api.get("/api/v1/articles/backs/").json()["summary"] == "New summary."


def test_only_reviewers_approve_or_send_back(client_for, article, content_editor):
    """A content editor approving or sending back is refused with 403."""
    revision = propose(client_for, content_editor, summary="New summary.")
    api = client_for(content_editor)
    approve = api.post(f"/api/v1/articles/backs/revisions/{revision}/approve/", {}, format="json")
    assert approve.status_code == 403
    assert approve.json()["code"] == "approve_forbidden"
    back = api.post(
        f"/api/v1/articles/backs/revisions/{revision}/send-back/", {"comment": "No."}, format="json"
    )
    assert back.status_code == 403


def test_approving_a_replaced_revision_is_a_409(
    client_for, article, content_editor, claims_reviewer
):
    """A revision replaced by a newer one cannot be approved: 409 saying why."""
    first = propose(client_for, content_editor, summary="First.")
    propose(client_for, content_editor, summary="Second.")
    response = client_for(claims_reviewer).post(
        f"/api/v1/articles/backs/revisions/{first}/approve/", {}, format="json"
    )
    assert response.status_code == 409
    assert "A newer revision" in response.json()["message"]
    assert Article.objects.get(slug="backs").summary == "Live summary."


def test_approving_needs_a_sign_off_of_flagged_phrases(
    client_for, article, content_editor, claims_reviewer
):
    """A revision with a warned phrase is approved only with claims_sign_off (400 without)."""
    revision = propose(client_for, content_editor, summary="Clinically proven calm.")
    url = f"/api/v1/articles/backs/revisions/{revision}/approve/"
    refused = client_for(claims_reviewer).post(url, {}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "sign_off_needed"
    signed = client_for(claims_reviewer).post(url, {"claims_sign_off": True}, format="json")
    assert signed.status_code == 200


def test_send_back_needs_a_comment_and_reaches_the_author(
    client_for, article, content_editor, claims_reviewer
):
    """Sending back without a comment is a 400; with one, the revision says so."""
    revision = propose(client_for, content_editor, summary="New summary.")
    url = f"/api/v1/articles/backs/revisions/{revision}/send-back/"
    assert client_for(claims_reviewer).post(url, {"comment": ""}, format="json").status_code == 400
    response = client_for(claims_reviewer).post(url, {"comment": "Cite it."}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["comment"]) == ("rejected", "Cite it.")
    assert Revision.objects.get(pk=revision).status == Revision.Status.REJECTED


def test_unknown_revision_is_a_404(client_for, article, claims_reviewer):
    """A revision id that is not this item's is a 404 in the error shape."""
    other = ArticleFactory(slug="other")
    ArticleFactory  # noqa: B018 - the item exists; its revision does not
    response = client_for(claims_reviewer).get(f"/api/v1/articles/{other.slug}/revisions/999/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --- If-Match ------------------------------------------------------------------------------
def test_if_match_with_the_current_etag_is_accepted(client_for, content_editor, article):
    """A write with If-Match naming the ETag just read goes through."""
    api = client_for(content_editor)
    etag = api.get("/api/v1/articles/backs/").headers["ETag"]
    response = api.patch(
        "/api/v1/articles/backs/", {"summary": "Edited."}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 202


def test_two_writes_from_one_read_the_second_is_412(client_for, content_editor, article):
    """Two clients read the same version; after the first write (even one that waits for
    review), the second's If-Match no longer matches: 412, and nothing of it is kept."""
    api = client_for(content_editor)
    etag = api.get("/api/v1/articles/backs/").headers["ETag"]
    first = api.patch(
        "/api/v1/articles/backs/", {"summary": "First."}, format="json", HTTP_IF_MATCH=etag
    )
    assert first.status_code == 202
    second = api.patch(
        "/api/v1/articles/backs/", {"title": "Second"}, format="json", HTTP_IF_MATCH=etag
    )
    assert second.status_code == 412
    assert second.json()["code"] == "precondition_failed"
    revision = Revision.objects.get(pk=first.json()["revision"])
    assert revision.status == "pending" and revision.content["fields"]["title"] != "Second"


def test_if_match_on_a_draft_product(client_for, catalog_manager):
    """On a draft the write applies (200) when If-Match matches, and is 412 when stale."""
    ProductFactory(slug="draft", status="draft", published_at=None, tagline="One.")
    api = client_for(catalog_manager)
    etag = api.get("/api/v1/products/draft/").headers["ETag"]
    ok = api.patch(
        "/api/v1/products/draft/", {"tagline": "Two."}, format="json", HTTP_IF_MATCH=etag
    )
    assert ok.status_code == 200
    stale = api.patch(
        "/api/v1/products/draft/", {"tagline": "Three."}, format="json", HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 412
    assert Product.objects.get(slug="draft").tagline == "Two."


# --- Statuses through the API -------------------------------------------------------------------
def test_nothing_is_created_archived_or_published_by_a_non_reviewer(client_for, content_editor):
    """Creating an archived article is a 400, a published one a 403."""
    body = {"title": "T", "slug": "t", "summary": "S.", "body": "B.", "author": "A"}
    api = client_for(content_editor)
    assert (
        api.post("/api/v1/articles/", {**body, "status": "archived"}, format="json").status_code
        == 400
    )
    assert (
        api.post("/api/v1/articles/", {**body, "status": "published"}, format="json").status_code
        == 403
    )
    assert not Article.objects.filter(slug="t").exists()


def test_archiving_through_the_api_is_immediate_and_a_rewrite_waits(
    client_for, api, article, content_editor
):
    """Archive and rewrite in one PATCH: archived at once, the rewrite waits (202)."""
    response = client_for(content_editor).patch(
        "/api/v1/articles/backs/", {"status": "archived", "summary": "Unreviewed."}, format="json"
    )
    assert response.status_code == 202
    live = Article.objects.get(slug="backs")
    assert (live.status, live.summary) == ("archived", "Live summary.")
    assert api.get("/api/v1/articles/backs/").json()["summary"] == "Live summary."


def test_a_publication_time_far_away_is_a_400(client_for, claims_reviewer):
    """A year-9999 publication time is refused with a clear 400, never a 500."""
    ArticleFactory(slug="draft", status="in_review", published_at=None)
    response = client_for(claims_reviewer).patch(
        "/api/v1/articles/draft/",
        {"status": "published", "published_at": "9999-12-31T10:00:00Z"},
        format="json",
    )
    assert response.status_code == 400
    assert "five years from now" in response.json()["message"]
