"""Every door to what shoppers read, tried by a non-reviewer on live content.

For each shopper-visible field of products, articles, use categories and product lines,
and of their child rows (packs, images, exercises, recommended products), through each
door that reaches it (the item's admin form, its inlines, the child's own admin page,
its delete page and bulk delete, every API endpoint): the live content is unchanged
until a claims reviewer approves the revision the change made, and approving it puts
exactly that change live.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleProduct, Exercise
from catalog.models import Product, ProductImage, ProductLine, UseCategory, Variant
from compliance import workflow
from core import snapshots
from tests import images
from tests.admin.forms import add_inline_row, form_data
from tests.factories import (
    ArticleFactory,
    ArticleProductFactory,
    ExerciseFactory,
    ProductFactory,
    ProductImageFactory,
    ProductLineFactory,
    UseCategoryFactory,
    VariantFactory,
)

pytestmark = pytest.mark.django_db


class World:
    """A live product (one pack, one image) recommended by a live article (one
    exercise), and other lines and uses to move them to."""

    def __init__(self):
        self.line = ProductLineFactory(name="Paincare", slug="paincare", description="The line.")
        self.other_line = ProductLineFactory(name="Calm line", slug="calm-line")
        self.use = UseCategoryFactory(name="Muscle & joint", slug="muscle-joint")
        self.other_use = UseCategoryFactory(name="Digestion", slug="digestion")
        self.product = ProductFactory(slug="drops", line=self.line, primary_use=self.use)
        self.variant = VariantFactory(product=self.product, sku="DROPS-30", pack_size="30 ml")
        self.image = ProductImageFactory(product=self.product, alt_text="Amber bottle", position=1)
        self.other_product = ProductFactory(
            slug="other-drops", line=self.line, primary_use=self.use
        )
        self.article = ArticleFactory(slug="backs", use_categories=[self.use])
        self.exercise = ExerciseFactory(article=self.article, name="Cat-cow", position=1)
        self.link = ArticleProductFactory(
            article=self.article, product=self.product, note="Helpful.", position=1
        )


@pytest.fixture
def world():
    return World()


def live(item):
    fresh = type(item).objects.get(pk=item.pk)
    return snapshots.capture(fresh, type(item).content_spec)


def approve_pending(item, reviewer):
    revision = workflow.pending_revision(type(item).objects.get(pk=item.pk))
    assert revision is not None, "the change made no revision"
    workflow.approve(revision=revision, user=reviewer, signed_off=True)


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


# --- The items' own fields, through their admin form and the API ----------------------------
ITEM_CHANGES = {
    # field: (form value, API value, expected snapshot value); callables take the world
    "product": {
        "name": ("Renamed drops", "Renamed drops", "Renamed drops"),
        "slug": ("renamed-drops", "renamed-drops", "renamed-drops"),
        "line": (lambda w: w.other_line.pk, lambda w: "calm-line", lambda w: w.other_line.pk),
        "primary_use": (None, None, None),  # with use_categories, below
        "use_categories": (
            lambda w: [w.use.pk, w.other_use.pk],
            lambda w: ["muscle-joint", "digestion"],
            lambda w: sorted([w.use.pk, w.other_use.pk]),
        ),
        "tagline": ("A new tagline.", "A new tagline.", "A new tagline."),
        "description": ("New **words**.", "New **words**.", "New **words**."),
        "key_ingredients": ("Ginger\r\nClove", "Ginger\nClove", "Ginger\nClove"),
        "directions": ("Ten drops.", "Ten drops.", "Ten drops."),
        "warnings": ("Adults only.", "Adults only.", "Adults only."),
        "disclaimer_override": ("Own words.", "Own words.", "Own words."),
        "age_restricted": ("on", True, True),
        "seo_title": ("SEO title", "SEO title", "SEO title"),
        "seo_description": ("SEO text", "SEO text", "SEO text"),
    },
    "article": {
        "title": ("New title", "New title", "New title"),
        "slug": ("new-slug", "new-slug", "new-slug"),
        "summary": ("New summary.", "New summary.", "New summary."),
        "body": ("New\r\n\r\nbody.", "New\n\nbody.", "New\n\nbody."),
        "hero_image": (images.upload, None, None),
        "hero_alt": ("A person stretching", None, "A person stretching"),
        "author": ("Another author", "Another author", "Another author"),
        "reviewer_name": ("Dr. Other", "Dr. Other", "Dr. Other"),
        "reviewer_credentials": ("MD", "MD", "MD"),
        "reviewed_on": (
            lambda w: str(timezone.localdate() - timedelta(days=2)),
            lambda w: str(timezone.localdate() - timedelta(days=2)),
            lambda w: str(timezone.localdate() - timedelta(days=2)),
        ),
        "next_review_due": (
            lambda w: str(timezone.localdate() + timedelta(days=100)),
            lambda w: str(timezone.localdate() + timedelta(days=100)),
            lambda w: str(timezone.localdate() + timedelta(days=100)),
        ),
        "use_categories": (
            lambda w: [w.use.pk, w.other_use.pk],
            lambda w: ["muscle-joint", "digestion"],
            lambda w: sorted([w.use.pk, w.other_use.pk]),
        ),
        "seo_title": ("SEO title", "SEO title", "SEO title"),
        "seo_description": ("SEO text", "SEO text", "SEO text"),
    },
    "usecategory": {
        "name": ("Muscles and joints", None, "Muscles and joints"),
        "slug": ("muscles-joints", None, "muscles-joints"),
        "short_intro": ("New intro.", None, "New intro."),
        "colour": ("rose", None, "rose"),
        "seo_title": ("SEO title", None, "SEO title"),
        "seo_description": ("SEO text", None, "SEO text"),
    },
    "productline": {
        "name": ("Paincare Plus", None, "Paincare Plus"),
        "slug": ("paincare-plus", None, "paincare-plus"),
        "description": ("A new line text.", None, "A new line text."),
    },
}
ROLES = {
    "product": "catalog_manager",
    "article": "content_editor",
    "usecategory": "catalog_manager",
    "productline": "catalog_manager",
}


def item_of(world, kind):
    return {
        "product": world.product,
        "article": world.article,
        "usecategory": world.use,
        "productline": world.line,
    }[kind]


def resolve(value, world):
    return value(world) if callable(value) and value is not images.upload else value


ITEM_CASES = [
    (kind, field)
    for kind, fields in ITEM_CHANGES.items()
    for field, (form_value, _, _) in fields.items()
    if field != "primary_use"
]


@pytest.mark.parametrize(("kind", "field"), ITEM_CASES, ids=lambda v: v)
def test_admin_form_change_waits_for_review(client, request, world, claims_reviewer, kind, field):
    """Through the item's admin form, a non-reviewer's change to this field leaves the
    live content as it was, and approving the revision puts exactly it live."""
    item = item_of(world, kind)
    client.force_login(request.getfixturevalue(ROLES[kind]))
    before = live(item)
    url = change_url(item)
    data = form_data(client.get(url), f"{item._meta.model_name}_form")
    form_value, _, expected = ITEM_CHANGES[kind][field]
    value = resolve(form_value, world)
    files = {}
    if value is images.upload:
        files[field] = images.upload(size=(300, 200))
        data["hero_alt"] = ["A person stretching"]
    elif field == "age_restricted":
        data[field] = ["on"]
    else:
        data[field] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    response = client.post(url, {**data, **files})
    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    assert live(item) == before
    approve_pending(item, claims_reviewer)
    after = live(item)
    stored = after["m2m" if field == "use_categories" else "fields"][field]
    if field == "hero_image":
        assert stored and stored != before["fields"][field]
    else:
        assert stored == resolve(expected, world)


API_CASES = [
    (kind, field)
    for kind, fields in ITEM_CHANGES.items()
    for field, (_, api_value, _) in fields.items()
    if api_value is not None
]


@pytest.mark.parametrize(("kind", "field"), API_CASES, ids=lambda v: v)
def test_api_change_waits_for_review(client_for, request, world, claims_reviewer, kind, field):
    """Through the API, a non-reviewer's change to this field answers 202, leaves the
    live content as it was, and approving the revision puts exactly it live."""
    item = item_of(world, kind)
    api = client_for(request.getfixturevalue(ROLES[kind]))
    before = live(item)
    _, api_value, expected = ITEM_CHANGES[kind][field]
    response = api.patch(
        f"/api/v1/{kind}s/{item.slug}/", {field: resolve(api_value, world)}, format="json"
    )
    assert response.status_code == 202, response.json()
    assert response.json()["status"] == "pending"
    assert live(item) == before
    public = client_for(claims_reviewer).get(f"/api/v1/{kind}s/{item.slug}/")
    assert public.status_code == 200
    approve_pending(item, claims_reviewer)
    stored = live(item)["m2m" if field == "use_categories" else "fields"][field]
    assert stored == resolve(expected, world)


def test_primary_use_change_waits_for_review(client, world, catalog_manager, claims_reviewer):
    """The product's primary use (with its uses) is reviewed content too."""
    client.force_login(catalog_manager)
    url = change_url(world.product)
    data = form_data(client.get(url), "product_form")
    data["primary_use"] = [str(world.other_use.pk)]
    data["use_categories"] = [str(world.use.pk), str(world.other_use.pk)]
    before = live(world.product)
    assert client.post(url, data).status_code == 302
    assert live(world.product) == before
    approve_pending(world.product, claims_reviewer)
    assert Product.objects.get(pk=world.product.pk).primary_use == world.other_use


