"""The publishing workflow through the admin, as each role uses it: live content changes
only through an approved revision, daily work is not blocked, approvals are bound to what
the reviewer read, and two editors do not lose each other's work."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Exercise
from catalog.models import Product
from compliance import workflow
from compliance.models import PublicationStatus, Revision
from tests.admin.forms import add_inline_row, form_data, post_form
from tests.factories import (
    ArticleFactory,
    ExerciseFactory,
    ProductFactory,
    VariantFactory,
)

pytestmark = pytest.mark.django_db


def article_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def product_url(product):
    return reverse("admin:catalog_product_change", args=[product.pk])


def review_url(revision):
    return reverse("admin:compliance_revision_change", args=[revision.pk])


def form_errors(response) -> str:
    form = response.context["adminform"].form
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def pending(item) -> Revision | None:
    return workflow.pending_revision(type(item).objects.get(pk=item.pk))


# --- Daily work is not blocked --------------------------------------------------------------
def test_unchanged_save_of_a_live_product_is_never_refused(client, catalog_manager):
    """A catalog manager saving a live product untouched (CRLF textareas) changes nothing."""
    product = ProductFactory(description="First line.\n\nSecond paragraph.", warnings="A.\nB.")
    VariantFactory(product=product)
    client.force_login(catalog_manager)
    response = post_form(client, product_url(product), "product_form")
    assert response.status_code == 302
    assert pending(product) is None
    product.refresh_from_db()
    assert product.description == "First line.\n\nSecond paragraph."
    assert product.content_version == 0


def test_unchanged_save_of_a_live_article_is_never_refused(client, content_editor):
    """A content editor saving the live article untouched is not refused."""
    article = ArticleFactory(body="Para one.\n\nPara two.\n")
    ExerciseFactory(article=article, instructions="Lie down.\nBreathe.")
    client.force_login(content_editor)
    response = post_form(client, article_url(article), "article_form")
    assert response.status_code == 302
    assert pending(article) is None


def test_catalog_manager_changes_price_and_stock_at_once(client, catalog_manager):
    """Price and stock changed on the product's own page go live at once, without review."""
    product = ProductFactory()
    variant = VariantFactory(product=product, price=Decimal("549.00"), stock_quantity=10)
    client.force_login(catalog_manager)
    response = post_form(
        client,
        product_url(product),
        "product_form",
        **{"variants-0-price": "579.00", "variants-0-stock_quantity": "3"},
    )
    assert response.status_code == 302
    variant.refresh_from_db()
    assert (variant.price, variant.stock_quantity) == (Decimal("579.00"), 3)
    assert pending(product) is None
    assert "579.00" in client.get(product.get_absolute_url()).content.decode()


# --- Revisions of live content -------------------------------------------------------------
def test_live_text_change_waits_for_review_and_the_page_keeps_the_approved_version(
    client, catalog_manager
):
    """A catalog manager's change to a live product's text is a pending revision: the live
    page keeps the approved text, and the form shows the change to continue from."""
    product = ProductFactory(tagline="Approved tagline.")
    client.force_login(catalog_manager)
    response = post_form(client, product_url(product), "product_form", tagline="Edited tagline.")
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.tagline == "Approved tagline."
    revision = pending(product)
    assert revision is not None and revision.created_by == catalog_manager
    assert "tagline" in revision.changed
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Approved tagline." in page and "Edited tagline." not in page
    form = client.get(product_url(product)).content.decode()
    assert "Edited tagline." in form and "waiting for review" in form


