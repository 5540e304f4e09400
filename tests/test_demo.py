import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleProduct, Exercise
from catalog.demo import DEMO_PUBLISHED_AT
from catalog.models import Product, ProductImage, UseCategory, Variant
from compliance import workflow
from compliance.models import PublicationStatus
from tests.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def test_load_demo_loads_the_catalog(demo):
    """load_demo loads the four uses, five products (a variant and image each) and the article."""
    assert list(UseCategory.objects.values_list("slug", flat=True)) == [
        "muscle-joint-pain",
        "acne",
        "anxiety-panic",
        "digestive-comfort",
    ]
    assert Product.objects.published().count() == 5
    assert Variant.objects.filter(pack_size="30 ml", sku__startswith="DEMO-").count() == 5
    for image in ProductImage.objects.all():
        assert image.alt_text.startswith("30 ml amber dropper bottle of the")
        assert (image.width, image.height) == (1200, 1200)
        assert [r["width"] for r in image.renditions] == [320, 640, 960, 1200]
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    assert article.is_public
    assert article.exercises.count() == 5
    assert list(article.product_links.values_list("product__slug", flat=True)) == [
        "muscle-pain-ayurvedic-cbd-drops",
        "muscle-joint-pain-drops",
    ]


def test_load_demo_twice_changes_nothing(demo, capsys):
    """A second load_demo run changes no row and records no history."""
    before = {
        "history": Product.history.count() + Article.history.count(),
        "updated": list(Product.objects.values_list("updated_at", flat=True)),
        "images": ProductImage.objects.count(),
        "links": list(ArticleProduct.objects.values_list("pk", "position", "note")),
    }
    call_command("load_demo")
    assert "nothing changed" in capsys.readouterr().out
    after = {
        "history": Product.history.count() + Article.history.count(),
        "updated": list(Product.objects.values_list("updated_at", flat=True)),
        "images": ProductImage.objects.count(),
        "links": list(ArticleProduct.objects.values_list("pk", "position", "note")),
    }
    assert after == before


def history_count() -> int:
    return sum(
        model.history.count()
        for model in (Product, Variant, ProductImage, UseCategory, Article, Exercise)
    )


def edit_demo_rows() -> None:
    """Edits staff might make (and have approved): a price, a tagline, an exercise."""
    Variant.objects.filter(sku="DEMO-MJ-30ML").update(price=Decimal("579.00"))
    Product.objects.filter(slug="acne-free-face-drops").update(tagline="Calmer skin, in drops.")
    Exercise.objects.filter(name="Bridge").update(instructions="Lift your hips slowly.")


def test_load_demo_stamps_the_approval(demo):
    """Demo items are created published, approved at the demo publication time by no user."""
    for item in [*Product.objects.all(), *UseCategory.objects.all(), *Article.objects.all()]:
        assert (item.approved_at, item.approved_by) == (DEMO_PUBLISHED_AT, None)


def test_load_demo_keeps_edited_rows(demo, capsys):
    """A run after editing a price, a tagline and an exercise keeps the edits and saves nothing."""
    edit_demo_rows()
    Exercise.objects.filter(name="Cat stretch").delete()
    history = history_count()
    call_command("load_demo")
    assert "nothing changed" in capsys.readouterr().out
    assert Variant.objects.get(sku="DEMO-MJ-30ML").price == Decimal("579.00")
    assert Product.objects.get(slug="acne-free-face-drops").tagline == "Calmer skin, in drops."
    assert Exercise.objects.get(name="Bridge").instructions == "Lift your hips slowly."
    assert not Exercise.objects.filter(name="Cat stretch").exists()  # nothing added to live items
    assert history_count() == history


def test_load_demo_creates_what_is_missing(demo):
    """A demo product deleted (with its pack and image) comes back; the others are kept."""
    edit_demo_rows()
    Product.objects.filter(slug="bloating-indigestion-drops").delete()
    call_command("load_demo", verbosity=0)
    product = Product.objects.get(slug="bloating-indigestion-drops")
    assert product.is_public
    assert [v.sku for v in product.variants.all()] == ["DEMO-DG-30ML"]
    assert [i.is_main for i in product.images.all()] == [True]
    assert Variant.objects.get(sku="DEMO-MJ-30ML").price == Decimal("579.00")