# --- Child rows inline on the item's page ---------------------------------------------------
INLINES = {
    # prefix on the parent's page: (parent, row, {field: new value})
    "variants": ("product", "variant", {"pack_size": "50 ml"}),
    "images": ("product", "image", {"alt_text": "Brown bottle, back label"}),
    "exercises": (
        "article",
        "exercise",
        {
            "name": "Cat and cow",
            "instructions": "Breathe slowly.",
            "benefit": "Loosens the back.",
            "start_repetitions": "3",
            "target_repetitions": "12",
            "frequency": "twice a day",
            "safety_note": "Stop if it hurts.",
        },
    ),
    "product_links": ("article", "link", {"note": "Another note.", "product": None}),
}
INLINE_CASES = [(prefix, field) for prefix, (_, _, fields) in INLINES.items() for field in fields]


def inline_value(world, prefix, field):
    value = INLINES[prefix][2][field]
    if prefix == "product_links" and field == "product":
        return str(world.other_product.pk)
    return value


@pytest.mark.parametrize(("prefix", "field"), INLINE_CASES, ids=lambda v: v)
def test_inline_change_waits_for_review(client, request, world, claims_reviewer, prefix, field):
    """A change to this field of a row, made inline on the live item's page by a
    non-reviewer, waits for review; approval applies it."""
    parent_name, row_name, _ = INLINES[prefix]
    parent = getattr(world, parent_name)
    row = getattr(world, row_name)
    client.force_login(request.getfixturevalue(ROLES[parent_name]))
    before = live(parent)
    url = change_url(parent)
    data = form_data(client.get(url), f"{parent._meta.model_name}_form")
    data[f"{prefix}-0-{field}"] = [inline_value(world, prefix, field)]
    response = client.post(url, data)
    assert response.status_code == 302, response.context and [
        f.formset.errors for f in response.context["inline_admin_formsets"]
    ]
    assert live(parent) == before
    approve_pending(parent, claims_reviewer)
    fresh = type(row).objects.get(pk=row.pk)
    f = fresh._meta.get_field(field)
    assert str(getattr(fresh, f.attname)) == inline_value(world, prefix, field)


