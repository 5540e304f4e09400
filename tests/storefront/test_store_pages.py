"""Store pages (shipping, returns, payment, contact, grievance officer, privacy,
terms): reviewed shopper text, linked from every footer and the Buy area, in the sitemap."""

import pytest
from django.urls import reverse

from compliance import workflow
from compliance.models import PublicationStatus, SiteSettings
from storefront.models import StorePage
from tests.admin.forms import post_form

pytestmark = pytest.mark.django_db

KINDS = ["shipping", "returns", "payment", "contact", "grievance-officer", "privacy", "terms"]


@pytest.mark.parametrize("page", ["/", "/articles/", "/products/acne-free-face-drops/", "/search/"])
def test_every_page_links_the_store_pages_in_its_footer(client, demo, page):
    html = client.get(page).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for slug in KINDS:
        assert f'href="/pages/{slug}/"' in footer, slug


def test_the_buy_area_links_shipping_returns_and_payment(client, demo):
    html = client.get("/products/acne-free-face-drops/").content.decode()
    assert (
        '<ul class="buy-terms"><li><a href="/pages/shipping/">Shipping</a></li>'
        '<li><a href="/pages/returns/">Returns and refunds</a></li>'
        '<li><a href="/pages/payment/">Payment</a></li></ul>'
    ) in html
    assert html.index("buy-terms") < html.index("About these drops")


def test_the_grievance_page_names_the_officer_and_the_time_limits(client, demo):
    html = client.get("/pages/grievance-officer/").content.decode()
    for text in [
        "<dt>Name</dt><dd>A. Example (demo)</dd>",
        "<dt>Designation</dt><dd>Grievance Officer</dd>",
        '<a href="mailto:grievance@example.com">grievance@example.com</a>',
        "acknowledge a complaint within 48 hours and resolve it within 30 days",
    ]:
        assert text in html, text


def test_the_contact_page_gives_consumer_care_and_the_seller(client, demo):
    html = client.get("/pages/contact/").content.decode()
    assert "+91 80 0000 0000 (Monday to Saturday, 10:00 to 18:00 IST (demo))" in html
    assert "<dt>Seller</dt><dd>Demo Herbal Laboratories Pvt. Ltd. (demo)" in html


def test_the_grievance_time_limits_stay_within_the_rules(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:compliance_sitesettings_change", args=[1])
    response = post_form(client, url, "sitesettings_form", grievance_acknowledge_hours="72")
    assert response.status_code == 200
    assert SiteSettings.objects.get().grievance_acknowledge_hours == 48


def test_a_draft_page_is_not_public_and_leaves_the_footer(client, demo):
    StorePage.objects.filter(kind="privacy").update(status=PublicationStatus.DRAFT)
    assert client.get("/pages/privacy/").status_code == 404
    assert 'href="/pages/privacy/"' not in client.get("/").content.decode()
    assert "/pages/privacy/" not in client.get("/sitemap.xml").content.decode()


def test_an_editors_change_to_a_live_page_waits_for_review(client, demo, content_editor):
    page = StorePage.objects.get(kind="returns")
    client.force_login(content_editor)
    url = reverse("admin:storefront_storepage_change", args=[page.pk])
    response = post_form(client, url, "storepage_form", summary="Return within 30 days.")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.summary != "Return within 30 days."
    assert workflow.pending_revision(page).content["fields"]["summary"] == "Return within 30 days."
    assert "Return within 30 days." not in client.get("/pages/returns/").content.decode()


def test_an_editor_cannot_publish_a_store_page(client, content_editor):
    client.force_login(content_editor)
    response = client.post(
        reverse("admin:storefront_storepage_add"),
        {
            "kind": "shipping",
            "title": "Shipping",
            "slug": "shipping",
            "summary": "How we ship.",
            "body": "We ship.\r\n\r\nFast.",
            "status": "published",
        },
    )
    assert response.status_code == 200
    assert "Only a claims reviewer can publish" in response.content.decode()
    assert not StorePage.objects.exists()


def test_a_blocked_claim_is_refused_on_a_store_page(client, claims_reviewer):
    client.force_login(claims_reviewer)
    from django.contrib.auth.models import Permission

    claims_reviewer.user_permissions.add(Permission.objects.get(codename="add_storepage"))
    response = client.post(
        reverse("admin:storefront_storepage_add"),
        {
            "kind": "terms",
            "title": "Terms",
            "slug": "terms",
            "summary": "Our drops cure back pain.",
            "body": "Terms.",
            "status": "draft",
        },
    )
    assert response.status_code == 200
    assert "cure" in response.content.decode()
    assert not StorePage.objects.exists()


def test_a_live_store_page_cannot_be_deleted_by_its_page_or_the_bulk_action(
    client, demo, content_editor
):
    """Editors may delete a draft store page, not a live one: neither from its delete
    page nor with "delete selected" on the list (the grievance page is a legal duty)."""
    page = StorePage.objects.get(kind="grievance")
    client.force_login(content_editor)
    response = client.post(
        reverse("admin:storefront_storepage_delete", args=[page.pk]), {"post": "yes"}
    )
    assert response.status_code in (200, 403)
    assert StorePage.objects.filter(pk=page.pk).exists()
    response = client.post(
        reverse("admin:storefront_storepage_changelist"),
        {"action": "delete_selected", "_selected_action": [page.pk], "post": "yes"},
    )
    assert StorePage.objects.filter(pk=page.pk).exists()
    draft = StorePage.objects.get(kind="privacy")
    StorePage.objects.filter(pk=draft.pk).update(status=PublicationStatus.DRAFT)
    response = client.post(
        reverse("admin:storefront_storepage_delete", args=[draft.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not StorePage.objects.filter(pk=draft.pk).exists()