def test_reset_restores_the_demo_and_leaves_other_rows(demo, capsys):
    """--reset writes the demo values back; staff's own rows stay as they are; a plain run
    after it changes nothing."""
    edit_demo_rows()
    Product.objects.filter(slug="anxiety-fear-panic-drops").update(
        status=PublicationStatus.ARCHIVED
    )
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    own_exercise = Exercise.objects.create(
        article=article, name="Walk", instructions="Walk for ten minutes.", frequency="a day"
    )
    own_product = ProductFactory(tagline="Staff's own")
    call_command("load_demo", "--reset")
    assert "created or restored" in capsys.readouterr().out
    assert Variant.objects.get(sku="DEMO-MJ-30ML").price == Decimal("549.00")
    assert Product.objects.get(slug="acne-free-face-drops").tagline.startswith("Herbal drops")
    assert Exercise.objects.get(name="Bridge").instructions.startswith("Lie on your back")
    assert Product.objects.get(slug="anxiety-fear-panic-drops").is_public
    assert Exercise.objects.get(pk=own_exercise.pk).instructions == "Walk for ten minutes."
    assert Product.objects.get(pk=own_product.pk).tagline == "Staff's own"
    history = history_count()
    call_command("load_demo")
    call_command("load_demo", "--reset")
    assert capsys.readouterr().out.count("nothing changed") == 2
    assert history_count() == history


def test_reset_makes_open_edits_stale(demo):
    """A reset that rewrites a live item moves its version on: a form opened before it is
    refused as stale."""
    product = Product.objects.get(slug="acne-free-face-drops")
    token = workflow.edit_token(product)
    Product.objects.filter(pk=product.pk).update(tagline="Calmer skin, in drops.")
    call_command("load_demo", "--reset", verbosity=0)
    with pytest.raises(workflow.Conflict):
        workflow.check_token(Product.objects.get(pk=product.pk), token)
    untouched = Product.objects.get(slug="muscle-joint-pain-drops")
    assert untouched.content_version == 0


def test_an_item_blocked_by_staff_data_is_left_out(demo, capsys):
    """A demo SKU staff gave to another product stops only that demo product, with a reason."""
    Product.objects.filter(slug="bloating-indigestion-drops").delete()
    VariantFactory(product=ProductFactory(slug="my-digest"), sku="DEMO-DG-30ML")
    call_command("load_demo")
    captured = capsys.readouterr()
    assert "Not loaded: product bloating-indigestion-drops: its SKU DEMO-DG-30ML" in (captured.err)
    assert not Product.objects.filter(slug="bloating-indigestion-drops").exists()
    assert Variant.objects.get(sku="DEMO-DG-30ML").product.slug == "my-digest"


def sign_ins(output: str) -> dict[str, str]:
    """The user names and passwords load_demo --staff printed."""
    return dict(re.findall(r"^  (demo-\S+) .* password (\S+)$", output, re.MULTILINE))


def test_staff_accounts_one_per_role(demo, settings, capsys, django_user_model):
    """--staff creates a staff account in each role's group and prints how to sign in."""
    settings.DEBUG = True
    call_command("load_demo", "--staff")
    output = capsys.readouterr().out
    passwords = sign_ins(output)
    assert sorted(passwords) == ["demo-catalog", "demo-editor", "demo-reviewer"]
    groups = {"demo-catalog": "Catalog managers", "demo-editor": "Content editors"}
    groups["demo-reviewer"] = "Claims reviewers"
    for username, password in passwords.items():
        user = django_user_model.objects.get(username=username)
        assert user.is_staff and user.is_active and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [groups[username]]
        assert user.check_password(password)
    assert "http://127.0.0.1:8000/admin/" in output


def test_staff_accounts_keep_their_passwords(demo, settings, capsys, django_user_model):
    """A second --staff run says the accounts exist and keeps their passwords; --reset
    --staff sets and prints new ones."""
    settings.DEBUG = True
    call_command("load_demo", "--staff")
    first = sign_ins(capsys.readouterr().out)
    call_command("load_demo", "--staff")
    output = capsys.readouterr().out
    assert sign_ins(output) == {}
    assert output.count("exists: its password is left as it is") == 3
    user = django_user_model.objects.get(username="demo-editor")
    assert user.check_password(first["demo-editor"])
    call_command("load_demo", "--staff", "--reset")
    second = sign_ins(capsys.readouterr().out)
    user.refresh_from_db()
    assert user.check_password(second["demo-editor"])
    assert not user.check_password(first["demo-editor"])


def test_no_staff_accounts_without_the_option(demo, settings, django_user_model):
    """load_demo and load_demo --reset create no accounts."""
    settings.DEBUG = True
    call_command("load_demo", "--reset", verbosity=0)
    assert not django_user_model.objects.filter(username__startswith="demo-").exists()


def test_staff_refused_with_debug_off_unless_forced(demo, settings, django_user_model):
    """With DEBUG off, --staff is refused (nothing written) unless --force is given."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", "--staff")
    assert not django_user_model.objects.filter(username__startswith="demo-").exists()
    call_command("load_demo", "--staff", "--force", verbosity=0)
    assert django_user_model.objects.filter(username__startswith="demo-").count() == 3