NEW_ROWS = {
    "variants": {
        "sku": "DROPS-50",
        "pack_size": "50 ml",
        "price": "699.00",
        "mrp": "749.00",
        "currency": "INR",
        "stock_quantity": "4",
        "availability": "in_stock",
    },
    "exercises": {"name": "Bridge", "instructions": "Lift the hips.", "frequency": "a day"},
    "product_links": {"product": None, "note": "Also good."},
}


@pytest.mark.parametrize("prefix", [*NEW_ROWS, "images"])
def test_inline_rows_added_or_removed_wait_for_review(
    client, request, world, claims_reviewer, prefix
):
    """Adding a row, and removing one, inline on a live item's page wait for review."""
    parent_name = INLINES[prefix][0]
    parent = getattr(world, parent_name)
    client.force_login(request.getfixturevalue(ROLES[parent_name]))
    before = live(parent)
    url = change_url(parent)
    data = form_data(client.get(url), f"{parent._meta.model_name}_form")
    data[f"{prefix}-0-DELETE"] = ["on"]
    files = {}
    if prefix == "images":
        index = int(data["images-TOTAL_FORMS"][0])
        add_inline_row(data, "images", alt_text="Side view")
        files[f"images-{index}-image"] = images.upload(size=(200, 200))
    else:
        values = dict(NEW_ROWS[prefix])
        if prefix == "product_links":
            values["product"] = world.other_product.pk
        add_inline_row(data, prefix, **values)
    assert client.post(url, {**data, **files}).status_code == 302
    assert live(parent) == before
    approve_pending(parent, claims_reviewer)
    rows = live(parent)["children"][prefix]
    assert len(rows) == 1 and rows[0]["id"] not in {r["id"] for r in before["children"][prefix]}


