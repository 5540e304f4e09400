"""The publishing workflow through the real admin in Chromium, one role at a time: staff
log in through the login form, edit live items, and a claims reviewer approves from the
review queue; the storefront, opened by an anonymous shopper, shows only approved text."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations import RunPython
from django.db.migrations.loader import MigrationLoader

from articles.models import Article
from catalog.models import Product
from compliance import workflow
from compliance.models import Revision
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
DESKTOP, PHONE = 1280, 390
PRODUCT_SLUG = "muscle-pain-ayurvedic-cbd-drops"
ARTICLE_SLUG = "lower-back-spasms-exercises"
QUEUE = "/admin/compliance/revision/"
WATCH_CSP = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || document.location.href}:${e.lineNumber}`);
});
"""


# The data migrations that make the staff roles (groups and their permissions), the
# restricted phrase list and the site settings, in the order they run.
DATA_MIGRATIONS = [
    ("articles", "0002_staff_roles"),
    ("compliance", "0002_seed_phrases_settings_and_permissions"),
    ("compliance", "0003_review_phrase_list"),
    ("compliance", "0005_review_permissions"),
]


@pytest.fixture(autouse=True)
def _migrated_data(transactional_db):
    """A live-server test ends by emptying every table, which takes the rows data
    migrations made (staff roles, phrase list, site settings) from the tests after it.
    ``serialized_rollback`` cannot restore them here: with playwright's event loop running
    in this thread, asgiref hands the test another connection object than the one Django
    serialised the database on. So they are made again, by those migrations' own code."""
    if Group.objects.filter(name="Claims reviewers").exists():
        return
    loader = MigrationLoader(connection)
    apps = loader.project_state().apps
    for key in DATA_MIGRATIONS:
        for operation in loader.graph.nodes[key].operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)


class Watched:
    """What went wrong in one browser context: console errors (among them the browser's
    own CSP reports and every failed load, a server error included), CSP violation
    events and uncaught exceptions."""

    def __init__(self, context, problems: list[str]):
        self.problems = problems
        context.add_init_script(WATCH_CSP)
        context.on("console", self.console)
        context.on("weberror", lambda error: self.problems.append(f"uncaught: {error.error}"))

    def console(self, message):
        url = message.location.get("url", "")
        if message.type == "error" and not url.endswith("/favicon.ico"):
            self.problems.append(f"console: {message.text} ({url})")


@pytest.fixture
def problems():
    """Everything the watched pages of a test reported; each test asserts it is empty."""
    return []


@pytest.fixture
def watched_page(open_page, problems):
    """``watched_page(width)``: a page of a new browser context, its errors collected."""

    def make(width: int):
        page = open_page(width)
        Watched(page.context, problems)
        return page

    return make


@pytest.fixture
def admin_as(site, watched_page):
    """``admin_as(user, url)``: a desktop page of a new browser context opening ``url``
    in the admin, which sends it to the login form; ``user`` logs in there and lands on
    ``url``."""

    def log_in(user, url: str):
        page = watched_page(DESKTOP)
        page.goto(url)
        assert "/admin/login/" in page.url
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation(url=url):
            page.locator('input[type="submit"]').click()
        return page

    return log_in


@pytest.fixture
def shopper(site, watched_page):
    """``shopper(path)``: a new page opening the storefront at ``path`` on a phone, in a
    browser context that never logs in."""
    context = watched_page(PHONE).context

    def visit(path: str):
        page = context.new_page()
        page.goto(site + path)
        return page

    return visit


def change_url(site, item) -> str:
    opts = item._meta
    return f"{site}/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"


def changelist(item) -> re.Pattern:
    opts = item._meta
    return re.compile(rf"/admin/{opts.app_label}/{opts.model_name}/(\?.*)?$")


def save(page, item, button: str = "_save") -> None:
    """Press "Save" (back to the list) or "Save and continue editing" (``_continue``)."""
    with page.expect_navigation():
        page.locator(f'input[name="{button}"]').click()
    if button == "_save":
        errors = page.locator(".errornote, .errorlist").all_inner_texts()
        assert changelist(item).search(page.url), errors


