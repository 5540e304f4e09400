import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article, Exercise
from catalog.models import Product
from compliance.claims import scan
from compliance.models import RestrictedPhrase, Severity
from tests.admin.forms import form_data
from tests.factories import ArticleFactory, ExerciseFactory, ProductFactory

pytestmark = pytest.mark.django_db


def findings_for(text: str):
    return scan({"body": ("body", text)})


@pytest.mark.parametrize(
    ("text", "phrase_fragment"),
    [
        ("These drops cure back pain.", "cur"),
        ("Relief guaranteed or your money back", "guarantee"),
        ("100% effective for everyone", "100"),
        ("Natural, with no side effects", "side"),
        ("A miracle in a bottle", "miracle"),
        ("Permanent relief from spasms", "permanent"),
        ("Treats arthritis naturally", "treat"),
    ],
)
def test_seeded_list_blocks_cure_claims(text, phrase_fragment):
    """The seeded phrases block cure, guarantee, 100%, side-effect, miracle, permanent and
    disease-treatment claims."""
    [finding] = findings_for(text)
    assert finding.severity == Severity.BLOCK
    assert phrase_fragment in finding.phrase.lower()


@pytest.mark.parametrize(
    "text",
    ["Secure packaging", "Curry leaves and ginger", "Accurate dosing", "Treat yourself well"],
)
def test_whole_words_only(text):
    """Ordinary words that contain a phrase are not flagged."""
    assert findings_for(text) == []


def test_warned_phrases_are_flagged_not_blocked():
    """Mechanism and speed claims from the brand copy are warnings for a reviewer."""
    findings = findings_for("It interrupts pain signals and is chondroprotective.")
    assert {f.severity for f in findings} == {Severity.WARN}
    assert len(findings) == 2


def test_blocked_phrase_is_refused_on_save_naming_phrase_field_and_wording():
    """full_clean refuses a blocked phrase with the phrase, the field and the suggestion."""
    product = ProductFactory.build(tagline="Cures joint pain fast")
    with pytest.raises(ValidationError) as caught:
        product.clean()
    [message] = caught.value.message_dict["tagline"]
    assert "\u201cCures\u201d in tagline" in message
    assert "Suggested wording" in message and "may help relieve" in message


def test_exercise_and_link_text_is_checked():
    """Exercise text and article-product notes go through the guard too."""
    exercise = ExerciseFactory.build(article=ArticleFactory(), safety_note="No side effects")
    with pytest.raises(ValidationError) as caught:
        exercise.full_clean()
    assert "safety_note" in caught.value.message_dict


def test_admin_refuses_a_blocked_phrase_and_keeps_the_form(admin_client):
    """The product admin refuses a blocked phrase with a clear message, keeping what was typed."""
    product = ProductFactory()
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_client.get(url), "product_form")
    data["description"] = ["Our miracle drops work overnight."]
    data["name"] = ["Renamed drops"]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "\u201cmiracle\u201d in description" in errors["description"][0]
    assert b"Our miracle drops work overnight." in response.content
    assert b'value="Renamed drops"' in response.content
    product.refresh_from_db()
    assert product.name != "Renamed drops"


def test_admin_saves_a_warned_phrase_with_a_warning(admin_client):
    """A warned phrase saves on a draft, and the admin shows the warning."""
    product = ProductFactory(status="draft")
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_client.get(url), "product_form")
    data["description"] = ["Clinically proven herbal support."]
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("Flagged for review" in m and "clinically proven" in m.lower() for m in shown)
    product.refresh_from_db()
    assert product.description == "Clinically proven herbal support."


def test_restricted_phrase_regex_must_compile(admin_client):
    """A broken regular expression is refused in the admin with the reason."""
    response = admin_client.post(
        reverse("admin:compliance_restrictedphrase_add"),
        {
            "phrase": "cur(e",
            "is_regex": "on",
            "severity": "block",
            "is_active": "on",
            "reason": "Cure claims",
        },
    )
    assert response.status_code == 200
    assert "Not a valid regular expression" in str(response.context["adminform"].form.errors)
    assert not RestrictedPhrase.objects.filter(phrase="cur(e").exists()


def test_staff_added_phrases_apply_at_once():
    """A phrase staff add is enforced on the next save."""
    RestrictedPhrase.objects.create(
        phrase="wonder herb", severity=Severity.BLOCK, reason="Hype", suggestion="herb"
    )
    with pytest.raises(ValidationError, match="wonder herb"):
        ProductFactory.build(tagline="A wonder herb blend").clean()


def test_check_claims_passes_on_the_demo_content(demo, capsys):
    """The demo content has no blocked phrases."""
    call_command("check_claims")
    assert "0 blocked" in capsys.readouterr().out


def test_check_claims_fails_when_something_blocks(demo, capsys):
    """check_claims reports each finding and exits 1 when a blocked phrase is stored."""
    Product.objects.filter(slug="acne-free-face-drops").update(tagline="Cures acne for good")
    Exercise.objects.filter(name="Bridge").update(benefit="Instant relief for the back")
    with pytest.raises(CommandError) as caught:
        call_command("check_claims")
    assert caught.value.returncode == 1
    out = capsys.readouterr().out
    assert "BLOCK catalog.Product" in out and "\u201cCures\u201d in tagline" in out
    assert "warn  articles.Article" in out and "of exercise \u201cBridge\u201d" in out
    assert "1 blocked, 1 warned" in str(caught.value)


def test_check_claims_honours_sign_offs(demo, claims_reviewer, capsys):
    """A warned phrase a claims reviewer signed off for the live version is not reported
    again; a new one is."""
    from compliance import workflow

    article = Article.objects.get()
    content, _ = workflow.current_content(article)
    content["children"]["exercises"][0]["benefit"] = "Clinically proven"
    workflow.submit(item=article, user=claims_reviewer, content=content, signed_off=True)
    call_command("check_claims", "--fail-on-warn")
    assert "0 blocked, 0 warned" in capsys.readouterr().out
    Exercise.objects.filter(name="Bridge").update(benefit="Instant relief for the back")
    with pytest.raises(CommandError, match="1 warned"):
        call_command("check_claims", "--fail-on-warn")


def test_check_claims_can_fail_on_warnings(demo):
    """With --fail-on-warn a warned phrase fails the run too."""
    Exercise.objects.filter(name="Bridge").update(benefit="Clinically proven")
    with pytest.raises(CommandError):
        call_command("check_claims", "--fail-on-warn")