# --- Child rows on their own admin pages ----------------------------------------------------
CHILD_ADMIN = {
    # row: (admin form id, parent, {field: value})
    "variant": ("variant_form", "product", {"pack_size": "50 ml"}),
    "image": ("productimage_form", "product", {"alt_text": "Brown bottle"}),
    "exercise": ("exercise_form", "article", {"name": "Cat and cow", "safety_note": "Slowly."}),
    "link": ("articleproduct_form", "article", {"note": "Another note."}),
}
CHILD_ADMIN_CASES = [(row, f) for row, (_, _, fields) in CHILD_ADMIN.items() for f in fields]


@pytest.mark.parametrize(("row_name", "field"), CHILD_ADMIN_CASES, ids=lambda v: v)
def test_child_admin_page_change_waits_for_review(
    client, request, world, claims_reviewer, row_name, field
):
    """On the row's own admin page, a non-reviewer's change waits for review."""
    form_id, parent_name, fields = CHILD_ADMIN[row_name]
    row, parent = getattr(world, row_name), getattr(world, parent_name)
    client.force_login(request.getfixturevalue(ROLES[parent_name]))
    before = live(parent)
    url = change_url(row)
    data = form_data(client.get(url), form_id)
    data[field] = [fields[field]]
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    assert live(parent) == before
    approve_pending(parent, claims_reviewer)
    assert str(getattr(type(row).objects.get(pk=row.pk), field)) == fields[field]


@pytest.mark.parametrize("row_name", list(CHILD_ADMIN))
def test_child_delete_page_and_bulk_delete_wait_for_review(
    client, request, world, claims_reviewer, row_name
):
    """The row's delete page and the bulk delete action leave a live item's row in place
    until a reviewer approves the removal."""
    _, parent_name, _ = CHILD_ADMIN[row_name]
    row, parent = getattr(world, row_name), getattr(world, parent_name)
    client.force_login(request.getfixturevalue(ROLES[parent_name]))
    before = live(parent)
    opts = row._meta
    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[row.pk]),
        {"post": "yes"},
        follow=True,
    )
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "waiting for a claims reviewer" in messages and "successfully" not in messages
    client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )
    assert live(parent) == before
    approve_pending(parent, claims_reviewer)
    assert not type(row).objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("row_name", ["variant", "exercise", "link", "image"])
