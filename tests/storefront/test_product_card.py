"""The product card every listing prints (home, use pages, search, an article's picks)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.html import escape

from catalog.models import Product
from tests.factories import ProductFactory, UseCategoryFactory

pytestmark = pytest.mark.django_db


def card(product, **extra) -> str:
    template = Template(
        "{% load storefront %}{% product_card product note=note level=level %}"
        if extra
        else "{% load storefront %}{% product_card product %}"
    )
    listed = Product.objects.for_listing().get(pk=product.pk)
    return template.render(Context({"product": listed, "currency": "INR", **extra}))


def test_a_card_names_links_prices_and_shows_the_first_image(demo):
    product = Product.objects.get(slug="muscle-joint-pain-drops")
    html = card(product)
    assert html.startswith(f'<article class="card product-card c-{product.primary_use.colour}">')
    assert (
        f'<h3 class="card__title"><a class="card__link" href="{product.get_absolute_url()}">'
        f"{escape(product.name)}</a></h3>"
    ) in html
    cheapest = min(v.price for v in product.variants.all())
    assert f'<span class="price">from ₹{cheapest:,.0f}</span>' in html
    assert f'<span class="chip">{escape(product.primary_use.name)}</span>' in html
    image = product.images.first()
    assert f'width="{image.width}" height="{image.height}" alt="{escape(image.alt_text)}"' in html
    assert 'srcset="/media/' in html and 'loading="lazy"' in html


def test_what_staff_typed_is_escaped_and_a_card_without_image_or_price_keeps_its_shape(db):
    use = UseCategoryFactory(name="Calm & <b>focus</b>")
    product = ProductFactory(name='Drops <script>alert("x")</script>', primary_use=use)
    html = card(product, note="Try <em>this</em> first", level=2)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Calm &amp; &lt;b&gt;focus&lt;/b&gt;" in html
    assert '<p class="card__note">Try &lt;em&gt;this&lt;/em&gt; first</p>' in html
    assert '<span class="card__image card__image--empty"></span>' in html
    assert '<h2 class="card__title">' in html and "</h2>" in html
    assert 'class="price"' not in html  # no pack, no price


def test_a_price_with_paise_shows_them(demo):
    product = Product.objects.get(slug="muscle-joint-pain-drops")
    product.variants.update(price=Decimal("549.50"))
    assert "from ₹549.50" in card(product)


def test_an_age_restricted_product_carries_the_18_plus_notice_on_its_card(demo):
    """The CBD drops' card says 18+ with the staff's notice wherever it is listed (the
    back-spasm article recommends them), not only on their own page."""
    from compliance.models import SiteSettings

    SiteSettings.objects.filter(pk=1).update(age_restricted_notice="Adults only, <18 no.")
    cbd = Product.objects.get(age_restricted=True)
    html = card(cbd)
    assert (
        '<p class="card__notice"><strong class="notice__badge">18+</strong> '
        "Adults only, &lt;18 no.</p>"
    ) in html
    assert "card__notice" not in card(Product.objects.filter(age_restricted=False).first())


@pytest.mark.parametrize(
    "page", ["/", "/articles/lower-back-spasms-exercises/", "/search/?q=drops"]
)
def test_listings_show_the_18_plus_notice_on_the_cbd_card(client, demo, page):
    cbd = Product.objects.get(age_restricted=True)
    html = client.get(page).content.decode()
    start = html.index(f'href="{cbd.get_absolute_url()}"')
    card_html = html[html.rindex("<article", 0, start) : html.index("</article>", start)]
    assert 'class="notice__badge">18+</strong>' in card_html
