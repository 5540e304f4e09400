"""A starting list of restricted phrases, the site-wide texts, and who may edit them.

Sources: India's Drugs and Magic Remedies (Objectionable Advertisements) Act, 1954
(s. 3 and its Schedule of diseases), the Drugs and Cosmetics Rules, 1945 for Ayurvedic
medicines, 21 CFR 101.93(g) (disease claims for dietary supplements) and the FTC's
Health Products Compliance Guidance (2022).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DMR = "Drugs and Magic Remedies (Objectionable Advertisements) Act, 1954, s. 3"
CFR = "21 CFR 101.93(g)"
FTC = "FTC Health Products Compliance Guidance (2022)"
DISEASES = (
    "arthritis|rheumatism|cancer|diabetes|obesity|epilepsy|paralysis|asthma|"
    "heart disease|hypertension|high blood pressure|infertility|depression|"
    "anxiety disorder|insomnia|ulcers?|IBS|irritable bowel syndrome|sciatica|slipped disc"
)

PHRASES = [
    # phrase, is_regex, severity, reason, rule, suggestion
    (
        r"\bcur(e|es|ed|ing)\b",
        True,
        "block",
        "Herbal products may not claim to cure a disease or condition.",
        f"{DMR}; {CFR}",
        "\u201cmay help relieve\u201d or \u201csupports\u201d",
    ),
    (
        r"\bguarantee(d|s)?\b",
        True,
        "block",
        "Results cannot be guaranteed; promising them misleads shoppers.",
        FTC,
        "Describe what people typically notice, e.g. \u201cmany people find\u201d.",
    ),
    (
        r"100\s*%\s*(effective|results?|success)",
        True,
        "block",
        "No health product is effective for everyone.",
        FTC,
        "\u201cmay help\u201d, with what it helps with.",
    ),
    (
        r"\b(no|zero|without( any)?)\s+side[\s-]effects?\b|\bside[\s-]effect[\s-]free\b",
        True,
        "block",
        "Claiming no side effects implies total safety that cannot be supported.",
        f"{FTC}; Drugs and Cosmetics Rules, 1945, r. 161",
        "\u201cgenerally well tolerated\u201d, with the warnings that apply.",
    ),
    (
        r"\bmiracle\w*",
        True,
        "block",
        "Magical or miraculous claims are prohibited.",
        DMR,
        "Describe the product plainly.",
    ),
    (
        r"\bpermanent(ly)?\s+(relief|cure|results?|solution)",
        True,
        "block",
        "Permanent results cannot be promised for any health product.",
        f"{DMR}; {FTC}",
        "\u201cfor temporary relief\u201d",
    ),
    (
        rf"\b(treat(s|ed|ing|ment of)?|heal(s|ed|ing)?|prevent(s|ed|ing|ion of)?|"
        rf"reverse(s|d)?)\s+(your\s+)?({DISEASES})\b",
        True,
        "block",
        "Claims to treat or prevent a disease named in the Act's Schedule, or any disease, "
        "make a product an unapproved drug.",
        f"{DMR} and Schedule; {CFR}",
        "Describe the everyday symptom it may ease, e.g. \u201cfor occasional joint stiffness\u201d.",
    ),
    (
        "clinically proven",
        False,
        "warn",
        "A clinical claim needs competent and reliable scientific evidence on file.",
        FTC,
        "Cite the study, or say \u201ctraditionally used for\u201d.",
    ),
    (
        r"\b(instant(ly)?|immediate(ly)?)\s+(pain\s+)?relie(f|ves?)\b",
        True,
        "warn",
        "Speed-of-relief claims need evidence for the product as sold.",
        FTC,
        "\u201cfor quick comfort\u201d, if the evidence supports it.",
    ),
    (
        r"interrupts?\s+(the\s+)?pain\s+signals?",
        True,
        "warn",
        "A claim about how the product acts on the body needs evidence.",
        FTC,
        "Describe what shoppers may feel, not the mechanism.",
    ),
    (
        "chondroprotective",
        False,
        "warn",
        "A claim to protect joint cartilage is a structure claim that needs evidence.",
        f"{FTC}; {CFR}",
        "\u201cfor joint comfort\u201d",
    ),
    (
        r"\b(completely|totally|100\s*%)\s+safe\b|\bsafe for everyone\b",
        True,
        "warn",
        "Safety claims must not hide who should not take the product.",
        FTC,
        "State who should not use it instead.",
    ),
    (
        r"\bdoctor[\s-](recommended|approved)\b",
        True,
        "warn",
        "Endorsement claims need a real, documented endorsement.",
        FTC,
        "Name the endorsement, or remove the claim.",
    ),
]

DISCLAIMER = (
    "These statements are for general information and are not medical advice. Our drops "
    "are herbal products: they are not intended to diagnose, treat, cure or prevent any "
    "disease. Results vary from person to person. If you are pregnant, breastfeeding, "
    "taking medicine or have a medical condition, or if symptoms persist or get worse, "
    "talk to a doctor or another qualified healthcare professional."
)
AGE_NOTICE = (
    "Contains cannabis leaf extract. For adults aged 18 and over only. Not for sale where "
    "such products are prohibited; check the rules where you live before you buy."
)

ROLE_PERMISSIONS = {
    "Claims reviewers": [
        "add_restrictedphrase",
        "change_restrictedphrase",
        "delete_restrictedphrase",
        "view_restrictedphrase",
        "change_sitesettings",
        "view_sitesettings",
    ],
    "Content editors": ["view_restrictedphrase", "view_sitesettings"],
    "Catalog managers": ["view_restrictedphrase", "view_sitesettings"],
}


def seed(apps, schema_editor):
    RestrictedPhrase = apps.get_model("compliance", "RestrictedPhrase")
    for phrase, is_regex, severity, reason, rule, suggestion in PHRASES:
        RestrictedPhrase.objects.get_or_create(
            phrase=phrase,
            defaults={
                "is_regex": is_regex,
                "severity": severity,
                "reason": reason,
                "rule": rule,
                "suggestion": suggestion,
            },
        )
    apps.get_model("compliance", "SiteSettings").objects.get_or_create(
        pk=1, defaults={"disclaimer": DISCLAIMER, "age_restricted_notice": AGE_NOTICE}
    )
    compliance = apps.get_app_config("compliance")
    compliance.models_module = True
    create_permissions(compliance, apps=apps, verbosity=0)
    compliance.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="compliance", codename__in=codenames)
        )


def unseed(apps, schema_editor):
    apps.get_model("compliance", "RestrictedPhrase").objects.filter(
        phrase__in=[p[0] for p in PHRASES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0001_claims_guard_and_site_settings"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