def test_child_add_page_waits_for_review(client, request, world, claims_reviewer, row_name):
    """Adding a row to a live item on the row's own add page waits for review."""
    form_id, parent_name, _ = CHILD_ADMIN[row_name]
    parent = getattr(world, parent_name)
    model = type(getattr(world, row_name))
    client.force_login(request.getfixturevalue(ROLES[parent_name]))
    before = live(parent)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    data = form_data(client.get(url), form_id)
    fk = "product" if parent_name == "product" else "article"
    data[fk] = [str(parent.pk)]
    files = {}
    if row_name == "variant":
        data.update({k: [v] for k, v in NEW_ROWS["variants"].items()})
    elif row_name == "exercise":
        data.update({k: [v] for k, v in NEW_ROWS["exercises"].items()})
    elif row_name == "link":
        data.update({"product": [str(world.other_product.pk)], "note": ["Also good."]})
    else:
        data.update({"alt_text": ["Side view"], "position": ["5"]})
        files["image"] = images.upload(size=(200, 200))
    response = client.post(url, {**data, **files})
    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    assert live(parent) == before
    count = model.objects.count()
    approve_pending(parent, claims_reviewer)
    assert model.objects.count() == count + 1


# --- Child rows through the API --------------------------------------------------------------
CHILD_API = {
    # row: (endpoint, lookup, parent, {field: value})
    "variant": ("variants", "sku", "product", {"pack_size": "50 ml"}),
    "exercise": ("exercises", "pk", "article", {"name": "Cat and cow", "benefit": "Eases."}),
    "link": ("article-products", "pk", "article", {"note": "Another note."}),
}
CHILD_API_CASES = [(row, f) for row, (_, _, _, fields) in CHILD_API.items() for f in fields]


@pytest.mark.parametrize(("row_name", "field"), CHILD_API_CASES, ids=lambda v: v)
def test_child_endpoint_change_waits_for_review(
    client_for, request, world, claims_reviewer, row_name, field
):
    """PATCH on a row of a live item answers 202 and changes nothing live."""
    endpoint, lookup, parent_name, fields = CHILD_API[row_name]
    row, parent = getattr(world, row_name), getattr(world, parent_name)
    api = client_for(request.getfixturevalue(ROLES[parent_name]))
    before = live(parent)
    response = api.patch(
        f"/api/v1/{endpoint}/{getattr(row, lookup)}/", {field: fields[field]}, format="json"
    )
    assert response.status_code == 202, response.json()
    assert live(parent) == before
    approve_pending(parent, claims_reviewer)
    assert str(getattr(type(row).objects.get(pk=row.pk), field)) == str(fields[field])


@pytest.mark.parametrize("row_name", list(CHILD_API))
def test_child_endpoint_add_and_delete_wait_for_review(client_for, request, world, row_name):
    """POST and DELETE on rows of a live item answer 202 and change nothing live."""
    endpoint, lookup, parent_name, _ = CHILD_API[row_name]
    row, parent = getattr(world, row_name), getattr(world, parent_name)
    api = client_for(request.getfixturevalue(ROLES[parent_name]))
    before = live(parent)
    payload = {
        "variant": {
            "product": "drops",
            "sku": "DROPS-50",
            "pack_size": "50 ml",
            "price": "699.00",
            "mrp": "749.00",
            "stock_quantity": 4,
        },
        "exercise": {
            "article": "backs",
            "name": "Bridge",
            "instructions": "Lift.",
            "frequency": "a day",
        },
        "link": {"article": "backs", "product": "other-drops", "note": "Also."},
    }[row_name]
    assert api.post(f"/api/v1/{endpoint}/", payload, format="json").status_code == 202
    assert api.delete(f"/api/v1/{endpoint}/{getattr(row, lookup)}/").status_code == 202
    assert live(parent) == before


