import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db


def registered_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


def make_a_pending_change(reviewer):
    """The review queue lists revisions: an editor's change to the live article makes one."""
    from django.contrib.auth.models import Group, User

    from articles.models import Article
    from compliance import workflow

    editor = User.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    article = Article.objects.get()
    content, _ = workflow.current_content(article)
    content["fields"]["summary"] = "A summary waiting for review."
    workflow.submit(item=article, user=editor, content=content)


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_every_admin_page_answers_for_a_superuser(admin_client, admin_user, demo, model):
    """Every registered model's changelist, add, change and history page returns 200."""
    from rest_framework.authtoken.models import Token

    Token.objects.get_or_create(user=admin_user)
    if model._meta.label == "compliance.Revision":
        make_a_pending_change(admin_user)
    opts = model._meta
    base = f"admin:{opts.app_label}_{opts.model_name}"
    obj = model._default_manager.order_by("pk").first()
    if opts.app_label in {"catalog", "articles", "compliance"}:
        assert obj is not None, f"the demo data has no {opts.verbose_name}"
    request = RequestFactory().get("/")
    request.user = admin_user
    can_add = admin.site._registry[model].has_add_permission(request)  # not for singletons
    urls = [
        reverse(f"{base}_changelist"),
        *([reverse(f"{base}_add")] if can_add else []),
        # Other apps' logs (sign-in attempts) may be empty: their lists are still walked.
        *(
            [reverse(f"{base}_change", args=[obj.pk]), reverse(f"{base}_history", args=[obj.pk])]
            if obj is not None
            else []
        ),
    ]
    for url in urls:
        response = admin_client.get(url, follow=True)  # a singleton's list leads to its row
        assert response.status_code == 200, url


def test_changelists_search_and_filter(admin_client, demo):
    """Search and filters on the busiest changelists answer without error."""
    checks = [
        ("admin:catalog_product_changelist", {"q": "drops", "status__exact": "published"}),
        ("admin:catalog_variant_changelist", {"q": "DEMO", "availability__exact": "in_stock"}),
        ("admin:articles_article_changelist", {"q": "spasm", "review": "overdue"}),
        ("admin:articles_article_changelist", {"review": "current"}),
        ("admin:articles_articleproduct_changelist", {"q": "relief"}),
    ]
    for name, params in checks:
        assert admin_client.get(reverse(name), params).status_code == 200


def test_product_autocomplete_finds_products_for_article_links(admin_client, demo):
    """The product picker on an article's links autocompletes by name."""
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "acne",
            "app_label": "articles",
            "model_name": "articleproduct",
            "field_name": "product",
        },
    )
    assert response.status_code == 200
    names = [item["text"] for item in response.json()["results"]]
    assert names == ["Paincare Drops for Acne-Free Face"]


def test_view_on_site_links_to_the_storefront(admin_client, demo):
    """The product change page's "View on site" leads to the product's storefront page."""
    from django.contrib.contenttypes.models import ContentType

    from catalog.models import Product

    product = Product.objects.get(slug="acne-free-face-drops")
    response = admin_client.get(reverse("admin:catalog_product_change", args=[product.pk]))
    assert b"View on site" in response.content
    content_type = ContentType.objects.get_for_model(Product)
    shortcut = admin_client.get(reverse("admin:view_on_site", args=[content_type.pk, product.pk]))
    assert shortcut.status_code == 302
    assert shortcut.url.endswith("/products/acne-free-face-drops/")