def test_reviewer_finds_the_change_in_the_queue_reads_the_diff_and_approves(
    client, content_editor, claims_reviewer
):
    """The reviewer's queue lists the change, the review page shows the diff, and approving
    puts exactly that revision live with the approval recorded."""
    article = ArticleFactory(summary="Old summary.")
    client.force_login(content_editor)
    post_form(client, article_url(article), "article_form", summary="New summary.")
    revision = pending(article)
    client.force_login(claims_reviewer)
    queue = client.get(reverse("admin:compliance_revision_changelist")).content.decode()
    assert article.title in queue and content_editor.username in queue
    page = client.get(review_url(revision)).content.decode()
    assert "<del>Old</del> <ins>New</ins> summary." in page
    response = client.post(review_url(revision), {"action": "approve"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary == "New summary."
    assert article.approved_by == claims_reviewer
    revision.refresh_from_db()
    assert revision.status == Revision.Status.APPROVED
    assert "New summary." in client.get(article.get_absolute_url()).content.decode()


def test_an_edit_after_the_reviewer_opened_it_makes_that_approval_stale(
    client, content_editor, claims_reviewer
):
    """The reviewer approves the revision they read; if it was replaced meanwhile the
    approval is refused and says why, and nothing goes live."""
    article = ArticleFactory(summary="Live.")
    client.force_login(content_editor)
    post_form(client, article_url(article), "article_form", summary="Read by the reviewer.")
    read = pending(article)
    post_form(client, article_url(article), "article_form", summary="Changed after.")
    client.force_login(claims_reviewer)
    response = client.post(review_url(read), {"action": "approve"})
    assert response.status_code == 400
    assert "A newer revision" in response.content.decode()
    article.refresh_from_db()
    assert article.summary == "Live."


def test_approval_of_a_revision_whose_base_is_no_longer_live_is_refused(
    claims_reviewer, content_editor
):
    """A revision made from an older live version cannot be approved: it would undo the
    change made since."""
    article = ArticleFactory(summary="Live.")
    content, _ = workflow.current_content(article)
    content["fields"]["summary"] = "Edit A."
    first = workflow.submit(item=article, user=content_editor, content=content).revision
    Article.objects.filter(pk=article.pk).update(content_version=article.content_version + 1)
    with pytest.raises(workflow.Stale, match="live version changed"):
        workflow.approve(revision=first, user=claims_reviewer)


def test_send_back_with_a_comment(client, content_editor, claims_reviewer):
    """A reviewer sends a change back with a comment; the editor sees it on the item."""
    article = ArticleFactory()
    client.force_login(content_editor)
    post_form(client, article_url(article), "article_form", summary="Cures everything? No.")
    post_form(client, article_url(article), "article_form", summary="Rewritten summary.")
    revision = pending(article)
    client.force_login(claims_reviewer)
    refused = client.post(review_url(revision), {"action": "send_back", "comment": ""})
    assert refused.status_code == 400
    client.post(review_url(revision), {"action": "send_back", "comment": "Cite the source."})
    revision.refresh_from_db()
    assert revision.status == Revision.Status.REJECTED
    client.force_login(content_editor)
    page = client.get(article_url(article)).content.decode()
    assert "Cite the source." in page and "Rewritten summary." in page


def test_only_reviewers_approve(client, content_editor):
    """A content editor cannot approve, even by posting to the review page."""
    article = ArticleFactory(summary="Live.")
    client.force_login(content_editor)
    post_form(client, article_url(article), "article_form", summary="Mine.")
    revision = pending(article)
    response = client.post(review_url(revision), {"action": "approve"})
    assert response.status_code == 400
    assert "Only a claims reviewer" in response.content.decode()
    article.refresh_from_db()
    assert article.summary == "Live."


def test_bulk_approval_approves_exactly_the_selected_revisions(
    client, content_editor, claims_reviewer
):
    """ "Approve selected" in the queue approves each revision, refusing a stale one."""
    a, b = ArticleFactory(summary="A live."), ArticleFactory(summary="B live.")
    client.force_login(content_editor)
    post_form(client, article_url(a), "article_form", summary="A new.")
    post_form(client, article_url(b), "article_form", summary="B new.")
    stale = pending(b)
    post_form(client, article_url(b), "article_form", summary="B newer.")
    client.force_login(claims_reviewer)
    response = client.post(
        reverse("admin:compliance_revision_changelist") + "?status=all",
        {"action": "approve_selected", "_selected_action": [pending(a).pk, stale.pk]},
        follow=True,
    )
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "Approved 1 revision" in messages and "A newer revision" in messages
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.summary, b.summary) == ("A new.", "B live.")


# --- Inlines of a live article ----------------------------------------------------------------
def test_exercise_edits_on_a_live_article_wait_for_review(client, content_editor, claims_reviewer):
    """Changing, adding and removing exercises of a live article are one pending revision;
    the form shows them (new rows included) and approval applies them."""
    article = ArticleFactory()
    first = ExerciseFactory(article=article, name="Cat-cow", position=1)
    second = ExerciseFactory(article=article, name="Bridge", position=2)
    client.force_login(content_editor)
    url = article_url(article)
    data = form_data(client.get(url), "article_form")
    data["exercises-0-safety_note"] = ["Stop if it hurts."]
    data["exercises-1-DELETE"] = ["on"]
    add_inline_row(
        data,
        "exercises",
        name="Knee to chest",
        instructions="Hug one knee.",
        frequency="twice a day",
    )
    assert client.post(url, data).status_code == 302
    assert list(article.exercises.values_list("name", flat=True)) == ["Cat-cow", "Bridge"]
    assert Exercise.objects.get(pk=first.pk).safety_note == ""
    # Reopened, the form continues from the pending revision, the new row included.
    data = form_data(client.get(url), "article_form")
    names = sorted(v[0] for k, v in data.items() if k.endswith("-name"))
    assert names == ["Cat-cow", "Knee to chest"]
    index = next(k for k, v in data.items() if v == ["Knee to chest"]).split("-")[1]
    data[f"exercises-{index}-benefit"] = ["Eases the lower back."]
    assert client.post(url, data).status_code == 302
    revision = pending(article)
    client.force_login(claims_reviewer)
    client.post(review_url(revision), {"action": "approve"})
    exercises = {e.name: e for e in article.exercises.all()}
    assert set(exercises) == {"Cat-cow", "Knee to chest"}
    assert exercises["Cat-cow"].safety_note == "Stop if it hurts."
    assert exercises["Knee to chest"].benefit == "Eases the lower back."
    assert not Exercise.objects.filter(pk=second.pk).exists()


def test_new_exercises_go_last(client, content_editor):
    """A row added without a position goes after the others."""
    article = ArticleFactory(status=PublicationStatus.DRAFT, published_at=None)
    ExerciseFactory(article=article, name="One", position=4)
    client.force_login(content_editor)
    url = article_url(article)
    data = form_data(client.get(url), "article_form")
    add_inline_row(data, "exercises", name="Two", instructions="Stand.", frequency="a day")
    assert client.post(url, data).status_code == 302
    assert list(article.exercises.values_list("name", flat=True)) == ["One", "Two"]


# --- Concurrency -----------------------------------------------------------------------------
def test_two_saves_from_one_starting_version_the_second_is_refused(client, content_editor):
    """Two editors open the same article; the second save is refused with a clear
    message and the form keeps what the second editor typed."""
    article = ArticleFactory(status=PublicationStatus.DRAFT, published_at=None, summary="Start.")
    client.force_login(content_editor)
    url = article_url(article)
    first = form_data(client.get(url), "article_form")
    second = form_data(client.get(url), "article_form")
    first["summary"] = ["First editor's summary."]
    assert client.post(url, first).status_code == 302
    second["summary"] = ["Second editor's summary."]
    response = client.post(url, second)
    assert response.status_code == 200
    assert "changed by someone else after you opened it" in form_errors(response)
    assert "Second editor&#x27;s summary." in response.content.decode()
    article.refresh_from_db()
    assert article.summary == "First editor's summary."


def test_two_editors_on_a_live_item_do_not_lose_each_others_changes(client, content_editor):
    """On a live article the second editor's save, based on the same version, is refused
    rather than silently replacing the first editor's pending change."""
    article = ArticleFactory(summary="Live.")
    client.force_login(content_editor)
    url = article_url(article)
    first = form_data(client.get(url), "article_form")
    second = form_data(client.get(url), "article_form")
    first["summary"] = ["First."]
    assert client.post(url, first).status_code == 302
    second["title"] = ["Second's title"]
    response = client.post(url, second)
    assert response.status_code == 200
    assert "changed by someone else" in form_errors(response)
    assert pending(article).content["fields"]["summary"] == "First."


def test_an_approval_after_the_reviewer_opened_the_form_is_refused(
    client, content_editor, claims_reviewer
):
    """A reviewer publishing an item in review from its form publishes what they read: an
    edit saved meanwhile makes the publication refused."""
    article = ArticleFactory(status=PublicationStatus.IN_REVIEW, published_at=None)
    client.force_login(claims_reviewer)
    url = article_url(article)
    reviewers_form = form_data(client.get(url), "article_form")
    client.force_login(content_editor)
    post_form(client, url, "article_form", summary="Unread by the reviewer.")
    client.force_login(claims_reviewer)
    reviewers_form["status"] = ["published"]
    response = client.post(url, reviewers_form)
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == PublicationStatus.IN_REVIEW


# --- Statuses --------------------------------------------------------------------------------
def test_content_editor_cannot_publish(client, content_editor):
    """A content editor moving an article to published is refused, keeping the form."""
    article = ArticleFactory(status=PublicationStatus.IN_REVIEW, published_at=None)
    client.force_login(content_editor)
    response = post_form(
        client, article_url(article), "article_form", status="published", summary="Typed"
    )
    assert response.status_code == 200
    assert "Only a claims reviewer can publish" in form_errors(response)
    assert b"Typed" in response.content


def test_sending_to_review_makes_a_pending_revision(client, content_editor):
    """A draft sent to review waits in the queue with its content."""
    article = ArticleFactory(status=PublicationStatus.DRAFT, published_at=None)
    client.force_login(content_editor)
    assert (
        post_form(client, article_url(article), "article_form", status="in_review").status_code
        == 302
    )
    article.refresh_from_db()
    assert article.status == PublicationStatus.IN_REVIEW
    assert pending(article) is not None


def test_reviewer_publishes_and_the_approval_is_recorded(client, claims_reviewer):
    """A claims reviewer publishes from the form; who approved and when are shown."""
    article = ArticleFactory(status=PublicationStatus.IN_REVIEW, published_at=None)
    client.force_login(claims_reviewer)
    assert (
        post_form(client, article_url(article), "article_form", status="published").status_code
        == 302
    )
    article.refresh_from_db()
    assert article.is_public and article.approved_by == claims_reviewer
    page = client.get(article_url(article)).content.decode()
    assert f"Approved by {claims_reviewer.username}" in page


def test_archiving_takes_an_item_off_sale_without_review(client, content_editor):
    """A content editor archives a live article at once; a rewrite in the same save waits
    for review, and the archived page shows only the approved text, noindex."""
    article = ArticleFactory(summary="Approved summary.")
    client.force_login(content_editor)
    response = post_form(
        client, article_url(article), "article_form", status="archived", summary="Unreviewed."
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.summary) == ("archived", "Approved summary.")
    assert pending(article).content["fields"]["summary"] == "Unreviewed."
    page = client.get(article.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert "Approved summary." in html and "Unreviewed." not in html
    assert 'content="noindex' in html


@pytest.mark.parametrize("status", ["draft", "in_review"])
def test_nothing_is_archived_without_an_approved_version(client, content_editor, status):
    """A draft or an item in review cannot be archived: it has no approved version."""
    article = ArticleFactory(status=status, published_at=None)
    client.force_login(content_editor)
    response = post_form(client, article_url(article), "article_form", status="archived")
    assert response.status_code == 200
    assert "Only an item that has been live can be archived" in form_errors(response)


def test_nothing_is_created_as_archived(client, content_editor):
    """The add form refuses an article created as archived."""
    client.force_login(content_editor)
    url = reverse("admin:articles_article_add")
    data = form_data(client.get(url), "article_form")
    data.update(
        {
            "title": ["New"],
            "slug": ["new"],
            "summary": ["S."],
            "body": ["B."],
            "author": ["A"],
            "status": ["archived"],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert not Article.objects.filter(slug="new").exists()


def test_non_reviewer_cannot_unpublish(client, content_editor):
    """Taking a live article back to draft is a reviewer's act (archive takes it off sale)."""
    article = ArticleFactory()
    client.force_login(content_editor)
    response = post_form(client, article_url(article), "article_form", status="draft")
    assert response.status_code == 200
    assert "archive it" in form_errors(response)


def test_publication_time_is_bounded(client, claims_reviewer):
    """A year-9999 publication time is a form error, and the changelist still answers."""
    article = ArticleFactory(status=PublicationStatus.IN_REVIEW, published_at=None)
    client.force_login(claims_reviewer)
    response = post_form(
        client,
        article_url(article),
        "article_form",
        status="published",
        published_at_0="31/12/9999",
        published_at_1="10:00:00",
    )
    assert response.status_code == 200
    assert "five years from now" in form_errors(response)
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


def test_moving_a_scheduled_items_time_is_for_reviewers(client, content_editor):
    """A content editor cannot move the publication time of a scheduled article."""
    when = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    article = ArticleFactory(published_at=when)
    client.force_login(content_editor)
    later = timezone.localtime(when + timedelta(days=1))
    response = post_form(
        client,
        article_url(article),
        "article_form",
        published_at_0=later.strftime("%d/%m/%Y"),
        published_at_1=later.strftime("%H:%M:%S"),
    )
    assert response.status_code == 200
    assert "Only a claims reviewer can move the publication time" in form_errors(response)


def test_scheduled_items_show_as_scheduled(client, content_editor, claims_reviewer):
    """The review queue shows a scheduled item as "Scheduled for <time>"."""
    article = ArticleFactory(published_at=timezone.now() + timedelta(days=2))
    client.force_login(content_editor)
    post_form(client, article_url(article), "article_form", summary="Edited.")
    client.force_login(claims_reviewer)
    queue = client.get(reverse("admin:compliance_revision_changelist")).content.decode()
    assert "Scheduled for" in queue


# --- Sign-off --------------------------------------------------------------------------------
def test_warned_phrase_waits_for_sign_off(client, claims_reviewer):
    """An article with a warned phrase is not published until a reviewer signs it off."""
    article = ArticleFactory(
        status=PublicationStatus.IN_REVIEW, published_at=None, body="Clinically proven stretches."
    )
    client.force_login(claims_reviewer)
    refused = post_form(client, article_url(article), "article_form", status="published")
    assert refused.status_code == 200
    assert "\u201cClinically proven\u201d" in form_errors(refused)
    accepted = post_form(
        client, article_url(article), "article_form", status="published", claims_sign_off="on"
    )
    assert accepted.status_code == 302
    article.refresh_from_db()
    assert article.is_public and article.claims_signed_off


def test_warned_phrase_in_a_pending_exercise_needs_sign_off_at_approval(
    client, content_editor, claims_reviewer
):
    """A warned phrase in a new exercise of a live article needs the reviewer's sign-off
    when the revision is approved."""
    article = ArticleFactory()
    client.force_login(content_editor)
    url = article_url(article)
    data = form_data(client.get(url), "article_form")
    add_inline_row(
        data,
        "exercises",
        name="Wall sit",
        instructions="Slide down a wall.",
        benefit="Clinically proven for tight legs",
        frequency="a day",
    )
    assert client.post(url, data).status_code == 302
    revision = pending(article)
    client.force_login(claims_reviewer)
    refused = client.post(review_url(revision), {"action": "approve"})
    assert refused.status_code == 400 and "sign-off" in refused.content.decode()
    assert article.exercises.count() == 0
    client.post(review_url(revision), {"action": "approve", "claims_sign_off": "on"})
    assert article.exercises.count() == 1


# --- Deleting ---------------------------------------------------------------------------------
def test_a_live_product_cannot_be_deleted_by_its_delete_page_or_in_bulk(client, catalog_manager):
    """The delete page and the bulk delete refuse a live product and say to archive it."""
    product = ProductFactory()
    client.force_login(catalog_manager)
    delete_url = reverse("admin:catalog_product_delete", args=[product.pk])
    page = client.get(delete_url).content.decode()
    assert "archive it" in page
    client.post(delete_url, {"post": "yes"})
    client.post(
        reverse("admin:catalog_product_changelist"),
        {"action": "delete_selected", "_selected_action": [product.pk], "post": "yes"},
    )
    assert Product.objects.filter(pk=product.pk).exists()


def test_a_draft_product_can_be_deleted(client, catalog_manager):
    """A draft has no shoppers: deleting it works."""
    product = ProductFactory(status=PublicationStatus.DRAFT, published_at=None)
    client.force_login(catalog_manager)
    client.post(reverse("admin:catalog_product_delete", args=[product.pk]), {"post": "yes"})
    assert not Product.objects.filter(pk=product.pk).exists()


def test_the_history_keeps_status_changes(client, content_editor, claims_reviewer):
    """Each status an article went through is in its history."""
    article = ArticleFactory(status=PublicationStatus.DRAFT, published_at=None)
    client.force_login(content_editor)
    post_form(client, article_url(article), "article_form", status="in_review")
    client.force_login(claims_reviewer)
    client.post(review_url(pending(article)), {"action": "approve"})
    statuses = [h.status for h in article.history.order_by("history_date")]
    assert statuses[-2:] == ["in_review", "published"]


def test_a_price_change_keeps_someone_elses_waiting_changes(client, catalog_manager, make_staff):
    """A catalog manager changing only a price on a product whose text change waits for
    review changes the price at once and leaves the waiting revision as it was."""
    product = ProductFactory(tagline="Live.")
    variant = VariantFactory(product=product, price=Decimal("549.00"))
    colleague = make_staff("Catalog managers", username="colleague")
    client.force_login(colleague)
    post_form(client, product_url(product), "product_form", tagline="Waiting.")
    waiting = pending(product)
    client.force_login(catalog_manager)
    response = post_form(
        client, product_url(product), "product_form", **{"variants-0-price": "599.00"}
    )
    assert response.status_code == 302
    variant.refresh_from_db()
    assert variant.price == Decimal("599.00")
    assert pending(product) == waiting and waiting.created_by == colleague


def test_a_newly_restricted_phrase_does_not_hold_up_a_price_change(client, catalog_manager):
    """Live text that a phrase added later would refuse does not stop a price change on the
    product's page (check_claims reports the text)."""
    from compliance.models import RestrictedPhrase

    product = ProductFactory(tagline="Made with wonder herbs.")
    variant = VariantFactory(product=product, price=Decimal("549.00"))
    RestrictedPhrase.objects.create(phrase="wonder herbs", severity="block", reason="Hype.")
    client.force_login(catalog_manager)
    response = post_form(
        client, product_url(product), "product_form", **{"variants-0-price": "499.00"}
    )
    assert response.status_code == 302
    variant.refresh_from_db()
    assert variant.price == Decimal("499.00")


def test_a_first_publication_shows_the_whole_content_to_the_reviewer(
    client, content_editor, claims_reviewer
):
    """An article sent to review for the first time is shown whole on the review page."""
    article = ArticleFactory(
        status=PublicationStatus.DRAFT, published_at=None, summary="Everything is new."
    )
    client.force_login(content_editor)
    post_form(client, article_url(article), "article_form", status="in_review")
    client.force_login(claims_reviewer)
    page = client.get(review_url(pending(article))).content.decode()
    assert "to be published for the first time" in page
    assert "Everything is new." in page


def test_a_hindi_edit_in_the_admin_waits_for_review_then_reaches_the_hindi_page(
    client, content_editor, claims_reviewer
):
    """The Hindi fields sit beside the English ones; a content editor's Hindi change to a
    live article and its exercise (typed with the browser's CRLF line breaks) is a
    pending revision like an English one, and the Hindi page shows it once approved."""
    article = ArticleFactory(title_hi="पुराना शीर्षक")
    ExerciseFactory(article=article, name="Bridge")
    client.force_login(content_editor)
    form = client.get(article_url(article)).content.decode()
    assert 'name="title"' in form and 'name="title_hi"' in form
    assert 'name="exercises-0-name_hi"' in form
    response = post_form(
        client,
        article_url(article),
        "article_form",
        title_hi="नया शीर्षक",
        body_hi="## कमर के लिए\r\n\r\nहल्के व्यायाम करें।",
        **{"exercises-0-name_hi": "पुल मुद्रा (bridge)"},
    )
    assert response.status_code == 302, form_errors(response)
    revision = pending(article)
    assert {"title (Hindi)", "body (Hindi)"} <= set(revision.changed)
    hindi_page = f"/hi{article.get_absolute_url()}"
    assert "पुराना शीर्षक" in client.get(hindi_page).content.decode()

    client.force_login(claims_reviewer)
    assert client.post(review_url(revision), {"action": "approve"}).status_code == 302
    article.refresh_from_db()
    assert article.body_hi == "## कमर के लिए\n\nहल्के व्यायाम करें।"
    page = client.get(hindi_page).content.decode()
    assert "नया शीर्षक" in page and "<h2>कमर के लिए</h2>" in page
    assert "पुल मुद्रा (bridge)" in page


def test_a_blocked_hindi_phrase_is_refused_in_the_admin_keeping_what_was_typed(
    client, catalog_manager
):
    product = ProductFactory()
    client.force_login(catalog_manager)
    response = post_form(
        client, product_url(product), "product_form", tagline_hi="दर्द का पक्का इलाज"
    )
    assert response.status_code == 200
    assert "tagline (Hindi)" in form_errors(response)
    assert "दर्द का पक्का इलाज" in response.content.decode()
    assert pending(product) is None