def test_image_upload_to_a_live_product_waits_for_review(
    client_for, world, catalog_manager, claims_reviewer
):
    """An image uploaded through the API to a live product waits for review (202)."""
    before = live(world.product)
    response = client_for(catalog_manager).post(
        "/api/v1/products/drops/images/",
        {"image": images.upload(size=(300, 300)), "alt_text": "Side view"},
        format="multipart",
    )
    assert response.status_code == 202, response.json()
    assert live(world.product) == before
    approve_pending(world.product, claims_reviewer)
    added = ProductImage.objects.get(product=world.product, alt_text="Side view")
    assert added.renditions and added.position > world.image.position


# --- Side doors of the article links on the product's page ------------------------------------
def test_article_links_on_the_products_page_go_through_the_articles_workflow(
    client, world, make_staff, claims_reviewer
):
    """The "articles recommending this product" inline changes the live article only
    through a revision of that article."""
    from django.contrib.auth.models import Group, Permission

    staff = make_staff("Catalog managers", username="linker")
    extra = Group.objects.create(name="Link editors")
    extra.permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "change_articleproduct",
                "add_articleproduct",
                "delete_articleproduct",
                "view_articleproduct",
            ]
        )
    )
    staff.groups.add(extra)
    client.force_login(staff)
    before = live(world.article)
    url = change_url(world.product)
    data = form_data(client.get(url), "product_form")
    prefix = next(k for k in data if k.endswith("-0-note")).rsplit("-0-", 1)[0]
    data[f"{prefix}-0-note"] = ["Changed from the product page."]
    assert client.post(url, data).status_code == 302
    assert live(world.article) == before
    approve_pending(world.article, claims_reviewer)
    assert ArticleProduct.objects.get(pk=world.link.pk).note == "Changed from the product page."


@pytest.mark.parametrize("door", ["admin", "api"])
def test_reordering_recommendations_waits_for_review(
    client, client_for, world, content_editor, claims_reviewer, door
):
    """Moving a recommended product up, on the link's own page or through the API, is a
    change to the article's order: it waits for review."""
    ArticleProduct.objects.filter(pk=world.link.pk).update(position=2)
    second = ArticleProductFactory(article=world.article, product=world.other_product, position=3)
    before = live(world.article)
    if door == "admin":
        client.force_login(content_editor)
        url = change_url(second)
        data = form_data(client.get(url), "articleproduct_form")
        data["position"] = ["1"]
        assert client.post(url, data).status_code == 302
    else:
        response = client_for(content_editor).patch(
            f"/api/v1/article-products/{second.pk}/", {"position": 1}, format="json"
        )
        assert response.status_code == 202
    assert live(world.article) == before
    approve_pending(world.article, claims_reviewer)
    order = list(world.article.product_links.values_list("pk", flat=True))
    assert order == [second.pk, world.link.pk]


# --- Use categories and lines: adding and deleting ------------------------------------------
def test_adding_a_use_category_is_for_reviewers(client, catalog_manager, claims_reviewer):
    """A use category is shown at once, so a catalog manager cannot add one."""
    client.force_login(catalog_manager)
    url = reverse("admin:catalog_usecategory_add")
    data = form_data(client.get(url), "usecategory_form")
    data.update({"name": ["Sleep"], "slug": ["sleep"], "colour": ["teal"]})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "only a claims reviewer can add one" in response.content.decode()
    assert not UseCategory.objects.filter(slug="sleep").exists()


def test_a_claims_reviewer_adds_a_use_category(client, claims_reviewer):
    """A claims reviewer adds a use category; it is approved as it is created."""
    client.force_login(claims_reviewer)
    url = reverse("admin:catalog_usecategory_add")
    data = form_data(client.get(url), "usecategory_form")
    data.update({"name": ["Sleep"], "slug": ["sleep"], "colour": ["teal"]})
    assert client.post(url, data).status_code == 302
    use = UseCategory.objects.get(slug="sleep")
    assert use.approved_by == claims_reviewer


