"""The phrase list reviewed against its rules: a readable "shown as" label for staff,
speed-of-relief claims of every wording (the demo's "quick relief" and "quick comfort"
too), and "miraculous" beside "miracle".

A seeded phrase is widened only where staff have not changed it since it was seeded.
"""

from django.db import migrations, models

DMR = "Drugs and Magic Remedies (Objectionable Advertisements) Act, 1954, s. 3"
FTC = "FTC Health Products Compliance Guidance (2022)"
ASCI = "ASCI Code, Chapter I (truthful, substantiated claims)"

OLD_SPEED = r"\b(instant(ly)?|immediate(ly)?)\s+(pain\s+)?relie(f|ves?)\b"
SPEED = (
    r"\b(instant(ly)?|immediate(ly)?|quick(ly)?|fast|rapid(ly)?|speedy)\s+(pain\s+)?"
    r"(relie(f|ves?)|comfort|results?)\b|\bfast[\s-]acting\b"
)
SPEED_ROW = {
    "is_regex": True,
    "severity": "warn",
    "label": "instant, immediate, quick, fast, rapid or speedy relief, comfort or results; "
    "fast-acting",
    "reason": "Speed-of-relief claims are efficacy claims: they need competent and reliable "
    "evidence for the product as sold, at the dose on the label.",
    "rule": f"{FTC}; {ASCI}",
    "suggestion": "\u201cmay help ease occasional discomfort\u201d, with no promise of how soon.",
}
OLD_SPEED_ROW = {
    "label": "",
    "reason": "Speed-of-relief claims need evidence for the product as sold.",
    "rule": FTC,
    "suggestion": "\u201cfor quick comfort\u201d, if the evidence supports it.",
}

OLD_MIRACLE = r"\bmiracle\w*"
MIRACLE = r"\bmiracle\w*|\bmiraculous(ly)?\b"

LABELS = {
    r"\bcur(e|es|ed|ing)\b": "cure, cures, cured, curing",
    r"\bguarantee(d|s)?\b": "guarantee, guaranteed, guarantees",
    r"100\s*%\s*(effective|results?|success)": "100% effective, 100% results, 100% success",
    r"\b(no|zero|without( any)?)\s+side[\s-]effects?\b|\bside[\s-]effect[\s-]free\b": (
        "no, zero or without (any) side effects; side-effect free"
    ),
    MIRACLE: "miracle, miracles, miraculous",
    r"\bpermanent(ly)?\s+(relief|cure|results?|solution)": (
        "permanent(ly) relief, cure, results or solution"
    ),
    r"interrupts?\s+(the\s+)?pain\s+signals?": "interrupts (the) pain signal(s)",
    r"\b(completely|totally|100\s*%)\s+safe\b|\bsafe for everyone\b": (
        "completely, totally or 100% safe; safe for everyone"
    ),
    r"\bdoctor[\s-](recommended|approved)\b": "doctor recommended, doctor approved",
}
TREAT_PREFIX = r"\b(treat(s|ed|ing|ment of)?|heal(s|ed|ing)?|prevent(s|ed|ing|ion of)?|"
TREAT_LABEL = (
    "treats, heals, prevents or reverses a disease: arthritis, diabetes, asthma, "
    "hypertension and the other diseases listed"
)


def review(apps, schema_editor):
    RestrictedPhrase = apps.get_model("compliance", "RestrictedPhrase")
    speed = RestrictedPhrase.objects.filter(phrase=OLD_SPEED, **OLD_SPEED_ROW)
    if speed.exists():
        speed.update(phrase=SPEED, **{k: v for k, v in SPEED_ROW.items() if k != "is_regex"})
    elif not RestrictedPhrase.objects.filter(phrase=SPEED).exists():
        RestrictedPhrase.objects.create(phrase=SPEED, **SPEED_ROW)
    if not RestrictedPhrase.objects.filter(phrase=MIRACLE).exists():
        RestrictedPhrase.objects.filter(phrase=OLD_MIRACLE).update(phrase=MIRACLE)
    for phrase, label in LABELS.items():
        RestrictedPhrase.objects.filter(phrase=phrase, label="").update(label=label)
    RestrictedPhrase.objects.filter(phrase__startswith=TREAT_PREFIX, label="").update(
        label=TREAT_LABEL
    )


def unreview(apps, schema_editor):
    RestrictedPhrase = apps.get_model("compliance", "RestrictedPhrase")
    if not RestrictedPhrase.objects.filter(phrase=OLD_SPEED).exists():
        RestrictedPhrase.objects.filter(phrase=SPEED).update(phrase=OLD_SPEED, **OLD_SPEED_ROW)
    if not RestrictedPhrase.objects.filter(phrase=OLD_MIRACLE).exists():
        RestrictedPhrase.objects.filter(phrase=MIRACLE).update(phrase=OLD_MIRACLE)


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0002_seed_phrases_settings_and_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalrestrictedphrase",
            name="label",
            field=models.CharField(
                blank=True,
                help_text='How staff see the phrase, e.g. "cure, cures, cured, curing" for a '
                "regular expression. Leave empty to show the phrase itself.",
                max_length=300,
                verbose_name="shown as",
            ),
        ),
        migrations.AddField(
            model_name="restrictedphrase",
            name="label",
            field=models.CharField(
                blank=True,
                help_text='How staff see the phrase, e.g. "cure, cures, cured, curing" for a '
                "regular expression. Leave empty to show the phrase itself.",
                max_length=300,
                verbose_name="shown as",
            ),
        ),
        migrations.RunPython(review, unreview),
    ]
