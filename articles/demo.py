"""Demo article: lower back spasms, with its five exercises and the two products it
recommends, written from the brand brief. Loaded by ``load_demo`` (see ``catalog.demo``)."""

from datetime import date

from django.core.exceptions import ValidationError

from articles import demo_hindi as hindi
from articles.models import Article, ArticleProduct, Exercise
from catalog.demo import DEMO_APPROVAL, DEMO_PUBLISHED_AT, Report, new_content_version, put
from catalog.models import Product, UseCategory
from compliance.models import PublicationStatus

BODY = """\
Most of us will have back pain at some point. The good news is that it is usually not
serious: in most cases it comes from a small strain of a muscle or a ligament, and it
settles by itself.

## Keep moving

It can feel natural to rest a painful back, but staying active is one of the best things
you can do. Carry on with your normal day as far as you can. Gentle exercise will not
make things worse, even if it feels uncomfortable at first, and it helps you recover
sooner.

## What a back spasm is

A spasm happens when the muscles of the back suddenly tighten and contract. It can be
anything from a mild, nagging discomfort to a sharp, intense pain, and it is one of the
most common reasons for back pain.

You usually feel it in one spot of the lower back. It can spread to the muscles around
it, and some people also feel pain in the hip or down the leg.

## Easing a spasm

Dealing with a spasm has two parts: relief now, and prevention for later. Home care and
regular stretching help with both. Whether medicine is worth taking depends on what kind
of pain you have and how bad it is; for spasm pain, many people also reach for muscle
pain drops such as the ones below.

## Five exercises for the lower back

The exercises below loosen and strengthen the lower back. Begin each one with just a few
repetitions, and add more as it gets easier. Move slowly, breathe normally, and stop any
exercise that causes sharp pain.

## Preventing the next one

Spasms are less likely when the back and core are strong and supple. Regular
strengthening exercise, breaks from long sitting, a healthy weight and care when lifting
all help protect your back.
"""

EXERCISES = [
    {
        "name": "Knee-to-chest stretch",
        "instructions": "Lie on your back with your knees bent and feet flat on the floor. "
        "Bring one knee up towards your chest, holding it with both hands, and keep the "
        "other foot on the floor. Hold for 20 to 30 seconds, lower it, and switch sides.",
        "benefit": "Loosens the lower back and the hips.",
        "start_repetitions": None,
        "target_repetitions": None,
        "frequency": "once in the morning and once in the evening",
        "safety_note": "Pull gently; you should feel a stretch, not pain.",
    },
    {
        "name": "Lower back rotational stretch",
        "instructions": "Lie on your back with your knees bent. Keeping your shoulders on the "
        "floor, let both knees roll slowly to one side. Hold for 5 to 10 seconds, bring them "
        "back to the middle, then roll them to the other side.",
        "benefit": "Eases tension and makes the spine more flexible.",
        "start_repetitions": None,
        "target_repetitions": None,
        "frequency": "morning and evening",
        "safety_note": "Only go as far as is comfortable.",
    },
    {
        "name": "Lower back flexibility exercise",
        "instructions": "Lie on your back with your knees bent and feet flat. Tighten your "
        "stomach so that the small of your back presses into the floor, hold for 5 seconds, "
        "then relax and let your back arch slightly.",
        "benefit": "Strengthens the core and improves the range of movement.",
        "start_repetitions": 5,
        "target_repetitions": 30,
        "frequency": "a day",
        "safety_note": "",
    },
    {
        "name": "Bridge",
        "instructions": "Lie on your back with your knees bent and feet hip-width apart. "
        "Squeeze your buttocks and lift your hips until your body makes a straight line from "
        "shoulders to knees. Hold for a few seconds, then lower slowly.",
        "benefit": "Strengthens the lower back and core, and steadies the pelvis.",
        "start_repetitions": 5,
        "target_repetitions": 30,
        "frequency": "a day",
        "safety_note": "Keep your neck relaxed and do not arch your back at the top.",
    },
    {
        "name": "Cat stretch",
        "instructions": "Kneel on all fours with your hands under your shoulders and knees "
        "under your hips. Round your back up towards the ceiling and let your head drop, "
        "then slowly let your back sag while lifting your head.",
        "benefit": "Keeps the spine flexible.",
        "start_repetitions": 3,
        "target_repetitions": 5,
        "frequency": "twice a day",
        "safety_note": "Move smoothly; do not force either position.",
    },
]