def test_a_use_category_shown_with_live_products_cannot_be_deleted(client, world, catalog_manager):
    """Deleting a use category would change live pages: refused, with what to do."""
    client.force_login(catalog_manager)
    url = reverse("admin:catalog_usecategory_delete", args=[world.use.pk])
    assert "move those to another one first" in client.get(url).content.decode()
    client.post(url, {"post": "yes"})
    assert UseCategory.objects.filter(pk=world.use.pk).exists()


def test_a_product_line_change_is_reviewed(client, world, catalog_manager):
    """A product line's name, read through the API, is reviewed content."""
    client.force_login(catalog_manager)
    url = change_url(world.line)
    data = form_data(client.get(url), "productline_form")
    data["name"] = ["Cures Everything Line"]
    response = client.post(url, data)
    assert response.status_code == 200  # a blocked phrase is refused outright
    data["name"] = ["Paincare Plus"]
    assert client.post(url, data).status_code == 302
    assert ProductLine.objects.get(pk=world.line.pk).name == "Paincare"


# --- Commerce is not a claim -----------------------------------------------------------------
def test_variants_page_changes_prices_and_stock_at_once(client, world, catalog_manager):
    """The variants list (editable price, stock, availability) changes them at once."""
    client.force_login(catalog_manager)
    url = reverse("admin:catalog_variant_changelist")
    data = form_data(client.get(url), "changelist-form")
    data["form-0-price"] = ["612.00"]
    data["form-0-stock_quantity"] = ["7"]
    data["_save"] = ["Save"]
    assert client.post(url, data).status_code == 302
    variant = Variant.objects.get(pk=world.variant.pk)
    assert (str(variant.price), variant.stock_quantity) == ("612.00", 7)
    assert workflow.pending_revision(world.product) is None


def test_api_price_change_goes_live_at_once(client_for, world, catalog_manager):
    """PATCH of a variant's price is applied at once (200), with no revision."""
    response = client_for(catalog_manager).patch(
        "/api/v1/variants/DROPS-30/", {"price": "575.00", "stock_quantity": 2}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert str(Variant.objects.get(pk=world.variant.pk).price) == "575.00"
    assert workflow.pending_revision(world.product) is None


def test_nothing_changed_through_exercises_of_a_draft_waits(client_for, content_editor):
    """On a draft article, child endpoints change the rows at once."""
    article = ArticleFactory(slug="draft", status="draft", published_at=None)
    api = client_for(content_editor)
    response = api.post(
        "/api/v1/exercises/",
        {"article": "draft", "name": "Bridge", "instructions": "Lift.", "frequency": "a day"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    exercise = Exercise.objects.get(article=article)
    assert (
        api.patch(
            f"/api/v1/exercises/{exercise.pk}/", {"name": "Glute bridge"}, format="json"
        ).status_code
        == 200
    )
    assert api.delete(f"/api/v1/exercises/{exercise.pk}/").status_code == 204
    assert not Article.objects.get(pk=article.pk).exercises.exists()


def test_the_same_product_recommended_twice_is_refused_before_review(
    client_for, world, content_editor
):
    """Proposing a second link to a product the article already recommends is a 400 at
    once, not a surprise when the reviewer approves."""
    response = client_for(content_editor).post(
        "/api/v1/article-products/",
        {"article": "backs", "product": "drops", "note": "Again."},
        format="json",
    )
    assert response.status_code == 400
    assert workflow.pending_revision(world.article) is None


def test_approving_a_revision_naming_a_deleted_use_is_refused_clearly(
    world, catalog_manager, claims_reviewer
):
    """A revision that names a use category deleted since is refused with a message, and
    nothing goes live."""
    spare = UseCategoryFactory(slug="spare")
    content, _ = workflow.current_content(world.product)
    content["m2m"]["use_categories"] = [world.use.pk, spare.pk]
    revision = workflow.submit(item=world.product, user=catalog_manager, content=content).revision
    spare.delete()
    before = live(world.product)
    with pytest.raises(ValidationError, match="no longer exist"):
        workflow.approve(revision=revision, user=claims_reviewer)
    assert live(world.product) == before
