import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from compliance.disclaimers import disclaimer_for, notices_for
from compliance.models import SiteSettings
from tests.admin.forms import form_data
from tests.factories import ArticleFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_site_wide_disclaimer_is_seeded_and_editable(
    admin_client, django_capture_on_commit_callbacks
):
    """Staff edit the site-wide disclaimer in Site settings and it applies once saved."""
    product = ProductFactory()
    assert "not intended to diagnose, treat, cure or prevent" in disclaimer_for(product)
    url = reverse("admin:compliance_sitesettings_change", args=[1])
    data = form_data(admin_client.get(url), "sitesettings_form")
    data["disclaimer"] = ["New site-wide disclaimer."]
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    assert disclaimer_for(product) == "New site-wide disclaimer."
    assert disclaimer_for(None) == "New site-wide disclaimer."


def test_product_can_carry_its_own_disclaimer():
    """A product's own disclaimer replaces the site-wide one for that product only."""
    own = ProductFactory(disclaimer_override="Ask your doctor before use with blood thinners.")
    other = ProductFactory()
    assert disclaimer_for(own) == "Ask your doctor before use with blood thinners."
    assert disclaimer_for(other) == SiteSettings.objects.get().disclaimer


def test_age_restricted_products_carry_the_18_plus_notice(demo):
    """The CBD drops are age-restricted and carry the 18+ notice; the others do not."""
    from catalog.models import Product

    cbd = Product.objects.get(slug="muscle-pain-ayurvedic-cbd-drops")
    assert cbd.age_restricted
    [notice] = notices_for(cbd)
    assert "18 and over" in notice and "prohibited" in notice
    assert notices_for(Product.objects.get(slug="acne-free-face-drops")) == []


def test_site_settings_is_a_single_row(admin_client):
    """Site settings cannot be added twice or deleted."""
    assert admin_client.get(reverse("admin:compliance_sitesettings_add")).status_code == 403
    response = admin_client.get(reverse("admin:compliance_sitesettings_changelist"))
    assert response.status_code == 302
    assert response.url.endswith("/compliance/sitesettings/1/change/")


def test_review_overdue_lists_articles_past_their_date(capsys):
    """review_overdue names each overdue article and, with --fail, exits 1."""
    from datetime import date

    ArticleFactory(
        title="Old advice", reviewed_on=date(2024, 1, 1), next_review_due=date(2025, 1, 1)
    )
    ArticleFactory(title="Fresh advice")
    call_command("review_overdue")
    out = capsys.readouterr().out
    assert "Old advice" in out and "Fresh advice" not in out
    assert "1 article(s) overdue" in out
    with pytest.raises(CommandError):
        call_command("review_overdue", "--fail")