def messages(page, level: str) -> list[str]:
    return page.locator(f"ul.messagelist li.{level}").all_inner_texts()


def words(text: str) -> str:
    return " ".join(text.split())


def pending(item) -> Revision | None:
    return workflow.pending_revision(type(item).objects.get(pk=item.pk))


def open_review(page, item, author) -> None:
    """In the review queue, find the waiting revision of ``item`` (listed with its
    author's user name) and open it."""
    assert page.locator("#changelist-filter li.selected").first.inner_text() == "Waiting for review"
    row = page.locator("#result_list tbody tr", has_text=str(item))
    assert row.count() == 1
    assert author.username in row.inner_text()
    row.get_by_role("link", name=str(item)).first.click()
    page.wait_for_url(re.compile(r"/admin/compliance/revision/\d+/change/$"))


def approve(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Approve and publish").click()


def test_catalog_manager_prices_go_live_at_once_and_text_waits_for_review(
    site, admin_as, shopper, problems, catalog_manager
):
    """A catalog manager changes the first pack's price and stock of a live product: the
    shop shows the new price at once. A tagline change waits for a claims reviewer, and
    the shop keeps the approved tagline."""
    product = Product.objects.get(slug=PRODUCT_SLUG)
    variant = product.variants.order_by("position").first()
    old_tagline = product.tagline
    page = admin_as(catalog_manager, change_url(site, product))
    assert page.locator('input[name="variants-0-sku"]').input_value() == variant.sku
    page.fill('input[name="variants-0-price"]', "1349.00")
    page.fill('input[name="variants-0-stock_quantity"]', "7")
    save(page, product, "_continue")
    assert any("was changed successfully" in m for m in messages(page, "success"))
    assert messages(page, "warning") == []
    variant.refresh_from_db()
    assert (variant.price, variant.stock_quantity) == (Decimal("1349.00"), 7)
    assert pending(product) is None
    prices = shopper(product.get_absolute_url()).locator(".variants__price").all_inner_texts()
    assert prices[0].splitlines()[0].endswith("₹1,349")  # then its MRP

    page.fill("#id_tagline", "Ayurvedic CBD oil drops for stiff, tired muscles.")
    save(page, product, "_continue")
    [waiting] = messages(page, "warning")
    assert "are waiting for a claims reviewer" in waiting
    assert page.locator("#id_tagline").input_value().endswith("stiff, tired muscles.")
    screenshot(page, "admin-pending")
    shop = shopper(product.get_absolute_url())
    assert shop.locator(".product__tagline").inner_text() == old_tagline
    assert shop.locator(".variants__price").first.inner_text().splitlines()[0].endswith("₹1,349")
    assert pending(product).changed == ["tagline"]
    assert problems == []


def test_content_editor_change_waits_and_the_reviewer_approves_it(
    site, admin_as, shopper, problems, content_editor, claims_reviewer
):
    """A content editor changes a live article's summary and an exercise's safety note;
    the article page keeps the approved text while the editor's form continues from the
    waiting changes. A claims reviewer finds them in the queue, reads the diff and
    approves: the article page shows both."""
    article = Article.objects.get(slug=ARTICLE_SLUG)
    old_summary = article.summary
    old_note = article.exercises.order_by("position").first().safety_note
    new_summary = (
        "Back spasms are common and rarely serious.\nLearn what sets them off, and five gentle "
        "exercises that loosen and strengthen your lower back."
    )
    new_note = "Pull gently and slowly; you should feel a stretch, not pain."
    editor = admin_as(content_editor, change_url(site, article))
    editor.fill("#id_summary", new_summary)
    editor.fill('[name="exercises-0-safety_note"]', new_note)
    save(editor, article)
    [waiting] = messages(editor, "warning")
    assert "are waiting for a claims reviewer" in waiting
    assert messages(editor, "success") == []
    revision = pending(article)
    assert revision.created_by == content_editor
    assert revision.changed == ["summary", "exercise “Knee-to-chest stretch”: safety note"]
    assert revision.content["fields"]["summary"] == new_summary  # sent with CRLF
    shop = shopper(article.get_absolute_url())
    assert shop.locator(".article__summary").inner_text() == old_summary
    assert old_note in shop.locator(".step__safety").first.inner_text()

    editor.goto(change_url(site, article))
    assert editor.locator("#id_summary").input_value() == new_summary
    assert editor.locator('[name="exercises-0-safety_note"]').input_value() == new_note
    assert "waiting for review" in editor.locator(".field-review_state").inner_text()

    reviewer = admin_as(claims_reviewer, site + QUEUE)
    open_review(reviewer, article, content_editor)
    inserted = " ".join(reviewer.locator(".review-diff ins").all_inner_texts())
    assert "Learn" in inserted and "gentle" in inserted and "slowly" in inserted
    assert reviewer.locator(".review-diff del").count() > 0
    screenshot(reviewer, "admin-review")
    approve(reviewer)
    assert reviewer.url == site + QUEUE
    assert any("is live as reviewed" in m for m in messages(reviewer, "success"))
    shop = shopper(article.get_absolute_url())
    assert words(shop.locator(".article__summary").inner_text()) == words(new_summary)
    assert new_note in shop.locator(".step__safety").first.inner_text()
    assert Article.objects.get(pk=article.pk).summary == new_summary
    assert problems == []


def test_an_edit_after_the_reviewer_opened_it_makes_that_approval_stale(
    site, admin_as, shopper, problems, content_editor, claims_reviewer
):
    """The reviewer opens a waiting change; the editor then saves another; approving the
    page the reviewer has open is refused and nothing goes live. The reviewer approves
    the newest one from the queue instead, and that one goes live."""
    article = Article.objects.get(slug=ARTICLE_SLUG)
    old_summary = article.summary
    first, second = "Back spasms are common: first rewording.", "Back spasms are common."
    editor = admin_as(content_editor, change_url(site, article))
    editor.fill("#id_summary", first)
    save(editor, article)
    reviewer = admin_as(claims_reviewer, site + QUEUE)
    open_review(reviewer, article, content_editor)
    review_page = reviewer.url
    assert "first rewording" in " ".join(reviewer.locator(".review-diff ins").all_inner_texts())

    editor.goto(change_url(site, article))
    assert editor.locator("#id_summary").input_value() == first
    editor.fill("#id_summary", second)
    save(editor, article)
    newest = pending(article)
    assert newest.content["fields"]["summary"] == second

    approve(reviewer)
    assert reviewer.url == review_page
    refusal = reviewer.locator(".errornote").first.inner_text()
    assert f"A newer revision (#{newest.pk}, by {content_editor.username})" in refusal
    assert reviewer.get_by_role("button", name="Approve and publish").count() == 0
    summary = shopper(article.get_absolute_url()).locator(".article__summary").inner_text()
    assert summary == old_summary

    reviewer.goto(site + QUEUE)
    open_review(reviewer, article, content_editor)
    assert reviewer.url.endswith(f"/{newest.pk}/change/")
    approve(reviewer)
    assert any("is live as reviewed" in m for m in messages(reviewer, "success"))
    summary = shopper(article.get_absolute_url()).locator(".article__summary").inner_text()
    assert summary == second
    # The refusal is a 400 answer by design, which the browser logs as a failed load.
    assert [p for p in problems if not ("status of 400" in p and review_page in p)] == []


def test_an_unchanged_save_of_a_live_article_and_product_is_accepted(
    site, admin_as, problems, content_editor, catalog_manager
):
    """A content editor opens the live article, and a catalog manager the live product,
    and each presses Save without changing anything: the browser posts every textarea
    with CRLF line breaks, and the save is accepted as it is, with nothing sent for
    review."""
    items = [
        (Article.objects.get(slug=ARTICLE_SLUG), content_editor, "#id_body"),
        (Product.objects.get(slug=PRODUCT_SLUG), catalog_manager, "#id_description"),
    ]
    for item, user, textarea in items:
        page = admin_as(user, change_url(site, item))
        assert "\n" in page.locator(textarea).input_value()
        save(page, item)
        assert any("was changed successfully" in m for m in messages(page, "success"))
        assert messages(page, "warning") == [] and messages(page, "error") == []
        assert not Revision.objects.filter(status=Revision.Status.PENDING).exists()
        assert type(item).objects.get(pk=item.pk).content_version == item.content_version
    assert problems == []