ARTICLE_SLUG = "lower-back-spasms-exercises"

LINKS = [
    ("muscle-pain-ayurvedic-cbd-drops", "For when a spasm strikes."),
    ("muscle-joint-pain-drops", "Everyday support for sore muscles and stiff joints."),
]


# When back pain calls for a doctor rather than exercise: the red flags the article's
# demo reviewer lists.
WARNING_SIGNS = (
    "The pain started after a fall, an accident or a blow to the back\n"
    "Numbness or tingling around the buttocks, groin or inner thighs\n"
    "Loss of control of your bladder or bowels\n"
    "Weakness, numbness or pins and needles in one or both legs\n"
    "Fever, unexplained weight loss or feeling generally unwell with the pain\n"
    "The pain is severe, keeps getting worse, wakes you at night or has not eased after "
    "a few weeks"
)


def load_articles(report: Report, *, reset: bool = False) -> None:
    """The demo article with its exercises and recommended products. Without ``reset`` an
    existing article is left as it is, its exercises and links too."""
    with report.item("articles", ARTICLE_SLUG):
        report.wrote("articles", load_article(reset=reset))


def load_article(*, reset: bool) -> bool:
    if not reset and Article.objects.filter(slug=ARTICLE_SLUG).exists():
        return False
    muscle = UseCategory.objects.filter(slug="muscle-joint-pain").first()
    if muscle is None:
        raise ValidationError("muscle-joint-pain could not be loaded.")
    article, done = put(
        Article,
        {"slug": ARTICLE_SLUG},
        {
            "title": "Lower back spasms: why they happen and five exercises that help",
            "summary": "Back spasms are common and rarely serious. Here is what causes them, "
            "how to ease the pain, and five simple exercises to loosen and strengthen "
            "your lower back.",
            "body": BODY,
            "warning_signs": WARNING_SIGNS,
            "hero_image": "",
            "hero_alt": "",
            "author": "Paincare editorial team",
            "reviewer_name": "Dr. Asha Menon (demo reviewer)",
            "reviewer_credentials": "BAMS, MD (Ayurveda)",
            "reviewed_on": date(2026, 1, 10),
            "next_review_due": date(2027, 1, 10),
            "status": PublicationStatus.PUBLISHED,
            "published_at": DEMO_PUBLISHED_AT,
            "seo_title": "Lower back spasms: causes, relief and 5 exercises",
            "seo_description": "Why lower back spasms happen, how to ease them, and five "
            "exercises with clear doses to loosen and strengthen your back.",
            **DEMO_APPROVAL,
            **hindi.ARTICLES[ARTICLE_SLUG],
        },
        reset=reset,
    )
    created, did = done == "created", bool(done)
    if list(article.use_categories.values_list("pk", flat=True)) != [muscle.pk]:
        article.use_categories.set([muscle])
        did = True
    for position, data in enumerate(EXERCISES, start=1):
        values = {key: value for key, value in data.items() if key != "name"}
        values.update(hindi.EXERCISES[ARTICLE_SLUG].get(data["name"], {}))
        lookup = {"article": article, "name": data["name"]}
        did |= bool(put(Exercise, lookup, {**values, "position": position}, reset=reset)[1])
    for position, (slug, note) in enumerate(LINKS, start=1):
        product = Product.objects.filter(slug=slug).first()
        if product is not None:  # one left out is reported with the products
            lookup = {"article": article, "product": product}
            values = {
                "position": position,
                "note": note,
                "note_hi": hindi.LINK_NOTES.get((ARTICLE_SLUG, slug), ""),
            }
            did |= bool(put(ArticleProduct, lookup, values, reset=reset)[1])
    if did and not created:
        new_content_version(article)
    return did
